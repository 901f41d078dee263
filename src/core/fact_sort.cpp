// Sorting the fact table: every key becomes a 64-bit unsigned integer whose order is the wanted
// order (absent = UINT64_MAX, so last in both directions), then a stable LSD radix sort per key,
// last key first. Radix sort is stable, so ties keep the order of the previous pass and, at the end,
// load order. No comparison sort over a million rows.
#include <cstring>

#include "fact_table.h"

namespace factlens {

namespace {

constexpr uint64_t kAbsent = UINT64_MAX;

// Order-preserving map from double to uint64 (IEEE 754: flip all bits of negatives, the sign bit of
// positives). NaN (absent) maps to kAbsent.
inline uint64_t double_key(double d) {
    if (is_none(d)) return kAbsent;
    if (d == 0) d = 0;  // -0 == +0
    uint64_t u;
    std::memcpy(&u, &d, 8);
    return (u & 0x8000000000000000ull) ? ~u : (u | 0x8000000000000000ull);
}

inline uint64_t id_key(const std::vector<uint32_t>& ranks, uint32_t id) {
    return id == 0 ? kAbsent : ranks[id];
}

// Sort rank of each source's outlet / article id (unknown outlets last).
std::vector<uint64_t> source_ranks(const FactTable& t, FactField f) {
    StringPool p;
    std::vector<uint32_t> ids(t.sources.size());
    for (size_t i = 0; i < t.sources.size(); ++i) {
        const FactSource& s = t.sources[i];
        const std::string& v = f == FactField::Article ? s.id : s.outlet;
        ids[i] = (v.empty() || v == "unknown") ? 0 : p.intern(v);
    }
    const std::vector<uint32_t>& r = p.ranks();
    std::vector<uint64_t> out(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) out[i] = id_key(r, ids[i]);
    return out;
}

// The key of every row for one field, in row order.
void field_keys(const FactTable& t, FactField f, std::vector<uint64_t>& keys) {
    const size_t n = t.size();
    keys.resize(n);
    switch (f) {
        case FactField::Source:
        case FactField::Outlet:
        case FactField::Article: {
            std::vector<uint64_t> sr = source_ranks(t, f);
            if (f == FactField::Source) {
                // outlet rank (high 32 bits), then publication date
                for (uint64_t& k : sr) k = k == kAbsent ? 0xFFFFFFFFull : k;
                for (size_t i = 0; i < sr.size(); ++i) {
                    const Day d = t.sources[i].published;
                    sr[i] = (sr[i] << 32) | (d > 0 ? (uint32_t)d : 0xFFFFFFFFu);
                }
            }
            for (size_t r = 0; r < n; ++r) keys[r] = sr[t.source[r]];
            break;
        }
        case FactField::Date:
            for (size_t r = 0; r < n; ++r) {
                const Day d = t.sources[t.source[r]].published;
                keys[r] = d > 0 ? (uint64_t)d : kAbsent;
            }
            break;
        case FactField::Kind: {
            // Alphabetical by kind name: count, date, money, percent, period, quantity.
            static const uint8_t rank[6] = {0, 2, 3, 5, 1, 4};  // by ClaimKind value
            for (size_t r = 0; r < n; ++r) keys[r] = t.kind[r] < 6 ? rank[t.kind[r]] : 6;
            break;
        }
        // Values as shown: converted into the chosen currency when there is one.
        case FactField::Value: { const double* v = t.shown_value().data(); for (size_t r = 0; r < n; ++r) keys[r] = double_key(v[r]); break; }
        case FactField::Low:
        case FactField::Bounds: { const double* v = t.shown_low().data(); for (size_t r = 0; r < n; ++r) keys[r] = double_key(v[r]); break; }
        case FactField::High: { const double* v = t.shown_high().data(); for (size_t r = 0; r < n; ++r) keys[r] = double_key(v[r]); break; }
        case FactField::Rate:
        case FactField::Pair: for (size_t r = 0; r < n; ++r) keys[r] = double_key(t.rate[r]); break;
        case FactField::Unit: { const auto& rk = t.units.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.unit[r]); break; }
        case FactField::Qualifier: { const auto& rk = t.qualifiers.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.qualifier[r]); break; }
        case FactField::Hedge: { const auto& rk = t.hedges.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.hedge[r]); break; }
        case FactField::Direction: { const auto& rk = t.directions.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.direction[r]); break; }
        case FactField::Subject: { const auto& rk = t.subjects.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.subject[r]); break; }
        case FactField::Text: { const auto& rk = t.texts.ranks(); for (size_t r = 0; r < n; ++r) keys[r] = id_key(rk, t.text[r]); break; }
        case FactField::Period:
            for (size_t r = 0; r < n; ++r)
                keys[r] = t.period_start[r] > 0 ? ((uint64_t)(uint32_t)t.period_start[r] << 32) | (uint32_t)t.period_end[r] : kAbsent;
            break;
        case FactField::Sentence:  // document order: source (load order), then offset
            for (size_t r = 0; r < n; ++r) keys[r] = ((uint64_t)t.source[r] << 32) | t.start[r];
            break;
        case FactField::Ambiguous: for (size_t r = 0; r < n; ++r) keys[r] = t.ambiguous[r]; break;
        case FactField::Count_: for (size_t r = 0; r < n; ++r) keys[r] = 0; break;
    }
}

// Stable LSD radix sort of (keys, ids) by keys, 8 bits a pass; passes where every key has the same
// byte are skipped (string ranks and dates need 2-4 of the 8).
void radix_sort(std::vector<uint64_t>& keys, std::vector<uint32_t>& ids) {
    const size_t n = keys.size();
    if (n < 2) return;
    std::vector<uint32_t> hist(8 * 256, 0);
    for (uint64_t k : keys)
        for (int b = 0; b < 8; ++b) ++hist[b * 256 + ((k >> (8 * b)) & 0xFF)];
    std::vector<uint64_t> k2(n);
    std::vector<uint32_t> i2(n);
    for (int b = 0; b < 8; ++b) {
        uint32_t* h = &hist[b * 256];
        bool trivial = false;
        for (int v = 0; v < 256; ++v) if (h[v] == n) { trivial = true; break; }
        if (trivial) continue;
        uint32_t sum = 0;
        for (int v = 0; v < 256; ++v) { uint32_t c = h[v]; h[v] = sum; sum += c; }
        const int shift = 8 * b;
        for (size_t i = 0; i < n; ++i) {
            const uint32_t dst = h[(keys[i] >> shift) & 0xFF]++;
            k2[dst] = keys[i];
            i2[dst] = ids[i];
        }
        keys.swap(k2);
        ids.swap(i2);
    }
}

} // namespace

void sort_facts(const FactTable& t, const std::vector<SortKey>& keys, FactView* out) {
    const size_t n = t.size();
    std::vector<uint32_t>& order = out->order;
    order.resize(n);
    for (size_t i = 0; i < n; ++i) order[i] = (uint32_t)i;
    // Bounds is two keys: low, then high.
    std::vector<SortKey> passes;
    for (const SortKey& key : keys) {
        if (key.field != FactField::Bounds) { passes.push_back(key); continue; }
        passes.push_back({FactField::Low, key.descending});
        passes.push_back({FactField::High, key.descending});
    }
    std::vector<uint64_t> by_row, k;
    for (size_t ki = passes.size(); ki-- > 0;) {
        field_keys(t, passes[ki].field, by_row);
        k.resize(n);
        const bool desc = passes[ki].descending;
        // Source holds two halves (outlet, date), each 0xFFFFFFFF when unknown: flip them one by one so
        // that an unknown outlet or date stays last when descending.
        const bool halves = passes[ki].field == FactField::Source;
        for (size_t i = 0; i < n; ++i) {
            const uint64_t v = by_row[order[i]];
            if (v == kAbsent || !desc) k[i] = v;
            else if (!halves) k[i] = kAbsent - 1 - v;
            else {
                const uint64_t hi = v >> 32, lo = v & 0xFFFFFFFFull;
                k[i] = ((hi == 0xFFFFFFFFull ? hi : 0xFFFFFFFEull - hi) << 32) | (lo == 0xFFFFFFFFull ? lo : 0xFFFFFFFEull - lo);
            }
        }
        radix_sort(k, order);
    }
    out->order_keys = keys;
    out->order_generation = t.generation;
}

} // namespace factlens
