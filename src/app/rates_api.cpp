// The currency API: commands set_currency, load_rates, select_pair and the state().currency and
// state().rates sections. See docs/embedding.md.
#include <chrono>
#include <cmath>

#include "../core/claim_json.h"
#include "api_args.h"
#include "app_api_internal.h"

namespace factlens {

using nlohmann::json;

namespace {

// {type: 'set_currency', currency: 'USD' | null, rates: 'reference' | 'article' | {custom: 7.1, unit: 'CNY per USD'}}
std::string cmd_set_currency(AppState& s, const json& req, json*) {
    auto cur = req.find("currency");
    if (cur == req.end()) return "missing \"currency\" (a code such as \"USD\", or null for amounts as written)";
    std::string to;
    if (cur->is_string()) {
        to = cur->get<std::string>();
        if (to.size() > 16) return "\"currency\" must be a currency code such as \"USD\", or null";
    } else if (!cur->is_null()) {
        return "\"currency\" must be a currency code such as \"USD\", or null";
    }
    RateMode mode = s.currency.desc.mode;
    double custom = s.currency.desc.custom_rate;
    std::string unit = mode == RateMode::Custom ? s.currency.desc.custom_quote + " per " + s.currency.desc.custom_base : "";
    auto rates = req.find("rates");
    if (rates != req.end()) {
        if (rates->is_string()) {
            const std::string& m = rates->get_ref<const std::string&>();
            if (m == "reference") mode = RateMode::Reference;
            else if (m == "article") mode = RateMode::Article;
            else return "\"rates\" must be \"reference\", \"article\" or {custom: 7.1, unit: \"CNY per USD\"}";
        } else if (rates->is_object()) {
            auto c = rates->find("custom");
            if (c == rates->end() || !c->is_number()) return "\"rates.custom\" must be a number such as 7.1";
            custom = c->get<double>();
            unit.clear();
            if (rates->contains("unit")) {
                std::string error;
                if (!get_string(*rates, "unit", 40, &unit, &error)) return "\"rates.unit\" must be a string such as \"CNY per USD\"";
            }
            mode = RateMode::Custom;
        } else {
            return "\"rates\" must be \"reference\", \"article\" or {custom: 7.1, unit: \"CNY per USD\"}";
        }
    }
    const std::string why = set_currency(s, to, mode, custom, unit);
    if (why.empty()) update_facts(s);  // converted, re-sorted and re-filtered before the reply
    return why;
}

// {type: 'load_rates', name: 'eurofxref-hist.csv', text: '...'}
std::string cmd_load_rates(AppState& s, const json& req, json* extra) {
    std::string error, name, text;
    if (!get_string(req, "name", 200, &name, &error)) return error;
    if (!get_string(req, "text", 256u << 20, &text, &error)) return error;
    return run_load_rates(s, name, text, extra);
}

std::string cmd_select_pair(AppState& s, const json& req, json*) {
    std::string error;
    long long index = 0;
    if (!get_integer(req, "index", -1, 1000000000, &index, &error)) return error;
    return select_rate_check(s, (int)index);
}

json rates_mode_json(const CurrencyDesc& d) {
    if (d.mode == RateMode::Custom) return {{"custom", d.custom_rate}, {"unit", d.custom_quote + " per " + d.custom_base}};
    return rate_mode_name(d.mode);
}

json iso_or_null(Day d) { return d ? json(day_to_iso(d)) : json(nullptr); }

}  // namespace

std::string run_load_rates(AppState& s, const std::string& name, std::string_view text, json* extra) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::string why = load_rates(s, name, text);
    (*extra)["parse_ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (why.empty()) {
        update_facts(s);
        const int i = s.currency.rates.find_source(name);
        if (i >= 0) (*extra)["rates"] = s.currency.rates.sources[(size_t)i].rate_count();
    }
    return why;
}

const Command kRatesCommands[] = {
    {"set_currency", cmd_set_currency},
    {"load_rates", cmd_load_rates},
    {"select_pair", cmd_select_pair},
};
const size_t kRatesCommandCount = sizeof(kRatesCommands) / sizeof(kRatesCommands[0]);

json currency_state_json(const AppState& s) {
    const CurrencyState& c = s.currency;
    json sources = json::array();
    for (const RateSource& src : c.rates.sources)
        sources.push_back({{"name", src.name}, {"first_date", iso_or_null(src.first_date)}, {"last_date", iso_or_null(src.last_date)},
                           {"currencies", src.currencies()}, {"rates", src.rate_count()}});
    return {{"currency", c.desc.to.empty() ? json(nullptr) : json(c.desc.to)},
            {"rates", rates_mode_json(c.desc)},
            {"sources", sources},
            {"converted", c.converted_rows},
            {"stale", c.stale_rows},
            {"fallback", c.fallback_rows},
            {"unconverted", c.unconverted_rows},
            {"assumed_currency", c.assumed_rows},
            {"convert_ms", c.last_convert_ms},
            {"notice", c.notice.empty() ? json(nullptr) : json(c.notice)}};
}

json rates_state_json(const AppState& s) {
    update_rate_checks(s);
    const CurrencyState& c = s.currency;
    const FactTable& t = s.facts.table;
    json pairs = json::array();
    // The first 500 pairs: enough for any corpus a person reads, bounded for a million facts.
    const size_t shown = c.checks.size() < 500 ? c.checks.size() : 500;
    for (size_t i = 0; i < shown; ++i) {
        const PairCheck& p = c.checks[i];
        const FactSource& src = t.sources[t.source[p.row]];
        pairs.push_back({{"index", i},
                         {"article", src.id},
                         {"outlet", src.outlet == kUnknown ? json(nullptr) : json(src.outlet)},
                         {"date", src.date == kUnknown ? json(nullptr) : json(src.date)},
                         {"amount", t.texts.get(t.text[p.row])},
                         {"amount_value", t.value[p.row]},
                         {"amount_unit", t.units.get(t.unit[p.row])},
                         {"converted", t.texts.get(t.text[p.pair_row])},
                         {"converted_value", t.value[p.pair_row]},
                         {"converted_unit", t.units.get(t.unit[p.pair_row])},
                         {"implied", p.implied},
                         {"implied_low", p.implied_low},
                         {"implied_high", p.implied_high},
                         {"rate_unit", p.rate_unit},
                         {"rate_day", iso_or_null(p.rate_day)},
                         {"reference", p.reference > 0 ? json(p.reference) : json(nullptr)},
                         {"reference_date", iso_or_null(p.reference_date)},
                         {"reference_source", p.reference_source.empty() ? json(nullptr) : json(p.reference_source)},
                         {"reference_stale", p.reference_stale},
                         {"deviation", p.reference > 0 ? json(p.deviation) : json(nullptr)},
                         {"verdict", pair_verdict_name(p.verdict)},
                         {"explanation", p.explanation}});
    }
    return {{"pairs", pairs}, {"count", c.checks.size()}, {"selected", c.selected_check},
            {"chart", {{"unit", c.chart_unit}, {"source", c.chart_source}, {"points", c.chart_line.size()}}}};
}

}  // namespace factlens
