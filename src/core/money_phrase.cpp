// Currency markers around a number, and the cues that decide a bare $ or ¥.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "dates.h"
#include "extract_internal.h"
#include "utf8.h"

namespace factlens {
namespace detail {

// Currency written before the number: $, US$, HK$, €, £, ¥, RMB, USD...
bool currency_before(const Block& b, size_t i, Money* m) {
    if (i == 0) return false;
    size_t j = i - 1;
    // "Rs. 500": the abbreviation's period stands between.
    if (b.sym(j, '.') && j > 0 && b.attached(j) && b.word(j - 1) && (b.str(j - 1) == "Rs" || b.str(j - 1) == "RS")) --j;
    if (b.t[j].type == TokType::Symbol) {
        char32_t c = b.t[j].sym;
        const char* code = nullptr;
        bool amb = false;
        if (c == '$') {
            code = "USD";
            amb = true;
            if (j > 0 && b.word(j - 1) && b.attached(j)) {
                std::string_view w = b.str(j - 1);
                if (w == "US" || w == "U.S") { code = "USD"; amb = false; --j; }
                else if (w == "HK") { code = "HKD"; amb = false; --j; }
                else if (w == "A" || w == "AU") { code = "AUD"; amb = false; --j; }
                else if (w == "C" || w == "CA") { code = "CAD"; amb = false; --j; }
                else if (w == "S") { code = "SGD"; amb = false; --j; }
                else if (w == "NT") { code = "TWD"; amb = false; --j; }
                else if (w == "NZ") { code = "NZD"; amb = false; --j; }
                else if (w == "R") { code = "BRL"; amb = false; --j; }
            } else if (j > 1 && b.sym(j - 1, '.') && b.word(j - 2) && b.str(j - 2) == "S" && b.attached(j)) {
                // "U.S.$" tokenizes as U . S . $
                code = "USD"; amb = false; j -= 2;
                if (j > 1 && b.sym(j - 1, '.') && b.str(j - 2) == "U") j -= 2;
            }
        } else if (c == 0x20AC) code = "EUR";
        else if (c == 0xA3) code = "GBP";
        else if (c == 0xA5) { code = "CNY"; amb = true; }
        else if (c == 0x20B9) code = "INR";
        else if (c == 0x20A9) code = "KRW";
        else if (c == 0x20BD) code = "RUB";
        else if (c == 0x20BA) code = "TRY";
        else if (c == 0x20A6) code = "NGN";
        else if (c == 0x20AB) code = "VND";
        if (!code) return false;
        m->code = code;
        m->ambiguous = amb;
        m->first = j;
        m->last = i - 1;
        return true;
    }
    if (b.lk(j) == LexKind::Currency) {
        std::string_view w = b.str(j);
        bool upper = w.size() == 3 && w[0] >= 'A' && w[0] <= 'Z' && w[2] >= 'A' && w[2] <= 'Z';
        // "Rs" is the rupee of India, but also of Pakistan, Sri Lanka and Nepal: INR, ambiguous.
        const bool rupees = w == "Rs" || w == "RS";
        if (upper || w == "RMB" || rupees) {
            m->code = b.t[j].lex->name;
            m->ambiguous = rupees;
            m->first = j;
            m->last = i - 1;
            return true;
        }
    }
    return false;
}

// Currency written after the number: "yuan", "U.S. dollars", "US dollars", "HK dollars", 元.
bool currency_after(const Block& b, size_t i, Money* m) {
    size_t j = i;
    if (b.sym(j, '-') && b.attached(j)) ++j;  // "1‑trillion‑yuan"
    if (j < b.n() && b.t[j].type == TokType::Symbol && b.t[j].sym == 0x5143) {  // 元
        m->code = "CNY"; m->first = m->last = j; return true;
    }
    const char* prefix_code = nullptr;
    size_t start = j;
    // "U.S." / "US" / "HK" / "Hong Kong" / "Australian" ... before "dollars"
    if (b.word(j) && (b.str(j) == "U" && b.sym(j + 1, '.') && b.word(j + 2) && b.str(j + 2) == "S")) {
        prefix_code = "USD"; j += 3; if (b.sym(j, '.')) ++j;
    } else if (b.word(j) && (b.str(j) == "US")) { prefix_code = "USD"; ++j; }
    else if (b.word(j) && (b.str(j) == "HK")) { prefix_code = "HKD"; ++j; }
    else if (b.is(j, "hong") && b.is(j + 1, "kong")) { prefix_code = "HKD"; j += 2; }
    else if (b.is(j, "australian")) { prefix_code = "AUD"; ++j; }
    else if (b.is(j, "canadian")) { prefix_code = "CAD"; ++j; }
    else if (b.is(j, "singapore")) { prefix_code = "SGD"; ++j; }
    else if (b.is(j, "taiwan") || (b.is(j, "new") && b.is(j + 1, "taiwan"))) { prefix_code = "TWD"; j += b.is(j, "new") ? 2 : 1; }
    else if (b.is(j, "swiss")) { prefix_code = "CHF"; ++j; }
    else if (b.is(j, "chinese")) { ++j; }
    if (b.lk(j) != LexKind::Currency) return false;
    std::string_view w = b.str(j);
    if (w == "real" || w == "try" || w == "won" || w == "rand" || w == "dong") {
        // Common English words: only with a digit right before and nothing odd after.
        if (j != i) return false;
        if (w == "try" || w == "real") return false;
    }
    const char* code = b.t[j].lex->name;
    if (prefix_code && (std::strcmp(code, "USD") == 0 || std::strcmp(code, "CHF") == 0)) code = prefix_code;
    else if (prefix_code) return false;
    m->code = code;
    m->first = start;
    m->last = j;
    return true;
}

Cue cue_at(const Block& b, size_t k) {
    if (!b.word(k)) return kCueNone;
    const LexEntry& e = *b.t[k].lex;
    if (e.kind == LexKind::Currency) {
        if (!std::strcmp(e.name, "CNY")) return kCueCNY;
        if (!std::strcmp(e.name, "JPY")) return kCueJPY;
        return kCueNone;
    }
    const unsigned char first_ch = (unsigned char)b.text[b.t[k].start];
    if (!(first_ch >= 'A' && first_ch <= 'Z')) return kCueNone;  // names are capitalised
    if (e.kind == LexKind::Place) {
        if (e.value == kCueHKD && !(b.word(k + 1) && b.str(k + 1).substr(0, 4) == "Kong")) return kCueNone;
        return (Cue)(int)e.value;
    }
    std::string_view w = b.str(k);
    if (w == "US") return kCueUSD;
    // "Japan's", "Kong’s": a possessive is not in the lexicon; look the name up without it.
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
    else if (w.size() > 4 && w.substr(w.size() - 4) == "\xE2\x80\x99s") w.remove_suffix(4);
    else return kCueNone;
    const LexEntry& base = lookup_word(w);
    if (base.kind != LexKind::Place) return kCueNone;
    return (Cue)(int)base.value;
}

// The currency the cues at positions [first, last] decide for a "¥" (China or Japan) or a "$"
// (the US or another dollar); nullptr when they decide nothing or disagree.
const char* decide_currency(const std::vector<std::pair<size_t, Cue>>& cues, size_t first, size_t last, bool yen_sign) {
    bool cny = false, jpy = false, usd = false;
    Cue other = kCueNone;
    auto it = std::lower_bound(cues.begin(), cues.end(), std::make_pair(first, kCueNone));
    for (; it != cues.end() && it->first <= last; ++it) {
        switch (it->second) {
            case kCueCNY: cny = true; break;
            case kCueJPY: jpy = true; break;
            case kCueUSD: usd = true; break;
            case kCueNone: break;
            default: other = it->second; break;
        }
    }
    if (yen_sign) return cny != jpy ? (cny ? "CNY" : "JPY") : nullptr;
    if (other != kCueNone && !usd) return kCueCodes[other];
    if (usd && other == kCueNone) return "USD";
    return nullptr;
}

} // namespace detail
} // namespace factlens
