// The facts explorer's intents: view, query, sort, selection, columns, files, and the URL fragment.
// Each returns "" or a reason and leaves the state unchanged on failure; the UI and the JS API call
// the same functions. The query and sort run in update_facts(), once per change, never per frame.
#include <algorithm>
#include <chrono>
#include <cstring>

#include "../core/claim.h"
#include "../core/claim_json.h"
#include "../core/facts_io.h"
#include "../core/url_fragment.h"
#include "../core/utf8.h"
#include "app_state.h"

namespace factlens {

const char* view_name(View v) {
    return v == View::Facts ? "facts" : v == View::Rates ? "rates" : v == View::Compare ? "compare" : v == View::Diff ? "diff" : "articles";
}

static const char* const kColumnNames[] = {"source", "kind", "value", "unit", "bounds", "subject",
                                           "period", "hedge", "direction", "pair", "sentence"};
static_assert(sizeof(kColumnNames) / sizeof(kColumnNames[0]) == (size_t)FactColumn::Count_, "one name per column");

const char* fact_column_name(FactColumn c) { return kColumnNames[(int)c]; }

FactField fact_column_field(FactColumn c) {
    FactField f = FactField::Value;
    fact_field_from_name(kColumnNames[(int)c], &f);  // each column is named after its sort field
    return f;
}

std::string set_view(AppState& s, View v) {
    if (s.view != v) {
        s.view = v;
        ++s.link_generation;
    }
    return "";
}

std::string set_view_by_name(AppState& s, const std::string& name) {
    if (name == "articles") return set_view(s, View::Articles);
    if (name == "facts") return set_view(s, View::Facts);
    if (name == "rates") return set_view(s, View::Rates);
    if (name == "compare") return set_view(s, View::Compare);
    if (name == "diff") return set_view(s, View::Diff);
    std::string shown = name.size() > 40 ? utf8_sanitize(name.substr(0, utf8_floor_boundary(name, 40))) + "..." : name;
    return "no view \"" + shown + "\" (views: articles, facts, rates, compare, diff)";
}

std::string set_fact_query(AppState& s, const std::string& query) {
    if (query.size() > 4000) return "the query is longer than 4000 bytes";
    FactsState& f = s.facts;
    f.query = query;
    note_text(s, query);
    std::vector<QueryTerm> terms;
    QueryError err;
    if (!parse_fact_query(query, &terms, &err)) {
        f.query_error = err.message;
        f.query_error_pos = err.pos;
        return "";  // the rows stay those of the last good query
    }
    f.query_error.clear();
    f.query_error_pos = 0;
    if (f.applied_query != query) {
        f.terms = std::move(terms);
        f.applied_query = query;
        f.dirty = true;
        f.query_dirty = true;
        ++s.link_generation;
    }
    return "";
}

std::string set_fact_sort(AppState& s, const std::vector<SortKey>& keys) {
    if (keys.size() > 8) return "at most 8 sort keys";
    for (size_t i = 0; i < keys.size(); ++i)
        for (size_t k = 0; k < i; ++k)
            if (keys[k].field == keys[i].field)
                return std::string("\"") + fact_field_name(keys[i].field) + "\" is in the sort twice";
    FactsState& f = s.facts;
    if (f.sort != keys) {
        f.sort = keys;
        f.dirty = true;
        ++s.link_generation;
    }
    return "";
}

static void open_fact_in_reader(AppState& s, uint32_t row) {
    const FactTable& t = s.facts.table;
    if (row >= t.size()) return;
    const FactSource& src = t.sources[t.source[row]];
    if (src.article < 0 || src.article >= (int)s.corpus.articles.size()) return;
    select_article(s, src.article);
    s.scroll_reader_to_top = false;
    s.reader_highlight_start = t.start[row];
    s.reader_highlight_end = t.end[row];
    s.scroll_reader_to_highlight = true;
}

std::string select_fact(AppState& s, long long index, bool extend) {
    update_facts(s);
    FactsState& f = s.facts;
    const long long n = (long long)f.view.rows.size();
    if (index < -1 || index >= n)
        return "no fact at index " + std::to_string(index) + " (there are " + std::to_string(n) + " on screen)";
    if (index < 0) {
        f.selected = f.sel_anchor = -1;
        f.selected_row = UINT32_MAX;
        s.reader_highlight_start = s.reader_highlight_end = 0;
        ++s.link_generation;
        return "";
    }
    if (!extend || f.selected < 0) f.sel_anchor = (int)index;
    else if (f.sel_anchor < 0) f.sel_anchor = f.selected;
    if (f.selected != (int)index) ++s.link_generation;
    f.selected = (int)index;
    f.selected_row = f.view.rows[(size_t)index];
    f.scroll_to_selected = true;
    open_fact_in_reader(s, f.selected_row);
    return "";
}

std::string select_fact_row(AppState& s, uint32_t row) {
    update_facts(s);
    const std::vector<uint32_t>& rows = s.facts.view.rows;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i] == row) return select_fact(s, (long long)i);
    return "this fact is hidden by the query";
}

std::string set_fact_columns(AppState& s, const std::vector<std::string>& names) {
    unsigned mask = 0;
    for (const std::string& n : names) {
        int found = -1;
        for (int c = 0; c < (int)FactColumn::Count_; ++c)
            if (n == kColumnNames[c]) found = c;
        if (found < 0) {
            std::string known;
            for (const char* k : kColumnNames) known += (known.empty() ? "" : ", ") + std::string(k);
            return "no column \"" + n.substr(0, 40) + "\" (columns: " + known + ")";
        }
        mask |= 1u << found;
    }
    if (!mask) return "at least one column must stay visible";
    if (s.facts.columns_visible != mask) {
        s.facts.columns_visible = mask;
        s.facts.columns_from_link = true;
        ++s.link_generation;
    }
    return "";
}

void update_facts(AppState& s) {
    update_currency(s);  // a new currency or rate re-converts the table first (and dirties the view)
    FactsState& f = s.facts;
    if (!f.dirty) return;
    f.dirty = false;
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const bool resort = !fact_order_current(f.table, f.sort, f.view);
    if (resort) sort_facts(f.table, f.sort, &f.view);
    const auto t1 = clock::now();
    // A new order alone leaves the result and its facets as they were: only the rows are re-collected.
    if (f.query_dirty || f.filtered_generation != f.table.generation) filter_facts(f.table, f.terms, &f.view);
    else collect_rows(f.table, &f.view);
    f.query_dirty = false;
    f.filtered_generation = f.table.generation;
    const auto t2 = clock::now();
    if (resort) f.last_sort_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    f.last_query_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    // Keep the same fact selected if it is still on screen.
    f.sel_anchor = -1;
    f.selected = -1;
    if (f.selected_row != UINT32_MAX) {
        const auto& rows = f.view.rows;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows[i] == f.selected_row) { f.selected = (int)i; break; }
        if (f.selected < 0) f.selected_row = UINT32_MAX;
        f.scroll_to_selected = f.selected >= 0;
    }
}

std::vector<uint32_t> selected_fact_rows(const AppState& s) {
    const FactsState& f = s.facts;
    std::vector<uint32_t> out;
    if (f.selected < 0 || f.selected >= (int)f.view.rows.size()) return out;
    int a = f.sel_anchor >= 0 && f.sel_anchor < (int)f.view.rows.size() ? f.sel_anchor : f.selected, b = f.selected;
    if (a > b) std::swap(a, b);
    out.assign(f.view.rows.begin() + a, f.view.rows.begin() + b + 1);
    return out;
}

// ---- Files ------------------------------------------------------------------------------------

struct FileLoad {
    std::string name;
    enum Kind { Facts, Text, Rates, Unsupported } kind = Unsupported;
    FactsLoader* facts = nullptr;   // Facts: parses as bytes arrive
    std::string text;               // Text: the whole article
    size_t bytes = 0;
    ~FileLoad() { delete facts; }
};

static bool ends_with(const std::string& s, const char* suffix) {
    const size_t n = std::strlen(suffix);
    if (s.size() < n) return false;
    for (size_t i = 0; i < n; ++i)
        if (std::tolower((unsigned char)s[s.size() - n + i]) != suffix[i]) return false;
    return true;
}

FileLoad* begin_file_load(AppState& s, const std::string& name) {
    FileLoad* f = new FileLoad;
    f->name = utf8_sanitize(name.substr(0, 200));
    if (ends_with(name, ".json") || ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) {
        f->kind = FileLoad::Facts;
        f->facts = new FactsLoader(&s.facts.table, &s.corpus, f->name);
    } else if (ends_with(name, ".txt") || ends_with(name, ".text") || ends_with(name, ".md")) {
        f->kind = FileLoad::Text;
    } else if (ends_with(name, ".csv")) {
        f->kind = FileLoad::Rates;  // an exchange-rate file (the ECB's eurofxref-hist.csv format)
    }
    return f;
}

void feed_file_load(FileLoad* f, std::string_view bytes) {
    f->bytes += bytes.size();
    if (f->kind == FileLoad::Facts) f->facts->feed(bytes);
    else if (f->kind == FileLoad::Text && f->text.size() <= (64u << 20)) f->text.append(bytes.data(), bytes.size());
    else if (f->kind == FileLoad::Rates && f->text.size() <= (256u << 20)) f->text.append(bytes.data(), bytes.size());
}

// An article id from a file name: its base name without extension, made unique.
static std::string new_article_id(const AppState& s, const std::string& file) {
    std::string base = file.substr(file.find_last_of("/\\") == std::string::npos ? 0 : file.find_last_of("/\\") + 1);
    const size_t dot = base.rfind('.');
    if (dot != std::string::npos && dot > 0) base.resize(dot);
    if (base.empty()) base = "article";
    auto taken = [&](const std::string& id) {
        for (const Article& a : s.corpus.articles) if (a.id == id) return true;
        for (const FactSource& src : s.facts.table.sources) if (src.id == id) return true;
        return false;
    };
    std::string id = base;
    for (int k = 2; taken(id); ++k) id = base + "-" + std::to_string(k);
    return id;
}

FileLoadResult finish_file_load(AppState& s, FileLoad* f) {
    FileLoadResult r;
    FactsState& facts = s.facts;
    const size_t before = facts.table.size();
    if (f->kind == FileLoad::Unsupported) {
        r.error = f->name + ": not a file FactLens reads (use .txt articles, .json/.jsonl from `factlens extract`, or an exchange-rate .csv)";
    } else if (f->kind == FileLoad::Rates) {
        const std::string name = f->name;
        const std::string err = f->bytes > (256u << 20) ? load_rates(s, name, std::string_view()) + "the file is larger than 256 MiB"
                                                        : load_rates(s, name, f->text);
        delete f;
        r.ok = err.empty();
        r.error = err;
        r.rates = true;
        return r;
    } else if (f->kind == FileLoad::Facts) {
        FactsLoadResult fr = f->facts->finish();
        r.ok = fr.ok;
        r.error = fr.error;
        r.facts = fr.rows_added;
    } else if (f->text.size() > (64u << 20)) {
        r.error = f->name + ": the article is larger than 64 MiB";
    } else if (f->text.find('\0') != std::string::npos) {
        r.error = f->name + ": this is a binary file, not text";
    } else {
        Article a;
        size_t replaced = 0;
        a.text = utf8_sanitize(f->text, &replaced);
        a.replaced_bytes = replaced;
        a.id = new_article_id(s, f->name);
        const ArticleMeta meta = find_article_meta(a.text);
        a.outlet = meta.outlet.empty() ? kUnknown : meta.outlet;
        a.date = meta.published ? day_to_iso(meta.published) : kUnknown;
        a.title = kUnknown;
        a.url = kUnknown;
        a.note = "added from " + f->name + (replaced ? " (" + std::to_string(replaced) + " malformed UTF-8 sequences replaced)" : "");
        ExtractOptions opt;
        opt.published = meta.published;
        const std::vector<Claim> claims = extract_claims(a.text, opt);
        s.corpus.articles.push_back(std::move(a));
        s.reader_layout.text = nullptr;  // the articles may have moved
        const Article& added = s.corpus.articles.back();
        FactSource src;
        src.id = added.id;
        src.outlet = added.outlet;
        src.date = added.date;
        src.published = meta.published;
        src.article = (int)s.corpus.articles.size() - 1;
        const uint32_t si = fact_source(facts.table, src);
        add_claims(facts.table, si, claims, added.text);
        r.ok = true;
        r.facts = claims.size();
        r.article = added.id;
    }
    const std::string name = f->name;
    delete f;
    if (r.ok) {
        // The glyphs of what came in: the new article's text, or the facts' strings.
        if (!r.article.empty()) note_text(s, s.corpus.articles.back().text);
        else
            for (const StringPool* p : {&facts.table.units, &facts.table.subjects, &facts.table.texts,
                                        &facts.table.qualifiers, &facts.table.hedges, &facts.table.directions})
                note_text(s, p->all_chars());
        for (const FactSource& src : facts.table.sources) note_text(s, src.outlet);
        facts.dirty = true;
        s.facts_count = (int)facts.table.size();
        facts.notice = "Added " + std::to_string(facts.table.size() - before) + " facts from " + name + ".";
        facts.notice_is_error = false;
    } else {
        facts.notice = r.error + " Nothing from it was added; everything loaded before is kept.";
        facts.notice_is_error = true;
    }
    return r;
}

FileLoadResult load_file(AppState& s, const std::string& name, std::string_view text) {
    FileLoad* f = begin_file_load(s, name);
    feed_file_load(f, text);
    return finish_file_load(s, f);
}

// ---- The URL fragment -------------------------------------------------------------------------

static std::string sort_to_text(const std::vector<SortKey>& keys) {
    std::string o;
    for (const SortKey& k : keys) {
        if (!o.empty()) o += ',';
        o += fact_field_name(k.field);
        o += k.descending ? ":desc" : ":asc";
    }
    return o;
}

static std::string columns_to_text(unsigned mask) {
    std::string o;
    for (int c = 0; c < (int)FactColumn::Count_; ++c)
        if (mask & (1u << c)) { if (!o.empty()) o += ','; o += kColumnNames[c]; }
    return o;
}

std::string facts_fragment(const AppState& s) {
    FragmentParams p;
    p.push_back({"view", view_name(s.view)});
    if (s.view == View::Articles && s.selected >= 0 && s.selected < (int)s.corpus.articles.size())
        p.push_back({"article", s.corpus.articles[s.selected].id});
    if (!s.facts.applied_query.empty()) p.push_back({"q", s.facts.applied_query});
    if (!s.facts.sort.empty()) p.push_back({"sort", sort_to_text(s.facts.sort)});
    const unsigned default_cols = FactsState{}.columns_visible;
    if (s.facts.columns_visible != default_cols) p.push_back({"cols", columns_to_text(s.facts.columns_visible)});
    if (s.view == View::Facts && s.facts.selected >= 0) p.push_back({"fact", std::to_string(s.facts.selected)});
    if (!s.currency.desc.to.empty()) {
        p.push_back({"cur", s.currency.desc.to});
        if (s.currency.desc.mode != RateMode::Reference) p.push_back({"rates", rates_mode_text(s.currency.desc)});
    }
    for (const auto& kv : s.fragment_extra) p.push_back(kv);
    return encode_fragment(p);
}

static std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    size_t a = 0;
    while (a <= s.size()) {
        size_t b = s.find(',', a);
        if (b == std::string::npos) b = s.size();
        if (b > a) out.push_back(s.substr(a, b - a));
        a = b + 1;
    }
    return out;
}

bool parse_sort_text(const std::string& text, std::vector<SortKey>* out) {
    std::vector<SortKey> keys;
    for (const std::string& part : split_commas(text)) {
        SortKey k;
        const size_t colon = part.find(':');
        const std::string field = part.substr(0, colon);
        const std::string dir = colon == std::string::npos ? "asc" : part.substr(colon + 1);
        if (!fact_field_from_name(field, &k.field) || (dir != "asc" && dir != "desc")) return false;
        k.descending = dir == "desc";
        keys.push_back(k);
    }
    *out = std::move(keys);
    return true;
}

void apply_fragment(AppState& s, const std::string& fragment) {
    const FragmentParams p = decode_fragment(fragment);
    s.fragment_extra.clear();
    for (const auto& kv : p) {
        const std::string& k = kv.first;
        if (k != "view" && k != "article" && k != "q" && k != "sort" && k != "cols" && k != "fact" && k != "cur" && k != "rates")
            s.fragment_extra.push_back(kv);
    }
    // A link is best effort: a part that does not apply is skipped, the rest still restores.
    if (const std::string* v = fragment_get(p, "view")) set_view_by_name(s, *v);
    if (const std::string* a = fragment_get(p, "article")) select_article_by_id(s, *a);
    if (const std::string* q = fragment_get(p, "q")) set_fact_query(s, *q);
    if (const std::string* so = fragment_get(p, "sort")) {
        std::vector<SortKey> keys;
        if (parse_sort_text(*so, &keys) && set_fact_sort(s, keys).empty()) s.facts.sort_from_link = true;
    }
    if (const std::string* c = fragment_get(p, "cols")) set_fact_columns(s, split_commas(*c));
    if (const std::string* cur = fragment_get(p, "cur")) {
        RateMode mode = RateMode::Reference;
        double custom = 0;
        std::string unit;
        if (const std::string* rm = fragment_get(p, "rates")) {
            if (*rm == "article") mode = RateMode::Article;
            else if (rm->rfind("custom:", 0) == 0) {
                // custom:7.1:CNY per USD
                const size_t colon = rm->find(':', 7);
                mode = RateMode::Custom;
                custom = std::strtod(rm->substr(7, colon == std::string::npos ? std::string::npos : colon - 7).c_str(), nullptr);
                if (colon != std::string::npos) unit = rm->substr(colon + 1);
            }
        }
        set_currency(s, *cur, mode, custom, unit);
    }
    if (const std::string* fa = fragment_get(p, "fact")) {
        char* end = nullptr;
        const long long i = std::strtoll(fa->c_str(), &end, 10);
        if (end && *end == 0 && !fa->empty()) select_fact(s, i);
    }
}

} // namespace factlens
