// The fact table's storage: string pools, sources, appending facts, sentences, undo marks.
#include "fact_table.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "corpus.h"
#include "text_fold.h"

namespace factlens {

// ---- StringPool -------------------------------------------------------------------------------

static uint32_t hash_bytes(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : s) { h ^= c; h *= 16777619u; }
    return h ? h : 1;
}

StringPool::StringPool() : offsets_{0}, folded_offsets_{0}, hashes_{0}, slots_(16, 0) {}

std::string_view StringPool::get(uint32_t id) const {
    if (id == 0 || id >= offsets_.size()) return {};
    return std::string_view(chars_.data() + offsets_[id - 1], offsets_[id] - offsets_[id - 1]);
}

std::string_view StringPool::folded(uint32_t id) const {
    if (id == 0 || id >= folded_offsets_.size()) return {};
    return std::string_view(folded_chars_.data() + folded_offsets_[id - 1], folded_offsets_[id] - folded_offsets_[id - 1]);
}

void StringPool::grow() {
    std::vector<uint32_t> slots(slots_.size() * 2, 0);
    const size_t mask = slots.size() - 1;
    for (uint32_t id = 1; id <= count(); ++id) {
        size_t i = hashes_[id] & mask;
        while (slots[i]) i = (i + 1) & mask;
        slots[i] = id;
    }
    slots_.swap(slots);
}

uint32_t StringPool::intern(std::string_view s) {
    const uint32_t h = hash_bytes(s);
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (uint32_t id = slots_[i]) {
        if (hashes_[id] == h && get(id) == s) return id;
        i = (i + 1) & mask;
    }
    // offsets_[k] is the end of id k (and the start of id k+1); id k spans offsets_[k-1]..offsets_[k].
    chars_.append(s.data(), s.size());
    offsets_.push_back((uint32_t)chars_.size());
    fold_append(folded_chars_, s);
    folded_offsets_.push_back((uint32_t)folded_chars_.size());
    hashes_.push_back(h);
    const uint32_t id = count();
    slots_[i] = id;
    ranks_.clear();
    if ((size_t)id * 2 > slots_.size()) grow();
    return id;
}

const std::vector<uint32_t>& StringPool::ranks() const {
    if (ranks_.size() == offsets_.size()) return ranks_;
    std::vector<uint32_t> ids(count());
    for (uint32_t i = 0; i < count(); ++i) ids[i] = i + 1;
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
        int c = folded(a).compare(folded(b));
        return c != 0 ? c < 0 : get(a) < get(b);
    });
    ranks_.assign(offsets_.size(), UINT32_MAX);
    for (uint32_t r = 0; r < ids.size(); ++r) ranks_[ids[r]] = r;
    return ranks_;
}

void StringPool::match_folded(std::string_view needle, std::vector<uint8_t>& bits) const {
    bits.assign(offsets_.size(), 0);
    if (needle.empty()) { std::fill(bits.begin() + 1, bits.end(), (uint8_t)1); return; }
    const std::string_view all(folded_chars_);
    size_t pos = 0;
    while ((pos = all.find(needle, pos)) != std::string_view::npos) {
        // The id whose span holds pos: the first k with folded_offsets_[k] > pos.
        const uint32_t id = (uint32_t)(std::upper_bound(folded_offsets_.begin(), folded_offsets_.end(), (uint32_t)pos) -
                                       folded_offsets_.begin());
        if (id >= folded_offsets_.size()) break;
        if (pos + needle.size() <= folded_offsets_[id]) {  // inside one string, not across two
            bits[id] = 1;
            pos = folded_offsets_[id];                     // the next string
        } else {
            ++pos;
        }
    }
}

void StringPool::truncate(uint32_t n) {
    if (n >= count()) return;
    chars_.resize(offsets_[n]);
    folded_chars_.resize(folded_offsets_[n]);
    offsets_.resize(n + 1);
    folded_offsets_.resize(n + 1);
    hashes_.resize(n + 1);
    std::fill(slots_.begin(), slots_.end(), 0u);
    const size_t mask = slots_.size() - 1;
    for (uint32_t id = 1; id <= n; ++id) {
        size_t i = hashes_[id] & mask;
        while (slots_[i]) i = (i + 1) & mask;
        slots_[i] = id;
    }
    ranks_.clear();
}

size_t StringPool::memory_bytes() const {
    return chars_.capacity() + folded_chars_.capacity() +
           (offsets_.capacity() + folded_offsets_.capacity() + hashes_.capacity() + slots_.capacity() + ranks_.capacity()) * 4;
}

// ---- FactField names --------------------------------------------------------------------------

static const char* const kFieldNames[] = {"source", "outlet", "date", "article", "kind", "value", "unit",
                                          "bounds", "qualifier", "low", "high", "subject", "period", "hedge",
                                          "direction", "pair", "rate", "sentence", "text", "ambiguous"};
static_assert(sizeof(kFieldNames) / sizeof(kFieldNames[0]) == (size_t)FactField::Count_, "one name per field");

const char* fact_field_name(FactField f) { return (size_t)f < (size_t)FactField::Count_ ? kFieldNames[(size_t)f] : ""; }

bool fact_field_from_name(std::string_view name, FactField* out) {
    for (size_t i = 0; i < (size_t)FactField::Count_; ++i) {
        const char* n = kFieldNames[i];
        if (std::strlen(n) != name.size()) continue;
        bool eq = true;
        for (size_t k = 0; k < name.size() && eq; ++k) eq = (char)std::tolower((unsigned char)name[k]) == n[k];
        if (eq) { *out = (FactField)i; return true; }
    }
    return false;
}

// ---- FactTable ----------------------------------------------------------------------------------

#define FACT_COLUMNS(X) X(source) X(kind) X(ambiguous) X(value) X(low) X(high) X(rate) X(start) X(end) \
    X(period_start) X(period_end) X(pair) X(pair_row) X(unit) X(qualifier) X(hedge) X(direction) X(subject) \
    X(text) X(rate_unit) X(sentence) X(sentence_start)

size_t FactTable::memory_bytes() const {
    size_t b = 0;
#define X(c) b += c.capacity() * sizeof(c[0]);
    FACT_COLUMNS(X)
#undef X
    for (const StringPool* p : {&units, &qualifiers, &hedges, &directions, &subjects, &texts, &rate_units, &sentences})
        b += p->memory_bytes();
    for (const FactSource& s : sources) b += sizeof s + s.id.capacity() + s.outlet.capacity() + s.date.capacity();
    return b;
}

void FactTable::clear() {
    const uint64_t g = generation;
    *this = FactTable{};
    generation = g + 1;  // keeps moving: a view must not take the refilled table for the old one
}

FactTable::Mark FactTable::mark() const {
    Mark m{size(), sources.size(), {}};
    const StringPool* p[8] = {&units, &qualifiers, &hedges, &directions, &subjects, &texts, &rate_units, &sentences};
    for (int i = 0; i < 8; ++i) m.pools[i] = p[i]->count();
    return m;
}

void FactTable::rollback(const Mark& m) {
#define X(c) c.resize(m.rows);
    FACT_COLUMNS(X)
#undef X
    sources.resize(m.sources);
    StringPool* p[8] = {&units, &qualifiers, &hedges, &directions, &subjects, &texts, &rate_units, &sentences};
    for (int i = 0; i < 8; ++i) p[i]->truncate(m.pools[i]);
    ++generation;
}

uint32_t fact_source(FactTable& t, const FactSource& s) {
    // Few sources, many rows per source: the last one is the usual hit.
    if (!t.sources.empty() && t.sources.back().id == s.id) return (uint32_t)t.sources.size() - 1;
    for (size_t i = 0; i < t.sources.size(); ++i)
        if (t.sources[i].id == s.id) return (uint32_t)i;
    t.sources.push_back(s);
    return (uint32_t)t.sources.size() - 1;
}

static uint32_t intern_or_none(StringPool& p, std::string_view s) { return s.empty() ? 0 : p.intern(s); }

static bool is_sentence_end(std::string_view text, size_t i) {
    // text[i] is '.', '!' or '?': a sentence ends there when a space and a capital, digit or quote
    // follow, and it is not an abbreviation such as "U.S." or "Jan." or a decimal point.
    if (i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n') return false;
    if (text[i] != '.') return true;
    size_t w = i;
    while (w > 0 && std::isalpha((unsigned char)text[w - 1])) --w;
    const size_t len = i - w;
    if (len == 1 && std::isupper((unsigned char)text[w])) return false;  // "U.S.", "A."
    if (len >= 1 && len <= 3 && std::isupper((unsigned char)text[w]) && w > 0 && text[w - 1] == '.') return false;
    static const char* const kAbbrev[] = {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                                          "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "St", "No", "vs", "etc", "Inc", "Co", "Corp", "Ltd"};
    for (const char* a : kAbbrev)
        if (std::strlen(a) == len && text.compare(w, len, a) == 0) return false;
    return true;
}

TextRange sentence_around(std::string_view text, uint32_t start, uint32_t end) {
    const size_t kMax = 300;  // each side
    start = std::min<uint32_t>(start, (uint32_t)text.size());
    end = std::min<uint32_t>(std::max(end, start), (uint32_t)text.size());
    size_t b = start;
    const size_t b_limit = start > kMax ? start - kMax : 0;
    while (b > b_limit) {
        char c = text[b - 1];
        if (c == '\n') break;
        if ((c == '.' || c == '!' || c == '?') && b - 1 < start && is_sentence_end(text, b - 1)) break;
        --b;
    }
    while (b < start && (text[b] == ' ' || text[b] == '\t')) ++b;
    size_t e = end;
    const size_t e_limit = std::min(text.size(), (size_t)end + kMax);
    while (e < e_limit) {
        char c = text[e];
        if (c == '\n' || c == '\r') break;
        if ((c == '.' || c == '!' || c == '?') && is_sentence_end(text, e)) { ++e; break; }
        ++e;
    }
    // Never cut inside a UTF-8 sequence.
    while (b > 0 && b < text.size() && ((unsigned char)text[b] & 0xC0) == 0x80) --b;
    while (e < text.size() && ((unsigned char)text[e] & 0xC0) == 0x80) ++e;
    return {(uint32_t)b, (uint32_t)e};
}

void add_fact(FactTable& t, uint32_t src, const FactRecord& r, std::string_view article_text) {
    t.source.push_back(src);
    t.kind.push_back((uint8_t)r.kind);
    t.ambiguous.push_back(r.ambiguous ? 1 : 0);
    t.value.push_back(r.value);
    t.low.push_back(r.low);
    t.high.push_back(r.high);
    t.rate.push_back(r.rate);
    t.start.push_back(r.start);
    t.end.push_back(r.end);
    t.period_start.push_back(r.period_start);
    t.period_end.push_back(r.period_end ? r.period_end : r.period_start);
    t.pair.push_back(r.pair);
    t.pair_row.push_back(-1);
    t.unit.push_back(intern_or_none(t.units, r.unit));
    t.qualifier.push_back(intern_or_none(t.qualifiers, r.qualifier));
    t.hedge.push_back(intern_or_none(t.hedges, r.hedge));
    t.direction.push_back(intern_or_none(t.directions, r.direction));
    t.subject.push_back(intern_or_none(t.subjects, r.subject));
    t.text.push_back(intern_or_none(t.texts, r.text));
    t.rate_unit.push_back(intern_or_none(t.rate_units, r.rate_unit));
    if (!article_text.empty() && r.end > r.start && r.end <= article_text.size()) {
        TextRange s = sentence_around(article_text, r.start, r.end);
        t.sentence.push_back(t.sentences.intern(article_text.substr(s.start, s.end - s.start)));
        t.sentence_start.push_back(s.start);
    } else {
        t.sentence.push_back(0);
        t.sentence_start.push_back(0);
    }
    ++t.generation;
}

void link_pairs(FactTable& t, size_t first_row) {
    // Rows of one source in load order: pair indices count among them.
    std::vector<std::vector<uint32_t>> by_source(t.sources.size());
    for (size_t r = first_row; r < t.size(); ++r) by_source[t.source[r]].push_back((uint32_t)r);
    for (size_t r = first_row; r < t.size(); ++r) {
        const int32_t p = t.pair[r];
        const auto& rows = by_source[t.source[r]];
        t.pair_row[r] = (p >= 0 && (size_t)p < rows.size()) ? (int32_t)rows[(size_t)p] : -1;
    }
}

void add_claims(FactTable& t, uint32_t src, const std::vector<Claim>& claims, std::string_view text) {
    const size_t first = t.size();
    auto slice = [&](uint32_t a, uint32_t b) {
        return b > a && b <= text.size() ? text.substr(a, b - a) : std::string_view();
    };
    std::string rate_unit;
    for (const Claim& c : claims) {
        FactRecord r;
        r.kind = c.kind;
        r.value = c.value;
        r.low = c.low;
        r.high = c.high;
        r.rate = c.rate;
        r.start = c.start;
        r.end = c.end;
        r.period_start = c.period_start;
        r.period_end = c.period_end;
        r.pair = c.pair;
        r.ambiguous = c.ambiguous;
        r.unit = c.unit ? std::string_view(c.unit) : slice(c.noun_start, c.noun_end);
        r.qualifier = c.qualifier ? c.qualifier : "";
        r.hedge = c.hedge ? c.hedge : "";
        r.direction = c.direction ? c.direction : "";
        r.subject = slice(c.subject_start, c.subject_end);
        r.text = slice(c.start, c.end);
        rate_unit.clear();
        if (c.pair_unit && c.unit) rate_unit = std::string(c.unit) + " per " + c.pair_unit;
        r.rate_unit = rate_unit;
        add_fact(t, src, r, text);
    }
    link_pairs(t, first);
}

} // namespace factlens
