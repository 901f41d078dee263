// The words the extractor knows: spelled numbers, scales, currencies, units, months, weekdays,
// qualifiers, directions and hedges. Lookup is case-insensitive on ASCII.
#pragma once
#include <cstdint>
#include <string_view>

namespace factlens {

enum class LexKind : uint8_t {
    None,
    Number,      // one, two, twenty, hundred (value; `scale` marks hundred)
    Scale,       // thousand, million, bn, trln (value = multiplier)
    Fraction,    // half, third, quarter (value = fraction)
    Multiple,    // tenfold, twofold, double (value = factor)
    Currency,    // yuan, dollars, euros, RMB, USD (code)
    Percent,     // percent, pct
    Unit,        // exaflops, GW, km, tonnes, pips (name)
    Month,       // january..december, jan, sept (value = 1..12)
    Weekday,     // monday..sunday (value = 0..6, Monday = 0)
    Qualifier,   // over, about, nearly... (name; bound says which side)
    Direction,   // rose, fell, up, down (name = "up"/"down")
    Hedge,       // expected, forecast, target (name)
    Stop,        // function words that end a noun phrase
    NameTrap,    // words whose following/preceding digits are names (COVID, Boeing, G)
    Ordinal,     // "first", which starts periods ("the first three quarters of 2025")
    Place,       // a country, city or exchange that decides a bare $ or ¥ (value = cue code, see extract)
};

enum class Bound : uint8_t { Exact, Low, High, Approx };

struct LexEntry {
    LexKind kind = LexKind::None;
    double value = 0;
    const char* name = nullptr;  // canonical form (currency code, unit, qualifier word)
    Bound bound = Bound::Exact;  // for qualifiers
    bool scale = false;          // Number: multiplies what precedes (hundred)
};

// Looks a word up (ASCII letters only; at most 24 bytes). Unknown words give LexKind::None.
const LexEntry& lookup_word(std::string_view word);

// The same for a word already lower-cased, with its FNV-1a hash (the tokenizer computes both while
// it scans, so each word is read once).
constexpr uint32_t kLexHashSeed = 2166136261u;
constexpr size_t kLexMaxWord = 13;  // no lexicon word is longer ("approximately"); longer words skip the lookup
inline uint32_t lex_hash_step(uint32_t h, char lower) { return (h ^ (uint8_t)lower) * 16777619u; }
const LexEntry& lookup_lower(const char* lower, size_t n, uint32_t hash);

} // namespace factlens
