// Number phrases: digits, spelled numbers, scales, qualifiers and the bounds they imply.
#include <algorithm>
#include <cmath>
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

// The value of digits s times 10^exp10, correctly rounded. Fast path: a mantissa below 2^53 and a
// power of ten up to 10^22 are both exact doubles, so one multiplication or division rounds once.
double decimal_value(std::string_view s, int exp10) {
    static const double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const size_t dots = std::count(s.begin(), s.end(), '.');
    uint64_t mant = 0;
    int digits = 0, decimals = 0;
    bool after_point = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            if (mant == 0 && c == '0' && !after_point) continue;  // leading zeros
            mant = mant * 10 + (uint64_t)(c - '0');
            if (++digits > 15) break;
            if (after_point) ++decimals;
        } else if (c == '.' && dots == 1) {
            after_point = true;
        }
    }
    if (digits <= 15) {
        const int e = exp10 - decimals;
        if (e >= 0 && e <= 22) return (double)mant * kPow10[e];
        if (e < 0 && -e <= 22) return (double)mant / kPow10[-e];
    }
    // Slow path: strtod on the first 40 significant digits, the rest standing for powers of ten.
    // A run of a million digits must cost one pass, not a million-digit strtod.
    std::string sig;
    long long exp = exp10;
    after_point = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            if (sig.empty() && c == '0') { if (after_point) --exp; continue; }
            if (sig.size() < 40) { sig += c; if (after_point) --exp; }
            else if (!after_point) ++exp;
        } else if (c == '.' && dots == 1) {
            after_point = true;
        }
    }
    if (sig.empty()) return 0;
    exp = std::max(-100000LL, std::min(100000LL, exp));  // far past a double's range either way
    sig += "e" + std::to_string(exp);
    return std::strtod(sig.c_str(), nullptr);
}

double parse_digits(std::string_view s, bool* integer, bool* commas, int* ndigits) {
    // A single "." is a decimal point; commas group thousands. "1.234.567" (European grouping) is
    // read as grouping when there is more than one ".".
    size_t dots = 0;
    int nd = 0, sig_before_dot = 0, sig = 0;  // significant digits: from the first non-zero one
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            ++nd;
            if (sig || c != '0') {
                ++sig;
                if (!dots) ++sig_before_dot;
            }
        } else if (c == ',') {
            *commas = true;
        } else if (c == '.') {
            ++dots;
        }
    }
    *integer = dots != 1;
    *ndigits = nd;
    // Past 309 digits before the point the value overflows a double: say so without reading the
    // run again (a run of a million digits costs this one pass).
    if ((dots == 1 ? sig_before_dot : sig) > 309) return HUGE_VAL;
    return decimal_value(s, 0);
}

// Spelled numbers: "one", "twenty-five", "two hundred", "one hundred and twenty".
bool parse_spelled(const Block& b, size_t i, NumPhrase* p) {
    if (b.lk(i) != LexKind::Number) return false;
    double total = 0, cur = 0;
    size_t j = i, last = i;
    while (j < b.n()) {
        if (b.lk(j) == LexKind::Number) {
            const LexEntry& e = *b.t[j].lex;
            if (e.scale) cur = (cur == 0 ? 1 : cur) * e.value;
            else cur += e.value;
            last = j;
            ++j;
            if (b.sym(j, '-') && b.attached(j) && b.lk(j + 1) == LexKind::Number && b.attached(j + 1)) ++j;
            else if (b.is(j, "and") && b.lk(j + 1) == LexKind::Number && b.t[j + 1].lex->value < 100) ++j;
            continue;
        }
        break;
    }
    total += cur;
    p->first = i;
    p->last = last;
    p->value = total;
    p->digits = false;
    return true;
}

// Scale after a number: "1.2 trillion", "35m", "5bn", "1‑trillion" (hyphen).
void apply_scale(const Block& b, NumPhrase* p) {
    size_t j = p->last + 1;
    if (b.sym(j, '-') && b.attached(j) && b.lk(j + 1) == LexKind::Scale && b.attached(j + 1)) ++j;
    if (b.lk(j) == LexKind::Scale) {
        const std::string_view w = b.str(j);
        // One-letter scales ("m", "b", "k") only when glued to the digits: "35m", not "35 m".
        if (w.size() <= 2 && w != "bn" && w != "mn" && w != "tn" && w != "cr" && !b.attached(j)) return;
        // Every scale is a power of ten; "lakh crore" and "thousand crore" multiply (10^5 x 10^7).
        int exp10 = (int)std::lround(std::log10(b.t[j].lex->value));
        if (b.lk(j + 1) == LexKind::Scale && b.t[j + 1].lex->value == 1e7 && b.t[j].lex->value < 1e7) {
            ++j;
            exp10 += 7;
        }
        // Scale in decimal, so 1.78 million is exactly 1780000 (not 1779999.9999999998).
        if (p->digits) {
            p->value = decimal_value(b.str(p->first), exp10);
            p->scale_exp = exp10;
        } else {
            p->value *= std::pow(10.0, exp10);
        }
        p->last = j;
        p->has_scale = true;
        // "1.5 million to 2 million": a second scale word does not stack.
    }
}

void set_bounds(Claim& c, Bound bound) {
    switch (bound) {
        case Bound::Exact: c.low = c.high = c.value; break;
        case Bound::Low: c.low = c.value; c.high = kNone; break;
        case Bound::High: c.low = kNone; c.high = c.value; break;
        case Bound::Approx: c.low = c.high = kNone; break;
    }
}

// The qualifier right before token i (skipping "the"): returns the first token of the qualifier.
size_t find_qualifier(const Block& b, size_t i, Claim& c) {
    if (i == 0) return i;
    size_t j = i - 1;
    if (b.is(j, "the") && j > 0) --j;
    if (b.is(j, "than") && j > 0) {
        if (b.is(j - 1, "more")) { c.qualifier = "more than"; set_bounds(c, Bound::Low); return j - 1; }
        if (b.is(j - 1, "less") || b.is(j - 1, "fewer")) { c.qualifier = "less than"; set_bounds(c, Bound::High); return j - 1; }
        return i;
    }
    if (b.is(j, "least") && j > 0 && b.is(j - 1, "at")) { c.qualifier = "at least"; set_bounds(c, Bound::Low); return j - 1; }
    if (b.is(j, "to") && j > 0 && b.is(j - 1, "up")) { c.qualifier = "up to"; set_bounds(c, Bound::High); return j - 1; }
    if (b.lk(j) == LexKind::Qualifier) {
        const LexEntry& e = *b.t[j].lex;
        if (b.is(j, "top") && j > 0 && b.is(j - 1, "the")) return i;  // "the top 10%" is a group, not a bound
        c.qualifier = e.name;
        set_bounds(c, e.bound);
        return j;
    }
    return i;
}

bool is_year(const NumPhrase& p) {
    return p.digits && p.integer && !p.commas && !p.has_scale && p.digit_count == 4 && p.value >= 1900 && p.value <= 2100;
}

} // namespace detail
} // namespace factlens
