// extract_claims: tokens → number phrases → claims (with qualifiers, units, subjects, periods and
// conversion pairs). One pass over the text in blocks of about 64 KiB, so memory stays proportional
// to the claims found, not to the tokens.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "claim.h"
#include "dates.h"
#include "extract_internal.h"
#include "utf8.h"

namespace factlens {

const char* claim_kind_name(ClaimKind k) {
    switch (k) {
        case ClaimKind::Count: return "count";
        case ClaimKind::Money: return "money";
        case ClaimKind::Percent: return "percent";
        case ClaimKind::Quantity: return "quantity";
        case ClaimKind::Date: return "date";
        case ClaimKind::Period: return "period";
    }
    return "count";
}

namespace {

using namespace detail;

struct Extractor {
    std::string_view text;
    const ExtractOptions& opt;
    std::vector<Claim>& out;
    std::vector<Token> toks;
    std::vector<uint8_t> skip;  // per token: inside a URL or e-mail address (reused between blocks)
    std::vector<int> sentence_buf;        // per token: sentence id (reused between blocks)
    std::vector<uint8_t> last_year_buf;   // per sentence: says "last year"
    std::vector<size_t> sentence_first_buf;  // per sentence: its first token
    std::vector<std::pair<size_t, Cue>> cue_buf;  // currency cues by token
    int context_year = 0;
    ClaimSink sink = nullptr;  // when set, each block's claims are handed over and dropped
    void* user = nullptr;
    size_t base = 0;           // claims handed to the sink so far (pair indices count from the first)

    void run();
    void block(size_t begin, size_t end);
};

bool is_url_run(const Block& b, size_t first, size_t last) {
    bool slash = false, dot_word = false;
    for (size_t k = first; k <= last; ++k) {
        if (b.is(k, "http") || b.is(k, "https") || b.is(k, "www")) return true;
        if (b.sym(k, '/')) slash = true;
        if (b.sym(k, '.') && b.word(k + 1) && k + 1 <= last) dot_word = true;
        if (b.sym(k, '@') && k + 1 <= last) return true;  // e-mail
    }
    return slash && dot_word;
}

// A minus sign right before token i: "-2.5%", "−3 billion" (U+2212 is folded to '-'), "minus 0.1
// percent"; the sign's token, or SIZE_MAX. A '-' must be glued to what follows and stand apart from
// what precedes it (a space, a line start or "("), so "COVID-19" and "2026-2030" carry no sign.
size_t sign_before(const Block& b, size_t i) {
    if (i == 0 || i > b.n()) return SIZE_MAX;
    if (b.is(i - 1, "minus")) return i - 1;
    if (b.sym(i - 1, '-') && b.attached(i) && (!b.attached(i - 1) || (i >= 2 && b.sym(i - 2, '('))))
        return i - 1;
    return SIZE_MAX;
}

// What a number phrase measures, from the words around it: money (a currency before or after it),
// an exchange rate, a percent, percentage points, basis points, or a quantity with a unit. Fills c's
// kind and unit and widens [first_tok, last_tok] over the markers; false when nothing marks it (a
// count, a year). A currency marker never reaches back to prev_last, the previous claim's last token.
bool classify(const Block& b, const NumPhrase& p, size_t prev_last, Claim& c, size_t& first_tok, size_t& last_tok) {
    Money money;
    if (currency_before(b, p.first, &money) && (prev_last == SIZE_MAX || money.first > prev_last)) {
        c.kind = ClaimKind::Money;
        c.unit = money.code;
        c.ambiguous = money.ambiguous;
        first_tok = money.first;
        // "$5 billion yuan" never happens; but "¥" before "yen" decides JPY.
        Money after;
        if (currency_after(b, p.last + 1, &after)) { c.unit = after.code; c.ambiguous = false; last_tok = after.last; }
        return true;
    }
    if (currency_after(b, p.last + 1, &money)) {
        c.kind = ClaimKind::Money;
        c.unit = money.code;
        last_tok = money.last;
        // An exchange rate: "6.9843 yuan per dollar"
        Money per;
        if (b.is(last_tok + 1, "per") && currency_after(b, last_tok + 2, &per)) {
            c.kind = ClaimKind::Quantity;
            static const struct { const char* a; const char* b; const char* name; } kRates[] = {
                {"CNY", "USD", "CNY per USD"}, {"USD", "CNY", "USD per CNY"}, {"CNY", "EUR", "CNY per EUR"},
                {"JPY", "USD", "JPY per USD"}, {"HKD", "USD", "HKD per USD"}, {"CNY", "HKD", "CNY per HKD"},
            };
            c.unit = "exchange rate";
            for (const auto& r : kRates)
                if (!std::strcmp(r.a, money.code) && !std::strcmp(r.b, per.code)) c.unit = r.name;
            last_tok = per.last;
        }
        return true;
    }
    const size_t j = p.last + 1;
    // "points" or "point": "0.8 percentage point", "a 1 basis point cut".
    const auto points = [&](size_t k) { return b.is(k, "points") || b.is(k, "point"); };
    const auto set = [&](ClaimKind kind, const char* unit, size_t last) {
        c.kind = kind;
        c.unit = unit;
        last_tok = last;
        return true;
    };
    if (b.sym(j, '%') && (b.attached(j) || !p.has_scale)) return set(ClaimKind::Percent, "%", j);
    if (b.lk(j) == LexKind::Percent) return points(j + 1) ? set(ClaimKind::Percent, "pp", j + 1) : set(ClaimKind::Percent, "%", j);
    if (b.is(j, "per") && b.is(j + 1, "cent")) return set(ClaimKind::Percent, "%", j + 1);
    if (b.is(j, "percentage") && points(j + 1)) return set(ClaimKind::Percent, "pp", j + 1);
    if (b.is(j, "basis") && points(j + 1)) return set(ClaimKind::Percent, "bp", j + 1);
    if (b.is(j, "bps") || (b.word(j) && b.str(j) == "bp")) return set(ClaimKind::Percent, "bp", j);
    // Units, durations ("5 years") and multiples ("2 times") included; a spelled "one" is no
    // measure ("one time").
    if (b.lk(j) == LexKind::Unit && (p.digits || p.value >= 2 || p.has_scale))
        return set(ClaimKind::Quantity, b.t[j].lex->name, j);
    return false;
}

} // namespace

// The first line break in text[from, limit), or limit.
static size_t find_newline(std::string_view text, size_t from, size_t limit) {
    if (from >= limit) return limit;
    const void* hit = std::memchr(text.data() + from, '\n', limit - from);
    return hit ? (size_t)((const char*)hit - text.data()) : limit;
}

// The first space, tab or carriage return in text[from, limit), or limit. A plain loop: it stops at
// the first hit, so it reads no more than the block it ends.
static size_t find_blank(std::string_view text, size_t from, size_t limit) {
    for (size_t i = from; i < limit; ++i)
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') return i;
    return limit;
}

void Extractor::run() {
    // Blocks of about 64 KiB, cut after a line break when one comes within 1 MiB of the block's
    // start, else after a space or tab, else (a run of 1 MiB with neither) at a code-point boundary.
    // Every search is bounded by that 1 MiB window and starts where the last one stopped, so a text
    // with no line break costs one pass, not one pass per block.
    const size_t kBlock = 64 * 1024;
    const size_t kMaxBlock = 1u << 20;
    size_t pos = 0;
    // Line breaks: the text before nl_searched has been searched; nl_found is the first line break
    // found there at or past the current block's end (npos: none).
    size_t nl_searched = 0;
    size_t nl_found = std::string_view::npos;
    while (pos < text.size()) {
        size_t end = std::min(text.size(), pos + kBlock);
        if (end < text.size()) {
            const size_t limit = std::min(text.size(), pos + kMaxBlock);
            if (nl_found == std::string_view::npos || nl_found < end) {
                const size_t from = std::max(end, nl_searched);
                const size_t at = find_newline(text, from, limit);
                nl_found = at < limit ? at : std::string_view::npos;
                nl_searched = std::max(nl_searched, at);
            }
            if (nl_found != std::string_view::npos && nl_found < limit) {
                end = nl_found + 1;
            } else {
                // A space search scans at most up to the cut it finds, or to limit, which is then the cut.
                const size_t sp = find_blank(text, end, limit);
                end = sp < limit ? sp + 1 : utf8_floor_boundary(text, limit);
                if (end <= pos) end = utf8_ceil_boundary(text, pos + 1);
            }
        }
        block(pos, end);
        pos = end;
    }
}

void Extractor::block(size_t begin, size_t end) {
    toks.clear();
    tokenize(text, begin, end, toks);
    Block b{text, toks.data(), toks.size(), opt, context_year};
    const size_t n = toks.size();
    const size_t first_claim = out.size();
    std::vector<std::pair<size_t, size_t>> claim_toks;  // token range per claim of this block

    // One pass before the claims: sentence ids (and where each sentence starts), which sentences
    // say "last year" (not "last year's"), the currency cues, and the URLs and e-mail addresses,
    // runs of tokens with no space between them that are skipped whole.
    std::vector<int>& sentence = sentence_buf;
    sentence.resize(n);
    std::vector<uint8_t>& says_last_year = last_year_buf;
    says_last_year.assign(1, 0);
    std::vector<size_t>& sentence_first = sentence_first_buf;
    sentence_first.assign(1, 0);
    std::vector<std::pair<size_t, Cue>>& cues = cue_buf;
    cues.clear();
    skip.assign(n, 0);
    size_t run_first = 0;
    bool run_has_slash = false;
    for (size_t i = 0, sid = 0; i <= n; ++i) {
        if (i == n || toks[i].space_before || toks[i].type == TokType::Newline) {
            if (run_has_slash && i > run_first + 2 && is_url_run(b, run_first, i - 1))
                for (size_t k = run_first; k < i; ++k) skip[k] = 1;
            run_first = i;
            run_has_slash = false;
        }
        if (i == n) break;
        sentence[i] = (int)sid;
        const Token& tk = toks[i];
        if (tk.type == TokType::Word) {
            const LexKind kind = tk.lex->kind;
            if (kind == LexKind::Stop && tk.end - tk.start == 4 && b.is(i, "last") && b.is(i + 1, "year") &&
                !b.sym(i + 2, '\''))
                says_last_year[sid] = 1;
            // Only currency words and capitalised words can be currency cues.
            const unsigned char ch = (unsigned char)text[tk.start];
            if (kind == LexKind::Currency || (ch >= 'A' && ch <= 'Z'))
                if (Cue cue = cue_at(b, i)) cues.emplace_back(i, cue);
        } else if (tk.type == TokType::Symbol) {
            if (tk.sym == '/' || tk.sym == '@') run_has_slash = true;
            if (b.sentence_end(i)) {
                ++sid;
                says_last_year.push_back(0);
                sentence_first.push_back(i + 1);
            }
        } else if (tk.type == TokType::Newline) {
            ++sid;
            says_last_year.push_back(0);
            sentence_first.push_back(i + 1);
        }
    }

    // Claims come in text order and never overlap: one that would reach back into the previous
    // claim is dropped (each recognizer avoids that; this is the guarantee).
    auto emit = [&](Claim c, size_t tf, size_t tl) {
        if (!claim_toks.empty() && tf <= claim_toks.back().second) return;
        c.start = toks[tf].start;
        c.end = toks[tl].end;
        out.push_back(c);
        claim_toks.emplace_back(tf, tl);
    };

    for (size_t i = 0; i < n; ++i) {
        if (skip[i]) continue;
        const Token& tk = toks[i];
        if (tk.type == TokType::Word && (tk.lex->kind == LexKind::None || tk.lex->kind == LexKind::Place)) continue;
        if (tk.type == TokType::Symbol || tk.type == TokType::Newline) continue;

        // Dates and periods first: "January 22, 2026" must not become a count of 22. Only a plain
        // 1-, 2- or 4-digit number, a month, a weekday or "first" can start one.
        const size_t len = tk.end - tk.start;
        const bool may_date = tk.type == TokType::Number
                                  ? (len <= 2 || len == 4)
                                  : (tk.lex->kind == LexKind::Month || tk.lex->kind == LexKind::Weekday ||
                                     tk.lex->kind == LexKind::Ordinal);
        if (may_date) {
            Claim d;
            size_t dl = try_date(b, i, b.context_year, d);
            if (dl != SIZE_MAX) {
                emit(d, i, dl);
                i = dl;
                continue;
            }
        }

        NumPhrase p;
        if (tk.type == TokType::Number) {
            // Phone numbers: a leading + and the digit groups that follow it.
            if (i > 0 && b.sym(i - 1, '+') && b.attached(i)) {
                while (i + 1 < n && (b.num(i + 1) || b.sym(i + 1, '-') || b.sym(i + 1, '(') || b.sym(i + 1, ')'))) ++i;
                continue;
            }
            // Not facts: names and versions glued to letters (6G, G20, COVID-19), ordinals (15th),
            // clock times, phone and registration numbers, list bullets.
            // A currency glued before ("Rs1.5", "USD5") and a minus sign ("-2.5%") are not names.
            Money glued_money;
            const bool glued_currency = currency_before(b, i, &glued_money) && b.t[glued_money.first].type == TokType::Word;
            const bool signed_number = sign_before(b, i) == i - 1;
            if (i > 0 && b.attached(i) && !glued_currency && !signed_number &&
                (toks[i - 1].type == TokType::Word || b.sym(i - 1, '-') || b.sym(i - 1, '+') ||
                                           b.sym(i - 1, '#') || b.sym(i - 1, '/') || b.sym(i - 1, ':') || b.sym(i - 1, '.'))) {
                // skip the rest of the glued run too
                while (i + 1 < n && b.attached(i + 1) && toks[i + 1].type != TokType::Newline) ++i;
                continue;
            }
            if (b.word(i + 1) && b.attached(i + 1)) {
                const LexKind k = b.lk(i + 1);
                if (k != LexKind::Scale && k != LexKind::Unit && k != LexKind::Currency && k != LexKind::Percent) {
                    while (i + 1 < n && b.attached(i + 1) && toks[i + 1].type != TokType::Newline) ++i;
                    continue;
                }
            }
            // A compound modifier: "the 10-year yield", "a 5-day week" (but "1-trillion-yuan" is an amount).
            if (b.sym(i + 1, '-') && b.attached(i + 1) && b.word(i + 2) && b.attached(i + 2)) {
                const LexKind k = b.lk(i + 2);
                if (k != LexKind::Scale && k != LexKind::Unit && k != LexKind::Currency && k != LexKind::Percent) {
                    while (i + 1 < n && b.attached(i + 1) && toks[i + 1].type != TokType::Newline) ++i;
                    continue;
                }
            }
            if (b.sym(i + 1, ':') && b.attached(i + 1) && b.num(i + 2) && b.attached(i + 2)) { i += 2; continue; }
            if (b.sym(i + 1, '/') && b.attached(i + 1) && b.num(i + 2)) { i += 2; continue; }
            const bool line_start = i == 0 || toks[i - 1].type == TokType::Newline;
            if (line_start && (b.sym(i + 1, '.') || b.sym(i + 1, ')')) && b.attached(i + 1) &&
                (i + 2 >= n || toks[i + 2].space_before)) { ++i; continue; }
            if (i > 0 && b.word(i - 1) && b.t[i - 1].lex->kind == LexKind::NameTrap) continue;
            if (i > 1 && b.sym(i - 1, '.') && b.word(i - 2) && b.t[i - 2].lex->kind == LexKind::NameTrap) continue;
            if (b.sym(i + 1, '-') && b.attached(i + 1) && b.num(i + 2) && b.attached(i + 2) && b.sym(i + 3, '-') &&
                b.attached(i + 3) && b.num(i + 4)) { i += 4; continue; }
            p.first = p.last = i;
            p.digits = true;
            p.value = parse_digits(b.str(i), &p.integer, &p.commas, &p.digit_count);
            if (p.integer && !p.commas && p.digit_count >= 7) continue;  // IDs, not amounts
        } else if (tk.lex->kind == LexKind::Number) {
            if (!parse_spelled(b, i, &p)) continue;
        } else if (tk.lex->kind == LexKind::Scale && i > 0 && b.is(i - 1, "the") && tk.lex->value >= 1e6) {
            // "beyond the trillion-yuan mark": an implied one, only as a passed mark.
            Money m;
            if (!currency_after(b, i + 1, &m) || !b.is(m.last + 1, "mark")) continue;
            Claim c;
            c.kind = ClaimKind::Money;
            c.value = tk.lex->value;
            c.unit = m.code;
            find_qualifier(b, i, c);
            if (!c.qualifier) continue;
            emit(c, i, m.last);
            i = m.last;
            continue;
        } else if (tk.lex->kind == LexKind::Fraction) {
            // A share: "a third of", "two thirds of", "half of", "cut by half" (as a percent). A bare
            // "third" is an ordinal ("the third quarter").
            double mult = 1;
            size_t first = i;
            if (i > 0 && (b.is(i - 1, "a") || b.is(i - 1, "one"))) first = i - 1;
            else if (i > 0 && b.lk(i - 1) == LexKind::Number && !b.t[i - 1].lex->scale && b.t[i - 1].lex->value < 10) {
                mult = b.t[i - 1].lex->value;
                first = i - 1;
            } else if (!b.is(i, "half") || (i > 0 && (b.is(i - 1, "first") || b.is(i - 1, "second") ||
                                                      b.is(i - 1, "last") || b.is(i - 1, "other")))) {
                continue;  // "the first half of the decade" is a period, not a share
            }
            const bool by_half = b.is(i, "half") && i > 0 && b.is(i - 1, "by");
            if (!b.is(i + 1, "of") && !by_half) continue;
            Claim c;
            c.kind = ClaimKind::Percent;
            c.value = mult * tk.lex->value * 100;
            c.unit = "%";
            set_bounds(c, Bound::Exact);
            emit(c, first, i);
            continue;
        } else if (tk.lex->kind == LexKind::Multiple) {
            Claim c;
            c.kind = ClaimKind::Quantity;
            c.value = tk.lex->value;
            c.unit = "times";
            set_bounds(c, Bound::Exact);
            emit(c, i, i);
            continue;
        } else {
            continue;
        }
        apply_scale(b, &p);
        if (!(p.value <= kMaxValue)) { i = p.last; continue; }
        // The last token of this block's previous claim: nothing of this one may reach back into it.
        const size_t prev_last = claim_toks.empty() ? SIZE_MAX : claim_toks.back().second;
        const auto after_prev = [&](size_t tok) { return prev_last == SIZE_MAX || tok > prev_last; };
        size_t sign_tok = p.digits ? sign_before(b, p.first) : (b.is(p.first - 1, "minus") ? p.first - 1 : SIZE_MAX);
        if (sign_tok != SIZE_MAX && !after_prev(sign_tok)) sign_tok = SIZE_MAX;
        if (sign_tok != SIZE_MAX) p.value = -p.value;
        const size_t lead_tok = sign_tok != SIZE_MAX ? sign_tok : p.first;

        // Ranges with the unit and the scale after the second number only, applying to both:
        // "between 5 and 10 percent", "30-40 percent", "1.5–2 billion yuan", "0 to 0.5 percent".
        // A range given in years is a period ("between 2012 and 2021", "from 2012 to 2021").
        double range_low = kNone, range_high = kNone;
        bool year_span = false;
        if (p.digits) {
            const size_t k = p.last + 1;
            const bool between = lead_tok > 0 && b.is(lead_tok - 1, "between") && b.is(k, "and");
            const bool from = lead_tok > 0 && b.is(lead_tok - 1, "from");
            const bool to = !p.has_scale && b.is(k, "to");
            const bool dash = !p.has_scale && b.num(k + 1) &&
                              ((b.sym(k, '-') && b.attached(k) && b.attached(k + 1)) || b.sym(k, 0x2013)) &&
                              !(b.sym(k + 2, '-') && b.num(k + 3));
            size_t q_first = k + 1;
            size_t q_sign = (between || to) ? sign_before(b, k + 2) : SIZE_MAX;
            if (q_sign == k + 1) q_first = k + 2;
            else q_sign = SIZE_MAX;
            if ((between || to || dash) && b.num(q_first) && !(b.attached(q_first) && b.word(q_first - 1))) {
                NumPhrase q;
                q.first = q.last = q_first;
                q.digits = true;
                q.value = parse_digits(b.str(q_first), &q.integer, &q.commas, &q.digit_count);
                apply_scale(b, &q);
                if (q_sign != SIZE_MAX) q.value = -q.value;
                double low = p.value;
                bool ok = q.value <= kMaxValue && q.value >= -kMaxValue;
                if (ok && !p.has_scale && q.has_scale) {
                    // "between 1.5 and 2 billion": the first number takes the second's scale, but a
                    // year never does ("between 2025 and 5 trillion dollars" is no range).
                    if (is_year(p)) ok = false;
                    else low = decimal_value(b.str(p.first), q.scale_exp) * (sign_tok != SIZE_MAX ? -1 : 1);
                    if (!(std::fabs(low) <= kMaxValue)) ok = false;
                }
                if (ok && is_year(p) && is_year(q) && q.value > p.value && q_sign == SIZE_MAX && sign_tok == SIZE_MAX &&
                    (between || to)) {
                    year_span = true;
                } else if (ok && from) {
                    ok = false;  // "from 5 to 7 percent" is a change, two claims
                } else if (ok && !between) {
                    // "to" and a dash only rise ("a 10-5 win" is a score); "2 to 3 March" is a date.
                    ok = q.value > low && b.lk(q.last + 1) != LexKind::Month;
                }
                if (ok) {
                    p.value = low;
                    range_low = std::min(low, q.value);
                    range_high = std::max(low, q.value);
                    p.last = q.last;
                    p.has_scale = p.has_scale || q.has_scale;
                }
            }
        }

        Claim c;
        c.value = p.value;
        size_t first_tok = lead_tok, last_tok = p.last;
        bool classified = classify(b, p, prev_last, c, first_tok, last_tok);
        if (classified && c.kind == ClaimKind::Money && first_tok != lead_tok && sign_tok == SIZE_MAX) {
            // "-$3 billion": the sign before the currency marker.
            const size_t s = sign_before(b, first_tok);
            if (s != SIZE_MAX && after_prev(s)) {
                c.value = -c.value;
                if (!is_none(range_low)) { const double l = range_low; range_low = -range_high; range_high = -l; }
                first_tok = s;
            }
        }
        if (year_span && !classified) {
            c = Claim{};
            c.kind = ClaimKind::Period;
            c.period_start = make_day((int)range_low, 1, 1);
            c.period_end = make_day((int)range_high, 12, 31);
            b.context_year = (int)range_high;
            emit(c, p.first, p.last);
            i = p.last;
            continue;
        }
        if (year_span) range_low = range_high = kNone;  // years with a unit: not a range
        if (classified && is_none(range_low) && c.kind != ClaimKind::Date) {
            // Ranges with the unit on both ends: "$3 billion to $4 billion", "40%–45%",
            // "between 2% and 3%". Both ends must carry the same unit.
            const size_t k = last_tok + 1;
            const bool between = first_tok > 0 && b.is(first_tok - 1, "between") && b.is(k, "and");
            const bool from = first_tok > 0 && b.is(first_tok - 1, "from");
            const bool to = b.is(k, "to") && !from;
            const bool dash = (b.sym(k, '-') && b.attached(k) && b.attached(k + 1)) || b.sym(k, 0x2013);
            if (between || to || dash) {
                // The second end's number: right after the connector, after its sign, or after its
                // currency marker ("$4", "US$4", "-$4").
                size_t q0 = SIZE_MAX;
                for (size_t j = k + 1; j <= k + 4 && j < n && q0 == SIZE_MAX; ++j) {
                    if (!b.num(j)) continue;
                    Money m;
                    size_t lead = j;
                    if (currency_before(b, j, &m)) lead = m.first;
                    const size_t s = sign_before(b, lead);
                    if (s != SIZE_MAX) lead = s;
                    if (lead == k + 1) q0 = j;
                    else break;
                }
                if (q0 != SIZE_MAX && !(b.attached(q0) && b.word(q0 - 1))) {
                    NumPhrase q;
                    q.first = q.last = q0;
                    q.digits = true;
                    q.value = parse_digits(b.str(q0), &q.integer, &q.commas, &q.digit_count);
                    apply_scale(b, &q);
                    Claim d;
                    d.value = q.value;
                    size_t qf = q0, ql = q.last;
                    if (q.value <= kMaxValue && classify(b, q, last_tok, d, qf, ql) && d.kind == c.kind &&
                        std::strcmp(d.unit, c.unit) == 0) {
                        if (sign_before(b, qf) == k + 1) d.value = -d.value;
                        if (between || d.value > c.value) {
                            range_low = std::min(c.value, d.value);
                            range_high = std::max(c.value, d.value);
                            last_tok = ql;
                            if (d.ambiguous != c.ambiguous) c.ambiguous = c.ambiguous && d.ambiguous;
                        }
                    }
                }
            }
        }
        if (!classified && is_year(p) && is_none(range_low)) {
            // A year: a period, never a count.
            c = Claim{};
            c.kind = ClaimKind::Period;
            c.period_start = make_day((int)p.value, 1, 1);
            c.period_end = make_day((int)p.value, 12, 31);
            b.context_year = (int)p.value;
            emit(c, p.first, p.last);
            i = p.last;
            continue;
        }
        if (!classified) {
            // A count: the noun that follows ("6,000 AI companies", "1.78 million units").
            size_t j = p.last + 1;
            size_t noun_first = j, noun_last = SIZE_MAX;
            // At most 4 words and 8 tokens: a glued "6m" inside the phrase is stepped over but
            // counted, or a run of them ("6m\t6m\t...") would be rescanned for every count.
            for (int words = 0, steps = 0; words < 4 && steps < 8 && j < n; ++j, ++steps) {
                if (b.content(j) && !b.is(j, "more") &&
                    !b.is(j, "less")) {
                    // "key 6G technologies": a glued number+letters name is part of the phrase
                    noun_last = j;
                    ++words;
                    continue;
                }
                if (b.num(j) && b.word(j + 1) && b.attached(j + 1)) { ++j; continue; }
                if (b.is(j, "and") && noun_last != SIZE_MAX && b.content(j + 1)) continue;
                break;
            }
            if (!p.digits && noun_last == SIZE_MAX) { i = p.last; continue; }  // "one of", "no one"
            if (!p.digits && p.value < 2 && !p.has_scale) { i = p.last; continue; }
            c.kind = ClaimKind::Count;
            if (noun_last != SIZE_MAX) {
                c.noun_start = toks[noun_first].start;
                c.noun_end = toks[noun_last].end;
            }
        }
        if (!is_none(range_low)) {
            c.low = range_low;  // c.value stays the first number
            c.high = range_high;
            c.qualifier = "between";
        } else {
            find_qualifier(b, first_tok, c);
            if (!c.qualifier) set_bounds(c, Bound::Exact);
        }
        emit(c, first_tok, last_tok);
        i = last_tok;
    }

    // Second pass over this block's claims: direction, hedge, subject, period, conversion pairs.
    static const char* const kUndecided = "?";
    const char* block_yen = kUndecided;         // what the whole block decides for ¥ and for $
    const char* block_dollar = kUndecided;
    // Baseline periods: "compared to the same months in 2024", "than in 2024", "from a year earlier".
    std::vector<uint8_t> baseline(out.size() - first_claim, 0);
    for (size_t k = first_claim; k < out.size(); ++k) {
        if (out[k].kind != ClaimKind::Period) continue;
        const size_t of = claim_toks[k - first_claim].first;
        for (size_t j = of, steps = 0; j > 0 && steps < 6 && sentence[j - 1] == sentence[of]; --j, ++steps) {
            // "than" marks a baseline only before the period itself ("than in 2024"), not in
            // "more than 9 percent in the first 11 months".
            const bool than_baseline = b.is(j - 1, "than") && !b.num(j) && b.lk(j) != LexKind::Number;
            if (b.is(j - 1, "compared") || than_baseline || b.is(j - 1, "versus") || b.is(j - 1, "vs")) {
                baseline[k - first_claim] = 1;
                break;
            }
        }
        // "the same months in 2024": the months of the period this one is compared with.
        if (of >= 3 && b.is(of - 1, "in") && (b.is(of - 2, "months") || b.is(of - 2, "period")) && b.is(of - 3, "same")) {
            // At most 16 claims back, as find_period below: a run-on block must not make this quadratic.
            for (size_t m = k; m-- > first_claim && m + 16 >= k;) {
                const Claim& prev = out[m];
                if (prev.kind != ClaimKind::Period || day_year(prev.period_start) != day_year(prev.period_end)) continue;
                const int y = day_year(out[k].period_start);
                const int m1 = day_month(prev.period_start), m2 = day_month(prev.period_end);
                out[k].period_start = make_day(y, m1, 1);
                out[k].period_end = make_day(y, m2, days_in_month(y, m2));
                out[k].start = toks[of - 3].start;
                break;
            }
        }
    }
    auto last_year_in_sentence = [&](int sid) { return says_last_year[(size_t)sid] != 0; };
    for (size_t k = first_claim; k < out.size(); ++k) {
        Claim& c = out[k];
        const size_t tf = claim_toks[k - first_claim].first, tl = claim_toks[k - first_claim].second;
        if (c.kind == ClaimKind::Date || c.kind == ClaimKind::Period) continue;
        const int sid = sentence[tf];
        // Direction and hedge: words before the number in the same sentence.
        for (size_t j = tf, steps = 0; j > 0 && steps < 10; --j, ++steps) {
            size_t q = j - 1;
            if (sentence[q] != sid) break;
            if (!c.direction && b.lk(q) == LexKind::Direction) c.direction = toks[q].lex->name;
            if (!c.hedge && b.lk(q) == LexKind::Hedge) c.hedge = toks[q].lex->name;
        }
        // Subject. A count is about its noun ("6,000 AI companies"), unless the noun is only a
        // measure ("1.78 million units"). A percent or amount followed by a noun is about that noun
        // ("5 percent GDP expansion"). Otherwise: the nearest run of content words before the
        // number, past verbs and qualifiers, not reaching back into the previous claim.
        const bool measure_noun = c.kind == ClaimKind::Count && c.noun_end > c.noun_start &&
                                  std::string_view(text.data() + c.noun_start, c.noun_end - c.noun_start) == "units";
        size_t after_first = tl + 1, after_last = tl;
        if ((c.kind == ClaimKind::Percent || c.kind == ClaimKind::Money) && !b.is(tl + 1, "mark") &&
            !b.is(tl + 1, "threshold") && !b.is(tl + 1, "level") && !b.is(tl + 1, "figure"))
            while (after_last + 1 < n && after_last - tl < 3 && b.content(after_last + 1) && sentence[after_last + 1] == sid)
                ++after_last;
        if (c.kind == ClaimKind::Count && c.noun_end > c.noun_start && !measure_noun) {
            c.subject_start = c.noun_start;
            c.subject_end = c.noun_end;
        } else if (after_last > tl) {
            c.subject_start = toks[after_first].start;
            c.subject_end = toks[after_last].end;
        } else {
            // Not reaching back into the previous claim, its counted noun included.
            size_t floor_tok = k > first_claim ? claim_toks[k - 1 - first_claim].second + 1 : 0;
            if (k > first_claim)
                while (floor_tok < tf && toks[floor_tok].start < out[k - 1].noun_end) ++floor_tok;
            size_t j = tf;
            size_t steps = 0;
            while (j > floor_tok && steps < 8 && sentence[j - 1] == sid) {
                const size_t q = j - 1;
                if (b.content(q) && !b.is(q, "more")) break;
                if (toks[q].type == TokType::Number || b.sym(q, '(')) { j = 0; break; }
                --j;
                ++steps;
            }
            if (j > floor_tok && sentence[j - 1] == sid && b.word(j - 1)) {
                size_t last = j - 1, first = last;
                while (first > floor_tok && last - first < 3 && b.content(first - 1) &&
                       sentence[first - 1] == sid && b.str(first - 1).find('\'') == std::string_view::npos &&
                       b.str(first - 1).find("\xE2\x80\x99") == std::string_view::npos)
                    --first;
                if (b.str(first).find("\xE2\x80\x99") != std::string_view::npos || b.str(first).find('\'') != std::string_view::npos) {
                    if (first < last) ++first;
                }
                // A lone possessive ("last year's") is no subject.
                const std::string_view lone = b.str(first);
                const bool possessive_only = first == last && (lone.find('\'') != std::string_view::npos ||
                                                               lone.find("\xE2\x80\x99") != std::string_view::npos);
                if (!possessive_only) {
                    c.subject_start = toks[first].start;
                    c.subject_end = toks[last].end;
                }
            }
            if (c.kind == ClaimKind::Count && c.noun_end == c.noun_start && c.subject_end > c.subject_start) {
                c.noun_start = c.subject_start;
                c.noun_end = c.subject_end;
            }
        }
        // Period: the nearest period in the same sentence, what follows first ("in 2025"); a date is
        // when something was said, and "compared to ... 2024" is a baseline, so neither counts. With
        // none, the previous sentence of the same paragraph ("Data from January to November 2025
        // showed ... Firms raised ... by 9.2%").
        // Claims are in text order, so only the neighbours of claim k can share its sentence.
        auto find_period = [&](int in_sentence) -> int {
            int best = -1;
            size_t best_dist = SIZE_MAX;
            auto consider = [&](size_t m) {
                const Claim& o = out[m];
                if (o.kind != ClaimKind::Period) return;
                const size_t of = claim_toks[m - first_claim].first, ol = claim_toks[m - first_claim].second;
                if (sentence[of] != in_sentence || baseline[m - first_claim]) return;
                size_t dist = of > tl ? of - tl : (tf - ol) * 2;
                if (dist < best_dist) { best_dist = dist; best = (int)m; }
            };
            // At most 16 claims each way, for the same reason.
            for (size_t m = k + 1; m < out.size() && m <= k + 16 && sentence[claim_toks[m - first_claim].first] <= in_sentence; ++m)
                consider(m);
            for (size_t m = k; m-- > first_claim && m + 16 >= k && sentence[claim_toks[m - first_claim].first] >= in_sentence;)
                consider(m);
            return best;
        };
        int best = find_period(sid);
        if (best < 0 && sid > 0) {
            // previous sentence, if no line break lies between
            const size_t q = sentence_first[(size_t)sid];  // the sentence's first token
            if (q > 0 && toks[q - 1].type != TokType::Newline) best = find_period(sid - 1);
        }
        if (best < 0 && last_year_in_sentence(sid) && opt.published) {
            const int y = day_year(opt.published) - 1;
            c.period_start = make_day(y, 1, 1);
            c.period_end = make_day(y, 12, 31);
        }
        if (best >= 0) {
            c.period_start = out[best].period_start;
            c.period_end = out[best].period_end;
        }
        // A bare "$" or "¥": the sentence decides, else the rest of the text around it; where
        // neither does, the claim stays ambiguous (USD for "$", CNY for "¥").
        if (c.kind == ClaimKind::Money && c.ambiguous && std::strcmp(c.unit, "INR") != 0) {  // "Rs" stays as it is
            const bool yen = toks[tf].type == TokType::Symbol && toks[tf].sym == 0xA5;
            // The sentence, but at most 40 tokens each way (a run-on "sentence" must not make this
            // quadratic); then the whole block.
            size_t s0 = tf, s1 = tl;
            while (s0 > 0 && tf - s0 < 40 && sentence[s0 - 1] == sid) --s0;
            while (s1 + 1 < n && s1 - tl < 40 && sentence[s1 + 1] == sid) ++s1;
            const char* code = decide_currency(cues, s0, s1, yen);
            if (!code) {
                const char*& whole = yen ? block_yen : block_dollar;  // once per block and sign
                if (whole == kUndecided) whole = decide_currency(cues, 0, n, yen);
                code = whole;
            }
            if (code) {
                c.unit = code;
                c.ambiguous = false;
            }
        }
        // Conversion: money "(about" money ")" → a pair.
        if (c.kind == ClaimKind::Money && k + 1 < out.size() && out[k + 1].kind == ClaimKind::Money && c.pair < 0) {
            const auto [nf, nl] = claim_toks[k + 1 - first_claim];
            (void)nl;
            size_t j = tl + 1;
            bool ok = false;
            if (b.sym(j, '(')) {
                ++j;
                while (j < nf && b.word(j) && (b.lk(j) == LexKind::Qualifier || b.is(j, "or") || b.is(j, "equivalent")))
                    ++j;
                ok = j == nf;
            } else if (b.sym(j, ',') && b.is(j + 1, "or")) {
                j += 2;
                while (j < nf && b.lk(j) == LexKind::Qualifier) ++j;
                ok = j == nf;
            }
            if (ok && std::strcmp(c.unit, out[k + 1].unit) != 0) {
                c.pair = (int32_t)(base + k + 1);
                out[k + 1].pair = (int32_t)(base + k);
                Claim& d = out[k + 1];
                // A rate only from two finite values of the same sign: "(about $0)" implies none.
                if (std::isfinite(c.value) && std::isfinite(d.value) && c.value / d.value > 0 &&
                    std::isfinite(c.value / d.value) && std::isfinite(d.value / c.value)) {
                    c.rate = c.value / d.value;  // e.g. 1.2e12 CNY / 171.39e9 USD = 7.0016 CNY per USD
                    d.rate = d.value / c.value;
                    c.pair_unit = d.unit;
                    d.pair_unit = c.unit;
                }
                d.subject_start = c.subject_start;
                d.subject_end = c.subject_end;
                d.hedge = c.hedge;
                d.period_start = c.period_start;
                d.period_end = c.period_end;
                // "(US$170 billion)" with no word of its own carries the outer qualifier: "top 1.2
                // trillion yuan (US$170 billion)" bounds both from below.
                if (!d.qualifier && c.qualifier) {
                    d.qualifier = c.qualifier;
                    d.low = is_none(c.low) ? kNone : d.value;
                    d.high = is_none(c.high) ? kNone : d.value;
                }
            }
        }
    }
    context_year = b.context_year;
    if (sink) {
        for (const Claim& c : out) sink(c, user);
        base += out.size();
        out.clear();
    }
}

// A publication date that is not a real day (a caller's garbage) counts as unknown: date
// arithmetic on it would overflow.
static ExtractOptions checked(const ExtractOptions& opt) {
    ExtractOptions o = opt;
    if (o.published && !is_valid_day(day_year(o.published), day_month(o.published), day_dom(o.published))) o.published = 0;
    if (o.published && (day_year(o.published) < 1 || day_year(o.published) > 9999)) o.published = 0;
    return o;
}

std::vector<Claim> extract_claims(std::string_view text, const ExtractOptions& opt_in) {
    const ExtractOptions opt = checked(opt_in);
    std::vector<Claim> out;
    Extractor ex{text, opt, out, {}, {}, {}, {}, {}, {}, 0};
    ex.run();
    return out;
}

size_t extract_claims_stream(std::string_view text, const ExtractOptions& opt_in, ClaimSink sink, void* user) {
    const ExtractOptions opt = checked(opt_in);
    std::vector<Claim> block_claims;
    Extractor ex{text, opt, block_claims, {}, {}, {}, {}, {}, {}, 0, sink, user, 0};
    ex.run();
    return ex.base;
}

} // namespace factlens
