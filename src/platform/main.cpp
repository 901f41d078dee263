// The browser platform layer: WebGL2 context, input, clipboard, HiDPI and the render loop, on
// Emscripten's html5.h. Everything browser-specific lives here and in platform_lib.js; the app sees
// only AppState and ImGui.
//
// Coordinates: ImGui works in device pixels (DisplaySize = canvas backing store, framebuffer scale 1),
// with fonts rasterized and style sizes scaled by devicePixelRatio. So every glyph and line lands on
// whole device pixels and text is crisp at ratios 1, 1.5, 2 and 3.
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "../app/app_api.h"
#include "../app/a11y_model.h"
#include "../app/app_ui.h"
#include "../app/focus_order.h"
#include "../app/touch_select.h"
#include "../app/version.h"
#include "imgui.h"
#include "imgui_internal.h"  // touch scrolling: the window under the finger and its scroll
#include "gl_renderer.h"
#include "key_map.h"

extern "C" {
// Implemented in platform_lib.js.
void fl_js_init(void);
void fl_js_set_clipboard(const char* utf8);
void fl_js_set_cursor(const char* css_cursor);
void fl_js_show_error(const char* message);
void fl_js_first_frame(void);
double fl_js_canvas_left(void);
double fl_js_canvas_top(void);
void fl_js_set_fragment(const char* fragment);
char* fl_js_page_link(const char* fragment);  // malloc'd
int fl_js_download(const char* name, const char* mime, const char* text, size_t len);
void fl_js_open_file_picker(void);
void fl_js_save_settings(const char* ini);
void fl_js_focus_input(void);        // the hidden textarea takes focus (text input, on-screen keyboard)
void fl_js_focus_canvas(void);       // the canvas takes focus (keys, no on-screen keyboard)
void fl_js_release_focus(int how);   // 0 Escape (blur), 1 Tab leaving forward, -1 Shift+Tab leaving back
void fl_js_set_ime_rect(double x, double y, double h);  // the text caret (CSS px): IME popups and keyboards go there
void fl_js_frame_done(double a11y_generation);
int fl_js_rasterize_glyph(int cp, float px, float ascent, int bold, unsigned char* out, int max_bytes, float* metrics);  // after every frame: web/a11y.js refreshes its mirror on change
}

namespace {

constexpr const char* kCanvas = "#factlens-canvas";
constexpr double kTailMs = 350;  // keep rendering this long after input: hover delays, settling layout
constexpr int kFrameRing = 256;  // frames whose CPU time state().frame_ms summarizes

// Touch (CSS px and ms; converted with devicePixelRatio where it matters).
constexpr double kTapSlop = 10;           // a finger that moved less is still tapping
constexpr double kLongPressMs = 500;      // held this long without moving: select (reader) or hover
constexpr double kDoubleClickMs = 300;    // two presses closer in time (and space) make a double click
constexpr double kDoubleTapSlop = 16;     // fingers land less precisely than a mouse
constexpr double kFlingTauMs = 325;       // momentum: the velocity decays by e every this many ms
constexpr double kFlingMinSpeed = 0.03;   // px/ms: slower than this, momentum stops (or never starts)
constexpr double kFlingSampleMs = 100;    // release velocity: over the finger's last this many ms

// One finger drives the UI; a second one hands the gesture to the browser (pinch zoom).
enum class TouchMode {
    None,
    Pending,  // down, not moved, not long: a tap on release, a scroll once it moves, a long press at 500 ms
    Scroll,   // dragging: the window under the finger follows it
    Select,   // long press in the reader, or a selection handle grabbed: dragging moves the selection
    Hover,    // long press elsewhere: ImGui hovers under the finger (tooltips), no click on release
    Ignored,  // more than one finger: the browser's until all are lifted
};

struct TouchState {
    TouchMode mode = TouchMode::None;
    long id = -1;                 // the finger being followed
    ImVec2 start, last;           // UI px
    bool over_reader = false;     // started on the reader's text (long press selects there)
    bool stopped_fling = false;   // landed on a moving list: it stops, and the touch is no tap
    long long_press_timer = 0;
    ImGuiID scroll_window[2] = {0, 0};  // per axis (x, y): the window a drag scrolls, 0 for none
    float scroll_rest[2] = {0, 0};      // sub-pixel remainder (ImGui scroll positions are whole pixels)
    struct Sample { double ms; ImVec2 p; };
    Sample samples[16];
    int sample_count = 0;
    bool fling = false;           // momentum after the finger left
    ImVec2 fling_velocity;        // UI px per ms
    double fling_ms = 0;
    double last_tap_ms = -1e9;
    ImVec2 last_tap_pos;
};

struct Platform {
    factlens::AppState app;
    factlens::AppFonts fonts;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    float dpr = 0;             // devicePixelRatio the UI is laid out for
    float font_dpr = 0;        // devicePixelRatio the font atlas was rasterized for
    double css_w = 0, css_h = 0;
    int fb_w = 0, fb_h = 0;
    double canvas_left = 0, canvas_top = 0;
    bool loop_running = false;
    int frames_pending = 0;
    double keep_alive_until = 0;
    double last_frame_ms = 0;
    double first_frame_ms = -1;
    TouchState touch;
    double last_press_ms = -1e9;         // the last mouse press, wall clock (double-click decisions)
    ImVec2 last_press_pos;
    bool focus_released = false;         // Escape let go of the keyboard: Tab is the browser's until focus comes back
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string clipboard;     // what ImGui's Ctrl+V pastes: the text of the last browser paste event
    std::string reply;         // backing store for strings returned to JS
    std::vector<char32_t> fallback_cps;  // code points drawn from the browser's fonts (glyph_lib.js)
    bool fonts_dirty = false;            // the atlas needs new glyphs
    bool state_stale = false;            // a command ran since the last frame
    uint64_t link_generation = 0;      // the app's link_generation last written to the URL
    factlens::FileLoad* file_load = nullptr;  // the file being streamed in by web/api.js
    float frame_cpu_ms[kFrameRing] = {};  // CPU time of the newest render_frame calls (ring), for state().frame_ms
    int frame_cpu_count = 0;       // render_frame calls timed so far
};
Platform g;

void render_frame();
void touch_fling_step(double now);

EM_BOOL tick(double, void*) {
    touch_fling_step(emscripten_get_now());
    render_frame();
    if (g.frames_pending > 0) --g.frames_pending;
    const ImGuiIO& io = ImGui::GetIO();
    const bool mouse_held = io.MouseDown[0] || io.MouseDown[1] || io.MouseDown[2];
    // A fling renders while it moves; a finger held for tooltips renders while it is held.
    const bool touch_busy = g.touch.fling || g.touch.mode == TouchMode::Hover;
    if (g.frames_pending > 0 || emscripten_get_now() < g.keep_alive_until || mouse_held || touch_busy) return EM_TRUE;
    g.loop_running = false;  // idle: no frames until the next event
    return EM_FALSE;
}

// Something changed: render a few frames, then go idle again.
void request_frames() {
    g.frames_pending = std::max(g.frames_pending, 2);
    g.keep_alive_until = std::max(g.keep_alive_until, emscripten_get_now() + kTailMs);
    if (!g.loop_running) {
        g.loop_running = true;
        emscripten_request_animation_frame_loop(tick, nullptr);
    }
}

void update_canvas_size() {
    double w = 0, h = 0;
    emscripten_get_element_css_size(kCanvas, &w, &h);
    float dpr = (float)emscripten_get_device_pixel_ratio();
    if (!(dpr > 0.1f && dpr < 16.0f)) dpr = 1.0f;
    const int fw = std::max(1, (int)std::lround(w * dpr));
    const int fh = std::max(1, (int)std::lround(h * dpr));
    if (fw != g.fb_w || fh != g.fb_h) emscripten_set_canvas_element_size(kCanvas, fw, fh);
    g.css_w = w;
    g.css_h = h;
    g.fb_w = fw;
    g.fb_h = fh;
    g.canvas_left = fl_js_canvas_left();
    g.canvas_top = fl_js_canvas_top();
    if (dpr != g.dpr) {
        g.dpr = dpr;
        g.app.ui_scale = dpr;
        factlens::apply_style(dpr);
    }
}

// A glyph no embedded font has, from the browser's fonts (glyph_lib.js), at the atlas' pixel size.
void rasterize_fallback(char32_t cp, float px, bool bold) {
    factlens::FallbackGlyph fg;
    fg.cp = cp;
    fg.bold = bold;
    fg.px = px;
    static unsigned char alpha[128 * 128];
    float m[5] = {};
    // The baseline as the current font has it, scaled to px (the atlas may be changing size).
    const float ascent = g.fonts.regular && g.fonts.regular->FontSize > 0
                             ? std::round(g.fonts.regular->Ascent / g.fonts.regular->FontSize * px) : std::round(px * 0.93f);
    if (!fl_js_rasterize_glyph((int)cp, px, ascent, bold ? 1 : 0, alpha, sizeof alpha, m)) return;
    fg.w = (int)m[0];
    fg.h = (int)m[1];
    fg.advance = m[2];
    fg.x0 = m[3];
    fg.y0 = m[4];
    fg.alpha.assign(alpha, alpha + (size_t)fg.w * (size_t)fg.h);
    g.fonts.fallback.push_back(std::move(fg));
}

// Text the app was handed (note_text): make sure the atlas has its glyphs. Rare: a new script.
void service_glyph_queue() {
    if (g.app.glyph_queue.empty()) return;
    std::vector<char32_t> missing;
    const bool rebuild = factlens::want_glyphs(&g.fonts, g.app.glyph_queue, &missing);
    g.app.glyph_queue.clear();
    for (char32_t cp : missing) g.fallback_cps.push_back(cp);
    if (rebuild || !missing.empty()) g.fonts_dirty = true;
}

void rebuild_fonts_if_needed() {
    service_glyph_queue();
    if (g.font_dpr == g.dpr && !g.fonts_dirty) return;
    const float px = factlens::font_pixel_size(g.dpr);
    // Fallback glyphs are bitmaps: (re)rasterize any not made at this size.
    for (char32_t cp : g.fallback_cps)
        for (bool bold : {false, true}) {
            bool have = false;
            for (const factlens::FallbackGlyph& fg : g.fonts.fallback) have |= fg.cp == cp && fg.bold == bold && fg.px == px;
            if (!have) rasterize_fallback(cp, px, bold);
        }
    factlens::gl_renderer_destroy_font_texture();
    factlens::build_fonts(ImGui::GetIO().Fonts, px, &g.fonts);
    if (!g.fonts.regular) g.fonts.regular = g.fonts.bold = ImGui::GetIO().Fonts->Fonts[0];
    factlens::gl_renderer_create_font_texture();
    g.font_dpr = g.dpr;
    g.fonts_dirty = false;
}

void set_cursor(ImGuiMouseCursor c) {
    if (c == g.cursor) return;
    g.cursor = c;
    const char* css = "default";
    switch (c) {
        case ImGuiMouseCursor_TextInput: css = "text"; break;
        case ImGuiMouseCursor_Hand: css = "pointer"; break;
        case ImGuiMouseCursor_ResizeEW: css = "ew-resize"; break;
        case ImGuiMouseCursor_ResizeNS: css = "ns-resize"; break;
        case ImGuiMouseCursor_ResizeAll: css = "move"; break;
        case ImGuiMouseCursor_ResizeNESW: css = "nesw-resize"; break;
        case ImGuiMouseCursor_ResizeNWSE: css = "nwse-resize"; break;
        case ImGuiMouseCursor_NotAllowed: css = "not-allowed"; break;
        case ImGuiMouseCursor_None: css = "none"; break;
        default: break;
    }
    fl_js_set_cursor(css);
}

void render_frame() {
    const double frame_start = emscripten_get_now();
    rebuild_fonts_if_needed();
    ImGuiIO& io = ImGui::GetIO();
    const double now = emscripten_get_now();
    // After an idle stretch the real delta is seconds; ImGui's timers want a frame's worth.
    io.DeltaTime = (float)std::clamp((now - g.last_frame_ms) / 1000.0, 1.0 / 240, 1.0 / 30);
    g.last_frame_ms = now;
    io.DisplaySize = ImVec2((float)g.fb_w, (float)g.fb_h);
    io.DisplayFramebufferScale = ImVec2(1, 1);

    ImGui::NewFrame();
    factlens::app_frame(g.app, g.fonts);
    factlens::touch_select_draw(g.app);  // selection handles after a long press, on top
    ImGui::Render();

    glViewport(0, 0, g.fb_w, g.fb_h);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    factlens::gl_renderer_render(ImGui::GetDrawData(), g.fb_w, g.fb_h);
    ++g.app.frames;
    set_cursor(ImGui::GetMouseCursor());
    if (g.app.link_generation != g.link_generation) {  // the view changed: keep the URL in step
        g.link_generation = g.app.link_generation;
        fl_js_set_fragment(factlens::facts_fragment(g.app).c_str());
    }
    if (io.WantSaveIniSettings) {  // column order, widths, visibility
        fl_js_save_settings(ImGui::SaveIniSettingsToMemory());
        io.WantSaveIniSettings = false;
    }
    if (g.first_frame_ms < 0) {
        g.first_frame_ms = emscripten_get_now();
        fl_js_first_frame();
    }
    g.state_stale = false;
    g.frame_cpu_ms[g.frame_cpu_count++ % kFrameRing] = (float)(emscripten_get_now() - frame_start);
    fl_js_frame_done((double)factlens::a11y_generation(g.app));
}

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

// ---- What the app asks of the page (AppHost) ------------------------------------------------------

bool host_download(const char* name, const char* mime, const std::string& text) {
    return fl_js_download(name, mime, text.data(), text.size()) != 0;
}
void host_copy_text(const std::string& text) { fl_js_set_clipboard(text.c_str()); }
std::string host_page_link(const std::string& fragment) {
    char* p = fl_js_page_link(fragment.c_str());
    std::string link = p ? p : "";
    free(p);
    return link;
}
void host_open_file_picker() { fl_js_open_file_picker(); }

factlens::PlatformInfo platform_info() {
    factlens::PlatformInfo p;
    p.device_pixel_ratio = g.dpr;
    p.css_width = g.css_w;
    p.css_height = g.css_h;
    p.width = g.fb_w;
    p.height = g.fb_h;
    p.first_frame_ms = g.first_frame_ms;
    p.glyphs_added = (int)g.fonts.wanted.size();
    p.glyphs_fallback = (int)g.fallback_cps.size();
    const int n = std::min(g.frame_cpu_count, kFrameRing);
    if (n > 0) {
        float sorted[kFrameRing];
        std::copy(g.frame_cpu_ms, g.frame_cpu_ms + n, sorted);
        std::sort(sorted, sorted + n);
        p.frame_ms.median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        p.frame_ms.p95 = sorted[std::min(n - 1, (int)std::ceil(0.95 * n) - 1)];
        p.frame_ms.count = n;
    }
    return p;
}

}  // namespace

// ---- Exports for platform_lib.js and web/api.js --------------------------------------------------

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

// The URL fragment at start-up (platform_lib.js, before the first frame).
EMSCRIPTEN_KEEPALIVE void fl_apply_fragment(const char* fragment) {
    factlens::apply_fragment(g.app, fragment ? fragment : "");
    g.link_generation = g.app.link_generation;  // it came from the URL: nothing to write back
}

EMSCRIPTEN_KEEPALIVE void fl_load_settings(const char* ini) {
    if (ini && *ini && std::strlen(ini) < (1u << 20)) ImGui::LoadIniSettingsFromMemory(ini);
}

// One file from web/api.js (load_files, a drop, the file picker): begin, feed any number of chunks, end.
EMSCRIPTEN_KEEPALIVE void fl_load_begin(const char* name) {
    if (g.file_load) factlens::finish_file_load(g.app, g.file_load);  // an abandoned one: drop it
    g.file_load = factlens::begin_file_load(g.app, name ? name : "");
}
EMSCRIPTEN_KEEPALIVE void fl_load_feed(const char* bytes, size_t len) {
    if (g.file_load && bytes) factlens::feed_file_load(g.file_load, std::string_view(bytes, len));
}
EMSCRIPTEN_KEEPALIVE const char* fl_load_end(void) {
    factlens::FileLoadResult r;
    if (g.file_load) r = factlens::finish_file_load(g.app, g.file_load);
    else r.error = "no file was being loaded";
    g.file_load = nullptr;
    g.reply = factlens::file_load_result_json(r);
    return g.reply.c_str();
}
// After a load_files command: run the query once, draw.
EMSCRIPTEN_KEEPALIVE void fl_load_done(void) {
    factlens::update_facts(g.app);
    if (g.first_frame_ms >= 0) render_frame();
    request_frames();
}
// After files dropped on the page: show what came in.
EMSCRIPTEN_KEEPALIVE void fl_after_drop(int loaded) {
    if (loaded > 0) factlens::set_view(g.app, factlens::View::Facts);
    request_frames();
}
EMSCRIPTEN_KEEPALIVE void fl_show_notice(const char* text, int is_error) {
    g.app.facts.notice = text ? text : "";
    g.app.facts.notice_is_error = is_error != 0;
    request_frames();
}

// The accessibility mirror's snapshot (web/a11y.js), asked for when a11y_generation moved.
EMSCRIPTEN_KEEPALIVE const char* fl_a11y_snapshot(void) {
    g.reply = factlens::a11y_snapshot_json(g.app);
    return g.reply.c_str();
}

EMSCRIPTEN_KEEPALIVE void fl_on_environment_change(void) {
    update_canvas_size();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE const char* factlens_state(void) {
    // After commands, draw first so the layout in the state reflects them (two frames: a scroll or
    // a table's new sort lands on the second). Commands alone draw nothing: a host may send a
    // thousand of them and ask for the state once.
    if (g.state_stale && g.first_frame_ms >= 0) {
        render_frame();
        render_frame();
    }
    g.reply = factlens::state_json(g.app, platform_info());
    return g.reply.c_str();
}

// Runs a command, then renders at once so the returned state (layout included) reflects it.
EMSCRIPTEN_KEEPALIVE const char* factlens_command(const char* json) {
    g.reply = factlens::run_command_json(g.app, json ? json : "");
    g.state_stale = true;  // drawn by the next factlens_state() or animation frame, whichever is first
    request_frames();
    return g.reply.c_str();
}

}  // extern "C"

int main() {
    g.app.version = factlens::kVersion;
    g.app.host.download = host_download;
    g.app.host.copy_text = host_copy_text;
    g.app.host.page_link = host_page_link;
    g.app.host.open_file_picker = host_open_file_picker;
    factlens::load_embedded_corpus(g.app);

    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;  // ImGui anti-aliases its own shapes; MSAA would only cost memory
    attrs.premultipliedAlpha = EM_TRUE;
    attrs.preserveDrawingBuffer = EM_FALSE;
    g.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (g.gl <= 0) {
        fl_js_show_error("FactLens needs WebGL 2, which this browser or device does not provide (or has turned off). "
                         "Try a current Chrome, Edge, Firefox or Safari, or enable hardware acceleration.");
        return 1;
    }
    emscripten_webgl_make_context_current(g.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;              // no imgui.ini: nothing to store, and storage may be forbidden
    io.LogFilename = nullptr;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would mean rendering forever
    io.BackendPlatformName = "factlens_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.SetPlatformImeDataFn = set_ime_data;
    std::string gl_error;
    if (!factlens::gl_renderer_init(&gl_error)) {
        fl_js_show_error(("FactLens could not set up WebGL 2 drawing: " + gl_error).c_str());
        return 1;
    }

    update_canvas_size();
    rebuild_fonts_if_needed();

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
    fl_js_init();  // text input, clipboard events, devicePixelRatio watch, API hooks

    g.last_frame_ms = emscripten_get_now();
    render_frame();  // the first frame now, not a vsync later: it is what start-up time is measured to
    request_frames();
    return 0;
}
