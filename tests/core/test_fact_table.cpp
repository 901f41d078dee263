// The fact table: sort, filter, facets, view caches, string pools, sentences and formatting.
// Expected values are written by hand; the random tests compare against brute-force references
// written here from the header's contract (not from the implementation).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "claim_json.h"
#include "corpus.h"
#include "dates.h"
#include "fact_query.h"
#include "fact_table.h"
#include "text_fold.h"

using namespace factlens;

namespace {

const double NaN = std::numeric_limits<double>::quiet_NaN();

// One fact, with owned strings (add_fact interns them at once).
struct F {
    ClaimKind kind = ClaimKind::Count;
    double value = NaN, low = NaN, high = NaN, rate = NaN;
    std::string unit, qualifier, hedge, direction, subject, text, rate_unit;
    Day ps = 0, pe = 0;
    int32_t pair = -1;
    bool ambiguous = false;
    uint32_t start = 0, end = 0;
};

void add(FactTable& t, uint32_t src, const F& f, std::string_view article_text = {}) {
    FactRecord r;
    r.kind = f.kind;
    r.value = f.value;
    r.low = f.low;
    r.high = f.high;
    r.rate = f.rate;
    r.unit = f.unit;
    r.qualifier = f.qualifier;
    r.hedge = f.hedge;
    r.direction = f.direction;
    r.subject = f.subject;
    r.text = f.text;
    r.rate_unit = f.rate_unit;
    r.period_start = f.ps;
    r.period_end = f.pe;
    r.pair = f.pair;
    r.ambiguous = f.ambiguous;
    r.start = f.start;
    r.end = f.end;
    add_fact(t, src, r, article_text);
}

// A fact whose text is found in article_text (first occurrence), linked to it.
void add_in(FactTable& t, uint32_t src, F f, const std::string& article_text) {
    const size_t at = article_text.find(f.text);
    REQUIRE(at != std::string::npos);
    f.start = (uint32_t)at;
    f.end = (uint32_t)(at + f.text.size());
    add(t, src, f, article_text);
}

uint32_t source(FactTable& t, const std::string& id, const std::string& outlet, Day published) {
    FactSource s;
    s.id = id;
    s.outlet = outlet;
    s.published = published;
    s.date = published ? day_to_iso(published) : std::string(kUnknown);
    return fact_source(t, s);
}

F value_fact(double v) {
    F f;
    f.value = v;
    return f;
}

std::vector<uint32_t> sorted_rows(const FactTable& t, const std::vector<SortKey>& keys) {
    FactView v;
    query_facts(t, {}, keys, &v);
    return v.rows;
}

std::vector<uint32_t> query_rows(const FactTable& t, const std::string& q) {
    std::vector<QueryTerm> terms;
    QueryError err;
    INFO("query: " << q << "  error: " << err.message);
    REQUIRE(parse_fact_query(q, &terms, &err));
    FactView v;
    query_facts(t, terms, {}, &v);
    std::vector<uint32_t> rows = v.rows;
    std::sort(rows.begin(), rows.end());
    return rows;
}

using Rows = std::vector<uint32_t>;

// ---- The reference order ------------------------------------------------------------------------

// Nulls last in both directions; otherwise c (already a comparison result) flipped for descending.
int comp(bool null_a, bool null_b, int c, bool desc) {
    if (null_a || null_b) return null_a == null_b ? 0 : (null_a ? 1 : -1);
    return desc ? -c : c;
}
template <class T>
int cmp3(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

// Case-insensitive, then bytewise.
int str_order(std::string_view a, std::string_view b) {
    const int c = cmp3(fold_text(a), fold_text(b));
    return c ? c : cmp3(a, b);
}
int comp_str(std::string_view a, std::string_view b, bool desc) { return comp(a.empty(), b.empty(), str_order(a, b), desc); }
int comp_num(double a, double b, bool desc) { return comp(std::isnan(a), std::isnan(b), cmp3(a, b), desc); }
int comp_day(Day a, Day b, bool desc) { return comp(a <= 0, b <= 0, cmp3(a, b), desc); }

std::string_view known_outlet(const FactSource& s) {
    return s.outlet == kUnknown ? std::string_view() : std::string_view(s.outlet);
}

int ref_compare(const FactTable& t, FactField f, uint32_t a, uint32_t b, bool d) {
    const FactSource &sa = t.sources[t.source[a]], &sb = t.sources[t.source[b]];
    switch (f) {
        case FactField::Source: {
            const int c = comp_str(known_outlet(sa), known_outlet(sb), d);
            return c ? c : comp_day(sa.published, sb.published, d);
        }
        case FactField::Outlet: return comp_str(known_outlet(sa), known_outlet(sb), d);
        case FactField::Date: return comp_day(sa.published, sb.published, d);
        case FactField::Article: return comp_str(sa.id, sb.id, d);
        case FactField::Kind:
            return comp(false, false, cmp3(std::string(claim_kind_name((ClaimKind)t.kind[a])),
                                           std::string(claim_kind_name((ClaimKind)t.kind[b]))), d);
        case FactField::Value: return comp_num(t.value[a], t.value[b], d);
        case FactField::Unit: return comp_str(t.units.get(t.unit[a]), t.units.get(t.unit[b]), d);
        case FactField::Bounds: {
            const int c = comp_num(t.low[a], t.low[b], d);
            return c ? c : comp_num(t.high[a], t.high[b], d);
        }
        case FactField::Qualifier: return comp_str(t.qualifiers.get(t.qualifier[a]), t.qualifiers.get(t.qualifier[b]), d);
        case FactField::Low: return comp_num(t.low[a], t.low[b], d);
        case FactField::High: return comp_num(t.high[a], t.high[b], d);
        case FactField::Subject: return comp_str(t.subjects.get(t.subject[a]), t.subjects.get(t.subject[b]), d);
        case FactField::Period: {
            const int c = comp_day(t.period_start[a], t.period_start[b], d);
            return c ? c : comp_day(t.period_end[a], t.period_end[b], d);
        }
        case FactField::Hedge: return comp_str(t.hedges.get(t.hedge[a]), t.hedges.get(t.hedge[b]), d);
        case FactField::Direction: return comp_str(t.directions.get(t.direction[a]), t.directions.get(t.direction[b]), d);
        case FactField::Pair:
        case FactField::Rate: return comp_num(t.rate[a], t.rate[b], d);
        case FactField::Sentence: {
            const int c = comp(false, false, cmp3(t.source[a], t.source[b]), d);
            return c ? c : comp(false, false, cmp3(t.start[a], t.start[b]), d);
        }
        case FactField::Text: return comp_str(t.texts.get(t.text[a]), t.texts.get(t.text[b]), d);
        case FactField::Ambiguous: return comp(false, false, cmp3(t.ambiguous[a], t.ambiguous[b]), d);
        case FactField::Count_: return 0;
    }
    return 0;
}

Rows reference_order(const FactTable& t, const std::vector<SortKey>& keys) {
    Rows rows(t.size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
        for (const SortKey& k : keys) {
            const int c = ref_compare(t, k.field, a, b, k.descending);
            if (c) return c < 0;
        }
        return false;
    });
    return rows;
}

// ---- A random table -----------------------------------------------------------------------------

template <class T, size_t N>
const T& pick(std::mt19937& rng, const T (&a)[N]) { return a[rng() % N]; }

Day random_day(std::mt19937& rng, int y0, int y1) {
    const int y = y0 + (int)(rng() % (unsigned)(y1 - y0 + 1));
    const int m = 1 + (int)(rng() % 12);
    return make_day(y, m, 1 + (int)(rng() % (unsigned)days_in_month(y, m)));
}

FactTable random_table(uint32_t seed, size_t n) {
    std::mt19937 rng(seed);
    FactTable t;
    static const char* const kOutlets[] = {"ECNS", "ecns", "Race to AGI", "unknown", "Xinhua", "apple", "Ärger Zeitung"};
    static const char* const kIds[] = {"b_002", "A_001", "a_003", "c_004", "B_005", "d_006", "e_007", "f_008", "A_009"};
    static const Day kDates[] = {0, 20260121, 20251227, 20260122, 20240229};
    for (const char* id : kIds) source(t, id, pick(rng, kOutlets), pick(rng, kDates));
    static const char* const kUnits[] = {"", "", "USD", "usd", "CNY", "%", "AI companies", "ai Companies", "Apple",
                                         "banana", "Cherry", "Ärger", "ärger", "none", "AI\xC2\xA0" "firms",
                                         "say \"hi\"", "a:b", "-x"};
    static const char* const kQuals[] = {"", "", "", "over", "Over", "about", "more than", "none"};
    static const char* const kHedges[] = {"", "", "", "expected", "Expected", "target", "forecast"};
    static const char* const kDirs[] = {"", "", "up", "down", "Up"};
    static const char* const kWords[] = {"", "core AI industry", "Core ai industry", "AI companies", "output", "Ärger",
                                         "ärger", "zebra", "Zebra", "apple"};
    static const double kValues[] = {0.0, -0.0, -3, 9.2, 10, 6000, 1.2e12, -1e9, 0.25, 1e-300, -1e300, 171.39e9, 5, 5};
    for (size_t i = 0; i < n; ++i) {
        F f;
        f.kind = (ClaimKind)(rng() % 6);
        auto num = [&]() -> double {
            const unsigned c = rng() % 10;
            if (c < 2) return NaN;
            if (c < 6) return pick(rng, kValues);
            return std::ldexp((double)(int32_t)rng(), (int)(rng() % 80) - 40);
        };
        f.value = num();
        f.low = rng() % 2 ? NaN : num();
        f.high = rng() % 2 ? NaN : num();
        f.rate = rng() % 3 ? NaN : num();
        f.unit = pick(rng, kUnits);
        f.qualifier = pick(rng, kQuals);
        f.hedge = pick(rng, kHedges);
        f.direction = pick(rng, kDirs);
        f.subject = pick(rng, kWords);
        f.text = pick(rng, kWords);
        f.ambiguous = rng() % 5 == 0;
        f.start = rng() % 50;
        f.end = f.start + rng() % 10;
        if (rng() % 3) {
            f.ps = random_day(rng, 2022, 2027);
            switch (rng() % 4) {
                case 0: f.pe = 0; break;  // one day
                case 1: f.pe = f.ps; break;
                case 2: f.pe = make_day(day_year(f.ps), 12, 31); break;
                default: f.pe = random_day(rng, day_year(f.ps) + 1, day_year(f.ps) + 3); break;  // crosses years
            }
        }
        add(t, rng() % t.sources.size(), f);
    }
    return t;
}

// "" when equal, else where the two orders first differ (short, unlike printing 3000 rows).
std::string order_diff(const FactTable& t, const Rows& got, const Rows& want) {
    if (got == want) return "";
    if (got.size() != want.size()) return "sizes differ: " + std::to_string(got.size()) + " vs " + std::to_string(want.size());
    size_t i = 0;
    while (got[i] == want[i]) ++i;
    char buf[256];
    std::snprintf(buf, sizeof buf, "first difference at %zu: got row %u (value %g, low %g, high %g), want row %u (value %g, low %g, high %g)", i,
                  got[i], t.value[got[i]], t.low[got[i]], t.high[got[i]], want[i], t.value[want[i]], t.low[want[i]], t.high[want[i]]);
    return buf;
}

std::string keys_label(const std::vector<SortKey>& keys) {
    std::string s;
    for (const SortKey& k : keys) s += std::string(fact_field_name(k.field)) + (k.descending ? " desc, " : " asc, ");
    return s;
}

} // namespace

// ---- Sort ---------------------------------------------------------------------------------------

TEST_CASE("sort by value: numbers as numbers, -0 == 0, ties in load order, NaN last both ways", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 20260121);
    const double vals[] = {10, 9.2, 1.2e12, 6000, NaN, -3, -0.0, 0.0, -1e9, 6000};
    for (double v : vals) add(t, s, value_fact(v));
    // rows:                 0   1    2      3    4   5   6    7   8     9
    CHECK(sorted_rows(t, {{FactField::Value, false}}) == Rows{8, 5, 6, 7, 1, 0, 3, 9, 2, 4});
    CHECK(sorted_rows(t, {{FactField::Value, true}}) == Rows{2, 3, 9, 0, 1, 6, 7, 5, 8, 4});
    // No keys: load order.
    CHECK(sorted_rows(t, {}) == Rows{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("sort: several keys, strings case-insensitive, absent strings and unknown dates last", "[facts]") {
    FactTable t;
    const uint32_t s1 = source(t, "x1", "ECNS", 20260121);
    const uint32_t s2 = source(t, "x2", kUnknown, 0);
    const uint32_t s3 = source(t, "x3", "apple", 20251227);
    F f;
    f.kind = ClaimKind::Money; f.value = 5; f.unit = "Cherry"; add(t, s1, f);        // 0
    f.kind = ClaimKind::Count; f.value = 7; f.unit = "banana"; add(t, s2, f);        // 1
    f.kind = ClaimKind::Money; f.value = 9; f.unit = "Apple"; add(t, s3, f);         // 2
    f.kind = ClaimKind::Count; f.value = NaN; f.unit = ""; add(t, s1, f);            // 3
    f.kind = ClaimKind::Date; f.value = NaN; f.unit = "apple"; add(t, s2, f);        // 4
    f.kind = ClaimKind::Money; f.value = 5; f.unit = "banana"; add(t, s3, f);        // 5

    // Kind asc (count < date < money, alphabetical), then value desc (NaN last).
    CHECK(sorted_rows(t, {{FactField::Kind, false}, {FactField::Value, true}}) == Rows{1, 3, 4, 2, 0, 5});
    // Kind desc, then value asc.
    CHECK(sorted_rows(t, {{FactField::Kind, true}, {FactField::Value, false}}) == Rows{0, 5, 2, 4, 1, 3});
    // Units: Apple < apple (same folded, then bytewise) < banana (load order) < Cherry < none.
    CHECK(sorted_rows(t, {{FactField::Unit, false}}) == Rows{2, 4, 1, 5, 0, 3});
    CHECK(sorted_rows(t, {{FactField::Unit, true}}) == Rows{0, 1, 5, 4, 2, 3});
    // Outlet: apple < ECNS < unknown (last both ways).
    CHECK(sorted_rows(t, {{FactField::Outlet, false}}) == Rows{2, 5, 0, 3, 1, 4});
    CHECK(sorted_rows(t, {{FactField::Outlet, true}}) == Rows{0, 3, 2, 5, 1, 4});
    // Publication date: unknown last both ways.
    CHECK(sorted_rows(t, {{FactField::Date, false}}) == Rows{2, 5, 0, 3, 1, 4});
    CHECK(sorted_rows(t, {{FactField::Date, true}}) == Rows{0, 3, 2, 5, 1, 4});
}

TEST_CASE("sort: Source is outlet then date, unknown outlet and unknown date last in both directions", "[facts]") {
    FactTable t;
    const uint32_t a = source(t, "a", "ECNS", 20260121);
    const uint32_t b = source(t, "b", "ECNS", 0);
    const uint32_t c = source(t, "c", "ECNS", 20251227);
    const uint32_t d = source(t, "d", kUnknown, 20260101);
    const uint32_t e = source(t, "e", "Race to AGI", 0);
    const uint32_t g = source(t, "g", kUnknown, 0);
    for (uint32_t s : {a, b, c, d, e, g}) add(t, s, value_fact(1));  // row i from source i
    CHECK(sorted_rows(t, {{FactField::Source, false}}) == Rows{2, 0, 1, 4, 3, 5});
    CHECK(sorted_rows(t, {{FactField::Source, true}}) == Rows{4, 0, 2, 1, 3, 5});
}

TEST_CASE("sort: Bounds orders by low, then high", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 20260121);
    F f;
    f.low = 5; f.high = 10; add(t, s, f);     // 0
    f.low = 5; f.high = 7; add(t, s, f);      // 1
    f.low = 1; f.high = NaN; add(t, s, f);    // 2
    f.low = 5; f.high = NaN; add(t, s, f);    // 3
    f.low = NaN; f.high = 3; add(t, s, f);    // 4
    f.low = 5; f.high = 8; add(t, s, f);      // 5
    CHECK(sorted_rows(t, {{FactField::Bounds, false}}) == Rows{2, 1, 5, 0, 3, 4});
    CHECK(sorted_rows(t, {{FactField::Bounds, true}}) == Rows{0, 5, 1, 3, 2, 4});
}

TEST_CASE("sort: every field, both directions, matches a stable_sort reference on a random table", "[facts]") {
    const FactTable t = random_table(12345, 3000);
    for (size_t f = 0; f < (size_t)FactField::Count_; ++f) {
        for (bool desc : {false, true}) {
            const std::vector<SortKey> keys{{(FactField)f, desc}};
            INFO(keys_label(keys));
            CHECK(order_diff(t, sorted_rows(t, keys), reference_order(t, keys)) == "");
        }
    }
    // Random combinations of two and three keys.
    std::mt19937 rng(777);
    for (int i = 0; i < 60; ++i) {
        std::vector<SortKey> keys;
        const int n = 2 + (int)(rng() % 2);
        for (int k = 0; k < n; ++k) keys.push_back({(FactField)(rng() % (unsigned)FactField::Count_), rng() % 2 == 0});
        INFO(keys_label(keys));
        CHECK(order_diff(t, sorted_rows(t, keys), reference_order(t, keys)) == "");
    }
}

TEST_CASE("fact_field names round-trip, case-insensitively", "[facts]") {
    for (size_t f = 0; f < (size_t)FactField::Count_; ++f) {
        std::string name = fact_field_name((FactField)f);
        FactField out = FactField::Count_;
        REQUIRE(fact_field_from_name(name, &out));
        CHECK(out == (FactField)f);
        for (char& c : name) c = (char)std::toupper((unsigned char)c);
        REQUIRE(fact_field_from_name(name, &out));
        CHECK(out == (FactField)f);
    }
    FactField out;
    CHECK_FALSE(fact_field_from_name("valu", &out));
    CHECK_FALSE(fact_field_from_name("", &out));
}

// ---- Filter -------------------------------------------------------------------------------------

namespace {

struct Small {
    FactTable t;
    std::string text0 = "China's core AI industry is expected to top 1.2 trillion yuan (US$170 billion) in 2025. "
                        "Output rose 9.2 percent, the ministry said amid \xC3\xA4rger over tariffs.";
    std::string text1 = "Over 6,000 AI companies operate in the U.S. and China. A fee of $5 applies.";
    Small() {
        const uint32_t s0 = source(t, "002_97deae5d2b524853", "ECNS", 20260121);
        const uint32_t s1 = source(t, "003_x", "Race to AGI", 0);
        const uint32_t s2 = source(t, "004_y", kUnknown, 20251227);
        F f;
        f.kind = ClaimKind::Money; f.value = 1.2e12; f.unit = "CNY"; f.qualifier = "over"; f.low = 1.2e12;
        f.hedge = "expected"; f.subject = "core AI industry"; f.text = "1.2 trillion yuan";
        f.ps = 20250101; f.pe = 20251231; f.rate = 7.0588235294117645; f.rate_unit = "CNY per USD"; f.pair = 1;
        add_in(t, s0, f, text0);                                                                   // 0
        f = F{};
        f.kind = ClaimKind::Money; f.value = 1.7e11; f.unit = "USD"; f.subject = "core AI industry";
        f.text = "US$170 billion"; f.pair = 0; f.rate = 0.14166666666666666;
        add_in(t, s0, f, text0);                                                                   // 1
        f = F{};
        f.kind = ClaimKind::Percent; f.value = 9.2; f.unit = "%"; f.direction = "up"; f.subject = "industrial output";
        f.text = "9.2 percent"; f.ps = 20240101; f.pe = 20241231;
        add_in(t, s0, f, text0);                                                                   // 2
        f = F{};
        f.kind = ClaimKind::Count; f.value = 6000; f.unit = "AI companies"; f.qualifier = "more than"; f.low = 6000;
        f.subject = "AI companies"; f.text = "6,000";
        add_in(t, s1, f, text1);                                                                   // 3
        f = F{};
        f.kind = ClaimKind::Money; f.value = 5; f.unit = "USD"; f.ambiguous = true; f.text = "$5"; f.hedge = "target";
        f.ps = 20241201; f.pe = 20250228;
        add_in(t, s1, f, text1);                                                                   // 4
        f = F{};
        f.kind = ClaimKind::Date; f.text = "Wednesday"; f.ps = f.pe = 20251224;
        add(t, s2, f);                                                                             // 5
        f = F{};
        f.kind = ClaimKind::Period; f.text = "2026-2030"; f.ps = 20260101; f.pe = 20301231;
        add(t, s2, f);                                                                             // 6
        f = F{};
        f.kind = ClaimKind::Quantity; f.value = 7.5; f.unit = "exaflops"; f.low = 5; f.high = 10;
        f.direction = "down"; f.text = "5 to 10 exaflops";
        add(t, s2, f);                                                                             // 7
        f = F{};
        f.kind = ClaimKind::Count; f.value = 10; f.text = "ten";
        add(t, s2, f);                                                                             // 8
        link_pairs(t, 0);
    }
};

} // namespace

TEST_CASE("small table: sentences are found around each figure", "[facts]") {
    Small s;
    const FactTable& t = s.t;
    CHECK(t.sentences.get(t.sentence[0]) == "China's core AI industry is expected to top 1.2 trillion yuan (US$170 billion) in 2025.");
    CHECK(t.sentence[1] == t.sentence[0]);
    CHECK(t.sentences.get(t.sentence[2]) == "Output rose 9.2 percent, the ministry said amid \xC3\xA4rger over tariffs.");
    CHECK(t.sentence_start[2] == s.text0.find("Output"));
    CHECK(t.sentences.get(t.sentence[3]) == "Over 6,000 AI companies operate in the U.S. and China.");
    CHECK(t.sentences.get(t.sentence[4]) == "A fee of $5 applies.");
    CHECK(t.sentence[5] == 0);
    CHECK(t.pair_row[0] == 1);
    CHECK(t.pair_row[1] == 0);
    CHECK(t.pair_row[2] == -1);
}

TEST_CASE("filter: each field and operator on a small table", "[facts]") {
    Small s;
    const FactTable& t = s.t;
    struct Case { const char* q; Rows want; };
    const Case cases[] = {
        {"", {0, 1, 2, 3, 4, 5, 6, 7, 8}},
        {"kind:money", {0, 1, 4}},
        {"KIND:Money,percent", {0, 1, 2, 4}},
        {"-kind:money", {2, 3, 5, 6, 7, 8}},
        {"kind!=money", {2, 3, 5, 6, 7, 8}},
        {"kind:date,period", {5, 6}},
        {"unit:USD,cny", {0, 1, 4}},
        {"unit:usd", {1, 4}},
        {"unit:US", {}},                       // equality, not substring
        {"unit:none", {5, 6, 8}},
        {"-unit:none", {0, 1, 2, 3, 4, 7}},
        {"unit:USD,none", {1, 4, 5, 6, 8}},
        {"unit:%", {2}},
        {"unit:\"ai companies\"", {3}},
        {"outlet:ecns", {0, 1, 2}},
        {"outlet:\"race to agi\"", {3, 4}},
        {"outlet:unknown", {5, 6, 7, 8}},
        {"-outlet:ECNS", {3, 4, 5, 6, 7, 8}},
        {"article:003_X", {3, 4}},
        {"article:002_97deae5d2b524853,004_y", {0, 1, 2, 5, 6, 7, 8}},
        {"subject:ai", {0, 1, 3}},
        {"subject:OUTPUT", {2}},
        {"subject:none", {4, 5, 6, 7, 8}},
        {"-subject:none", {0, 1, 2, 3}},
        {"text:billion", {1}},
        {"text:TRILLION", {0}},
        {"text:exaflops,ten", {7, 8}},
        {"qualifier:over", {0}},
        {"qualifier:\"more than\"", {3}},
        {"qualifier:more", {}},                // equality
        {"qualifier:none", {1, 2, 4, 5, 6, 7, 8}},
        {"hedge:none", {1, 2, 3, 5, 6, 7, 8}},
        {"-hedge:none", {0, 4}},
        {"hedge!=none", {0, 4}},
        {"hedge:Expected", {0}},
        {"direction:up", {2}},
        {"direction:down,up", {2, 7}},
        {"direction:none", {0, 1, 3, 4, 5, 6, 8}},
        {"period:2025", {0, 4, 5}},            // overlap: 2024-12..2025-02 and 2025-12-24 count
        {"period:2024", {2, 4}},
        {"period:2025-02", {0, 4}},
        {"period:2025-12-24", {0, 5}},
        {"period:2028", {6}},
        {"period:none", {1, 3, 7, 8}},
        {"-period:none", {0, 2, 4, 5, 6}},
        {"period>2024", {0, 5, 6}},            // starts after 2024-12-31
        {"period>=2025", {0, 5, 6}},
        {"period<2025", {2, 4}},
        {"period<=2024-12", {2, 4}},
        {"period<=2024-11", {2}},
        {"period>2025-12-23", {5, 6}},
        {"date:2026", {0, 1, 2}},
        {"date:2025-12-27", {5, 6, 7, 8}},
        {"date:2025-12", {5, 6, 7, 8}},
        {"date:none", {3, 4}},
        {"date<2026", {5, 6, 7, 8}},
        {"date>=2026-01-21", {0, 1, 2}},
        {"value>1e9", {0, 1}},
        {"value<=5", {4}},
        {"value<5", {}},
        {"value>=7.5", {0, 1, 2, 3, 7, 8}},
        {"value:none", {5, 6}},
        {"value:6,000", {3}},
        {"value=1.2tn", {0}},
        {"value:9.2", {2}},
        {"value:170bn", {1}},
        {"-value:none", {0, 1, 2, 3, 4, 7, 8}},
        {"low>=6000", {0, 3}},
        {"low:5", {7}},
        {"low:none", {1, 2, 4, 5, 6, 8}},
        {"high:10", {7}},
        {"high<100", {7}},
        {"high:none", {0, 1, 2, 3, 4, 5, 6, 8}},
        {"rate>1", {0}},
        {"rate<1", {1}},
        {"rate:none", {2, 3, 4, 5, 6, 7, 8}},
        {"ambiguous:true", {4}},
        {"ambiguous:no", {0, 1, 2, 3, 5, 6, 7, 8}},
        {"-ambiguous:yes", {0, 1, 2, 3, 5, 6, 7, 8}},
        {"companies", {3}},                    // unit, subject and sentence
        {"YUAN", {0, 1}},                      // row 1 through its sentence
        {"-yuan", {2, 3, 4, 5, 6, 7, 8}},
        {"exaflops", {7}},                     // unit and text, no sentence
        {"wednesday", {5}},                    // text only
        {"\"u.s.\"", {3}},
        {"\"fee of\"", {4}},
        {"\xC3\x84rger", {2}},                 // "Ärger" finds "ärger" in a sentence
        {"\xC3\x84RGER", {2}},
        {"\"9.2 percent\"", {2}},
        {"tariffsxyz", {}},
        {"kind:money unit:USD value>1e9", {1}},
        {"kind:money -unit:usd", {0}},
        {"ai period:2025", {0}},
    };
    for (const Case& c : cases) {
        INFO("query: " << c.q);
        CHECK(query_rows(t, c.q) == c.want);
    }
}

TEST_CASE("filter: free text never matches across two strings of a pool", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 0);
    F f;
    f.text = "ab"; add(t, s, f);
    f.text = "cd"; add(t, s, f);
    f.text = "xbcx"; add(t, s, f);
    CHECK(query_rows(t, "bc") == Rows{2});
    CHECK(query_rows(t, "text:bc") == Rows{2});
    CHECK(query_rows(t, "abcd") == Rows{});
}

// ---- Facets -------------------------------------------------------------------------------------

namespace {

const char kAbsentKey[] = "\x01none";  // absent, as distinct from a value that reads "none"

// The facet labels of one row, as the header describes them (years: every year the period overlaps).
std::vector<std::string> ref_facet_keys(const FactTable& t, size_t facet, uint32_t r) {
    auto pool_key = [](const StringPool& p, uint32_t id) { return id ? fold_text(p.get(id)) : std::string(kAbsentKey); };
    switch (facet) {
        case 0: return {claim_kind_name((ClaimKind)t.kind[r])};
        case 1: return {pool_key(t.units, t.unit[r])};
        case 2: {
            const std::string& o = t.sources[t.source[r]].outlet;
            return {o.empty() ? std::string("unknown") : fold_text(o)};
        }
        case 3: return {pool_key(t.qualifiers, t.qualifier[r])};
        case 4: return {pool_key(t.hedges, t.hedge[r])};
        default: {
            if (t.period_start[r] <= 0) return {kAbsentKey};
            std::vector<std::string> ys;
            for (int y = day_year(t.period_start[r]); y <= day_year(t.period_end[r]); ++y) ys.push_back(std::to_string(y));
            return ys;
        }
    }
}

std::string facet_key(size_t facet, const FacetValue& v) {
    static const char* const fields[] = {"kind", "unit", "outlet", "qualifier", "hedge", "period"};
    if (facet != 2 && v.query == std::string(fields[facet]) + ":none") return kAbsentKey;
    return facet == 0 || facet == 5 ? v.label : fold_text(v.label);
}

} // namespace

TEST_CASE("facets: counts match a recount, and each value's query selects exactly its rows", "[facts]") {
    const FactTable t = random_table(4242, 2500);
    const char* const queries[] = {"", "kind:money", "-unit:none", "period:2025", "value>100", "hedge:none outlet:ecns",
                                   "-kind:date,period", "ai", "qualifier:none -hedge:none"};
    const char* const names[] = {"kind", "unit", "outlet", "qualifier", "hedge", "year"};
    for (const char* q : queries) {
        INFO("base query: " << q);
        std::vector<QueryTerm> terms;
        QueryError err;
        REQUIRE(parse_fact_query(q, &terms, &err));
        FactView v;
        query_facts(t, terms, {{FactField::Value, true}}, &v);
        REQUIRE(v.facets.size() == 6);
        for (size_t fi = 0; fi < 6; ++fi) {
            const Facet& facet = v.facets[fi];
            INFO("facet " << names[fi]);
            CHECK(std::string(facet.name) == names[fi]);
            std::map<std::string, uint32_t> want;
            for (uint32_t r : v.rows)
                for (const std::string& k : ref_facet_keys(t, fi, r)) ++want[k];
            CHECK(facet.distinct == want.size());
            CHECK(facet.values.size() == std::min(want.size(), kMaxFacetValues));
            for (size_t i = 0; i < facet.values.size(); ++i) {
                const FacetValue& fv = facet.values[i];
                INFO("value " << fv.label << " query " << fv.query);
                if (i > 0) CHECK(facet.values[i - 1].count >= fv.count);
                const std::string key = facet_key(fi, fv);
                REQUIRE(want.count(key) == 1);
                CHECK(fv.count == want[key]);
                // The value's query, added to the base query, selects exactly the rows with that value.
                std::vector<QueryTerm> one;
                QueryError e2;
                INFO("parse error: " << e2.message);
                REQUIRE(parse_fact_query(std::string(q) + " " + fv.query, &one, &e2));
                FactView v2;
                query_facts(t, one, {{FactField::Value, true}}, &v2);
                Rows expect;
                for (uint32_t r : v.rows) {
                    const auto ks = ref_facet_keys(t, fi, r);
                    if (std::find(ks.begin(), ks.end(), key) != ks.end()) expect.push_back(r);
                }
                CHECK(order_diff(t, v2.rows, expect) == "");
                CHECK(v2.rows.size() == fv.count);
            }
        }
    }
}

TEST_CASE("facets: hand-checked counts on the small table", "[facts]") {
    Small s;
    FactView v;
    query_facts(s.t, {}, {}, &v);
    REQUIRE(v.facets.size() == 6);
    auto get = [&](size_t f, const std::string& label) -> int {
        for (const FacetValue& x : v.facets[f].values)
            if (x.label == label) return (int)x.count;
        return -1;
    };
    CHECK(get(0, "money") == 3);
    CHECK(get(0, "count") == 2);
    CHECK(v.facets[0].values[0].query == "kind:money");
    CHECK(get(1, "none") == 3);
    CHECK(get(1, "USD") == 2);
    CHECK(get(2, "ECNS") == 3);
    CHECK(get(2, "unknown") == 4);
    CHECK(get(2, "Race to AGI") == 2);
    for (const FacetValue& x : v.facets[2].values)
        if (x.label == "Race to AGI") CHECK(x.query == "outlet:\"Race to AGI\"");
    CHECK(get(3, "none") == 7);
    CHECK(get(4, "none") == 7);
    CHECK(get(5, "none") == 4);
    CHECK(get(5, "2024") == 2);
    CHECK(get(5, "2025") == 3);
    CHECK(get(5, "2026") == 1);
    CHECK(get(5, "2030") == 1);
}

// ---- query_facts caches -------------------------------------------------------------------------

TEST_CASE("query_facts: a query change keeps the sorted order; a sort or table change re-sorts", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 0);
    for (double v : {3.0, 1.0, 2.0}) add(t, s, value_fact(v));
    FactView v;
    const std::vector<SortKey> keys{{FactField::Value, false}};
    query_facts(t, {}, keys, &v);
    CHECK(v.rows == Rows{1, 2, 0});
    CHECK(v.order == Rows{1, 2, 0});
    CHECK(v.order_generation == t.generation);

    // Plant a sentinel order: a query change alone must not re-sort.
    v.order = {0, 2, 1};
    std::vector<QueryTerm> q;
    QueryError err;
    REQUIRE(parse_fact_query("value>1", &q, &err));
    query_facts(t, q, keys, &v);
    CHECK(v.order == Rows{0, 2, 1});
    CHECK(v.rows == Rows{0, 2});

    // Another sort key re-sorts.
    query_facts(t, q, {{FactField::Value, true}}, &v);
    CHECK(v.order == Rows{0, 2, 1});  // 3, 2, 1 happens to be this
    v.order = {1, 0, 2};
    query_facts(t, q, {{FactField::Value, false}}, &v);
    CHECK(v.order == Rows{1, 2, 0});

    // A table change re-sorts.
    v.order = {0, 1, 2};
    add(t, s, value_fact(0.5));
    query_facts(t, {}, keys, &v);
    CHECK(v.order == Rows{3, 1, 2, 0});
    CHECK(v.rows == Rows{3, 1, 2, 0});
}

TEST_CASE("query_facts: a cleared and refilled table is re-sorted even at the same size", "[facts]") {
    FactTable t;
    uint32_t s = source(t, "a", "ECNS", 0);
    for (double v : {3.0, 1.0, 2.0}) add(t, s, value_fact(v));
    FactView v;
    const std::vector<SortKey> keys{{FactField::Value, false}};
    query_facts(t, {}, keys, &v);
    REQUIRE(v.rows == Rows{1, 2, 0});
    t.clear();
    CHECK(t.size() == 0);
    CHECK(t.sources.empty());
    CHECK(t.units.count() == 0);
    s = source(t, "b", "ECNS", 0);
    for (double x : {1.0, 2.0, 3.0}) add(t, s, value_fact(x));
    query_facts(t, {}, keys, &v);
    CHECK(v.rows == Rows{0, 1, 2});
}

TEST_CASE("filter_facts without a sort gives no rows rather than stale ones", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 0);
    add(t, s, value_fact(1));
    FactView v;
    filter_facts(t, {}, &v);
    CHECK(v.rows.empty());
    sort_facts(t, {}, &v);
    filter_facts(t, {}, &v);
    CHECK(v.rows == Rows{0});
}

// ---- StringPool ---------------------------------------------------------------------------------

TEST_CASE("StringPool: intern, get, folded, ranks, match_folded, truncate", "[facts]") {
    StringPool p;
    CHECK(p.count() == 0);
    CHECK(p.get(0).empty());
    CHECK(p.get(5).empty());
    const uint32_t cherry = p.intern("Cherry");
    const uint32_t apple = p.intern("apple");
    const uint32_t banana = p.intern("banana");
    const uint32_t Apple = p.intern("Apple");
    const uint32_t arger = p.intern("\xC3\x84rger");  // Ärger
    CHECK(cherry == 1);
    CHECK(apple == 2);
    CHECK(banana == 3);
    CHECK(Apple == 4);
    CHECK(arger == 5);
    CHECK(p.intern("apple") == apple);
    CHECK(p.intern("Cherry") == cherry);
    CHECK(p.count() == 5);
    CHECK(p.get(cherry) == "Cherry");
    CHECK(p.get(Apple) == "Apple");
    CHECK(p.folded(Apple) == "apple");
    CHECK(p.folded(arger) == "\xC3\xA4rger");
    CHECK(p.folded(0).empty());

    {
        const std::vector<uint32_t>& r = p.ranks();
        REQUIRE(r.size() == 6);
        CHECK(r[0] == UINT32_MAX);
        CHECK(r[Apple] == 0);
        CHECK(r[apple] == 1);
        CHECK(r[banana] == 2);
        CHECK(r[cherry] == 3);
        CHECK(r[arger] == 4);  // non-ASCII folds after ASCII letters bytewise
    }
    // The cache follows growth.
    const uint32_t aardvark = p.intern("Aardvark");
    {
        const std::vector<uint32_t>& r = p.ranks();
        REQUIRE(r.size() == 7);
        CHECK(r[aardvark] == 0);
        CHECK(r[Apple] == 1);
        CHECK(r[arger] == 5);
    }

    std::vector<uint8_t> bits;
    p.match_folded("an", bits);
    REQUIRE(bits.size() == 7);
    CHECK(bits == std::vector<uint8_t>{0, 0, 0, 1, 0, 0, 0});
    p.match_folded("app", bits);
    CHECK(bits == std::vector<uint8_t>{0, 0, 1, 0, 1, 0, 0});
    p.match_folded("\xC3\xA4r", bits);  // "är"
    CHECK(bits == std::vector<uint8_t>{0, 0, 0, 0, 0, 1, 0});
    // "cherryapple" is two strings side by side in the pool's text: no match across them.
    p.match_folded("cherryapple", bits);
    CHECK(bits == std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0});
    p.match_folded("yap", bits);
    CHECK(bits == std::vector<uint8_t>{0, 0, 0, 0, 0, 0, 0});
    p.match_folded("", bits);
    CHECK(bits == std::vector<uint8_t>{0, 1, 1, 1, 1, 1, 1});
    p.match_folded("a", bits);  // "ärger" has no byte 'a'
    CHECK(bits == std::vector<uint8_t>{0, 0, 1, 1, 1, 0, 1});

    p.truncate(3);
    CHECK(p.count() == 3);
    CHECK(p.get(4).empty());
    CHECK(p.get(3) == "banana");
    CHECK(p.ranks().size() == 4);
    p.match_folded("app", bits);
    CHECK(bits == std::vector<uint8_t>{0, 0, 1, 0});
    CHECK(p.intern("Apple") == 4);
    CHECK(p.intern("apple") == apple);
    CHECK(p.intern("Aardvark") == 5);
    CHECK(p.ranks()[5] == 0);
    p.truncate(10);  // no-op
    CHECK(p.count() == 5);
    p.truncate(0);
    CHECK(p.count() == 0);
    CHECK(p.intern("x") == 1);
}

TEST_CASE("StringPool: many strings keep their ids through growth and truncation", "[facts]") {
    StringPool p;
    for (int i = 0; i < 20000; ++i) REQUIRE(p.intern("s" + std::to_string(i)) == (uint32_t)i + 1);
    for (int i = 0; i < 20000; i += 7) REQUIRE(p.intern("s" + std::to_string(i)) == (uint32_t)i + 1);
    CHECK(p.get(12345) == "s12344");
    p.truncate(1000);
    for (int i = 0; i < 1000; i += 3) REQUIRE(p.intern("s" + std::to_string(i)) == (uint32_t)i + 1);
    CHECK(p.intern("s5000") == 1001);
    std::vector<uint8_t> bits;
    p.match_folded("s999", bits);
    CHECK(std::count(bits.begin(), bits.end(), 1) == 1);
    CHECK(bits[1000] == 1);
}

// ---- FactTable marks -----------------------------------------------------------------------------

TEST_CASE("FactTable mark/rollback restores rows, sources and pools", "[facts]") {
    Small s;
    FactTable& t = s.t;
    const FactTable::Mark m = t.mark();
    const FactTable before = t;
    const uint32_t src = source(t, "new", "X", 0);
    F f;
    f.unit = "brand new unit";
    f.subject = "a fresh subject";
    f.text = "fresh";
    add(t, src, f);
    REQUIRE(t.size() == before.size() + 1);
    const uint64_t gen = t.generation;
    t.rollback(m);
    CHECK(t.generation > gen);
    CHECK(t.size() == before.size());
    CHECK(t.sources.size() == before.sources.size());
    CHECK(t.units.count() == before.units.count());
    CHECK(t.subjects.count() == before.subjects.count());
    CHECK(t.texts.count() == before.texts.count());
    CHECK(query_rows(t, "fresh").empty());
    CHECK(query_rows(t, "kind:money") == Rows{0, 1, 4});
    // Re-adding the same strings gets the same ids as the first time.
    const uint32_t src2 = source(t, "new", "X", 0);
    add(t, src2, f);
    CHECK(t.unit.back() == before.units.count() + 1);
}

// ---- sentence_around ----------------------------------------------------------------------------

namespace {

std::string sentence_of(const std::string& text, const std::string& figure, int nth = 1) {
    size_t at = std::string::npos, from = 0;
    for (int k = 0; k < nth; ++k) {
        at = text.find(figure, from);
        REQUIRE(at != std::string::npos);
        from = at + 1;
    }
    const TextRange r = sentence_around(text, (uint32_t)at, (uint32_t)(at + figure.size()));
    REQUIRE(r.start <= at);
    REQUIRE(r.end >= at + figure.size());
    REQUIRE(r.end <= text.size());
    return text.substr(r.start, r.end - r.start);
}

} // namespace

TEST_CASE("sentence_around on real sentences", "[facts]") {
    // From the corpus (000_9de56da941baaf02.txt).
    const std::string a =
        "    China had more than 6,000 artificial intelligence (AI) enterprises last year, while the scale of the "
        "country's core AI industry was expected to exceed 1.2 trillion yuan (about 171.39 billion U.S. dollars) in "
        "2025, the Ministry of Industry and Information Technology said on Wednesday.\n\n    January 22, 2026\n";
    const std::string whole =
        "China had more than 6,000 artificial intelligence (AI) enterprises last year, while the scale of the "
        "country's core AI industry was expected to exceed 1.2 trillion yuan (about 171.39 billion U.S. dollars) in "
        "2025, the Ministry of Industry and Information Technology said on Wednesday.";
    CHECK(sentence_of(a, "171.39 billion U.S. dollars") == whole);
    CHECK(sentence_of(a, "6,000") == whole);
    CHECK(sentence_of(a, "2025") == whole);
    CHECK(sentence_of(a, "January 22, 2026") == "January 22, 2026");

    // From 003_fafa350621e27bbb.txt: "U.S." inside a sentence, then a new sentence.
    const std::string b =
        "That provides a wide deployment base for domestic labs, even as export controls throttle access to top-end "
        "U.S. GPUs. Over time, that deployment base can generate 20 percent more revenue.";
    CHECK(sentence_of(b, "U.S.") ==
          "That provides a wide deployment base for domestic labs, even as export controls throttle access to top-end "
          "U.S. GPUs.");
    CHECK(sentence_of(b, "20 percent") == "Over time, that deployment base can generate 20 percent more revenue.");

    // Decimals and abbreviations do not end a sentence; a sentence at the start and at the end of the text.
    const std::string c = "Output rose 1.2 percent in Jan. to 5.5 billion. Prices fell 3 percent";
    CHECK(sentence_of(c, "1.2 percent") == "Output rose 1.2 percent in Jan. to 5.5 billion.");
    CHECK(sentence_of(c, "5.5 billion") == "Output rose 1.2 percent in Jan. to 5.5 billion.");
    CHECK(sentence_of(c, "3 percent") == "Prices fell 3 percent");

    // A question and an exclamation end sentences too; newlines always do.
    const std::string d = "Is it 5 percent? It is 6 percent! Maybe 7\npercent or 8 percent.\r\nNext 9 line";
    CHECK(sentence_of(d, "5 percent") == "Is it 5 percent?");
    CHECK(sentence_of(d, "6 percent") == "It is 6 percent!");
    CHECK(sentence_of(d, "7") == "Maybe 7");
    CHECK(sentence_of(d, "8 percent") == "percent or 8 percent.");
    CHECK(sentence_of(d, "9") == "Next 9 line");

    // A figure at the very start and the very end of the text.
    const std::string e = "5 percent growth. It ended at 10";
    CHECK(sentence_of(e, "5 percent") == "5 percent growth.");
    CHECK(sentence_of(e, "10") == "It ended at 10");

    // Non-ASCII text around the figure stays whole.
    const std::string f = "Der \xC3\x84rger w\xC3\xA4\x63hst um 4 Prozent. Dann \xE2\x80\x94 nichts.";
    CHECK(sentence_of(f, "4 Prozent") == "Der \xC3\x84rger w\xC3\xA4\x63hst um 4 Prozent.");

    // A long run without a sentence end is cut to about 300 bytes each side.
    const std::string g = std::string(2000, 'x') + " 42 " + std::string(2000, 'y');
    const size_t at = g.find("42");
    const TextRange r = sentence_around(g, (uint32_t)at, (uint32_t)at + 2);
    CHECK(r.end - r.start <= 610);
    CHECK(r.start <= at);
    CHECK(r.end >= at + 2);

    // Out-of-range offsets are clamped, never read past the text.
    const TextRange z = sentence_around("abc", 10, 20);
    CHECK(z.start <= 3);
    CHECK(z.end <= 3);
}

// ---- Formatting ---------------------------------------------------------------------------------

namespace {

std::string fmt_value(double v, const char* unit = nullptr) {
    char buf[64];
    return format_fact_value(v, unit, buf, sizeof buf);
}
std::string fmt_period(Day a, Day b) {
    char buf[64];
    return format_period(a, b, buf, sizeof buf);
}

} // namespace

TEST_CASE("format_fact_value writes values as people do", "[facts]") {
    CHECK(fmt_value(1.2e12) == "1.2 trillion");
    CHECK(fmt_value(1.2e12, "CNY") == "1.2 trillion");
    CHECK(fmt_value(171.39e9, "USD") == "171.39 billion");
    CHECK(fmt_value(170e9) == "170 billion");
    CHECK(fmt_value(2.5e6) == "2.5 million");
    CHECK(fmt_value(6000) == "6,000");
    CHECK(fmt_value(1234.5) == "1,234.5");
    CHECK(fmt_value(1234567.25) == "1.2346 million");
    CHECK(fmt_value(999999) == "999,999");
    CHECK(fmt_value(100) == "100");
    CHECK(fmt_value(9.2, "%") == "9.2%");
    CHECK(fmt_value(5, "%") == "5%");
    CHECK(fmt_value(0.25) == "0.25");
    CHECK(fmt_value(0) == "0");
    CHECK(fmt_value(-0.0) == "0");
    CHECK(fmt_value(-3) == "-3");
    CHECK(fmt_value(-1.5e9) == "-1.5 billion");
    CHECK(fmt_value(-6000) == "-6,000");
    CHECK(fmt_value(NaN) == "\xE2\x80\x94");  // an em dash for absent
    char tiny[4];
    CHECK(std::string(format_fact_value(1.2e12, nullptr, tiny, sizeof tiny)).size() <= 3);
}

TEST_CASE("format_fact_bounds: the interval the qualifier implies", "[facts]") {
    FactTable t;
    const uint32_t s = source(t, "a", "ECNS", 0);
    F f;
    f.value = 1.2e12; f.low = 1.2e12; f.qualifier = "over"; f.unit = "CNY"; add(t, s, f);          // 0
    f = F{}; f.value = 171.39e9; f.low = 150e9; f.high = 190e9; f.qualifier = "about"; add(t, s, f);  // 1
    f = F{}; f.value = 5; f.low = 5; f.high = 10; add(t, s, f);                                     // 2
    f = F{}; f.value = 6000; f.low = 6000; f.qualifier = "at least"; add(t, s, f);                  // 3
    f = F{}; f.value = 300; f.high = 300; f.qualifier = "up to"; add(t, s, f);                      // 4
    f = F{}; f.value = 9.2; f.high = 9.2; f.qualifier = "nearly"; f.unit = "%"; add(t, s, f);       // 5
    f = F{}; f.value = 30; f.low = 30; f.high = 40; f.unit = "%"; add(t, s, f);                     // 6
    f = F{}; f.value = 3; f.qualifier = "about"; add(t, s, f);                                      // 7
    f = F{}; add(t, s, f);                                                                          // 8
    f = F{}; f.value = 2; f.high = 2; f.qualifier = "below"; add(t, s, f);                          // 9
    char buf[96];
    CHECK(std::string(format_fact_bounds(t, 0, buf, sizeof buf)) == "> 1.2 trillion");
    CHECK(std::string(format_fact_bounds(t, 1, buf, sizeof buf)) == "\xE2\x89\x88 171.39 billion");
    CHECK(std::string(format_fact_bounds(t, 2, buf, sizeof buf)) == "5 \xE2\x80\x93 10");
    CHECK(std::string(format_fact_bounds(t, 3, buf, sizeof buf)) == "\xE2\x89\xA5 6,000");
    CHECK(std::string(format_fact_bounds(t, 4, buf, sizeof buf)) == "\xE2\x89\xA4 300");
    CHECK(std::string(format_fact_bounds(t, 5, buf, sizeof buf)) == "\xE2\x89\xB2 9.2%");
    CHECK(std::string(format_fact_bounds(t, 6, buf, sizeof buf)) == "30% \xE2\x80\x93 40%");
    CHECK(std::string(format_fact_bounds(t, 7, buf, sizeof buf)) == "\xE2\x89\x88 3");
    CHECK(std::string(format_fact_bounds(t, 8, buf, sizeof buf)).empty());
    CHECK(std::string(format_fact_bounds(t, 9, buf, sizeof buf)) == "< 2");
    CHECK(std::string(format_fact_bounds(t, 99, buf, sizeof buf)).empty());
}

TEST_CASE("format_period: years, months, ranges and single days", "[facts]") {
    CHECK(fmt_period(20250101, 20251231) == "2025");
    CHECK(fmt_period(20250101, 20251130) == "2025-01 \xE2\x80\x93 2025-11");
    CHECK(fmt_period(20250301, 20250331) == "2025-03");
    CHECK(fmt_period(20240201, 20240229) == "2024-02");   // leap year
    CHECK(fmt_period(20250201, 20250228) == "2025-02");
    CHECK(fmt_period(20260101, 20301231) == "2026 \xE2\x80\x93 2030");
    CHECK(fmt_period(20251227, 20251227) == "2025-12-27");
    CHECK(fmt_period(20251227, 0) == "2025-12-27");
    CHECK(fmt_period(20250105, 20250120) == "2025-01-05 \xE2\x80\x93 2025-01-20");
    CHECK(fmt_period(20241201, 20250228) == "2024-12 \xE2\x80\x93 2025-02");
    CHECK(fmt_period(0, 0).empty());
}
