// Everything the FactLens UI shows, as plain data. Views read it and write user intent back into it;
// the platform layer owns one AppState and knows nothing of its insides beyond this header.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "../core/corpus.h"

namespace factlens {

// A rectangle in the UI's own coordinates (device pixels; divide by ui_scale for CSS pixels).
struct UiRect {
    float x = 0, y = 0, w = 0, h = 0;
};

// Which widget has keyboard focus, as far as the app's own logic cares (for state() and Ctrl+C).
enum class Focus { None, Filter, List, Reader };
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
struct FrameLayout {
    struct Row { int article = -1; UiRect rect; };
    std::vector<Row> list_rows;  // visible rows of the article list
    UiRect reader;               // the reader's text area
    UiRect filter;               // the "Filter articles" field
};

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
    Focus focus = Focus::None;

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

// Indices of the articles that pass the filter (outlet, title, date, id or lead contain it).
std::vector<int> visible_articles(const AppState& s);

// User intent, from the UI or from the JS API. Each returns an empty string on success, otherwise
// a message for a person; on failure the state is unchanged.
std::string select_article(AppState& s, int index);
std::string select_article_by_id(AppState& s, const std::string& id);
std::string select_text(AppState& s, size_t start, size_t end);
std::string set_filter(AppState& s, const std::string& text);

// Loads the corpus compiled into the binary. On failure keeps whatever was loaded before.
void load_embedded_corpus(AppState& s);

} // namespace factlens
