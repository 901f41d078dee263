// The currency toggle and the rate tables: intents (set_currency, load_rates), the conversion of the
// fact table when anything it depends on moved, and the Rates view's checks. Views and the JS API
// call these; the work itself is the core's (convert_facts, check_conversion_pairs).
#include <algorithm>
#include <chrono>
#include <unordered_map>
#include <cmath>
#include <cstdio>

#include "../core/claim_json.h"
#include "../core/dates.h"
#include "../core/utf8.h"
#include "app_state.h"
#include "embedded_assets.h"

namespace factlens {

static const char* const kReferenceName = "CFETS central parity";

void load_embedded_rates(AppState& s) {
    const EmbeddedAsset* a = find_embedded_asset("rates/cny_reference_rates.json");
    if (!a) {
        s.load_warnings.push_back("the reference exchange rates are missing from this build: amounts cannot be converted");
        return;
    }
    RateSource src;
    std::string why;
    if (!load_reference_rates(std::string_view((const char*)a->data, a->size), kReferenceName, &src, &why)) {
        s.load_warnings.push_back("the reference exchange rates could not be read: " + why);
        return;
    }
    const int at = s.currency.rates.find_source(kReferenceName);
    if (at >= 0) s.currency.rates.sources[at] = std::move(src);
    else s.currency.rates.sources.insert(s.currency.rates.sources.begin(), std::move(src));
    ++s.currency.generation;
    ++s.currency.rates_generation;
}

std::string rates_mode_text(const CurrencyDesc& d) {
    if (d.mode == RateMode::Custom) {
        char b[48];
        std::snprintf(b, sizeof b, "%.10g", d.custom_rate);
        return std::string("custom:") + b + ":" + d.custom_quote + " per " + d.custom_base;
    }
    return rate_mode_name(d.mode);
}

// "CNY per USD" -> ("CNY", "USD").
static bool parse_rate_unit(const std::string& text, std::string* quote, std::string* base) {
    const size_t per = text.find(" per ");
    if (per == std::string::npos) return false;
    std::string q = text.substr(0, per), b = text.substr(per + 5);
    auto trim = [](std::string& x) {
        while (!x.empty() && x.front() == ' ') x.erase(0, 1);
        while (!x.empty() && x.back() == ' ') x.pop_back();
        for (char& c : x) c = (char)std::toupper((unsigned char)c);
    };
    trim(q);
    trim(b);
    if (!is_currency_unit(q) || !is_currency_unit(b) || q == b) return false;
    *quote = q;
    *base = b;
    return true;
}

static std::string shown(const std::string& s) {
    return s.size() > 40 ? utf8_sanitize(s.substr(0, utf8_floor_boundary(s, 40))) + "..." : s;
}

std::string set_currency(AppState& s, const std::string& to, RateMode mode, double custom_rate,
                         const std::string& custom_unit) {
    CurrencyDesc d = s.currency.desc;
    if (!to.empty() && !is_conversion_target(to))
        return "cannot show amounts in \"" + shown(to) + "\" (currencies: CNY, USD, EUR, GBP, JPY, HKD, and other ISO codes the rate tables quote)";
    d.to = to;
    d.mode = mode;
    if (mode == RateMode::Custom) {
        if (!(custom_rate > 0) || !std::isfinite(custom_rate) || custom_rate > 1e9)
            return "a custom rate must be a positive number (for example 7.10)";
        std::string unit = custom_unit;
        if (unit.empty()) {
            if (to.empty() || to == "CNY") return "say which currencies the custom rate is for, e.g. \"CNY per USD\"";
            unit = "CNY per " + to;
        }
        std::string q, b;
        if (!parse_rate_unit(unit, &q, &b)) return "\"" + shown(unit) + "\" is not a rate unit such as \"CNY per USD\"";
        d.custom_rate = custom_rate;
        d.custom_quote = q;
        d.custom_base = b;
    } else {
        d.custom_rate = 0;
        d.custom_quote.clear();
        d.custom_base.clear();
    }
    CurrencyState& c = s.currency;
    const bool same = d.to == c.desc.to && d.mode == c.desc.mode && d.custom_rate == c.desc.custom_rate &&
                      d.custom_quote == c.desc.custom_quote && d.custom_base == c.desc.custom_base;
    if (same) return "";
    c.desc = d;
    if (mode == RateMode::Custom) {
        char b[48];
        std::snprintf(b, sizeof b, "%.10g", d.custom_rate);
        c.custom_rate_text = b;
        c.custom_unit_text = d.custom_quote + " per " + d.custom_base;
    }
    ++c.generation;
    ++s.link_generation;
    s.facts.dirty = true;
    return "";
}

std::string load_rates(AppState& s, const std::string& name_in, std::string_view text) {
    const std::string name = utf8_sanitize(name_in.substr(0, 200));
    CurrencyState& c = s.currency;
    auto refuse = [&](const std::string& why) {
        c.notice = name + ": " + why + ". No rates from it were added; the rates loaded before are kept.";
        c.notice_is_error = true;
        return name + ": " + why;
    };
    if (name.empty()) return refuse("a rate file needs a name");
    if (name == kReferenceName) return refuse("that name is the shipped reference table's");
    if (text.size() > (256u << 20)) return refuse("the file is larger than 256 MiB");
    size_t first = 0;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' || text[first] == '\t')) ++first;
    RateSource src;
    std::string why;
    const bool json = first < text.size() && text[first] == '{';
    const bool ok = json ? load_reference_rates(text, name, &src, &why) : load_ecb_csv(text, name, &src, &why);
    if (!ok) return refuse(why);
    const int at = c.rates.find_source(name);
    char msg[300];
    std::snprintf(msg, sizeof msg, "Loaded %zu rates (%zu currencies, %s to %s) from %s.", src.rate_count(),
                  src.series.size() + 1, day_to_iso(src.first_date).c_str(), day_to_iso(src.last_date).c_str(), name.c_str());
    if (at >= 0) c.rates.sources[at] = std::move(src);
    else c.rates.sources.push_back(std::move(src));
    c.notice = msg;
    c.notice_is_error = false;
    ++c.generation;
    ++c.rates_generation;
    s.facts.dirty = true;
    return "";
}

void update_currency(AppState& s) {
    CurrencyState& c = s.currency;
    FactTable& t = s.facts.table;
    // The table is re-converted when the toggle or the rates moved, or rows came in (a load bumps the
    // generation past the one convert_facts() left).
    const bool table_moved = t.conv_generation != t.generation;
    if (c.converted_for != c.generation || (table_moved && (!c.desc.to.empty() || t.converted()))) {
        const auto t0 = std::chrono::steady_clock::now();
        // A conversion bumps the table's generation but changes no fact: checks made for the
        // table as it was stay current (at a million rows they take longer than the conversion).
        const bool checks_current = c.checks_table_generation == t.generation;
        convert_facts(t, c.rates, c.desc);
        if (checks_current) c.checks_table_generation = t.generation;
        c.last_convert_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        c.converted_for = c.generation;
        c.converted_rows = c.stale_rows = c.unconverted_rows = c.fallback_rows = c.assumed_rows = 0;
        if (t.converted()) {
            // Counts per rate record, then per row: one pass over a uint32 column.
            std::vector<uint32_t> per_use(t.conv_uses.size() + 1, 0);
            for (uint32_t u : t.conv_use) ++per_use[u];
            for (size_t u = 0; u < t.conv_uses.size(); ++u) {
                const Conversion& cv = t.conv_uses[u];
                const uint32_t n = per_use[u + 1];
                if (cv.converted()) c.converted_rows += n;
                if (cv.status == ConvertStatus::NoRate) c.unconverted_rows += n;
                if (cv.status == ConvertStatus::Fallback) c.fallback_rows += n;
                if (cv.stale && cv.converted()) c.stale_rows += n;
            }
            for (size_t r = 0; r < t.size(); ++r)
                if (t.ambiguous[r] && t.conv_use[r] && t.conv_uses[t.conv_use[r] - 1].converted()) ++c.assumed_rows;
        }
        s.facts.dirty = true;
        s.facts.query_dirty = true;
    }
}

static void build_rates_chart(const CurrencyState& c);

void update_rate_checks(const AppState& s) {
    const CurrencyState& c = s.currency;
    const FactTable& t = s.facts.table;
    if (c.checks_generation == c.rates_generation && c.checks_table_generation == t.generation) return;
    const bool had = c.selected_check >= 0 && c.selected_check < (int)c.checks.size();
    const uint32_t was = had ? c.checks[c.selected_check].row : UINT32_MAX;
    c.checks = check_conversion_pairs(t, c.rates);
    c.selected_check = -1;
    for (size_t i = 0; i < c.checks.size(); ++i)
        if (c.checks[i].row == was) c.selected_check = (int)i;
    c.checks_generation = c.rates_generation;
    c.checks_table_generation = t.generation;
    build_rates_chart(c);
}

static long day_number(Day d) { return days_from_civil(day_year(d), day_month(d), day_dom(d)); }

// The chart of the Rates view: the reference line over the pairs' dates, and the axes' ranges.
static void build_rates_chart(const CurrencyState& c) {
    c.chart_line.clear();
    c.chart_unit.clear();
    c.chart_source.clear();
    // The rate unit most pairs are quoted in (the first to reach the top count on a tie). One pass
    // with a count per unit: a pair-by-pair comparison was quadratic (7 s at 50,000 pairs).
    std::string best;
    size_t best_n = 0;
    std::unordered_map<std::string_view, size_t> per_unit;
    for (const PairCheck& p : c.checks) per_unit[p.rate_unit]++;
    for (const PairCheck& p : c.checks) {
        const size_t n = per_unit[p.rate_unit];
        if (n > best_n) { best_n = n; best = p.rate_unit; }
    }
    if (best.empty()) return;
    c.chart_unit = best;
    const size_t per = best.find(" per ");
    const std::string quote = best.substr(0, per), base = best.substr(per + 5);
    long lo = 0, hi = 0;
    double rlo = 0, rhi = 0;
    bool any = false;
    auto extend = [&](long d, double r0, double r1) {
        if (!any) { lo = hi = d; rlo = r0; rhi = r1; any = true; return; }
        lo = std::min(lo, d); hi = std::max(hi, d);
        rlo = std::min(rlo, r0); rhi = std::max(rhi, r1);
    };
    for (const PairCheck& p : c.checks) {
        if (p.rate_unit != best) continue;
        const Day d = p.rate_day ? p.rate_day : p.reference_date;
        if (d) extend(day_number(d), p.implied_low, p.implied_high);
        if (p.reference_date) extend(day_number(p.reference_date), p.reference, p.reference);
    }
    if (!any) return;
    lo -= 45;  // some context either side
    hi += 20;
    // The reference line: each published date of the source the first pair's reference came from.
    int source = -1;
    for (size_t i = 0; i < c.rates.sources.size() && source < 0; ++i)
        if (c.rates.sources[i].quotes(quote) && c.rates.sources[i].quotes(base)) source = (int)i;
    if (source >= 0) {
        const RateSource& src = c.rates.sources[source];
        c.chart_source = src.name;
        const RateSeries* series = src.find(quote == src.pivot ? base : quote);
        if (series) {
            RateLookupDesc look;
            look.source = source;
            for (const RatePoint& pt : series->points) {
                const long d = day_number(pt.date);
                if (d < lo - 400 || d > hi) continue;  // a year before the range: the line enters from the left
                look.on = pt.date;
                const RateQuote q = find_rate(c.rates, base, quote, look);
                if (!q.ok) continue;
                c.chart_line.push_back({d, q.rate});
            }
        }
    }
    for (const CurrencyState::ChartPoint& p : c.chart_line)
        if (p.day >= lo && p.day <= hi) { rlo = std::min(rlo, p.rate); rhi = std::max(rhi, p.rate); }
    const double pad = std::max((rhi - rlo) * 0.12, rhi * 0.001);
    c.chart_day_min = lo;
    c.chart_day_max = hi;
    c.chart_rate_min = rlo - pad;
    c.chart_rate_max = rhi + pad;
}

std::string select_rate_check(AppState& s, int index) {
    update_currency(s);
    update_rate_checks(s);
    CurrencyState& c = s.currency;
    if (index < -1 || index >= (int)c.checks.size())
        return "no conversion pair at index " + std::to_string(index) + " (there are " + std::to_string(c.checks.size()) + ")";
    c.selected_check = index;
    if (index >= 0) {
        const uint32_t row = c.checks[index].row;
        const FactSource& src = s.facts.table.sources[s.facts.table.source[row]];
        if (src.article >= 0 && src.article < (int)s.corpus.articles.size()) {
            select_article(s, src.article);
            s.scroll_reader_to_top = false;
            s.reader_highlight_start = s.facts.table.start[row];
            s.reader_highlight_end = s.facts.table.end[c.checks[index].pair_row];
            s.scroll_reader_to_highlight = true;
        }
    }
    return "";
}

} // namespace factlens
