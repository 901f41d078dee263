// libFuzzer harness: the extraction API and the claim writers.
//
// Input: any bytes, taken as an article's text. ExtractOptions::published is derived from a hash of
// the input (none, a valid date 1990-2049, or one that is not a day: see published_for), so a crash
// file reproduces as it is.
//
// Asserts, for extract_claims():
//   - every claim's span is non-empty, inside the text, and never cuts a valid UTF-8 character;
//     its noun and subject spans are inside the text; kind, pair and the static strings are sane;
//   - claims come in text order (start never decreases) and never overlap;
//   - value, low, high and rate are finite or absent; low <= high
//     and low <= value <= high; a rate only with a pair, finite and > 0;
//   - a period is two valid days, start <= end, whatever `published` is;
//   - extract_claims_stream() hands out exactly the same claims, in the same order, and returns
//     their count; so does extracting the text again (deterministic).
// For the writers:
//   - claim_to_json() is one line that parses back as JSON with the claim's kind, start, end,
//     value / low / high (exactly, as doubles; null when absent), text (the slice, when the slice
//     is valid UTF-8), pair; no raw control characters; no raw U+0085 / U+2028 /
//     U+2029;
//   - claim_to_csv() is one RFC 4180 record with as many fields as claims_csv_header(), start, end
//     and text fields equal to the claim's;
//   - the converted forms (a money claim converted to USD or EUR through a small reference table,
//     mode reference or article) parse the same way and have the converted header's field count;
//   - written_interval() of a money claim's text holds its value;
//   - the claims added to a FactTable (add_claims) export as a JSON array of as many objects, which
//     load_facts_text() reads back into as many rows, and as CSV of as many records plus a header;
//     also when the text holds invalid UTF-8.
// A text with invalid UTF-8 is run twice: as it is, and sanitized (utf8_sanitize) as the CLI and the
// app read files. One input in 128 is also repeated into an 80 KiB text (two of the engine's
// 64 KiB blocks), for the claims' invariants there and the stream's agreement with extract_claims.
#include <nlohmann/json.hpp>

#include "claim.h"
#include "claim_json.h"
#include "convert.h"
#include "dates.h"
#include "fact_table.h"
#include "facts_io.h"
#include "fuzz_common.h"
#include "rates.h"
#include "utf8.h"

using namespace factlens;
using nlohmann::json;

namespace {

// A few rows in the format of assets/cny_reference_rates.json, so that conversion runs.
const char kRates[] = R"({"rates": [
 {"date": "2024-12-31", "base": "USD", "quote": "CNY", "rate": 7.1884, "source": "fuzz", "url": "https://example.org/a"},
 {"date": "2025-06-30", "base": "USD", "quote": "CNY", "rate": 7.1586, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "EUR", "quote": "CNY", "rate": 8.4078, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "JPY", "quote": "CNY", "rate": 0.049682, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "HKD", "quote": "CNY", "rate": 0.91184, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "GBP", "quote": "CNY", "rate": 9.8332, "source": "fuzz", "url": ""}
]})";

const RateTable& rates() {
    static const RateTable t = fuzz::rate_table(kRates);
    return t;
}

// ExtractOptions::published from the input's hash: 0, a valid day, or one that is not a day.
// (Once a known bug: "on Wednesday" resolved against a `published` of 2147483647 overflowed int in
// make_day; against 779982445 it gave a period that is no day. Now any int32 is tried.)
Day published_for(uint64_t h) {
    switch (h % 4) {
    case 0: return 0;
    case 3:
        return (Day)(int32_t)(uint32_t)(h >> 32);
    default: {
        const int y = 1990 + (int)((h >> 8) % 60), m = 1 + (int)((h >> 16) % 12);
        return make_day(y, m, 1 + (int)((h >> 24) % days_in_month(y, m)));
    }
    }
}

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

bool same_claim(const Claim& a, const Claim& b) {
    return a.kind == b.kind && same_double(a.value, b.value) && same_double(a.low, b.low) &&
           same_double(a.high, b.high) && a.start == b.start && a.end == b.end && a.unit == b.unit &&
           a.noun_start == b.noun_start && a.noun_end == b.noun_end && a.subject_start == b.subject_start &&
           a.subject_end == b.subject_end && a.qualifier == b.qualifier && a.direction == b.direction &&
           a.hedge == b.hedge && a.period_start == b.period_start && a.period_end == b.period_end &&
           a.pair == b.pair && same_double(a.rate, b.rate) && a.pair_unit == b.pair_unit && a.ambiguous == b.ambiguous;
}

bool valid_static(const char* s) { return s && *s && std::strlen(s) < 64; }

bool valid_day(Day d) { return is_valid_day(day_year(d), day_month(d), day_dom(d)); }

std::string where(const std::string& text, const Claim& c, size_t i) {
    return "claim " + std::to_string(i) + " [" + std::to_string(c.start) + "," + std::to_string(c.end) + ") " +
           fuzz::show(c.end <= text.size() && c.start <= c.end ? std::string_view(text).substr(c.start, c.end - c.start)
                                                               : std::string_view());
}

void check_claims(const std::string& text, Day published, const std::vector<Claim>& cs) {
    for (size_t i = 0; i < cs.size(); ++i) {
        const Claim& c = cs[i];
        const std::string w = where(text, c, i);
        FUZZ_CHECK((int)c.kind <= (int)ClaimKind::Period, w + ": kind out of range");
        FUZZ_CHECK(c.start < c.end && c.end <= text.size(), w + ": span empty or outside the text");
        FUZZ_CHECK(!fuzz::splits_char(text, c.start) && !fuzz::splits_char(text, c.end), w + ": span cuts a UTF-8 character");
        FUZZ_CHECK(c.noun_start <= c.noun_end && c.noun_end <= text.size(), w + ": noun span outside the text");
        FUZZ_CHECK(c.subject_start <= c.subject_end && c.subject_end <= text.size(), w + ": subject span outside the text");
        FUZZ_CHECK(!c.unit || valid_static(c.unit), w + ": unit");
        FUZZ_CHECK(!c.qualifier || valid_static(c.qualifier), w + ": qualifier");
        FUZZ_CHECK(!c.direction || !std::strcmp(c.direction, "up") || !std::strcmp(c.direction, "down"), w + ": direction");
        FUZZ_CHECK(!c.hedge || valid_static(c.hedge), w + ": hedge");
        FUZZ_CHECK(!c.pair_unit || valid_static(c.pair_unit), w + ": pair_unit");
        FUZZ_CHECK(c.pair == -1 || (c.pair >= 0 && (size_t)c.pair < cs.size() && (size_t)c.pair != i), w + ": pair index");
        if (c.period_start || c.period_end) {
            const std::string p = w + ": period " + std::to_string(c.period_start) + ".." + std::to_string(c.period_end);
            FUZZ_CHECK(valid_day(c.period_start) && valid_day(c.period_end), p + " is not two valid days (published " +
                                                                                 std::to_string(published) + ")");
            FUZZ_CHECK(c.period_start <= c.period_end, p + " ends before it starts");
        }
        if (i > 0) {
            FUZZ_CHECK(cs[i - 1].start <= c.start, w + ": not in text order");
            FUZZ_CHECK(cs[i - 1].end <= c.start, w + " overlaps " + where(text, cs[i - 1], i - 1));
        }
        for (double v : {c.value, c.low, c.high, c.rate}) {
            FUZZ_CHECK(is_none(v) || std::isfinite(v), w + ": infinite value, low, high or rate");
        }
        if (!is_none(c.low) && !is_none(c.high))
            FUZZ_CHECK(c.low <= c.high, w + ": low " + fuzz::num(c.low) + " > high " + fuzz::num(c.high));
        if (!is_none(c.value)) {
            FUZZ_CHECK(is_none(c.low) || c.low <= c.value, w + ": low " + fuzz::num(c.low) + " > value " + fuzz::num(c.value));
            FUZZ_CHECK(is_none(c.high) || c.value <= c.high, w + ": value " + fuzz::num(c.value) + " > high " + fuzz::num(c.high));
        }
        if (!is_none(c.rate)) {
            FUZZ_CHECK(c.pair >= 0 && c.pair_unit && std::isfinite(c.rate) && c.rate > 0,
                       w + ": rate " + fuzz::num(c.rate) + " without a pair, or not finite and > 0");
            if (c.pair >= 0 && (size_t)c.pair < cs.size()) {
                const Claim& p = cs[(size_t)c.pair];
                FUZZ_CHECK(std::isfinite(c.value) && std::isfinite(p.value) && p.value != 0,
                           w + ": a rate from a pair whose values are not finite and non-zero");
            }
        }
    }
}

// The JSON value as a double (null -> NaN).
double jnum(const json& j) { return j.is_null() ? kNone : j.get<double>(); }

void check_json_line(const std::string& line, const std::string& text, const Claim& c, const std::string& w) {
    FUZZ_CHECK(line.find('\n') == std::string::npos && line.find('\r') == std::string::npos, w + ": JSON is not one line");
    for (unsigned char ch : line) FUZZ_CHECK(ch >= 0x20, w + ": raw control character in JSON");
    FUZZ_CHECK(fuzz::raw_unicode_newline(line) == std::string::npos,
               w + ": raw U+0085/U+2028/U+2029 in JSON: " + fuzz::show(line));
    json j = json::parse(line, nullptr, false);
    FUZZ_CHECK(!j.is_discarded() && j.is_object(), w + ": JSON does not parse: " + fuzz::show(line));
    FUZZ_CHECK(j.at("kind") == claim_kind_name(c.kind), w + ": kind");
    FUZZ_CHECK(j.at("start") == c.start && j.at("end") == c.end, w + ": start/end");
    const std::string slice = text.substr(c.start, c.end - c.start);
    if (fuzz::valid_utf8(slice)) FUZZ_CHECK(j.at("text") == slice, w + ": text is not the slice");
    FUZZ_CHECK(c.pair >= 0 ? j.at("pair") == c.pair : j.at("pair").is_null(), w + ": pair");
    const double vs[3] = {c.value, c.low, c.high};
    const char* ks[3] = {"value", "low", "high"};
    for (int k = 0; k < 3; ++k) {
        const json& f = j.at(ks[k]);
        FUZZ_CHECK(f.is_null() || f.is_number(), w + ": " + ks[k] + " is not a number or null");
        if (std::isfinite(vs[k])) FUZZ_CHECK(f.is_number() && jnum(f) == vs[k], w + ": " + ks[k] + " does not read back");
        if (is_none(vs[k])) FUZZ_CHECK(f.is_null(), w + ": absent " + ks[k] + " is not null");
    }
}

void check_csv_row(const std::string& row, size_t fields, const std::string& text, const Claim& c, const std::string& w) {
    bool ok = false;
    const auto recs = fuzz::parse_csv(row, false, &ok);
    FUZZ_CHECK(ok && recs.size() == 1, w + ": CSV row is not one RFC 4180 record: " + fuzz::show(row));
    FUZZ_CHECK(recs[0].size() == fields, w + ": CSV row has " + std::to_string(recs[0].size()) + " fields, header " +
                                             std::to_string(fields));
    // article,kind,value,unit,qualifier,low,high,start,end,text,...
    FUZZ_CHECK(recs[0][1] == claim_kind_name(c.kind), w + ": CSV kind");
    FUZZ_CHECK(recs[0][7] == std::to_string(c.start) && recs[0][8] == std::to_string(c.end), w + ": CSV start/end");
    FUZZ_CHECK(recs[0][9] == text.substr(c.start, c.end - c.start), w + ": CSV text is not the slice");
}

size_t header_fields(const std::string& h) {
    bool ok = false;
    const auto r = fuzz::parse_csv(h, false, &ok);
    FUZZ_CHECK(ok && r.size() == 1, "CSV header");
    return r[0].size();
}

void sink(const Claim& c, void* user) { static_cast<std::vector<Claim>*>(user)->push_back(c); }

// One text through everything. `valid` says whether text is valid UTF-8 (as the CLI and the app
// make it with utf8_sanitize before extracting); export_facts_json's output must then parse.
void run(const std::string& text, bool valid) {
    const uint64_t h = fuzz::hash(text);
    ExtractOptions opt;
    opt.published = published_for(h);

    const std::vector<Claim> claims = extract_claims(text, opt);
    check_claims(text, opt.published, claims);

    std::vector<Claim> streamed;
    const size_t n = extract_claims_stream(text, opt, sink, &streamed);
    FUZZ_CHECK(n == streamed.size(), "extract_claims_stream's count differs from the claims it handed out");
    FUZZ_CHECK(streamed.size() == claims.size(), "extract_claims_stream found " + std::to_string(streamed.size()) +
                                                     " claims, extract_claims " + std::to_string(claims.size()));
    for (size_t i = 0; i < claims.size(); ++i)
        FUZZ_CHECK(same_claim(claims[i], streamed[i]), where(text, claims[i], i) + ": differs when streamed");
    const std::vector<Claim> again = extract_claims(text, opt);
    FUZZ_CHECK(again.size() == claims.size(), "a second extraction differs");
    for (size_t i = 0; i < claims.size(); ++i) FUZZ_CHECK(same_claim(claims[i], again[i]), "a second extraction differs");

    // Writers, as `factlens extract` uses them.
    static const size_t plain_fields = header_fields(claims_csv_header());
    static const size_t conv_fields = header_fields(claims_csv_header_converted());
    const std::string id = (h & 8) ? "a,\"b\"\n\xE2\x80\xA8 id" : "article";
    CurrencyDesc desc;
    desc.to = (h & 16) ? "EUR" : "USD";
    desc.mode = (h & 32) ? RateMode::Article : RateMode::Reference;
    const ArticleRates own = article_rates(claims);
    for (size_t i = 0; i < claims.size(); ++i) {
        const Claim& c = claims[i];
        const std::string w = where(text, c, i);
        check_json_line(claim_to_json(id, text, c), text, c, w);
        check_csv_row(claim_to_csv(id, text, c), plain_fields, text, c, w);
        Conversion conv;
        if (c.kind == ClaimKind::Money && c.unit && is_currency_unit(c.unit))
            conv = convert_money(c.value, c.low, c.high, c.unit, c.ambiguous, FactDates{opt.published, c.period_end},
                                 rates(), desc.mode == RateMode::Article ? &own : nullptr, desc);
        check_json_line(claim_to_json(id, text, c, conv), text, c, w + " (converted)");
        check_csv_row(claim_to_csv(id, text, c, conv), conv_fields, text, c, w + " (converted)");
        if (c.kind == ClaimKind::Money && std::isfinite(c.value)) {
            const WrittenInterval wi = written_interval(c.value, text.substr(c.start, c.end - c.start));
            FUZZ_CHECK(wi.low <= c.value && c.value <= wi.high, w + ": written_interval [" + fuzz::num(wi.low) + ", " +
                                                                    fuzz::num(wi.high) + "] misses the value " + fuzz::num(c.value));
        }
    }

    // Through a FactTable and facts_io's writers and loader.
    FactTable t;
    FactSource src;
    src.id = id;
    src.outlet = "Fuzz";
    src.date = "unknown";
    add_claims(t, fact_source(t, src), claims, text);
    FUZZ_CHECK(t.size() == claims.size(), "add_claims added a different number of rows");
    std::vector<uint32_t> rows(t.size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    const std::string out = export_facts_json(t, rows);
    FUZZ_CHECK(fuzz::raw_unicode_newline(out) == std::string::npos, "export_facts_json: raw U+0085/U+2028/U+2029");
    const json arr = json::parse(out, nullptr, false);
    const bool parsed = !arr.is_discarded() && arr.is_array() && arr.size() == claims.size();
    FUZZ_CHECK(parsed, "export_facts_json of the claims is not a JSON array of as many objects: " + fuzz::show(out));
    FactTable back;
    const FactsLoadResult r = load_facts_text(&back, nullptr, "export.json", out);
    FUZZ_CHECK(r.ok, "export_facts_json's output does not load back: " + r.error);
    FUZZ_CHECK(back.size() == claims.size(), "export_facts_json's output loads back as another number of rows");
    bool ok = false;
    const auto recs = fuzz::parse_csv(export_facts_csv(t, rows), true, &ok);
    FUZZ_CHECK(ok && recs.size() == claims.size() + 1, "export_facts_csv is not RFC 4180 with one record per claim");
    for (const auto& rec : recs) FUZZ_CHECK(rec.size() == recs[0].size(), "export_facts_csv: a record with another field count");
}

// Texts past one 64 KiB block: the input repeated. Only the claims' invariants and the stream's
// agreement with extract_claims() (pair indices count from the first claim of the whole text).
void run_blocks(const std::string& unit) {
    std::string text;
    while (text.size() < (80u << 10)) text += unit;
    ExtractOptions opt;
    opt.published = published_for(fuzz::hash(unit));
    const std::vector<Claim> claims = extract_claims(text, opt);
    check_claims(text, opt.published, claims);
    std::vector<Claim> streamed;
    FUZZ_CHECK(extract_claims_stream(text, opt, sink, &streamed) == streamed.size(), "stream count, past one block");
    FUZZ_CHECK(streamed.size() == claims.size(), "extract_claims_stream and extract_claims differ past one block");
    for (size_t i = 0; i < claims.size(); ++i)
        FUZZ_CHECK(same_claim(claims[i], streamed[i]), where(text, claims[i], i) + ": differs when streamed, past one block");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text((const char*)data, size);
    const bool valid = utf8_is_valid(text);
    run(text, valid);
    if (!valid) run(utf8_sanitize(text), true);  // as the CLI and the app read files
    // One input in 128 (by its hash) also as a text of 80 KiB, which the engine reads in blocks.
    if (size >= 8 && fuzz::hash(text) % 128 == 5) run_blocks(text);
    return 0;
}
