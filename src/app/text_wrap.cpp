// Word wrap for the reader.
#include "text_wrap.h"

#include "../core/corpus.h"
#include "../core/utf8.h"
#include "imgui.h"

namespace factlens {

// Wraps text[begin, end) (no '\n' inside) into L.lines at spaces only (ImGui's own wrapper also
// breaks after ',' and '.', which would split "6,000" or "1.2" across lines). A word wider than the
// line is cut at the last character that fits.
static void wrap_range(ReaderLayout& L, const std::string& text, ImFont* font, float scale, float wrap_w,
                       size_t begin, size_t end) {
    size_t pos = begin, line_start = begin;
    float width = 0;
    size_t last_space = std::string::npos;  // byte offset of the last space on this line
    while (pos < end) {
        DecodedChar d = utf8_decode(text, pos);
        const float adv = font->GetCharAdvance((ImWchar)(d.cp <= 0xFFFF ? d.cp : 0xFFFD)) * scale;
        if (d.cp != ' ' && width + adv > wrap_w && pos > line_start) {
            size_t brk = (last_space != std::string::npos && last_space > line_start) ? last_space : pos;
            size_t line_end = brk;
            while (line_end > line_start && text[line_end - 1] == ' ') --line_end;
            L.lines.push_back({line_start, line_end});
            pos = brk;
            while (pos < end && text[pos] == ' ') ++pos;  // spaces at a wrap point belong to no line
            line_start = pos;
            width = 0;
            last_space = std::string::npos;
            continue;
        }
        if (d.cp == ' ') last_space = pos;
        width += adv;
        pos += d.len;
    }
    if (line_start < end) {
        size_t line_end = end;
        while (line_end > line_start && text[line_end - 1] == ' ') --line_end;
        L.lines.push_back({line_start, line_end});
    }
}

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
            if (eol != n || pos != 0) L.lines.push_back({pos, pos});  // a blank line
        } else {
            // Markup residue ("![]() |", table pipes) is not drawn: the line is trimmed to what is
            // left, or skipped when nothing is. Offsets still point into the unchanged text.
            std::string_view line(text.data() + pos, eol - pos);
            const bool residue = line.find('|') != std::string_view::npos || line.find("![") != std::string_view::npos;
            if (residue) line = trim_markup_residue(line);
            if (!line.empty()) {
                const size_t b = (size_t)(line.data() - text.data());
                wrap_range(L, text, font, scale, wrap_w, b, b + line.size());
            }
        }
        if (eol == n) break;
        pos = eol + 1;
    }
}

} // namespace factlens
