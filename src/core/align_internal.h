// Internals of align_facts() shared by its files: subject normalisation (align_subject.cpp), facts,
// links and clusters (align.cpp), verdicts and their sentences (align_verdict.cpp). Not part of the
// engine's API (see align.h).
#pragma once
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "align.h"
#include "claim.h"

namespace factlens {
namespace detail {

// A concept: one normalised word or phrase ("firm", "ai", "industry"), interned per call.
using ConceptId = uint32_t;
constexpr ConceptId kNoConcept = 0;

class ConceptPool {
public:
    ConceptPool() { names_.emplace_back(); }
    ConceptId intern(std::string_view s);
    const std::string& name(ConceptId id) const { return names_[id]; }

private:
    std::unordered_map<std::string, ConceptId> ids_;
    std::vector<std::string> names_;  // [0] = "" (kNoConcept)
};

struct WeightedConcept {
    ConceptId id = kNoConcept;
    float weight = 0;  // kStrongWeight for the subject and counted noun, kContextWeight for the sentence
};
constexpr float kStrongWeight = 2.0f;
constexpr float kContextWeight = 1.0f;

// What a figure is about, normalised.
struct Subject {
    std::vector<WeightedConcept> concepts;  // sorted by id, one entry per concept (its largest weight)
    ConceptId head = kNoConcept;            // the head noun ("firm" of "AI firms"); none if only generic words
    std::vector<ConceptId> modifiers;       // what narrows the head in the subject ("AI" of "AI firms"), sorted
    std::vector<ConceptId> names;           // proper names next to the figure ("A" of "Firm A"), sorted
    float total = 0;                        // sum of the weights
    bool has(ConceptId c) const;
};

// The subject of claim c in text: the extractor's subject and counted noun, the words right after
// a count ("6,000 artificial intelligence (AI) enterprises"), and the words of its sentence.
Subject claim_subject(std::string_view text, const Claim& c, ConceptPool& pool);
// Adds from's concepts (only its strong ones unless with_context) to into, the largest weight
// winning; takes from's head if into has none.
void merge_subject(Subject& into, const Subject& from, bool with_context);
// Weighted overlap, 0..1: sum of min weights over sum of max weights, the context counting half
// unless it is shared.
float subject_similarity(const Subject& a, const Subject& b);
// Heads agree: equal, or one side has no head and mentions the other's head.
bool heads_compatible(const Subject& a, const Subject& b);
// One side's modifiers all appear in the other's subject or sentence: "AI firms" and "related
// enterprises" can be one thing, "solar firms" and "wind firms" cannot.
bool modifiers_compatible(const Subject& a, const Subject& b);
// Both name someone next to the figure and the names differ ("Firm A" vs "Firm B").
bool names_conflict(const Subject& a, const Subject& b);

// The concept a lower-case word stands for: lemma, then the synonym table ("companies" -> "firm",
// "sector" -> "industry"); "" for words that say nothing about a subject (stop words, numbers,
// units, months, reporting verbs). *generic is set for words that are no head ("value", "mark").
std::string_view word_concept(std::string_view lower, std::string& scratch, bool* generic);

// ---- Figures (align.cpp) ----------------------------------------------------------------------

enum class Shape : uint8_t {
    Point,   // "6,000": the rounding interval of what is written
    Approx,  // "about 168 billion": +- AlignDesc::approx_tolerance
    Lower,   // "more than 6,000"
    Upper,   // "nearly 80%"
    Range,   // "5 to 10"
};

// One figure as an interval, in one unit.
struct Figure {
    const Claim* claim = nullptr;  // the claim it comes from
    double value = 0;
    double lo = -INFINITY, hi = INFINITY;  // what it allows: bounds, rounding, the conversion allowance
    double wlo = 0, whi = 0;               // the rounding interval of the written figure
    Shape shape = Shape::Point;
    const char* unit = nullptr;            // for money, the currency it is in (after conversion)
    bool converted = false;                // not written in this unit: a source's or a reference conversion
    double factor = 1;                     // what the written value was multiplied by (a reference rate)
    const struct ReferenceRate* reference = nullptr;  // the reference rate it was converted at, if any
};

// A rate from the rate table, as one figure was converted at it.
struct ReferenceRate {
    double rate = 0;     // units of the target per one unit of the figure's currency; 0 = none
    Day date = 0;        // the rate's publication date
    std::string source;  // the rate table's name ("CFETS central parity")
    bool stale = false;  // older than AlignDesc::stale_days before the figure's date
};

Figure figure_of(std::string_view text, const Claim& c, const AlignDesc& d);
Figure converted_figure(const Figure& f, double factor, double tolerance, const char* unit);
// The same value, allowing for the rounding of what is written (and within tolerance, relative).
bool same_figure(const Figure& a, const Figure& b, double tolerance);
bool figures_conflict(const Figure& a, const Figure& b);  // the intervals cannot both hold

// ---- Facts (align.cpp) ------------------------------------------------------------------------

enum class HedgeClass : uint8_t { Outcome, Estimate, Forecast, Target };  // none, expected, forecast, target
HedgeClass hedge_class(const char* hedge);

// One figure of one article: a claim, its conversion pair, and its restatements in the article.
struct Fact {
    uint32_t article = 0;
    uint32_t claim = 0;              // the most complete mention (for a pair: the figure written first)
    int32_t pair = -1;               // its conversion pair's claim, or -1
    std::vector<uint32_t> restated;  // other mentions of the same figure (and their pairs), sorted
    uint32_t cls = 0;                // kind and unit class: facts of different classes never link
    Subject subject;
    Day period_start = 0, period_end = 0;  // of any mention that states one
    HedgeClass hedge = HedgeClass::Outcome;
    const char* direction = nullptr;
    Figure fig, pair_fig;            // as written (pair_fig when pair >= 0)
};

// Everything one align_facts() call works on.
struct AlignState {
    const std::vector<AlignArticle>& arts;
    const RateTable* rates;
    const AlignDesc& d;
    ConceptPool pool;
    std::vector<Fact> facts;
    std::unordered_map<std::string, ReferenceRate> rate_cache;  // "CNY>USD@20260121" -> rate (node-stable)
};

void build_facts(AlignState& s);
float link(AlignState& s, uint32_t a, uint32_t b);  // >= 0: the facts can be one quantity (higher: closer)
std::vector<std::vector<uint32_t>> merge_clusters(AlignState& s);
Day fact_day(const AlignState& s, const Fact& f);  // publication date, else the end of its period
// The fact's figure in `currency` (its own, its pair, or converted at the reference rate); false
// when it cannot be had. Non-money facts: their figure.
bool figure_in(AlignState& s, const Fact& f, const char* currency, Figure* out);

// ---- Verdicts (align_verdict.cpp) -------------------------------------------------------------

Cluster judge_cluster(AlignState& s, const std::vector<uint32_t>& facts);

}  // namespace detail
}  // namespace factlens
