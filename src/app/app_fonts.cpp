#include "app_fonts.h"

#include <algorithm>
#include <cstring>
#include <string>

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

// The first atlas while defer_base_glyphs() holds (issue #9): ASCII and the other characters the
// UI's own strings and the formatted values use (src/app, src/core: no-break space, ¥, ·, – — ’ “ ”
// • …, → − ≈ ≤ ≥, ⚠) and U+FFFD. The rest of the base set follows once the first frame is on
// screen; text needing any of it before then gets it through want_glyphs(). A character added to
// the UI without being listed here is drawn as "?" until then: list it.
const ImWchar kStartRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00A0, 0x00A5, 0x00A5, 0x00B7, 0x00B7,
    0x2013, 0x2014, 0x2019, 0x2019, 0x201C, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026,
    0x2192, 0x2192, 0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0x26A0, 0x26A0,
    0xFFFD, 0xFFFD, 0};

bool in_ranges(const ImWchar* r, uint32_t cp) {
    for (; r[0]; r += 2)
        if (cp >= r[0] && cp <= r[1]) return true;
    return false;
}

// The base set, or while deferred the start set.
bool in_base_now(const AppFonts& f, uint32_t cp) {
    return in_ranges(kBaseRanges, cp) && (!f.base_deferred || in_ranges(kStartRanges, cp));
}

void set_bit(std::vector<uint8_t>& bits, uint32_t cp) { if (cp < 0x10000) bits[cp >> 3] |= (uint8_t)(1u << (cp & 7)); }
bool get_bit(const std::vector<uint8_t>& bits, uint32_t cp) {
    return cp < 0x10000 && bits.size() == 0x2000 && (bits[cp >> 3] >> (cp & 7)) & 1u;
}

// The code points listed in fonts/<name>.txt, as a bit set (empty if the list is missing), and in
// order in *list if given.
std::vector<uint8_t> coverage_from_asset(const char* name, std::vector<ImWchar>* list = nullptr) {
    std::vector<uint8_t> bits(0x2000, 0);
    const EmbeddedAsset* a = find_embedded_asset(name);
    if (!a) return bits;
    const std::string_view text((const char*)a->data, a->size);
    for (size_t i = 0; i < text.size();) {
        const DecodedChar d = utf8_decode(text, i);
        set_bit(bits, d.cp);
        if (list && d.cp < 0x10000) list->push_back((ImWchar)d.cp);
        i += (size_t)d.len;
    }
    if (list) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
    return bits;
}

// Ranges of the code points in `has` that are in the base set (`f` given: as it is now, with the
// early code points while deferred) or in `wanted`. (From the few hundred candidates, not a walk
// over the whole Basic Multilingual Plane: this runs at start-up.)
void build_ranges(const std::vector<uint8_t>& has, const std::vector<ImWchar>& wanted, const AppFonts* f, ImVector<ImWchar>* out) {
    std::vector<ImWchar> cps;
    if (f) {
        for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
            for (uint32_t c = r[0]; c <= r[1]; ++c)
                if (get_bit(has, c) && in_base_now(*f, c)) cps.push_back((ImWchar)c);
        for (ImWchar c : f->early)
            if (get_bit(has, c)) cps.push_back(c);
    }
    for (ImWchar c : wanted)
        if (get_bit(has, c)) cps.push_back(c);
    std::sort(cps.begin(), cps.end());
    cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
    out->clear();
    for (size_t i = 0; i < cps.size();) {
        size_t j = i + 1;
        while (j < cps.size() && cps[j] == cps[j - 1] + 1) ++j;
        out->push_back(cps[i]);
        out->push_back(cps[j - 1]);
        i = j;
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
    // "fonts/ui.ttf 15px"; not with snprintf("%.0f"), which would have start-up compile the float
    // formatter for this label alone.
    std::string label = std::string(name) + " " + std::to_string((int)size) + "px";
    std::strncpy(cfg.Name, label.c_str(), sizeof(cfg.Name) - 1);
    return atlas->AddFontFromMemoryTTF((void*)a->data, (int)a->size, size, &cfg, ranges);
}

void init_coverage(AppFonts* f) {
    if (f->has_ui.size() == 0x2000) return;
    f->has_ui = coverage_from_asset("fonts/ui.txt");
    f->has_bold = coverage_from_asset("fonts/ui-bold.txt");
    f->cjk.clear();
    f->has_cjk = coverage_from_asset("fonts/cjk.txt", &f->cjk);
    f->covered.assign(0x2000, 0);
    for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
        for (uint32_t c = r[0]; c <= r[1]; ++c)
            if (in_base_now(*f, c) && (get_bit(f->has_ui, c) || get_bit(f->has_cjk, c))) set_bit(f->covered, c);
    // The CJK subset is tiny: all of it is in the atlas, except while the base set is deferred (its
    // CFF outlines cost ~15 ms to rasterize at start-up; text that needs one gets it through early).
    if (!f->base_deferred)
        for (ImWchar c : f->cjk) set_bit(f->covered, c);
    for (uint32_t c = 0; c < 0x20; ++c) set_bit(f->covered, c);  // control characters draw nothing
}

} // namespace

float font_pixel_size(float ui_scale) { return (float)(int)(15.0f * ui_scale + 0.5f); }

void defer_base_glyphs(AppFonts* f) {
    if (f->has_ui.size() == 0x2000) return;  // too late: the coverage is made (see the header)
    f->base_deferred = true;
}

bool complete_base_glyphs(AppFonts* f) {
    if (!f->base_deferred) return false;
    f->base_deferred = false;
    f->early.clear();
    if (f->has_ui.size() != 0x2000) return false;  // nothing built yet: the first build has it all
    bool added = false;
    for (const ImWchar* r = kBaseRanges; r[0]; r += 2)
        for (uint32_t c = r[0]; c <= r[1]; ++c)
            if ((get_bit(f->has_ui, c) || get_bit(f->has_cjk, c)) && !get_bit(f->covered, c)) {
                set_bit(f->covered, c);
                added = true;
            }
    for (ImWchar c : f->cjk)
        if (!get_bit(f->covered, c)) {
            set_bit(f->covered, c);
            added = true;
        }
    return added;  // (the early code points are base set now: already in the atlas)
}

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
            // A base-set letter while the base set is deferred is not "added on demand" (wanted):
            // it is only early.
            std::vector<ImWchar>& into = f->base_deferred && in_ranges(kBaseRanges, cp) ? f->early : f->wanted;
            into.insert(std::upper_bound(into.begin(), into.end(), (ImWchar)cp), (ImWchar)cp);
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
    build_ranges(out->has_ui, out->wanted, out, &out->ranges_ui);
    build_ranges(out->has_bold, out->wanted, out, &out->ranges_bold);
    if (out->base_deferred) build_ranges(out->has_cjk, out->wanted, out, &out->ranges_cjk);  // only what text needs
    else build_ranges(out->has_cjk, out->cjk, nullptr, &out->ranges_cjk);
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
