#include "key_map.h"

#include <cstring>

#include "../core/utf8.h"

namespace factlens {

struct CodeKey {
    const char* code;
    ImGuiKey key;
};

static const CodeKey kCodes[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert}, {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space}, {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"Escape", ImGuiKey_Escape}, {"ControlLeft", ImGuiKey_LeftCtrl}, {"ControlRight", ImGuiKey_RightCtrl},
    {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift}, {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt}, {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper},
    {"ContextMenu", ImGuiKey_Menu}, {"Quote", ImGuiKey_Apostrophe}, {"Comma", ImGuiKey_Comma},
    {"Minus", ImGuiKey_Minus}, {"Period", ImGuiKey_Period}, {"Slash", ImGuiKey_Slash},
    {"Semicolon", ImGuiKey_Semicolon}, {"Equal", ImGuiKey_Equal}, {"BracketLeft", ImGuiKey_LeftBracket},
    {"Backslash", ImGuiKey_Backslash}, {"BracketRight", ImGuiKey_RightBracket}, {"Backquote", ImGuiKey_GraveAccent},
    {"CapsLock", ImGuiKey_CapsLock}, {"ScrollLock", ImGuiKey_ScrollLock}, {"NumLock", ImGuiKey_NumLock},
    {"PrintScreen", ImGuiKey_PrintScreen}, {"Pause", ImGuiKey_Pause}, {"NumpadDecimal", ImGuiKey_KeypadDecimal},
    {"NumpadDivide", ImGuiKey_KeypadDivide}, {"NumpadMultiply", ImGuiKey_KeypadMultiply},
    {"NumpadSubtract", ImGuiKey_KeypadSubtract}, {"NumpadAdd", ImGuiKey_KeypadAdd},
    {"NumpadEqual", ImGuiKey_KeypadEqual},
};

ImGuiKey dom_key_to_imgui(const char* code, const char* key) {
    if (!code) code = "";
    if (!key) key = "";
    // Letters by the character they type (layout-aware shortcuts).
    if (key[0] && !key[1] && ((key[0] >= 'a' && key[0] <= 'z') || (key[0] >= 'A' && key[0] <= 'Z'))) {
        char c = (char)(key[0] | 0x20);
        return (ImGuiKey)(ImGuiKey_A + (c - 'a'));
    }
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && !code[4])
        return (ImGuiKey)(ImGuiKey_A + (code[3] - 'A'));
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && !code[6])
        return (ImGuiKey)(ImGuiKey_0 + (code[5] - '0'));
    if (std::strncmp(code, "Numpad", 6) == 0 && code[6] >= '0' && code[6] <= '9' && !code[7])
        return (ImGuiKey)(ImGuiKey_Keypad0 + (code[6] - '0'));
    if (code[0] == 'F' && code[1] >= '1' && code[1] <= '9') {
        int n = code[1] - '0';
        if (code[2] >= '0' && code[2] <= '9' && !code[3]) n = n * 10 + (code[2] - '0');
        else if (code[2]) n = 0;
        if (n >= 1 && n <= 12) return (ImGuiKey)(ImGuiKey_F1 + (n - 1));
    }
    for (const CodeKey& ck : kCodes)
        if (std::strcmp(code, ck.code) == 0) return ck.key;
    return ImGuiKey_None;
}

bool dom_key_is_text(const char* key) {
    if (!key || !key[0]) return false;
    const std::string_view k(key);
    DecodedChar d = utf8_decode(k, 0);
    return d.valid && (size_t)d.len == k.size() && d.cp >= 0x20 && d.cp != 0x7F;
}

bool dom_key_is_browser_shortcut(ImGuiKey key, bool ctrl) {
    if (key == ImGuiKey_F5 || key == ImGuiKey_F11 || key == ImGuiKey_F12) return true;
    if (!ctrl) return false;
    switch (key) {
        case ImGuiKey_R: case ImGuiKey_L: case ImGuiKey_T: case ImGuiKey_W: case ImGuiKey_N:
        case ImGuiKey_Equal: case ImGuiKey_Minus: case ImGuiKey_0: case ImGuiKey_KeypadAdd:
        case ImGuiKey_KeypadSubtract: case ImGuiKey_PageUp: case ImGuiKey_PageDown:
            return true;
        default:
            return false;
    }
}

} // namespace factlens
