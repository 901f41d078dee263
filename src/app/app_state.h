// Everything the FactLens UI shows, as plain data. Views read it and write user intent back into it;
// the platform layer owns one AppState and knows nothing of its insides beyond this header.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../core/corpus.h"
#include "../core/fact_query.h"
#include "../core/align.h"
#include "../core/fact_table.h"
#include "../core/rate_check.h"
#include "../core/rates.h"
#include "../core/text_fold.h"
#include "../core/word_diff.h"

namespace factlens {

// A rectangle in the UI's own coordinates (device pixels; divide by ui_scale for CSS pixels).
struct UiRect {
    float x = 0, y = 0, w = 0, h = 0;
};

// Which widget has keyboard focus, as far as the app's own logic cares (for state() and Ctrl+C).
enum class Focus { None, Filter, List, Reader, Query, Facts, Currency, Pairs, Clusters, Diff };
const char* focus_name(Focus f);

// Word-wrapped lines of the reader, cached between frames: rebuilt only when the text, the wrap width
// or the font size changes, so an idle frame does no text measuring.
struct WrappedLine {
    size_t start = 0;  // byte offset into the article text
    size_t end = 0;    // one past the last byte drawn on this line (trailing spaces/newline excluded)
};
struct ReaderLayout {
    const std::string* text = nullptr;
    float wrap_width = -1.0f;
    float font_size = 0.0f;
    std::vector<WrappedLine> lines;
};

// Where things were drawn in the last frame; only for the JS API (tests and hosts click by it).
// Cleared (not replaced) each frame, so its buffers are reused.
struct FrameLayout {
    struct Row { int article = -1; UiRect rect; };
    std::vector<Row> list_rows;  // visible rows of the article list
    UiRect reader;               // the reader's text area
    UiRect filter;               // the "Filter articles" field
    struct FactRow { int index = -1; UiRect rect; };
    std::vector<FactRow> fact_rows;    // visible rows of the facts table (index: row on screen)
    struct Mark { uint32_t row = 0; UiRect rect; };
    std::vector<Mark> reader_marks;    // fact figures drawn in the reader (row: fact table row)
    struct Facet { int facet = -1, value = -1; UiRect rect; };
    std::vector<Facet> facet_values;   // clickable facet values
    UiRect query;                      // the facts query box
    UiRect tabs[5];                    // the Articles, Facts, Rates, Compare and Diff tabs
    struct Button { const char* name = ""; UiRect rect; };
    std::vector<Button> currency_buttons;  // the currency toggle: "as written", "CNY", "USD", ...
    UiRect rate_mode;                  // the rate-mode combo
    struct PairRow { int index = -1; UiRect rect; };
    std::vector<PairRow> pair_rows;    // visible rows of the Rates view's table
    std::vector<PairRow> cluster_rows; // visible rows of the Compare view's table (index: row on screen)
    std::vector<Button> verdict_buttons;  // the Compare view's verdict filter: "agree", ...
    struct DiffMark { int op = -1; UiRect rect; };
    std::vector<DiffMark> diff_marks;  // changed pieces drawn in the Diff view (op: index into ops)
    UiRect diff_modes[2];              // the Diff view's "Side by side" and "Inline" buttons
    void clear() {
        list_rows.clear(); fact_rows.clear(); reader_marks.clear(); facet_values.clear();
        currency_buttons.clear(); pair_rows.clear(); cluster_rows.clear(); verdict_buttons.clear(); diff_marks.clear();
        diff_modes[0] = diff_modes[1] = UiRect{};
        reader = filter = query = rate_mode = UiRect{};
        for (UiRect& t : tabs) t = UiRect{};
    }
};

enum class View { Articles, Facts, Rates, Compare, Diff };
const char* view_name(View v);

// The Facts view's columns, in their default order. Names are the API's (state().facts.columns).
enum class FactColumn : int { Source, Kind, Value, Unit, Bounds, Subject, Period, Hedge, Direction, Pair, Sentence, Count_ };
const char* fact_column_name(FactColumn c);
FactField fact_column_field(FactColumn c);  // what a click on its header sorts by

// The facts explorer's state: the table, the query and its result.
struct FactsState {
    FactTable table;
    FactView view;                  // the rows on screen, facets; rebuilt by update_facts()
    std::string query;              // as typed
    std::vector<QueryTerm> terms;   // the last query that parsed (what view shows)
    std::string applied_query;      // its text
    std::string query_error;        // "" or why `query` does not parse (the rows stay as they were)
    size_t query_error_pos = 0;
    std::vector<SortKey> sort;      // empty: load order
    unsigned columns_visible = (1u << (int)FactColumn::Count_) - 1 - (1u << (int)FactColumn::Direction);
    bool columns_from_link = false; // apply columns_visible to the table on the next frame
    bool sort_from_link = false;    // apply sort to the table headers on the next frame
    int selected = -1;              // index into view.rows (the row on screen), -1 for none
    int sel_anchor = -1;            // other end of a Shift-selected range of rows, or -1
    uint32_t selected_row = UINT32_MAX;  // the fact table row of `selected`, kept across queries
    bool scroll_to_selected = false;
    bool dirty = true;              // the query, sort or table changed: update_facts() reruns
    bool query_dirty = true;        // the query or the table changed (not only the sort): recount facets
    uint64_t filtered_generation = ~0ull;  // table generation the pass mask and facets were made for
    std::string notice;             // one line under the query box: export result, load errors
    bool notice_is_error = false;
    bool show_facets = true;        // the facets panel beside the table (wide screens)
    bool show_facets_narrow = false;// the facets panel above the table (narrow screens: off at first)
    double last_query_ms = 0, last_sort_ms = 0;
};

// The currency toggle, the rate tables and the Rates view (currency_state.cpp).
struct CurrencyState {
    RateTable rates;                // [0] the shipped CFETS table, then files the user loaded
    CurrencyDesc desc;              // desc.to empty: amounts as written
    uint64_t generation = 0;        // bumped when the rates or desc change
    uint64_t rates_generation = 0;  // bumped when the rate tables change (not the toggle)
    uint64_t converted_for = ~0ull; // the generation the fact table was last converted for
    // The Rates view: every conversion pair checked against the reference rates. A cache, made by
    // update_rate_checks() when first read after the rates or the table changed (hence mutable:
    // state() and the accessibility mirror read it through a const AppState).
    mutable std::vector<PairCheck> checks;
    mutable uint64_t checks_generation = ~0ull, checks_table_generation = ~0ull;
    mutable int selected_check = -1;  // index into checks (kept on the same pair across a rebuild)
    // The Rates view's chart, built with the checks: the reference rate over the dates the pairs
    // span, in the rate unit most pairs use ("CNY per USD").
    struct ChartPoint { long day = 0; double rate = 0; };  // day: days since 1970-01-01
    mutable std::string chart_unit;
    mutable std::vector<ChartPoint> chart_line;
    mutable std::string chart_source;
    mutable long chart_day_min = 0, chart_day_max = 0;
    mutable double chart_rate_min = 0, chart_rate_max = 0;
    std::string custom_rate_text = "7.10";       // the custom-rate fields as typed
    std::string custom_unit_text = "CNY per USD";
    std::string notice;             // one line: a rate file loaded or refused
    bool notice_is_error = false;
    size_t converted_rows = 0, stale_rows = 0, unconverted_rows = 0, fallback_rows = 0, assumed_rows = 0;
    double last_convert_ms = 0;
};

// A member's figure as the Compare view shows it: converted when a currency is chosen.
struct MemberFigure {
    std::string text;                  // as written ("exceed 1.2 trillion yuan" -> "1.2 trillion yuan")
    double value = kNone, low = kNone, high = kNone;  // in `unit`
    std::string unit;                  // the chosen currency when converted, else as written
    bool converted = false;
    std::string note;                  // the conversion's explanation, or why it was not converted
    uint32_t start = 0, end = 0;       // the figure's bytes in its article
    TextRange sentence;                // the sentence around it
};

// The Compare view (compare_state.cpp): the claims of the chosen articles lined up across sources.
struct CompareState {
    std::vector<int> articles;             // corpus indices compared; empty: every article
    // The engine's input and output, rebuilt when the articles, the corpus or the rates change.
    std::vector<std::vector<Claim>> claims;  // per compared article
    std::vector<int> claim_article;          // per compared article: its corpus index
    std::vector<Cluster> clusters;
    std::vector<std::vector<MemberFigure>> figures;  // per cluster, per member: what the view draws
    uint64_t figures_generation = ~0ull;   // currency generation the figures were made for
    size_t corpus_size = ~size_t(0);       // what clusters were made for
    uint64_t rates_generation = ~0ull;
    bool dirty = true;
    // What the table shows: cluster indices, filtered by verdict and sorted.
    unsigned verdicts = 0x1F;              // bit per Verdict shown (all)
    bool sort_by_spread = false;           // false: most sources first (the engine's order)
    std::vector<uint32_t> rows;
    uint32_t counts[5] = {0, 0, 0, 0, 0};  // clusters per verdict
    int selected = -1;                     // index into rows
    double last_align_ms = 0;
};

// The Diff view (diff_state.cpp): two articles compared word by word.
enum class DiffStyle : uint8_t { Same, Deleted, Inserted, MovedFrom, MovedTo, NumberOld, NumberNew };
struct DiffRun {
    uint32_t start = 0, end = 0;  // bytes of text A (side 0) or B (side 1)
    uint8_t side = 0;
    DiffStyle style = DiffStyle::Same;
    int32_t op = -1;              // index into result.ops
};
// One aligned row of the side-by-side layout (a paragraph of each text), or one paragraph inline.
struct DiffBlock { uint32_t left_begin = 0, left_end = 0, right_begin = 0, right_end = 0; };  // run indices
struct DiffPiece { float x = 0; uint32_t line = 0; uint32_t run = 0; uint32_t start = 0, end = 0; };  // laid-out text
struct DiffState {
    int a = -1, b = -1;                  // corpus indices; -1: not chosen
    bool inline_mode = false;            // false: side by side
    DiffResult result;
    double last_diff_ms = 0;
    bool dirty = true;
    size_t corpus_size = ~size_t(0);
    std::vector<DiffRun> runs;           // the model the view draws, rebuilt with the result or the mode
    std::vector<DiffBlock> blocks;
    std::vector<int> op_cluster;         // per op: index into compare.clusters of the fact it changes, or -1
    // Layout, cached per width and font size: pieces per block and column, each block's top.
    float layout_width = -1, layout_font = 0;
    std::vector<DiffPiece> pieces;
    std::vector<uint32_t> block_pieces;  // per block: left begin, left end (= right begin), right end
    std::vector<float> block_top;        // per block, plus the total height at the end
    int scroll_to_op = -1;               // the view scrolls to this op's block on the next frame
};

// The currencies the toggle offers, in its order (state().currency accepts any is_conversion_target).
inline constexpr const char* kToggleCurrencies[] = {"CNY", "USD", "EUR", "GBP", "JPY", "HKD"};

// What the app asks of its host (the browser layer); any may be null (tests, native).
struct AppHost {
    // Offers text as a file download. Returns false when downloads are not possible here (a
    // sandboxed frame): the platform has put the text on the clipboard instead.
    bool (*download)(const char* filename, const char* mime, const std::string& text) = nullptr;
    void (*copy_text)(const std::string& text) = nullptr;   // to the system clipboard
    std::string (*page_link)(const std::string& fragment) = nullptr;  // the page URL with this fragment
    void (*open_file_picker)() = nullptr;
};

using FragmentExtra = std::vector<std::pair<std::string, std::string>>;

struct AppState {
    Corpus corpus;
    std::vector<std::string> load_warnings;  // shown in the status bar
    std::string load_error;                  // set if the embedded corpus could not be loaded
    int facts_count = -1;                    // claims in the embedded facts.json; -1 if absent

    int selected = -1;             // index into corpus.articles, -1 for none
    size_t sel_anchor = 0;         // reader selection: byte offsets into the selected article's text
    size_t sel_caret = 0;
    bool scroll_reader_to_top = false;  // set when the selection changes, consumed by the reader view

    std::string filter;            // contents of the filter field (case-insensitive substring match)
    struct ArticleFilter {         // visible_articles()'s cache
        std::vector<std::string> folded;  // per article: outlet, title, date, id, text, folded
        std::vector<std::string> first_sentence;  // per article: article_first_sentence()
        size_t corpus_bytes = 0;
        std::string filter;
        std::vector<int> rows;
        bool valid = false;
    } mutable article_filter;     // a cache: filled by visible_articles() on const states too
    Focus focus = Focus::None;

    // Find in the open article (Ctrl+F): matches of `query` in the selected article's text.
    struct Find {
        bool open = false;
        std::string query;
        std::vector<FoldedMatch> matches;  // byte ranges in the article text, in order
        int current = -1;                  // index into matches, -1 for none
        int article = -1;                  // the article and query the matches are for
        std::string searched;
        bool focus_field = false;          // put the keyboard in the find field on the next frame
        bool scroll_to_current = false;
    } find;

    View view = View::Articles;
    FactsState facts;
    CurrencyState currency;
    CompareState compare;
    DiffState diff;
    // The reader's link to the facts: the figure to highlight and scroll to (byte offsets into the
    // selected article's text; start == end for none), and the fact table rows of its marks.
    size_t reader_highlight_start = 0, reader_highlight_end = 0;
    bool scroll_reader_to_highlight = false;
    struct ReaderMarks { int article = -1; uint64_t generation = ~0ull; std::vector<uint32_t> rows; } reader_marks;
    uint64_t link_generation = 0;  // bumped when anything the URL fragment holds changes
    FragmentExtra fragment_extra;  // fragment keys FactLens does not own (kept when it writes the URL)
    AppHost host;
    // Characters the UI has been handed (articles, facts, typed text) that the platform has not yet
    // made sure the font atlas covers; see note_text() and app_fonts.h. Only non-ASCII, each once.
    std::string glyph_queue;
    std::vector<uint8_t> glyphs_noted;  // Basic Multilingual Plane bit set of what was queued

    std::string version;           // "0.1.0+<git hash>"
    float ui_scale = 1.0f;         // device pixels per CSS pixel (devicePixelRatio)
    uint64_t frames = 0;           // frames rendered

    ReaderLayout reader_layout;
    FrameLayout layout;
};

// The selected range of the reader, ordered (start <= end), clamped to the text and to code points.
struct ByteRange { size_t start = 0, end = 0; };
ByteRange reader_selection(const AppState& s);
std::string selected_text(const AppState& s);

// Indices of the articles that pass the filter: their outlet, headline, date, id or full text
// contains it, case-insensitively (Unicode simple folding, text_fold.h). Cached: recomputed only
// when the filter or the corpus changes, so calling it every frame costs a string compare.
const std::vector<int>& visible_articles(const AppState& s);

// The first sentence of article i, shown (marked as such) where the text states no headline.
const std::string& article_first_sentence_cached(const AppState& s, int i);

// User intent, from the UI or from the JS API. Each returns an empty string on success, otherwise
// a message for a person; on failure the state is unchanged.
std::string select_article(AppState& s, int index);
std::string select_article_by_id(AppState& s, const std::string& id);
std::string select_text(AppState& s, size_t start, size_t end);
std::string set_filter(AppState& s, const std::string& text);

// Loads the corpus compiled into the binary. On failure keeps whatever was loaded before.
void load_embedded_corpus(AppState& s);

// Queues the non-ASCII characters of text that were never queued before, for the font atlas.
void note_text(AppState& s, std::string_view text);

// ---- Find in the open article (app_state.cpp) ----
void open_find(AppState& s);
void close_find(AppState& s);
std::string set_find_query(AppState& s, const std::string& query);
void find_step(AppState& s, int delta);  // next (+1) or previous (-1) match, wrapping around
void update_find(AppState& s);           // recomputes matches when the article or query changed

// ---- The facts explorer (facts_state.cpp) ----
std::string set_view(AppState& s, View v);
std::string set_view_by_name(AppState& s, const std::string& name);
// Parses and applies a query. A malformed query returns "" all the same: the error goes to
// s.facts.query_error and the rows stay those of the last good query.
std::string set_fact_query(AppState& s, const std::string& query);
std::string set_fact_sort(AppState& s, const std::vector<SortKey>& keys);
// index counts the rows on screen; -1 clears the selection. Opens the fact's article in the reader.
std::string select_fact(AppState& s, long long index, bool extend = false);
// Selects the fact at table row r if the query shows it; "" or why not.
std::string select_fact_row(AppState& s, uint32_t row);
std::string set_fact_columns(AppState& s, const std::vector<std::string>& names);
// Reruns the query and sort when dirty. Called at the top of each frame and by the API.
void update_facts(AppState& s);
// The selected rows (the range anchor..selected), as table rows in screen order.
std::vector<uint32_t> selected_fact_rows(const AppState& s);

// One file of the user's: .txt (an article: extracted here), .json/.jsonl (facts from `factlens
// extract`), .csv (exchange rates: load_rates()). Feed it in any number of chunks; finish says what happened. Nothing is added on error.
struct FileLoad;
FileLoad* begin_file_load(AppState& s, const std::string& name);
void feed_file_load(FileLoad* f, std::string_view bytes);
struct FileLoadResult { bool ok = false; std::string error; size_t facts = 0; std::string article; bool rates = false; };
FileLoadResult finish_file_load(AppState& s, FileLoad* f);  // deletes f
FileLoadResult load_file(AppState& s, const std::string& name, std::string_view text);

// "value:desc,outlet:asc" -> keys; false (and *out unchanged) if a part is not a field:asc|desc.
bool parse_sort_text(const std::string& text, std::vector<SortKey>* out);

// ---- Currency conversion and rates (currency_state.cpp) ----
// Loads the CFETS reference table compiled into the binary (called by load_embedded_corpus()).
void load_embedded_rates(AppState& s);
// Shows every money figure in `to` ("" = as written) with rates chosen by `mode`. For Custom,
// custom_rate units of the first currency of custom_unit per one of the second ("CNY per USD";
// empty: "CNY per <to>"). Refused, with the state unchanged, on an unknown currency or a rate that
// is not a positive finite number.
std::string set_currency(AppState& s, const std::string& to, RateMode mode, double custom_rate = 0,
                         const std::string& custom_unit = "");
// A rate file: the ECB's eurofxref-hist.csv format, or the reference JSON format. Added beside the
// shipped table (replacing an earlier file of the same name). Refused with the line and the reason;
// the rates loaded before stay.
std::string load_rates(AppState& s, const std::string& name, std::string_view text);
// Re-converts the fact table when the currency, the rates or the table changed (update_facts()
// calls it first).
void update_currency(AppState& s);
// Rebuilds the Rates view's checks and chart when the rates or the table changed since they were
// made; call before reading currency.checks. Not part of update_currency(): at a million facts the
// checks take ~150 ms in wasm, and a rate file dropped in another view should not wait for them.
void update_rate_checks(const AppState& s);
std::string select_rate_check(AppState& s, int index);
// "reference", "article" or "custom:7.1:CNY per USD", as the URL fragment and state() write it.
std::string rates_mode_text(const CurrencyDesc& d);

// ---- Compare sources (compare_state.cpp) ----
// Compares these articles (ids or corpus indices; empty: all). Refused for an unknown id or fewer
// than two articles.
std::string set_compare_articles(AppState& s, const std::vector<int>& corpus_indices);
std::string set_compare_filter(AppState& s, unsigned verdict_bits);  // bit per Verdict; 0 refused
std::string set_compare_sort(AppState& s, bool by_spread);
std::string select_cluster(AppState& s, int row);  // a row of the table on screen; -1 clears
// Re-runs the alignment and the table's filter and sort when anything they depend on changed.
void update_compare(AppState& s);
MemberFigure member_figure(const AppState& s, const ClusterMember& m);

// ---- Diff two articles (diff_state.cpp) ----
// Diffs corpus articles a and b (the old and the new text), shown side by side or inline.
std::string set_diff(AppState& s, int a, int b, bool inline_mode);
std::string set_diff_mode(AppState& s, bool inline_mode);
// Recomputes the diff and its view model when the articles, the mode or the corpus changed.
void update_diff(AppState& s);

// The URL fragment: what it holds now, and applying one (on load).
std::string facts_fragment(const AppState& s);
void apply_fragment(AppState& s, const std::string& fragment);

} // namespace factlens
