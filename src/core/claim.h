// A claim: one numeric statement found in a text. Plain data: offsets point into the text the claim
// was extracted from, strings that come from the engine's own tables are static.
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factlens {

enum class ClaimKind : uint8_t { Count, Money, Percent, Quantity, Date, Period };
const char* claim_kind_name(ClaimKind k);

constexpr double kNone = NAN;  // an absent value or an open bound (null in JSON)
inline bool is_none(double v) { return std::isnan(v); }

// A calendar day as yyyymmdd (20250131); 0 when absent.
using Day = int32_t;

struct Claim {
    ClaimKind kind = ClaimKind::Count;
    double value = kNone;      // money in whole currency units (1.2e12); percent as 9.2; none for date/period;
                               // for a range ("between 5 and 10", "30-40 percent") the first number;
                               // signed ("-2.5%", "minus 0.1 percent"); always finite, |value| <= 1e300
    double low = kNone;        // bounds implied by the qualifier, or a range's ends in order; none = open;
    double high = kNone;       // low <= value <= high whenever they are present
    uint32_t start = 0, end = 0;            // UTF-8 byte offsets of the claim's text
    const char* unit = nullptr;             // ISO 4217 code, "%", "pp", "bp", or a unit from the engine's table
    uint32_t noun_start = 0, noun_end = 0;  // counted noun (counts) in the text, when unit is null
    uint32_t subject_start = 0, subject_end = 0;  // what the number is about, in the text
    const char* qualifier = nullptr;        // "over", "about", "more than", ... as the engine names it
    const char* direction = nullptr;        // "up" or "down"
    const char* hedge = nullptr;            // "expected", "forecast", "target"
    Day period_start = 0, period_end = 0;   // the time the fact refers to (or, for date/period, denotes)
    int32_t pair = -1;                      // index of the linked conversion claim in the same article
    double rate = kNone;                    // with a pair: this value / the pair's value (the implied rate);
                                            // none when either value is zero or their signs differ
    const char* pair_unit = nullptr;        // with a rate: the pair's currency, so rate is "<unit> per <pair_unit>"
    bool ambiguous = false;                 // currency could not be decided from context ($, ¥)
};

// Options for one article.
struct ExtractOptions {
    Day published = 0;  // publication date, to resolve weekdays and "the year"; 0 if unknown
};

// Finds every claim in text (UTF-8; invalid bytes are skipped, never a crash). Claims come out in
// text order and never overlap.
std::vector<Claim> extract_claims(std::string_view text, const ExtractOptions& opt = {});

// The same claims, streamed: text is read in blocks of about 64 KiB and each block's claims are
// handed to sink, then dropped, so memory stays bounded however long the text is. Claim::pair
// indices count from the first claim of the whole text. Returns the number of claims.
using ClaimSink = void (*)(const Claim& claim, void* user);
size_t extract_claims_stream(std::string_view text, const ExtractOptions& opt, ClaimSink sink, void* user);

// What the article itself says about where and when it was published.
struct ArticleMeta {
    Day published = 0;
    std::string outlet;  // empty if not stated
};
ArticleMeta find_article_meta(const std::string& text);

} // namespace factlens
