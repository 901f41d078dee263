// factlens extract [--format jsonl|json|csv] [--input-format text|jsonl] [--output FILE]
//                  [--to CUR [--rates WHICH]] FILE...          ("-" reads standard input)
// Exit codes: 0 everything read and written; 1 some input was skipped (unreadable, a directory, a
// FIFO with no writer, binary, larger than 4 GiB - 1, a malformed JSON line: the rest is still
// processed), or the output could not be written (nothing is left at --output), or the --rates file
// is unreadable or malformed (then nothing is printed); 2 usage error, or the output is an input;
// 141 standard output's reader went away (SIGPIPE, or EPIPE when SIGPIPE is ignored).
//
// Each file is read once into memory and made valid UTF-8 in place (peak memory about the largest
// input plus 1 MiB). Claims are printed as each 64 KiB block of text yields them, written straight
// into a 1 MiB buffer (claim_writer.h) that goes out with one write(2) per chunk of whole lines. With
// --to, each claim is converted with convert_money() exactly as the app's currency toggle converts the
// fact table (fact_convert.cpp); --rates article needs all of an article's conversion pairs, so its
// claims are gathered per article, converted, printed and dropped.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include <sched.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "../app/embedded_assets.h"
#include "claim.h"
#include "claim_json.h"
#include "claim_writer.h"
#include "cli_common.h"
#include "convert.h"
#include "dates.h"
#include "utf8.h"

namespace factlens::cli {

static int extract_usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens extract: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens extract [--format jsonl|json|csv] [--input-format text|jsonl] [--output FILE]\n"
                 "                        [--to CUR [--rates WHICH]] FILE...\n"
                 "  Prints every numeric claim found in each file (\"-\" reads standard input).\n"
                 "  A text file is one article; its id is the file name without extension (a repeated id\n"
                 "  becomes name-2, name-3, ..., said on stderr). Skipped with a message (exit 1, the rest\n"
                 "  still processed): a directory, a FIFO with no writer after 10 s (FACTLENS_FIFO_TIMEOUT=SECONDS),\n"
                 "  a binary file (NUL bytes or over 25%% malformed UTF-8 in the first 64 KiB), a file over\n"
                 "  4 GiB - 1 bytes (offsets are 32-bit). Other malformed UTF-8 becomes U+FFFD.\n"
                 "  --input-format jsonl  each line of each file is one article: {\"id\": \"...\", \"text\": \"...\",\n"
                 "                 \"published\": \"2026-01-21\"} (published optional); a malformed line is\n"
                 "                 reported with its line number and skipped (exit 1).\n"
                 "  --output FILE  written to a new temporary file in FILE's folder, renamed onto FILE only when\n"
                 "                 everything was written; never an input (exit 2).\n"
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

enum class Format { Jsonl, Json, Csv };

// One claim's conversion, as convert_facts() converts the app's table. `own`: the article's pairs
// (--rates article), else null; i is the claim's index in the article.
static Conversion convert_claim(const Claim& c, size_t i, const ExtractOptions& opt, const ConvertSetup& setup,
                                const ArticleRates* own) {
    const CurrencyDesc& desc = setup.desc;
    Conversion conv;  // NotMoney
    if (c.kind == ClaimKind::Money && c.unit && is_currency_unit(c.unit)) {
        const FactDates when{opt.published, c.period_end};
        // A figure the article itself converts into the target converts at exactly its own
        // rate, even when the article states other pairs at other rates.
        ArticleRates just_this;
        const ArticleRates* pairs = own;
        if (own && c.pair >= 0 && !is_none(c.rate) && c.pair_unit && desc.to == c.pair_unit) {
            just_this.pairs.push_back(ArticlePair{c.unit, c.pair_unit, c.rate, (uint32_t)i});
            pairs = &just_this;
        }
        conv = convert_money(c.value, c.low, c.high, c.unit, c.ambiguous, when, setup.rates, pairs, desc);
    }
    return conv;
}

static unsigned usable_cpus() {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) return (unsigned)CPU_COUNT(&set);
    return std::max(1u, std::thread::hardware_concurrency());
}

// Where an article's claims go: converted (with --to), written in one format straight into the
// output buffer (claim_writer.h: no JSON object, no std::string per claim) and out. With a second
// CPU, a writer thread does that while the extractor goes on: claims are handed over in batches
// of 2048 (at most 4 waiting), in order. The article's id, text, options and pairs must stay alive
// until finish_article(), which returns once every claim given is in the output buffer; between
// articles the writer thread is idle and the caller may use the RecordWriter itself.
class ClaimSink {
public:
    ClaimSink(Format format, RecordWriter* out, const ConvertSetup* setup) : format_(format), out_(out), setup_(setup) {
        if (usable_cpus() > 1) thread_ = std::thread([this] { consume(); });
    }
    ~ClaimSink() {
        if (!thread_.joinable()) return;
        {
            std::lock_guard<std::mutex> lock(m_);
            stop_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    ClaimSink(const ClaimSink&) = delete;
    ClaimSink& operator=(const ClaimSink&) = delete;

    void begin_article(std::string_view id, std::string_view text, const ExtractOptions& opt, const ArticleRates* own) {
        id_ = id;
        text_ = text;
        opt_ = opt;
        own_ = own;
        index_ = 0;
    }
    void add(const Claim& c) {
        if (!thread_.joinable()) { emit(c); return; }
        cur_.push_back(c);
        if (cur_.size() >= kBatch) hand_off();
    }
    void finish_article() {
        if (!thread_.joinable()) return;
        if (!cur_.empty()) hand_off();
        wait_idle();
    }
    // Waits until the writer thread has written every claim handed over (not those still in cur_).
    void wait_idle() {
        if (!thread_.joinable()) return;
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [this] { return queue_.empty() && !busy_; });
    }
    // On an exception: the writer thread must be done with the article's text before it goes.
    struct Guard {
        ClaimSink* sink;
        ~Guard() {
            try {
                sink->finish_article();
            } catch (...) {
                sink->cur_.clear();
                sink->wait_idle();
            }
        }
    };
    bool wrote_json_element() const { return !first_json_; }

private:
    static constexpr size_t kBatch = 2048, kMaxQueued = 4;

    void emit(const Claim& c) {
        Conversion conv;
        const Conversion* cp = nullptr;
        if (setup_) {
            conv = convert_claim(c, index_, opt_, *setup_, own_);
            cp = &conv;
        }
        ++index_;
        ByteBuffer& b = out_->buf();
        if (format_ == Format::Csv) {
            append_claim_csv(b, id_, text_, c, cp);
            b.push('\n');
        } else if (format_ == Format::Json) {
            b.append(first_json_ ? "\n" : ",\n", first_json_ ? 1 : 2);
            first_json_ = false;
            append_claim_json(b, id_, text_, c, cp);
        } else {
            append_claim_json(b, id_, text_, c, cp);
            b.push('\n');
        }
        out_->end_record();
    }
    void hand_off() {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
        queue_.push_back(std::move(cur_));
        if (!spare_.empty()) {
            cur_ = std::move(spare_.back());
            spare_.pop_back();
        } else {
            cur_ = std::vector<Claim>();
            cur_.reserve(kBatch);
        }
        lock.unlock();
        cv_.notify_all();
    }
    void consume() {
        for (;;) {
            std::vector<Claim> batch;
            {
                std::unique_lock<std::mutex> lock(m_);
                cv_.wait(lock, [this] { return !queue_.empty() || stop_; });
                if (queue_.empty()) return;
                batch = std::move(queue_.front());
                queue_.pop_front();
                busy_ = true;
            }
            try {
                for (const Claim& c : batch) emit(c);
            } catch (const std::exception& e) {  // out of memory while formatting: nothing sensible is left to do
                std::fprintf(stderr, "factlens: %s\n", e.what());
                output_failed(ENOMEM);
            }
            batch.clear();
            {
                std::lock_guard<std::mutex> lock(m_);
                spare_.push_back(std::move(batch));
                busy_ = false;
            }
            cv_.notify_all();
        }
    }

    const Format format_;
    RecordWriter* const out_;
    const ConvertSetup* const setup_;
    // The article, set between articles (the writer thread idle; the mutex orders it before use).
    std::string_view id_, text_;
    ExtractOptions opt_;
    const ArticleRates* own_ = nullptr;
    size_t index_ = 0;
    bool first_json_ = true;

    std::thread thread_;
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::vector<Claim>> queue_;
    std::vector<std::vector<Claim>> spare_;
    std::vector<Claim> cur_;
    bool busy_ = false, stop_ = false;
};

// Extracts one article into sink. Without --to, and with --to except --rates article, claims are
// streamed: each 64 KiB block's claims go out as soon as they are final. --rates article needs
// all of the article's conversion pairs first, so its claims are gathered, converted and dropped.
static void extract_article(std::string_view id, const std::string& text, const ExtractOptions& opt,
                            const ConvertSetup* setup, ClaimSink* sink) {
    if (setup && setup->desc.mode == RateMode::Article) {
        const std::vector<Claim> claims = extract_claims(text, opt);
        const ArticleRates own = article_rates(claims);
        sink->begin_article(id, text, opt, &own);
        ClaimSink::Guard done{sink};  // finish_article(), also when something throws
        for (const Claim& c : claims) sink->add(c);
        return;
    }
    sink->begin_article(id, text, opt, nullptr);
    ClaimSink::Guard done{sink};
    extract_claims_stream(text, opt, [](const Claim& c, void* user) { ((ClaimSink*)user)->add(c); }, sink);
}

// ---- --input-format jsonl -------------------------------------------------------------------------

// "2026-01-21" as a Day, or 0.
static Day parse_iso_day(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return 0;
    const int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()), d = std::atoi(s.substr(8, 2).c_str());
    return y >= 1 && is_valid_day(y, m, d) ? make_day(y, m, d) : 0;
}

// A parse error for a message: without nlohmann's "[json.exception...] " prefix, printable, short.
static std::string short_reason(const char* what) {
    std::string s = what;
    if (size_t p = s.find("] "); s.rfind("[json.exception", 0) == 0 && p != std::string::npos) s = s.substr(p + 2);
    for (char& ch : s)
        if ((unsigned char)ch < 0x20 || ch == 0x7F) ch = '?';
    if (s.size() > 160) s = s.substr(0, 157) + "...";
    return s;
}

// One line of --input-format jsonl: {"id": "...", "text": "...", "published": "2026-01-21"} (id may
// be an integer; published may be absent or null). Returns "" or why the line is skipped.
static std::string parse_article_line(std::string_view line, std::string* id, std::string* text, Day* published,
                                      bool* has_published) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(line.begin(), line.end());
    } catch (const nlohmann::json::exception& e) {
        return "not JSON: " + short_reason(e.what());
    }
    if (!j.is_object()) return "not a JSON object";
    const auto idv = j.find("id");
    if (idv == j.end()) return "no \"id\"";
    if (idv->is_string()) *id = idv->get<std::string>();
    else if (idv->is_number_unsigned()) *id = std::to_string(idv->get<uint64_t>());
    else if (idv->is_number_integer()) *id = std::to_string(idv->get<int64_t>());
    else return "\"id\" must be a string or an integer";
    if (id->empty()) return "\"id\" is empty";
    const auto tv = j.find("text");
    if (tv == j.end() || !tv->is_string()) return "\"text\" must be a string";
    *has_published = false;
    const auto pv = j.find("published");
    if (pv != j.end() && !pv->is_null()) {
        if (!pv->is_string() || !(*published = parse_iso_day(pv->get<std::string>())))
            return "\"published\" must be a date as YYYY-MM-DD, or null";
        *has_published = true;
    }
    *text = std::move(tv->get_ref<std::string&>());
    if (text->size() > kMaxArticleBytes) return "\"text\" is larger than 4 GiB - 1 bytes";
    return "";
}

// Reads path line by line (a line at a time in memory) and extracts each article. Returns false
// when some line was skipped or the input could not be read.
static bool extract_jsonl(const std::string& path, ArticleIds* ids, const ConvertSetup* setup, ClaimSink* sink) {
    Input in;
    std::string why;
    if (!open_input(path, &in, &why, false)) {
        std::fprintf(stderr, "factlens: %s: %s\n", path.c_str(), why.c_str());
        return false;
    }
    struct Closer { Input* in; ~Closer() { close_input(in); } } closer{&in};
    const std::string name = path == "-" ? "stdin" : path;
    constexpr size_t kChunk = 1 << 20;
    constexpr int kMaxMessages = 20;
    std::string buf = in.pending;
    size_t line_no = 0, bad = 0;
    bool eof = false, skipping_long = false;
    auto report = [&](size_t line, const std::string& reason) {
        ++bad;
        if (bad <= kMaxMessages)
            std::fprintf(stderr, "factlens: %s:%zu: %s; line skipped\n", name.c_str(), line, reason.c_str());
    };
    auto handle = [&](std::string_view line) {
        ++line_no;
        if (skipping_long) { skipping_long = false; return; }
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
        if (line.find_first_not_of(" \t") == std::string_view::npos) return;  // blank
        std::string id, text;
        Day published = 0;
        bool has_published = false;
        if (std::string r = parse_article_line(line, &id, &text, &published, &has_published); !r.empty()) {
            report(line_no, r);
            return;
        }
        ExtractOptions opt;
        opt.published = has_published ? published : find_article_meta(text).published;
        const std::string uid = ids->unique(id, name + ":" + std::to_string(line_no));
        extract_article(uid, text, opt, setup, sink);
    };
    size_t scanned = 0;  // buf[0, scanned) holds no newline
    while (!eof) {
        const size_t old = buf.size();
        buf.resize(old + kChunk);
        ssize_t r;
        do r = read(in.fd, &buf[old], kChunk);
        while (r < 0 && errno == EINTR);
        if (r < 0) {
            buf.resize(old);
            std::fprintf(stderr, "factlens: %s: cannot read: %s\n", name.c_str(), std::strerror(errno));
            return false;
        }
        buf.resize(old + (size_t)r);
        eof = r == 0;
        size_t start = 0;
        for (size_t nl; (nl = buf.find('\n', scanned)) != std::string::npos; scanned = start) {
            handle(std::string_view(buf).substr(start, nl - start));
            start = nl + 1;
        }
        buf.erase(0, start);
        scanned = buf.size();
        if (buf.size() > kMaxArticleBytes + 64) {  // a line no article can fit in: drop it
            report(line_no + 1, "longer than 4 GiB");
            buf.clear();
            scanned = 0;
            skipping_long = true;
        }
    }
    if (!buf.empty()) handle(buf);
    if (bad > (size_t)kMaxMessages)
        std::fprintf(stderr, "factlens: %s: %zu malformed lines in all (the first %d shown)\n", name.c_str(), bad, kMaxMessages);
    return bad == 0;
}

// ---- The command ----------------------------------------------------------------------------------

int run_extract(int argc, char** argv) {
    std::string format = "jsonl";
    std::string input_format = "text";
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
        } else if (a == "--input-format") {
            if (i + 1 >= argc) return extract_usage("--input-format needs a value");
            input_format = argv[++i];
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
        } else if (a.rfind("--input-format=", 0) == 0) {
            input_format = a.substr(15);
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
    if (input_format != "text" && input_format != "jsonl") return extract_usage("--input-format must be text or jsonl");
    if (files.empty()) return extract_usage("no input files");
    if (rates_given && to.empty()) return extract_usage("--rates needs --to");

    // Rates are loaded before anything is written: a bad rate file leaves no output at all.
    ConvertSetup setup;
    if (!to.empty())
        if (int code = setup_conversion(to, rates, &setup)) return code;
    const ConvertSetup* conv = setup.desc.to.empty() ? nullptr : &setup;

    for (const std::string& path : files) note_input(path);
    if (int code = open_output(output)) return code;
    RecordWriter out;
    const Format fmt = format == "csv" ? Format::Csv : format == "json" ? Format::Json : Format::Jsonl;
    if (fmt == Format::Json) out.buf().push('[');
    if (fmt == Format::Csv) {
        out.buf().append(conv ? claims_csv_header_converted() : claims_csv_header());
        out.buf().push('\n');
    }
    out.end_record();
    ClaimSink sink(fmt, &out, conv);

    int status = 0;
    ArticleIds ids;
    std::string text;
    for (const std::string& path : files) {
        try {
            if (input_format == "jsonl") {
                if (!extract_jsonl(path, &ids, conv, &sink)) status = 1;
            } else {
                size_t replaced = 0;
                if (std::string why = read_article(path, &text, &replaced); !why.empty()) {
                    std::fprintf(stderr, "factlens: %s: %s\n", path.c_str(), why.c_str());
                    status = 1;
                    continue;
                }
                if (replaced) std::fprintf(stderr, "factlens: %s: replaced %zu invalid UTF-8 sequence(s)\n", path.c_str(), replaced);
                const std::string id = ids.unique(article_id(path), path);
                ExtractOptions opt;
                opt.published = find_article_meta(text).published;
                extract_article(id, text, opt, conv, &sink);
            }
        } catch (const std::bad_alloc&) {
            // Claims of this input already printed stay (they are whole lines); the run says so.
            text = std::string();
            std::fprintf(stderr, "factlens: %s: out of memory, the rest of it skipped\n", path.c_str());
            status = 1;
        }
        if (out.to_pipe()) out.flush();  // a reader downstream gets each article as it is done
    }
    text = std::string();
    if (fmt == Format::Json) out.buf().append(sink.wrote_json_element() ? "\n]\n" : "]\n");
    out.flush();
    if (!commit_output(output)) return 1;
    return status;
}

}  // namespace factlens::cli
