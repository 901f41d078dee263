// Find in the open article: Ctrl+F, typing, next/previous, folding, and the matches' offsets.
#include <catch2/catch.hpp>

#include "ui_fixture.h"

using namespace factlens;

TEST_CASE("folded_find_all: byte ranges in the original text, case and Unicode folded", "[find]") {
    const std::string hay = "Yuan, YUAN and yuan; \xC4\xB0stanbul and istanbul; \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0";
    auto m = folded_find_all(hay, fold_text("yuan"));
    REQUIRE(m.size() == 3);
    CHECK(hay.substr(m[1].start, m[1].end - m[1].start) == "YUAN");
    // İ (2 bytes) folds to i (1 byte): the match still covers the original bytes.
    m = folded_find_all(hay, fold_text("istanbul"));
    REQUIRE(m.size() == 2);
    CHECK(hay.substr(m[0].start, m[0].end - m[0].start) == "\xC4\xB0stanbul");
    m = folded_find_all(hay, fold_text("\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"));  // москва
    CHECK(m.size() == 1);
    CHECK(folded_find_all(hay, "").empty());
    CHECK(folded_find_all("aaaa", "aa").size() == 2);  // no overlaps
}

TEST_CASE("Ctrl+F opens the find bar; typing highlights, Enter and F3 step through matches", "[find][ui]") {
    UiFixture ui(1.0f, 1200, 800);
    select_article(ui.app, 2);  // ECNS: "yuan" appears twice ("1.2 trillion yuan", "60 billion yuan")
    ui.frame(2);
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_F, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_F, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    ui.frame(2);
    REQUIRE(ui.app.find.open);
    CHECK(ImGui::GetIO().WantTextInput);  // the find field has the keyboard
    io.AddInputCharactersUTF8("YUAN");
    ui.frame(2);
    CHECK(ui.app.find.query == "YUAN");
    REQUIRE(ui.app.find.matches.size() == 2);
    CHECK(ui.app.find.current == 0);
    const std::string& text = ui.app.corpus.articles[2].text;
    for (const FoldedMatch& m : ui.app.find.matches) CHECK(text.substr(m.start, m.end - m.start) == "yuan");
    io.AddKeyEvent(ImGuiKey_Enter, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_Enter, false);
    ui.frame();
    CHECK(ui.app.find.current == 1);
    io.AddKeyEvent(ImGuiKey_F3, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_F3, false);
    ui.frame();
    CHECK(ui.app.find.current == 0);  // wraps around
    find_step(ui.app, -1);
    CHECK(ui.app.find.current == 1);
    // Another article: the matches follow it.
    select_article(ui.app, 0);
    ui.frame(2);
    CHECK(ui.app.find.article == 0);
    close_find(ui.app);
    ui.frame();
    CHECK_FALSE(ui.app.find.open);
    CHECK(ui.app.find.matches.empty());
}
