// Filtering the fact table with a parsed query, and counting facets over what passes.
//
// [SECTION] Term evaluation: each term is resolved once against the distinct strings of its column
//           (or the sources), then applied to every row as a byte mask.
// [SECTION] Facets: one walk over the sorted order keeps the passing rows and counts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "fact_table.h"
#include "text_fold.h"

namespace factlens {

namespace {

// Pool ids whose folded string equals (or contains) one of the values.
void match_pool(const StringPool& pool, const QueryTerm& term, bool contains, std::vector<uint8_t>& bits) {
    bits.assign(pool.count() + 1, 0);
    std::vector<uint8_t> one;
    for (const std::string& v : term.values) {
        const std::string needle = fold_text(v);
        if (contains) {
            pool.match_folded(needle, one);
            for (size_t i = 0; i < bits.size(); ++i) bits[i] |= one[i];
        } else {
            for (uint32_t id = 1; id <= pool.count(); ++id)
                if (pool.folded(id) == needle) bits[id] = 1;
        }
    }
    if (term.none) bits[0] = 1;
}

bool source_matches(const FactSource& s, const QueryTerm& term) {
    const std::string& v = term.field == QueryField::Article ? s.id : s.outlet;
    if (term.none) return v.empty() || v == "unknown";
    const std::string folded = fold_text(v);
    for (const std::string& want : term.values)
        if (fold_text(want) == folded) return true;
    return false;
}

bool compare(double v, const QueryTerm& t) {
    if (std::isnan(v)) return t.none && t.op == QueryOp::Is;
    if (t.none) return false;
    switch (t.op) {
        case QueryOp::Is: return v == t.number || std::fabs(v - t.number) <= 1e-9 * std::fabs(t.number);
        case QueryOp::Lt: return v < t.number;
        case QueryOp::Le: return v <= t.number;
        case QueryOp::Gt: return v > t.number;
        case QueryOp::Ge: return v >= t.number;
    }
    return false;
}

// A span [a, b] of days against the term's span.
bool compare_days(Day a, Day b, const QueryTerm& t) {
    if (a <= 0) return t.none && t.op == QueryOp::Is;
    if (t.none) return false;
    switch (t.op) {
        case QueryOp::Is: return a <= t.day_to && b >= t.day_from;
        case QueryOp::Lt: return a < t.day_from;
        case QueryOp::Le: return a <= t.day_to;
        case QueryOp::Gt: return a > t.day_to;
        case QueryOp::Ge: return a >= t.day_from;
    }
    return false;
}

template <class Pred>
void apply(std::vector<uint8_t>& pass, size_t n, bool negate, Pred pred) {
    uint8_t* p = pass.data();
    if (negate) { for (size_t r = 0; r < n; ++r) p[r] &= (uint8_t)!pred(r); }
    else { for (size_t r = 0; r < n; ++r) p[r] &= (uint8_t)pred(r); }
}

void apply_pool(std::vector<uint8_t>& pass, const std::vector<uint32_t>& col, const std::vector<uint8_t>& bits, bool negate) {
    const uint32_t* c = col.data();
    const uint8_t* b = bits.data();
    apply(pass, col.size(), negate, [&](size_t r) { return b[c[r]] != 0; });
}

void apply_term(const FactTable& t, const QueryTerm& term, std::vector<uint8_t>& pass) {
    const size_t n = t.size();
    std::vector<uint8_t> bits;
    switch (term.field) {
        case QueryField::FreeText: {
            std::vector<uint8_t> bs, bsub, bu, bt;
            QueryTerm c = term;
            c.none = false;
            match_pool(t.sentences, c, true, bs);
            match_pool(t.subjects, c, true, bsub);
            match_pool(t.units, c, true, bu);
            match_pool(t.texts, c, true, bt);
            const uint32_t *s = t.sentence.data(), *sub = t.subject.data(), *u = t.unit.data(), *tx = t.text.data();
            apply(pass, n, term.negate, [&](size_t r) { return (bs[s[r]] | bsub[sub[r]] | bu[u[r]] | bt[tx[r]]) != 0; });
            break;
        }
        case QueryField::Kind: {
            const unsigned kinds = term.kinds;
            const uint8_t* k = t.kind.data();
            apply(pass, n, term.negate, [&](size_t r) { return ((kinds >> k[r]) & 1u) != 0; });
            break;
        }
        case QueryField::Unit: match_pool(t.units, term, false, bits); apply_pool(pass, t.unit, bits, term.negate); break;
        case QueryField::Qualifier: match_pool(t.qualifiers, term, false, bits); apply_pool(pass, t.qualifier, bits, term.negate); break;
        case QueryField::Hedge: match_pool(t.hedges, term, false, bits); apply_pool(pass, t.hedge, bits, term.negate); break;
        case QueryField::Direction: match_pool(t.directions, term, false, bits); apply_pool(pass, t.direction, bits, term.negate); break;
        case QueryField::Subject: match_pool(t.subjects, term, true, bits); apply_pool(pass, t.subject, bits, term.negate); break;
        case QueryField::Text: match_pool(t.texts, term, true, bits); apply_pool(pass, t.text, bits, term.negate); break;
        case QueryField::Outlet:
        case QueryField::Article:
        case QueryField::Date: {
            std::vector<uint8_t> ok(t.sources.size());
            for (size_t i = 0; i < ok.size(); ++i)
                ok[i] = term.field == QueryField::Date
                            ? compare_days(t.sources[i].published, t.sources[i].published, term)
                            : source_matches(t.sources[i], term);
            apply_pool(pass, t.source, ok, term.negate);
            break;
        }
        case QueryField::Period: {
            const Day *a = t.period_start.data(), *b = t.period_end.data();
            apply(pass, n, term.negate, [&](size_t r) { return compare_days(a[r], b[r], term); });
            break;
        }
        case QueryField::Value: case QueryField::Low: case QueryField::High: case QueryField::Rate: {
            // Values as shown: value>1e11 means dollars when amounts are shown in dollars.
            const std::vector<double>& col = term.field == QueryField::Value ? t.shown_value()
                                           : term.field == QueryField::Low   ? t.shown_low()
                                           : term.field == QueryField::High  ? t.shown_high() : t.rate;
            const double* v = col.data();
            apply(pass, n, term.negate, [&](size_t r) { return compare(v[r], term); });
            break;
        }
        case QueryField::Ambiguous: {
            const uint8_t want = term.flag ? 1 : 0;
            const uint8_t* a = t.ambiguous.data();
            apply(pass, n, term.negate, [&](size_t r) { return a[r] == want; });
            break;
        }
    }
}

// ---- [SECTION] Facets ---------------------------------------------------------------------------

std::string facet_term(const char* field, std::string_view value) {
    std::string q = field;
    q += ':';
    // Quote what the parser would split or read otherwise: separators (ASCII white space, U+00A0),
    // operators, commas, and a bare none (which means absent on text fields).
    bool quote = value.empty() || value.find_first_of(" \t\n\r\v\f,\"\\:=<>!") != std::string_view::npos ||
                 value[0] == '-' || value.find("\xC2\xA0") != std::string_view::npos;
    if (value.size() == 4) {
        std::string lower(value);
        for (char& c : lower) c = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
        quote = quote || lower == "none";
    }
    if (!quote) return q.append(value);
    q += '"';
    for (char c : value) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + '"';
}

void finish_facet(Facet& f, std::vector<FacetValue>& all) {
    f.distinct = all.size();
    std::sort(all.begin(), all.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
    if (all.size() > kMaxFacetValues) all.resize(kMaxFacetValues);
    f.values = std::move(all);
}

void pool_facet(Facet& f, const char* field, const StringPool& pool, const std::vector<uint32_t>& counts) {
    std::vector<FacetValue> all;
    // Strings equal but for case are one value: the query term (case-insensitive) selects them all.
    std::unordered_map<std::string_view, size_t> by_folded;
    for (uint32_t id = 0; id < counts.size(); ++id) {
        if (!counts[id]) continue;
        if (id) {
            const auto ins = by_folded.emplace(pool.folded(id), all.size());
            if (!ins.second) { all[ins.first->second].count += counts[id]; continue; }
        }
        FacetValue v;
        v.label = id ? std::string(pool.get(id)) : "none";
        v.query = id ? facet_term(field, pool.get(id)) : std::string(field) + ":none";
        v.count = counts[id];
        all.push_back(std::move(v));
    }
    finish_facet(f, all);
}

} // namespace

void collect_rows(const FactTable& t, FactView* out) {
    const size_t n = t.size();
    const std::vector<uint32_t>& order = out->order;
    const size_t m = order.size() == n && out->pass.size() == n ? n : 0;
    size_t count = 0;
    const uint8_t* p = out->pass.data();
    for (size_t r = 0; r < m; ++r) count += p[r];
    out->rows.resize(count + 1);  // one spare slot: the branch-free loop writes one past the last kept row
    uint32_t* dst = out->rows.data();
    const uint32_t* o = order.data();
    for (size_t i = 0; i < m; ++i) {
        const uint32_t r = o[i];
        *dst = r;
        dst += p[r];  // branch-free: a row is kept by advancing past it
    }
    out->rows.resize(count);
}

void filter_facts(const FactTable& t, const std::vector<QueryTerm>& terms, FactView* out) {
    const size_t n = t.size();
    std::vector<uint8_t>& pass = out->pass;
    pass.assign(n, 1);
    for (const QueryTerm& term : terms) apply_term(t, term, pass);

    // Facets are counted in row order (each column read front to back: a sorted walk would miss the
    // cache on every column of every row), then the rows on screen are collected in sorted order.
    std::vector<uint32_t> kinds(8, 0), units(t.units.count() + 1, 0), quals(t.qualifiers.count() + 1, 0),
        hedges(t.hedges.count() + 1, 0), sources(t.sources.size(), 0);
    // Years: a fact counts in every year its period overlaps, as "period:2025" selects it. Counted as
    // +1 at the first year and -1 after the last, summed afterwards.
    constexpr int kMaxYear = 9999;
    std::vector<int32_t> year_steps(kMaxYear + 2, 0);
    uint32_t no_year = 0;
    const uint8_t* p = pass.data();
    const uint8_t* kind = t.kind.data();
    const uint32_t *unit = t.unit.data(), *qual = t.qualifier.data(), *hedge = t.hedge.data(), *src = t.source.data();
    const Day *ps = t.period_start.data(), *pe = t.period_end.data();
    for (size_t r = 0; r < n; ++r) {
        if (!p[r]) continue;
        ++kinds[kind[r] & 7];
        ++units[unit[r]];
        ++quals[qual[r]];
        ++hedges[hedge[r]];
        ++sources[src[r]];
        if (ps[r] > 0) {
            const int y0 = std::min(std::max(ps[r] / 10000, 1), kMaxYear);
            const int y1 = std::min(std::max(pe[r] / 10000, y0), kMaxYear);
            ++year_steps[y0];
            --year_steps[y1 + 1];
        } else {
            ++no_year;
        }
    }
    collect_rows(t, out);

    out->facets.assign(6, Facet{});
    Facet* f = out->facets.data();
    {
        f[0].name = "kind";
        std::vector<FacetValue> all;
        for (int k = 0; k < 6; ++k)
            if (kinds[k]) {
                const char* name = claim_kind_name((ClaimKind)k);
                all.push_back({name, std::string("kind:") + name, kinds[k]});
            }
        finish_facet(f[0], all);
    }
    f[1].name = "unit";
    pool_facet(f[1], "unit", t.units, units);
    {
        f[2].name = "outlet";
        // Sources grouped by outlet (equal but for case: one value, as "outlet:..." selects them
        // all), once per table change: thousands of sources share a few dozen outlets.
        if (out->outlet_generation != t.generation || out->outlet_of_source.size() != t.sources.size()) {
            out->outlet_of_source.assign(t.sources.size(), 0);
            out->outlet_labels.clear();
            std::unordered_map<std::string, uint32_t> by_folded;
            for (size_t s = 0; s < t.sources.size(); ++s) {
                const std::string& o = t.sources[s].outlet;
                const std::string label = o.empty() || o == "unknown" ? std::string("unknown") : o;
                auto ins = by_folded.emplace(fold_text(label), (uint32_t)out->outlet_labels.size());
                if (ins.second) out->outlet_labels.push_back(label);
                out->outlet_of_source[s] = ins.first->second;
            }
            out->outlet_generation = t.generation;
        }
        std::vector<uint32_t> per_outlet(out->outlet_labels.size(), 0);
        for (size_t s = 0; s < sources.size(); ++s) per_outlet[out->outlet_of_source[s]] += sources[s];
        std::vector<FacetValue> all;
        for (size_t o = 0; o < per_outlet.size(); ++o)
            if (per_outlet[o]) all.push_back({out->outlet_labels[o], facet_term("outlet", out->outlet_labels[o]), per_outlet[o]});
        finish_facet(f[2], all);
    }
    f[3].name = "qualifier";
    pool_facet(f[3], "qualifier", t.qualifiers, quals);
    f[4].name = "hedge";
    pool_facet(f[4], "hedge", t.hedges, hedges);
    {
        f[5].name = "year";
        std::vector<FacetValue> all;
        int32_t in_year = 0;
        for (int y = 1; y <= kMaxYear; ++y) {
            in_year += year_steps[y];
            if (!in_year) continue;
            char label[8];
            std::snprintf(label, sizeof label, "%04d", y);
            all.push_back({label, std::string("period:") + label, (uint32_t)in_year});
        }
        if (no_year) all.push_back({"none", "period:none", no_year});
        finish_facet(f[5], all);
    }
}

bool fact_order_current(const FactTable& t, const std::vector<SortKey>& keys, const FactView& out) {
    return out.order_keys == keys && out.order_generation == t.generation && out.order.size() == t.size();
}

void query_facts(const FactTable& t, const std::vector<QueryTerm>& terms, const std::vector<SortKey>& keys, FactView* out) {
    if (!fact_order_current(t, keys, *out)) sort_facts(t, keys, out);
    filter_facts(t, terms, out);  // (callers that know the query is unchanged call collect_rows instead)
}

} // namespace factlens
