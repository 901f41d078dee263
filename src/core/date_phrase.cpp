// Dates and periods: "January 22, 2026", "2026-01-21", weekdays, "the first three quarters of 2025"...
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

// Date and period patterns starting at token i. Returns the last token used, or SIZE_MAX.
size_t try_date(const Block& b, size_t i, int& context_year, Claim& c) {
    auto year_at = [&](size_t k) -> int {
        if (!b.num(k)) return 0;
        std::string_view s = b.str(k);
        if (s.size() != 4) return 0;
        int y = 0;
        for (char ch : s) y = y * 10 + (ch - '0');
        return (y >= 1900 && y <= 2100) ? y : 0;
    };
    auto small_at = [&](size_t k, int lo, int hi) -> int {
        if (!b.num(k)) return 0;
        std::string_view s = b.str(k);
        if (s.size() > 2) return 0;
        int v = 0;
        for (char ch : s) {
            if (ch < '0' || ch > '9') return 0;
            v = v * 10 + (ch - '0');
        }
        return (v >= lo && v <= hi) ? v : 0;
    };
    const Day pub = b.opt.published;
    const int base_year = context_year ? context_year : (pub ? day_year(pub) : 0);
    // ISO date: 2026-01-21
    if (int y = year_at(i)) {
        if (b.sym(i + 1, '-') && b.attached(i + 1) && b.attached(i + 2)) {
            int m = small_at(i + 2, 1, 12);
            if (m && b.str(i + 2).size() == 2 && b.sym(i + 3, '-') && b.attached(i + 3) && b.attached(i + 4)) {
                int d = small_at(i + 4, 1, 31);
                if (d && is_valid_day(y, m, d)) {
                    c.kind = ClaimKind::Date;
                    c.period_start = c.period_end = make_day(y, m, d);
                    context_year = y;
                    return i + 4;
                }
            }
            // Year range: 2026-2030 (also with an en dash, spaced or not)
            if (int y2 = year_at(i + 2)) {
                if (y2 > y) {
                    c.kind = ClaimKind::Period;
                    c.period_start = make_day(y, 1, 1);
                    c.period_end = make_day(y2, 12, 31);
                    return i + 2;
                }
            }
        }
        if (b.sym(i + 1, 0x2013) && year_at(i + 2) > y) {
            c.kind = ClaimKind::Period;
            c.period_start = make_day(y, 1, 1);
            c.period_end = make_day(year_at(i + 2), 12, 31);
            return i + 2;
        }
        return SIZE_MAX;
    }
    if (b.lk(i) == LexKind::Month) {
        const int m = (int)b.t[i].lex->value;
        size_t j = i + 1;
        if (b.sym(j, '.') && b.attached(j)) ++j;  // "Jan."
        // Month Day[, Year]
        if (int d = small_at(j, 1, 31)) {
            if (b.attached(j + 1) && b.word(j + 1)) {  // "22nd"
                std::string_view suf = b.str(j + 1);
                if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") ++j;
            }
            size_t k = j + 1;
            if (b.sym(k, ',')) ++k;
            int y = year_at(k);
            size_t last = y ? k : j;
            if (!y) y = base_year;
            if (!y || !is_valid_day(y, m, d)) return SIZE_MAX;
            c.kind = ClaimKind::Date;
            c.period_start = c.period_end = make_day(y, m, d);
            if (year_at(k)) context_year = y;
            return last;
        }
        // Month to/- Month Year: "January to November 2025", "January-November 2025"
        size_t k = j;
        if ((b.is(k, "to") || b.is(k, "through") || b.sym(k, '-') || b.sym(k, 0x2013)) && b.lk(k + 1) == LexKind::Month) {
            const int m2 = (int)b.t[k + 1].lex->value;
            if (int y = year_at(k + 2)) {
                if (m2 >= m) {
                    c.kind = ClaimKind::Period;
                    c.period_start = make_day(y, m, 1);
                    c.period_end = make_day(y, m2, days_in_month(y, m2));
                    context_year = y;
                    return k + 2;
                }
            }
        }
        // Month Year: "November 2025"
        if (int y = year_at(j)) {
            c.kind = ClaimKind::Period;
            c.period_start = make_day(y, m, 1);
            c.period_end = make_day(y, m, days_in_month(y, m));
            context_year = y;
            return j;
        }
        return SIZE_MAX;
    }
    // Day Month Year: "27 December 2025"
    if (int d = small_at(i, 1, 31)) {
        if (b.lk(i + 1) == LexKind::Month && !b.is(i + 1, "may")) {
            int m = (int)b.t[i + 1].lex->value;
            int y = year_at(i + 2);
            int yy = y ? y : base_year;
            if (yy && is_valid_day(yy, m, d)) {
                c.kind = ClaimKind::Date;
                c.period_start = c.period_end = make_day(yy, m, d);
                if (y) context_year = y;
                return y ? i + 2 : i + 1;
            }
        }
        return SIZE_MAX;
    }
    if (b.lk(i) == LexKind::Weekday) {
        c.kind = ClaimKind::Date;
        if (pub) {
            const int want = (int)b.t[i].lex->value;
            const int have = weekday(pub);
            const int back = (have - want + 7) % 7;
            const Day d = civil_from_days(days_from_civil(day_year(pub), day_month(pub), day_dom(pub)) - back);
            c.period_start = c.period_end = d;
        }
        return i;
    }
    // "the first three quarters of 2025", "the first half of 2025", "the first 11 months of the year"
    if (b.is(i, "first")) {
        size_t j = i + 1;
        double count = 1;
        if (b.num(j)) { count = std::atof(std::string(b.str(j)).c_str()); ++j; }
        else if (b.lk(j) == LexKind::Number) { count = b.t[j].lex->value; ++j; }
        int months_per = 0;
        if (b.is(j, "quarters") || b.is(j, "quarter")) months_per = 3;
        else if (b.is(j, "months") || b.is(j, "month")) months_per = 1;
        else if (b.is(j, "half")) months_per = 6;
        if (!months_per || !b.is(j + 1, "of")) return SIZE_MAX;
        int months = (int)(count * months_per);
        if (months < 1 || months > 12) return SIZE_MAX;
        size_t k = j + 2;
        int y = year_at(k);
        size_t last = k;
        if (!y && b.is(k, "the") && b.is(k + 1, "year")) { y = base_year; last = k + 1; }
        if (!y && b.is(k, "this") && b.is(k + 1, "year")) { y = pub ? day_year(pub) : 0; last = k + 1; }
        if (!y) return SIZE_MAX;
        c.kind = ClaimKind::Period;
        c.period_start = make_day(y, 1, 1);
        c.period_end = make_day(y, months, days_in_month(y, months));
        if (year_at(k)) context_year = y;
        return last;
    }
    return SIZE_MAX;
}

} // namespace detail
} // namespace factlens
