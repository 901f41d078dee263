// Text selection in the reader by touch: a long press selects the word under the finger, dragging
// then extends the selection word-anchored, and two handles (at the start and the end) can be dragged
// afterwards. The platform layer decides what a touch is (src/platform/main.cpp); this file only maps
// positions to the reader's text, using the layout the reader drew in the last frame.
//
// Positions are in UI pixels (device pixels, as ImGui's io.MousePos).
#pragma once

#include "app_state.h"

namespace factlens {

// Whether (x, y) is on the reader's text area (Articles view or the Facts view's reader).
bool touch_select_over_reader(const AppState& s, float x, float y);

// A long press at (x, y): selects the word under it (or the character, between words), gives the
// reader keyboard focus and returns true; false when (x, y) is not on the reader's text.
bool touch_select_word(AppState& s, float x, float y);

// Which handle of a touch selection is at (x, y): 0 none, 1 its start, 2 its end. A hit grabs that
// handle: touch_select_drag then moves it while the other end stays.
int touch_select_grab_handle(AppState& s, float x, float y);

// The finger moved while selecting (after touch_select_word or a grabbed handle).
void touch_select_drag(AppState& s, float x, float y);

// Whether a touch selection is on screen with its handles (false once anything else changes it).
bool touch_select_active(const AppState& s);

// Inside a frame, after app_frame: draws the handles of a touch selection on top of the reader.
void touch_select_draw(const AppState& s);

} // namespace factlens
