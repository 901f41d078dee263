#include <catch2/catch.hpp>
#include <cmath>

#include "../../src/core/utf8.h"
#include "ui_fixture.h"

using namespace factlens;

static void require_glyphs(ImFont* font, const std::string& text, const std::string& where) {
    for (size_t i = 0; i < text.size();) {
        DecodedChar d = utf8_decode(text, i);
        i += d.len;
        if (d.cp == '\n' || d.cp == '\r' || d.cp == '\t') continue;
        INFO(where << ": U+" << std::hex << (unsigned)d.cp);
        REQUIRE(d.cp <= 0xFFFF);
        REQUIRE(font->FindGlyphNoFallback((ImWchar)d.cp) != nullptr);
    }
}

TEST_CASE("every code point of the corpus has a glyph in both UI fonts", "[fonts]") {
    for (float scale : {1.0f, 1.5f, 2.0f, 3.0f}) {
        UiFixture ui(scale);
        REQUIRE(ui.fonts.regular != nullptr);
        REQUIRE(ui.fonts.regular->FontSize == Approx(std::round(15.0f * scale)));
        REQUIRE(ui.app.corpus.articles.size() == 5);
        for (const Article& a : ui.app.corpus.articles) {
            require_glyphs(ui.fonts.regular, a.text, a.id);
            require_glyphs(ui.fonts.regular, a.note, a.id + " note");
            require_glyphs(ui.fonts.bold, a.title, a.id + " title");
        }
    }
}

TEST_CASE("the fonts cover what users type: currency signs, CJK money words, math", "[fonts]") {
    UiFixture ui;
    const std::string typed = "é@¥元’€£₹₩₽ ≈≤≥±−×÷→←↑↓…•‑—–“”‘ 亿万人民币円 ¢ ¤";
    require_glyphs(ui.fonts.regular, typed, "typed text");
    // And the UI's own strings (status bar separators, ellipsis in leads).
    require_glyphs(ui.fonts.regular, "· … ▲ ▼ ✓", "ui symbols");
    // A glyph outside the subset really is absent, so this test can fail.
    CHECK(ui.fonts.regular->FindGlyphNoFallback((ImWchar)0x0E01) == nullptr);  // Thai ko kai
}

TEST_CASE("glyphs on demand: embedded Greek/Cyrillic added, other scripts from the platform", "[fonts]") {
    UiFixture ui;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    const std::string greek = "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE1\xBA\xA0";  // Αθήνα Москва Ạ
    CHECK(ui.fonts.regular->FindGlyphNoFallback((ImWchar)0x0391) == nullptr);  // not in the base set
    std::vector<char32_t> missing;
    CHECK(want_glyphs(&ui.fonts, greek, &missing));
    CHECK(missing.empty());
    CHECK_FALSE(want_glyphs(&ui.fonts, greek, &missing));  // reported once
    REQUIRE(build_fonts(atlas, ui.fonts.regular->FontSize, &ui.fonts));
    require_glyphs(ui.fonts.regular, greek, "greek/cyrillic regular");
    require_glyphs(ui.fonts.bold, greek, "greek/cyrillic bold");

    // Thai and a CJK character outside the embedded subset: the platform rasterizes them.
    const std::string other = "\xE0\xB8\x81 \xE4\xB8\xAD";  // ก 中
    CHECK_FALSE(want_glyphs(&ui.fonts, other, &missing));
    REQUIRE(missing == std::vector<char32_t>{0x0E01, 0x4E2D});
    const float px = ui.fonts.regular->FontSize;
    for (char32_t cp : missing)
        for (bool bold : {false, true}) {
            FallbackGlyph g;
            g.cp = cp; g.bold = bold; g.px = px; g.w = 6; g.h = 9; g.advance = 8; g.x0 = 1; g.y0 = 3;
            g.alpha.assign(54, (uint8_t)(bold ? 200 : 255));
            ui.fonts.fallback.push_back(g);
        }
    REQUIRE(build_fonts(atlas, px, &ui.fonts));
    const ImFontGlyph* g = ui.fonts.regular->FindGlyphNoFallback((ImWchar)0x4E2D);
    REQUIRE(g != nullptr);
    CHECK(g->AdvanceX == Approx(8));
    REQUIRE(ui.fonts.bold->FindGlyphNoFallback((ImWchar)0x0E01) != nullptr);
    // The glyph's pixels are in the atlas where its UVs point.
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &tw, &th);
    const int x = (int)(g->U0 * tw + 0.5f), y = (int)(g->V0 * th + 0.5f);
    CHECK(pixels[(size_t)y * tw + x] == 255);
    // Rebuilt at another size (a new devicePixelRatio), stale fallback glyphs are dropped to be redone.
    REQUIRE(build_fonts(atlas, px * 2, &ui.fonts));
    CHECK(ui.fonts.fallback.empty());
    require_glyphs(ui.fonts.regular, greek, "greek/cyrillic after a size change");
}

TEST_CASE("start-up atlas: the deferred base set holds what the first frame needs, the rest follows", "[fonts]") {
    // defer_base_glyphs() (issue #9): ASCII, the UI's symbols and what text noted; complete_base_glyphs()
    // brings in the rest of the base set (Latin-1 letters, the CJK money words).
    AppFonts f;
    ImFontAtlas atlas;
    defer_base_glyphs(&f);
    std::vector<char32_t> missing;
    CHECK(want_glyphs(&f, "Z\xC3\xBCrich \xE5\x85\x83", &missing));  // Zürich 元
    CHECK(missing.empty());
    REQUIRE(build_fonts(&atlas, 15, &f));
    REQUIRE(f.regular != nullptr);
    REQUIRE(f.bold != nullptr);
    for (ImFont* font : {f.regular, f.bold}) {
        CHECK(font->FindGlyphNoFallback((ImWchar)'A') != nullptr);
        CHECK(font->FindGlyphNoFallback((ImWchar)0x00B7) != nullptr);  // · (the UI's separators)
        CHECK(font->FindGlyphNoFallback((ImWchar)0x00FC) != nullptr);  // ü: noted
        CHECK(font->FindGlyphNoFallback((ImWchar)0x5143) != nullptr);  // 元: noted
        CHECK(font->FindGlyphNoFallback((ImWchar)0x00E9) == nullptr);  // é: base set, not yet
        CHECK(font->FindGlyphNoFallback((ImWchar)0x4EBF) == nullptr);  // 亿: base set, not yet
    }
    CHECK(complete_base_glyphs(&f));
    REQUIRE(build_fonts(&atlas, 15, &f));
    for (ImFont* font : {f.regular, f.bold}) {
        CHECK(font->FindGlyphNoFallback((ImWchar)0x00E9) != nullptr);
        CHECK(font->FindGlyphNoFallback((ImWchar)0x4EBF) != nullptr);
        CHECK(font->FindGlyphNoFallback((ImWchar)0x00FC) != nullptr);
        CHECK(font->FindGlyphNoFallback((ImWchar)0x5143) != nullptr);
    }
    CHECK_FALSE(complete_base_glyphs(&f));  // once
    // Text noted afterwards needs nothing new from the base set.
    CHECK_FALSE(want_glyphs(&f, "caf\xC3\xA9 \xE4\xBA\xBF", &missing));
}
