// Keyboard focus order over the app's main controls, for Tab and Shift+Tab. The platform layer never
// hands Tab to ImGui (whose own tabbing would wrap around inside the window for ever): it calls
// focus_step, and when that says there is no further stop it lets the browser move focus on, out of
// the canvas to the host page. So keyboard users are never trapped (WCAG 2.1.2).
//
// Stops, per view:   Articles: view tabs, currency toggle, filter, article list, reader
//                    Facts:    view tabs, currency toggle, query box, facts table, reader (when a fact is selected)
//                    Rates:    view tabs, currency toggle, pairs table, reader (when a pair is selected)
//                    Compare:  view tabs, currency toggle, clusters table
//                    Diff:     view tabs, currency toggle, the two texts (arrows and PgUp/PgDn scroll)
// Inside a stop the views' own keys work (arrows, Page Up/Down, Home/End, Enter, Ctrl+C); on the view
// tabs Left/Right switch the view; on the currency toggle Left/Right pick the currency and Up/Down
// the rate mode. A ring marks the stop reached by keyboard until the pointer is used.
#pragma once

#include "app_state.h"

namespace factlens {

enum class FocusStop { None, Tabs, Currency, Filter, List, Reader, Query, Table, Pairs, Clusters, Diff };
const char* focus_stop_name(FocusStop stop);  // "tabs", "filter", … or nullptr for None

// The stop that has the keyboard now (None when the app has no keyboard focus of its own).
FocusStop focus_stop(const AppState& s);

// Tab (dir > 0) or Shift+Tab (dir < 0). True when focus moved to another stop; false when there is
// none further that way: the app's focus is released and the caller lets the browser move focus out.
bool focus_step(AppState& s, int dir);

// Keyboard focus came in from outside (Tab into the frame): the first stop, or the last for Shift+Tab.
void focus_enter(AppState& s, int dir);

// Escape, or focus left: no stop, no active text field, s.focus None.
void focus_release(AppState& s);

// True when the stop is a text field (the platform keeps its text input element focused then).
bool focus_stop_is_text(FocusStop stop);

// The mouse or a finger was used: the focus ring hides until the next Tab.
void focus_pointer_used();
// Keyboard focus came back to the current stop from outside: show where it is.
void focus_show_ring();

// Called by app_frame: the ImGui id of a text field stop, in the window and ID scope it is drawn in
// (before the view draws it), and once at the end of the frame (tab bar keys, focus ring).
void focus_note_text_field(FocusStop stop, unsigned int imgui_id);
void focus_frame_end(AppState& s);

} // namespace factlens
