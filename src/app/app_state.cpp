#include "app_state.h"

#include <algorithm>
#include <cctype>


#include "../core/facts_io.h"
#include "../core/text_fold.h"
#include "../core/utf8.h"
#include "embedded_assets.h"

namespace factlens {

const char* focus_name(Focus f) {
    switch (f) {
        case Focus::Filter: return "filter";
        case Focus::List: return "list";
        case Focus::Reader: return "reader";
        case Focus::Query: return "query";
        case Focus::Facts: return "facts";
        case Focus::Currency: return "currency";
        case Focus::Pairs: return "pairs";
        case Focus::Clusters: return "clusters";
        case Focus::Diff: return "diff";
        case Focus::None: break;
    }
    return nullptr;
}

ByteRange reader_selection(const AppState& s) {
    if (s.selected < 0 || s.selected >= (int)s.corpus.articles.size()) return {};
    const std::string& text = s.corpus.articles[s.selected].text;
    size_t a = std::min(s.sel_anchor, text.size()), b = std::min(s.sel_caret, text.size());
    if (a > b) std::swap(a, b);
    return {utf8_floor_boundary(text, a), utf8_ceil_boundary(text, b)};
}

std::string selected_text(const AppState& s) {
    ByteRange r = reader_selection(s);
    if (r.start == r.end) return "";
    return s.corpus.articles[s.selected].text.substr(r.start, r.end - r.start);
}

const std::vector<int>& visible_articles(const AppState& s) {
    AppState::ArticleFilter& f = s.article_filter;
    const size_t n = s.corpus.articles.size();
    if (f.folded.size() != n || f.corpus_bytes != s.corpus.total_text_bytes()) {
        // Every article's searchable text (outlet, headline, date, id, full text), folded once.
        f.folded.assign(n, std::string());
        f.first_sentence.assign(n, std::string());
        for (size_t i = 0; i < n; ++i) {
            const Article& a = s.corpus.articles[i];
            f.first_sentence[i] = article_first_sentence(a);
            std::string& o = f.folded[i];
            for (const std::string* part : {&a.outlet, &a.title, &a.date, &a.id, &a.text}) {
                fold_append(o, *part);
                o += '\n';
            }
        }
        f.corpus_bytes = s.corpus.total_text_bytes();
        f.valid = false;
    }
    if (f.valid && f.filter == s.filter) return f.rows;
    f.filter = s.filter;
    f.rows.clear();
    const std::string needle = fold_text(s.filter);
    for (size_t i = 0; i < n; ++i)
        if (needle.empty() || f.folded[i].find(needle) != std::string::npos) f.rows.push_back((int)i);
    f.valid = true;
    return f.rows;
}

const std::string& article_first_sentence_cached(const AppState& s, int i) {
    visible_articles(s);  // builds the per-article cache when the corpus changed
    static const std::string kNone;
    const auto& v = s.article_filter.first_sentence;
    return i >= 0 && (size_t)i < v.size() ? v[(size_t)i] : kNone;
}

std::string select_article(AppState& s, int index) {
    const int n = (int)s.corpus.articles.size();
    if (index < 0 || index >= n)
        return "no article at index " + std::to_string(index) + " (there are " + std::to_string(n) + ")";
    if (s.selected != index) {
        s.selected = index;
        s.sel_anchor = s.sel_caret = 0;
        s.scroll_reader_to_top = true;
    }
    return "";
}

std::string select_article_by_id(AppState& s, const std::string& id) {
    for (int i = 0; i < (int)s.corpus.articles.size(); ++i)
        if (s.corpus.articles[i].id == id) return select_article(s, i);
    return "no article with id \"" + id + "\"";
}

std::string select_text(AppState& s, size_t start, size_t end) {
    if (s.selected < 0) return "no article is selected";
    const std::string& text = s.corpus.articles[s.selected].text;
    if (start > end || end > text.size())
        return "range " + std::to_string(start) + ".." + std::to_string(end) + " is outside the article (" +
               std::to_string(text.size()) + " bytes)";
    s.sel_anchor = utf8_floor_boundary(text, start);
    s.sel_caret = utf8_ceil_boundary(text, end);
    return "";
}

std::string set_filter(AppState& s, const std::string& text) {
    if (!utf8_is_valid(text)) return "filter text is not valid UTF-8";
    if (text.size() > 1000) return "filter text is longer than 1000 bytes";
    s.filter = text;
    note_text(s, text);
    return "";
}

void note_text(AppState& s, std::string_view text) {
    if (s.glyphs_noted.size() != 0x2000) s.glyphs_noted.assign(0x2000, 0);
    for (size_t i = 0; i < text.size();) {
        if ((unsigned char)text[i] < 0x80) { ++i; continue; }
        const DecodedChar d = utf8_decode(text, i);
        const uint32_t cp = d.cp < 0x10000 ? d.cp : 0xFFFD;
        uint8_t& byte = s.glyphs_noted[cp >> 3];
        if (!(byte & (1u << (cp & 7)))) {
            byte |= (uint8_t)(1u << (cp & 7));
            s.glyph_queue.append(text.data() + i, (size_t)d.len);
        }
        i += (size_t)d.len;
    }
}

void open_find(AppState& s) {
    s.find.open = true;
    s.find.focus_field = true;
}

void close_find(AppState& s) {
    s.find.open = false;
    s.find.matches.clear();
    s.find.current = -1;
    s.find.article = -1;
}

std::string set_find_query(AppState& s, const std::string& query) {
    if (!utf8_is_valid(query)) return "find text is not valid UTF-8";
    if (query.size() > 1000) return "find text is longer than 1000 bytes";
    s.find.open = true;
    s.find.query = query;
    note_text(s, query);
    update_find(s);
    return "";
}

void update_find(AppState& s) {
    AppState::Find& f = s.find;
    if (!f.open) return;
    if (f.article == s.selected && f.searched == f.query) return;
    f.article = s.selected;
    f.searched = f.query;
    f.matches.clear();
    f.current = -1;
    if (s.selected < 0 || s.selected >= (int)s.corpus.articles.size() || f.query.empty()) return;
    f.matches = folded_find_all(s.corpus.articles[(size_t)s.selected].text, fold_text(f.query));
    if (!f.matches.empty()) {
        f.current = 0;
        f.scroll_to_current = true;
    }
}

void find_step(AppState& s, int delta) {
    update_find(s);
    AppState::Find& f = s.find;
    const int n = (int)f.matches.size();
    if (n == 0) return;
    f.current = ((f.current < 0 ? 0 : f.current + delta) % n + n) % n;
    f.scroll_to_current = true;
}

void load_embedded_corpus(AppState& s) {
    std::vector<NamedText> files;
    const EmbeddedAsset* meta = nullptr;
    for (size_t i = 0; i < kEmbeddedAssetCount; ++i) {
        const EmbeddedAsset& a = kEmbeddedAssets[i];
        std::string name = a.name;
        if (name.rfind("corpus/", 0) != 0) continue;
        if (name == "corpus/articles.json") meta = &a;
        else files.push_back({name.substr(7), std::string_view((const char*)a.data, a.size)});
    }
    if (!meta) { s.load_error = "the build has no corpus metadata (corpus/articles.json)"; return; }
    Corpus loaded;
    LoadResult r = load_corpus(std::string_view((const char*)meta->data, meta->size), files, &loaded);
    if (!r.ok) { s.load_error = r.error; return; }
    s.corpus = std::move(loaded);
    std::vector<std::string> warnings = r.warnings;
    // The claims extracted at build time (assets/facts.json), linked to the corpus texts.
    FactTable table;
    if (const EmbeddedAsset* facts = find_embedded_asset("facts.json")) {
        FactsLoadResult fr = load_facts_text(&table, &s.corpus, "facts.json",
                                             std::string_view((const char*)facts->data, facts->size));
        if (!fr.ok) warnings.push_back("the embedded facts could not be loaded: " + fr.error);
    } else {
        warnings.push_back("this build has no facts.json: the Facts view is empty");
    }
    s.facts = FactsState{};
    s.facts.table = std::move(table);
    s.facts_count = (int)s.facts.table.size();
    s.load_warnings = std::move(warnings);
    s.currency.converted_for = ~0ull;  // a fresh table: convert it again if a currency is chosen
    load_embedded_rates(s);
    for (const Article& a : s.corpus.articles) {
        for (const std::string* t : {&a.text, &a.title, &a.outlet, &a.note, &a.date}) note_text(s, *t);
    }
    s.selected = -1;
    if (!s.corpus.articles.empty()) select_article(s, 0);
}

} // namespace factlens
