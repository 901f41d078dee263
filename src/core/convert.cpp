// Currency conversion of money facts under the three rate modes, and its one-line explanation.
// See convert.h.
#include "convert.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "claim_json.h"
#include "fact_table.h"

namespace factlens {

const char* rate_mode_name(RateMode m) {
    switch (m) {
    case RateMode::Reference: return "reference";
    case RateMode::Article: return "article";
    case RateMode::Custom: return "custom";
    }
    return "reference";
}

static bool same(std::string_view a, std::string_view b) { return !a.empty() && a == b; }

bool is_currency_unit(std::string_view u) {
    return u.size() == 3 && std::isupper((unsigned char)u[0]) && std::isupper((unsigned char)u[1]) &&
           std::isupper((unsigned char)u[2]);
}

double ArticleRates::rate(std::string_view from, std::string_view to) const {
    // A pair's rate is "unit per pair_unit": converting unit -> pair_unit divides by it.
    for (const ArticlePair& p : pairs) {
        if (!(p.rate > 0) || !std::isfinite(p.rate)) continue;
        if (same(p.unit, from) && same(p.pair_unit, to)) return 1.0 / p.rate;
        if (same(p.unit, to) && same(p.pair_unit, from)) return p.rate;
    }
    return 0;
}

ArticleRates article_rates(const std::vector<Claim>& claims) {
    ArticleRates out;
    for (size_t i = 0; i < claims.size(); ++i) {
        const Claim& c = claims[i];
        if (c.kind != ClaimKind::Money || c.pair < 0 || !c.unit || !c.pair_unit || is_none(c.rate)) continue;
        out.pairs.push_back(ArticlePair{c.unit, c.pair_unit, c.rate, (uint32_t)i});
    }
    return out;
}

// The rate as people quote it: "7.0572 CNY per USD" rather than "0.1417 USD per CNY".
static void set_display_rate(Conversion* c, std::string_view from, std::string_view to, double inverse = 0) {
    if (c->rate >= 1) {
        c->display_rate = c->rate;
        c->rate_unit = std::string(to) + " per " + std::string(from);
    } else {
        c->display_rate = inverse > 0 ? inverse : 1.0 / c->rate;
        c->rate_unit = std::string(from) + " per " + std::string(to);
    }
}

static void apply_rate(Conversion* c, double value, double low, double high, double rate, std::string_view to) {
    c->rate = rate;
    c->value = value;
    c->low = low;
    c->high = high;
    c->unit = to;
}

// Called once the display rate is known: Conversion::apply divides by it where it is the quote.
static void scale_values(Conversion* c) {
    c->value = c->apply(c->value);  // NaN stays NaN: an open bound stays open
    c->low = c->apply(c->low);
    c->high = c->apply(c->high);
}

// Interned target codes, so Conversion::unit can be a plain pointer like Claim::unit.
static const char* const kTargetCodes[] = {"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "CHF", "AUD", "CAD", "KRW",
                                           "INR", "SGD", "TWD", "RUB", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK"};
static const char* static_code(std::string_view code) {
    for (const char* c : kTargetCodes)
        if (code == c) return c;
    return nullptr;
}
static std::string known_targets() {
    std::string s;
    for (const char* c : kTargetCodes) s += (s.empty() ? "" : ", ") + std::string(c);
    return s;
}
bool is_conversion_target(std::string_view code) { return static_code(code) != nullptr; }

Conversion convert_money(double value, double low, double high, std::string_view from, bool ambiguous,
                         const FactDates& when, const RateTable& rates, const ArticleRates* own,
                         const CurrencyDesc& desc) {
    Conversion c;
    c.value = value;
    c.low = low;
    c.high = high;
    c.unit = from;
    if (!is_currency_unit(from) || desc.to.empty()) return c;  // not money, or nothing chosen
    const char* to = static_code(desc.to);
    if (!to) {
        c.status = ConvertStatus::NoRate;
        c.error = "cannot convert into " + desc.to + " (known: " + known_targets() + ")";
        return c;
    }
    c.assumed_currency = ambiguous;
    if (desc.to == from) {
        c.status = ConvertStatus::Unchanged;
        c.rate = 1;
        return c;
    }
    if (desc.mode == RateMode::Article && own) {
        if (double r = own->rate(from, to); r > 0) {
            c.status = ConvertStatus::Converted;
            apply_rate(&c, value, low, high, r, to);
            set_display_rate(&c, from, to);
            scale_values(&c);
            c.rate_source = "the article's own conversion";
            return c;
        }
    }
    if (desc.mode == RateMode::Custom && desc.custom_rate > 0 && std::isfinite(desc.custom_rate)) {
        double r = 0, inverse = 0;
        if (desc.custom_base == from && desc.custom_quote == desc.to) { r = desc.custom_rate; inverse = 1.0 / r; }
        else if (desc.custom_quote == from && desc.custom_base == desc.to) { r = 1.0 / desc.custom_rate; inverse = desc.custom_rate; }
        if (r > 0) {
            c.status = ConvertStatus::Converted;
            apply_rate(&c, value, low, high, r, to);
            set_display_rate(&c, from, to, inverse);
            scale_values(&c);
            c.rate_source = "custom rate";
            return c;
        }
    }
    RateLookupDesc look;
    look.on = when.rate_day();
    look.source = desc.source;
    look.stale_days = desc.stale_days;
    RateQuote q = find_rate(rates, from, to, look);
    if (!q.ok) {
        c.status = ConvertStatus::NoRate;
        c.error = q.error;
        return c;
    }
    c.status = desc.mode == RateMode::Reference ? ConvertStatus::Converted : ConvertStatus::Fallback;
    if (c.status == ConvertStatus::Fallback)
        c.error = desc.mode == RateMode::Article
                      ? "the article states no " + std::string(from) + "–" + desc.to + " conversion: reference rate used"
                      : "the custom rate is not for " + std::string(from) + "–" + desc.to + ": reference rate used";
    apply_rate(&c, value, low, high, q.rate, to);
    set_display_rate(&c, from, to, q.inverse);
    scale_values(&c);
    const RateSource& s = rates.sources[q.source];
    c.rate_source = q.note < s.notes.size() ? s.notes[q.note] : s.name;
    c.rate_date = q.date;
    c.stale = q.stale;
    c.stale_days = desc.stale_days;
    return c;
}

const char* format_converted_value(double v, char* buf, size_t n) {
    if (n == 0) return buf;
    if (is_none(v) || !std::isfinite(v)) return format_fact_value(v, nullptr, buf, n);
    const double a = std::fabs(v);
    static const struct { double scale; const char* word; } kScales[] = {{1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    for (const auto& s : kScales)
        if (a >= s.scale && a < 1e21) {
            const double x = v / s.scale;
            const int decimals = std::fabs(x) >= 100 ? 1 : std::fabs(x) >= 10 ? 2 : 3;
            char num[48];
            std::snprintf(num, sizeof num, "%.*f", decimals, x);
            // Trailing zeros after the first decimal say nothing: 1.200 -> 1.2, but 170.0 stays.
            char* dot = std::strchr(num, '.');
            char* e = num + std::strlen(num) - 1;
            while (dot && e > dot + 1 && *e == '0') *e-- = 0;
            std::snprintf(buf, n, "%s %s", num, s.word);
            return buf;
        }
    // Below a million: whole units with separators, cents under a hundred.
    return format_fact_value(a >= 100 ? std::round(v) : std::round(v * 100) / 100, nullptr, buf, n);
}

std::string explain_conversion(double original, std::string_view from, const Conversion& c) {
    char a[64], b[64], r[48];
    format_fact_value(original, nullptr, a, sizeof a);
    if (!c.converted()) {
        if (c.status == ConvertStatus::NoRate) return std::string(a) + " " + std::string(from) + ": not converted (" + c.error + ")";
        return std::string(a) + (from.empty() ? std::string() : " " + std::string(from));
    }
    format_converted_value(c.value, b, sizeof b);
    std::snprintf(r, sizeof r, "%.6g", c.display_rate);
    // Dividing by "7.0572 CNY per USD" when the rate is quoted in the original currency.
    const bool divide = c.rate < 1;
    std::string line = std::string(a) + " " + std::string(from) + (divide ? " ÷ " : " × ") + r + " " + c.rate_unit + " (" + c.rate_source;
    if (c.rate_date) line += ", " + day_to_iso(c.rate_date);
    line += ") = " + std::string(b) + " " + std::string(c.unit);
    if (c.assumed_currency) line += "; the currency was written ambiguously and " + std::string(from) + " is assumed";
    if (c.stale) line += "; the rate is stale (published more than " + std::to_string(c.stale_days) + " days before the date it is used for)";
    if (c.status == ConvertStatus::Fallback) line += "; " + c.error;
    return line;
}

} // namespace factlens
