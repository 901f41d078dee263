// The platform layer's shared state, between main.cpp (context, loop, fonts, exports) and input.cpp
// (mouse, touch, keyboard, focus). Internal to src/platform: the app never sees it.
#pragma once
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
void fl_js_frame_done(double a11y_generation);  // after every frame: web/a11y.js refreshes its mirror on change
int fl_js_rasterize_glyph(int cp, float px, float ascent, int bold, unsigned char* out, int max_bytes, float* metrics);  // glyph_lib.js
}

namespace flp {


inline constexpr const char* kCanvas = "#factlens-canvas";
inline constexpr double kTailMs = 350;  // keep rendering this long after input: hover delays, settling layout
inline constexpr int kFrameRing = 256;  // frames whose CPU time state().frame_ms summarizes

// Touch (CSS px and ms; converted with devicePixelRatio where it matters).
inline constexpr double kTapSlop = 10;           // a finger that moved less is still tapping
inline constexpr double kLongPressMs = 500;      // held this long without moving: select (reader) or hover
inline constexpr double kDoubleClickMs = 300;    // two presses closer in time (and space) make a double click
inline constexpr double kDoubleTapSlop = 16;     // fingers land less precisely than a mouse
inline constexpr double kFlingTauMs = 325;       // momentum: the velocity decays by e every this many ms
inline constexpr double kFlingMinSpeed = 0.03;   // px/ms: slower than this, momentum stops (or never starts)
inline constexpr double kFlingSampleMs = 100;    // release velocity: over the finger's last this many ms

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
    bool gl_failed = false;    // the shader program did not link (found after the first frame's draw): nothing is drawn
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
    std::string rates_name, rates_text;       // a load_rates being streamed in by web/api.js
    float frame_cpu_ms[kFrameRing] = {};  // CPU time of the newest render_frame calls (ring), for state().frame_ms
    int frame_cpu_count = 0;       // render_frame calls timed so far
};
extern Platform g;  // the one platform instance (main.cpp), as sokol's _sapp

// main.cpp
void request_frames();           // something changed: render a few frames, then go idle again
void render_frame();
void update_canvas_size();
void rebuild_fonts_if_needed();

// input.cpp
void register_input_handlers();  // every html5.h input callback
void touch_fling_step(double now);
void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* d);
void set_clipboard(void*, const char* text);  // ImGui's clipboard hooks (copy goes to the browser's copy event)
const char* get_clipboard(void*);

}  // namespace flp
