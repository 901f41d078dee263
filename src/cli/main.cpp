// factlens: the command line tool.
//   factlens extract [--format jsonl|json|csv] FILE...    ("-" reads standard input)
// Exit codes: 0 everything read; 1 some input could not be read (the rest is still processed);
// 2 usage error.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "claim.h"
#include "claim_json.h"
#include "utf8.h"

using namespace factlens;

static int usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens extract [--format jsonl|json|csv] [--output FILE] FILE...\n"
                 "  Prints every numeric claim found in each file (\"-\" reads standard input).\n"
                 "  A .txt file is one article; its id is the file name without extension.\n");
    return 2;
}

static std::string article_id(const std::string& path) {
    if (path == "-") return "stdin";
    size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

static bool read_all(const std::string& path, std::string* out, std::string* why) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        *out = ss.str();
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) { *why = std::strerror(errno); return false; }
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) { *why = "read error"; return false; }
    *out = ss.str();
    return true;
}

int main(int argc, char** argv) {
    if (argc < 2) return usage(nullptr);
    if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) { usage(nullptr); return 0; }
    if (std::strcmp(argv[1], "extract") != 0) return usage((std::string("unknown command \"") + argv[1] + "\"").c_str());
    std::string format = "jsonl";
    std::string output;  // empty: standard output
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--format") {
            if (i + 1 >= argc) return usage("--format needs a value");
            format = argv[++i];
        } else if (a == "--output" || a == "-o") {
            if (i + 1 >= argc) return usage("--output needs a file name");
            output = argv[++i];
        } else if (a.rfind("--format=", 0) == 0) {
            format = a.substr(9);
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage(("unknown option " + a).c_str());
        } else {
            files.push_back(a);
        }
    }
    if (format != "jsonl" && format != "json" && format != "csv") return usage("--format must be jsonl, json or csv");
    if (files.empty()) return usage("no input files");

    // Written to a temporary file first, so a failed run never leaves half a file behind.
    const std::string tmp = output.empty() ? "" : output + ".tmp";
    if (!output.empty() && !std::freopen(tmp.c_str(), "w", stdout)) {
        std::fprintf(stderr, "factlens: cannot write %s: %s\n", output.c_str(), std::strerror(errno));
        return 1;
    }
    int status = 0;
    bool first_json = true;
    if (format == "json") std::fputs("[", stdout);
    if (format == "csv") std::puts(claims_csv_header().c_str());
    for (const std::string& path : files) {
        std::string raw, why;
        if (!read_all(path, &raw, &why)) {
            std::fprintf(stderr, "factlens: %s: cannot read: %s\n", path.c_str(), why.c_str());
            status = 1;
            continue;
        }
        size_t replaced = 0;
        std::string text = utf8_sanitize(raw, &replaced);
        if (replaced) std::fprintf(stderr, "factlens: %s: replaced %zu invalid UTF-8 sequence(s)\n", path.c_str(), replaced);
        const std::string id = article_id(path);
        ExtractOptions opt;
        opt.published = find_article_meta(text).published;
        // Streamed: each block's claims are printed as soon as they are final.
        struct Out { const std::string* id; const std::string* text; const std::string* format; bool* first_json; } o{
            &id, &text, &format, &first_json};
        extract_claims_stream(text, opt, [](const Claim& c, void* user) {
            const Out& o = *(const Out*)user;
            if (*o.format == "csv") {
                std::puts(claim_to_csv(*o.id, *o.text, c).c_str());
            } else if (*o.format == "json") {
                std::fputs(*o.first_json ? "\n" : ",\n", stdout);
                std::fputs(claim_to_json(*o.id, *o.text, c).c_str(), stdout);
                *o.first_json = false;
            } else {
                std::puts(claim_to_json(*o.id, *o.text, c).c_str());
            }
        }, &o);
    }
    if (format == "json") std::fputs(first_json ? "]\n" : "\n]\n", stdout);
    if (!output.empty()) {
        if (std::fflush(stdout) != 0 || std::ferror(stdout) || std::rename(tmp.c_str(), output.c_str()) != 0) {
            std::fprintf(stderr, "factlens: cannot write %s\n", output.c_str());
            return 1;
        }
    }
    return status;
}
