// The accessibility mirror's model (see a11y_model.h). Text here is what a screen reader speaks:
// the same data the canvas draws, with its symbols spelled out.
#include "a11y_model.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "../core/claim.h"
#include "../core/claim_json.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace factlens {

using nlohmann::json;

namespace {

// FNV-1a over 64 bits: a few numbers and short strings per frame.
struct Hash {
    uint64_t h = 1469598103934665603ull;
    void bytes(const void* p, size_t n) {
        const unsigned char* b = (const unsigned char*)p;
        for (size_t i = 0; i < n; ++i) { h ^= b[i]; h *= 1099511628211ull; }
    }
    void num(uint64_t v) { bytes(&v, sizeof v); }
    void str(const std::string& s) { num(s.size()); bytes(s.data(), s.size()); }
};

// The facts table's columns as the canvas labels them (FactColumn order).
const char* const kColumnLabels[] = {"Source", "Kind", "Value", "Unit", "Bounds", "Subject",
                                     "Period", "Hedge", "Direction", "Pair and rate", "Sentence"};
static_assert(sizeof(kColumnLabels) / sizeof(kColumnLabels[0]) == (size_t)FactColumn::Count_, "one label per column");

std::string sv(std::string_view v) { return std::string(v); }

// "≈ 1.2 trillion" -> "about 1.2 trillion": screen readers skip or misname these symbols.
std::string spell_symbols(const char* s) {
    static const struct { const char* sym; const char* words; } kWords[] = {
        {"\xE2\x89\x88 ", "about "},             // ≈
        {"\xE2\x89\xA5 ", "at least "},          // ≥
        {"\xE2\x89\xA4 ", "at most "},           // ≤
        {"\xE2\x89\xB2 ", "up to about "},       // ≲
        {"> ", "more than "},
        {"< ", "less than "},
        {"= ", ""},
        {" \xE2\x80\x93 ", " to "},              // " – "
        {"\xE2\x80\x94", "none"},                // — (no value)
    };
    std::string out(s);
    for (const auto& w : kWords) {
        const size_t n = std::strlen(w.sym);
        for (size_t p = out.find(w.sym); p != std::string::npos; p = out.find(w.sym, p + std::strlen(w.words)))
            out.replace(p, n, w.words);
    }
    return out;
}

std::string value_text(const FactTable& t, uint32_t r) {
    char v[96];
    const std::string_view unit = t.units.get(t.unit[r]);
    if (is_none(t.value[r])) return sv(t.texts.get(t.text[r]));  // dates and periods: the figure as written
    return format_fact_value(t.value[r], unit == "%" ? "%" : nullptr, v, sizeof v);
}

std::string source_text(const FactSource& src) {
    std::string o = src.outlet != kUnknown ? src.outlet : "unknown outlet";
    if (src.date != kUnknown) o += ", " + src.date;
    return o;
}

std::string cell_text(const FactTable& t, uint32_t r, FactColumn c) {
    char buf[160];
    const std::string_view unit = t.units.get(t.unit[r]);
    switch (c) {
        case FactColumn::Source: return source_text(t.sources[t.source[r]]);
        case FactColumn::Kind: return claim_kind_name((ClaimKind)t.kind[r]);
        case FactColumn::Value: {
            if (is_none(t.value[r])) return "";
            if (const Conversion* cv = t.conversion(r); cv && cv->converted())
                return std::string(format_converted_value(t.shown_value()[r], buf, sizeof buf)) + " " + sv(cv->unit) +
                       " (converted: " + explain_fact_conversion(t, r) + ")";
            std::string v = value_text(t, r);
            return t.ambiguous[r] ? v + " (currency ambiguous)" : v;
        }
        case FactColumn::Unit: return unit == "%" ? "percent" : sv(t.shown_unit(r));
        case FactColumn::Bounds: {
            std::string b = spell_symbols(format_fact_bounds(t, r, buf, sizeof buf));
            const std::string_view q = t.qualifiers.get(t.qualifier[r]);
            if (!q.empty()) b += " (" + sv(q) + ")";
            return b;
        }
        case FactColumn::Subject: return sv(t.subjects.get(t.subject[r]));
        case FactColumn::Period: return spell_symbols(format_period(t.period_start[r], t.period_end[r], buf, sizeof buf));
        case FactColumn::Hedge: return sv(t.hedges.get(t.hedge[r]));
        case FactColumn::Direction: return sv(t.directions.get(t.direction[r]));
        case FactColumn::Pair: {
            if (is_none(t.rate[r])) return "";
            const std::string_view ru = t.rate_units.get(t.rate_unit[r]);
            std::snprintf(buf, sizeof buf, "%.4f %.*s", t.rate[r], (int)ru.size(), ru.data());
            return buf;
        }
        case FactColumn::Sentence: {
            const std::string_view s = t.sentences.get(t.sentence[r]);
            return s.empty() ? sv(t.texts.get(t.text[r])) : sv(s);
        }
        case FactColumn::Count_: break;
    }
    return "";
}

// The title, or the first sentence said to be one (as the canvas shows it).
std::string article_title(const AppState& s, int i) {
    const Article& a = s.corpus.articles[(size_t)i];
    return a.title != kUnknown ? a.title : "First sentence (no headline): " + article_first_sentence_cached(s, i);
}

std::string article_label(const AppState& s, int i) {
    const Article& a = s.corpus.articles[(size_t)i];
    std::string o = article_title(s, i);
    o += " \xE2\x80\x94 ";  // " — "
    o += a.outlet != kUnknown ? a.outlet : "unknown outlet";
    o += ", ";
    o += a.date != kUnknown ? a.date : "date unknown";
    return o;
}

bool reader_shown(const AppState& s) {
    if (s.selected < 0 || s.selected >= (int)s.corpus.articles.size()) return false;
    if (s.view == View::Rates) return s.currency.selected_check >= 0;  // under a selected pair
    if (s.view == View::Compare || s.view == View::Diff) return false;
    return s.view == View::Articles || s.facts.selected >= 0;  // the Facts view shows it under a selected fact
}

A11yTextSent g_sent;  // the browser's one mirror

constexpr size_t kPanelRows = 500;  // rows a panel lists at most (the caption gives the count)

std::string num4(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.4f", v);
    return b;
}

// The Rates, Compare and Diff views as one table each: what their canvas tables show.
json rates_panel(const AppState& s) {
    update_rate_checks(s);
    const CurrencyState& c = s.currency;
    const FactTable& t = s.facts.table;
    json rows = json::array();
    for (size_t i = 0; i < c.checks.size() && i < kPanelRows; ++i) {
        const PairCheck& p = c.checks[i];
        const FactSource& src = t.sources[t.source[p.row]];
        rows.push_back({{"index", i}, {"selected", (int)i == c.selected_check},
                        {"cells", {source_text(src), sv(t.texts.get(t.text[p.row])), sv(t.texts.get(t.text[p.pair_row])),
                                   pair_verdict_name(p.verdict),
                                   num4(p.implied) + " " + p.rate_unit + " (between " + num4(p.implied_low) + " and " + num4(p.implied_high) + ")",
                                   p.reference > 0 ? num4(p.reference) + " on " + day_to_iso(p.reference_date) : "none",
                                   p.explanation}}});
    }
    return {{"view", "rates"},
            {"caption", std::to_string(c.checks.size()) + " conversion pairs, each with the rate it implies and the reference rate for its date"},
            {"columns", {"Source", "Amount", "Written as", "Verdict", "Implied rate", "Reference rate", "Why"}},
            {"rows", rows}, {"selected", c.selected_check},
            {"detail", c.selected_check >= 0 && c.selected_check < (int)c.checks.size() ? json(c.checks[(size_t)c.selected_check].explanation) : json(nullptr)}};
}

json compare_panel(const AppState& s) {
    const CompareState& c = s.compare;
    json columns = json::array({"Verdict", "Quantity"});
    for (int a : c.claim_article) {
        const Article& art = s.corpus.articles[(size_t)a];
        columns.push_back(art.outlet != kUnknown ? art.outlet : art.id);
    }
    columns.push_back("Why");
    json rows = json::array();
    for (size_t i = 0; i < c.rows.size() && i < kPanelRows; ++i) {
        const uint32_t ci = c.rows[i];
        if (ci >= c.clusters.size() || ci >= c.figures.size()) break;
        const Cluster& cl = c.clusters[ci];
        json cells = json::array({verdict_name(cl.verdict), cl.label});
        for (size_t a = 0; a < c.claim_article.size(); ++a) {
            std::string cell;
            for (size_t m = 0; m < cl.members.size(); ++m) {
                if (cl.members[m].article != a) continue;
                const MemberFigure& f = c.figures[ci][m];
                if (!cell.empty()) cell += "; ";
                if (f.converted) {
                    char v[64];
                    cell += std::string(format_converted_value(f.value, v, sizeof v)) + " " + f.unit + " (written " + f.text + ")";
                } else {
                    cell += f.text;
                }
            }
            cells.push_back(cell.empty() ? "not reported" : cell);
        }
        cells.push_back(cl.explanation);
        rows.push_back({{"index", i}, {"selected", (int)i == c.selected}, {"cells", cells}});
    }
    std::string caption = std::to_string(c.rows.size()) + " facts compared across " + std::to_string(c.claim_article.size()) + " articles: ";
    const char* const names[5] = {"agree", "compatible", "conflict", "timeframe", "single source"};
    for (int v = 0; v < 5; ++v) caption += std::to_string(c.counts[v]) + " " + names[v] + (v < 4 ? ", " : "");
    return {{"view", "compare"}, {"caption", caption}, {"columns", columns}, {"rows", rows}, {"selected", c.selected},
            {"detail", c.selected >= 0 && c.selected < (int)c.rows.size() ? json(c.clusters[c.rows[(size_t)c.selected]].explanation) : json(nullptr)}};
}

json diff_panel(const AppState& s) {
    const DiffState& d = s.diff;
    if (d.a < 0 || d.b < 0 || d.a >= (int)s.corpus.articles.size() || d.b >= (int)s.corpus.articles.size())
        return {{"view", "diff"}, {"caption", "Choose two articles to compare"}, {"columns", json::array()}, {"rows", json::array()},
                {"selected", -1}, {"detail", nullptr}};
    const std::string& a = s.corpus.articles[(size_t)d.a].text;
    const std::string& b = s.corpus.articles[(size_t)d.b].text;
    auto cut = [](const std::string& t, uint32_t x, uint32_t y) {
        const uint32_t e = std::min<uint32_t>(y, x + 300);
        return t.substr(x, e - x) + (y > e ? "…" : "");
    };
    json rows = json::array();
    for (size_t i = 0; i < d.result.ops.size() && rows.size() < kPanelRows; ++i) {
        const DiffOp& op = d.result.ops[i];
        if (op.kind == DiffOpKind::Equal) continue;
        const char* what = op.number ? "number changed"
                         : op.kind == DiffOpKind::Delete ? "deleted"
                         : op.kind == DiffOpKind::Insert ? "inserted"
                         : op.kind == DiffOpKind::Replace ? "replaced"
                         : op.has_a() ? "moved away from here" : "moved here";
        rows.push_back({{"index", i}, {"selected", false},
                        {"cells", {what, op.has_a() ? cut(a, op.a_start, op.a_end) : "", op.has_b() ? cut(b, op.b_start, op.b_end) : ""}}});
    }
    const DiffStats& x = d.result.stats;
    const std::string caption = "Changes from " + s.corpus.articles[(size_t)d.a].id + " to " + s.corpus.articles[(size_t)d.b].id + ": " +
                                std::to_string(x.words_added) + " words added, " + std::to_string(x.words_removed) + " removed, " +
                                std::to_string(x.words_moved) + " moved, " + std::to_string(x.numbers_changed) + " numbers changed";
    return {{"view", "diff"}, {"caption", caption}, {"columns", {"Change", "Was", "Now"}}, {"rows", rows}, {"selected", -1},
            {"detail", d.result.exact ? json(nullptr) : json(std::string("Parts were compared by ") + d.result.level + ", not word by word.")}};
}

} // namespace

std::string a11y_fact_label(const FactTable& t, uint32_t r) {
    if (r >= t.size()) return "";
    std::string o = value_text(t, r);
    const std::string_view unit = t.units.get(t.unit[r]);
    if (!is_none(t.value[r]) && !unit.empty() && unit != "%") o += " " + sv(unit);
    return o + ", " + source_text(t.sources[t.source[r]]);
}

uint64_t a11y_generation(const AppState& s) {
    Hash h;
    h.num((uint64_t)s.view);
    h.num((uint64_t)(int64_t)s.selected);
    h.num(s.corpus.articles.size());
    h.str(s.filter);
    h.str(s.load_error);
    const FactsState& f = s.facts;
    h.num(f.table.generation);
    h.num(f.table.size());
    h.num(f.view.rows.size());
    h.num((uint64_t)(int64_t)f.selected);
    h.num((uint64_t)(int64_t)f.sel_anchor);
    h.num(f.selected_row);
    h.str(f.applied_query);
    h.str(f.query_error);
    h.str(f.notice);
    h.num(f.columns_visible);
    h.num(f.sort.size());
    for (const SortKey& k : f.sort) h.num((uint64_t)k.field * 2 + (k.descending ? 1 : 0));
    // The window of rows on screen (empty outside the Facts view).
    const auto& rows = s.layout.fact_rows;
    h.num(rows.size());
    if (!rows.empty()) {
        h.num((uint64_t)(int64_t)rows.front().index);
        h.num((uint64_t)(int64_t)rows.back().index);
    }
    // The currency toggle and the Rates, Compare and Diff views.
    h.num(s.currency.generation);
    h.num((uint64_t)(int64_t)s.currency.selected_check);
    h.num(s.currency.rates_generation);  // (the checks follow the rates and the table; not made here)
    h.num((uint64_t)(int64_t)s.compare.selected);
    h.num(s.compare.rows.size());
    h.num(s.compare.verdicts);
    h.num(s.compare.clusters.size());
    h.num(s.compare.sort_by_spread);
    h.num((uint64_t)(int64_t)s.diff.a);
    h.num((uint64_t)(int64_t)s.diff.b);
    h.num(s.diff.inline_mode);
    h.num(s.diff.result.ops.size());
    return h.h & ((1ull << 53) - 1);
}

std::string a11y_snapshot_json(const AppState& s, A11yTextSent* sent) {
    json options = json::array();
    for (int i : visible_articles(s)) {
        const Article& a = s.corpus.articles[(size_t)i];
        options.push_back({{"index", i}, {"id", a.id}, {"label", article_label(s, (int)i)}});
    }
    json articles = {{"total", s.corpus.articles.size()}, {"filter", s.filter}, {"selected", s.selected},
                     {"options", options}};

    json reader = nullptr;
    if (reader_shown(s)) {
        const Article& a = s.corpus.articles[(size_t)s.selected];
        const bool send_text = !sent || sent->article_id != a.id;
        if (sent && send_text) sent->article_id = a.id;
        reader = {{"article", s.selected},
                  {"id", a.id},
                  {"title", article_title(s, s.selected)},
                  {"outlet", a.outlet},
                  {"date", a.date},
                  {"url", a.url},
                  {"bytes", a.text.size()},
                  {"text", send_text ? json(a.text) : json(nullptr)}};
        if (s.reader_highlight_end > s.reader_highlight_start && s.reader_highlight_end <= a.text.size())
            reader["highlight"] = a.text.substr(s.reader_highlight_start, s.reader_highlight_end - s.reader_highlight_start);
    }

    const FactsState& f = s.facts;
    const FactTable& t = f.table;
    json columns = json::array();
    for (int c = 0; c < (int)FactColumn::Count_; ++c)
        if (f.columns_visible & (1u << c))
            columns.push_back({{"name", fact_column_name((FactColumn)c)}, {"label", kColumnLabels[c]}});
    int sel_lo = f.selected, sel_hi = f.selected;
    if (f.selected >= 0 && f.sel_anchor >= 0) {
        sel_lo = std::min(f.selected, f.sel_anchor);
        sel_hi = std::max(f.selected, f.sel_anchor);
    }
    const int n = (int)f.view.rows.size();
    json rows = json::array();
    for (const FrameLayout::FactRow& fr : s.layout.fact_rows) {
        if (fr.index < 0 || fr.index >= n) continue;
        const uint32_t r = f.view.rows[(size_t)fr.index];
        json cells = json::array();
        for (int c = 0; c < (int)FactColumn::Count_; ++c)
            if (f.columns_visible & (1u << c)) cells.push_back(cell_text(t, r, (FactColumn)c));
        rows.push_back({{"index", fr.index}, {"row", r}, {"cells", cells},
                        {"selected", sel_lo >= 0 && fr.index >= sel_lo && fr.index <= sel_hi}});
    }
    json selected_fact = nullptr;
    if (f.selected >= 0 && f.selected < n) {
        const uint32_t r = f.view.rows[(size_t)f.selected];
        selected_fact = {{"index", f.selected}, {"row", r}, {"label", a11y_fact_label(t, r)}};
    }
    json facts = {{"total", t.size()},
                  {"visible", n},
                  {"query", f.query},
                  {"applied_query", f.applied_query},
                  {"query_error", f.query_error.empty() ? json(nullptr) : json(f.query_error)},
                  {"notice", f.notice.empty() ? json(nullptr) : json(f.notice)},
                  {"notice_is_error", f.notice_is_error},
                  {"columns", columns},
                  {"rows", rows},
                  {"selected", f.selected},
                  {"selected_count", f.selected >= 0 ? sel_hi - sel_lo + 1 : 0},
                  {"selected_fact", selected_fact}};

    const CurrencyDesc& cd = s.currency.desc;
    const std::string mode = cd.mode == RateMode::Article ? "each article's own rate"
                           : cd.mode == RateMode::Custom ? "a custom rate of " + num4(cd.custom_rate) + " " + cd.custom_quote + " per " + cd.custom_base
                                                         : "the reference rate";
    json currency = {{"currency", cd.to.empty() ? json(nullptr) : json(cd.to)},
                     {"choices", {"as written", "CNY", "USD", "EUR", "GBP", "JPY", "HKD"}},
                     {"label", cd.to.empty() ? std::string("Amounts as written") : "Amounts in " + cd.to + " at " + mode}};
    json panel = nullptr;
    if (s.view == View::Rates) panel = rates_panel(s);
    else if (s.view == View::Compare) panel = compare_panel(s);
    else if (s.view == View::Diff) panel = diff_panel(s);
    json j = {{"generation", a11y_generation(s)},
              {"view", view_name(s.view)},
              {"error", s.load_error.empty() ? json(nullptr) : json(s.load_error)},
              {"articles", articles},
              {"reader", reader},
              {"facts", facts},
              {"currency", currency},
              {"panel", panel}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string a11y_snapshot_json(const AppState& s) { return a11y_snapshot_json(s, &g_sent); }

void a11y_resend_text() { g_sent.article_id.clear(); }

} // namespace factlens

#ifdef __EMSCRIPTEN__
// For web/a11y.js: its copy of the article text is gone (or it never got it); send it again.
extern "C" EMSCRIPTEN_KEEPALIVE void fl_a11y_resend_text(void) { factlens::a11y_resend_text(); }
#endif
