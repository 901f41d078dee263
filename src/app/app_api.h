// The JSON face of the app, for window.factlens and postMessage (see docs/embedding.md). JSON lives
// here, at the edge: the app and the engine speak structs.
#pragma once
#include <string>
#include <string_view>

#include "app_state.h"

namespace factlens {

// What only the platform knows, reported alongside the app state.
struct PlatformInfo {
    float device_pixel_ratio = 1.0f;
    double css_width = 0, css_height = 0;  // canvas size in CSS pixels
    int width = 0, height = 0;             // canvas backing store in device pixels
    double first_frame_ms = -1;            // performance.now() at the end of the first frame; -1 before
    // CPU time spent in each rendered frame (input to GL calls issued), over the last `count` frames
    // (at most 256, the newest ones): median and 95th percentile in ms.
    struct FrameTimes { double median = 0, p95 = 0; int count = 0; } frame_ms;
    int glyphs_added = 0;      // code points added to the atlas on demand from the embedded fonts
    int glyphs_fallback = 0;   // code points drawn from the browser's fonts (both weights count once)
};

// The snapshot returned by factlens.state().
std::string state_json(const AppState& s, const PlatformInfo& p);

// {"ok":true,"facts":N,"article":"id"|null} or {"ok":false,"error":"..."}: one file of load_files.
std::string file_load_result_json(const FileLoadResult& r);

// Runs one command given as a JSON object (e.g. {"type":"select_article","index":2}). Returns
// {"ok":true} or {"ok":false,"error":"..."}; a failed command changes nothing.
std::string run_command_json(AppState& s, std::string_view request);

// The load_rates command with its text passed as it is, not inside a JSON request (web/api.js
// streams a rate file into the heap as load_files does, sparing a 2 MB file's JSON escaping and
// parsing). The same checks, effect and reply as run_command_json({type:'load_rates', name, text}).
std::string load_rates_json(AppState& s, const std::string& name, std::string_view text);

} // namespace factlens
