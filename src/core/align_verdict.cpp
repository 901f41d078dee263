// Verdicts of align_facts(): for one cluster of facts, its comparison currency, verdict, reasons,
// label and the sentence that explains it.
//
// [SECTION] Words for people: source names, figures, periods, lists
// [SECTION] Exchange rates the sources' own conversions imply
// [SECTION] judge_cluster()
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "align_internal.h"
#include "fact_table.h"  // format_fact_value(), format_period()

namespace factlens {
namespace detail {

//-------------------------------------------------------------------------------------------------
// [SECTION] Words for people
//-------------------------------------------------------------------------------------------------

namespace {

bool stated(const std::string& s) { return !s.empty() && s != "unknown"; }

std::string source_name(const AlignArticle& a) { return stated(a.outlet) ? a.outlet : a.id; }

// "A", "A and B", "A, B and C".
std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i) out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

std::string amount(double v, const Claim& c, const char* unit) {
    char buf[96];
    format_fact_value(v, unit, buf, sizeof buf);
    std::string s = buf;
    if (unit && std::strcmp(unit, "%") != 0) s += std::string(" ") + unit;
    return s;
}

// How a figure reads: "more than 1.2 trillion CNY", "about 168 billion USD", "9.2%", "nearly 80%".
std::string figure_text(const Figure& f) {
    const Claim& c = *f.claim;
    const double scale = f.factor;
    switch (f.shape) {
        case Shape::Point: return amount(f.value, c, f.unit);
        case Shape::Approx: return "about " + amount(f.value, c, f.unit);
        case Shape::Lower: return "more than " + amount(c.low * scale, c, f.unit);
        case Shape::Upper: {
            const char* q = c.qualifier;
            const bool readable = q && (!std::strcmp(q, "under") || !std::strcmp(q, "nearly") || !std::strcmp(q, "almost"));
            return std::string(readable ? q : "up to") + " " + amount(c.high * scale, c, f.unit);
        }
        case Shape::Range: return amount(c.low * scale, c, f.unit) + " to " + amount(c.high * scale, c, f.unit);
    }
    return amount(f.value, c, f.unit);
}

// How a converted figure was converted: " at 7.0572 CNY per USD, CFETS central parity of
// 2025-12-22", or " as the article converts it".
std::string conversion_note(const Figure& f) {
    if (!f.reference) return " as the article converts it";
    const ReferenceRate& r = *f.reference;
    const std::string from = f.claim->unit ? f.claim->unit : "?", to = f.unit ? f.unit : "?";
    char buf[64];
    const bool direct = r.rate >= 1;  // quote the rate the way people do: 7.0572 CNY per USD, not 0.1417
    std::snprintf(buf, sizeof buf, "%.4f", direct ? r.rate : 1 / r.rate);
    std::string out = std::string(" at ") + buf + " " + (direct ? to + " per " + from : from + " per " + to);
    char day[64];
    out += ", " + r.source + (r.date ? " of " + std::string(format_period(r.date, r.date, day, sizeof day)) : "") +
           (r.stale ? " (stale)" : "");
    return out;
}

std::string period_text(Day start, Day end) {
    char buf[64];
    return format_period(start, end, buf, sizeof buf);
}

const char* hedge_words(HedgeClass h) {
    switch (h) {
        case HedgeClass::Estimate: return "as expected";
        case HedgeClass::Forecast: return "as a forecast";
        case HedgeClass::Target: return "as a target";
        default: return "";
    }
}

// Facts that read the same, in first-appearance order: the figure text and who gives it.
struct Group {
    std::string text;
    std::vector<size_t> at;  // positions in the cluster
    std::string names;
};

std::vector<Group> group_by(const std::vector<std::string>& keys, const std::vector<std::string>& names) {
    std::vector<Group> groups;
    for (size_t i = 0; i < keys.size(); ++i) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.text == keys[i]; });
        if (it == groups.end()) { groups.push_back({keys[i], {}, ""}); it = groups.end() - 1; }
        it->at.push_back(i);
    }
    for (Group& g : groups) {
        std::vector<std::string> n;
        for (size_t i : g.at) n.push_back(names[i]);
        g.names = join_names(n);
    }
    return groups;
}

std::string groups_text(const std::vector<Group>& groups) {
    std::string out;
    for (size_t i = 0; i < groups.size(); ++i) out += (i ? " vs " : "") + groups[i].text + " (" + groups[i].names + ")";
    return out;
}

// "000 and ECNS give it as expected": who hedges, when not everyone does the same.
std::string hedge_note(const std::vector<HedgeClass>& hedges, const std::vector<std::string>& names) {
    std::string out;
    for (HedgeClass h : {HedgeClass::Estimate, HedgeClass::Forecast, HedgeClass::Target}) {
        std::vector<std::string> who;
        for (size_t i = 0; i < hedges.size(); ++i)
            if (hedges[i] == h) who.push_back(names[i]);
        if (who.empty()) continue;
        if (!out.empty()) out += ", ";
        out += join_names(who) + (who.size() == 1 ? " gives it " : " give it ") + hedge_words(h);
    }
    return out;
}

// "more than 9% includes 9.3%": the bounds that hold the values; "their intervals overlap" when
// the groups mix more than that.
std::string bound_text(const std::vector<Group>& groups, const std::vector<Figure>& figs) {
    std::vector<std::string> bounds, values;
    for (const Group& g : groups) {
        const Shape sh = figs[g.at.front()].shape;
        (sh == Shape::Lower || sh == Shape::Upper ? bounds : values).push_back(g.text);
    }
    if (bounds.size() == 1 && !values.empty()) return bounds[0] + " includes " + join_names(values);
    return "their intervals overlap";
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Exchange rates the sources' own conversions imply
//-------------------------------------------------------------------------------------------------

struct ImpliedRate {
    std::string other;          // the other currency ("USD")
    double rate = 0, lo = 0, hi = 0;  // units of the cluster currency per one `other`
    size_t at = 0;              // position in the cluster
};

// The rate of each fact's conversion pair that involves `currency`. The figure written first is
// the amount (taken as exact); the conversion's rounding gives the interval.
std::vector<ImpliedRate> implied_rates(const AlignState& s, const std::vector<uint32_t>& ids, const char* currency) {
    std::vector<ImpliedRate> out;
    for (size_t i = 0; i < ids.size(); ++i) {
        const Fact& f = s.facts[ids[i]];
        if (f.pair < 0 || !f.fig.unit || !f.pair_fig.unit || f.fig.value == 0 || f.pair_fig.value == 0) continue;
        ImpliedRate r;
        r.at = i;
        if (!std::strcmp(f.fig.unit, currency)) {  // 1.2 trillion CNY (about $168 billion): CNY per USD
            r.other = f.pair_fig.unit;
            r.rate = f.fig.value / f.pair_fig.value;
            r.lo = f.fig.value / f.pair_fig.whi;
            r.hi = f.fig.value / f.pair_fig.wlo;
        } else if (!std::strcmp(f.pair_fig.unit, currency)) {  // $168 billion (1.2 trillion yuan)
            r.other = f.fig.unit;
            r.rate = f.pair_fig.value / f.fig.value;
            r.lo = f.pair_fig.wlo / f.fig.value;
            r.hi = f.pair_fig.whi / f.fig.value;
        } else {
            continue;
        }
        if (std::isfinite(r.lo) && std::isfinite(r.hi) && r.lo > 0) out.push_back(r);
    }
    return out;
}

// "the USD conversions imply different rates: 7.00 (000), 7.14 (ECNS), 7.04 (Race to AGI and 004)
// CNY per USD"; "" when every conversion fits one rate.
std::string rate_note(const std::vector<ImpliedRate>& rates, const std::vector<std::string>& names, const char* currency) {
    std::map<std::string, std::vector<const ImpliedRate*>> by_other;
    for (const ImpliedRate& r : rates) by_other[r.other].push_back(&r);
    std::string out;
    for (const auto& [other, rs] : by_other) {
        if (rs.size() < 2) continue;
        double lo = 0, hi = INFINITY;
        for (const ImpliedRate* r : rs) { lo = std::max(lo, r->lo); hi = std::min(hi, r->hi); }
        if (lo <= hi) continue;  // one rate fits every conversion
        std::vector<std::string> keys, who;
        for (const ImpliedRate* r : rs) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", r->rate);
            keys.push_back(buf);
            who.push_back(names[r->at]);
        }
        std::string list;
        for (const Group& g : group_by(keys, who)) list += (list.empty() ? "" : ", ") + g.text + " (" + g.names + ")";
        if (!out.empty()) out += "; ";
        out += "their " + other + " conversions imply different rates: " + list + " " + currency + " per " + other;
    }
    return out;
}

// What the figures are about, as one source writes it: the subject whose head the most other
// facts share, then the longest; with the unit for money and percentages.
std::string make_label(const AlignState& s, const std::vector<uint32_t>& ids, const std::string& currency) {
    std::string best;
    int best_score = -1;
    for (uint32_t id : ids) {
        const Fact& f = s.facts[id];
        const AlignArticle& a = s.arts[f.article];
        const Claim& c = (*a.claims)[f.claim];
        uint32_t b = c.subject_start, e = c.subject_end;
        if (e <= b || e > a.text.size()) { b = c.noun_start; e = c.noun_end; }
        if (e <= b || e > a.text.size() || e - b > 120) continue;
        int score = 0;
        for (uint32_t other : ids)
            if (other != id && f.subject.head && s.facts[other].subject.has(f.subject.head)) score += 100;
        score += (int)std::count(a.text.begin() + b, a.text.begin() + e, ' ');
        if (score > best_score) { best_score = score; best = std::string(a.text.substr(b, e - b)); }
    }
    const Fact& f0 = s.facts[ids.front()];
    const Claim& c0 = (*s.arts[f0.article].claims)[f0.claim];
    if (best.empty()) best = claim_kind_name(c0.kind);
    if (!currency.empty()) return best + " (" + currency + ")";
    if (c0.unit) return best + " (" + c0.unit + ")";
    return best;
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] judge_cluster()
//-------------------------------------------------------------------------------------------------

Cluster judge_cluster(AlignState& s, const std::vector<uint32_t>& ids) {
    Cluster out;
    const size_t n = ids.size();
    for (uint32_t id : ids) {
        const Fact& f = s.facts[id];
        out.members.push_back({f.article, f.claim});
        if (f.pair >= 0) out.members.push_back({f.article, (uint32_t)f.pair});
        for (uint32_t r : f.restated) out.restated.push_back({f.article, r});
    }
    out.sources = (uint32_t)n;

    // The comparison currency: the one most facts give, as written or in their own conversion;
    // then the one most write first; then alphabetical.
    const Fact& first = s.facts[ids.front()];
    if (first.fig.claim->kind == ClaimKind::Money) {
        std::map<std::string, std::pair<int, int>> counts;  // currency -> (facts giving it, facts writing it first)
        for (uint32_t id : ids) {
            const Fact& f = s.facts[id];
            if (f.fig.unit) { ++counts[f.fig.unit].first; ++counts[f.fig.unit].second; }
            if (f.pair >= 0 && f.pair_fig.unit && (!f.fig.unit || std::strcmp(f.fig.unit, f.pair_fig.unit) != 0)) ++counts[f.pair_fig.unit].first;
        }
        std::pair<int, int> most{0, 0};
        for (const auto& [unit, k] : counts)
            if (k > most) { most = k; out.currency = unit; }
    }
    const char* currency = out.currency.empty() ? nullptr : out.currency.c_str();
    std::vector<Figure> figs(n);
    std::vector<bool> have(n);
    std::vector<std::string> names(n), texts(n), periods(n);
    std::vector<HedgeClass> hedges(n);
    for (size_t i = 0; i < n; ++i) {
        const Fact& f = s.facts[ids[i]];
        have[i] = currency ? figure_in(s, f, currency, &figs[i]) : (figs[i] = f.fig, true);
        names[i] = source_name(s.arts[f.article]);
        texts[i] = figure_text(f.fig);
        if (have[i] && figs[i].converted && figs[i].unit != f.fig.unit) texts[i] += " (= " + figure_text(figs[i]) + conversion_note(figs[i]) + ")";
        periods[i] = f.period_start ? period_text(f.period_start, f.period_end) : "";
        hedges[i] = f.hedge;
    }
    out.label = make_label(s, ids, out.currency);

    if (n == 1) {
        out.verdict = Verdict::Single;
        out.explanation = "Only " + names[0] + " reports this figure: " + texts[0] +
                          (periods[0].empty() ? "" : " for " + periods[0]) +
                          (hedges[0] == HedgeClass::Outcome ? "" : std::string(" (") + hedge_words(hedges[0]) + ")") + ".";
        return out;
    }

    // Pairwise: conflicts, and why figures that are not the same differ.
    uint32_t reasons = 0;
    bool all_same = true;
    size_t conflict_a = n, conflict_b = n;
    double gap = -1;
    const double tol = s.d.rel_tolerance;
    double vmin = INFINITY, vmax = -INFINITY;
    for (size_t i = 0; i < n; ++i) {
        if (!have[i]) continue;
        vmin = std::min(vmin, figs[i].value);
        vmax = std::max(vmax, figs[i].value);
        for (size_t j = i + 1; j < n; ++j) {
            if (!have[j]) continue;
            const Figure &a = figs[i], &b = figs[j];
            if (figures_conflict(a, b)) {
                const double g = std::max(a.lo - b.hi, b.lo - a.hi);
                if (g > gap) { gap = g; conflict_a = i; conflict_b = j; }
            }
            if (same_figure(a, b, tol)) continue;
            all_same = false;
            const bool shapes_match = (a.shape == b.shape) || ((a.shape == Shape::Point || a.shape == Shape::Approx) &&
                                                                (b.shape == Shape::Point || b.shape == Shape::Approx));
            const double m = std::max(std::fabs(a.value), std::fabs(b.value));
            const double diff = m > 0 ? std::fabs(a.value - b.value) / m : 0;
            if (!shapes_match) {
                reasons |= AlignReason_Bound;
            } else if (diff > tol) {
                reasons |= AlignReason_BaseFigure;
                if ((a.wlo <= b.value && b.value <= a.whi) || (b.wlo <= a.value && a.value <= b.whi)) reasons |= AlignReason_Rounding;
            } else {
                reasons |= a.converted || b.converted ? AlignReason_ExchangeRate : AlignReason_BaseFigure;
            }
        }
    }
    out.spread = vmax > vmin ? (vmax - vmin) / std::max(std::fabs(vmax), std::fabs(vmin)) : 0;
    std::string rates;
    if (currency) {
        rates = rate_note(implied_rates(s, ids, currency), names, currency);
        if (!rates.empty()) reasons |= AlignReason_ExchangeRate;
    }
    for (size_t i = 1; i < n; ++i)
        if (hedges[i] != hedges[0]) reasons |= AlignReason_Hedge;
    std::vector<std::string> known;
    for (size_t i = 0; i < n; ++i)
        if (!periods[i].empty() && std::find(known.begin(), known.end(), periods[i]) == known.end()) known.push_back(periods[i]);
    if (known.size() > 1) reasons |= AlignReason_Period;
    out.reasons = reasons;
    const std::string hedged = (reasons & AlignReason_Hedge) ? hedge_note(hedges, names) : "";

    if (reasons & AlignReason_Period) {
        // "5.9% is given for 2025 by 001 (as expected) and 004, but for 2026 by Race to AGI (as a target)".
        out.verdict = Verdict::Timeframe;
        std::string by_period;
        for (size_t k = 0; k < known.size(); ++k) {
            std::vector<std::string> who;
            for (size_t i = 0; i < n; ++i) {
                if (periods[i] != known[k]) continue;
                who.push_back(names[i] + (hedges[i] == HedgeClass::Outcome ? "" : std::string(" (") + hedge_words(hedges[i]) + ")"));
            }
            by_period += (k == 0 ? "" : k + 1 == known.size() ? ", but " : ", ") + std::string("for ") + known[k] + " by " + join_names(who);
        }
        std::vector<std::string> undated;
        for (size_t i = 0; i < n; ++i)
            if (periods[i].empty()) undated.push_back(names[i]);
        out.explanation = "The same figure, " + texts[0] + ", is given " + by_period +
                          (undated.empty() ? "" : "; " + join_names(undated) + " give" + (undated.size() == 1 ? "s" : "") + " no period") +
                          ": one source attached it to the wrong period, or these are different facts.";
        return out;
    }
    const std::vector<Group> groups = group_by(texts, names);
    if (conflict_a < n) {
        out.verdict = Verdict::Conflict;
        out.explanation = texts[conflict_a] + " (" + names[conflict_a] + ") and " + texts[conflict_b] + " (" +
                          names[conflict_b] + ") cannot both be true" + (hedged.empty() ? "" : "; " + hedged) + ".";
        return out;
    }
    if (all_same && !(reasons & AlignReason_ExchangeRate)) {
        out.verdict = Verdict::Agree;
        if (groups.size() == 1)
            out.explanation = join_names(names) + (n == 2 ? " both give " : " all give ") + texts[0];
        else
            out.explanation = join_names(names) + " give the same figure within the rounding of what is written: " + groups_text(groups);
        out.explanation += (hedged.empty() ? "" : "; " + hedged) + ".";
        return out;
    }

    // Compatible: say why the figures can all hold, then why they differ.
    out.verdict = Verdict::Compatible;
    bool all_lower = true, all_upper = true;
    for (size_t i = 0; i < n; ++i) {
        all_lower = all_lower && figs[i].shape == Shape::Lower;
        all_upper = all_upper && figs[i].shape == Shape::Upper;
    }
    std::string why;
    if (all_lower) why = n == 2 ? "both are lower bounds, so both can hold" : "all are lower bounds, so all can hold";
    else if (all_upper) why = n == 2 ? "both are upper bounds, so both can hold" : "all are upper bounds, so all can hold";
    else if (reasons & AlignReason_Bound) why = bound_text(groups, figs);
    else if (reasons & AlignReason_Rounding) why = "the rounder figure allows the more precise one";
    else if (reasons & (AlignReason_ExchangeRate | AlignReason_BaseFigure)) why = "the gap is within what a conversion at another rate explains";
    else why = "their intervals overlap";
    std::string differ;
    if (reasons & AlignReason_BaseFigure) differ = "the base figure differs";
    if (!rates.empty()) differ += (differ.empty() ? "" : "; ") + rates;
    if (!hedged.empty()) differ += (differ.empty() ? "" : "; ") + hedged;
    if (groups.size() == 1)  // one base figure: only the conversions differ
        out.explanation = join_names(names) + (n == 2 ? " both give " : " all give ") + texts[0] + "; " + differ + ".";
    else
        out.explanation = groups_text(groups) + ": " + why + (differ.empty() ? "" : "; " + differ) + ".";
    return out;
}

}  // namespace detail
}  // namespace factlens
