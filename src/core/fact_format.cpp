// Facts formatted for people: values with scale words and separators, bounds as intervals, periods.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "fact_table.h"

namespace factlens {

namespace {

// "1234567.5" -> "1,234,567.5"; at most `decimals` decimals, trailing zeros dropped.
void with_separators(double v, int decimals, char* buf, size_t n) {
    char raw[64];
    std::snprintf(raw, sizeof raw, "%.*f", decimals, std::fabs(v));
    char* dot = std::strchr(raw, '.');
    if (dot) {
        char* e = raw + std::strlen(raw) - 1;
        while (e > dot && *e == '0') *e-- = 0;
        if (e == dot) *e = 0;
    }
    const size_t int_len = dot && *dot ? (size_t)(dot - raw) : std::strlen(raw);
    char out[96];
    size_t o = 0;
    if (v < 0 && std::strcmp(raw, "0") != 0) out[o++] = '-';
    for (size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) out[o++] = ',';
        out[o++] = raw[i];
    }
    if (dot && *dot) { std::strcpy(out + o, dot); o += std::strlen(dot); }
    out[o] = 0;
    std::snprintf(buf, n, "%s", out);
}

} // namespace

const char* format_fact_value(double v, const char* unit, char* buf, size_t n) {
    if (n == 0) return buf;
    if (is_none(v)) { std::snprintf(buf, n, "—"); return buf; }
    if (!std::isfinite(v)) { std::snprintf(buf, n, "%s", v > 0 ? "∞" : "-∞"); return buf; }
    const bool percent = unit && (std::strcmp(unit, "%") == 0);
    const double a = std::fabs(v);
    static const struct { double scale; const char* word; } kScales[] = {
        {1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    char num[96];
    const char* word = nullptr;
    if (!percent && a >= 1e6 && a < 1e21) {
        for (const auto& s : kScales) {
            if (a >= s.scale) {
                with_separators(v / s.scale, 4, num, sizeof num);
                word = s.word;
                break;
            }
        }
    } else if (a >= 1e21) {
        std::snprintf(num, sizeof num, "%.4g", v);
    } else {
        with_separators(v, a < 1 ? 6 : 4, num, sizeof num);
    }
    if (percent) std::snprintf(buf, n, "%s%%", num);
    else if (word) std::snprintf(buf, n, "%s %s", num, word);
    else std::snprintf(buf, n, "%s", num);
    return buf;
}

const char* format_fact_bounds(const FactTable& t, uint32_t r, char* buf, size_t n) {
    if (n == 0) return buf;
    buf[0] = 0;
    if (r >= t.size()) return buf;
    const std::string_view unit_sv = t.units.get(t.unit[r]);
    const char* unit = unit_sv == "%" ? "%" : nullptr;
    const double v = t.shown_value()[r], lo = t.shown_low()[r], hi = t.shown_high()[r];  // converted, if chosen
    const std::string_view q = t.qualifiers.get(t.qualifier[r]);
    char a[64], b[64];
    // A converted amount shows four significant digits, as its value does (fact_convert).
    const Conversion* conv = t.conversion(r);
    auto fmt = [&](double x, char* out, size_t len) {
        return conv && conv->converted() ? format_converted_value(x, out, len) : format_fact_value(x, unit, out, len);
    };
    const bool approx = q == "about" || q == "around" || q == "approximately" || q == "roughly" || q == "some" ||
                        q == "nearly" || q == "almost" || q == "close to";
    const bool inclusive_low = q == "at least" || q == "no less than" || q == "not less than";
    const bool inclusive_high = q == "up to" || q == "at most" || q == "no more than" || q == "not more than";
    if (!is_none(lo) && !is_none(hi) && lo != hi) {
        if (approx && !is_none(v)) std::snprintf(buf, n, "≈ %s", fmt(v, a, sizeof a));
        else std::snprintf(buf, n, "%s – %s", fmt(lo, a, sizeof a), fmt(hi, b, sizeof b));
    } else if (!is_none(lo) && is_none(hi)) {
        std::snprintf(buf, n, "%s %s", inclusive_low ? "≥" : ">", fmt(lo, a, sizeof a));
    } else if (is_none(lo) && !is_none(hi)) {
        std::snprintf(buf, n, "%s %s", inclusive_high ? "≤" : (approx ? "≲" : "<"), fmt(hi, a, sizeof a));
    } else if (!is_none(v)) {
        std::snprintf(buf, n, "%s%s", approx ? "≈ " : "= ", fmt(v, a, sizeof a));
    }
    return buf;
}

const char* format_period(Day s, Day e, char* buf, size_t n) {
    if (n == 0) return buf;
    buf[0] = 0;
    if (s <= 0) return buf;
    if (e < s) e = s;
    const int ys = s / 10000, ms = s / 100 % 100, ds = s % 100;
    const int ye = e / 10000, me = e / 100 % 100, de = e % 100;
    auto month_end = [](int y, int m) {
        static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return m == 2 && leap ? 29 : kDays[(m - 1) % 12];
    };
    const bool whole_months = ds == 1 && ms >= 1 && me >= 1 && me <= 12 && de == month_end(ye, me);
    if (s == e) std::snprintf(buf, n, "%04d-%02d-%02d", ys, ms, ds);
    else if (whole_months && ms == 1 && me == 12 && ys == ye) std::snprintf(buf, n, "%04d", ys);
    else if (whole_months && ms == 1 && me == 12) std::snprintf(buf, n, "%04d – %04d", ys, ye);
    else if (whole_months && ys == ye && ms == me) std::snprintf(buf, n, "%04d-%02d", ys, ms);
    else if (whole_months) std::snprintf(buf, n, "%04d-%02d – %04d-%02d", ys, ms, ye, me);
    else std::snprintf(buf, n, "%04d-%02d-%02d – %04d-%02d-%02d", ys, ms, ds, ye, me, de);
    return buf;
}

} // namespace factlens
