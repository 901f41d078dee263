#include "app_fonts.h"

#include <cstdio>

#include "embedded_assets.h"
#include "imgui.h"

namespace factlens {

// The subset fonts decide which glyphs exist (see assets/fonts/fonts.json); ImGui skips code points
// a font lacks, so these ranges only need to be wide enough.
static const ImWchar kLatinAndSymbols[] = {0x0020, 0x2FFF, 0xFE00, 0xFFFD, 0};
static const ImWchar kCjk[] = {0x3000, 0x30FF, 0x4E00, 0x9FFF, 0xFF00, 0xFFEF, 0};

static ImFont* add_embedded(ImFontAtlas* atlas, const char* name, float size, const ImWchar* ranges,
                            bool merge) {
    const EmbeddedAsset* a = find_embedded_asset(name);
    if (!a || a->size == 0) return nullptr;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array
    cfg.MergeMode = merge;
    cfg.OversampleH = 1;               // we rasterize at the device's density, so no oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    snprintf(cfg.Name, sizeof(cfg.Name), "%s %.0fpx", name, size);
    return atlas->AddFontFromMemoryTTF((void*)a->data, (int)a->size, size, &cfg, ranges);
}

float font_pixel_size(float ui_scale) { return (float)(int)(15.0f * ui_scale + 0.5f); }

bool build_fonts(ImFontAtlas* atlas, float pixel_size, AppFonts* out) {
    atlas->Clear();
    *out = AppFonts{};
    ImFont* regular = add_embedded(atlas, "fonts/ui.ttf", pixel_size, kLatinAndSymbols, false);
    if (regular) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, kCjk, true);
    ImFont* bold = regular ? add_embedded(atlas, "fonts/ui-bold.ttf", pixel_size, kLatinAndSymbols, false) : nullptr;
    if (bold) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, kCjk, true);
    if (!regular) {
        ImFontConfig cfg;
        cfg.SizePixels = pixel_size;
        atlas->AddFontDefault(&cfg);
        atlas->Build();
        return false;
    }
    if (!atlas->Build()) return false;
    out->regular = regular;
    out->bold = bold ? bold : regular;
    return true;
}

} // namespace factlens
