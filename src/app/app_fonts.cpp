#include "app_fonts.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "../core/utf8.h"
#include "embedded_assets.h"

namespace factlens {

namespace {

// The base set: what the UI and most English news need, rasterized at start-up.
const ImWchar kBaseRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x017F,  // ASCII, Latin-1, Latin Extended-A
    0x2010, 0x2027, 0x2030, 0x203A,  // dashes, quotes, bullets, ellipsis, per mille, guillemets
    0x20A0, 0x20C0,                  // currency signs
    0x2190, 0x2193, 0x2212, 0x2212, 0x2248, 0x2248, 0x2260, 0x2265,  // arrows, minus, ≈ ≠ ≤ ≥
    0x25B2, 0x25B2, 0x25BC, 0x25BC, 0x2713, 0x2713, 0x2717, 0x2717, 0x26A0, 0x26A0,
    0xFFFD, 0xFFFD, 0};

void set_bit(std::vector<uint8_t>& bits, uint32_t cp) { if (cp < 0x10000) bits[cp >> 3] |= (uint8_t)(1u << (cp & 7)); }
bool get_bit(const std::vector<uint8_t>& bits, uint32_t cp) {
    return cp < 0x10000 && bits.size() == 0x2000 && (bits[cp >> 3] >> (cp & 7)) & 1u;
}

// The code points listed in fonts/<name>.txt, as a bit set (empty if the list is missing).
std::vector<uint8_t> coverage_from_asset(const char* name) {
    std::vector<uint8_t> bits(0x2000, 0);
    const EmbeddedAsset* a = find_embedded_asset(name);
    if (!a) return bits;
    const std::string_view text((const char*)a->data, a->size);
    for (size_t i = 0; i < text.size();) {
        const DecodedChar d = utf8_decode(text, i);
        set_bit(bits, d.cp);
        i += (size_t)d.len;
    }
    return bits;
}

// Ranges of the code points in `has` that are in the base set or in `wanted`.
void build_ranges(const std::vector<uint8_t>& has, const std::vector<ImWchar>& wanted, bool base, ImVector<ImWchar>* out) {
    std::vector<uint8_t> pick(0x2000, 0);
    if (base)
        for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
            for (uint32_t c = r[0]; c <= r[1]; ++c) set_bit(pick, c);
    for (ImWchar c : wanted) set_bit(pick, c);
    out->clear();
    uint32_t start = 0;
    bool open = false;
    for (uint32_t c = 1; c <= 0x10000; ++c) {
        const bool in = c < 0x10000 && get_bit(pick, c) && get_bit(has, c);
        if (in && !open) { start = c; open = true; }
        if (!in && open) { out->push_back((ImWchar)start); out->push_back((ImWchar)(c - 1)); open = false; }
    }
    out->push_back(0);
}

ImFont* add_embedded(ImFontAtlas* atlas, const char* name, float size, const ImWchar* ranges, bool merge) {
    const EmbeddedAsset* a = find_embedded_asset(name);
    if (!a || a->size == 0 || !ranges || !ranges[0]) return nullptr;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array
    cfg.MergeMode = merge;
    cfg.OversampleH = 1;               // we rasterize at the device's density, so no oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    snprintf(cfg.Name, sizeof(cfg.Name), "%s %.0fpx", name, size);
    return atlas->AddFontFromMemoryTTF((void*)a->data, (int)a->size, size, &cfg, ranges);
}

void init_coverage(AppFonts* f) {
    if (f->has_ui.size() == 0x2000) return;
    f->has_ui = coverage_from_asset("fonts/ui.txt");
    f->has_bold = coverage_from_asset("fonts/ui-bold.txt");
    f->has_cjk = coverage_from_asset("fonts/cjk.txt");
    f->covered.assign(0x2000, 0);
    for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
        for (uint32_t c = r[0]; c <= r[1]; ++c)
            if (get_bit(f->has_ui, c) || get_bit(f->has_cjk, c)) set_bit(f->covered, c);
    for (uint32_t c = 0; c < 0x10000; ++c)  // the CJK subset is tiny: all of it is in the base set
        if (get_bit(f->has_cjk, c)) set_bit(f->covered, c);
    for (uint32_t c = 0; c < 0x20; ++c) set_bit(f->covered, c);  // control characters draw nothing
}

} // namespace

float font_pixel_size(float ui_scale) { return (float)(int)(15.0f * ui_scale + 0.5f); }

bool want_glyphs(AppFonts* f, std::string_view text, std::vector<char32_t>* missing) {
    init_coverage(f);
    bool rebuild = false;
    for (size_t i = 0; i < text.size();) {
        const unsigned char b = (unsigned char)text[i];
        if (b < 0x80) { ++i; continue; }  // ASCII is in the base set
        const DecodedChar d = utf8_decode(text, i);
        i += (size_t)d.len;
        const char32_t cp = d.cp < 0x10000 ? d.cp : 0xFFFD;
        if (get_bit(f->covered, cp)) continue;
        set_bit(f->covered, cp);
        if (get_bit(f->has_ui, cp) || get_bit(f->has_cjk, cp)) {
            f->wanted.insert(std::upper_bound(f->wanted.begin(), f->wanted.end(), (ImWchar)cp), (ImWchar)cp);
            rebuild = true;
        } else if (missing) {
            missing->push_back(cp);
        }
    }
    return rebuild;
}

bool build_fonts(ImFontAtlas* atlas, float pixel_size, AppFonts* out) {
    init_coverage(out);
    atlas->Clear();
    out->regular = out->bold = nullptr;
    // Fallback glyphs rasterized for another size are stale: the caller rasterizes them again.
    out->fallback.erase(std::remove_if(out->fallback.begin(), out->fallback.end(),
                                       [&](const FallbackGlyph& g) { return g.px != pixel_size; }),
                        out->fallback.end());
    build_ranges(out->has_ui, out->wanted, true, &out->ranges_ui);
    build_ranges(out->has_bold, out->wanted, true, &out->ranges_bold);
    std::vector<ImWchar> all_cjk;
    for (uint32_t c = 0; c < 0x10000; ++c) if (get_bit(out->has_cjk, c)) all_cjk.push_back((ImWchar)c);
    build_ranges(out->has_cjk, all_cjk, false, &out->ranges_cjk);
    const bool have_cjk = out->ranges_cjk.Size > 1;
    ImFont* regular = add_embedded(atlas, "fonts/ui.ttf", pixel_size, out->ranges_ui.Data, false);
    if (regular && have_cjk) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, out->ranges_cjk.Data, true);
    ImFont* bold = regular ? add_embedded(atlas, "fonts/ui-bold.ttf", pixel_size, out->ranges_bold.Data, false) : nullptr;
    if (bold && have_cjk) add_embedded(atlas, "fonts/cjk.ttf", pixel_size, out->ranges_cjk.Data, true);
    if (!regular) {
        ImFontConfig cfg;
        cfg.SizePixels = pixel_size;
        atlas->AddFontDefault(&cfg);
        atlas->Build();
        return false;
    }
    if (!bold) bold = regular;
    // Fallback glyphs as custom rectangles, filled in after the build.
    std::vector<std::pair<int, const FallbackGlyph*>> rects;
    for (const FallbackGlyph& g : out->fallback) {
        if (g.w <= 0 || g.h <= 0 || g.alpha.size() != (size_t)g.w * (size_t)g.h) continue;
        ImFont* font = g.bold ? bold : regular;
        if (g.bold && bold == regular) continue;
        rects.push_back({atlas->AddCustomRectFontGlyph(font, (ImWchar)g.cp, g.w, g.h, g.advance, ImVec2(g.x0, g.y0)), &g});
    }
    if (!atlas->Build()) return false;
    if (!rects.empty()) {
        unsigned char* pixels = nullptr;
        int tw = 0, th = 0;
        atlas->GetTexDataAsAlpha8(&pixels, &tw, &th);
        for (const auto& r : rects) {
            const ImFontAtlasCustomRect* rc = atlas->GetCustomRectByIndex(r.first);
            if (!rc || !rc->IsPacked()) continue;
            const FallbackGlyph& g = *r.second;
            for (int y = 0; y < g.h; ++y)
                std::memcpy(pixels + (size_t)(rc->Y + y) * (size_t)tw + rc->X, g.alpha.data() + (size_t)y * (size_t)g.w, (size_t)g.w);
        }
    }
    out->regular = regular;
    out->bold = bold;
    return true;
}

} // namespace factlens
