// factlens extract [--format jsonl|json|csv] [--output FILE] FILE...   ("-" reads standard input)
// Exit codes: 0 everything read; 1 some input could not be read (the rest is still processed);
// 2 usage error.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "claim.h"
#include "claim_json.h"
#include "cli_common.h"
#include "utf8.h"

namespace factlens::cli {

static int extract_usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens extract: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens extract [--format jsonl|json|csv] [--output FILE] FILE...\n"
                 "  Prints every numeric claim found in each file (\"-\" reads standard input).\n"
                 "  A .txt file is one article; its id is the file name without extension.\n");
    return 2;
}

int run_extract(int argc, char** argv) {
    std::string format = "jsonl";
    std::string output;  // empty: standard output
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") { extract_usage(nullptr); return 0; }
        if (a == "--format") {
            if (i + 1 >= argc) return extract_usage("--format needs a value");
            format = argv[++i];
        } else if (a == "--output" || a == "-o") {
            if (i + 1 >= argc) return extract_usage("--output needs a file name");
            output = argv[++i];
        } else if (a.rfind("--format=", 0) == 0) {
            format = a.substr(9);
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return extract_usage(("unknown option " + a).c_str());
        } else {
            files.push_back(a);
        }
    }
    if (format != "jsonl" && format != "json" && format != "csv") return extract_usage("--format must be jsonl, json or csv");
    if (files.empty()) return extract_usage("no input files");

    if (!begin_output(output)) return 1;
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
    if (!commit_output(output)) return 1;
    return status;
}

}  // namespace factlens::cli
