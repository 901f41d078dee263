// Word wrap for the reader: splits text into lines no wider than wrap_w pixels at the given font
// size. Lines end at '\n' or at a space; numbers like "6,000" and "1.2" are never split.
#pragma once
#include <string>

#include "app_state.h"

struct ImFont;

namespace factlens {

void wrap_text(ReaderLayout& out, const std::string& text, ImFont* font, float size, float wrap_w);

} // namespace factlens
