// The browser platform layer: WebGL2 context, input, clipboard, HiDPI and the render loop, on
// Emscripten's html5.h. Everything browser-specific lives here and in platform_lib.js; the app sees
// only AppState and ImGui.
//
// Coordinates: ImGui works in device pixels (DisplaySize = canvas backing store, framebuffer scale 1),
// with fonts rasterized and style sizes scaled by devicePixelRatio. So every glyph and line lands on
// whole device pixels and text is crisp at ratios 1, 1.5, 2 and 3.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "../app/app_api.h"
#include "../app/app_ui.h"
#include "../app/version.h"
#include "imgui.h"
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
}

namespace {

constexpr const char* kCanvas = "#factlens-canvas";
constexpr double kTailMs = 350;  // keep rendering this long after input: hover delays, settling layout
constexpr int kFrameRing = 256;  // frames whose CPU time state().frame_ms summarizes

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
    int touch_id = -1;         // the touch that drives the mouse, -1 for none
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string clipboard;     // what ImGui's Ctrl+V pastes: the text of the last browser paste event
    std::string reply;         // backing store for strings returned to JS
    uint64_t link_generation = 0;      // the app's link_generation last written to the URL
    factlens::FileLoad* file_load = nullptr;  // the file being streamed in by web/api.js
    float frame_cpu_ms[kFrameRing] = {};  // CPU time of the newest render_frame calls (ring), for state().frame_ms
    int frame_cpu_count = 0;       // render_frame calls timed so far
};
Platform g;

void render_frame();

EM_BOOL tick(double, void*) {
    render_frame();
    if (g.frames_pending > 0) --g.frames_pending;
    const ImGuiIO& io = ImGui::GetIO();
    const bool mouse_held = io.MouseDown[0] || io.MouseDown[1] || io.MouseDown[2];
    if (g.frames_pending > 0 || emscripten_get_now() < g.keep_alive_until || mouse_held) return EM_TRUE;
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

void rebuild_fonts_if_needed() {
    if (g.font_dpr == g.dpr) return;
    factlens::gl_renderer_destroy_font_texture();
    factlens::build_fonts(ImGui::GetIO().Fonts, factlens::font_pixel_size(g.dpr), &g.fonts);
    if (!g.fonts.regular) g.fonts.regular = g.fonts.bold = ImGui::GetIO().Fonts->Fonts[0];
    factlens::gl_renderer_create_font_texture();
    g.font_dpr = g.dpr;
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
    g.frame_cpu_ms[g.frame_cpu_count++ % kFrameRing] = (float)(emscripten_get_now() - frame_start);
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
    if (b >= 0 && type == EMSCRIPTEN_EVENT_MOUSEDOWN) io.AddMouseButtonEvent(b, true);
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

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& t = e->touches[i];
        if (!t.isChanged) continue;
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART && g.touch_id < 0) g.touch_id = (int)t.identifier;
        if ((int)t.identifier != g.touch_id) continue;
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        const ImVec2 p = to_ui(t.clientX, t.clientY);
        io.AddMousePosEvent(p.x, p.y);
        if (type == EMSCRIPTEN_EVENT_TOUCHSTART) io.AddMouseButtonEvent(0, true);
        if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) {
            io.AddMouseButtonEvent(0, false);
            g.touch_id = -1;
        }
    }
    request_frames();
    return EM_TRUE;  // no emulated mouse events on top
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
    ImGuiIO& io = ImGui::GetIO();
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const bool altgr = e->ctrlKey && e->altKey;  // AltGr on Windows reports Ctrl+Alt: it types, not a shortcut
    const bool ctrl = (e->ctrlKey || e->metaKey) && !altgr;
    push_modifiers(ctrl, e->shiftKey, e->altKey && !altgr);
    const ImGuiKey key = factlens::dom_key_to_imgui(e->code, e->key);
    request_frames();

    const bool clipboard_key = ctrl && !e->altKey && (key == ImGuiKey_C || key == ImGuiKey_X || key == ImGuiKey_V);
    if (clipboard_key && key == ImGuiKey_V) return EM_FALSE;  // the browser's paste event brings the text
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
    request_frames();
    return EM_FALSE;
}

EM_BOOL on_context_lost(int, const void*, void*) {
    fl_js_show_error("The graphics context was lost (the GPU was reset or is out of memory). Reload the page to continue.");
    return EM_TRUE;
}

void set_clipboard(void*, const char* text) { fl_js_set_clipboard(text ? text : ""); }
const char* get_clipboard(void*) { return g.clipboard.c_str(); }

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

EMSCRIPTEN_KEEPALIVE void fl_on_text(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    request_frames();
}

// A browser paste event: hand its text to ImGui as if Ctrl+V had been pressed.
EMSCRIPTEN_KEEPALIVE void fl_on_paste(const char* utf8) {
    g.clipboard = utf8 ? utf8 : "";
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

EMSCRIPTEN_KEEPALIVE void fl_on_environment_change(void) {
    update_canvas_size();
    request_frames();
}

EMSCRIPTEN_KEEPALIVE const char* factlens_state(void) {
    g.reply = factlens::state_json(g.app, platform_info());
    return g.reply.c_str();
}

// Runs a command, then renders at once so the returned state (layout included) reflects it.
EMSCRIPTEN_KEEPALIVE const char* factlens_command(const char* json) {
    g.reply = factlens::run_command_json(g.app, json ? json : "");
    if (g.first_frame_ms >= 0) {
        render_frame();
        render_frame();
    }
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
