// Rate tables: loaders (reference JSON, ECB CSV), date lookup with cross rates, and the rounding
// interval of a written figure. See rates.h.
#include "rates.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "dates.h"

namespace factlens {

const RateSeries* RateSource::find(std::string_view currency) const {
    auto it = std::lower_bound(series.begin(), series.end(), currency,
                               [](const RateSeries& s, std::string_view c) { return s.currency < c; });
    return it != series.end() && it->currency == currency ? &*it : nullptr;
}

std::vector<std::string> RateSource::currencies() const {
    std::vector<std::string> out;
    if (!pivot.empty()) out.push_back(pivot);
    for (const RateSeries& s : series) out.push_back(s.currency);
    std::sort(out.begin(), out.end());
    return out;
}

size_t RateSource::rate_count() const {
    size_t n = 0;
    for (const RateSeries& s : series) n += s.points.size();
    return n;
}

int RateTable::find_source(std::string_view name) const {
    for (size_t i = 0; i < sources.size(); ++i)
        if (sources[i].name == name) return (int)i;
    return -1;
}

// ---- Loading ------------------------------------------------------------------------------------

static bool is_currency_code(std::string_view s) {
    if (s.size() != 3) return false;
    for (char c : s)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

// "2025-12-22" -> 20251222; 0 when not a valid ISO date.
static Day parse_iso_day(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return 0;
    int v[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (int i = 0; i < lens[k]; ++i) {
            char c = s[starts[k] + i];
            if (c < '0' || c > '9') return 0;
            v[k] = v[k] * 10 + (c - '0');
        }
    return is_valid_day(v[0], v[1], v[2]) ? make_day(v[0], v[1], v[2]) : 0;
}

static std::string iso(Day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day_year(d), day_month(d), day_dom(d));
    return buf;
}

// Sorts each series by date, rejects a repeated date, and fills first/last dates.
static bool finish_source(RateSource* s, std::string* error) {
    std::sort(s->series.begin(), s->series.end(),
              [](const RateSeries& a, const RateSeries& b) { return a.currency < b.currency; });
    s->first_date = s->last_date = 0;
    for (RateSeries& r : s->series) {
        // The ECB's file is newest first: reversed, it is sorted, and no sort is needed.
        auto by_date = [](const RatePoint& a, const RatePoint& b) { return a.date < b.date; };
        if (std::is_sorted(r.points.rbegin(), r.points.rend(), by_date)) std::reverse(r.points.begin(), r.points.end());
        else if (!std::is_sorted(r.points.begin(), r.points.end(), by_date)) std::stable_sort(r.points.begin(), r.points.end(), by_date);
        r.points.shrink_to_fit();
        for (size_t i = 1; i < r.points.size(); ++i)
            if (r.points[i].date == r.points[i - 1].date) {
                *error = "two " + r.currency + " rates for " + iso(r.points[i].date);
                return false;
            }
        if (r.points.empty()) continue;
        if (!s->first_date || r.points.front().date < s->first_date) s->first_date = r.points.front().date;
        if (r.points.back().date > s->last_date) s->last_date = r.points.back().date;
    }
    s->series.erase(std::remove_if(s->series.begin(), s->series.end(), [](const RateSeries& r) { return r.points.empty(); }),
                    s->series.end());
    if (s->series.empty()) {
        *error = "no rates in the file";
        return false;
    }
    return true;
}

bool load_reference_rates(std::string_view json, std::string_view name, RateSource* out, std::string* error) {
    nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end(), nullptr, false);
    if (doc.is_discarded()) { *error = "not valid JSON"; return false; }
    if (!doc.is_object() || !doc.contains("rates") || !doc["rates"].is_array()) {
        *error = "expected an object with a \"rates\" array";
        return false;
    }
    RateSource s;
    s.name = std::string(name);
    s.notes.push_back(s.name);
    s.urls.push_back("");
    std::map<std::string, uint32_t> note_ids;
    std::map<std::string, size_t> series_of;
    size_t row = 0;
    for (const nlohmann::json& r : doc["rates"]) {
        ++row;
        auto fail = [&](const std::string& why) {
            *error = "rate " + std::to_string(row) + ": " + why;
            return false;
        };
        if (!r.is_object()) return fail("not an object");
        auto str = [&](const char* key) -> std::string {
            auto it = r.find(key);
            return it != r.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        const std::string base = str("base"), quote = str("quote"), date = str("date");
        if (!is_currency_code(base)) return fail("\"base\" is not a currency code");
        if (!is_currency_code(quote)) return fail("\"quote\" is not a currency code");
        if (base == quote) return fail("\"base\" and \"quote\" are the same currency");
        if (s.pivot.empty()) s.pivot = quote;
        if (quote != s.pivot) return fail("quote " + quote + " differs from the file's " + s.pivot);
        const Day day = parse_iso_day(date);
        if (!day) return fail("\"date\" is not a date (yyyy-mm-dd)");
        auto rate_it = r.find("rate");
        if (rate_it == r.end() || !rate_it->is_number()) return fail("\"rate\" is not a number");
        const double rate = rate_it->get<double>();
        if (!(rate > 0) || !std::isfinite(rate)) return fail("\"rate\" must be a positive number");
        std::string note = str("source");
        if (note.empty()) note = s.name;
        const std::string url = str("url");
        auto [nit, fresh] = note_ids.emplace(note + '\n' + url, (uint32_t)s.notes.size());
        if (fresh) { s.notes.push_back(note); s.urls.push_back(url); }
        auto [sit, new_series] = series_of.emplace(base, s.series.size());
        if (new_series) s.series.push_back(RateSeries{base, {}});
        s.series[sit->second].points.push_back(RatePoint{day, rate, nit->second});
    }
    if (!finish_source(&s, error)) return false;
    *out = std::move(s);
    return true;
}

// One field of a CSV line (no quoting in the ECB's file), trimmed of spaces and a CR.
static std::string_view trim_field(std::string_view f) {
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t' || f.back() == '\r')) f.remove_suffix(1);
    return f;
}

// A plain decimal ("1.0938", "17043.21"); false for anything else (no exponents, signs or hex).
// Up to 15 significant digits it is mantissa / 10^k, both exact in a double, so the quotient is the
// correctly rounded value (what strtod gives) at a fraction of strtod's cost in wasm.
static bool parse_decimal(std::string_view f, double* out) {
    if (f.empty() || f.size() > 32) return false;
    bool digit = false, dot = false;
    uint64_t mantissa = 0;
    int digits = 0, decimals = 0;
    for (char c : f) {
        if (c >= '0' && c <= '9') {
            digit = true;
            if (mantissa || c != '0') ++digits;
            mantissa = mantissa * 10 + (uint64_t)(c - '0');
            if (dot) ++decimals;
            if (digits > 15) break;  // too precise for the fast path
        } else if (c == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    if (!digit) return false;
    if (digits <= 15 && decimals <= 22) {
        static const double kPow10[23] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                          1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        *out = (double)mantissa / kPow10[decimals];
        return true;
    }
    for (char c : f)
        if (!((c >= '0' && c <= '9') || c == '.')) return false;
    char buf[40];
    std::memcpy(buf, f.data(), f.size());
    buf[f.size()] = 0;
    *out = std::strtod(buf, nullptr);
    return true;
}

bool load_ecb_csv(std::string_view csv, std::string_view name, RateSource* out, std::string* error) {
    if (csv.size() >= 3 && (unsigned char)csv[0] == 0xEF && (unsigned char)csv[1] == 0xBB && (unsigned char)csv[2] == 0xBF)
        csv.remove_prefix(3);  // a byte-order mark, as spreadsheet programs write
    RateSource s;
    s.name = std::string(name);
    s.pivot = "EUR";
    s.notes.push_back("ECB euro reference rate (" + s.name + ")");
    s.urls.push_back("");
    std::vector<int> column_series;  // CSV column -> index into s.series, or -1 for Date / blank
    size_t line_no = 0, pos = 0, data_rows = 0;
    std::vector<std::string_view> fields;
    while (pos < csv.size()) {
        size_t eol = csv.find('\n', pos);
        if (eol == std::string_view::npos) eol = csv.size();
        std::string_view line = csv.substr(pos, eol - pos);
        pos = eol + 1;
        ++line_no;
        auto fail = [&](const std::string& why) {
            *error = "line " + std::to_string(line_no) + ": " + why;
            return false;
        };
        if (trim_field(line).empty()) continue;  // blank lines (a final newline) are fine
        fields.clear();
        for (size_t f = 0;;) {
            size_t comma = line.find(',', f);
            fields.push_back(trim_field(line.substr(f, comma == std::string_view::npos ? std::string_view::npos : comma - f)));
            if (comma == std::string_view::npos) break;
            f = comma + 1;
        }
        if (!fields.empty() && fields.back().empty()) fields.pop_back();  // the ECB's trailing comma
        if (column_series.empty()) {
            if (fields.empty() || fields[0] != "Date")
                return fail("expected the header \"Date,USD,JPY,...\" of the ECB's eurofxref-hist.csv");
            if (fields.size() < 2) return fail("the header names no currency");
            column_series.push_back(-1);
            for (size_t c = 1; c < fields.size(); ++c) {
                if (!is_currency_code(fields[c]))
                    return fail("column " + std::to_string(c + 1) + " of the header, \"" + std::string(fields[c].substr(0, 20)) +
                                "\", is not a currency code");
                if (fields[c] == "EUR") return fail("the header lists EUR, the file's own base");
                for (const RateSeries& r : s.series)
                    if (r.currency == fields[c]) return fail("the header lists " + r.currency + " twice");
                column_series.push_back((int)s.series.size());
                s.series.push_back(RateSeries{std::string(fields[c]), {}});
            }
            // One point per line at most: reserve for every line left, so no series regrows.
            // (pos is past the end when the header is the file's last line, with no newline)
            const size_t lines_left = pos < csv.size() ? (size_t)std::count(csv.begin() + (std::ptrdiff_t)pos, csv.end(), '\n') + 1 : 0;
            for (RateSeries& r : s.series) r.points.reserve(lines_left < 20000 ? lines_left : 20000);  // a huge file grows as it goes
            continue;
        }
        if (fields.size() != column_series.size())
            return fail("has " + std::to_string(fields.size()) + " fields, the header " + std::to_string(column_series.size()));
        const Day day = parse_iso_day(fields[0]);
        if (!day) return fail("\"" + std::string(fields[0].substr(0, 20)) + "\" is not a date (yyyy-mm-dd)");
        for (size_t c = 1; c < fields.size(); ++c) {
            if (fields[c] == "N/A" || fields[c].empty()) continue;
            double per_eur = 0;
            if (!parse_decimal(fields[c], &per_eur) || !(per_eur > 0) || !std::isfinite(per_eur))
                return fail(s.series[column_series[c]].currency + " \"" + std::string(fields[c].substr(0, 20)) +
                            "\" is not a positive number");
            // The file says "per_eur units of X per 1 EUR"; the table stores EUR per 1 X.
            s.series[column_series[c]].points.push_back(RatePoint{day, 1.0 / per_eur, 0});
        }
        ++data_rows;
    }
    if (column_series.empty()) {
        *error = "the file is empty";
        return false;
    }
    if (!data_rows) {
        *error = "the file has a header but no rates";
        return false;
    }
    if (!finish_source(&s, error)) return false;
    *out = std::move(s);
    return true;
}

// ---- Lookup -------------------------------------------------------------------------------------

// The latest point on or before `on` (the latest of all when on == 0); nullptr if none.
static const RatePoint* point_on_or_before(const RateSeries& r, Day on) {
    if (r.points.empty()) return nullptr;
    if (!on) return &r.points.back();
    auto it = std::upper_bound(r.points.begin(), r.points.end(), on, [](Day d, const RatePoint& p) { return d < p.date; });
    return it == r.points.begin() ? nullptr : &*(it - 1);
}

static long day_number(Day d) { return days_from_civil(day_year(d), day_month(d), day_dom(d)); }

RateQuote find_rate(const RateTable& rates, std::string_view from, std::string_view to, const RateLookupDesc& desc) {
    RateQuote q;
    if (from == to) {
        q.ok = true;
        q.rate = q.inverse = 1;
        return q;
    }
    if (desc.source >= (int)rates.sources.size()) {
        q.error = "no rate source " + std::to_string(desc.source);
        return q;
    }
    std::string why;
    for (size_t si = 0; si < rates.sources.size(); ++si) {
        if (desc.source >= 0 && (int)si != desc.source) continue;
        const RateSource& s = rates.sources[si];
        if (!s.quotes(from) || !s.quotes(to)) continue;
        // pivot units per one unit of each currency, with the row used
        double per[2] = {1, 1};
        Day date = 0;
        uint32_t note = 0;
        bool found = true;
        const std::string_view cur[2] = {from, to};
        for (int k = 0; k < 2; ++k) {
            if (cur[k] == s.pivot) continue;
            const RatePoint* p = point_on_or_before(*s.find(cur[k]), desc.on);
            if (!p) {
                if (why.empty())
                    why = "no " + std::string(cur[k]) + " rate in " + s.name + " on or before " + iso(desc.on) +
                          " (its first is " + iso(s.find(cur[k])->points.front().date) + ")";
                found = false;
                break;
            }
            per[k] = p->pivot_per_unit;
            if (!date || p->date < date) { date = p->date; note = p->note; }
        }
        if (!found) continue;
        const double rate = per[0] / per[1], inverse = per[1] / per[0];
        if (!std::isfinite(rate) || !std::isfinite(inverse) || !(rate > 0) || !(inverse > 0)) {
            if (why.empty()) why = "the " + std::string(from) + "/" + std::string(to) + " rate in " + s.name + " is out of range";
            continue;  // absurd stored rates (1e308 against 5e-324) never give an infinite answer
        }
        q.ok = true;
        q.rate = rate;
        q.inverse = inverse;
        q.date = date;
        q.source = (int)si;
        q.note = note;
        q.stale = desc.on && date && day_number(desc.on) - day_number(date) > desc.stale_days;
        return q;
    }
    if (why.empty())
        why = desc.source >= 0 ? rates.sources[desc.source].name + " has no rate between " + std::string(from) + " and " + std::string(to)
                               : "no rate table quotes both " + std::string(from) + " and " + std::string(to);
    q.error = why;
    return q;
}

// ---- Rounding interval of a written figure ---------------------------------------------------------

WrittenInterval written_interval(double value, std::string_view written) {
    WrittenInterval w{value, value};
    if (!std::isfinite(value)) return w;
    // The last run of digits (with its separators and decimal point) is the number as written.
    size_t end = written.size();
    while (end > 0 && !(written[end - 1] >= '0' && written[end - 1] <= '9')) --end;
    if (end == 0) return w;
    size_t start = end;
    int decimals = -1;  // digits after the decimal point; -1 = no point
    size_t digits_since = 0;
    while (start > 0) {
        char c = written[start - 1];
        if (c >= '0' && c <= '9') {
            ++digits_since;
        } else if (c == '.' && decimals < 0 && start >= 2 && written[start - 2] >= '0' && written[start - 2] <= '9') {
            decimals = (int)digits_since;
        } else if (c == ',' && start >= 2 && written[start - 2] >= '0' && written[start - 2] <= '9' && digits_since % 3 == 0) {
            // thousands separator
        } else {
            break;
        }
        --start;
    }
    // Literal value of the digits, to find the scale word's multiplier (billion, trillion, %).
    double literal = 0, frac = 0.1;
    bool after_point = false;
    for (size_t i = start; i < end; ++i) {
        char c = written[i];
        if (c == '.') { after_point = true; continue; }
        if (c < '0' || c > '9') continue;
        if (after_point) { literal += (c - '0') * frac; frac /= 10; }
        else literal = literal * 10 + (c - '0');
    }
    if (!(literal > 0)) return w;
    const double scale = std::fabs(value) / literal;
    if (!std::isfinite(scale) || scale <= 0) return w;
    // The scale word is a power of ten (1e9 for "billion"). Anything else means the last number
    // written is not the value (a range, "30-40 percent"): no rounding is assumed then.
    const double p10 = std::pow(10.0, std::round(std::log10(scale)));
    if (std::fabs(scale - p10) > 1e-6 * p10) return w;
    const double unit = p10 * std::pow(10.0, -(decimals < 0 ? 0 : decimals));
    w.low = value - unit / 2;
    w.high = value + unit / 2;
    return w;
}

} // namespace factlens
