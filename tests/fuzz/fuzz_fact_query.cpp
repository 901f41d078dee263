// libFuzzer harness: the Facts view's query language (parse_fact_query, parse_query_number) and its
// evaluation (query_facts) over a small fact table.
//
// Input: any bytes, taken as a query. A hash of the input picks sort keys and whether the table's
// amounts are converted to USD first.
//
// Asserts:
//   - on a parse error: *out untouched (a sentinel term stays), a non-empty message, and the
//     offending bytes inside the query;
//   - on success: every term's bytes inside the query and in order; values never empty; a kind term
//     names at least one kind; a period/date term's span has from <= to; then query_facts():
//       - out.order is a permutation of the table's rows and out.rows a subset of them, in that
//         order, without repeats;
//       - each term and its negation split the table: every row passes exactly one of them;
//       - the whole query passes exactly the rows every one of its terms passes;
//       - facets: at most kMaxFacetValues values each, non-zero counts, distinct >= values shown;
//   - parse_query_number() on the whole input leaves its output untouched when it fails.
#include <algorithm>
#include <cmath>

#include "claim.h"
#include "fact_query.h"
#include "fact_table.h"
#include "fuzz_common.h"
#include "rates.h"

using namespace factlens;

namespace {

const char* const kTexts[] = {
    "China's AI sector had more than 6,000 firms in 2025, and the core industry was expected to exceed 1.2 "
    "trillion yuan (about $168 billion), up 9.2% from a year earlier. Shipments of smart glasses exceeded "
    "1.78 million units between January and September, with nearly 80% comprising AI glasses.",
    "The company raised HK$5.6 billion on Jan. 27, 2026. Revenue fell 3 percentage points to about 40 percent; "
    "costs were between $3 billion and $4 billion in the first half of 2025. A fine of EUR35m followed, and "
    "computing power reached 1,590 exaflops and 40 GW during 2026-2030.",
};

const char kRates[] = R"({"rates": [
 {"date": "2025-06-30", "base": "USD", "quote": "CNY", "rate": 7.1586, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "HKD", "quote": "CNY", "rate": 0.91184, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "EUR", "quote": "CNY", "rate": 8.4078, "source": "fuzz", "url": ""}
]})";

FactTable make_table(bool convert) {
    FactTable t;
    const char* outlets[] = {"ECNS", "Race to AGI"};
    const char* dates[] = {"2026-01-21", "unknown"};
    for (int i = 0; i < 2; ++i) {
        FactSource s;
        s.id = "a" + std::to_string(i);
        s.outlet = outlets[i];
        s.date = dates[i];
        s.published = i == 0 ? 20260121 : 0;
        ExtractOptions opt;
        opt.published = s.published;
        add_claims(t, fact_source(t, s), extract_claims(kTexts[i], opt), kTexts[i]);
    }
    link_pairs(t, 0);
    if (convert) {
        RateTable rates;
        RateSource src;
        std::string why;
        if (!load_reference_rates(kRates, "fuzz rates", &src, &why)) fuzz::fail(__FILE__, __LINE__, "load_reference_rates", why);
        rates.sources.push_back(std::move(src));
        CurrencyDesc desc;
        desc.to = "USD";
        convert_facts(t, rates, desc);
    }
    return t;
}

const FactTable& table(bool convert) {
    static const FactTable plain = make_table(false), converted = make_table(true);
    return convert ? converted : plain;
}

std::vector<uint8_t> passing(const FactTable& t, const std::vector<QueryTerm>& terms, const std::vector<SortKey>& keys,
                             const std::string& what) {
    FactView v;
    query_facts(t, terms, keys, &v);
    const size_t n = t.size();
    FUZZ_CHECK(v.order.size() == n, what + ": order is not every row");
    std::vector<uint32_t> pos(n, UINT32_MAX);
    for (uint32_t i = 0; i < n; ++i) {
        FUZZ_CHECK(v.order[i] < n && pos[v.order[i]] == UINT32_MAX, what + ": order is not a permutation");
        pos[v.order[i]] = i;
    }
    std::vector<uint8_t> pass(n, 0);
    for (size_t i = 0; i < v.rows.size(); ++i) {
        const uint32_t r = v.rows[i];
        FUZZ_CHECK(r < n && !pass[r], what + ": rows has a row out of range or twice");
        FUZZ_CHECK(i == 0 || pos[v.rows[i - 1]] < pos[r], what + ": rows not in sort order");
        pass[r] = 1;
    }
    for (const Facet& f : v.facets) {
        FUZZ_CHECK(f.values.size() <= kMaxFacetValues && f.distinct >= f.values.size(), what + ": facet sizes");
        for (const FacetValue& fv : f.values) FUZZ_CHECK(fv.count > 0 && fv.count <= v.rows.size(), what + ": facet count");
    }
    return pass;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view q((const char*)data, size);
    const uint64_t h = fuzz::hash(q);

    double num = -12345;
    if (!parse_query_number(q, &num)) FUZZ_CHECK(num == -12345, "parse_query_number changed its output on failure");

    std::vector<QueryTerm> terms(1);
    terms[0].values = {"sentinel"};
    QueryError err;
    if (!parse_fact_query(q, &terms, &err)) {
        FUZZ_CHECK(terms.size() == 1 && terms[0].values == std::vector<std::string>{"sentinel"}, "a failed parse changed *out");
        FUZZ_CHECK(!err.message.empty(), "a failed parse without a message");
        FUZZ_CHECK(err.pos <= q.size() && err.len <= q.size() - err.pos, "the error's bytes are outside the query");
        return 0;
    }
    size_t prev_end = 0;
    for (const QueryTerm& t : terms) {
        FUZZ_CHECK(t.pos <= q.size() && t.len <= q.size() - t.pos && t.len > 0, "a term's bytes are outside the query");
        FUZZ_CHECK(t.pos >= prev_end, "terms overlap or are out of order");
        prev_end = t.pos + t.len;
        for (const std::string& v : t.values) FUZZ_CHECK(!v.empty(), "an empty value");
        if (t.field == QueryField::Kind) FUZZ_CHECK(t.kinds != 0 && t.kinds < (1u << 6), "a kind term without kinds");
        if ((t.field == QueryField::Period || t.field == QueryField::Date) && !t.none)
            FUZZ_CHECK(t.day_from <= t.day_to, "a date span that ends before it starts");
    }

    const FactTable& t = table(h & 1);
    std::vector<SortKey> keys;
    for (int k = 0; k < (int)((h >> 1) % 3); ++k)
        keys.push_back(SortKey{(FactField)((h >> (8 + 8 * k)) % (uint64_t)FactField::Count_), ((h >> (12 + 8 * k)) & 1) != 0});

    const std::vector<uint8_t> all = passing(t, terms, keys, "the query");
    std::vector<uint8_t> each(t.size(), 1);
    for (size_t i = 0; i < terms.size(); ++i) {
        std::vector<QueryTerm> one = {terms[i]};
        const std::vector<uint8_t> yes = passing(t, one, {}, "term " + std::to_string(i));
        one[0].negate = !one[0].negate;
        const std::vector<uint8_t> no = passing(t, one, {}, "negated term " + std::to_string(i));
        for (size_t r = 0; r < t.size(); ++r) {
            FUZZ_CHECK(yes[r] != no[r], "term " + std::to_string(i) + " and its negation do not split the table at row " +
                                            std::to_string(r));
            each[r] &= yes[r];
        }
    }
    FUZZ_CHECK(all == each, "the query does not pass exactly the rows all its terms pass");
    return 0;
}
