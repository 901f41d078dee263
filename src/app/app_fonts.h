// The fonts compiled into the binary, loaded into an ImGui atlas at a given pixel size. The platform
// calls build_fonts() again (and re-uploads the texture) whenever devicePixelRatio changes, so glyphs
// are always rasterized at the screen's real density.
//
// Glyphs on demand: the atlas starts with a small base set (ASCII, Latin-1, Latin Extended-A,
// punctuation, currency signs, the CJK money words) so start-up rasterizes little. (Smaller still
// for the first frame, issue #9: defer_base_glyphs() keeps the first atlas to ASCII, the symbols the
// UI's strings use and what the text needs, until complete_base_glyphs().) As text arrives
// (articles, facts, what the user types), want_glyphs() adds what the embedded fonts have (Latin,
// Greek, Cyrillic from DejaVu) and lists what they lack; the platform rasterizes those from the
// browser's own fonts (FallbackGlyph) and rebuilds the atlas. So nothing renders as a box.
//
//     std::vector<char32_t> missing;
//     if (want_glyphs(&fonts, text, &missing) || !missing.empty()) {
//         for (char32_t cp : missing) fonts.fallback.push_back(rasterize_with_browser(cp));
//         build_fonts(atlas, size, &fonts);  // then re-upload the texture
//     }
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace factlens {

// A glyph the embedded fonts lack, rasterized by the platform (alpha, w x h pixels, at px).
struct FallbackGlyph {
    char32_t cp = 0;
    bool bold = false;
    float px = 0;                 // the pixel size it was rasterized at
    int w = 0, h = 0;
    float advance = 0;            // pen advance, pixels
    float x0 = 0, y0 = 0;         // top-left offset from the pen position at the top of the line
    std::vector<uint8_t> alpha;   // w * h coverage values
};

struct AppFonts {
    ImFont* regular = nullptr;  // body text, with CJK glyphs merged in
    ImFont* bold = nullptr;     // headings
    // Glyph ranges per embedded font for the current build. Must outlive the atlas build.
    ImVector<ImWchar> ranges_ui, ranges_bold, ranges_cjk;
    // What each embedded font has (Basic Multilingual Plane bit sets), read once from fonts/<name>.txt.
    std::vector<uint8_t> has_ui, has_bold, has_cjk;
    std::vector<ImWchar> cjk;             // the code points of the CJK subset, in order
    std::vector<ImWchar> wanted;          // code points added on demand (sorted), beyond the base set
    std::vector<FallbackGlyph> fallback;  // glyphs no embedded font has, from the platform
    std::vector<uint8_t> covered;         // in the atlas (or on its way): base, wanted, fallback
    bool base_deferred = false;           // defer_base_glyphs() until complete_base_glyphs()
    std::vector<ImWchar> early;           // meanwhile: base-set code points text needed (sorted)
};

// Body text is 15 CSS px; in device pixels, rounded so glyphs sit on whole pixels.
float font_pixel_size(float ui_scale);

// Clears the atlas and adds the embedded fonts at `pixel_size` device pixels: the base set, the
// wanted code points and the fallback glyphs (those rasterized at another size are dropped: the
// caller re-rasterizes them, see fallback_glyphs_to_redo()). Returns false (fonts left null, ImGui's
// default font added instead) if the embedded fonts are missing or unreadable.
bool build_fonts(ImFontAtlas* atlas, float pixel_size, AppFonts* out);

// Start-up (issue #9): until complete_base_glyphs(), build_fonts() puts in the atlas only the start
// set (ASCII and the few symbols the UI's own strings use; kStartRanges in app_fonts.cpp) and the
// base-set characters that text noted with want_glyphs() needs: about a third of the glyphs. Call
// before any want_glyphs() or build_fonts().
void defer_base_glyphs(AppFonts* fonts);
// Ends defer_base_glyphs(). Returns true when the atlas lacks some of the base set (rebuild it).
bool complete_base_glyphs(AppFonts* fonts);

// Notes the code points of text. Returns true when the embedded fonts have some that the atlas
// lacks (rebuild it); appends to *missing the ones no embedded font has (rasterize them, then
// rebuild). Each code point is reported once. Code points above U+FFFF are drawn as U+FFFD.
bool want_glyphs(AppFonts* fonts, std::string_view text, std::vector<char32_t>* missing);

} // namespace factlens
