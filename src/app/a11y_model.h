// The accessibility mirror's model: what the canvas shows, as plain text, for the off-screen DOM
// that screen readers read (web/a11y.js builds it). Cheap at a million facts: only the rows on
// screen and the counts, never the whole table.
#pragma once
#include <cstdint>
#include <string>

#include "app_state.h"

namespace factlens {

// Changes whenever what a screen reader should be told changes: the view, the article list (filter,
// articles added), the selected article, the facts query and its result, the selected fact(s), the
// window of rows on screen, the columns, the notice line. Called after every frame: no allocation,
// a hash of a few numbers and short strings. Fits in 53 bits (it travels to JS as a double).
uint64_t a11y_generation(const AppState& s);

// Which article text the previous snapshot carried, so that the ~20 KB of text goes out only when
// the open article changes (the JS side keeps the last text it got).
struct A11yTextSent {
    std::string article_id;  // "" when no text was sent yet
};

// The snapshot as JSON (its shape is documented at the top of web/a11y.js). reader.text is the
// article's full text when it differs from what *sent says was sent last (then *sent is updated),
// otherwise null. sent == nullptr: always include the text.
std::string a11y_snapshot_json(const AppState& s, A11yTextSent* sent);

// The same with the process-wide A11yTextSent (the browser has one app and one mirror).
std::string a11y_snapshot_json(const AppState& s);
// Forgets what the process-wide one sent: the next snapshot carries the text again. Exported to JS
// as _fl_a11y_resend_text, for a mirror that lost its copy.
void a11y_resend_text();

// "1.2 trillion CNY, ECNS, 2026-01-21": a fact as the live region announces it.
std::string a11y_fact_label(const FactTable& t, uint32_t row);

} // namespace factlens
