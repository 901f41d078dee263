// Input: mouse, wheel, touch (tap, scroll with momentum, long-press selection) and keyboard (focus
// order, Tab out of the frame, text keys), turned into ImGui events. See docs/embedding.md "Touch and
// keyboard".
#include "platform_internal.h"

namespace flp {

// ---- Input -------------------------------------------------------------------------------------

ImVec2 to_ui(long client_x, long client_y) {
    return ImVec2((float)((client_x - g.canvas_left) * g.dpr), (float)((client_y - g.canvas_top) * g.dpr));
}

void push_modifiers(bool ctrl, bool shift, bool alt) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
}

// ImGui tells a double click from its own clock, which runs slow across idle stretches (no frames,
// and each frame's delta is capped), so two clicks half a second apart could merge. Decide on the
// wall clock instead: a press that is not a repeat (fast and close) makes ImGui's own check fail.
void gate_double_click(int button, ImVec2 p, double now, double last_ms, ImVec2 last_pos, double max_dist) {
    ImGuiIO& io = ImGui::GetIO();
    const double dx = p.x - last_pos.x, dy = p.y - last_pos.y;
    if (now - last_ms < kDoubleClickMs && dx * dx + dy * dy <= max_dist * max_dist)
        io.MouseClickedPos[button] = p;  // a repeat: within our distance, which may be wider than ImGui's
    else
        io.MouseClickedTime[button] = -1e30;
}

int imgui_button(unsigned short dom_button) {
    switch (dom_button) {
        case 0: return 0;  // left
        case 1: return 2;  // middle
        case 2: return 1;  // right
        default: return dom_button < 5 ? dom_button : -1;
    }
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    // Meta (Cmd on macOS) acts as Ctrl, so Cmd+click and Cmd+C behave as Mac users expect.
    push_modifiers(e->ctrlKey || e->metaKey, e->shiftKey, e->altKey);
    const ImVec2 p = to_ui(e->clientX, e->clientY);
    io.AddMousePosEvent(p.x, p.y);
    const int b = imgui_button(e->button);
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) {
        const double now = emscripten_get_now();
        gate_double_click(b, p, now, g.last_press_ms, g.last_press_pos, io.MouseDoubleClickMaxDist);
        g.last_press_ms = now;
        g.last_press_pos = p;
        io.AddMouseButtonEvent(b, true);
        g.touch.fling = false;
        g.focus_released = false;
        factlens::focus_pointer_used();
    }
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEUP) io.AddMouseButtonEvent(b, false);
    request_frames();
    // Swallow clicks on the canvas (no page text selection); let moves and releases elsewhere through.
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse_leave(int, const EmscriptenMouseEvent*, void*) {
    if (!ImGui::GetIO().MouseDown[0]) ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    // DOM deltas are pixels, lines or pages; ImGui counts wheel "notches" (about 5 lines each).
    double dx = e->deltaX, dy = e->deltaY;
    switch (e->deltaMode) {
        case DOM_DELTA_PIXEL: dx /= 100.0; dy /= 100.0; break;
        case DOM_DELTA_LINE: dx /= 3.0; dy /= 3.0; break;
        default: break;  // pages: one notch each
    }
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
    io.AddMouseWheelEvent((float)-dx, (float)-dy);
    request_frames();
    return EM_TRUE;
}

// ---- Touch ----------------------------------------------------------------------------------------
// One finger: a tap is a click (and focuses the text input when it lands on a text field, so the
// on-screen keyboard opens); a drag scrolls whatever is under the finger, with momentum after a
// fling; a long press selects a word in the reader (then dragging extends it; handles stay) or
// hovers elsewhere (tooltips). A second finger hands the gesture to the browser (pinch zoom).

void touch_cancel_timer() {
    if (g.touch.long_press_timer) emscripten_clear_timeout(g.touch.long_press_timer);
    g.touch.long_press_timer = 0;
}

void touch_sample(double ms, ImVec2 p) {
    TouchState& t = g.touch;
    const int cap = (int)(sizeof t.samples / sizeof t.samples[0]);
    if (t.sample_count == cap) {
        std::memmove(t.samples, t.samples + 1, sizeof t.samples[0] * (size_t)(cap - 1));
        --t.sample_count;
    }
    t.samples[t.sample_count++] = {ms, p};
}

// The finger's speed over its last kFlingSampleMs (UI px per ms); zero if it rested before lifting.
ImVec2 touch_release_velocity(double now) {
    const TouchState& t = g.touch;
    if (t.sample_count < 2) return ImVec2(0, 0);
    const TouchState::Sample& last = t.samples[t.sample_count - 1];
    int i = t.sample_count - 1;
    while (i > 0 && last.ms - t.samples[i - 1].ms <= kFlingSampleMs) --i;
    // The newest sample that moved: a finger that stopped, then lifted, flings nothing.
    int moved = t.sample_count - 1;
    while (moved > i && t.samples[moved].p.x == t.samples[moved - 1].p.x && t.samples[moved].p.y == t.samples[moved - 1].p.y) --moved;
    if (now - t.samples[moved].ms > 50) return ImVec2(0, 0);
    const TouchState::Sample& first = t.samples[i];
    const double dt = last.ms - first.ms;
    if (dt < 5) return ImVec2(0, 0);
    return ImVec2((float)((last.p.x - first.p.x) / dt), (float)((last.p.y - first.p.y) / dt));
}

// The front-most window drawn at p in the last frame (ImGui's own hover test, for any point).
ImGuiWindow* window_at(ImVec2 p) {
    ImGuiContext& c = *ImGui::GetCurrentContext();
    for (int i = c.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = c.Windows[i];
        if (!w->Active || w->Hidden || (w->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (w->OuterRectClipped.Contains(p)) return w;
    }
    return nullptr;
}

// The window a drag along `axis` scrolls: the nearest one, from w outwards, that can scroll that way.
ImGuiID scrollable_from(ImGuiWindow* w, int axis) {
    for (; w; w = w->ParentWindow) {
        if (w->ScrollMax[axis] >= 1.0f && !(w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return w->ID;
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return 0;
}

void touch_begin_scroll(float dx, float dy) {
    TouchState& t = g.touch;
    ImGuiWindow* w = window_at(t.start);
    const float ax = std::fabs(dx), ay = std::fabs(dy);
    // A mostly vertical drag scrolls only vertically (and the other way round); diagonal ones both.
    t.scroll_window[0] = ax * 2 >= ay ? scrollable_from(w, 0) : 0;
    t.scroll_window[1] = ay * 2 >= ax ? scrollable_from(w, 1) : 0;
    t.scroll_rest[0] = t.scroll_rest[1] = 0;
}

// Scrolls the drag's windows so their content moves by d (UI px), as if held by the finger.
// Returns false when every such window is already at its end that way (a fling stops there).
bool touch_scroll_by(ImVec2 d) {
    TouchState& t = g.touch;
    bool free = false;
    for (int axis = 0; axis < 2; ++axis) {
        if (!t.scroll_window[axis]) continue;
        ImGuiWindow* w = ImGui::FindWindowByID(t.scroll_window[axis]);
        if (!w || !(w->Active || w->WasActive)) continue;
        const float target = w->ScrollTarget[axis];
        const float cur = target < FLT_MAX ? target : w->Scroll[axis];  // moves since the last frame count
        const float want = cur - d[axis] + t.scroll_rest[axis];
        const float max = w->ScrollMax[axis];
        const float to = std::round(std::clamp(want, 0.0f, max));
        t.scroll_rest[axis] = (want >= 0 && want <= max) ? want - to : 0.0f;
        if (want > 0 && want < max) free = true;
        if (to == cur) continue;
        if (axis) ImGui::SetScrollY(w, to);
        else ImGui::SetScrollX(w, to);
    }
    return free;
}

void touch_fling_step(double now) {
    TouchState& t = g.touch;
    if (!t.fling) return;
    const double dt = std::min(now - t.fling_ms, 50.0);
    t.fling_ms = now;
    if (dt <= 0) return;
    const bool free = touch_scroll_by(ImVec2((float)(t.fling_velocity.x * dt), (float)(t.fling_velocity.y * dt)));
    const float decay = (float)std::exp(-dt / kFlingTauMs);
    t.fling_velocity = ImVec2(t.fling_velocity.x * decay, t.fling_velocity.y * decay);
    const double speed = std::hypot(t.fling_velocity.x, t.fling_velocity.y);
    if (!free || speed < kFlingMinSpeed * g.dpr) t.fling = false;  // then the loop idles again
}

bool text_input_wanted() {
    const ImGuiContext& c = *ImGui::GetCurrentContext();
    return ImGui::GetIO().WantTextInput || (c.ActiveId != 0 && c.ActiveId == c.InputTextState.ID);
}

void touch_tap(ImVec2 p, double now) {
    TouchState& t = g.touch;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(p.x, p.y);
    gate_double_click(0, p, now, t.last_tap_ms, t.last_tap_pos, kDoubleTapSlop * g.dpr);
    t.last_tap_ms = now;
    t.last_tap_pos = p;
    io.AddMouseButtonEvent(0, true);
    io.AddMouseButtonEvent(0, false);
    // ImGui's queue takes a touch's position, press and release in three frames (never a press and
    // its release in one). Render them now, inside touchend: only in this user gesture may a text
    // field's focus bring up the on-screen keyboard.
    for (int i = 0; i < 3; ++i) render_frame();
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);  // a lifted finger hovers nothing
    if (text_input_wanted()) fl_js_focus_input();
    else fl_js_focus_canvas();  // keys still reach the app; an on-screen keyboard closes
}

void on_long_press(void*) {
    TouchState& t = g.touch;
    t.long_press_timer = 0;
    if (t.mode != TouchMode::Pending) return;
    if (t.over_reader && factlens::touch_select_word(g.app, t.last.x, t.last.y)) {
        t.mode = TouchMode::Select;
    } else {
        t.mode = TouchMode::Hover;  // tooltips under the finger while it is held
        ImGuiIO& io = ImGui::GetIO();
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(t.last.x, t.last.y);
    }
    request_frames();
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    TouchState& t = g.touch;
    const double now = emscripten_get_now();
    const bool ending = type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL;
    int fingers = 0;                              // on the screen after this event
    const EmscriptenTouchPoint* mine = nullptr;   // the followed finger, if this event is about it
    const EmscriptenTouchPoint* landed = nullptr; // a finger that just touched down
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& p = e->touches[i];
        if (!(p.isChanged && ending)) ++fingers;
        if (!p.isChanged) continue;
        if (t.id >= 0 && p.identifier == t.id) mine = &p;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && !landed) landed = &p;
    }
    ImGuiIO& io = ImGui::GetIO();

    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && fingers == 1 && t.mode != TouchMode::None) {
        // The only finger on the screen, yet a gesture is under way: its end never came. Start afresh.
        touch_cancel_timer();
        if (t.mode == TouchMode::Hover) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        t.mode = TouchMode::None;
        t.id = -1;
    }
    if (t.mode == TouchMode::Ignored) {
        if (fingers == 0) t.mode = TouchMode::None;
        return EM_FALSE;
    }
    if (fingers >= 2) {
        // Two fingers: pinch zoom is the browser's. What the first finger did stops, with no click.
        touch_cancel_timer();
        if (t.mode == TouchMode::Hover) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        t.mode = TouchMode::Ignored;
        t.id = -1;
        request_frames();
        return EM_FALSE;
    }

    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        if (!landed || t.mode != TouchMode::None) return EM_FALSE;
        const ImVec2 p = to_ui(landed->clientX, landed->clientY);
        t.id = landed->identifier;
        t.start = t.last = p;
        t.sample_count = 0;
        touch_sample(now, p);
        t.stopped_fling = t.fling;  // a touch on a moving list stops it and is no tap
        t.fling = false;
        t.scroll_window[0] = t.scroll_window[1] = 0;
        g.focus_released = false;
        factlens::focus_pointer_used();
        if (factlens::touch_select_grab_handle(g.app, p.x, p.y)) {
            t.mode = TouchMode::Select;
        } else {
            t.mode = TouchMode::Pending;
            t.over_reader = factlens::touch_select_over_reader(g.app, p.x, p.y);
            t.long_press_timer = emscripten_set_timeout(on_long_press, kLongPressMs, nullptr);
        }
        request_frames();
        // Not consumed, so that a second finger can still start a pinch; touchend is consumed, which
        // keeps the browser from sending mouse events (and a click) on top.
        return EM_FALSE;
    }

    if (!mine) return EM_TRUE;
    const ImVec2 p = to_ui(mine->clientX, mine->clientY);
    touch_sample(now, p);

    if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        switch (t.mode) {
            case TouchMode::Pending: {
                const float dx = p.x - t.start.x, dy = p.y - t.start.y;
                const double slop = kTapSlop * g.dpr;
                if (dx * dx + dy * dy > slop * slop) {
                    touch_cancel_timer();
                    touch_begin_scroll(dx, dy);
                    t.mode = TouchMode::Scroll;
                    touch_scroll_by(ImVec2(dx, dy));
                }
                break;
            }
            case TouchMode::Scroll: touch_scroll_by(ImVec2(p.x - t.last.x, p.y - t.last.y)); break;
            case TouchMode::Select: factlens::touch_select_drag(g.app, p.x, p.y); break;
            case TouchMode::Hover:
                io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
                io.AddMousePosEvent(p.x, p.y);
                break;
            default: break;
        }
        t.last = p;
        request_frames();
        return EM_TRUE;
    }

    // The finger lifted (or the browser took the touch away).
    touch_cancel_timer();
    const TouchMode mode = t.mode;
    t.mode = TouchMode::None;
    t.id = -1;
    const bool lifted = type == EMSCRIPTEN_EVENT_TOUCHEND;
    if (mode == TouchMode::Pending && lifted && !t.stopped_fling) {
        touch_tap(p, now);
    } else if (mode == TouchMode::Scroll && lifted) {
        ImVec2 v = touch_release_velocity(now);
        if (!t.scroll_window[0]) v.x = 0;
        if (!t.scroll_window[1]) v.y = 0;
        if (std::hypot(v.x, v.y) >= kFlingMinSpeed * 3 * g.dpr) {
            t.fling = true;
            t.fling_velocity = v;
            t.fling_ms = now;
        }
    } else if (mode == TouchMode::Hover) {
        io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    } else if (mode == TouchMode::Select && lifted) {
        fl_js_focus_canvas();  // the reader has the keyboard (Ctrl+C copies)
    }
    request_frames();
    return EM_TRUE;
}

// ---- Keyboard -------------------------------------------------------------------------------------

// After Tab moved the app's focus: two frames now, so a text field is active before the next key's
// text arrives, and the text input has the browser's focus when a text field has the app's.
void after_focus_move() {
    render_frame();
    render_frame();
    if (factlens::focus_stop_is_text(factlens::focus_stop(g.app))) fl_js_focus_input();
}

// Tab never reaches ImGui, whose tabbing wraps around inside the window for ever. The app's focus
// order moves between its main controls (src/app/focus_order.h); past the last one (or the first,
// with Shift) the browser moves focus on, out of the app, to the host page: no keyboard trap.
EM_BOOL on_tab(bool down, bool shift, bool modified) {
    if (modified || !down) return EM_FALSE;  // Ctrl+Tab, Alt+Tab: the browser's
    if (g.focus_released) return EM_FALSE;  // after Escape: this Tab goes on to the page
    if (factlens::focus_step(g.app, shift ? -1 : 1)) {
        after_focus_move();
        return EM_TRUE;
    }
    fl_js_release_focus(shift ? -1 : 1);
    render_frame();  // without the focus ring
    return EM_FALSE;
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    if (e->keyCode == 229) return EM_FALSE;  // an IME is composing: its keys (Enter, Escape, Tab) are its own
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const bool altgr = e->ctrlKey && e->altKey;  // AltGr on Windows reports Ctrl+Alt: it types, not a shortcut
    const bool ctrl = (e->ctrlKey || e->metaKey) && !altgr;
    push_modifiers(ctrl, e->shiftKey, e->altKey && !altgr);
    const ImGuiKey key = factlens::dom_key_to_imgui(e->code, e->key);
    request_frames();

    if (key == ImGuiKey_Tab) return on_tab(down, e->shiftKey, ctrl || e->altKey || e->metaKey);
    if (key == ImGuiKey_Escape && down && !ctrl) {
        // The views see Escape with their focus (close the find bar, drop a selection), then the app
        // lets go of the keyboard: the next Tab goes on to the host page.
        io.AddKeyEvent(key, true);
        render_frame();
        render_frame();
        factlens::focus_release(g.app);
        g.focus_released = true;
        fl_js_release_focus(0);
        render_frame();
        return EM_TRUE;
    }

    const bool clipboard_key = ctrl && !e->altKey && (key == ImGuiKey_C || key == ImGuiKey_X || key == ImGuiKey_V);
    if (clipboard_key && key == ImGuiKey_V) return EM_FALSE;  // the browser's paste event brings the text
    // A character key while a text field has the keyboard: the text comes with the input event. A
    // key event beside it would make ImGui hold the character back a frame (its input trickling),
    // so the key itself is not sent (only a release, if ImGui saw it go down before).
    const bool typing = factlens::dom_key_is_text(e->key) && !ctrl && !e->altKey && io.WantTextInput;
    if (typing && (down || key == ImGuiKey_None || !ImGui::IsKeyDown(key))) return EM_FALSE;
    if (key != ImGuiKey_None) io.AddKeyEvent(key, down);
    if (clipboard_key) {
        // Let ImGui see Ctrl+C now, inside this handler, so the text is ready when the browser fires
        // its copy event right after (see platform_lib.js). Two frames: the input queue may trickle.
        if (down) { render_frame(); render_frame(); }
        return EM_FALSE;
    }
    if (factlens::dom_key_is_text(e->key) && !ctrl) return EM_FALSE;  // the input event delivers the text
    if (factlens::dom_key_is_browser_shortcut(key, ctrl)) return EM_FALSE;
    return key != ImGuiKey_None ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
    update_canvas_size();
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    if (type == EMSCRIPTEN_EVENT_FOCUS) g.focus_released = false;
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_context_lost(int, const void*, void*) {
    fl_js_show_error("The graphics context was lost (the GPU was reset or is out of memory). Reload the page to continue.");
    return EM_TRUE;
}

void set_clipboard(void*, const char* text) { fl_js_set_clipboard(text ? text : ""); }

const char* get_clipboard(void*) { return g.clipboard.c_str(); }

// The caret of the active text field: the hidden textarea moves there, so an IME's candidate window
// and a phone's on-screen keyboard (which scrolls the focused element into view) line up with it.
void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* d) {
    if (!d->WantVisible || !(g.dpr > 0)) return;
    fl_js_set_ime_rect(d->InputPos.x / g.dpr, d->InputPos.y / g.dpr, d->InputLineHeight / g.dpr);
}


void register_input_handlers() {
    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_mouse);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, EM_TRUE, on_mouse_leave);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_TRUE, on_wheel);
    emscripten_set_touchstart_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchend_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_touchcancel_callback(kCanvas, nullptr, EM_TRUE, on_touch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_TRUE, on_key);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_resize);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, on_focus);
    emscripten_set_webglcontextlost_callback(kCanvas, nullptr, EM_FALSE,
                                             (em_webgl_context_callback)on_context_lost);
}

}  // namespace flp

using namespace flp;

extern "C" {

// Keyboard focus came in from outside, not by a pointer: Tab (dir 1, the canvas got it) or Shift+Tab
// (dir -1, the textarea) from the host page into the frame. The app starts at its first control, or
// its last. If it still has a control focused (the window was switched away and back), that stays.
EMSCRIPTEN_KEEPALIVE void fl_on_focus_arrived(int dir) {
    g.focus_released = false;
    if (factlens::focus_stop(g.app) != factlens::FocusStop::None) factlens::focus_show_ring();
    else factlens::focus_enter(g.app, dir < 0 ? -1 : 1);
    after_focus_move();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE void fl_on_text(const char* utf8) {
    factlens::note_text(g.app, utf8 ? utf8 : "");  // typed characters get glyphs before they are drawn
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    request_frames();
}

// A browser paste event: hand its text to ImGui as if Ctrl+V had been pressed.
EMSCRIPTEN_KEEPALIVE void fl_on_paste(const char* utf8) {
    g.clipboard = utf8 ? utf8 : "";
    factlens::note_text(g.app, g.clipboard);
    ImGuiIO& io = ImGui::GetIO();
    const bool ctrl_was_down = ImGui::IsKeyDown(ImGuiMod_Ctrl);
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl_was_down);
    request_frames();
}

}  // extern "C"
