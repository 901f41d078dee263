#include "claim_json.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "dates.h"

namespace factlens {

using nlohmann::json;

std::string day_to_iso(Day d) {
    if (!d) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day_year(d), day_month(d), day_dom(d));
    return buf;
}

static json num_or_null(double v) { return is_none(v) ? json(nullptr) : json(v); }
static json str_or_null(const char* s) { return s ? json(s) : json(nullptr); }
static std::string slice(const std::string& text, uint32_t a, uint32_t b) {
    return b > a && b <= text.size() ? text.substr(a, b - a) : std::string();
}

static json to_json(const std::string& article_id, const std::string& text, const Claim& c) {
    json unit = nullptr;
    if (c.unit) unit = c.unit;
    else if (c.noun_end > c.noun_start) unit = slice(text, c.noun_start, c.noun_end);
    json period = nullptr;
    if (c.period_start) period = {{"start", day_to_iso(c.period_start)}, {"end", day_to_iso(c.period_end)}};
    json subject = c.subject_end > c.subject_start ? json(slice(text, c.subject_start, c.subject_end)) : json(nullptr);
    return {{"article", article_id}, {"kind", claim_kind_name(c.kind)}, {"value", num_or_null(c.value)},
            {"unit", unit}, {"qualifier", str_or_null(c.qualifier)}, {"low", num_or_null(c.low)},
            {"high", num_or_null(c.high)}, {"start", c.start}, {"end", c.end}, {"text", slice(text, c.start, c.end)},
            {"subject", subject}, {"period", period}, {"pair", c.pair >= 0 ? json(c.pair) : json(nullptr)},
            {"ambiguous", c.ambiguous}, {"direction", str_or_null(c.direction)}, {"hedge", str_or_null(c.hedge)},
            {"rate", num_or_null(c.rate)},
            {"rate_unit", c.pair_unit && c.unit ? json(std::string(c.unit) + " per " + c.pair_unit) : json(nullptr)}};
}

std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c) {
    return to_json(article_id, text, c).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string claims_csv_header() {
    return "article,kind,value,unit,qualifier,low,high,start,end,text,subject,period_start,period_end,pair,ambiguous";
}

static std::string csv_field(const json& v) {
    std::string s = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.dump();
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) { if (ch == '"') q += '"'; q += ch; }
    return q + "\"";
}

static std::string csv_row(const json& j, const Claim& c) {
    std::string row;
    for (const char* k : {"article", "kind", "value", "unit", "qualifier", "low", "high", "start", "end", "text", "subject"}) {
        row += csv_field(j[k]);
        row += ',';
    }
    row += day_to_iso(c.period_start) + "," + day_to_iso(c.period_end) + ",";
    row += c.pair >= 0 ? std::to_string(c.pair) : "";
    row += c.ambiguous ? ",true" : ",false";
    return row;
}

std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c) {
    return csv_row(to_json(article_id, text, c), c);
}

// ---- With a currency chosen ---------------------------------------------------------------------

const char* convert_status_name(ConvertStatus st) {
    switch (st) {
    case ConvertStatus::Converted: return "converted";
    case ConvertStatus::Unchanged: return "unchanged";
    case ConvertStatus::NotMoney: return "not money";
    case ConvertStatus::NoRate: return "no rate";
    case ConvertStatus::Fallback: return "fallback";
    }
    return "";
}

static json str_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The conversion's fields in the order of facts_io.cpp's append_conversion_json(), as (name, value)
// pairs, so that JSON and CSV cannot drift apart. A claim that is not money gets rate and rate_unit
// null and nothing else before pair_rate.
static std::vector<std::pair<const char*, json>> conversion_fields(const json& claim, const Claim& c, const Conversion& conv) {
    std::vector<std::pair<const char*, json>> f;
    if (conv.status == ConvertStatus::NotMoney) {
        f.emplace_back("rate", nullptr);
        f.emplace_back("rate_unit", nullptr);
    } else {
        // Unchanged is a conversion at 1 ("USD per USD"); a claim left as written has no rate.
        const bool unchanged = conv.status == ConvertStatus::Unchanged;
        const bool has_rate = conv.converted() || unchanged;
        const std::string shown_unit(conv.unit);
        f.emplace_back("display_value", num_or_null(conv.value));
        f.emplace_back("display_unit", str_or_null(shown_unit));
        f.emplace_back("rate", !has_rate ? json(nullptr) : unchanged ? json(1.0) : num_or_null(conv.display_rate));
        f.emplace_back("rate_unit", !has_rate ? json(nullptr) : unchanged ? json(shown_unit + " per " + shown_unit) : json(conv.rate_unit));
        f.emplace_back("rate_source", str_or_null(conv.rate_source));
        f.emplace_back("rate_date", str_or_null(day_to_iso(conv.rate_date)));
        f.emplace_back("rate_stale", conv.stale);
        f.emplace_back("conversion", convert_status_name(conv.status));
        f.emplace_back("conversion_note", conv.converted() ? json(explain_conversion(c.value, c.unit ? c.unit : "", conv))
                                                           : str_or_null(conv.error));
    }
    f.emplace_back("pair_rate", claim.at("rate"));
    f.emplace_back("pair_rate_unit", claim.at("rate_unit"));
    return f;
}

std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv) {
    const json plain = to_json(article_id, text, c);
    // facts_io's loader takes the last of rate / pair_rate as the claim's rate: keep the export's
    // order (pair_rate after rate) instead of nlohmann's sorted keys.
    nlohmann::ordered_json o;
    for (const char* k : {"article", "kind", "value", "unit", "qualifier", "low", "high", "start", "end", "text",
                          "subject", "period", "pair", "ambiguous", "direction", "hedge"})
        o[k] = plain.at(k);
    for (auto& [name, value] : conversion_fields(plain, c, conv)) o[name] = std::move(value);
    return o.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string claims_csv_header_converted() {
    // As export_facts_csv: rate and rate_unit are the conversion's, the rest follows.
    return claims_csv_header() + ",rate,rate_unit,display_value,display_unit,rate_source,rate_date,rate_stale,"
                                 "conversion,conversion_note,pair_rate,pair_rate_unit";
}

std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv) {
    const json plain = to_json(article_id, text, c);
    std::string row = csv_row(plain, c);
    json fields = json::object();
    for (auto& [name, value] : conversion_fields(plain, c, conv)) fields[name] = std::move(value);
    // Columns a claim that is not money lacks stay empty, as in append_rate_csv().
    for (const char* k : {"rate", "rate_unit", "display_value", "display_unit", "rate_source", "rate_date", "rate_stale",
                          "conversion", "conversion_note", "pair_rate", "pair_rate_unit"}) {
        row += ',';
        if (fields.contains(k)) row += csv_field(fields[k]);
    }
    return row;
}

} // namespace factlens
