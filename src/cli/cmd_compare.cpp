// factlens compare [--format json|text] [--rates reference|none|FILE] FILE...
// Lines up the same facts across articles (align_facts(), src/core/align.h) and prints each
// cluster with its verdict. A .txt file is one article; its id is the file name without extension.
// Outlet and date come from the text (find_article_meta), or from an articles.json next to the
// files when there is one (as in assets/corpus). Exit codes: 0 everything read; 1 some input could
// not be read (the rest is still processed); 2 usage error.
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../app/embedded_assets.h"
#include "align.h"
#include "claim.h"
#include "claim_json.h"
#include "cli_common.h"
#include "fact_table.h"  // format_period()
#include "rates.h"
#include "utf8.h"

namespace factlens::cli {

using json = nlohmann::ordered_json;  // keys in the documented order

static int compare_usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens compare: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens compare [--format json|text] [--rates reference|none|FILE] FILE...\n"
                 "  Groups the figures of several articles into clusters, one real-world quantity each,\n"
                 "  with a verdict: agree, compatible, conflict, timeframe or single.\n"
                 "  --format  json (default) or text, a report for a terminal\n"
                 "  --rates   how amounts in different currencies that no article converts itself are\n"
                 "            compared: reference (default) the CFETS central parity table built into\n"
                 "            factlens; none: only through the articles' own conversions; FILE.json a table\n"
                 "            as assets/cny_reference_rates.json, FILE.csv the ECB's eurofxref-hist.csv\n"
                 "  Outlet and date come from an articles.json next to the files when there is one.\n");
    return 2;
}

namespace {

struct LoadedArticle {
    std::string id, outlet = "unknown", date = "unknown";
    Day published = 0;
    std::string text;
    std::vector<Claim> claims;
};

std::string folder_of(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string file_name(const std::string& path) {
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

Day parse_iso_day(const std::string& s) {
    int y = 0, m = 0, d = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return 0;
    return y * 10000 + m * 100 + d;
}

// The "articles" of an articles.json in `folder`, by file name; empty when there is none (or it
// does not parse: the texts' own metadata is used then, with a warning).
const json& folder_metadata(const std::string& folder, std::map<std::string, json>& cache) {
    auto it = cache.find(folder);
    if (it != cache.end()) return it->second;
    json by_file = json::object();
    std::string raw, why;
    const std::string path = folder + "/articles.json";
    if (read_all(path, &raw, &why)) {
        json meta = json::parse(raw, nullptr, false);
        if (meta.is_object() && meta.contains("articles") && meta["articles"].is_array()) {
            for (const json& a : meta["articles"])
                if (a.is_object() && a.contains("file") && a["file"].is_string()) by_file[a["file"].get<std::string>()] = a;
        } else {
            std::fprintf(stderr, "factlens: %s: not an articles.json (ignored)\n", path.c_str());
        }
    }
    return cache.emplace(folder, std::move(by_file)).first->second;
}

std::string json_string_or(const json& j, const char* key, const std::string& fallback) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

// The reference table compiled into the binary, as `extract --to` uses it.
bool load_builtin_rates(RateTable* rates) {
    const EmbeddedAsset* a = find_embedded_asset("rates/cny_reference_rates.json");
    std::string why = "missing from this build";
    RateSource src;
    if (!a || !load_reference_rates(std::string_view((const char*)a->data, a->size), "CFETS central parity", &src, &why)) {
        std::fprintf(stderr, "factlens: the built-in reference rates: %s\n", why.c_str());
        return false;
    }
    rates->sources.push_back(std::move(src));
    return true;
}

bool load_rates_file(const std::string& path, RateTable* rates) {
    if (path == "reference") return load_builtin_rates(rates);
    if (path == "none") return true;
    std::string raw, why;
    if (!read_all(path, &raw, &why)) {
        std::fprintf(stderr, "factlens: %s: cannot read: %s\n", path.c_str(), why.c_str());
        return false;
    }
    RateSource src;
    const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
    const bool ok = csv ? load_ecb_csv(raw, file_name(path), &src, &why) : load_reference_rates(raw, file_name(path), &src, &why);
    if (!ok) {
        std::fprintf(stderr, "factlens: %s: %s\n", path.c_str(), why.c_str());
        return false;
    }
    rates->sources.push_back(std::move(src));
    return true;
}

json num_or_null(double v) { return is_none(v) ? json(nullptr) : json(v); }

std::string slice(const std::string& text, uint32_t a, uint32_t b) {
    return b > a && b <= text.size() ? text.substr(a, b - a) : std::string();
}

json member_json(const LoadedArticle& a, const Claim& c) {
    json unit = nullptr;
    if (c.unit) unit = c.unit;
    else if (c.noun_end > c.noun_start) unit = slice(a.text, c.noun_start, c.noun_end);
    json period = nullptr;
    if (c.period_start) period = {{"start", day_to_iso(c.period_start)}, {"end", day_to_iso(c.period_end)}};
    return {{"article", a.id}, {"start", c.start}, {"end", c.end}, {"kind", claim_kind_name(c.kind)},
            {"value", num_or_null(c.value)}, {"unit", unit}, {"low", num_or_null(c.low)},
            {"high", num_or_null(c.high)}, {"period", period}};
}

void print_json(const std::vector<LoadedArticle>& arts, const std::vector<Cluster>& clusters) {
    json out = {{"articles", json::array()}, {"clusters", json::array()}};
    for (const LoadedArticle& a : arts) out["articles"].push_back({{"id", a.id}, {"outlet", a.outlet}, {"date", a.date}});
    for (size_t i = 0; i < clusters.size(); ++i) {
        const Cluster& c = clusters[i];
        json members = json::array();
        for (const ClusterMember& m : c.members) members.push_back(member_json(arts[m.article], arts[m.article].claims[m.claim]));
        json reason = json::array();
        for (const char* r : align_reason_names(c.reasons)) reason.push_back(r);
        out["clusters"].push_back({{"id", i + 1}, {"label", c.label}, {"verdict", verdict_name(c.verdict)},
                                   {"explanation", c.explanation}, {"members", members}, {"reason", reason}});
    }
    std::puts(out.dump(2, ' ', false, json::error_handler_t::replace).c_str());
}

// A figure as its article writes it: "exceed 1.2 trillion yuan (about $168 billion)".
std::string written(const LoadedArticle& a, const Claim& c, const Claim* pair) {
    std::string s = c.qualifier ? std::string(c.qualifier) + " " : "";
    s += slice(a.text, c.start, c.end);
    if (c.kind == ClaimKind::Count && c.noun_end > c.noun_start && c.noun_start >= c.end) s += " " + slice(a.text, c.noun_start, c.noun_end);
    if (pair) s += " (" + std::string(pair->qualifier ? std::string(pair->qualifier) + " " : "") + slice(a.text, pair->start, pair->end) + ")";
    return s;
}

std::string source_of(const LoadedArticle& a) { return a.outlet != "unknown" && !a.outlet.empty() ? a.outlet + " (" + a.id + ")" : a.id; }

void print_text(const std::vector<LoadedArticle>& arts, const std::vector<Cluster>& clusters) {
    size_t multi = 0;
    for (const Cluster& c : clusters) multi += c.verdict != Verdict::Single;
    std::printf("%zu articles, %zu facts reported by several sources, %zu by one\n", arts.size(), multi, clusters.size() - multi);
    for (size_t i = 0; i < clusters.size(); ++i) {
        const Cluster& c = clusters[i];
        if (c.verdict == Verdict::Single) continue;
        std::printf("\n#%zu %s: %s\n", i + 1, verdict_name(c.verdict), c.label.c_str());
        for (size_t k = 0; k < c.members.size(); ++k) {
            const ClusterMember& m = c.members[k];
            const LoadedArticle& a = arts[m.article];
            const Claim& claim = a.claims[m.claim];
            const bool paired = k + 1 < c.members.size() && c.members[k + 1].article == m.article;
            const Claim* pair = paired ? &a.claims[c.members[k + 1].claim] : nullptr;
            char period[64];
            format_period(claim.period_start, claim.period_end, period, sizeof period);
            size_t restated = 0;
            for (const ClusterMember& r : c.restated) restated += r.article == m.article;
            std::string tags = period;
            if (claim.hedge) tags += (tags.empty() ? "" : ", ") + std::string(claim.hedge);
            if (restated) tags += (tags.empty() ? "" : ", ") + std::string("+") + std::to_string(restated) + " restated";
            std::printf("  %-36s %s%s\n", source_of(a).c_str(), written(a, claim, pair).c_str(),
                        tags.empty() ? "" : ("  [" + tags + "]").c_str());
            if (paired) ++k;
        }
        std::printf("  why: %s\n", c.explanation.c_str());
    }
    if (multi == clusters.size()) return;
    std::printf("\nReported by one source only (%zu):\n", clusters.size() - multi);
    for (const Cluster& c : clusters) {
        if (c.verdict != Verdict::Single) continue;
        const ClusterMember& m = c.members.front();
        const LoadedArticle& a = arts[m.article];
        const Claim* pair = c.members.size() > 1 ? &a.claims[c.members[1].claim] : nullptr;
        std::printf("  %-36s %s  (%s)\n", source_of(a).c_str(), written(a, a.claims[m.claim], pair).c_str(), c.label.c_str());
    }
}

}  // namespace

int run_compare(int argc, char** argv) {
    std::string format = "json";
    std::vector<std::string> files;
    std::string rates_arg = "reference";
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") { compare_usage(nullptr); return 0; }
        if (a == "--format") {
            if (i + 1 >= argc) return compare_usage("--format needs a value");
            format = argv[++i];
        } else if (a.rfind("--format=", 0) == 0) {
            format = a.substr(9);
        } else if (a == "--rates") {
            if (i + 1 >= argc) return compare_usage("--rates needs a file name");
            rates_arg = argv[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            return compare_usage(("unknown option " + a).c_str());
        } else {
            files.push_back(a);
        }
    }
    if (format != "json" && format != "text") return compare_usage("--format must be json or text");
    if (files.empty()) return compare_usage("no input files");

    int status = 0;
    RateTable rates;
    if (!load_rates_file(rates_arg, &rates)) status = 1;  // still compared, through the articles' own pairs

    std::map<std::string, json> metadata;
    std::vector<LoadedArticle> arts;
    arts.reserve(files.size());
    // Inputs as `factlens extract` reads them: directories, writerless FIFOs, binary files and
    // inputs past 4 GiB skipped with a message (exit 1, the rest still compared), malformed UTF-8
    // replaced, repeated ids made unique.
    ArticleIds ids;
    for (const std::string& path : files) note_input(path);
    for (const std::string& path : files) {
        LoadedArticle a;
        size_t replaced = 0;
        if (std::string why = read_article(path, &a.text, &replaced); !why.empty()) {
            std::fprintf(stderr, "factlens: %s: %s\n", path.c_str(), why.c_str());
            status = 1;
            continue;
        }
        if (replaced) std::fprintf(stderr, "factlens: %s: replaced %zu invalid UTF-8 sequence(s)\n", path.c_str(), replaced);
        a.id = ids.unique(article_id(path), path);
        const ArticleMeta meta = find_article_meta(a.text);
        if (!meta.outlet.empty()) a.outlet = meta.outlet;
        if (meta.published) { a.published = meta.published; a.date = day_to_iso(meta.published); }
        if (path != "-") {
            const json& by_file = folder_metadata(folder_of(path), metadata);
            auto it = by_file.find(file_name(path));
            if (it != by_file.end()) {
                a.outlet = json_string_or(*it, "outlet", a.outlet);
                a.date = json_string_or(*it, "date", a.date);
                a.published = parse_iso_day(a.date);
            }
        }
        ExtractOptions opt;
        opt.published = a.published;
        a.claims = extract_claims(a.text, opt);
        arts.push_back(std::move(a));
    }

    std::vector<AlignArticle> input;
    input.reserve(arts.size());
    for (const LoadedArticle& a : arts) input.push_back({a.id, a.outlet, a.date, a.published, a.text, &a.claims});
    const std::vector<Cluster> clusters = align_facts(input, rates.sources.empty() ? nullptr : &rates);
    if (format == "json") print_json(arts, clusters);
    else print_text(arts, clusters);
    if (std::fflush(stdout) != 0) return 1;
    return status;
}

}  // namespace factlens::cli
