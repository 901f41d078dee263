// The Facts view's query language, parsed. Plain data; the fact table evaluates it (fact_table.h).
//
// Grammar (terms are separated by spaces; all terms must hold):
//     term   := ['-'] field op value      a field filter; '-' negates it
//             | ['-'] word                free text: case-insensitive substring of the sentence,
//             | ['-'] "quoted phrase"     the subject, the unit or the figure's text
//     op     := ':' | '=' | '!=' | '>' | '>=' | '<' | '<='
//     value  := word | "quoted" | v1,v2,...  (a comma list means any of them, for ':' '=' '!=')
// Field names are case-insensitive:
//     kind       count | money | percent | quantity | date | period        (':' '=' '!=')
//     unit       a unit or currency, case-insensitive equality, or none   (':' '=' '!=')
//     outlet, article                       equality, case-insensitive     (':' '=' '!=')
//     qualifier, hedge, direction           equality, or none for absent   (':' '=' '!=')
//     subject, text                         substring, case-insensitive    (':' '=' '!=')
//     period, date   2025 | 2025-03 | 2025-03-05 | none: the fact's period (or the source's
//                    publication date) overlaps that year/month/day; with < <= > >= compares the
//                    period's start (the date) with the first day of that span (the last day for > <=)
//     value, low, high, rate   a number: 1e9, 1.2e12, 6000, 6,000, 9.2, -3, 12k, 1.5m, 3bn, 1.2tn
//                              (k m mn b bn t tn; case-insensitive), or none for absent; all ops
//     ambiguous      true | false | yes | no                               (':' '=' '!=')
// "!=" is the same as a leading '-' with '='. Examples: `kind:money unit:USD,CNY value>1e9`,
// `-hedge:none`, `period:2025 "AI firms"`, `outlet:"Race to AGI"`.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "claim.h"

namespace factlens {

enum class QueryField : unsigned char {
    FreeText,  // a bare word or quoted phrase
    Kind, Unit, Outlet, Article, Subject, Text, Qualifier, Hedge, Direction, Period, Date,
    Value, Low, High, Rate, Ambiguous,
};
const char* query_field_name(QueryField f);  // "kind", ...; "text" for FreeText too

enum class QueryOp : unsigned char { Is, Lt, Le, Gt, Ge };  // Is: ':' '=' (and '!=' with negate)

struct QueryTerm {
    QueryField field = QueryField::FreeText;
    QueryOp op = QueryOp::Is;
    bool negate = false;              // leading '-', or '!='
    // Is on a text field (and FreeText): any of these, as typed (unquoted, never empty). A value
    // "none" (case-insensitive) on unit/qualifier/hedge/direction/subject/period/date/value/low/
    // high/rate is reported through `none` instead and not listed here.
    std::vector<std::string> values;
    bool none = false;                // the field is absent ("unit:none", "value:none")
    ClaimKind kind = ClaimKind::Count;// Kind: the kinds named, as a bit set: 1 << int(kind)
    unsigned kinds = 0;
    double number = 0;                // Value/Low/High/Rate with any op; for Is, equality
    Day day_from = 0, day_to = 0;     // Period/Date: the span named (inclusive), e.g. 20250101..20251231
    bool flag = false;                // Ambiguous: the value asked for
    size_t pos = 0, len = 0;          // where the term is in the query, in bytes
};

struct QueryError {
    size_t pos = 0, len = 0;  // the offending bytes of the query
    std::string message;      // for a person, e.g. `unknown field "foo" at character 7 (known: kind, unit, ...)`
};

// Parses q (UTF-8). On success fills *out (cleared first) and returns true; on a malformed query
// returns false, leaves *out unchanged and explains in *err, naming the 1-based character position.
bool parse_fact_query(std::string_view q, std::vector<QueryTerm>* out, QueryError* err);

// Parses a number as the query language writes it ("1.2tn", "6,000", "1e9", "-3"); false if it is not one.
bool parse_query_number(std::string_view s, double* out);

} // namespace factlens
