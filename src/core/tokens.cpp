#include "tokens.h"

#include "utf8.h"

namespace factlens {

// Byte classes, by table: one load per byte in the tokenizer's inner loops.
enum : uint8_t { kOther = 0, kAlpha = 1, kDigit = 2, kSpace = 3 };
struct ByteClasses {
    uint8_t c[256] = {};
    constexpr ByteClasses() {
        for (int i = 'a'; i <= 'z'; ++i) c[i] = kAlpha;
        for (int i = 'A'; i <= 'Z'; ++i) c[i] = kAlpha;
        for (int i = '0'; i <= '9'; ++i) c[i] = kDigit;
        c[(int)' '] = c[(int)'\t'] = c[(int)'\r'] = c[(int)'\f'] = c[(int)'\v'] = kSpace;
    }
};
static constexpr ByteClasses kClass{};
static inline bool is_digit(unsigned char c) { return kClass.c[c] == kDigit; }
static inline bool is_alpha(unsigned char c) { return kClass.c[c] == kAlpha; }

// Non-ASCII code points that separate tokens as spaces do.
static bool is_space_cp(char32_t cp) {
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
           cp == 0xFEFF;
}
// Non-ASCII code points that are symbols (punctuation, currency signs), not letters.
static bool is_symbol_cp(char32_t cp) {
    return (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) || cp == 0xA3 || cp == 0xA5 ||
           cp == 0xA2 || cp == 0xA7 || cp == 0xB0 || cp == 0xB7 || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2190 && cp <= 0x22FF) || (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           cp == 0xFFE5 || cp == 0xFFFD || cp == 0x5143 /* 元 */ || (cp >= 0x25A0 && cp <= 0x25FF);
}
static char32_t fold_symbol(char32_t cp) {
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2212) return '-';  // hyphens, minus
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x2032) return '\'';
    if (cp == 0x201C || cp == 0x201D) return '"';
    if (cp == 0xFFE5) return 0xA5;  // fullwidth yen
    return cp;
}

void tokenize(std::string_view s, size_t i, size_t end, std::vector<Token>& out) {
    bool space = true;
    while (i < end) {
        const unsigned char c = (unsigned char)s[i];
        if (kClass.c[c] == kSpace) { space = true; ++i; continue; }
        if (c == '\n') {
            if (out.empty() || out.back().type != TokType::Newline) {
                Token t;
                t.start = (uint32_t)i;
                t.end = (uint32_t)i + 1;
                t.type = TokType::Newline;
                t.space_before = true;
                out.push_back(t);
            }
            space = true;
            ++i;
            continue;
        }
        Token t;
        t.start = (uint32_t)i;
        t.space_before = space;
        space = false;
        if (is_digit(c)) {
            size_t j = i + 1;
            while (j < end) {
                const unsigned char d = (unsigned char)s[j];
                if (is_digit(d)) { ++j; continue; }
                if ((d == ',' || d == '.') && j + 1 < end && is_digit((unsigned char)s[j + 1])) { j += 2; continue; }
                break;
            }
            t.type = TokType::Number;
            t.end = (uint32_t)j;
            out.push_back(t);
            i = j;
            continue;
        }
        if (c < 0x80 && !is_alpha(c)) {
            t.type = TokType::Symbol;
            t.sym = c;
            t.end = (uint32_t)i + 1;
            out.push_back(t);
            ++i;
            continue;
        }
        if (c >= 0x80) {
            DecodedChar d = utf8_decode(s, i);
            if (!d.valid) { space = true; i += d.len; continue; }  // invalid bytes: skipped, act as a gap
            if (is_space_cp(d.cp)) { space = true; i += d.len; continue; }
            if (is_symbol_cp(d.cp)) {
                t.type = TokType::Symbol;
                t.sym = fold_symbol(d.cp);
                t.end = (uint32_t)(i + d.len);
                out.push_back(t);
                i += d.len;
                continue;
            }
        }
        // A word: letters (ASCII or other scripts), with apostrophes inside ("China's", "China’s").
        // ASCII words are lower-cased and hashed on the way, for the lexicon.
        size_t j = i;
        bool ascii = true;
        while (j < end && is_alpha((unsigned char)s[j])) ++j;  // the common case: plain ASCII letters
        while (j < end) {
            const unsigned char d = (unsigned char)s[j];
            if (is_alpha(d)) { ++j; continue; }
            if (d == '\'' && j + 1 < end && is_alpha((unsigned char)s[j + 1]) && j > i) { j += 1; ascii = false; continue; }
            if (d >= 0x80) {
                DecodedChar dc = utf8_decode(s, j);
                if (!dc.valid || is_space_cp(dc.cp)) break;
                if (dc.cp == 0x2019 && j > i && j + 3 < end && is_alpha((unsigned char)s[j + 3])) { j += 3; ascii = false; continue; }
                if (is_symbol_cp(dc.cp)) break;
                j += dc.len;
                ascii = false;
                continue;
            }
            break;
        }
        t.type = TokType::Word;
        t.end = (uint32_t)j;
        static const LexEntry none{};
        if (ascii && j - i <= kLexMaxWord) {
            char lower[kLexMaxWord];
            uint32_t hash = kLexHashSeed;
            for (size_t k = 0; k < j - i; ++k) {
                lower[k] = (char)(s[i + k] | 0x20);
                hash = lex_hash_step(hash, lower[k]);
            }
            t.lex = &lookup_lower(lower, j - i, hash);
        } else {
            t.lex = &none;
        }
        out.push_back(t);
        i = j;
    }
}

} // namespace factlens
