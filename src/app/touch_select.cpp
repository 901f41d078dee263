#include "touch_select.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "../core/utf8.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

// Must match reader_view.cpp: line height / font size, and what counts as part of a word.
constexpr float kLineSpacing = 1.45f;
bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_' || c == '\'' || c == '-'; }

struct TouchSel {
    ImGuiContext* ctx = nullptr;
    bool active = false;             // a touch selection is on screen (handles drawn)
    int article = -1;
    size_t word_b = 0, word_e = 0;   // the long-pressed word (stays selected while dragging)
    int handle = 0;                  // 0 dragging from the word, 1 the start handle, 2 the end handle
    size_t fixed = 0;                // the end that stays while a handle moves
    size_t anchor = 0, caret = 0;    // what we set: anything else changing the selection hides the handles
};
TouchSel& ts() {
    static TouchSel t;
    if (t.ctx != ImGui::GetCurrentContext()) t = TouchSel{ImGui::GetCurrentContext()};
    return t;
}

// The reader's text child window ("…/reader_text_XXXXXXXX") as drawn in the last (or current) frame.
ImGuiWindow* reader_window() {
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g) return nullptr;
    for (int i = g->Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = g->Windows[i];
        if (w->Active && !w->Hidden && std::strstr(w->Name, "/reader_text_")) return w;
    }
    return nullptr;
}

struct Geom {
    const std::string* text = nullptr;
    const ReaderLayout* L = nullptr;
    ImFont* font = nullptr;
    float size = 0, line_h = 0;
    ImVec2 origin;
    ImRect visible;  // the reader window, clipped
};

bool geom(const AppState& s, Geom* out) {
    if (s.selected < 0 || s.selected >= (int)s.corpus.articles.size()) return false;
    const std::string& text = s.corpus.articles[(size_t)s.selected].text;
    const ReaderLayout& L = s.reader_layout;
    if (L.text != &text || L.lines.empty() || L.font_size <= 0) return false;
    ImGuiWindow* w = reader_window();
    if (!w) return false;
    const ImGuiIO& io = ImGui::GetIO();
    ImFont* font = io.FontDefault ? io.FontDefault : (io.Fonts->Fonts.Size ? io.Fonts->Fonts[0] : nullptr);
    if (!font) return false;
    out->text = &text;
    out->L = &L;
    out->font = font;
    out->size = L.font_size;
    out->line_h = std::floor(L.font_size * kLineSpacing);
    out->origin = w->DC.CursorStartPos;
    out->visible = w->OuterRectClipped;
    return true;
}

size_t hit_line(const Geom& G, const WrappedLine& line, float x) {
    const float scale = G.size / G.font->FontSize;
    float pen = 0;
    size_t pos = line.start;
    while (pos < line.end) {
        const DecodedChar d = utf8_decode(*G.text, pos);
        const float adv = G.font->GetCharAdvance((ImWchar)(d.cp <= 0xFFFF ? d.cp : 0xFFFD)) * scale;
        if (x < pen + adv * 0.5f) return pos;
        pen += adv;
        pos += d.len > 0 ? (size_t)d.len : 1;
    }
    return line.end;
}

size_t hit(const Geom& G, ImVec2 p) {
    const auto& lines = G.L->lines;
    const float rel_y = p.y - G.origin.y;
    if (rel_y < 0) return lines.front().start;
    const size_t li = (size_t)(rel_y / G.line_h);
    if (li >= lines.size()) return lines.back().end;
    return hit_line(G, lines[li], p.x - G.origin.x);
}

// The line a byte offset is drawn on, and its x there.
size_t line_of(const Geom& G, size_t pos) {
    const auto& lines = G.L->lines;
    size_t li = 0;
    while (li + 1 < lines.size() && lines[li + 1].start <= pos && pos > lines[li].end) ++li;
    return li;
}
float x_of(const Geom& G, const WrappedLine& line, size_t pos) {
    pos = std::clamp(pos, line.start, line.end);
    return G.font->CalcTextSizeA(G.size, FLT_MAX, 0.0f, G.text->data() + line.start, G.text->data() + pos).x;
}

void set_selection(AppState& s, size_t anchor, size_t caret) {
    TouchSel& t = ts();
    s.sel_anchor = t.anchor = anchor;
    s.sel_caret = t.caret = caret;
    t.article = s.selected;
    t.active = true;
    s.focus = Focus::Reader;
}

// Handle positions (the bottom of the line at each end of the selection).
bool handle_points(const AppState& s, const Geom& G, ImVec2* start, ImVec2* end, float* radius) {
    const ByteRange r = reader_selection(s);
    if (r.start >= r.end) return false;
    const auto& lines = G.L->lines;
    const size_t l0 = line_of(G, r.start), l1 = line_of(G, r.end);
    *start = ImVec2(G.origin.x + x_of(G, lines[l0], r.start), G.origin.y + G.line_h * (float)(l0 + 1));
    *end = ImVec2(G.origin.x + x_of(G, lines[l1], r.end), G.origin.y + G.line_h * (float)(l1 + 1));
    *radius = 8.0f * (s.ui_scale > 0 ? s.ui_scale : 1.0f);
    return true;
}

} // namespace

bool touch_select_over_reader(const AppState& s, float x, float y) {
    const UiRect& r = s.layout.reader;
    return r.w > 0 && r.h > 0 && x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

bool touch_select_active(const AppState& s) {
    const TouchSel& t = ts();
    return t.active && t.article == s.selected && s.sel_anchor == t.anchor && s.sel_caret == t.caret &&
           s.sel_anchor != s.sel_caret;
}

bool touch_select_word(AppState& s, float x, float y) {
    Geom G;
    if (!touch_select_over_reader(s, x, y) || !geom(s, &G)) return false;
    const std::string& text = *G.text;
    const size_t pos = hit(G, ImVec2(x, y));
    size_t b = pos, e = pos;
    // On a word, or just past its end: that word. Between words: the one character under the finger.
    while (b > 0 && is_word_byte((unsigned char)text[b - 1])) --b;
    while (e < text.size() && is_word_byte((unsigned char)text[e])) ++e;
    if (b == e && e < text.size()) {
        const DecodedChar d = utf8_decode(text, e);
        e += d.len > 0 ? (size_t)d.len : 1;
    }
    TouchSel& t = ts();
    t.word_b = b;
    t.word_e = e;
    t.handle = 0;
    set_selection(s, b, e);
    return true;
}

int touch_select_grab_handle(AppState& s, float x, float y) {
    if (!touch_select_active(s)) return 0;
    Geom G;
    if (!geom(s, &G)) return 0;
    ImVec2 p0, p1;
    float radius = 0;
    if (!handle_points(s, G, &p0, &p1, &radius)) return 0;
    // A knob hangs below its line; its touch area is wider than it (fingers are), but starts at the
    // bottom of the line, so a touch on the selected text itself is no handle grab.
    const auto on_knob = [&](ImVec2 p) {
        return G.visible.Contains(ImVec2(p.x, p.y - 1)) && std::fabs(x - p.x) <= radius * 2.5f &&
               y >= p.y - G.line_h * 0.2f && y <= p.y + radius * 4.0f;
    };
    const ImVec2 c0(p0.x, p0.y + radius), c1(p1.x, p1.y + radius);
    const auto d2 = [&](ImVec2 c) { return (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y); };
    const bool in0 = on_knob(p0), in1 = on_knob(p1);
    if (!in0 && !in1) return 0;
    const int which = (in0 && in1) ? (d2(c0) <= d2(c1) ? 1 : 2) : in0 ? 1 : 2;
    TouchSel& t = ts();
    const ByteRange r = reader_selection(s);
    t.handle = which;
    t.fixed = which == 1 ? r.end : r.start;
    return which;
}

void touch_select_drag(AppState& s, float x, float y) {
    TouchSel& t = ts();
    if (!t.active || t.article != s.selected) return;
    Geom G;
    if (!geom(s, &G)) return;
    const size_t pos = hit(G, ImVec2(x, y));
    if (t.handle != 0) {
        if (pos == t.fixed) return;  // never collapse to nothing
        set_selection(s, t.fixed, pos);
    } else if (pos >= t.word_b) {
        set_selection(s, t.word_b, std::max(pos, t.word_e));
    } else {
        set_selection(s, t.word_e, pos);
    }
}

void touch_select_draw(const AppState& s) {
    if (!touch_select_active(s)) return;
    Geom G;
    if (!geom(s, &G)) return;
    ImVec2 p0, p1;
    float radius = 0;
    if (!handle_points(s, G, &p0, &p1, &radius)) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImU32 col = ImGui::GetColorU32(ImVec4(0.10f, 0.42f, 0.88f, 1.0f));
    const float stem = std::max(1.0f, radius * 0.3f);
    ImRect clip = G.visible;
    clip.Max.y += radius * 2.2f;  // a knob under the last visible line still shows
    dl->PushClipRect(clip.Min, clip.Max, false);
    for (const ImVec2& p : {p0, p1}) {
        if (!G.visible.Contains(ImVec2(p.x, p.y - 1))) continue;
        dl->AddRectFilled(ImVec2(p.x - stem * 0.5f, p.y - G.line_h), ImVec2(p.x + stem * 0.5f, p.y), col);
        dl->AddCircleFilled(ImVec2(p.x, p.y + radius), radius, col, 20);
    }
    dl->PopClipRect();
}

} // namespace factlens
