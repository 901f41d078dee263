// The reader: the selected article's metadata and its full text, word-wrapped, with mouse selection
// and Ctrl/Cmd+C. ImGui has no wrapped selectable text widget, so this is one, kept small: the wrap is
// cached (ReaderLayout) and only visible lines are drawn.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "../core/claim.h"
#include "../core/utf8.h"
#include "app_ui.h"
#include "text_wrap.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImMax, ImClamp, ImFloor

namespace factlens {

static const float kLineSpacing = 1.45f;  // line height / font size: book-like leading for long reads

// Byte offset under x within line `li` (x relative to the line's left edge).
static size_t hit_test_line(const std::string& text, const WrappedLine& line, ImFont* font, float size, float x) {
    const float scale = size / font->FontSize;
    float pen = 0;
    size_t pos = line.start;
    while (pos < line.end) {
        DecodedChar d = utf8_decode(text, pos);
        const float adv = font->GetCharAdvance((ImWchar)(d.cp <= 0xFFFF ? d.cp : 0xFFFD)) * scale;
        if (x < pen + adv * 0.5f) return pos;
        pen += adv;
        pos += d.len;
    }
    return line.end;
}

static float x_of(const std::string& text, const WrappedLine& line, size_t pos, ImFont* font, float size) {
    pos = std::clamp(pos, line.start, line.end);
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data() + line.start, text.data() + pos).x;
}

// The fact table rows whose figures are in article `a`, by start offset; rebuilt when the article or
// the table changes, not per frame.
static const std::vector<uint32_t>& reader_marks(AppState& s, int a) {
    AppState::ReaderMarks& m = s.reader_marks;
    const FactTable& t = s.facts.table;
    if (m.article == a && m.generation == t.generation) return m.rows;
    m.article = a;
    m.generation = t.generation;
    m.rows.clear();
    const size_t text_size = s.corpus.articles[(size_t)a].text.size();
    for (size_t r = 0; r < t.size(); ++r)
        if (t.sources[t.source[r]].article == a && t.sentence[r] != 0 && t.end[r] <= text_size && t.end[r] > t.start[r])
            m.rows.push_back((uint32_t)r);
    std::stable_sort(m.rows.begin(), m.rows.end(), [&](uint32_t x, uint32_t y) { return t.start[x] < t.start[y]; });
    return m.rows;
}

static void fact_tooltip(const FactTable& t, uint32_t r) {
    char v[96], b[128], p[64];
    ImGui::BeginTooltip();
    const std::string_view unit = t.units.get(t.unit[r]);
    ImGui::Text("%s \xC2\xB7 %s %.*s", claim_kind_name((ClaimKind)t.kind[r]),
                format_fact_value(t.value[r], unit == "%" ? "%" : nullptr, v, sizeof v), unit == "%" ? 0 : (int)unit.size(), unit.data());
    if (const Conversion* c = t.conversion(r); c && (c->converted() || c->status == ConvertStatus::NoRate)) {
        if (c->converted()) ImGui::TextColored(ImVec4(0.05f, 0.45f, 0.50f, 1), "= %s %.*s", format_converted_value(t.shown_value()[r], v, sizeof v),
                                               (int)c->unit.size(), c->unit.data());
        const std::string why = c->converted() ? explain_fact_conversion(t, r) : "not converted: " + c->error;
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
        ImGui::TextDisabled("%s", why.c_str());
        ImGui::PopTextWrapPos();
    }
    format_fact_bounds(t, r, b, sizeof b);
    if (b[0]) ImGui::Text("bounds: %s", b);
    if (t.period_start[r]) ImGui::Text("period: %s", format_period(t.period_start[r], t.period_end[r], p, sizeof p));
    const std::string_view subj = t.subjects.get(t.subject[r]);
    if (!subj.empty()) ImGui::Text("subject: %.*s", (int)subj.size(), subj.data());
    const std::string_view hedge = t.hedges.get(t.hedge[r]);
    if (!hedge.empty()) ImGui::Text("hedge: %.*s", (int)hedge.size(), hedge.data());
    if (!is_none(t.rate[r])) {
        const std::string_view ru = t.rate_units.get(t.rate_unit[r]);
        ImGui::Text("pair: implied rate %.4f %.*s", t.rate[r], (int)ru.size(), ru.data());
    }
    if (t.ambiguous[r]) ImGui::TextColored(ImVec4(0.7f, 0.35f, 0, 1), "currency ambiguous ($ or \xC2\xA5 without context)");
    ImGui::TextDisabled("Click to select it in the Facts table");
    ImGui::EndTooltip();
}

// The find bar above the text: field, "3 of 12", previous/next, close. Enter and F3 go to the next
// match, Shift+Enter and Shift+F3 to the previous, Escape closes.
static void find_bar(AppState& s) {
    AppState::Find& f = s.find;
    const ImGuiIO& io = ImGui::GetIO();
    char count[48];
    if (f.query.empty()) count[0] = 0;
    else if (f.matches.empty()) std::snprintf(count, sizeof count, "no match");
    else std::snprintf(count, sizeof count, "%d of %d", f.current + 1, (int)f.matches.size());
    const ImGuiStyle& st = ImGui::GetStyle();
    const float buttons_w = ImGui::CalcTextSize("no match").x + ImGui::CalcTextSize("PreviousNextClose").x +
                            st.FramePadding.x * 6 + st.ItemSpacing.x * 4;
    ImGui::SetNextItemWidth(ImMax(80.0f * s.ui_scale, ImGui::GetContentRegionAvail().x - buttons_w));
    // Give the field the keyboard (Ctrl+F, after Enter). ActivateItemByID, not SetKeyboardFocusHere:
    // the latter's tabbing request is dropped inside the nested child windows' focus scopes.
    if (f.focus_field) { ImGui::ActivateItemByID(ImGui::GetID("##find")); f.focus_field = false; }
    if (input_string("##find", "Find in this article", &f.query, ImGuiInputTextFlags_EnterReturnsTrue))
    {
        find_step(s, io.KeyShift ? -1 : 1);  // Enter: the next match; the field keeps the keyboard
        f.focus_field = true;
    }
    else if (ImGui::IsItemEdited()) set_find_query(s, std::string(f.query));
    const bool field_active = ImGui::IsItemActive();
    if (field_active) s.focus = Focus::Reader;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", count);
    ImGui::SameLine();
    if (ImGui::SmallButton("Previous")) find_step(s, -1);
    ImGui::SameLine();
    if (ImGui::SmallButton("Next")) find_step(s, 1);
    ImGui::SameLine();
    if (ImGui::SmallButton("Close") || (field_active && ImGui::IsKeyPressed(ImGuiKey_Escape))) close_find(s);
    if (ImGui::IsKeyPressed(ImGuiKey_F3)) find_step(s, io.KeyShift ? -1 : 1);
}

static bool is_word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_' || c == '\'' || c == '-'; }

static void metadata_line(const char* label, const std::string& value) {
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine();
    if (value == kUnknown) ImGui::TextDisabled("unknown");
    else ImGui::TextUnformatted(value.c_str());
}

void reader_view(AppState& s, const AppFonts& fonts, bool compact) {
    if (s.selected < 0 || s.selected >= (int)s.corpus.articles.size()) {
        ImGui::TextDisabled("Select an article to read it.");
        return;
    }
    const Article& a = s.corpus.articles[s.selected];
    const float scale = s.ui_scale;

    if (compact) {
        // One line (the Facts view's pane): where and when, then the headline, clipped.
        metadata_line("Outlet", a.outlet);
        ImGui::SameLine(0, 12 * scale);
        metadata_line("Date", a.date);
        ImGui::SameLine(0, 12 * scale);
        ImGui::PushFont(fonts.bold);
        if (a.title != kUnknown) ImGui::TextUnformatted(a.title.c_str());
        else ImGui::TextDisabled("\xE2\x80\x9C%s\xE2\x80\x9D", article_first_sentence_cached(s, s.selected).c_str());
        ImGui::PopFont();
    } else {
        // Header: headline (or the lead, marked), then where the metadata came from.
        ImGui::PushFont(fonts.bold);
        ImGui::PushTextWrapPos(0.0f);
        if (a.title != kUnknown) ImGui::TextUnformatted(a.title.c_str());
        else {
            // No headline in the text: its first sentence, dimmed and quoted, and said to be one.
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextUnformatted("\xE2\x80\x9C");
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(article_first_sentence_cached(s, s.selected).c_str());
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted("\xE2\x80\x9D");
            ImGui::PopStyleColor();
            ImGui::PopFont();
            ImGui::TextDisabled("first sentence: the text states no headline");
            ImGui::PushFont(fonts.bold);
        }
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        metadata_line("Outlet", a.outlet);
        ImGui::SameLine(0, 18 * scale);
        metadata_line("Date", a.date);
        ImGui::SameLine(0, 18 * scale);
        metadata_line("URL", a.url);
        if (!a.note.empty()) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextDisabled("%s", a.note.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    if (s.find.open) find_bar(s);
    update_find(s);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14 * scale, 12 * scale));
    ImGui::BeginChild("reader_text", ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    if (s.scroll_reader_to_top) {
        ImGui::SetScrollY(0);
        s.scroll_reader_to_top = false;
    }
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const float wrap_w = ImMax(ImGui::GetContentRegionAvail().x, 40.0f * scale);
    ReaderLayout& L = s.reader_layout;
    if (L.text != &a.text || L.wrap_width != wrap_w || L.font_size != size) wrap_text(L, a.text, font, size, wrap_w);

    const float line_h = ImFloor(size * kLineSpacing);
    const float pad_y = ImFloor((line_h - size) * 0.5f);
    if (s.find.scroll_to_current && s.find.current >= 0 && !L.lines.empty()) {
        const size_t at = s.find.matches[(size_t)s.find.current].start;
        size_t li = 0;
        while (li + 1 < L.lines.size() && L.lines[li + 1].start <= at) ++li;
        const float y = line_h * (float)li, top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top || y + line_h > top + h - line_h) ImGui::SetScrollY(ImMax(0.0f, y - h * 0.3f));
        s.find.scroll_to_current = false;
    }
    if (s.scroll_reader_to_highlight && !L.lines.empty()) {
        size_t li = 0;
        while (li + 1 < L.lines.size() && L.lines[li + 1].start <= s.reader_highlight_start) ++li;
        ImGui::SetScrollY(ImMax(0.0f, line_h * (float)li - ImGui::GetWindowHeight() * 0.3f));
        s.scroll_reader_to_highlight = false;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float text_h = line_h * (float)L.lines.size();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::InvisibleButton("##text", ImVec2(wrap_w, ImMax(text_h, avail.y)));
    {
        // The visible text area (inside the padding), for hosts and tests that click by layout.
        const float pad = ImGui::GetStyle().WindowPadding.y;
        const float top = ImGui::GetWindowPos().y + pad, bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - pad;
        s.layout.reader = {origin.x, top, wrap_w, ImMax(0.0f, bottom - top)};
    }
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

    auto hit = [&](ImVec2 m) -> size_t {
        if (L.lines.empty()) return 0;
        float rel_y = m.y - origin.y;
        if (rel_y < 0) return L.lines.front().start;
        size_t li = (size_t)(rel_y / line_h);
        if (li >= L.lines.size()) return L.lines.back().end;
        return hit_test_line(a.text, L.lines[li], font, size, m.x - origin.x);
    };
    if (ImGui::IsItemActivated()) {
        s.focus = Focus::Reader;
        size_t pos = hit(io.MousePos);
        if (io.MouseClickedCount[0] >= 3) {  // triple click: the paragraph
            size_t b = a.text.rfind('\n', pos ? pos - 1 : 0);
            size_t e = a.text.find('\n', pos);
            s.sel_anchor = (b == std::string::npos || pos == 0) ? 0 : b + 1;
            s.sel_caret = e == std::string::npos ? a.text.size() : e;
        } else if (io.MouseClickedCount[0] == 2) {  // double click: the word
            size_t b = pos, e = pos;
            while (b > 0 && is_word_byte((unsigned char)a.text[b - 1])) --b;
            while (e < a.text.size() && is_word_byte((unsigned char)a.text[e])) ++e;
            s.sel_anchor = b;
            s.sel_caret = e;
        } else {
            if (!io.KeyShift) s.sel_anchor = pos;
            s.sel_caret = pos;
        }
    } else if (ImGui::IsItemActive() && io.MouseClickedCount[0] <= 1 && ImGui::IsMouseDragging(0, 1.0f)) {
        s.sel_caret = hit(io.MousePos);
        // Dragging past the edge scrolls, proportionally to the distance.
        const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
        if (io.MousePos.y < top) ImGui::SetScrollY(ImGui::GetScrollY() - (top - io.MousePos.y) * 0.25f);
        if (io.MousePos.y > bottom) ImGui::SetScrollY(ImGui::GetScrollY() + (io.MousePos.y - bottom) * 0.25f);
    }

    // Keyboard, while the reader has focus and no text field is being edited.
    if (s.focus == Focus::Reader && !io.WantTextInput) {
        const bool shortcut = io.KeyCtrl || io.KeySuper;
        if (shortcut && ImGui::IsKeyPressed(ImGuiKey_A, false)) {
            s.sel_anchor = 0;
            s.sel_caret = a.text.size();
        }
        if (shortcut && (ImGui::IsKeyPressed(ImGuiKey_C, false) || ImGui::IsKeyPressed(ImGuiKey_X, false))) {
            const std::string sel = selected_text(s);
            if (!sel.empty()) ImGui::SetClipboardText(sel.c_str());
        }
        const float page = ImGui::GetWindowHeight() - line_h * 2;
        if (ImGui::IsKeyPressed(ImGuiKey_PageDown) || ImGui::IsKeyPressed(ImGuiKey_Space)) ImGui::SetScrollY(ImGui::GetScrollY() + page);
        if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) ImGui::SetScrollY(ImGui::GetScrollY() - page);
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) ImGui::SetScrollY(ImGui::GetScrollY() + line_h);
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) ImGui::SetScrollY(ImGui::GetScrollY() - line_h);
        if (ImGui::IsKeyPressed(ImGuiKey_Home)) ImGui::SetScrollY(0);
        if (ImGui::IsKeyPressed(ImGuiKey_End)) ImGui::SetScrollY(ImGui::GetScrollMaxY());
        if (ImGui::IsKeyPressed(ImGuiKey_Escape)) s.sel_anchor = s.sel_caret;
    }
    if (ImGui::IsMouseClicked(0) && !hovered && s.focus == Focus::Reader) s.focus = Focus::None;

    // Draw only the visible lines: selection background first, then the text.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ByteRange sel = reader_selection(s);
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 sel_col = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
    const float clip_top = ImGui::GetWindowPos().y, clip_bottom = clip_top + ImGui::GetWindowHeight();
    int first = (int)ImMax(0.0f, (clip_top - origin.y) / line_h);
    int last = (int)ImMin((float)L.lines.size(), (clip_bottom - origin.y) / line_h + 1);
    const std::vector<uint32_t>& marks = reader_marks(s, s.selected);
    const FactTable& ft = s.facts.table;
    size_t mi = 0;
    if (first < last) {
        const size_t first_byte = L.lines[first].start;
        mi = (size_t)(std::lower_bound(marks.begin(), marks.end(), first_byte,
                                       [&](uint32_t r, size_t b) { return ft.end[r] <= b; }) - marks.begin());
    }
    int hovered_mark = -1;
    const std::vector<FoldedMatch>& fm = s.find.matches;
    size_t fi = 0;
    if (first < last && s.find.article == s.selected) {
        const size_t first_byte = L.lines[first].start;
        fi = (size_t)(std::lower_bound(fm.begin(), fm.end(), first_byte,
                                       [](const FoldedMatch& m, size_t b) { return m.end <= b; }) - fm.begin());
    } else {
        fi = fm.size();
    }
    for (int li = first; li < last; ++li) {
        const WrappedLine& line = L.lines[li];
        const float y = origin.y + line_h * li;
        // Find matches: yellow, the current one orange.
        for (size_t k = fi; k < fm.size() && fm[k].start < line.end; ++k) {
            if (fm[k].end <= line.start) { if (k == fi) ++fi; continue; }
            const float x0 = x_of(a.text, line, fm[k].start, font, size), x1 = x_of(a.text, line, fm[k].end, font, size);
            const bool cur = (int)k == s.find.current;
            dl->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + line_h),
                              cur ? IM_COL32(255, 150, 20, 200) : IM_COL32(255, 230, 60, 170));
        }
        // Fact figures: a tint per kind, stronger for the selected fact.
        for (size_t k = mi; k < marks.size() && ft.start[marks[k]] < line.end; ++k) {
            const uint32_t r = marks[k];
            if (ft.end[r] <= line.start) { if (k == mi) ++mi; continue; }
            const float x0 = x_of(a.text, line, ft.start[r], font, size), x1 = x_of(a.text, line, ft.end[r], font, size);
            const ImVec2 p0(origin.x + x0 - 1, y + 1), p1(origin.x + x1 + 1, y + line_h - 1);
            const bool focus = s.reader_highlight_end > s.reader_highlight_start && ft.start[r] == s.reader_highlight_start &&
                               ft.end[r] == s.reader_highlight_end;
            dl->AddRectFilled(p0, p1, fact_kind_color(ft.kind[r], focus ? 0.55f : 0.20f), 2.0f);
            dl->AddLine(ImVec2(p0.x, p1.y), p1, fact_kind_color(ft.kind[r], 0.9f), focus ? 2.0f * scale : 1.0f * scale);
            const float cy = (p0.y + p1.y) * 0.5f;  // listed only when its middle is on screen (clickable)
            if (cy >= s.layout.reader.y && cy <= s.layout.reader.y + s.layout.reader.h)
                s.layout.reader_marks.push_back({r, {p0.x, p0.y, p1.x - p0.x, p1.y - p0.y}});
            if (hovered && ImGui::IsMouseHoveringRect(p0, p1)) hovered_mark = (int)r;
        }
        if (sel.start < sel.end && sel.start <= line.end && sel.end >= line.start &&
            !(sel.end == line.start && line.start != line.end)) {
            float x0 = x_of(a.text, line, sel.start, font, size);
            float x1 = x_of(a.text, line, sel.end, font, size);
            if (sel.end > line.end) x1 += size * 0.3f;  // show that the line break is selected too
            dl->AddRectFilled(ImVec2(origin.x + x0, y), ImVec2(origin.x + x1, y + line_h), sel_col);
        }
        dl->AddText(font, size, ImVec2(origin.x, y + pad_y), text_col, a.text.data() + line.start,
                    a.text.data() + line.end);
    }
    if (hovered_mark >= 0) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        fact_tooltip(ft, (uint32_t)hovered_mark);
        // A click (no drag) on a figure selects its fact in the table.
        if (ImGui::IsMouseReleased(0) && !ImGui::IsMouseDragPastThreshold(0) && io.MouseClickedLastCount[0] == 1) {
            const std::string why = select_fact_row(s, (uint32_t)hovered_mark);
            if (why.empty()) {
                set_view(s, View::Facts);
                s.focus = Focus::Facts;
            } else {
                s.facts.notice = "That figure's fact is hidden by the query; clear the query to see it.";
                s.facts.notice_is_error = true;
            }
        }
    }
    ImGui::EndChild();
}

} // namespace factlens
