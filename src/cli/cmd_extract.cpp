// factlens extract [--format jsonl|json|csv] [--output FILE] [--to CUR [--rates WHICH]] FILE...
// ("-" reads standard input)
// Exit codes: 0 everything read; 1 some input could not be read (the rest is still processed), or
// the --rates file is unreadable or malformed (then nothing is printed); 2 usage error.
//
// Without --to, claims are printed as each 64 KiB block of text yields them. With --to, one
// article's claims are gathered (Article mode needs all of its conversion pairs), converted with
// convert_money() exactly as the app's currency toggle converts the fact table (fact_convert.cpp),
// printed and dropped: memory stays bounded per article.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../app/embedded_assets.h"
#include "claim.h"
#include "claim_json.h"
#include "cli_common.h"
#include "convert.h"
#include "utf8.h"

namespace factlens::cli {

static int extract_usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens extract: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens extract [--format jsonl|json|csv] [--output FILE] [--to CUR [--rates WHICH]] FILE...\n"
                 "  Prints every numeric claim found in each file (\"-\" reads standard input).\n"
                 "  A .txt file is one article; its id is the file name without extension.\n"
                 "  --to CUR       also convert every amount of money into CUR (USD, EUR, GBP, JPY, ...).\n"
                 "                 Money claims gain display_value, display_unit, rate and rate_unit (the\n"
                 "                 conversion's, e.g. 7.0572 \"CNY per USD\"), rate_source, rate_date, rate_stale,\n"
                 "                 conversion (converted, unchanged, no rate, fallback) and conversion_note;\n"
                 "                 every claim carries its own conversion pair's rate as pair_rate, pair_rate_unit.\n"
                 "  --rates WHICH  where the rate comes from (default reference). The rate used is the latest\n"
                 "                 published on or before the article's date (else the end of the claim's period):\n"
                 "                   reference   the CFETS central parity table built into factlens\n"
                 "                   article     each article's own conversion pairs (\"1.2 trillion yuan (about\n"
                 "                               $168 billion)\"): a figure it converts into CUR at that pair's\n"
                 "                               rate, its other figures at its first pair for their currency;\n"
                 "                               without one, the reference rate, flagged fallback\n"
                 "                   FILE.csv    the ECB's eurofxref-hist.csv; FILE.json a table in the format of\n"
                 "                               assets/cny_reference_rates.json: that file is the only table\n"
                 "                   7.10        7.10 CNY per 1 CUR: CNY, the corpus's home currency, is assumed\n"
                 "                   \"7.10 CNY per USD\"  names both currencies\n"
                 "                 With a typed rate, amounts in other currencies use the reference rate, flagged\n"
                 "                 fallback.\n");
    return 2;
}

// ---- --to and --rates -----------------------------------------------------------------------------

// The currency every money claim is converted into, and the rates it is converted with.
struct ConvertSetup {
    CurrencyDesc desc;  // desc.to empty: nothing converted, claims printed as always
    RateTable rates;
};

// The home currency of the corpus: a bare --rates number is this many CNY per 1 unit of --to.
static const char* const kHomeCurrency = "CNY";
static const char* const kReferenceName = "CFETS central parity";  // as the app names it

static std::string upper(std::string s) {
    for (char& ch : s) ch = (char)std::toupper((unsigned char)ch);
    return s;
}

static bool ends_with_nocase(const std::string& s, const char* suffix) {
    const size_t n = std::strlen(suffix);
    return s.size() > n && upper(s.substr(s.size() - n)) == upper(suffix);
}

// A plain positive decimal ("7.10", "0.1408", "7e0"); nan, inf, hex and trailing text are refused.
static bool parse_positive_rate(const std::string& s, double* out) {
    if (s.empty() || s.find_first_not_of("0123456789.eE+-") != std::string::npos) return false;
    if (s.find_first_of("0123456789") == std::string::npos) return false;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v) || !(v > 0)) return false;
    *out = v;
    return true;
}

// A typed rate: "7.10" (CNY per 1 `to`) or "7.10 CNY per USD". Returns "" or why it is not one.
static std::string parse_custom_rate(const std::string& text, CurrencyDesc* desc) {
    std::vector<std::string> words;
    for (size_t i = 0; i < text.size();) {
        while (i < text.size() && std::isspace((unsigned char)text[i])) ++i;
        size_t j = i;
        while (j < text.size() && !std::isspace((unsigned char)text[j])) ++j;
        if (j > i) words.push_back(text.substr(i, j - i));
        i = j;
    }
    const std::string expected =
        "--rates must be reference, article, a .csv or .json rate file, a positive rate (7.10) or \"7.10 CNY per USD\"";
    if (words.size() != 1 && words.size() != 4) return expected;
    double rate = 0;
    if (!parse_positive_rate(words[0], &rate)) {
        const bool looks_numeric = std::strchr("0123456789.+-", words[0][0]) != nullptr;
        return looks_numeric ? "--rates: \"" + words[0] + "\" is not a positive, finite rate" : expected;
    }
    std::string quote = kHomeCurrency, base = desc->to;
    if (words.size() == 4) {
        if (upper(words[2]) != "PER") return expected;
        quote = upper(words[1]);
        base = upper(words[3]);
        if (!is_currency_unit(quote) || !is_currency_unit(base)) return "--rates: currencies are three-letter codes (\"7.10 CNY per USD\")";
        if (quote == base) return "--rates: a rate between " + quote + " and itself";
    } else if (desc->to == kHomeCurrency) {
        return std::string("--rates: a bare rate is ") + kHomeCurrency + " per 1 unit of the --to currency; with --to " +
               kHomeCurrency + " name both currencies (\"0.1408 USD per CNY\")";
    }
    // A rate that converts nothing into the target would silently leave every amount on fallback.
    if (quote != desc->to && base != desc->to) return "--rates: " + quote + " per " + base + " does not involve --to " + desc->to;
    desc->mode = RateMode::Custom;
    desc->custom_rate = rate;
    desc->custom_quote = quote;
    desc->custom_base = base;
    return "";
}

// The reference table compiled into the binary (a copy of the binary has no assets folder).
static bool load_builtin_rates(RateTable* rates) {
    const EmbeddedAsset* a = find_embedded_asset("rates/cny_reference_rates.json");
    std::string why = "missing from this build";
    RateSource src;
    if (!a || !load_reference_rates(std::string_view((const char*)a->data, a->size), kReferenceName, &src, &why)) {
        std::fprintf(stderr, "factlens: the built-in reference rates: %s\n", why.c_str());
        return false;
    }
    rates->sources.push_back(std::move(src));
    return true;
}

// Fills setup from --to and --rates. Returns 0, or the exit code after printing why (2: usage,
// 1: the rate file cannot be read or is malformed).
static int setup_conversion(const std::string& to_arg, const std::string& rates_arg, ConvertSetup* setup) {
    CurrencyDesc& desc = setup->desc;
    desc.to = upper(to_arg);
    if (!is_conversion_target(desc.to)) {
        // The engine's own refusal names the codes it knows.
        Conversion refused = convert_money(1, kNone, kNone, kHomeCurrency, false, {}, RateTable{}, nullptr, desc);
        return extract_usage(("--to: " + refused.error).c_str());
    }
    if (rates_arg == "reference" || rates_arg == "article") {
        desc.mode = rates_arg == "article" ? RateMode::Article : RateMode::Reference;
        return load_builtin_rates(&setup->rates) ? 0 : 1;
    }
    if (ends_with_nocase(rates_arg, ".csv") || ends_with_nocase(rates_arg, ".json")) {
        std::string text, why;
        if (!read_all(rates_arg, &text, &why)) {
            std::fprintf(stderr, "factlens: %s: cannot read: %s\n", rates_arg.c_str(), why.c_str());
            return 1;
        }
        const size_t slash = rates_arg.find_last_of("/\\");
        const std::string name = slash == std::string::npos ? rates_arg : rates_arg.substr(slash + 1);
        RateSource src;
        const bool ok = ends_with_nocase(rates_arg, ".json") ? load_reference_rates(text, name, &src, &why)
                                                            : load_ecb_csv(text, name, &src, &why);
        if (!ok) {
            std::fprintf(stderr, "factlens: %s: %s\n", rates_arg.c_str(), why.c_str());
            return 1;
        }
        desc.mode = RateMode::Reference;
        setup->rates.sources.push_back(std::move(src));
        return 0;
    }
    if (std::string why = parse_custom_rate(rates_arg, &desc); !why.empty()) return extract_usage(why.c_str());
    return load_builtin_rates(&setup->rates) ? 0 : 1;  // for amounts the typed rate is not for
}

// ---- Output -----------------------------------------------------------------------------------------

// Prints claims in one format; `conv` null prints them as without --to.
struct ClaimPrinter {
    const std::string* format = nullptr;
    bool first_json = true;

    void print(const std::string& id, const std::string& text, const Claim& c, const Conversion* conv) {
        if (*format == "csv") {
            std::puts((conv ? claim_to_csv(id, text, c, *conv) : claim_to_csv(id, text, c)).c_str());
            return;
        }
        const std::string line = conv ? claim_to_json(id, text, c, *conv) : claim_to_json(id, text, c);
        if (*format == "json") {
            std::fputs(first_json ? "\n" : ",\n", stdout);
            std::fputs(line.c_str(), stdout);
            first_json = false;
        } else {
            std::puts(line.c_str());
        }
    }
};

// One article with --to: its claims converted as convert_facts() converts the app's table.
static void print_converted(const std::string& id, const std::string& text, const ExtractOptions& opt,
                            const ConvertSetup& setup, ClaimPrinter* out) {
    const CurrencyDesc& desc = setup.desc;
    const std::vector<Claim> claims = extract_claims(text, opt);
    const bool article_mode = desc.mode == RateMode::Article;
    ArticleRates own;
    if (article_mode) own = article_rates(claims);
    for (size_t i = 0; i < claims.size(); ++i) {
        const Claim& c = claims[i];
        Conversion conv;  // NotMoney
        if (c.kind == ClaimKind::Money && c.unit && is_currency_unit(c.unit)) {
            const FactDates when{opt.published, c.period_end};
            // A figure the article itself converts into the target converts at exactly its own
            // rate, even when the article states other pairs at other rates.
            ArticleRates just_this;
            const ArticleRates* pairs = article_mode ? &own : nullptr;
            if (article_mode && c.pair >= 0 && !is_none(c.rate) && c.pair_unit && desc.to == c.pair_unit) {
                just_this.pairs.push_back(ArticlePair{c.unit, c.pair_unit, c.rate, (uint32_t)i});
                pairs = &just_this;
            }
            conv = convert_money(c.value, c.low, c.high, c.unit, c.ambiguous, when, setup.rates, pairs, desc);
        }
        out->print(id, text, c, &conv);
    }
}

int run_extract(int argc, char** argv) {
    std::string format = "jsonl";
    std::string output;  // empty: standard output
    std::string to;      // empty: amounts as written
    std::string rates = "reference";
    bool rates_given = false;
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
        } else if (a == "--to") {
            if (i + 1 >= argc) return extract_usage("--to needs a currency code");
            to = argv[++i];
            if (to.empty()) return extract_usage("--to needs a currency code");
        } else if (a == "--rates") {
            if (i + 1 >= argc) return extract_usage("--rates needs a value");
            rates = argv[++i];
            rates_given = true;
        } else if (a.rfind("--format=", 0) == 0) {
            format = a.substr(9);
        } else if (a.rfind("--to=", 0) == 0) {
            to = a.substr(5);
            if (to.empty()) return extract_usage("--to needs a currency code");
        } else if (a.rfind("--rates=", 0) == 0) {
            rates = a.substr(8);
            rates_given = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return extract_usage(("unknown option " + a).c_str());
        } else {
            files.push_back(a);
        }
    }
    if (format != "jsonl" && format != "json" && format != "csv") return extract_usage("--format must be jsonl, json or csv");
    if (files.empty()) return extract_usage("no input files");
    if (rates_given && to.empty()) return extract_usage("--rates needs --to");

    // Rates are loaded before anything is written: a bad rate file leaves no output at all.
    ConvertSetup setup;
    if (!to.empty())
        if (int code = setup_conversion(to, rates, &setup)) return code;
    const bool converting = !setup.desc.to.empty();

    if (!begin_output(output)) return 1;
    int status = 0;
    ClaimPrinter printer;
    printer.format = &format;
    if (format == "json") std::fputs("[", stdout);
    if (format == "csv") std::puts((converting ? claims_csv_header_converted() : claims_csv_header()).c_str());
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
        if (converting) {
            print_converted(id, text, opt, setup, &printer);
            continue;
        }
        // Streamed: each block's claims are printed as soon as they are final.
        struct Out { const std::string* id; const std::string* text; ClaimPrinter* printer; } o{&id, &text, &printer};
        extract_claims_stream(text, opt, [](const Claim& c, void* user) {
            const Out& o = *(const Out*)user;
            o.printer->print(*o.id, *o.text, c, nullptr);
        }, &o);
    }
    if (format == "json") std::fputs(printer.first_json ? "]\n" : "\n]\n", stdout);
    if (!commit_output(output)) return 1;
    return status;
}

}  // namespace factlens::cli
