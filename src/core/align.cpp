// align_facts(): facts, links, clusters and verdicts. Subject normalisation is in align_subject.cpp,
// the verdicts and their sentences in align_verdict.cpp.
//
// [SECTION] Names: verdict_name(), align_reason_name()
// [SECTION] Figures: one claim's value as an interval, in a currency
// [SECTION] Facts: per article, conversion pairs and restatements folded into one fact
// [SECTION] Links: whether two facts of different articles can be one quantity
// [SECTION] Clusters: buckets, candidate links, complete-linkage merging
// [SECTION] align_facts()
//
// Call flow:
//   align_facts()
//     build_facts()        [Internal] per article: claim_subject(), fold pairs and restatements
//     candidate_links()    [Internal] per bucket (kind/unit class/head): link()
//     merge_clusters()     [Internal] best link first, complete linkage
//     judge_cluster()      [Internal] (align_verdict.cpp) verdict, reasons, explanation, label
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <unordered_set>

#include "align.h"
#include "align_internal.h"

namespace factlens {

//-------------------------------------------------------------------------------------------------
// [SECTION] Names
//-------------------------------------------------------------------------------------------------

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::Agree: return "agree";
        case Verdict::Compatible: return "compatible";
        case Verdict::Conflict: return "conflict";
        case Verdict::Timeframe: return "timeframe";
        case Verdict::Single: return "single";
    }
    return "single";
}

const char* align_reason_name(uint32_t bit) {
    switch (bit) {
        case AlignReason_BaseFigure: return "base_figure";
        case AlignReason_ExchangeRate: return "exchange_rate";
        case AlignReason_Period: return "period";
        case AlignReason_Rounding: return "rounding";
        case AlignReason_Bound: return "bound";
        case AlignReason_Hedge: return "hedge";
        default: return "";
    }
}

std::vector<const char*> align_reason_names(uint32_t reasons) {
    std::vector<const char*> out;
    for (uint32_t bit = 1; bit <= AlignReason_Hedge; bit <<= 1)
        if (reasons & bit) out.push_back(align_reason_name(bit));
    return out;
}

namespace detail {

//-------------------------------------------------------------------------------------------------
// [SECTION] Figures
//-------------------------------------------------------------------------------------------------

static bool point_like(Shape s) { return s == Shape::Point || s == Shape::Approx; }

Figure figure_of(std::string_view text, const Claim& c, const AlignDesc& d) {
    Figure f;
    f.value = c.value;
    f.unit = c.unit;
    f.claim = &c;
    const bool has_low = !is_none(c.low), has_high = !is_none(c.high);
    WrittenInterval w{c.value, c.value};
    if (c.end > c.start && c.end <= text.size()) w = written_interval(c.value, text.substr(c.start, c.end - c.start));
    if (!(w.low <= c.value && c.value <= w.high)) w = {c.value, c.value};
    f.wlo = w.low;
    f.whi = w.high;
    const double inf = INFINITY;
    if (!has_low && !has_high) {
        f.shape = Shape::Approx;
        const double half = std::fabs(c.value) * d.approx_tolerance;
        f.lo = std::min(c.value - half, w.low);
        f.hi = std::max(c.value + half, w.high);
    } else if (has_low && !has_high) {
        f.shape = Shape::Lower;
        f.lo = std::min(c.low, w.low);
        f.hi = inf;
    } else if (!has_low && has_high) {
        f.shape = Shape::Upper;
        f.lo = -inf;
        f.hi = std::max(c.high, w.high);
    } else if (c.low == c.high) {
        f.shape = Shape::Point;
        f.lo = std::min(c.low, w.low);
        f.hi = std::max(c.high, w.high);
    } else {
        f.shape = Shape::Range;
        f.lo = c.low - (c.value - w.low);
        f.hi = c.high + (w.high - c.value);
    }
    return f;
}

Figure converted_figure(const Figure& f, double factor, double tolerance, const char* unit) {
    Figure g = f;
    g.value *= factor;
    g.lo *= factor;
    g.hi *= factor;
    g.wlo *= factor;
    g.whi *= factor;
    if (std::isfinite(g.lo)) g.lo -= std::fabs(g.lo) * tolerance;
    if (std::isfinite(g.hi)) g.hi += std::fabs(g.hi) * tolerance;
    g.unit = unit;
    g.converted = true;
    g.factor = f.factor * factor;
    return g;
}

static double rel_diff(double a, double b) {
    const double m = std::max(std::fabs(a), std::fabs(b));
    return m > 0 ? std::fabs(a - b) / m : 0;
}

bool same_figure(const Figure& a, const Figure& b, double tolerance) {
    const bool shapes = (point_like(a.shape) && point_like(b.shape)) || a.shape == b.shape;
    if (!shapes) return false;
    if (a.shape == Shape::Range && (rel_diff(a.lo, b.lo) > tolerance || rel_diff(a.hi, b.hi) > tolerance)) return false;
    const bool rounding_overlaps = a.wlo <= b.whi && b.wlo <= a.whi;
    return rounding_overlaps && rel_diff(a.value, b.value) <= tolerance;
}

bool figures_conflict(const Figure& a, const Figure& b) { return a.hi < b.lo || b.hi < a.lo; }

//-------------------------------------------------------------------------------------------------
// [SECTION] Facts
//-------------------------------------------------------------------------------------------------

HedgeClass hedge_class(const char* hedge) {
    if (!hedge) return HedgeClass::Outcome;
    if (std::strcmp(hedge, "target") == 0) return HedgeClass::Target;
    if (std::strcmp(hedge, "forecast") == 0) return HedgeClass::Forecast;
    return HedgeClass::Estimate;
}

static bool is_quantity(const Claim& c) {
    return (c.kind == ClaimKind::Count || c.kind == ClaimKind::Money || c.kind == ClaimKind::Percent ||
            c.kind == ClaimKind::Quantity) && std::isfinite(c.value);
}

// Which values can be compared at all: every money amount is one class (compared after
// conversion), counts are one class (the noun is part of the subject), the rest by unit.
static std::string class_key(const Claim& c) {
    switch (c.kind) {
        case ClaimKind::Money: return "money";
        case ClaimKind::Count: return "count";
        default: return std::string(claim_kind_name(c.kind)) + ":" + (c.unit ? c.unit : "");
    }
}

static bool intervals_touch(double alo, double ahi, double blo, double bhi) {
    auto lo = [](double v) { return is_none(v) ? -INFINITY : v; };
    auto hi = [](double v) { return is_none(v) ? INFINITY : v; };
    return lo(alo) <= hi(bhi) && lo(blo) <= hi(ahi);
}

// Two claims of one article that give one figure: the second is a restatement of the first (a
// headline repeated in the body, "1 trillion yuan" said three ways).
static bool restates(const Fact& f, const Claim& a, const Claim& b, const Subject& bs, HedgeClass bh) {
    if (a.kind != b.kind || (a.unit != b.unit && (!a.unit || !b.unit || std::strcmp(a.unit, b.unit) != 0))) return false;
    if (rel_diff(a.value, b.value) > 1e-9) return false;
    if (!intervals_touch(a.low, a.high, b.low, b.high)) return false;
    if (f.period_start && b.period_start && (f.period_start != b.period_start || f.period_end != b.period_end)) return false;
    const bool hedges = f.hedge == bh || (f.hedge != HedgeClass::Target && bh != HedgeClass::Target &&
                                          (f.hedge == HedgeClass::Outcome || bh == HedgeClass::Outcome));
    if (!hedges) return false;
    // In one article a mention with no head of its own ("beyond the trillion-yuan mark") restates
    // the figure it repeats; across articles the head must be mentioned (see link()).
    const bool heads = !f.subject.head || !bs.head || f.subject.head == bs.head;
    return heads && modifiers_compatible(f.subject, bs) && !names_conflict(f.subject, bs);
}

// How complete a mention is: the representative of a fact is its most complete mention.
static int completeness(const Claim& c) {
    return (c.period_start ? 4 : 0) + (c.subject_end > c.subject_start ? 2 : 0) + (c.pair >= 0 ? 1 : 0);
}

// Kind and value bits: restatements give the same value of the same kind.
static uint64_t value_key(const Claim& c) {
    double v = c.value == 0 ? 0.0 : c.value;  // -0 and 0 alike
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits ^ ((uint64_t)c.kind * 0x9E3779B97F4A7C15ull);
}

void build_facts(AlignState& s) {
    std::unordered_map<std::string, uint32_t> class_ids;
    for (uint32_t ai = 0; ai < s.arts.size(); ++ai) {
        const AlignArticle& art = s.arts[ai];
        if (!art.claims) continue;
        const std::vector<Claim>& claims = *art.claims;
        const size_t first_fact = s.facts.size();
        std::unordered_map<uint64_t, std::vector<uint32_t>> by_value;  // value_key -> facts of this article
        for (uint32_t ci = 0; ci < claims.size(); ++ci) {
            const Claim& c = claims[ci];
            if (!is_quantity(c) || c.end > art.text.size() || c.start > c.end) continue;
            // A conversion pair links both ways; a one-sided link is no pair.
            int32_t pair = c.pair >= 0 && (size_t)c.pair < claims.size() && (uint32_t)c.pair != ci &&
                           claims[(size_t)c.pair].pair == (int32_t)ci && is_quantity(claims[(size_t)c.pair]) ? c.pair : -1;
            if (pair >= 0 && (uint32_t)pair < ci) continue;  // the figure written second: with its first
            Subject subject = claim_subject(art.text, c, s.pool);
            if (pair >= 0) merge_subject(subject, claim_subject(art.text, claims[(size_t)pair], s.pool), true);
            const HedgeClass hedge = hedge_class(c.hedge);

            // A restatement of a fact of this article with the same value (either figure of a pair)?
            bool folded = false;
            const uint64_t key = value_key(c);
            auto same_value = by_value.find(key);
            const std::vector<uint32_t> none;
            const std::vector<uint32_t>& candidates = same_value == by_value.end() ? none : same_value->second;
            for (size_t k = 0; k < candidates.size() && !folded; ++k) {
                Fact& f = s.facts[candidates[k]];
                const Claim& fc = claims[f.claim];
                const bool by_first = restates(f, fc, c, subject, hedge);
                const bool by_pair = !by_first && f.pair >= 0 && restates(f, claims[(size_t)f.pair], c, subject, hedge);
                if (!by_first && !by_pair) continue;
                // The more complete mention represents the fact; the other is listed as restated.
                if (by_first && completeness(c) > completeness(fc)) {
                    f.restated.push_back(f.claim);
                    if (f.pair >= 0) f.restated.push_back((uint32_t)f.pair);
                    f.claim = ci;
                    f.pair = pair;
                    f.hedge = hedge;
                    f.direction = c.direction;
                } else {
                    f.restated.push_back(ci);
                    if (pair >= 0) f.restated.push_back((uint32_t)pair);
                }
                if (!f.period_start && c.period_start) { f.period_start = c.period_start; f.period_end = c.period_end; }
                merge_subject(f.subject, subject, false);  // another sentence's context would blur the subject
                folded = true;
            }
            if (folded) continue;
            Fact f;
            f.article = ai;
            f.claim = ci;
            f.pair = pair;
            f.subject = std::move(subject);
            f.period_start = c.period_start;
            f.period_end = c.period_end;
            f.hedge = hedge;
            f.direction = c.direction;
            auto it = class_ids.emplace(class_key(c), (uint32_t)class_ids.size()).first;
            f.cls = it->second;
            by_value[key].push_back((uint32_t)s.facts.size());
            if (pair >= 0) by_value[value_key(claims[(size_t)pair])].push_back((uint32_t)s.facts.size());
            s.facts.push_back(std::move(f));
        }
        for (size_t fi = first_fact; fi < s.facts.size(); ++fi) {
            Fact& f = s.facts[fi];
            f.fig = figure_of(art.text, claims[f.claim], s.d);
            if (f.pair >= 0) f.pair_fig = figure_of(art.text, claims[(size_t)f.pair], s.d);
            if (!f.period_start) {  // a restatement may carry the period the representative lacks
                for (uint32_t r : f.restated)
                    if (claims[r].period_start) { f.period_start = claims[r].period_start; f.period_end = claims[r].period_end; break; }
            }
            std::sort(f.restated.begin(), f.restated.end());
        }
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Links
//-------------------------------------------------------------------------------------------------

// Units of `to` per one `from` on `day` from the rate table; nullptr when there is none. Cached: a
// corpus has few distinct (currency, date) pairs.
static const ReferenceRate* reference_rate(AlignState& s, const char* from, const char* to, Day day) {
    if (!s.rates || !s.d.convert_currency || !from || !to) return nullptr;
    std::string key = std::string(from) + ">" + to + "@" + std::to_string(day);
    auto it = s.rate_cache.find(key);
    if (it == s.rate_cache.end()) {
        RateLookupDesc desc;
        desc.on = day;
        desc.stale_days = s.d.stale_days;
        const RateQuote q = find_rate(*s.rates, from, to, desc);
        ReferenceRate r;
        if (q.ok && q.rate > 0 && std::isfinite(q.rate)) {
            r.rate = q.rate;
            r.date = q.date;
            r.stale = q.stale;
            if (q.source >= 0 && (size_t)q.source < s.rates->sources.size()) r.source = s.rates->sources[(size_t)q.source].name;
        }
        it = s.rate_cache.emplace(std::move(key), std::move(r)).first;
    }
    return it->second.rate > 0 ? &it->second : nullptr;
}

static bool same_unit(const char* a, const char* b) { return a && b && std::strcmp(a, b) == 0; }

Day fact_day(const AlignState& s, const Fact& f) {
    const Day pub = s.arts[f.article].published;
    return pub ? pub : f.period_end;
}

bool figure_in(AlignState& s, const Fact& f, const char* currency, Figure* out) {
    if (f.fig.unit == currency || same_unit(f.fig.unit, currency) || !f.fig.claim || f.fig.claim->kind != ClaimKind::Money) {
        *out = f.fig;
        return true;
    }
    if (f.pair >= 0 && same_unit(f.pair_fig.unit, currency)) {
        // The source's own conversion: written, but at a rate of its choosing.
        *out = converted_figure(f.pair_fig, 1.0, s.d.rel_tolerance, currency);
        return true;
    }
    const ReferenceRate* rate = reference_rate(s, f.fig.unit, currency, fact_day(s, f));
    if (!rate) return false;
    *out = converted_figure(f.fig, rate->rate, s.d.rel_tolerance, currency);
    out->reference = rate;
    return true;
}

// The two facts' figures in one currency: a's own, or the first currency both are written in.
static bool comparable(AlignState& s, const Fact& a, const Fact& b, Figure* fa, Figure* fb) {
    if (a.fig.claim->kind != ClaimKind::Money) { *fa = a.fig; *fb = b.fig; return true; }
    const char* ca[2] = {a.fig.unit, a.pair >= 0 ? a.pair_fig.unit : nullptr};
    const char* cb[2] = {b.fig.unit, b.pair >= 0 ? b.pair_fig.unit : nullptr};
    for (const char* x : ca)
        for (const char* y : cb)
            if (same_unit(x, y)) return figure_in(s, a, x, fa) && figure_in(s, b, x, fb);
    *fa = a.fig;
    return figure_in(s, b, a.fig.unit, fb);
}

// Which hedges can report one quantity for one period: an estimate ("expected") is a preliminary
// outcome; a forecast is not an outcome; a target is only a target.
static bool hedges_link(HedgeClass a, HedgeClass b) {
    if (a == b) return true;
    if (a == HedgeClass::Target || b == HedgeClass::Target) return false;
    if (a == HedgeClass::Estimate || b == HedgeClass::Estimate) return true;
    return false;  // outcome against forecast
}

float link(AlignState& s, uint32_t ia, uint32_t ib) {
    const Fact& a = s.facts[ia];
    const Fact& b = s.facts[ib];
    if (a.article == b.article || a.cls != b.cls) return -1;
    if (!heads_compatible(a.subject, b.subject) || !modifiers_compatible(a.subject, b.subject) ||
        names_conflict(a.subject, b.subject))
        return -1;
    if (a.direction && b.direction && std::strcmp(a.direction, b.direction) != 0) return -1;
    Figure fa, fb;
    if (!comparable(s, a, b, &fa, &fb)) return -1;
    const double va = fa.value, vb = fb.value;
    if ((va > 0) != (vb > 0) || (va < 0) != (vb < 0)) return -1;
    if (va != 0 && std::max(std::fabs(va), std::fabs(vb)) > s.d.max_ratio * std::min(std::fabs(va), std::fabs(vb))) return -1;
    const bool same = same_figure(fa, fb, s.d.rel_tolerance);
    const bool periods_known = a.period_start && b.period_start;
    const bool periods_differ = periods_known && (a.period_start != b.period_start || a.period_end != b.period_end);
    if (periods_differ) {
        // One figure under two periods: a forward-looking statement moved to another year, or two
        // different years that happen to share a value. Only the first is one quantity.
        if (!same || (a.hedge == HedgeClass::Outcome && b.hedge == HedgeClass::Outcome)) return -1;
    } else if (!hedges_link(a.hedge, b.hedge)) {
        return -1;
    }
    const float sim = subject_similarity(a.subject, b.subject);
    // A contradiction is a strong claim: it needs a much closer subject than an agreement.
    const float need = (float)(figures_conflict(fa, fb) ? s.d.min_conflict_similarity : s.d.min_similarity);
    if (sim < need) return -1;
    return sim + 0.1f * (float)(1.0 - rel_diff(va, vb)) + (same ? 0.05f : 0.0f);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Clusters
//-------------------------------------------------------------------------------------------------

namespace {

struct Edge {
    float score;
    uint32_t a, b;
};

}  // namespace

// Links within each bucket (class, head), and from each headless fact to the buckets of the
// concepts it mentions and to the other headless facts of its class.
static std::vector<Edge> candidate_links(AlignState& s) {
    std::unordered_map<uint64_t, std::vector<uint32_t>> buckets;
    std::unordered_map<uint32_t, std::vector<uint32_t>> headless;  // class -> facts
    for (uint32_t i = 0; i < s.facts.size(); ++i) {
        const Fact& f = s.facts[i];
        if (f.subject.head) buckets[(uint64_t)f.cls << 32 | f.subject.head].push_back(i);
        else headless[f.cls].push_back(i);
    }
    std::vector<Edge> edges;
    auto try_link = [&](uint32_t a, uint32_t b) {
        const float score = link(s, a, b);
        if (score >= 0) edges.push_back({score, std::min(a, b), std::max(a, b)});
    };
    for (const auto& [key, ids] : buckets)
        for (size_t i = 0; i < ids.size(); ++i)
            for (size_t j = i + 1; j < ids.size(); ++j) try_link(ids[i], ids[j]);
    for (const auto& [cls, ids] : headless) {
        for (size_t i = 0; i < ids.size(); ++i) {
            for (size_t j = i + 1; j < ids.size(); ++j) try_link(ids[i], ids[j]);
            for (const WeightedConcept& c : s.facts[ids[i]].subject.concepts) {
                auto it = buckets.find((uint64_t)cls << 32 | c.id);
                if (it == buckets.end()) continue;
                for (uint32_t other : it->second) try_link(ids[i], other);
            }
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        if (x.score != y.score) return x.score > y.score;
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    return edges;
}

// Best link first; two clusters merge when every pair of their facts links and no article would
// appear twice. Returns the clusters as lists of facts, each in fact (article, text) order.
std::vector<std::vector<uint32_t>> merge_clusters(AlignState& s) {
    const std::vector<Edge> edges = candidate_links(s);
    const uint32_t n = (uint32_t)s.facts.size();
    std::vector<uint32_t> cluster_of(n);
    std::iota(cluster_of.begin(), cluster_of.end(), 0u);
    std::vector<std::vector<uint32_t>> members(n);
    for (uint32_t i = 0; i < n; ++i) members[i] = {i};
    // Clusters that failed to merge never can: they only grow, and complete linkage fails on any
    // one pair. Remembering the failures (symmetrically, inherited on merge) keeps many similar
    // but conflicting facts from being re-checked pair by pair on every link between them.
    std::vector<std::unordered_set<uint32_t>> failed(n);
    std::vector<uint32_t> article_mark(s.arts.size(), UINT32_MAX);
    for (const Edge& e : edges) {
        const uint32_t ca = cluster_of[e.a], cb = cluster_of[e.b];
        if (ca == cb || failed[ca].count(cb)) continue;
        const std::vector<uint32_t>& x = members[ca];
        const std::vector<uint32_t>& y = members[cb];
        bool ok = true;
        for (uint32_t f : x) article_mark[s.facts[f].article] = ca;
        for (size_t j = 0; j < y.size() && ok; ++j) ok = article_mark[s.facts[y[j]].article] != ca;
        for (size_t i = 0; i < x.size() && ok; ++i)
            for (size_t j = 0; j < y.size() && ok; ++j)
                if (!(x[i] == e.a && y[j] == e.b) && !(x[i] == e.b && y[j] == e.a)) ok = link(s, x[i], y[j]) >= 0;
        for (uint32_t f : x) article_mark[s.facts[f].article] = UINT32_MAX;
        if (!ok) {
            failed[ca].insert(cb);
            failed[cb].insert(ca);
            continue;
        }
        const uint32_t into = x.size() >= y.size() ? ca : cb, from = into == ca ? cb : ca;
        for (uint32_t f : members[from]) cluster_of[f] = into;
        members[into].insert(members[into].end(), members[from].begin(), members[from].end());
        members[from].clear();
        members[from].shrink_to_fit();
        for (uint32_t other : failed[from]) {
            failed[into].insert(other);
            failed[other].insert(into);
        }
        failed[from].clear();
    }
    std::vector<std::vector<uint32_t>> out;
    for (uint32_t i = 0; i < n; ++i) {
        if (members[i].empty()) continue;
        std::sort(members[i].begin(), members[i].end());  // facts are built in article, text order
        out.push_back(std::move(members[i]));
    }
    return out;
}

}  // namespace detail

//-------------------------------------------------------------------------------------------------
// [SECTION] align_facts()
//-------------------------------------------------------------------------------------------------

std::vector<Cluster> align_facts(const std::vector<AlignArticle>& articles, const RateTable* rates, const AlignDesc& d) {
    using namespace detail;
    AlignState s{articles, rates, d, {}, {}, {}};
    build_facts(s);
    std::vector<std::vector<uint32_t>> groups = merge_clusters(s);
    // Multi-source clusters first (most sources first), then single ones; each by first appearance.
    std::stable_sort(groups.begin(), groups.end(), [](const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
        const bool sa = a.size() > 1, sb = b.size() > 1;
        if (sa != sb) return sa;
        if (sa && a.size() != b.size()) return a.size() > b.size();
        return a.front() < b.front();
    });
    std::vector<Cluster> out;
    out.reserve(groups.size());
    for (const std::vector<uint32_t>& g : groups) out.push_back(judge_cluster(s, g));
    return out;
}

}  // namespace factlens
