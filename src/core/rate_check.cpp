// The conversion pairs of the articles checked against the reference rates. See rate_check.h.
#include "rate_check.h"

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

// The latest date at which the reference table's rate (amount per converted, in the checked
// quoting) lies inside [lo, hi]; 0 if it never did.
static Day last_date_in(const RateTable& rates, int source, std::string_view amount_unit, std::string_view conv_unit,
                        bool inverted, double lo, double hi) {
    if (source < 0 || source >= (int)rates.sources.size()) return 0;
    const RateSource& s = rates.sources[source];
    // Walk the dates of whichever currency is not the pivot (for a cross rate, of both: the
    // lookups below take care of the other leg).
    const RateSeries* series = s.find(amount_unit == s.pivot ? conv_unit : amount_unit);
    if (!series) return 0;
    RateTable one;
    one.sources.push_back(s);  // small tables; copied only for the far/near pairs
    for (auto it = series->points.rbegin(); it != series->points.rend(); ++it) {
        RateQuote q = find_rate(one, conv_unit, amount_unit, {it->date});
        if (!q.ok) continue;
        const double r = inverted ? 1.0 / q.rate : q.rate;
        if (r >= lo && r <= hi) return it->date;
    }
    return 0;
}

std::vector<PairCheck> check_conversion_pairs(const FactTable& t, const RateTable& rates, const PairCheckDesc& desc) {
    std::vector<PairCheck> out;
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
            c.last_matching_date = last_date_in(rates, q.source, au, cu, inverted, lo, hi);
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
