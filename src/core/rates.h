// Exchange-rate tables: the reference rates shipped in assets/ (CFETS central parity, CNY-based) and
// rate files a user loads (the ECB's eurofxref-hist.csv, EUR-based), with date lookup and cross
// rates through each source's pivot currency. Plain data; JSON and CSV are parsed only in the
// loaders below.
//
// Usage:
//     RateTable rates;
//     std::string why;
//     RateSource cfets, ecb;
//     if (load_reference_rates(json_text, "CFETS central parity", &cfets, &why)) rates.sources.push_back(std::move(cfets));
//     if (load_ecb_csv(csv_text, "eurofxref-hist.csv", &ecb, &why)) rates.sources.push_back(std::move(ecb));
//     RateQuote q = find_rate(rates, "CNY", "USD", {make_day(2026, 1, 21)});
//     if (q.ok) usd = cny * q.rate;   // q.rate: units of "to" per 1 unit of "from"
//
// What find_rate() does:
//   1. Takes the sources in order (or only desc.source) and uses the first that quotes both
//      currencies (its pivot counts as quoted).
//   2. For each currency that is not the pivot, takes the latest rate published on or before
//      desc.on (binary search). Weekends and holidays simply fall back to the last business day.
//   3. Multiplies through the pivot: to_per_from = pivot_per_from / pivot_per_to.
//   4. Reports the older of the dates used, the note of that row (its provenance), and whether it
//      is stale: more than desc.stale_days before desc.on.
// A date before a source's first rate for a currency finds nothing in that source: the next source
// is tried, and if none has a rate the quote fails with a reason. Rates are never extrapolated.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claim.h"

namespace factlens {

// One published rate: on `date`, one unit of the series' currency was worth `pivot_per_unit`
// units of the source's pivot currency (CFETS: 7.0572 CNY per USD; ECB: 1 / 1.0938 EUR per USD).
struct RatePoint {
    Day date = 0;
    double pivot_per_unit = 0;  // > 0, finite
    uint32_t note = 0;          // index into RateSource::notes: where this row comes from
};

// Every rate of one currency in one source, sorted by date (one point per date).
struct RateSeries {
    std::string currency;  // ISO 4217 code, "USD"
    std::vector<RatePoint> points;
};

// One rate table: a shipped reference file or a file the user loaded.
struct RateSource {
    std::string name;                // shown in provenance: "CFETS central parity", "eurofxref-hist.csv"
    std::string pivot;               // the currency every series is quoted in: "CNY" or "EUR"
    std::vector<RateSeries> series;  // sorted by currency code; never one for the pivot
    std::vector<std::string> notes;  // per-row provenance ("CFETS central parity (MENAFN)"); [0] = name
    std::vector<std::string> urls;   // same indices as notes; "" when unknown
    Day first_date = 0, last_date = 0;  // over all series

    const RateSeries* find(std::string_view currency) const;  // nullptr if not quoted
    bool quotes(std::string_view currency) const { return currency == pivot || find(currency); }
    std::vector<std::string> currencies() const;  // pivot and every series, sorted
    size_t rate_count() const;                    // points over all series
};

struct RateTable {
    std::vector<RateSource> sources;  // in priority order: the first that can answer does
    int find_source(std::string_view name) const;  // index, or -1
};

// Loads the reference-rate JSON of assets/cny_reference_rates.json:
//   {"rates": [{"date": "2025-12-22", "base": "USD", "quote": "CNY", "rate": 7.0572,
//               "source": "CFETS central parity (MENAFN)", "url": "https://..."}, ...]}
// Every row must have the same quote currency (the pivot). On failure returns false with the row
// and the reason in *error, and leaves *out untouched.
bool load_reference_rates(std::string_view json, std::string_view name, RateSource* out, std::string* error);

// Loads the ECB's historical reference-rate CSV (eurofxref-hist.csv): a header "Date,USD,JPY,...,"
// then one row per business day, newest first, each value the amount of that currency per 1 EUR,
// "N/A" where none was published, a trailing comma on every line. Rows in any date order are
// accepted; a repeated date is an error. On failure returns false with "line N: reason" in *error
// and leaves *out untouched. Linear time; a file of garbage fails on its first bad line.
bool load_ecb_csv(std::string_view csv, std::string_view name, RateSource* out, std::string* error);

// How find_rate() picks a rate.
struct RateLookupDesc {
    Day on = 0;           // the date the rate is for; 0: the latest rate of the source
    int source = -1;      // index into RateTable::sources; -1: the first source that quotes both
    int stale_days = 30;  // a rate older than this many days before `on` is stale
};

struct RateQuote {
    bool ok = false;
    double rate = 0;        // units of `to` per 1 unit of `from`
    double inverse = 0;     // units of `from` per 1 unit of `to`, divided directly (not 1 / rate), so a
                            // published 7.0572 prints as 7.0572
    Day date = 0;           // the rate's publication date (for a cross rate, the older of the two)
    int source = -1;        // index into RateTable::sources
    uint32_t note = 0;      // RateSource::notes index of the row dated `date`
    bool stale = false;     // date is more than stale_days before `on`
    std::string error;      // when !ok: why, for a person ("no USD rate on or before 2024-03-01 ...")
};

RateQuote find_rate(const RateTable& rates, std::string_view from, std::string_view to, const RateLookupDesc& desc = {});

// The interval of values that would be written the way `written` writes them: the last digit
// written is rounded, so "170 billion" (value 1.7e11) covers [169.5, 170.5] billion, "$171.39
// billion" [171.385, 171.395] billion, "1.2 trillion" [1.15, 1.25] trillion, "6,000" [5999.5,
// 6000.5]. `written` is the claim's text; value is what the engine read from it. When the text
// holds no digits ("one trillion"), the interval is the value itself.
struct WrittenInterval { double low = 0, high = 0; };
WrittenInterval written_interval(double value, std::string_view written);

} // namespace factlens
