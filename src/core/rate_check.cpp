// The conversion pairs of the articles checked against the reference rates. See rate_check.h.
#include "rate_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "claim_json.h"

namespace factlens {

const char* pair_verdict_name(PairVerdict v) {
    switch (v) {
    case PairVerdict::Consistent: return "consistent";
    case PairVerdict::Near: return "near";
    case PairVerdict::Far: return "far";
    case PairVerdict::NoReference: return "no reference";
    }
    return "no reference";
}

static std::string fmt_rate(double r) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4f", r);
    return b;
}

// The reference rate of one currency pair over time, in the quoting of the checks: a walk over
// the dates of its non-pivot currency. Built once per pair of currencies and source, not per check.
struct RateHistory {
    std::vector<Day> days;
    std::vector<double> rates;  // amount units per converted unit, as find_rate() gives them
};

static RateHistory rate_history(const RateTable& rates, int source, std::string_view amount_unit, std::string_view conv_unit) {
    RateHistory h;
    if (source < 0 || source >= (int)rates.sources.size()) return h;
    const RateSource& s = rates.sources[(size_t)source];
    const RateSeries* series = s.find(amount_unit == s.pivot ? conv_unit : amount_unit);
    if (!series) return h;
    RateLookupDesc look;
    look.source = source;
    for (const RatePoint& p : series->points) {
        look.on = p.date;
        const RateQuote q = find_rate(rates, conv_unit, amount_unit, look);
        if (!q.ok) continue;
        h.days.push_back(p.date);
        h.rates.push_back(q.rate);
    }
    return h;
}

// The latest date on or before `on` (within the last kLookback published rates) at which the
// reference lay inside [lo, hi]; 0 if it did not. Bounded, so a million pairs stay linear.
static Day last_date_in(const RateHistory& h, Day on, bool inverted, double lo, double hi) {
    constexpr size_t kLookback = 750;  // about three years of daily rates
    size_t end = h.days.size();
    if (on) end = (size_t)(std::upper_bound(h.days.begin(), h.days.end(), on) - h.days.begin());
    const size_t stop = end > kLookback ? end - kLookback : 0;
    for (size_t i = end; i > stop; --i) {
        const double r = inverted ? 1.0 / h.rates[i - 1] : h.rates[i - 1];
        if (r >= lo && r <= hi) return h.days[i - 1];
    }
    return 0;
}

std::vector<PairCheck> check_conversion_pairs(const FactTable& t, const RateTable& rates, const PairCheckDesc& desc) {
    std::vector<PairCheck> out;
    // Rate histories by (source, amount unit, converted unit), made when a far or near pair needs one.
    struct History { int source; std::string amount, conv; RateHistory h; };
    std::vector<History> histories;
    auto history = [&](int source, std::string_view au, std::string_view cu) -> const RateHistory& {
        for (const History& x : histories)
            if (x.source == source && x.amount == au && x.conv == cu) return x.h;
        histories.push_back({source, std::string(au), std::string(cu), rate_history(rates, source, au, cu)});
        return histories.back().h;
    };
    for (uint32_t r = 0; r < t.size(); ++r) {
        const int32_t p = t.pair_row[r];
        if (p < 0 || (uint32_t)p >= t.size() || t.source[(uint32_t)p] != t.source[r]) continue;
        if (t.start[r] > t.start[(uint32_t)p] || ((uint32_t)p == r)) continue;  // each pair once, amount first
        const double amount = t.value[r], conv = t.value[(uint32_t)p];
        if (!(amount > 0) || !(conv > 0) || !std::isfinite(amount) || !std::isfinite(conv)) continue;
        const std::string_view au = t.units.get(t.unit[r]), cu = t.units.get(t.unit[(uint32_t)p]);
        if (!is_currency_unit(au) || !is_currency_unit(cu) || au == cu) continue;

        PairCheck c;
        c.row = r;
        c.pair_row = (uint32_t)p;
        const WrittenInterval w = written_interval(conv, t.texts.get(t.text[(uint32_t)p]));
        double rate = amount / conv, lo = amount / w.high, hi = amount / w.low;
        const bool inverted = rate < 1;  // quote as people do: 7.06 CNY per USD, not 0.14 USD per CNY
        if (inverted) {
            rate = 1 / rate;
            const double l = 1 / hi, h = 1 / lo;
            lo = l;
            hi = h;
        }
        c.rate_unit = inverted ? std::string(cu) + " per " + std::string(au) : std::string(au) + " per " + std::string(cu);
        c.implied = rate;
        c.implied_low = lo;
        c.implied_high = hi;
        const FactDates when{t.sources[t.source[r]].published, t.period_end[r]};
        c.rate_day = when.rate_day();
        RateLookupDesc look;
        look.on = c.rate_day;
        look.source = desc.source;
        const RateQuote q = find_rate(rates, cu, au, look);  // amount units per converted unit
        char a[64], b[64];
        format_fact_value(amount, nullptr, a, sizeof a);
        format_fact_value(conv, nullptr, b, sizeof b);
        const std::string written = std::string(a) + " " + std::string(au) + " as " + b + " " + std::string(cu);
        const std::string interval = fmt_rate(lo) + "–" + fmt_rate(hi) + " " + c.rate_unit;
        if (!q.ok) {
            c.verdict = PairVerdict::NoReference;
            c.explanation = written + " implies " + interval + "; no reference rate to compare (" + q.error + ").";
            out.push_back(std::move(c));
            continue;
        }
        c.reference = inverted ? q.inverse : q.rate;
        c.reference_date = q.date;
        c.reference_stale = q.stale;
        const RateSource& src = rates.sources[q.source];
        c.reference_source = q.note < src.notes.size() ? src.notes[q.note] : src.name;
        c.deviation = (c.implied - c.reference) / c.reference;
        const double dist = c.reference < lo ? (lo - c.reference) / c.reference
                          : c.reference > hi ? (c.reference - hi) / c.reference : 0;
        c.verdict = dist == 0 ? PairVerdict::Consistent : dist <= desc.near_tolerance ? PairVerdict::Near : PairVerdict::Far;
        // The amount the reference rate gives for the converted figure: a different base?
        c.reference_base = conv * q.rate;
        const std::string ref = fmt_rate(c.reference) + " (" + c.reference_source + ", " + day_to_iso(q.date) + ")";
        if (c.verdict == PairVerdict::Consistent) {
            c.explanation = written + " implies " + interval + "; the reference rate " + ref + " lies inside: consistent.";
        } else {
            char pct[32], base[64];
            std::snprintf(pct, sizeof pct, "%.1f%%", std::fabs(dist) * 100);
            format_fact_value(c.reference_base, nullptr, base, sizeof base);
            c.explanation = written + " implies " + interval + "; the reference rate " + ref + " is " + pct +
                            (c.reference < lo ? " below" : " above") + " it";
            c.last_matching_date = last_date_in(history(q.source, au, cu), c.rate_day, inverted, lo, hi);
            if (c.last_matching_date) c.explanation += " (the reference was in that range on " + day_to_iso(c.last_matching_date) + ")";
            c.explanation += ": a different rate, or a different base figure (at the reference rate " + std::string(b) + " " +
                             std::string(cu) + " is " + base + " " + std::string(au);
            const std::string_view qual = t.qualifiers.get(t.qualifier[r]);
            const bool open_above = !is_none(t.low[r]) && is_none(t.high[r]);
            if (open_above && c.reference_base >= amount) c.explanation += ", which \"" + std::string(qual) + " " + a + "\" allows";
            c.explanation += ").";
        }
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace factlens
