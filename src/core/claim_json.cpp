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

std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c) {
    json j = to_json(article_id, text, c);
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

} // namespace factlens
