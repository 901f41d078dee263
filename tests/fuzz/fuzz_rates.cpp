// libFuzzer harness: the rate-file loaders (load_ecb_csv, load_reference_rates) and find_rate().
//
// Input: any bytes, given to both loaders (the ECB's eurofxref-hist.csv format and the reference
// JSON of assets/cny_reference_rates.json).
//
// Asserts, for each loader (AddressSanitizer: no read past the end, e.g. of a CSV whose header is
// its last line, without a newline):
//   - on failure: a non-empty error, and *out exactly as it was (a sentinel source stays intact);
//   - on success: a pivot (three letters) and no series for it; series sorted by currency, unique,
//     never empty; each series' points in strictly increasing date order, valid days, every rate
//     finite and > 0, every note index inside notes; notes and urls of the same length, notes[0]
//     names the source; first_date / last_date are the least and greatest dates; rate_count()
//     is the number of points; currencies() is sorted and includes the pivot;
//   - find_rate() between the pivot and a few quoted currencies, on the first and last dates, a
//     day before the first, and "latest": ok only when a rate exists on or before the date, and
//     then always unless the cross rate is out of range (1e308 against 5e-324), which the error
//     says (a currency to itself: always, at exactly 1); then rate and inverse finite and > 0,
//     rate * inverse about 1, the date within the source's dates and not after
//     the date asked for, the note index valid; a failed quote says why.
#include <cmath>

#include "dates.h"
#include "fuzz_common.h"
#include "rates.h"

using namespace factlens;

namespace {

RateSource sentinel() {
    RateSource s;
    s.name = "sentinel";
    s.pivot = "XXX";
    s.notes = {"sentinel"};
    s.urls = {""};
    s.first_date = s.last_date = 20000101;
    return s;
}

bool is_sentinel(const RateSource& s) {
    return s.name == "sentinel" && s.pivot == "XXX" && s.series.empty() && s.notes.size() == 1 && s.urls.size() == 1 &&
           s.first_date == 20000101 && s.last_date == 20000101;
}

bool valid_day(Day d) { return is_valid_day(day_year(d), day_month(d), day_dom(d)); }

Day day_before(Day d) {
    return civil_from_days(days_from_civil(day_year(d), day_month(d), day_dom(d)) - 1);
}

// Whether the source has a rate for currency on or before `on` (0: any), as find_rate should see it.
bool has_rate(const RateSource& s, const std::string& cur, Day on) {
    if (cur == s.pivot) return true;
    const RateSeries* r = s.find(cur);
    return r && !r->points.empty() && (on == 0 || r->points.front().date <= on);
}

void check_source(const RateSource& s, const std::string& w) {
    FUZZ_CHECK(s.pivot.size() == 3, w + ": pivot is not a three-letter code: " + fuzz::show(s.pivot));
    FUZZ_CHECK(!s.notes.empty() && s.notes.size() == s.urls.size(), w + ": notes and urls differ in length");
    FUZZ_CHECK(s.notes[0].find(s.name) != std::string::npos, w + ": notes[0] does not name the source");
    Day lo = 0, hi = 0;
    size_t points = 0;
    for (size_t i = 0; i < s.series.size(); ++i) {
        const RateSeries& r = s.series[i];
        FUZZ_CHECK(r.currency != s.pivot, w + ": a series for the pivot");
        FUZZ_CHECK(i == 0 || s.series[i - 1].currency < r.currency, w + ": series not sorted by currency, or repeated");
        FUZZ_CHECK(!r.points.empty(), w + ": an empty series " + fuzz::show(r.currency));
        FUZZ_CHECK(s.find(r.currency) == &r, w + ": find() misses " + fuzz::show(r.currency));
        for (size_t k = 0; k < r.points.size(); ++k) {
            const RatePoint& p = r.points[k];
            FUZZ_CHECK(valid_day(p.date), w + ": invalid date " + std::to_string(p.date));
            FUZZ_CHECK(k == 0 || r.points[k - 1].date < p.date, w + ": points not in increasing date order");
            FUZZ_CHECK(std::isfinite(p.pivot_per_unit) && p.pivot_per_unit > 0,
                       w + ": rate " + fuzz::num(p.pivot_per_unit) + " for " + r.currency + " is not finite and > 0");
            FUZZ_CHECK(p.note < s.notes.size(), w + ": note index out of range");
            if (!lo || p.date < lo) lo = p.date;
            if (!hi || p.date > hi) hi = p.date;
            ++points;
        }
    }
    FUZZ_CHECK(points == s.rate_count(), w + ": rate_count() is not the number of points");
    if (points) FUZZ_CHECK(s.first_date == lo && s.last_date == hi, w + ": first_date / last_date are not the dates' range");
    const std::vector<std::string> cur = s.currencies();
    FUZZ_CHECK(cur.size() == s.series.size() + 1, w + ": currencies() is not the pivot and the series");
    for (size_t i = 1; i < cur.size(); ++i) FUZZ_CHECK(cur[i - 1] < cur[i], w + ": currencies() not sorted");
    FUZZ_CHECK(s.quotes(s.pivot), w + ": quotes() misses the pivot");
}

void check_lookups(const RateSource& s, const std::string& w) {
    RateTable t;
    t.sources.push_back(s);
    std::vector<std::string> cur = {s.pivot};
    for (size_t i = 0; i < s.series.size() && i < 3; ++i) cur.push_back(s.series[i].currency);
    cur.push_back("QQQ");  // never quoted
    std::vector<Day> days = {0};
    if (s.first_date) days.insert(days.end(), {s.first_date, s.last_date, day_before(s.first_date)});
    for (const std::string& from : cur)
        for (const std::string& to : cur)
            for (Day on : days) {
                RateLookupDesc d;
                d.on = on;
                const RateQuote q = find_rate(t, from, to, d);
                const std::string x = w + ": find_rate(" + from + ", " + to + ", " + std::to_string(on) + ")";
                if (from == to) {
                    FUZZ_CHECK(q.ok && q.rate == 1 && q.inverse == 1, x + ": a currency to itself is not 1");
                    continue;
                }
                const bool both = has_rate(s, from, on) && has_rate(s, to, on);
                FUZZ_CHECK(!q.ok || both, x + ": ok without a rate for both currencies on that date");
                if (!q.ok) {
                    FUZZ_CHECK(!q.error.empty(), x + ": fails without saying why");
                    // Both have a rate, yet no answer: only when their cross rate (1e308 against
                    // 5e-324 per pivot) is out of range, and the error says so.
                    if (both) FUZZ_CHECK(q.error.find("out of range") != std::string::npos, x + ": fails with rates for both: " + q.error);
                    continue;
                }
                FUZZ_CHECK(std::isfinite(q.rate) && q.rate > 0 && std::isfinite(q.inverse) && q.inverse > 0,
                           x + ": rate " + fuzz::num(q.rate) + " inverse " + fuzz::num(q.inverse));
                FUZZ_CHECK(std::fabs(q.rate * q.inverse - 1) < 1e-9, x + ": rate * inverse is not 1");
                FUZZ_CHECK(q.source == 0 && q.note < s.notes.size(), x + ": source or note index");
                FUZZ_CHECK(q.date >= s.first_date && q.date <= s.last_date, x + ": date outside the source");
                FUZZ_CHECK(on == 0 || q.date <= on, x + ": a rate from after the date asked for");
            }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in((const char*)data, size);
    // (Once a known bug: a header line ending the file with no newline, "Date,USD", made
    // load_ecb_csv read past the end. The input goes in as it is, so AddressSanitizer would see it.)
    const std::string_view csv = in;
    for (int which = 0; which < 2; ++which) {
        RateSource s = sentinel();
        std::string why;
        const bool ok = which == 0 ? load_ecb_csv(csv, "fuzz.csv", &s, &why) : load_reference_rates(in, "fuzz.json", &s, &why);
        const std::string w = which == 0 ? "load_ecb_csv" : "load_reference_rates";
        if (!ok) {
            FUZZ_CHECK(!why.empty(), w + ": fails without saying why");
            FUZZ_CHECK(is_sentinel(s), w + ": a failed load changed *out");
            continue;
        }
        FUZZ_CHECK(s.name == (which == 0 ? "fuzz.csv" : "fuzz.json"), w + ": source name");
        check_source(s, w);
        check_lookups(s, w);
    }
    return 0;
}
