#include <catch2/catch.hpp>

#include "key_map.h"

using namespace factlens;

TEST_CASE("DOM keys map to ImGui keys, letters by layout", "[keys]") {
    CHECK(dom_key_to_imgui("KeyA", "a") == ImGuiKey_A);
    CHECK(dom_key_to_imgui("KeyA", "q") == ImGuiKey_Q);  // AZERTY: the key labelled Q
    CHECK(dom_key_to_imgui("KeyC", "C") == ImGuiKey_C);
    CHECK(dom_key_to_imgui("KeyC", "\xC3\xA7") == ImGuiKey_C);  // non-Latin output: physical key
    CHECK(dom_key_to_imgui("ArrowLeft", "ArrowLeft") == ImGuiKey_LeftArrow);
    CHECK(dom_key_to_imgui("Digit5", "%") == ImGuiKey_5);
    CHECK(dom_key_to_imgui("Numpad7", "7") == ImGuiKey_Keypad7);
    CHECK(dom_key_to_imgui("F12", "F12") == ImGuiKey_F12);
    CHECK(dom_key_to_imgui("F1", "F1") == ImGuiKey_F1);
    CHECK(dom_key_to_imgui("F13", "F13") == ImGuiKey_None);
    CHECK(dom_key_to_imgui("Backspace", "Backspace") == ImGuiKey_Backspace);
    CHECK(dom_key_to_imgui("", "") == ImGuiKey_None);
    CHECK(dom_key_to_imgui(nullptr, nullptr) == ImGuiKey_None);
}

TEST_CASE("text keys and browser shortcuts are told apart", "[keys]") {
    CHECK(dom_key_is_text("a"));
    CHECK(dom_key_is_text("\xC3\xA9"));       // é
    CHECK(dom_key_is_text("\xE5\x85\x83"));   // 元
    CHECK(dom_key_is_text(" "));
    CHECK_FALSE(dom_key_is_text("Enter"));
    CHECK_FALSE(dom_key_is_text("Dead"));
    CHECK_FALSE(dom_key_is_text(""));
    CHECK_FALSE(dom_key_is_text("\xFF"));
    CHECK(dom_key_is_browser_shortcut(ImGuiKey_R, true));
    CHECK(dom_key_is_browser_shortcut(ImGuiKey_F5, false));
    CHECK_FALSE(dom_key_is_browser_shortcut(ImGuiKey_R, false));
    CHECK_FALSE(dom_key_is_browser_shortcut(ImGuiKey_C, true));
}
