// Calendar arithmetic on Day (yyyymmdd) values, proleptic Gregorian.
#pragma once
#include "claim.h"

namespace factlens {

inline Day make_day(int y, int m, int d) { return y * 10000 + m * 100 + d; }
inline int day_year(Day d) { return d / 10000; }
inline int day_month(Day d) { return d / 100 % 100; }
inline int day_dom(Day d) { return d % 100; }

int days_in_month(int year, int month);
bool is_valid_day(int y, int m, int d);
long days_from_civil(int y, int m, int d);  // days since 1970-01-01
Day civil_from_days(long z);
int weekday(Day d);  // Monday = 0 ... Sunday = 6

} // namespace factlens
