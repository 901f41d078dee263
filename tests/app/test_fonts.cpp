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
