// Internals of the extractor shared by its files: a view of one block's tokens, number phrases,
// currency markers, date patterns. Not part of the engine's API (see claim.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claim.h"
#include "lexicon.h"
#include "tokens.h"

namespace factlens {
namespace detail {

constexpr double kMaxValue = 1e300;  // beyond this a value is absurd; the phrase is skipped

struct Block {
    std::string_view text;
    const Token* t;     // the block's tokens
    size_t count;       // how many
    const ExtractOptions& opt;
    int context_year;  // last explicit year seen, for "the year"

    size_t n() const { return count; }
    std::string_view str(size_t i) const { return text.substr(t[i].start, t[i].end - t[i].start); }
    bool word(size_t i) const { return i < n() && t[i].type == TokType::Word; }
    bool num(size_t i) const { return i < n() && t[i].type == TokType::Number; }
    bool sym(size_t i, char32_t c) const { return i < n() && t[i].type == TokType::Symbol && t[i].sym == c; }
    LexKind lk(size_t i) const { return word(i) ? t[i].lex->kind : LexKind::None; }
    // A word that can be part of a noun phrase: not a number, qualifier, verb or function word.
    bool content(size_t i) const {
        const LexKind k = lk(i);
        return word(i) && (k == LexKind::None || k == LexKind::Unit || k == LexKind::Place);
    }
    bool is(size_t i, const char* w) const {
        if (!word(i)) return false;
        std::string_view s = str(i);
        size_t len = std::strlen(w);
        if (s.size() != len) return false;
        for (size_t k = 0; k < len; ++k)
            if ((s[k] | 0x20) != w[k]) return false;
        return true;
    }
    bool attached(size_t i) const { return i < n() && !t[i].space_before; }  // no space before token i
    bool sentence_end(size_t i) const {
        if (i >= n()) return true;
        if (t[i].type == TokType::Newline) return true;
        if (t[i].type != TokType::Symbol) return false;
        char32_t c = t[i].sym;
        if (c == '!' || c == '?' || c == ';') return i + 1 >= n() || t[i + 1].space_before;
        if (c != '.' || (i + 1 < n() && !t[i + 1].space_before)) return false;
        // "U.S. dollars", "Jan. 27", "Mr. Li": a period after a one-letter word or an abbreviation,
        // or followed by a lower-case word, does not end the sentence.
        if (i > 0 && t[i - 1].type == TokType::Word) {
            std::string_view w = str(i - 1);
            if (w.size() == 1 || lk(i - 1) == LexKind::Month || w == "Mr" || w == "Ms" || w == "Dr" || w == "No" ||
                w == "Co" || w == "Inc" || w == "Ltd" || w == "St" || w == "vs" || w == "approx" || w == "Rs")
                return false;
        }
        if (i + 1 < n() && t[i + 1].type == TokType::Word) {
            unsigned char f = (unsigned char)text[t[i + 1].start];
            if (f >= 'a' && f <= 'z') return false;
        }
        return true;
    }
};

// A parsed number: tokens [first, last], value.
struct NumPhrase {
    size_t first = 0, last = 0;
    double value = 0;
    bool digits = false;       // written with digits
    bool integer = true;       // no decimal point
    bool has_scale = false;
    int scale_exp = 0;         // with has_scale: the power of ten the scale word stands for
    bool commas = false;
    int digit_count = 0;       // digits of the first numeric token
};

// Numbers (number_phrase.cpp).
double decimal_value(std::string_view s, int exp10);
double parse_digits(std::string_view s, bool* integer, bool* commas, int* ndigits);
bool parse_spelled(const Block& b, size_t i, NumPhrase* p);
void apply_scale(const Block& b, NumPhrase* p);
bool is_year(const NumPhrase& p);
// Qualifiers and bounds (number_phrase.cpp).
void set_bounds(Claim& c, Bound bound);
size_t find_qualifier(const Block& b, size_t i, Claim& c);

struct Money {
    const char* code = nullptr;
    bool ambiguous = false;
    size_t first = 0, last = 0;  // tokens of the currency marker
};

// Currencies (money_phrase.cpp).
bool currency_before(const Block& b, size_t i, Money* m);
bool currency_after(const Block& b, size_t i, Money* m);

// Currency cues: a country, a city, an exchange or a currency's name, which decide a bare "$" or
// "¥". Found once per block; each ambiguous claim then looks at the cues near it.
enum Cue : uint8_t { kCueNone, kCueCNY, kCueJPY, kCueUSD, kCueHKD, kCueAUD, kCueCAD, kCueSGD, kCueTWD };
inline const char* const kCueCodes[] = {nullptr, "CNY", "JPY", "USD", "HKD", "AUD", "CAD", "SGD", "TWD"};
Cue cue_at(const Block& b, size_t k);
const char* decide_currency(const std::vector<std::pair<size_t, Cue>>& cues, size_t first, size_t last, bool yen_sign);

// Dates and periods (date_phrase.cpp): the last token of a date or period starting at token i, or
// SIZE_MAX; fills c and updates context_year.
size_t try_date(const Block& b, size_t i, int& context_year, Claim& c);

} // namespace detail
} // namespace factlens
