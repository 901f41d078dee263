#include "claim_json.h"

#include <cstdio>

#include "claim_writer.h"
#include "dates.h"

namespace factlens {

std::string day_to_iso(Day d) {
    if (!d) return "";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day_year(d), day_month(d), day_dom(d));
    return buf;
}

// The writers are claim_writer.cpp's; these wrap them for callers that want one std::string.

std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c) {
    ByteBuffer b;
    append_claim_json(b, article_id, text, c, nullptr);
    return std::string(b.view());
}

std::string claims_csv_header() {
    return "article,kind,value,unit,qualifier,low,high,start,end,text,subject,period_start,period_end,pair,ambiguous";
}

std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c) {
    ByteBuffer b;
    append_claim_csv(b, article_id, text, c, nullptr);
    return std::string(b.view());
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

std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv) {
    ByteBuffer b;
    append_claim_json(b, article_id, text, c, &conv);
    return std::string(b.view());
}

std::string claims_csv_header_converted() {
    // As export_facts_csv: rate and rate_unit are the conversion's, the rest follows.
    return claims_csv_header() + ",rate,rate_unit,display_value,display_unit,rate_source,rate_date,rate_stale,"
                                 "conversion,conversion_note,pair_rate,pair_rate_unit";
}

std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv) {
    ByteBuffer b;
    append_claim_csv(b, article_id, text, c, &conv);
    return std::string(b.view());
}

} // namespace factlens
