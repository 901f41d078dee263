// DOM KeyboardEvent → ImGui keys. Pure functions (no browser calls), so native tests cover them.
#pragma once
#include "imgui.h"

namespace factlens {

// `code` is the physical key (KeyboardEvent.code, e.g. "KeyA", "ArrowLeft"); `key` is what it
// produces on the user's layout (KeyboardEvent.key). Letters follow `key`, so Ctrl+C means copy on
// AZERTY and Dvorak too; everything else follows `code`.
ImGuiKey dom_key_to_imgui(const char* code, const char* key);

// True when `key` is one printable character (the browser will deliver it as text input).
bool dom_key_is_text(const char* key);

// Keys the browser should keep (reload, dev tools, zoom, tab switching): never swallowed.
bool dom_key_is_browser_shortcut(ImGuiKey key, bool ctrl);

} // namespace factlens
