// The Facts view's query language: a hand-written scanner over the UTF-8 query (see fact_query.h).
//
// Rules the header leaves open, decided here:
//  - Terms are separated by ASCII whitespace (space, tab, CR, LF, VT, FF) and U+00A0.
//  - Field filter or free text: a bare word is split at its first operator (':' '=' '!=' '<' '<='
//    '>' '>='; a '!' not followed by '=' is an ordinary character, as in "Yahoo!"). If the part
//    before the operator is a field name (case-insensitive) the term is a filter. Otherwise, if that
//    part starts with an ASCII letter it was meant as a field and is an error ("unknown field");
//    if it is empty or starts with anything else (a digit, sign, '.', currency symbol, other
//    punctuation, a non-ASCII character) the whole word is free text: "9.2%", "$170", "<5", "3:2",
//    "€5:1", "企业:AI". Quote a phrase to search for text such as "Note:".
//  - Quotes: a '"' opens a phrase only at the start of a term (after an optional '-') or of a value
//    (after the operator or a ','); inside, \" is a quote and \\ a backslash (any other backslash is
//    kept as is). A '"' inside a bare word, or text right after a closing quote, is an error.
//  - "--word" is an error (one '-' negates); so is '-' together with '!='.
//  - "none": a bare or quoted none means absent on the number and date fields; on the text fields
//    (unit, qualifier, hedge, direction, subject) only a bare none does, so subject:"none" searches
//    for the text "none". A comma list may mix none and values ("unit:USD,none": either). "none" takes
//    only ':' '=' '!='. On outlet, article and text, none is an ordinary value.
//  - Number fields take the whole value up to the next space (commas there group thousands), so
//    "value:1,2" is a bad number, not a list. Period, date and ambiguous report a list at its comma.
//  - Dates: a 4-digit year 0001..9999, then optionally -M or -MM, then optionally -D or -DD.
//  - Kind: QueryTerm::kinds holds the bit set; QueryTerm::kind is the first kind named.
// Every error names the 1-based character (code point) position of QueryError::pos.
#include "fact_query.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "dates.h"
#include "utf8.h"

namespace factlens {

namespace {

struct FieldName {
    const char* name;
    QueryField field;
};
const FieldName kFields[] = {
    {"kind", QueryField::Kind},           {"unit", QueryField::Unit},
    {"outlet", QueryField::Outlet},       {"article", QueryField::Article},
    {"subject", QueryField::Subject},     {"text", QueryField::Text},
    {"qualifier", QueryField::Qualifier}, {"hedge", QueryField::Hedge},
    {"direction", QueryField::Direction}, {"period", QueryField::Period},
    {"date", QueryField::Date},           {"value", QueryField::Value},
    {"low", QueryField::Low},             {"high", QueryField::High},
    {"rate", QueryField::Rate},           {"ambiguous", QueryField::Ambiguous},
};
const char kKnownFields[] =
    "kind, unit, outlet, article, subject, text, qualifier, hedge, direction, period, date, value, "
    "low, high, rate, ambiguous";

// Our own table, so the parser does not depend on the extractor (claim_kind_name is in extract.cpp).
const char* const kKindNames[] = {"count", "money", "percent", "quantity", "date", "period"};
const char kKnownKinds[] = "count, money, percent, quantity, date, period";

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

bool is_number_field(QueryField f) {
    return f == QueryField::Value || f == QueryField::Low || f == QueryField::High || f == QueryField::Rate;
}
bool is_date_field(QueryField f) { return f == QueryField::Period || f == QueryField::Date; }
bool takes_comparisons(QueryField f) { return is_number_field(f) || is_date_field(f); }
// Text fields on which a bare "none" means the field is absent.
bool text_field_has_none(QueryField f) {
    return f == QueryField::Unit || f == QueryField::Qualifier || f == QueryField::Hedge ||
           f == QueryField::Direction || f == QueryField::Subject;
}

// YYYY, YYYY-M[M], YYYY-M[M]-D[D] -> an inclusive span of days.
bool parse_date_span(std::string_view s, Day* from, Day* to) {
    if (s.size() < 4) return false;
    for (size_t k = 0; k < 4; ++k)
        if (!is_digit(s[k])) return false;
    const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (y < 1) return false;
    size_t i = 4;
    auto read_part = [&](int* v) {  // "-" then 1 or 2 digits
        if (i >= s.size() || s[i] != '-') return false;
        ++i;
        size_t d = 0;
        *v = 0;
        while (i < s.size() && is_digit(s[i]) && d < 2) { *v = *v * 10 + (s[i] - '0'); ++i; ++d; }
        return d > 0;
    };
    if (i == s.size()) { *from = make_day(y, 1, 1); *to = make_day(y, 12, 31); return true; }
    int m = 0;
    if (!read_part(&m) || m < 1 || m > 12) return false;
    if (i == s.size()) { *from = make_day(y, m, 1); *to = make_day(y, m, days_in_month(y, m)); return true; }
    int d = 0;
    if (!read_part(&d) || i != s.size() || !is_valid_day(y, m, d)) return false;
    *from = *to = make_day(y, m, d);
    return true;
}

struct Item {  // one value of a field filter
    std::string text;  // unquoted
    size_t pos, len;   // in the query, quotes included
    bool quoted;
};

class Parser {
public:
    Parser(std::string_view q, QueryError* err) : q_(q), n_(q.size()), err_(err) {}

    bool parse(std::vector<QueryTerm>* terms) {
        for (size_t i = 0; i < n_;) {
            if (const size_t s = space_len(i)) { i += s; continue; }
            QueryTerm t;
            if (!parse_term(i, t)) return false;
            terms->push_back(std::move(t));
        }
        return true;
    }

    bool check_utf8() {
        for (size_t i = 0; i < n_;) {
            const DecodedChar d = utf8_decode(q_, i);
            if (!d.valid) return fail(i, (size_t)d.len, "the query is not valid UTF-8 " + at(i));
            i += (size_t)d.len;
        }
        return true;
    }

private:
    std::string_view q_;
    size_t n_;
    QueryError* err_;

    // "at character N" for byte offset pos (1-based code points).
    std::string at(size_t pos) const {
        return "at character " + std::to_string(utf8_count_code_points(q_.substr(0, pos)) + 1);
    }

    bool fail(size_t pos, size_t len, std::string message) {
        if (err_) {
            err_->pos = pos;
            err_->len = len;
            err_->message = std::move(message);
        }
        return false;
    }

    size_t char_len(size_t i) const { return (size_t)utf8_decode(q_, i).len; }

    // Bytes of the separator at i, 0 if none.
    size_t space_len(size_t i) const {
        const char c = q_[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return 1;
        if ((unsigned char)c == 0xC2 && i + 1 < n_ && (unsigned char)q_[i + 1] == 0xA0) return 2;
        return 0;
    }
    bool at_end_of_term(size_t i) const { return i >= n_ || space_len(i) > 0; }

    // Bytes of the operator at i, 0 if none.
    size_t op_len(size_t i) const {
        const char c = q_[i];
        const bool eq_next = i + 1 < n_ && q_[i + 1] == '=';
        if (c == ':' || c == '=') return 1;
        if (c == '!') return eq_next ? 2 : 0;
        if (c == '<' || c == '>') return eq_next ? 2 : 1;
        return 0;
    }

    // q_[i] == '"': reads the phrase into *out and moves i past the closing quote.
    bool read_quoted(size_t& i, std::string* out) {
        const size_t open = i;
        std::string s;
        for (size_t k = i + 1; k < n_;) {
            const char c = q_[k];
            if (c == '\\' && k + 1 < n_ && (q_[k + 1] == '"' || q_[k + 1] == '\\')) {
                s += q_[k + 1];
                k += 2;
            } else if (c == '"') {
                i = k + 1;
                *out = std::move(s);
                return true;
            } else {
                s += c;
                ++k;
            }
        }
        return fail(open, 1, "unterminated quote " + at(open));
    }

    bool stray_quote(size_t i) {
        return fail(i, 1, "unexpected '\"' " + at(i) + " (a quoted phrase must start a term or a value)");
    }
    bool need_space(size_t i) {
        return fail(i, char_len(i), "expected a space after the closing quote, found text " + at(i));
    }

    bool parse_term(size_t& i, QueryTerm& t) {
        const size_t start = i;
        t.pos = start;
        if (q_[i] == '-') {
            t.negate = true;
            ++i;
            if (at_end_of_term(i)) return fail(start, 1, "'-' needs a term after it " + at(start));
            if (q_[i] == '-') return fail(start, 2, "\"--\" " + at(start) + ": one '-' negates a term");
        }
        if (q_[i] == '"') {
            const size_t open = i;
            std::string phrase;
            if (!read_quoted(i, &phrase)) return false;
            if (phrase.empty()) return fail(open, 2, "empty quoted phrase \"\" " + at(open));
            if (!at_end_of_term(i)) return need_space(i);
            t.field = QueryField::FreeText;
            t.values.push_back(std::move(phrase));
            t.len = i - start;
            return true;
        }
        // The word's head, up to its first operator.
        size_t h = i;
        while (h < n_ && !space_len(h) && q_[h] != '"' && !op_len(h)) h += char_len(h);
        if (h < n_ && op_len(h)) {
            const std::string_view name = q_.substr(i, h - i);
            for (const FieldName& f : kFields)
                if (iequals(name, f.name)) return parse_filter(start, i, f.field, h, i, t);
            if (!name.empty() && is_ascii_letter(name[0]))
                return fail(i, name.size(), "unknown field \"" + std::string(name) + "\" " + at(i) +
                                                " (known: " + kKnownFields + ")");
        }
        // Free text: the whole word.
        size_t e = i;
        while (!at_end_of_term(e)) {
            if (q_[e] == '"') return stray_quote(e);
            e += char_len(e);
        }
        t.field = QueryField::FreeText;
        t.values.emplace_back(q_.substr(i, e - i));
        t.len = e - start;
        i = e;
        return true;
    }

    // The values after the operator, from v: a comma list when split, else one value up to the space.
    bool read_items(size_t& j, bool split, std::vector<Item>* items, size_t* first_comma) {
        const size_t v = j;
        *first_comma = std::string_view::npos;
        for (;;) {
            if (q_[j] == '"') {
                const size_t open = j;
                std::string s;
                if (!read_quoted(j, &s)) return false;
                if (s.empty()) return fail(open, 2, "empty value \"\" " + at(open));
                items->push_back({std::move(s), open, j - open, true});
            } else {
                const size_t s = j;
                while (!at_end_of_term(j) && !(split && q_[j] == ',')) {
                    if (q_[j] == '"') return stray_quote(j);
                    j += char_len(j);
                }
                if (j == s) {  // at a ','
                    if (s == v) return fail(s, 1, "a value is missing before the ',' " + at(s));
                    return fail(s - 1, 1, "a value is missing after the ',' " + at(s - 1));
                }
                items->push_back({std::string(q_.substr(s, j - s)), s, j - s, false});
            }
            if (split && j < n_ && q_[j] == ',') {
                if (*first_comma == std::string_view::npos) *first_comma = j;
                ++j;
                if (at_end_of_term(j)) return fail(j - 1, 1, "a value is missing after the ',' " + at(j - 1));
                continue;
            }
            if (!at_end_of_term(j)) return need_space(j);
            return true;
        }
    }

    // name_pos: the field name; op_pos: the operator after it.
    bool parse_filter(size_t start, size_t name_pos, QueryField field, size_t op_pos, size_t& i, QueryTerm& t) {
        const size_t ol = op_len(op_pos);
        const std::string_view op = q_.substr(op_pos, ol);
        const char* fname = query_field_name(field);
        t.field = field;
        if (op == ":" || op == "=") t.op = QueryOp::Is;
        else if (op == "!=") {
            if (t.negate)
                return fail(start, op_pos + ol - start, "'-' and '!=' together " + at(start) + ": use one of them");
            t.op = QueryOp::Is;
            t.negate = true;
        } else if (op == "<") t.op = QueryOp::Lt;
        else if (op == "<=") t.op = QueryOp::Le;
        else if (op == ">") t.op = QueryOp::Gt;
        else t.op = QueryOp::Ge;
        if (t.op != QueryOp::Is && !takes_comparisons(field))
            return fail(op_pos, ol, "field \"" + std::string(fname) + "\" does not take '" + std::string(op) + "' " +
                                        at(op_pos) + " (allowed: ':' '=' '!=')");
        size_t j = op_pos + ol;
        if (at_end_of_term(j))
            return fail(name_pos, j - name_pos,
                        "\"" + std::string(q_.substr(name_pos, j - name_pos)) + "\" needs a value " + at(name_pos));

        std::vector<Item> items;
        size_t comma = std::string_view::npos;
        if (!read_items(j, !is_number_field(field), &items, &comma)) return false;
        const bool list_ok = !takes_comparisons(field) && field != QueryField::Ambiguous;
        if (!list_ok && comma != std::string_view::npos)
            return fail(comma, 1, "a comma list is not supported for \"" + std::string(fname) + "\" " + at(comma));

        const Item& first = items.front();
        const bool first_none = iequals(first.text, "none");
        if (takes_comparisons(field) && first_none) {
            if (t.op != QueryOp::Is)
                return fail(first.pos, first.len, "\"none\" cannot be compared with '" + std::string(op) + "' " +
                                                      at(first.pos) + " (use ':' '=' or '!=')");
            t.none = true;
        } else if (is_date_field(field)) {
            if (!parse_date_span(first.text, &t.day_from, &t.day_to))
                return fail(first.pos, first.len, "bad date \"" + first.text + "\" " + at(first.pos) +
                                                      " (use 2025, 2025-03, 2025-03-05 or none)");
        } else if (is_number_field(field)) {
            if (!parse_query_number(first.text, &t.number)) {
                std::string msg = "bad number \"" + first.text + "\" " + at(first.pos);
                if (first.text.find(',') != std::string::npos)
                    msg += " (',' only groups thousands, as in 6,000; a comma list is not supported for \"" +
                           std::string(fname) + "\")";
                return fail(first.pos, first.len, msg);
            }
        } else if (field == QueryField::Ambiguous) {
            const std::string& s = first.text;
            if (iequals(s, "true") || iequals(s, "yes")) t.flag = true;
            else if (iequals(s, "false") || iequals(s, "no")) t.flag = false;
            else
                return fail(first.pos, first.len, "bad value \"" + s + "\" for ambiguous " + at(first.pos) +
                                                      " (use true, false, yes or no)");
        } else if (field == QueryField::Kind) {
            bool have = false;
            for (const Item& it : items) {
                int k = -1;
                for (int x = 0; x < 6; ++x)
                    if (iequals(it.text, kKindNames[x])) k = x;
                if (k < 0)
                    return fail(it.pos, it.len, "unknown kind \"" + it.text + "\" " + at(it.pos) + " (kinds: " +
                                                    kKnownKinds + ")");
                if (!have) t.kind = (ClaimKind)k;
                have = true;
                t.kinds |= 1u << k;
            }
        } else {  // text fields
            for (Item& it : items) {
                if (text_field_has_none(field) && !it.quoted && iequals(it.text, "none")) t.none = true;
                else t.values.push_back(std::move(it.text));
            }
        }
        t.len = j - start;
        i = j;
        return true;
    }
};

} // namespace

const char* query_field_name(QueryField f) {
    switch (f) {
        case QueryField::FreeText: return "text";
        case QueryField::Kind: return "kind";
        case QueryField::Unit: return "unit";
        case QueryField::Outlet: return "outlet";
        case QueryField::Article: return "article";
        case QueryField::Subject: return "subject";
        case QueryField::Text: return "text";
        case QueryField::Qualifier: return "qualifier";
        case QueryField::Hedge: return "hedge";
        case QueryField::Direction: return "direction";
        case QueryField::Period: return "period";
        case QueryField::Date: return "date";
        case QueryField::Value: return "value";
        case QueryField::Low: return "low";
        case QueryField::High: return "high";
        case QueryField::Rate: return "rate";
        case QueryField::Ambiguous: return "ambiguous";
    }
    return "text";
}

bool parse_query_number(std::string_view s, double* out) {
    // [sign] (digits | d{1,3}(,ddd)+) [. digits] [e [sign] digits] [k|m|mn|b|bn|t|tn], with at least
    // one digit before the exponent ("5." and "." are not numbers, ".5" is).
    size_t i = 0;
    const size_t n = s.size();
    std::string plain;  // what strtod reads: sign, digits, '.', then "e<exponent>"
    if (i < n && (s[i] == '+' || s[i] == '-')) plain += s[i++];
    size_t int_digits = 0, group = 0;
    bool grouped = false;
    for (; i < n; ++i) {
        if (is_digit(s[i])) {
            plain += s[i];
            ++int_digits;
            ++group;
        } else if (s[i] == ',') {
            // Before the first ',' 1..3 digits; between ','s exactly 3; a digit must follow.
            if (grouped ? group != 3 : (group < 1 || group > 3)) return false;
            if (i + 1 >= n || !is_digit(s[i + 1])) return false;
            grouped = true;
            group = 0;
        } else {
            break;
        }
    }
    if (grouped && group != 3) return false;
    size_t frac_digits = 0;
    if (i < n && s[i] == '.') {
        plain += '.';
        for (++i; i < n && is_digit(s[i]); ++i) { plain += s[i]; ++frac_digits; }
        if (frac_digits == 0) return false;  // "5." is not a number; ".5" is
    }
    if (int_digits + frac_digits == 0) return false;
    long exp10 = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool neg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        size_t d = 0;
        for (; i < n && is_digit(s[i]); ++i, ++d)
            if (exp10 < 100000) exp10 = exp10 * 10 + (s[i] - '0');  // past this it is 0 or inf anyway
        if (d == 0) return false;
        if (neg) exp10 = -exp10;
    }
    const std::string_view suffix = s.substr(i);
    if (suffix.empty()) {
    } else if (iequals(suffix, "k")) exp10 += 3;
    else if (iequals(suffix, "m") || iequals(suffix, "mn")) exp10 += 6;
    else if (iequals(suffix, "b") || iequals(suffix, "bn")) exp10 += 9;
    else if (iequals(suffix, "t") || iequals(suffix, "tn")) exp10 += 12;
    else return false;
    // The scale goes into the exponent so that 1.2tn is the double nearest 1.2e12, not 1.2 * 1e12.
    plain += 'e';
    plain += std::to_string(exp10);
    char* end = nullptr;
    const double v = std::strtod(plain.c_str(), &end);
    if (end != plain.c_str() + plain.size() || !std::isfinite(v)) return false;
    *out = v;
    return true;
}

bool parse_fact_query(std::string_view q, std::vector<QueryTerm>* out, QueryError* err) {
    Parser p(q, err);
    if (!p.check_utf8()) return false;
    std::vector<QueryTerm> terms;
    if (!p.parse(&terms)) return false;
    if (out) *out = std::move(terms);
    return true;
}

} // namespace factlens
