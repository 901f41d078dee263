// The UI driven headlessly through ImGui's input queue: clicks, drags and Ctrl+C, as the platform
// layer would feed them, with no browser.
#include <catch2/catch.hpp>

#include "ui_fixture.h"

using namespace factlens;

static ImVec2 center(const UiRect& r) { return ImVec2(r.x + r.w / 2, r.y + r.h / 2); }

TEST_CASE("a frame lays out every article row, the filter and the reader", "[ui]") {
    for (float scale : {1.0f, 2.0f}) {
        UiFixture ui(scale);
        ui.frame(2);
        REQUIRE(ui.app.layout.list_rows.size() == 5);
        for (const auto& row : ui.app.layout.list_rows) {
            CHECK(row.rect.h >= 15 * scale);
            CHECK(row.rect.w > 100 * scale);
        }
        CHECK(ui.app.layout.reader.w > 300 * scale);
        CHECK(ui.app.layout.filter.w > 100 * scale);
    }
}

TEST_CASE("clicking a row selects that article", "[ui]") {
    for (float scale : {1.0f, 2.0f}) {
        UiFixture ui(scale);
        ui.frame(2);
        for (int k : {3, 1, 4}) {
            UiRect r = ui.app.layout.list_rows[k].rect;
            ImVec2 c = center(r);
            ui.click(c.x, c.y);
            CHECK(ui.app.selected == ui.app.layout.list_rows[k].article);
        }
    }
}

TEST_CASE("dragging across the reader selects text, and Ctrl+C copies exactly that", "[ui]") {
    UiFixture ui;
    ui.frame(2);
    ImGuiIO& io = ImGui::GetIO();
    const UiRect r = ui.app.layout.reader;
    io.AddMousePosEvent(r.x + 20, r.y + 20);
    ui.frame();
    io.AddMouseButtonEvent(0, true);
    ui.frame();
    for (int i = 1; i <= 10; ++i) {
        io.AddMousePosEvent(r.x + 20 + 25 * i, r.y + 20);
        ui.frame();
    }
    io.AddMouseButtonEvent(0, false);
    ui.frame();
    const std::string sel = selected_text(ui.app);
    REQUIRE(sel.size() > 5);
    CHECK(ui.app.focus == Focus::Reader);
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_C, true);
    ui.frame(2);
    io.AddKeyEvent(ImGuiKey_C, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    ui.frame();
    CHECK(ui.clipboard == sel);
}

TEST_CASE("typing and pasting into the filter field edits AppState.filter", "[ui]") {
    UiFixture ui;
    ui.frame(2);
    ImVec2 c = center(ui.app.layout.filter);
    ui.click(c.x, c.y);
    CHECK(ui.app.focus == Focus::Filter);
    ImGuiIO& io = ImGui::GetIO();
    io.AddInputCharactersUTF8("é@¥元’");
    ui.frame(3);
    CHECK(ui.app.filter == "é@¥元’");
    ui.clipboard = " ECNS";
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    ui.frame(2);
    CHECK(ui.app.filter == "é@¥元’ ECNS");
}
