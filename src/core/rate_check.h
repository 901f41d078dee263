// Who used which rate: every conversion pair the articles state ("1.2 trillion yuan (about $170
// billion)"), the rate it implies as an interval (the converted figure is rounded, so $170 billion
// stands for anything from $169.5 to $170.5 billion), the reference rate for the article's date, and
// a verdict a reader can check. The Rates view and `state().rates` show these.
//
// Usage:
//     std::vector<PairCheck> checks = check_conversion_pairs(table, rates);
//     for (const PairCheck& c : checks) printf("%s %s\n", pair_verdict_name(c.verdict), c.explanation.c_str());
//
// What happens, per pair (each pair once, the figure written first being the amount):
//   1. implied = amount / converted, quoted the way people quote it (CNY per USD, >= 1).
//   2. The converted figure's rounding interval (written_interval) gives [implied_low, implied_high];
//      the amount is taken as exact, since it is the figure the article converted.
//   3. The reference rate for the article's publication date (else the end of the fact's period,
//      else the latest) comes from find_rate().
//   4. Verdict: the reference inside the interval: consistent; within near_tolerance of it: near;
//      else far, and the explanation says which rate the article's figure implies, when the
//      reference table last had a rate in that interval, and what base figure the reference rate
//      would give (an "over 1.2 trillion" amount allows a larger base).
#pragma once
#include <string>
#include <vector>

#include "fact_table.h"
#include "rates.h"

namespace factlens {

enum class PairVerdict : uint8_t {
    Consistent,   // the reference rate lies inside the implied interval
    Near,         // outside, but within near_tolerance
    Far,          // a different rate, or a different base figure
    NoReference,  // no reference rate for these currencies and date
};
const char* pair_verdict_name(PairVerdict v);  // "consistent", "near", "far", "no reference"

struct PairCheckDesc {
    double near_tolerance = 0.005;  // relative distance from the interval that still counts as near
    int source = -1;                // RateTable source for the reference; -1: the first that quotes both
};

struct PairCheck {
    uint32_t row = 0;          // the amount (the figure written first): a table row
    uint32_t pair_row = 0;     // the converted figure
    std::string rate_unit;     // "CNY per USD"
    double implied = 0;        // the rate the article used, in rate_unit
    double implied_low = 0, implied_high = 0;  // the interval the rounding of the converted figure allows
    double reference = 0;      // the reference rate, in rate_unit; 0 when none
    Day reference_date = 0;
    std::string reference_source;  // the row's provenance
    bool reference_stale = false;
    Day rate_day = 0;          // the date the reference rate was looked up for
    double deviation = 0;      // (implied - reference) / reference
    PairVerdict verdict = PairVerdict::NoReference;
    Day last_matching_date = 0;  // Far/Near: the latest reference date whose rate lies in the interval
    double reference_base = 0;   // the amount the reference rate gives for the converted figure
    std::string explanation;     // one sentence
};

std::vector<PairCheck> check_conversion_pairs(const FactTable& t, const RateTable& rates, const PairCheckDesc& desc = {});

} // namespace factlens
