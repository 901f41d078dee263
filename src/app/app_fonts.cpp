#include "app_fonts.h"

#include <cstdio>

#include "embedded_assets.h"
#include "imgui.h"

namespace factlens {

// Fills `out` with the code points listed in fonts/<name>.txt; false if the list is missing.
static bool ranges_from_asset(const char* name, ImVector<ImWchar>* out) {
    const EmbeddedAsset* a = find_embedded_asset(name);
    if (!a || a->size == 0) return false;
    ImFontGlyphRangesBuilder b;
    b.AddText((const char*)a->data, (const char*)a->data + a->size);
    out->clear();
    b.BuildRanges(out);
    return out->Size > 1;
}

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
    out->regular = out->bold = nullptr;
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    const bool have_cjk = ranges_from_asset("fonts/cjk.txt", &out->ranges_cjk);
    if (ranges_from_asset("fonts/ui.txt", &out->ranges_ui))
        regular = add_embedded(atlas, "fonts/ui.ttf", pixel_size, out->ranges_ui.Data, false);
    if (regular && have_cjk) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, out->ranges_cjk.Data, true);
    if (regular && ranges_from_asset("fonts/ui-bold.txt", &out->ranges_bold))
        bold = add_embedded(atlas, "fonts/ui-bold.ttf", pixel_size, out->ranges_bold.Data, false);
    if (bold && have_cjk) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, out->ranges_cjk.Data, true);
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
