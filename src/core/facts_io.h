// Facts in and out of files: loading `factlens extract` output (a JSON array, or JSON Lines) into a
// FactTable, and exporting rows as CSV or JSON. JSON is parsed here, at the edge, with nlohmann's SAX
// reader (no document tree per row); export writes text directly.
//
// Loading is all or nothing per file: a file with one bad line adds no row, and the error names the
// file and the line. Everything loaded before stays.
//
//     FactsLoader ld(&table, &corpus, "facts.jsonl");
//     while (more) ld.feed(chunk);          // any split; JSON Lines are parsed as lines complete
//     FactsLoadResult r = ld.finish();      // !r.ok: r.error says where and why; table unchanged
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "fact_table.h"

namespace factlens {

struct FactsLoadResult {
    bool ok = false;
    std::string error;       // "facts.jsonl, line 3: \"kind\" must be one of count, money, ..."
    size_t rows_added = 0;
    size_t sources_added = 0;
};

class FactsLoader {
public:
    // corpus may be null. Facts whose article id is a corpus article take its outlet and date, and
    // are linked to its text when their `text` is the slice start..end of it.
    FactsLoader(FactTable* table, const Corpus* corpus, std::string name);
    ~FactsLoader();
    FactsLoader(const FactsLoader&) = delete;
    FactsLoader& operator=(const FactsLoader&) = delete;

    void feed(std::string_view bytes);  // after an error, further bytes are ignored
    FactsLoadResult finish();           // parses what is left; on error rolls the table back

    static constexpr size_t kMaxLineBytes = 16u << 20;  // a longer JSON line is an error, not a hang

private:
    struct Impl;
    Impl* impl_;
};

// The whole text at once.
FactsLoadResult load_facts_text(FactTable* table, const Corpus* corpus, std::string_view name, std::string_view text);

// The rows given (row ids into t), as a JSON array of objects with the CLI's fields plus "outlet" and
// "date" (null when unknown), in the CLI's field order; numbers in shortest round-trip form.
// With a currency chosen (t.converted()), "rate" and "rate_unit" are the conversion's rate ("7.0572",
// "CNY per USD"; null on rows that are not money) and every money row also carries display_value,
// display_unit, rate_source, rate_date, rate_stale, conversion ("converted", "unchanged", "no rate",
// "fallback") and conversion_note (the one-line explanation, or why it was not converted); the
// pair's implied rate then follows as pair_rate / pair_rate_unit on every row (the loader reads
// those back as the pair's rate).
std::string export_facts_json(const FactTable& t, const std::vector<uint32_t>& rows);

// The same rows as CSV (RFC 4180: a header line, fields quoted when they hold , " or a line break,
// CRLF line ends, UTF-8). Columns: outlet, date, article, kind, value, unit, qualifier, low, high,
// start, end, text, subject, period_start, period_end, pair, ambiguous, direction, hedge, rate,
// rate_unit; with a currency chosen, rate and rate_unit are the conversion's and display_value,
// display_unit, rate_source, rate_date, rate_stale, conversion, conversion_note, pair_rate,
// pair_rate_unit follow, as in JSON.
std::string export_facts_csv(const FactTable& t, const std::vector<uint32_t>& rows);

// The rows as tab-separated text for a spreadsheet paste: the visible columns of the Facts view as
// shown (outlet, date, kind, value, unit, bounds, subject, period, hedge, direction, rate, text).
std::string export_facts_tsv(const FactTable& t, const std::vector<uint32_t>& rows);

// Shortest text that reads back as exactly v ("0.1", "1200000000000", "7.0588235294117645").
std::string format_double_roundtrip(double v);

} // namespace factlens
