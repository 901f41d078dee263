// Claims as JSON objects and CSV rows: the CLI's and facts.json's format (see README "CLI").
#pragma once
#include <string>
#include <vector>

#include "claim.h"

namespace factlens {

// One claim as a single-line JSON object. `index` is its position in the article's claim list.
std::string claim_to_json(const std::string& article_id, const std::string& text, const Claim& c);
std::string claims_csv_header();
std::string claim_to_csv(const std::string& article_id, const std::string& text, const Claim& c);
std::string day_to_iso(Day d);  // "2025-01-31"; "" for 0

} // namespace factlens
