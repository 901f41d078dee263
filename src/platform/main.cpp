// The browser platform layer: WebGL2 context, HiDPI, fonts, the render loop and the exports to JS, on
// Emscripten's html5.h. Input (mouse, touch, keyboard) is in input.cpp, the state both share in
// platform_internal.h. Everything browser-specific lives here and in the JS libraries; the app sees
// only AppState and ImGui.
//
// Coordinates: ImGui works in device pixels (DisplaySize = canvas backing store, framebuffer scale 1),
// with fonts rasterized and style sizes scaled by devicePixelRatio. So every glyph and line lands on
// whole device pixels and text is crisp at ratios 1, 1.5, 2 and 3.
#include "platform_internal.h"

namespace flp {

Platform g;

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
    if (g.gl_failed) return;
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
    if (g.first_frame_ms < 0) {
        // The one GL question at start-up: did the shader program link? Asked only now, so that the
        // GPU process compiled it while the CPU did everything above.
        std::string gl_error;
        if (!factlens::gl_renderer_check(&gl_error)) {
            g.gl_failed = true;
            fl_js_show_error(("FactLens could not set up WebGL 2 drawing: " + gl_error).c_str());
            return;
        }
    }
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
        fl_js_first_frame();  // calls fl_first_frame_presented() once the frame is on screen
    }
    g.state_stale = false;
    g.frame_cpu_ms[g.frame_cpu_count++ % kFrameRing] = (float)(emscripten_get_now() - frame_start);
    fl_js_frame_done((double)factlens::a11y_generation(g.app));
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

}  // namespace flp

using namespace flp;

// ---- Exports for platform_lib.js and web/api.js --------------------------------------------------

extern "C" {

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
// load_rates from web/api.js with its text streamed in (begin, feed chunks, end): the reply of the
// command, as factlens_command would give it.
EMSCRIPTEN_KEEPALIVE void fl_rates_begin(const char* name) {
    g.rates_name = name ? name : "";
    g.rates_text.clear();
}
EMSCRIPTEN_KEEPALIVE void fl_rates_feed(const char* bytes, size_t len) {
    if (bytes && g.rates_text.size() <= (256u << 20)) g.rates_text.append(bytes, len);  // past the limit: refused at the end
}
EMSCRIPTEN_KEEPALIVE const char* fl_rates_end(void) {
    g.reply = factlens::load_rates_json(g.app, g.rates_name, g.rates_text);
    g.rates_text = std::string();  // the memory back
    g.state_stale = true;
    request_frames();
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

// The first frame is on screen (platform_lib.js, fl_js_first_frame): the rest of the base glyph set
// (see main()) goes into the atlas now.
EMSCRIPTEN_KEEPALIVE void fl_first_frame_presented(void) {
    if (factlens::complete_base_glyphs(&g.fonts)) {
        g.fonts_dirty = true;
        request_frames();
    }
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
    // The canvas gets its size before it gets a context: resizing a live WebGL drawing buffer costs
    // a reallocation in the GPU process.
    update_canvas_size();

    // The GL context and the shader program first, so that the GPU process sets them up while the
    // CPU loads the corpus and rasterizes the fonts (issue #9: nothing before the first frame waits
    // for the GPU process).
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
    // WebGL 2 core is all the renderer uses. Enabling every extension the browser offers (Emscripten's
    // default) is a getExtension call each, about 20 ms at start-up in Chromium with SwiftShader.
    attrs.enableExtensionsByDefault = EM_FALSE;
    g.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (g.gl <= 0) {
        fl_js_show_error("FactLens needs WebGL 2, which this browser or device does not provide (or has turned off). "
                         "Try a current Chrome, Edge, Firefox or Safari, or enable hardware acceleration.");
        return 1;
    }
    emscripten_webgl_make_context_current(g.gl);
    factlens::gl_renderer_init();

    // The first atlas: only the glyphs the first frame can need (issue #9); the rest of the base
    // set follows once that frame is on screen (fl_first_frame_presented).
    factlens::defer_base_glyphs(&g.fonts);
    factlens::load_embedded_corpus(g.app);
    rebuild_fonts_if_needed();

    register_input_handlers();
    fl_js_init();  // text input, clipboard events, devicePixelRatio watch, API hooks

    g.last_frame_ms = emscripten_get_now();
    render_frame();  // the first frame now, not a vsync later: it is what start-up time is measured to
    if (g.gl_failed) return 1;
    request_frames();
    return 0;
}
