// The fonts compiled into the binary, loaded into an ImGui atlas at a given pixel size. The platform
// calls this again (and re-uploads the texture) whenever devicePixelRatio changes, so glyphs are
// always rasterized at the screen's real density.
#pragma once
#include "imgui.h"

namespace factlens {

struct AppFonts {
    ImFont* regular = nullptr;  // body text, with CJK glyphs merged in
    ImFont* bold = nullptr;     // headings
    // Glyph ranges per embedded font: exactly the code points each subset has (fonts/<name>.txt),
    // so the atlas build never probes for glyphs that are not there. Must outlive the atlas build.
    ImVector<ImWchar> ranges_ui, ranges_bold, ranges_cjk;
};

// Body text is 15 CSS px; in device pixels, rounded so glyphs sit on whole pixels.
float font_pixel_size(float ui_scale);

// Clears the atlas and adds the embedded fonts at `pixel_size` device pixels. Returns false (fonts
// left null, ImGui's default font added instead) if the embedded fonts are missing or unreadable.
bool build_fonts(ImFontAtlas* atlas, float pixel_size, AppFonts* out);

} // namespace factlens
