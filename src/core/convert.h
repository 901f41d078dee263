// Currency conversion of money facts: which rate (reference table, the article's own conversion
// pairs, or a rate the user typed), the converted value and bounds, and the provenance line every
// converted figure can show. Used by the fact table (the currency toggle), the rates panel and
// `factlens extract --to`.
//
// Usage:
//     CurrencyDesc cur; cur.to = "USD";                      // mode Reference by default
//     ArticleRates own = article_rates(claims_of_article);   // the pairs the article states
//     Conversion c = convert_money(1.2e12, "CNY", {20260121, 20251231}, rates, &own, cur);
//     // c.ok, c.value (1.7004e11), c.rate (1/7.0572), c.rate_unit "CNY per USD", c.explain(...)
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "claim.h"
#include "rates.h"

namespace factlens {

enum class RateMode : uint8_t {
    Reference,  // the rate tables (RateTable), latest rate on or before the article's date
    Article,    // the rate the article's own conversion pairs imply; else Reference, flagged
    Custom,     // one rate the user typed: custom_rate units of custom_quote per custom_base
};
const char* rate_mode_name(RateMode m);  // "reference", "article", "custom"

// The currency toggle: what every money figure is shown in, and how the rate is chosen.
struct CurrencyDesc {
    std::string to;                 // ISO code ("USD"); empty: amounts as written, nothing converted
    RateMode mode = RateMode::Reference;
    int source = -1;                // Reference: index into RateTable::sources; -1: first that quotes both
    double custom_rate = 0;         // Custom: e.g. 7.10 ...
    std::string custom_quote;       // ... "CNY" per ...
    std::string custom_base;        // ... one "USD"
    int stale_days = 30;
};

// The exchange rates one article states through its conversion pairs ("1.2 trillion yuan (about
// $168 billion)" -> 7.1429 CNY per USD). When an article pairs the same two currencies more than
// once, the first pair in the text is its rate (the others are still listed).
struct ArticlePair {
    std::string_view unit;            // the amount's currency ("CNY")
    std::string_view pair_unit;       // the converted amount's currency ("USD")
    double rate = 0;                  // unit per pair_unit, as the claim's `rate`
    uint32_t claim = 0;               // index of the claim that carries the rate
};
struct ArticleRates {
    std::vector<ArticlePair> pairs;
    // The article's rate as units of `to` per 1 `from`, trying both directions; 0 if none.
    double rate(std::string_view from, std::string_view to) const;
};
ArticleRates article_rates(const std::vector<Claim>& claims);

// When a fact is: its article's publication date, else the end of its period (0 when neither).
struct FactDates {
    Day published = 0;
    Day period_end = 0;
    Day rate_day() const { return published ? published : period_end; }
};

enum class ConvertStatus : uint8_t {
    Converted,        // value converted at `rate`
    Unchanged,        // already in the target currency (rate 1)
    NotMoney,         // no currency unit: left alone
    NoRate,           // no rate for this pair of currencies or date: left as written (see error)
    Fallback,         // Article or Custom mode without a rate for this pair: reference rate used, flagged
};

struct Conversion {
    ConvertStatus status = ConvertStatus::NotMoney;
    double value = kNone, low = kNone, high = kNone;  // converted (as written when not converted)
    std::string_view unit;        // the target currency when converted, else the original unit
    double rate = kNone;          // units of target per 1 unit of the original currency
    double display_rate = kNone;  // the same rate the way people quote it (>= 1 where possible) ...
    std::string rate_unit;        // ... in these units: "CNY per USD"
    std::string rate_source;      // "CFETS central parity (MENAFN)", "ECNS's own conversion", "custom"
    Day rate_date = 0;            // 0 for article and custom rates
    bool stale = false;           // reference rate more than stale_days before the fact's date
    int stale_days = 30;          // the limit `stale` was judged against
    bool assumed_currency = false; // the original currency was ambiguous ($, ¥) and was assumed
    std::string error;            // NoRate: why; Fallback: why the chosen rate did not apply
    bool converted() const { return status == ConvertStatus::Converted || status == ConvertStatus::Fallback; }
    // v in the target currency: divided by the quoted rate when it is quoted the other way round
    // (1.2e12 / 7.0572, exactly as a reader would check it), else multiplied.
    double apply(double v) const { return rate < 1 && display_rate > 0 ? v / display_rate : v * rate; }
};

// Converts one money amount (value and its bounds) from currency `from` into desc.to. `own` may be
// nullptr (no article pairs known). Never throws; never returns a silent wrong answer: every
// outcome is in `status`.
Conversion convert_money(double value, double low, double high, std::string_view from, bool ambiguous,
                         const FactDates& when, const RateTable& rates, const ArticleRates* own,
                         const CurrencyDesc& desc);

// One line a reader can check: "1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity
// (MENAFN), 2025-12-22) = 170.0 billion USD".
std::string explain_conversion(double original, std::string_view from, const Conversion& c);

// Whether amounts can be converted into `code` (the codes the rate tables are known to cover).
bool is_conversion_target(std::string_view code);

// Whether a unit is a currency code (three capital letters, as the extractor writes them).
bool is_currency_unit(std::string_view unit);

// A converted amount for people: four significant digits with a scale word ("170.0 billion",
// "1.2 trillion", "6,000"), since more digits than the rate's would be false precision. Returns buf.
const char* format_converted_value(double v, char* buf, size_t n);

} // namespace factlens
