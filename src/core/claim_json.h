// Claims as JSON objects and CSV rows: the CLI's and facts.json's format (see README "CLI").
#pragma once
#include <string>
#include <vector>

#include "claim.h"
#include "convert.h"

namespace factlens {

// One claim as a single-line JSON object, keys in sorted order; numbers as nlohmann::json prints a
// double ("6000.0", "9.2"; null when absent or not finite); strings escaped as JSON requires and
// also U+0085, U+2028, U+2029 (as \u0085, \u2028, \u2029), malformed UTF-8 as U+FFFD. Written by
// claim_writer.h's append_claim_json(), which the CLI calls directly (no std::string per claim).
std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c);
std::string claims_csv_header();
std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c);
std::string day_to_iso(Day d);  // "2025-01-31"; "" for 0

// The same, with a currency chosen (`factlens extract --to`): the fields the app's export adds
// (facts_io.cpp, append_conversion_json / append_rate_csv), under the same names. `conv` is the
// claim's conversion from convert_money(), or status NotMoney for a claim that is not an amount of
// money. Money claims carry display_value, display_unit, rate and rate_unit (the conversion's, as
// people quote it: 7.0572 "CNY per USD"), rate_source, rate_date, rate_stale, conversion ("converted",
// "unchanged", "no rate", "fallback") and conversion_note (the explain_conversion() line, or why it
// was not converted); other claims get rate and rate_unit null. Every claim then carries its own
// pair's implied rate as pair_rate / pair_rate_unit, after rate, so facts_io's loader reads it back
// as the claim's rate. The JSON keys come in the export's order, not sorted.
std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv);
std::string claims_csv_header_converted();  // claims_csv_header() + rate,rate_unit,display_value,...
std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c, const Conversion& conv);

// The `conversion` field of an export: "converted", "unchanged", "not money", "no rate", "fallback".
const char* convert_status_name(ConvertStatus st);

} // namespace factlens
