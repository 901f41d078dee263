// The word diff's tokeniser and id tables (see word_diff_internal.h).
//
// [SECTION] Character classes
// [SECTION] Tokeniser: tokenize_for_diff()
// [SECTION] Id tables: TokenIds, SequenceIds
// [SECTION] Sentences and counts: index_diff_text()
#include <algorithm>
#include <cstring>

#include "utf8.h"
#include "word_diff_internal.h"

namespace factlens {
namespace detail {

//-------------------------------------------------------------------------------------------------
// [SECTION] Character classes
//-------------------------------------------------------------------------------------------------

enum class CharClass : uint8_t {
    Letter, Digit, Ideograph, Symbol, Punct, EndPunct, Closer,
    Space, Newline, CarriageReturn, LineSep, ParaSep,
    Extender,  // combining mark, variation selector, skin tone, tag, ZWNJ: stays with what precedes
    Joiner,    // ZWJ: joins the next code point to what precedes
    Regional,  // regional indicator: two make a flag
};

static constexpr CharClass ascii_class_of(unsigned char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::Letter;
    if (c >= '0' && c <= '9') return CharClass::Digit;
    switch (c) {
        case ' ': case '\t': case '\v': case '\f': return CharClass::Space;
        case '\n': return CharClass::Newline;
        case '\r': return CharClass::CarriageReturn;
        case '.': case '!': case '?': return CharClass::EndPunct;
        case '"': case '\'': case ')': case ']': case '}': return CharClass::Closer;
        default: return CharClass::Punct;  // the rest of ASCII punctuation and control characters
    }
}

// The class of every ASCII byte, computed at compile time (a constant, not state).
struct AsciiClasses {
    CharClass cls[128];
    constexpr AsciiClasses() : cls() {
        for (int c = 0; c < 128; ++c) cls[c] = ascii_class_of((unsigned char)c);
    }
};
static constexpr AsciiClasses kAscii{};

static CharClass ascii_class(unsigned char c) { return kAscii.cls[c]; }

static bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

// Classes of code points past ASCII: a simple table of ranges, enough to split text the way a
// reader sees it. Everything not listed is a letter (so unknown scripts make words).
static CharClass wide_class(char32_t c) {
    if (c < 0x2000) {
        if (c == 0x85) return CharClass::LineSep;
        if (c < 0xA0) return CharClass::Punct;  // C1 controls
        if (c == 0xA0 || c == 0x1680) return CharClass::Space;
        if (c == 0xBB) return CharClass::Closer;
        if (in(c, 0xA1, 0xBF)) return (c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA)
                                   ? CharClass::Letter : CharClass::Punct;
        if (c == 0xD7 || c == 0xF7) return CharClass::Punct;
        if (in(c, 0x300, 0x36F) || in(c, 0x1AB0, 0x1AFF) || in(c, 0x1DC0, 0x1DFF)) return CharClass::Extender;
        if (c == 0x37E || c == 0x61F || c == 0x6D4 || c == 0x964 || c == 0x965) return CharClass::EndPunct;
        return CharClass::Letter;
    }
    if (c < 0x3000) {
        if (in(c, 0x2000, 0x200B) || c == 0x202F || c == 0x205F) return CharClass::Space;
        if (c == 0x200C || c == 0x200E || c == 0x200F || in(c, 0x2060, 0x2064)) return CharClass::Extender;
        if (c == 0x200D) return CharClass::Joiner;
        if (c == 0x2028) return CharClass::LineSep;
        if (c == 0x2029) return CharClass::ParaSep;
        if (c == 0x2019 || c == 0x201D || c == 0x203A) return CharClass::Closer;
        if (c == 0x2026 || c == 0x203C || c == 0x203D || in(c, 0x2047, 0x2049)) return CharClass::EndPunct;
        if (in(c, 0x2010, 0x205E) || in(c, 0x20A0, 0x20CF)) return CharClass::Punct;
        if (in(c, 0x20D0, 0x20FF)) return CharClass::Extender;
        if (in(c, 0x2100, 0x218F) || in(c, 0x2190, 0x25FF) || in(c, 0x2B00, 0x2BFF)) return CharClass::Punct;
        if (in(c, 0x2600, 0x27BF)) return CharClass::Symbol;  // miscellaneous symbols, dingbats
        if (in(c, 0x27C0, 0x2AFF) || in(c, 0x2E00, 0x2E7F)) return CharClass::Punct;
        if (in(c, 0x2E80, 0x2FDF)) return CharClass::Ideograph;  // radicals
        return CharClass::Letter;
    }
    if (c < 0x10000) {
        if (c == 0x3000) return CharClass::Space;
        if (c == 0x3002) return CharClass::EndPunct;
        if (c == 0x3009 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011) return CharClass::Closer;
        if (in(c, 0x3005, 0x3007) || in(c, 0x3021, 0x3029) || in(c, 0x3038, 0x303B)) return CharClass::Ideograph;
        if (in(c, 0x3001, 0x303F)) return CharClass::Punct;
        if (c == 0x30FB) return CharClass::Punct;
        if (in(c, 0x3040, 0x30FF) || in(c, 0x3100, 0x312F) || in(c, 0x3190, 0x31FF)) return CharClass::Ideograph;
        if (in(c, 0x3200, 0x33FF)) return CharClass::Symbol;  // enclosed CJK, squared words
        if (in(c, 0x3400, 0x4DBF) || in(c, 0x4E00, 0x9FFF) || in(c, 0xF900, 0xFAFF)) return CharClass::Ideograph;
        if (in(c, 0xFE00, 0xFE0F) || in(c, 0xFE20, 0xFE2F)) return CharClass::Extender;
        if (in(c, 0xFE10, 0xFE1F) || in(c, 0xFE30, 0xFE6F)) return CharClass::Punct;
        if (c == 0xFEFF) return CharClass::Space;  // byte order mark / zero-width no-break space
        if (c == 0xFF01 || c == 0xFF0E || c == 0xFF1F) return CharClass::EndPunct;
        if (c == 0xFF09 || c == 0xFF3D || c == 0xFF63) return CharClass::Closer;
        if (in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) || in(c, 0xFF3B, 0xFF40) || in(c, 0xFF5B, 0xFF65))
            return CharClass::Punct;
        if (in(c, 0xFF66, 0xFF9F)) return CharClass::Ideograph;  // halfwidth katakana
        if (in(c, 0xFFF9, 0xFFFD)) return CharClass::Symbol;
        return CharClass::Letter;
    }
    if (in(c, 0x1F1E6, 0x1F1FF)) return CharClass::Regional;
    if (in(c, 0x1F3FB, 0x1F3FF)) return CharClass::Extender;  // skin tones
    if (in(c, 0x1F000, 0x1FAFF)) return CharClass::Symbol;
    if (in(c, 0x20000, 0x3FFFF)) return CharClass::Ideograph;
    if (in(c, 0xE0000, 0xE0FFF)) return CharClass::Extender;  // tags, variation selectors supplement
    return CharClass::Letter;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Tokeniser
//-------------------------------------------------------------------------------------------------

namespace {

// Reads the code point at a position with its class; invalid bytes are one byte each.
struct Reader {
    std::string_view s;

    struct Char { CharClass cls; uint32_t len; bool valid; };
    Char at(size_t i) const {
        const unsigned char c = (unsigned char)s[i];
        if (c < 0x80) return {ascii_class(c), 1, true};
        DecodedChar d = utf8_decode(s, i);
        if (!d.valid) return {CharClass::Punct, 1, false};
        return {wide_class(d.cp), (uint32_t)d.len, true};
    }
};

bool word_char(CharClass c) { return c == CharClass::Letter || c == CharClass::Digit; }
bool space_char(CharClass c) {
    return c == CharClass::Space || c == CharClass::Newline || c == CharClass::CarriageReturn ||
           c == CharClass::LineSep || c == CharClass::ParaSep;
}

}  // namespace

// Past the end of one code point at i: absorbs extenders and ZWJ + next code point.
static size_t absorb_extenders(const Reader& r, size_t i) {
    const size_t n = r.s.size();
    while (i < n) {
        Reader::Char c = r.at(i);
        if (!c.valid) break;
        if (c.cls == CharClass::Extender) { i += c.len; continue; }
        if (c.cls != CharClass::Joiner) break;
        i += c.len;
        if (i < n) {
            Reader::Char next = r.at(i);
            if (next.valid && !space_char(next.cls)) i += next.len;
        }
    }
    return i;
}

void tokenize_for_diff(std::string_view text, DiffText* out) {
    out->text = text;
    out->start.clear();
    out->kind.clear();
    out->start.reserve(text.size() / 3 + 16);
    out->kind.reserve(text.size() / 3 + 16);
    const Reader r{text};
    const size_t n = text.size();
    size_t i = 0;
    while (i < n) {
        const size_t begin = i;
        // Fast path: the commonest token, one space before an ASCII character that is not a
        // space (nothing can attach to it then).
        if (text[i] == ' ' && (i + 1 == n || ((unsigned char)text[i + 1] < 0x80 &&
                                              !space_char(kAscii.cls[(unsigned char)text[i + 1]])))) {
            out->start.push_back((uint32_t)begin);
            out->kind.push_back(DiffTok::Space);
            ++i;
            continue;
        }
        const Reader::Char c = r.at(i);
        DiffTok kind;
        if (!c.valid) {
            out->start.push_back((uint32_t)begin);
            out->kind.push_back(DiffTok::Invalid);
            i += 1;
            continue;
        }
        switch (c.cls) {
            case CharClass::Letter: {
                kind = DiffTok::Word;
                i += c.len;
                while (i < n) {
                    // Fast path: a run of ASCII letters and digits.
                    while (i < n && (unsigned char)text[i] < 0x80 &&
                           (kAscii.cls[(unsigned char)text[i]] == CharClass::Letter ||
                            kAscii.cls[(unsigned char)text[i]] == CharClass::Digit))
                        ++i;
                    if (i >= n) break;
                    const Reader::Char d = r.at(i);
                    if (!d.valid) break;
                    if (word_char(d.cls)) { i += d.len; continue; }
                    if (d.cls == CharClass::Extender || d.cls == CharClass::Joiner) { i = absorb_extenders(r, i); continue; }
                    // An inner apostrophe: "China's", "don’t".
                    const bool apostrophe = text[i] == '\'' || (d.len == 3 && text.compare(i, 3, "\xE2\x80\x99") == 0);
                    if (apostrophe && i + d.len < n) {
                        const Reader::Char e = r.at(i + d.len);
                        if (e.valid && e.cls == CharClass::Letter) { i += d.len + e.len; continue; }
                    }
                    break;
                }
                break;
            }
            case CharClass::Digit: {
                kind = DiffTok::Number;
                auto digit = [&](size_t k) { return k < n && text[k] >= '0' && text[k] <= '9'; };
                while (digit(i)) ++i;
                while (i + 1 < n && (text[i] == '.' || text[i] == ',') && digit(i + 1)) {
                    ++i;
                    while (digit(i)) ++i;
                }
                if (i < n && text[i] == '%') ++i;
                break;
            }
            case CharClass::Space: case CharClass::Newline: case CharClass::CarriageReturn:
            case CharClass::LineSep: case CharClass::ParaSep: {
                int breaks = 0;
                while (i < n) {
                    const Reader::Char d = r.at(i);
                    if (!d.valid || !space_char(d.cls)) break;
                    if (d.cls == CharClass::Newline || d.cls == CharClass::LineSep) breaks += 1;
                    else if (d.cls == CharClass::ParaSep) breaks += 2;
                    else if (d.cls == CharClass::CarriageReturn && !(i + 1 < n && text[i + 1] == '\n')) breaks += 1;
                    i += d.len;
                }
                kind = breaks >= 2 ? DiffTok::ParaBreak : breaks == 1 ? DiffTok::LineBreak : DiffTok::Space;
                break;
            }
            case CharClass::Ideograph: kind = DiffTok::Ideograph; i += c.len; break;
            case CharClass::EndPunct: kind = DiffTok::EndPunct; i += c.len; break;
            case CharClass::Closer: kind = DiffTok::Closer; i += c.len; break;
            case CharClass::Regional: {  // a flag is two regional indicators
                kind = DiffTok::Symbol;
                i += c.len;
                if (i < n) {
                    const Reader::Char d = r.at(i);
                    if (d.valid && d.cls == CharClass::Regional) i += d.len;
                }
                break;
            }
            case CharClass::Symbol: kind = DiffTok::Symbol; i += c.len; break;
            default: kind = DiffTok::Punct; i += c.len; break;  // Punct, and a mark with nothing before it
        }
        // Marks, variation selectors, skin tones and ZWJ sequences stay with what they follow
        // (a keycap "1️⃣" stays one number, a space followed by a stray accent stays one token).
        i = absorb_extenders(r, i);
        out->start.push_back((uint32_t)begin);
        out->kind.push_back(kind);
    }
    out->start.push_back((uint32_t)n);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Id tables
//-------------------------------------------------------------------------------------------------

static uint32_t hash_bytes(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h ^ (h >> 15);
}

TokenIds::TokenIds() : slots_(1024, 0), single_() {}

void TokenIds::grow() {
    std::vector<uint32_t> slots(slots_.size() * 2, 0);
    const uint32_t mask = (uint32_t)slots.size() - 1;
    for (uint32_t id = 0; id < strs_.size(); ++id) {
        uint32_t k = hashes_[id] & mask;
        while (slots[k]) k = (k + 1) & mask;
        slots[k] = id + 1;
    }
    slots_.swap(slots);
}

uint32_t TokenIds::intern_long(std::string_view s) {
    const uint32_t h = hash_bytes(s);
    const uint32_t mask = (uint32_t)slots_.size() - 1;
    uint32_t k = h & mask;
    while (uint32_t slot = slots_[k]) {
        const uint32_t id = slot - 1;
        if (hashes_[id] == h && strs_[id] == s) return id;
        k = (k + 1) & mask;
    }
    const uint32_t id = (uint32_t)strs_.size();
    strs_.push_back(s);
    hashes_.push_back(h);
    slots_[k] = id + 1;
    if (strs_.size() * 2 > slots_.size()) grow();
    return id;
}

static uint32_t hash_ids(const uint32_t* p, uint32_t len) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    for (uint32_t i = 0; i < len; ++i) h = (h ^ p[i]) * 0xFF51AFD7ED558CCDull;
    return (uint32_t)(h ^ (h >> 32));
}

SequenceIds::SequenceIds() : slots_(1024, 0) {}

void SequenceIds::clear() {
    for (uint32_t k : used_) slots_[k] = 0;
    used_.clear();
    seqs_.clear();
}

void SequenceIds::grow() {
    std::vector<uint32_t> slots(slots_.size() * 2, 0);
    const uint32_t mask = (uint32_t)slots.size() - 1;
    used_.clear();
    for (uint32_t id = 0; id < seqs_.size(); ++id) {
        uint32_t k = seqs_[id].hash & mask;
        while (slots[k]) k = (k + 1) & mask;
        slots[k] = id + 1;
        used_.push_back(k);
    }
    slots_.swap(slots);
}

uint32_t SequenceIds::intern(const uint32_t* seq, uint32_t len) {
    const uint32_t h = hash_ids(seq, len);
    const uint32_t mask = (uint32_t)slots_.size() - 1;
    uint32_t k = h & mask;
    while (uint32_t slot = slots_[k]) {
        const Seq& s = seqs_[slot - 1];
        if (s.hash == h && s.len == len && std::memcmp(s.p, seq, len * sizeof(uint32_t)) == 0) return slot - 1;
        k = (k + 1) & mask;
    }
    const uint32_t id = (uint32_t)seqs_.size();
    seqs_.push_back({seq, len, h});
    slots_[k] = id + 1;
    used_.push_back(k);
    if (seqs_.size() * 2 > slots_.size()) grow();
    return id;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sentences and counts
//-------------------------------------------------------------------------------------------------

bool DiffText::same_tokens(uint32_t t0, uint32_t t1, const DiffText& o, uint32_t u0, uint32_t u1) const {
    if (t1 - t0 != u1 - u0) return false;
    for (uint32_t i = 0; i < t1 - t0; ++i)
        if (id[t0 + i] != o.id[u0 + i]) return false;
    return true;
}

uint32_t DiffText::first_unit_at(uint32_t tok) const {
    auto it = std::lower_bound(units.begin(), units.end(), tok, [](const DiffUnit& u, uint32_t t) { return u.t0 < t; });
    return (uint32_t)(it - units.begin());
}

void index_diff_text(DiffText* t, TokenIds& tokens, SequenceIds& sentences) {
    const uint32_t n = t->n();
    t->id.resize(n);
    for (uint32_t i = 0; i < n; ++i) t->id[i] = tokens.intern(t->text.substr(t->start[i], t->start[i + 1] - t->start[i]));

    // Boundaries: around every line break (a paragraph's around a blank line), around the space
    // after a sentence's end mark (closing quotes and brackets may come between), and between a
    // CJK end mark and the next character.
    t->brk.assign(n + 1, 0);
    auto mark = [&](uint32_t i, uint8_t level) { t->brk[i] = std::max(t->brk[i], level); };
    mark(0, 2);
    mark(n, 2);
    for (uint32_t i = 0; i < n; ++i) {
        const DiffTok k = t->kind[i];
        if (k == DiffTok::ParaBreak || k == DiffTok::LineBreak) {
            const uint8_t level = k == DiffTok::ParaBreak ? 2 : 1;
            mark(i, level);
            mark(i + 1, level);
            continue;
        }
        if (k != DiffTok::Space && k != DiffTok::Ideograph) continue;
        uint32_t j = i;
        int closers = 0;
        while (j > 0 && t->kind[j - 1] == DiffTok::Closer && closers < 3) { --j; ++closers; }
        if (j == 0 || t->kind[j - 1] != DiffTok::EndPunct) continue;
        if (k == DiffTok::Space) { mark(i, 1); mark(i + 1, 1); }
        else mark(i, 1);  // 。 then the next sentence, no space between
    }

    t->words_before.resize(n + 1);
    t->solid_before.resize(n + 1);
    uint32_t w = 0, s = 0;
    for (uint32_t i = 0; i < n; ++i) {
        t->words_before[i] = w;
        t->solid_before[i] = s;
        w += is_word(t->kind[i]);
        s += !is_space(t->kind[i]);
    }
    t->words_before[n] = w;
    t->solid_before[n] = s;

    // Sentences: runs between boundaries, without whitespace at either end.
    t->units.clear();
    t->unit_ids.clear();
    uint32_t i = 0;
    while (i < n) {
        uint32_t j = i + 1;
        while (j < n && !t->brk[j]) ++j;
        uint32_t a = i, b = j;
        while (a < b && is_space(t->kind[a])) ++a;
        while (b > a && is_space(t->kind[b - 1])) --b;
        if (a < b) {
            DiffUnit u;
            u.t0 = a;
            u.t1 = b;
            u.id = sentences.intern(t->id.data() + a, b - a);
            t->units.push_back(u);
            t->unit_ids.push_back(u.id);
        }
        i = j;
    }
}

}  // namespace detail
}  // namespace factlens
