// Word wrap for the reader.
#include "text_wrap.h"

#include "../core/utf8.h"
#include "imgui.h"

namespace factlens {

// Wraps at spaces only (ImGui's own wrapper also breaks after ',' and '.', which would split "6,000"
// or "1.2" across lines). A word wider than the line is cut at the last character that fits.
void wrap_text(ReaderLayout& L, const std::string& text, ImFont* font, float size, float wrap_w) {
    L.text = &text;
    L.wrap_width = wrap_w;
    L.font_size = size;
    L.lines.clear();
    const float scale = size / font->FontSize;
    size_t pos = 0;
    const size_t n = text.size();
    while (pos <= n) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string::npos) eol = n;
        if (pos == eol) {
            if (eol != n || pos != 0) L.lines.push_back({pos, pos});
        }
        size_t line_start = pos;
        float width = 0;
        size_t last_space = std::string::npos;  // byte offset of the last space on this line
        while (pos < eol) {
            DecodedChar d = utf8_decode(text, pos);
            const float adv = font->GetCharAdvance((ImWchar)(d.cp <= 0xFFFF ? d.cp : 0xFFFD)) * scale;
            if (d.cp != ' ' && width + adv > wrap_w && pos > line_start) {
                size_t brk = (last_space != std::string::npos && last_space > line_start) ? last_space : pos;
                size_t line_end = brk;
                while (line_end > line_start && text[line_end - 1] == ' ') --line_end;
                L.lines.push_back({line_start, line_end});
                pos = brk;
                while (pos < eol && text[pos] == ' ') ++pos;  // spaces at a wrap point belong to no line
                line_start = pos;
                width = 0;
                last_space = std::string::npos;
                continue;
            }
            if (d.cp == ' ') last_space = pos;
            width += adv;
            pos += d.len;
        }
        if (line_start < eol) {
            size_t line_end = eol;
            while (line_end > line_start && text[line_end - 1] == ' ') --line_end;
            L.lines.push_back({line_start, line_end});
        }
        if (eol == n) break;
        pos = eol + 1;
    }
}

} // namespace factlens
