// The fact table: every claim of every loaded article, as columns, with the query, sort and facet
// operations the Facts view runs over it. Plain data and plain functions; no UI, no JSON (loading
// from JSON lives in facts_io.h, export in fact_export.h).
//
// Usage:
//     FactTable t;                                      // filled by facts_io.h or add_claims()
//     std::vector<QueryTerm> q; QueryError err;
//     if (parse_fact_query("kind:money unit:USD", &q, &err)) {}
//     FactView v;                                       // keep it: its buffers and caches are reused
//     query_facts(t, q, {{FactField::Value, true}}, &v); // v.rows: row ids on screen, in order
//
// What happens in query_facts():
//   1. If the sort keys or the table changed since the last call on this view, every row is sorted
//      once (stable LSD radix sort over 64-bit keys, last key first; ties keep load order; absent
//      values last in both directions) into v.order. A query change alone skips this step.
//   2. Each term is evaluated column by column into a pass mask. Text terms first resolve against
//      each column's distinct strings (a unit or subject is tested once, not once per row).
//   3. One walk over v.order keeps the passing rows (v.rows) and counts the facets.
// At a million rows: sort tens of ms, a query a few ms plus the walk (see scripts/bench.sh).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claim.h"
#include "convert.h"
#include "fact_query.h"

namespace factlens {

// Distinct strings of one column, each stored once; id 0 means absent (null).
class StringPool {
public:
    StringPool();
    uint32_t intern(std::string_view s);          // >= 1; the same id for the same bytes
    std::string_view get(uint32_t id) const;      // "" for 0
    std::string_view folded(uint32_t id) const;   // case-folded (text_fold.h), for search
    uint32_t count() const { return (uint32_t)offsets_.size() - 1; }  // ids are 0..count()
    // Sort rank of every id (case-insensitive, then bytewise; 0 -> UINT32_MAX), cached until the
    // pool grows.
    const std::vector<uint32_t>& ranks() const;
    // Sets bits[id] = 1 for every id whose folded form contains needle_folded (bits is resized to
    // count() + 1 and cleared first). One search over all the pool's text, not one per string.
    void match_folded(std::string_view needle_folded, std::vector<uint8_t>& bits) const;
    void truncate(uint32_t count);                // drops ids > count (undo of a failed load)
    size_t memory_bytes() const;
    std::string_view all_chars() const { return chars_; }  // every string, back to back

private:
    std::string chars_, folded_chars_;
    std::vector<uint32_t> offsets_, folded_offsets_;  // id -> start; one extra at the end
    std::vector<uint32_t> hashes_;                    // id -> hash
    std::vector<uint32_t> slots_;                     // open addressing: 0 empty, else id
    mutable std::vector<uint32_t> ranks_;
    void grow();
};

// An article the facts come from.
struct FactSource {
    std::string id;       // the article id ("002_97deae5d2b524853")
    std::string outlet;   // or kUnknown ("unknown")
    std::string date;     // ISO publication date, or kUnknown
    Day published = 0;    // the same date as a Day; 0 when unknown
    int article = -1;     // index into the corpus when the article's text is loaded, else -1
};

// Every field a query can filter on or a sort can order by. Names (fact_field_name) are the API's:
// the view's columns plus the CLI's fields.
enum class FactField : uint8_t {
    Source,    // outlet, then publication date
    Outlet, Date, Article, Kind, Value, Unit,
    Bounds,    // the interval: low bound (absent = open), then high
    Qualifier, Low, High, Subject, Period, Hedge, Direction,
    Pair,      // the implied exchange rate of a conversion pair
    Rate,
    Sentence,  // document order: article, then offset
    Text, Ambiguous,
    Count_
};
const char* fact_field_name(FactField f);
bool fact_field_from_name(std::string_view name, FactField* out);  // case-insensitive

struct SortKey {
    FactField field = FactField::Value;
    bool descending = false;
    bool operator==(const SortKey& o) const { return field == o.field && descending == o.descending; }
    bool operator!=(const SortKey& o) const { return !(*this == o); }
};

// The columns. Row r of every vector is one fact. Text is never copied per row: strings live in the
// pools, offsets point into the article's text (when FactSource::article >= 0).
struct FactTable {
    std::vector<FactSource> sources;

    std::vector<uint32_t> source;         // index into sources
    std::vector<uint8_t> kind;            // ClaimKind
    std::vector<uint8_t> ambiguous;       // 0 or 1
    std::vector<double> value, low, high; // kNone (NaN) when absent
    std::vector<double> rate;             // implied rate of a conversion pair, or kNone
    std::vector<uint32_t> start, end;     // UTF-8 byte offsets of the figure in the article text
    std::vector<Day> period_start, period_end;  // 0 when absent
    std::vector<int32_t> pair;            // the CLI's `pair`: index among the article's facts, or -1
    std::vector<int32_t> pair_row;        // the same, as a row of this table, or -1
    std::vector<uint32_t> unit, qualifier, hedge, direction, subject, text, rate_unit;  // pool ids
    std::vector<uint32_t> sentence;       // pool id of the sentence around the figure, 0 if unknown
    std::vector<uint32_t> sentence_start; // byte offset of that sentence in the article text

    StringPool units, qualifiers, hedges, directions, subjects, texts, rate_units, sentences;

    uint64_t generation = 0;  // bumped by every change; views re-sort when it moves

    // The currency toggle (convert_facts() in fact_convert.cpp). With a currency chosen, every row's
    // value and bounds as shown: money converted, everything else copied. Empty when amounts are
    // shown as written. Query and sort read shown_*(), so yuan and dollar figures sort together.
    std::vector<double> conv_value, conv_low, conv_high;
    std::vector<uint32_t> conv_use;        // per row: 0 not money, else 1 + index into conv_uses
    std::vector<Conversion> conv_uses;     // one per distinct rate used (status, rate, source, date)
    CurrencyDesc conv_desc;                // what conv_* were made for
    uint64_t conv_generation = ~0ull;      // the generation they were made at (after their own bump)
    bool converted() const { return !conv_desc.to.empty() && conv_value.size() == size(); }
    const std::vector<double>& shown_value() const { return converted() ? conv_value : value; }
    const std::vector<double>& shown_low() const { return converted() ? conv_low : low; }
    const std::vector<double>& shown_high() const { return converted() ? conv_high : high; }
    // The conversion of row r, or nullptr when amounts are as written or r is not money.
    const Conversion* conversion(uint32_t r) const {
        return converted() && conv_use[r] ? &conv_uses[conv_use[r] - 1] : nullptr;
    }
    // The unit shown for row r: the chosen currency for a converted row, else its own unit.
    std::string_view shown_unit(uint32_t r) const;

    size_t size() const { return kind.size(); }
    size_t memory_bytes() const;  // the columns and pools, for the bench's bytes-per-fact row
    void clear();

    // Undo point for an all-or-nothing load: mark() before, rollback() on failure.
    struct Mark { size_t rows, sources; uint32_t pools[8]; };
    Mark mark() const;
    void rollback(const Mark& m);
};

// The fields of one fact as they come from a file or the extractor, before interning.
struct FactRecord {
    ClaimKind kind = ClaimKind::Count;
    double value = kNone, low = kNone, high = kNone, rate = kNone;
    uint32_t start = 0, end = 0;
    Day period_start = 0, period_end = 0;
    int32_t pair = -1;
    bool ambiguous = false;
    std::string_view unit, qualifier, hedge, direction, subject, text, rate_unit;  // empty = absent
};

// Finds or adds a source by article id (outlet/date are filled only when it is new).
uint32_t fact_source(FactTable& t, const FactSource& s);

// Appends one fact. article_text, when given, is the source article's text: the sentence around
// start..end is looked up in it (the caller has checked that text matches the slice).
void add_fact(FactTable& t, uint32_t source, const FactRecord& r, std::string_view article_text = {});

// Resolves pair -> pair_row for the rows from first_row on (call once after a file is loaded).
void link_pairs(FactTable& t, size_t first_row);

// Appends the claims the extractor found in one article.
void add_claims(FactTable& t, uint32_t source, const std::vector<Claim>& claims, std::string_view article_text);

// The sentence around [start, end) in text: byte range, never more than about 600 bytes.
struct TextRange { uint32_t start = 0, end = 0; };
TextRange sentence_around(std::string_view text, uint32_t start, uint32_t end);

// Counts per value of one facet, most frequent first (then by label).
struct FacetValue {
    std::string label;     // "money", "USD", "ECNS", "2025", or "none" for absent
    std::string query;     // the term that selects it: "kind:money", "outlet:\"Race to AGI\"", "unit:none"
    uint32_t count = 0;
};
struct Facet {
    const char* name = "";  // "kind", "unit", "outlet", "qualifier", "hedge", "year"
    std::vector<FacetValue> values;  // at most kMaxFacetValues, the most frequent
    size_t distinct = 0;             // how many values have a non-zero count (may exceed values.size())
};
constexpr size_t kMaxFacetValues = 40;

// The result of a query, plus what it caches between calls. Keep one per view.
struct FactView {
    std::vector<uint32_t> rows;    // the rows on screen, in display order
    std::vector<Facet> facets;     // kind, unit, outlet, qualifier, hedge, year (of the period)
    // Caches: the whole table in sort order, for the sort keys and table generation it was made for.
    std::vector<uint32_t> order;
    std::vector<SortKey> order_keys;
    uint64_t order_generation = ~0ull;
    std::vector<uint8_t> pass;     // one byte per row: passes the last query
    std::vector<uint32_t> outlet_of_source;  // source -> index into outlet_labels (the outlet facet)
    std::vector<std::string> outlet_labels;
    uint64_t outlet_generation = ~0ull;
    double last_sort_ms = 0, last_filter_ms = 0;  // filled by the caller if it times them
};

// Runs terms and keys over t into *out (see the top of this file). Never fails: a query that parsed
// is always answerable.
void query_facts(const FactTable& t, const std::vector<QueryTerm>& terms, const std::vector<SortKey>& keys, FactView* out);

// The separate steps, for callers that time them (the bench) or run them apart.
void sort_facts(const FactTable& t, const std::vector<SortKey>& keys, FactView* out);  // fills out->order
// Whether out->order is the table in this sort order already (same keys, same table generation).
bool fact_order_current(const FactTable& t, const std::vector<SortKey>& keys, const FactView& out);
void filter_facts(const FactTable& t, const std::vector<QueryTerm>& terms, FactView* out);  // rows + facets
// Rebuilds out->rows from out->pass and out->order only: after a re-sort, the query's result and its
// facets are unchanged, just their order.
void collect_rows(const FactTable& t, FactView* out);

// Converts every money row into desc.to (see FactTable::conv_*); desc.to empty clears the
// conversion. Article mode uses each source's own conversion pairs (rows with a rate). Bumps
// t.generation, so views re-sort. Linear: one rate lookup per distinct (currency, date, article),
// not per row.
void convert_facts(FactTable& t, const RateTable& rates, const CurrencyDesc& desc);
// "1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS ..., 2025-12-22) = 170.0 billion USD" for row r;
// "" when the row was not converted.
std::string explain_fact_conversion(const FactTable& t, uint32_t r);

// Formatting for people.
// A value as people write it: "1.2 trillion", "171.39 billion", "6,000", "9.2%", "0.25". Returns buf.
const char* format_fact_value(double v, const char* unit, char* buf, size_t n);
// The interval the qualifier implies: "> 1.2 trillion", "≈ 171.39 billion", "5 – 10", or the value;
// in the chosen currency when amounts are converted.
const char* format_fact_bounds(const FactTable& t, uint32_t row, char* buf, size_t n);
// The period: "2025", "2025-01 – 2025-11", "2025-12-27", or "" when absent.
const char* format_period(Day start, Day end, char* buf, size_t n);

} // namespace factlens
