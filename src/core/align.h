// Cross-source fact alignment: the claims of several articles grouped into clusters, each cluster
// one real-world quantity as different sources report it, with a verdict on whether they agree and
// a sentence saying why they differ. Plain data in, plain data out; no JSON (the CLI's
// `factlens compare` prints it).
//
// Usage:
//     std::vector<std::vector<Claim>> claims(texts.size());   // kept alive during the call
//     std::vector<AlignArticle> arts;
//     for (size_t i = 0; i < texts.size(); ++i) {
//         claims[i] = extract_claims(texts[i], {published[i]});
//         arts.push_back({ids[i], outlets[i], dates[i], published[i], texts[i], &claims[i]});
//     }
//     std::vector<Cluster> cs = align_facts(arts, &rates);      // rates may be nullptr
//     for (const Cluster& c : cs)
//         printf("%s %s: %s\n", verdict_name(c.verdict), c.label.c_str(), c.explanation.c_str());
//
// What align_facts() does:
//   1. Facts. Each article's quantities (count, money, percent, quantity claims; dates and periods
//      are not quantities and are skipped) become facts. A conversion pair ("1.2 trillion yuan
//      (about $168 billion)") is one fact with two figures. The same figure restated in the same
//      article (a headline repeated in the body) is one fact; its other mentions are `restated`.
//   2. Subjects. Each fact's subject is normalised into concepts: the extractor's subject and
//      counted noun (strong), and the words of its sentence (weak), lower-cased, lemmatised and
//      mapped through a small synonym table ("AI firms", "AI companies", "artificial intelligence
//      enterprises" -> {ai, firm}). The head noun (firm) is what the number is about.
//   3. Buckets. Facts are bucketed by kind, unit class (money in any currency is one class) and
//      head concept; only facts of one bucket (or a headless fact against the buckets of its own
//      concepts) are ever compared, so the work grows with bucket sizes, not with all claims
//      squared.
//   4. Links. Two facts of different articles link when their heads match, their subjects are
//      similar enough, their values are of one magnitude (within AlignDesc::max_ratio, after
//      conversion), and their hedges and periods allow it: a target or forecast never links to an
//      outcome of the same period; facts of different periods link only when they give the same
//      figure (a number attached to the wrong year).
//   5. Clusters. Links are taken best first; two clusters merge only if every pair of their facts
//      links (complete linkage) and no article would appear twice.
//   6. Verdicts. Each cluster is compared in one currency (the one most of its facts are written
//      in; others through their own conversion pair, else the rate table) and gets a verdict, the
//      reasons its sources differ, and an explanation sentence naming the sources and figures.
// Deterministic: the same input gives the same clusters in the same order.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claim.h"
#include "rates.h"

namespace factlens {

// One article handed to align_facts(). Nothing is copied: `text` and `claims` must outlive the
// call (the result holds indices, not pointers, so it may outlive them).
struct AlignArticle {
    std::string id;                         // the article id ("002_97deae5d2b524853")
    std::string outlet;                     // "ECNS", or "" / "unknown" when not stated
    std::string date;                       // ISO publication date, or "" / "unknown"
    Day published = 0;                      // the same date as a Day; 0 when unknown (rates use it)
    std::string_view text;                  // the text the claims' offsets point into
    const std::vector<Claim>* claims = nullptr;  // extract_claims(text); nullptr = no claims
};

// Options. AlignDesc{} is the default; every field says its unit.
struct AlignDesc {
    double rel_tolerance = 0.02;     // relative: figures this close, that also round to each other, agree;
                                     // also the allowance for a figure converted by a source
    double approx_tolerance = 0.05;  // relative half-width of "about X" (its interval is X ± 5%)
    double max_ratio = 2.0;          // factor: values further apart are never one quantity
    double min_similarity = 0.25;    // 0..1: subject similarity a link needs (weighted overlap)
    double min_conflict_similarity = 0.55;  // 0..1: the same for figures that contradict each other
    bool convert_currency = true;    // compare unpaired amounts in different currencies via the rates
    int stale_days = 30;             // a reference rate older than this (days) still converts, and says so
};

// The verdict on one cluster, from a fixed set.
enum class Verdict : uint8_t {
    Agree,       // the same value, allowing for the rounding of what is written
    Compatible,  // different but not contradictory: overlapping bounds, another rate, a rounder figure
    Conflict,    // the figures' intervals cannot both be true
    Timeframe,   // the same figure attached to different periods by different sources
    Single,      // only one source reports it
};
const char* verdict_name(Verdict v);  // "agree", "compatible", "conflict", "timeframe", "single"

// Why sources differ: bits of Cluster::reasons (0 when they do not).
enum AlignReason_ : uint32_t {
    AlignReason_None = 0,
    AlignReason_BaseFigure = 1 << 0,    // the figures as written differ (1 vs 1.2 trillion yuan)
    AlignReason_ExchangeRate = 1 << 1,  // their conversions imply different exchange rates
    AlignReason_Period = 1 << 2,        // the figure is attached to different periods
    AlignReason_Rounding = 1 << 3,      // one figure is a rounder form of the other (1 vs 1.2)
    AlignReason_Bound = 1 << 4,         // one gives a bound ("more than 9%"), the other a value (9.2%)
    AlignReason_Hedge = 1 << 5,         // an estimate, forecast or target against an outcome
};
// "base_figure", "exchange_rate", "period", "rounding", "bound", "hedge" for one bit; "" otherwise.
const char* align_reason_name(uint32_t reason_bit);
// Every bit set, in the order above: {"base_figure", "exchange_rate"}.
std::vector<const char*> align_reason_names(uint32_t reasons);

// One claim in a cluster, by index.
struct ClusterMember {
    uint32_t article = 0;  // index into the articles handed to align_facts()
    uint32_t claim = 0;    // index into that article's claims
};

struct Cluster {
    std::string label;        // what the figures are about, as one source writes it: "core AI industry (CNY)"
    Verdict verdict = Verdict::Single;
    uint32_t reasons = 0;     // AlignReason_ bits: why the sources differ
    std::string explanation;  // one sentence a person can check against the texts
    // The figures, one fact per article, in article order; a fact's conversion pair follows it
    // (the only way two members come from one article).
    std::vector<ClusterMember> members;
    // Other mentions of a member's figure in its own article (a repeated headline): not separate
    // sources, so not counted, but shown where the figure is.
    std::vector<ClusterMember> restated;
    uint32_t sources = 0;     // distinct articles among members
    double spread = 0;        // relative: (max - min) / max of the figures in one currency, for sorting
    std::string currency;     // the currency the figures were compared in ("CNY"); "" when not money
};

// Groups the claims of `articles` into clusters (see the top of this file). `rates` may be nullptr:
// amounts in different currencies are then compared only through the conversions the articles state.
// Multi-source clusters come first (most sources first, then by first appearance), single-source
// ones after them in article and text order. Never throws on odd input (bad offsets, NaN values are
// skipped). Work: linear in the claims, plus the pairs within each bucket (facts of one kind, unit
// class and head noun): 1,000 articles of 10 figures each take about 0.15 s natively.
std::vector<Cluster> align_facts(const std::vector<AlignArticle>& articles, const RateTable* rates,
                                 const AlignDesc& d = {});

} // namespace factlens
