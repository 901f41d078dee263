// The Diff view: two articles compared word by word, side by side (paragraphs aligned, one scroll
// for both) or inline. Deleted text is struck out in red, inserted text green, moved sentences
// purple at both ends (a click jumps to the other end), a changed number is its own small orange
// change, linked to its fact cluster. The counts and, when the engine had to compare coarser than
// words somewhere, a plain warning sit on top. Reads s.diff (rebuilt by update_diff() only on
// change); lays out wrapped text once per width and draws only the blocks on screen.
#include <algorithm>
#include <cstdio>

#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

const std::string& side_text(const AppState& s, uint8_t side) {
    return s.corpus.articles[(size_t)(side == 0 ? s.diff.a : s.diff.b)].text;
}

// Lays the runs [begin, end) out into lines of at most `width`, wrapping at spaces; '\n' breaks a
// line. Appends pieces (x, line) and returns the number of lines.
uint32_t lay_out_runs(const AppState& s, uint32_t begin, uint32_t end, float width, std::vector<DiffPiece>& out) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const DiffState& d = s.diff;
    uint32_t line = 0;
    float x = 0;
    bool any = false;
    const float space = font->CalcTextSizeA(size, FLT_MAX, 0, " ").x;
    for (uint32_t ri = begin; ri < end; ++ri) {
        const DiffRun& r = d.runs[ri];
        const std::string& text = side_text(s, r.side);
        uint32_t p = r.start;
        // Inline, removed text is followed directly by its replacement: keep a space between them.
        if (ri > begin && x > 0) {
            const DiffStyle prev = d.runs[ri - 1].style;
            const bool removed = prev == DiffStyle::Deleted || prev == DiffStyle::NumberOld || prev == DiffStyle::MovedFrom;
            const std::string& pt = side_text(s, d.runs[ri - 1].side);
            if (removed && r.style != prev && d.runs[ri - 1].end > 0 && pt[d.runs[ri - 1].end - 1] != ' ' && text[p] != ' ') x += space;
        }
        while (p < r.end) {
            // The next word with its trailing spaces, or a line break.
            if (text[p] == '\n') {
                ++line;
                x = 0;
                ++p;
                continue;
            }
            uint32_t q = p;
            while (q < r.end && text[q] != ' ' && text[q] != '\n') ++q;
            while (q < r.end && text[q] == ' ') ++q;
            const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + p, text.data() + q).x;
            if (x > 0 && x + w > width) {
                ++line;
                x = 0;
            }
            out.push_back({x, line, ri, p, q});
            any = true;
            x += w;
            p = q;
        }
    }
    // A block's final line break adds no empty line; a block of nothing but line breaks has none.
    return any ? out.back().line + 1 : 0;
}

void ensure_layout(AppState& s, float col_w) {
    DiffState& d = s.diff;
    const float font = ImGui::GetFontSize();
    if (d.layout_width == col_w && d.layout_font == font) return;
    d.layout_width = col_w;
    d.layout_font = font;
    d.pieces.clear();
    d.block_pieces.clear();
    d.block_top.clear();
    const float line_h = ImGui::GetTextLineHeightWithSpacing(), gap = ImGui::GetStyle().ItemSpacing.y;
    float y = 0;
    for (const DiffBlock& b : d.blocks) {
        d.block_top.push_back(y);
        d.block_pieces.push_back((uint32_t)d.pieces.size());
        const uint32_t left = lay_out_runs(s, b.left_begin, b.left_end, col_w, d.pieces);
        d.block_pieces.push_back((uint32_t)d.pieces.size());
        const uint32_t right = d.inline_mode ? 0 : lay_out_runs(s, b.right_begin, b.right_end, col_w, d.pieces);
        const uint32_t lines = std::max(left, right);
        if (lines) y += (float)lines * line_h + gap;
    }
    d.block_pieces.push_back((uint32_t)d.pieces.size());
    d.block_top.push_back(y);
}

ImU32 style_bg(DiffStyle st) {
    switch (st) {
    case DiffStyle::Deleted: return IM_COL32(230, 60, 50, 46);
    case DiffStyle::Inserted: return IM_COL32(40, 170, 80, 52);
    case DiffStyle::MovedFrom: case DiffStyle::MovedTo: return IM_COL32(140, 80, 200, 46);
    case DiffStyle::NumberOld: case DiffStyle::NumberNew: return IM_COL32(235, 150, 20, 80);
    case DiffStyle::Same: break;
    }
    return 0;
}

ImU32 style_fg(DiffStyle st) {
    switch (st) {
    case DiffStyle::Deleted: case DiffStyle::NumberOld: return IM_COL32(160, 30, 25, 255);
    case DiffStyle::Inserted: case DiffStyle::NumberNew: return IM_COL32(20, 110, 45, 255);
    case DiffStyle::MovedFrom: case DiffStyle::MovedTo: return IM_COL32(100, 50, 160, 255);
    case DiffStyle::Same: break;
    }
    return ImGui::GetColorU32(ImGuiCol_Text);
}

// Draws pieces [p0, p1) at origin; hovered changed pieces get a tooltip, a click acts.
void draw_pieces(AppState& s, uint32_t p0, uint32_t p1, ImVec2 origin, int* hovered_op) {
    DiffState& d = s.diff;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize(), line_h = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered();
    for (uint32_t i = p0; i < p1; ++i) {
        const DiffPiece& pc = d.pieces[i];
        const DiffRun& r = d.runs[pc.run];
        const std::string& text = side_text(s, r.side);
        const ImVec2 pos(origin.x + pc.x, origin.y + pc.line * line_h);
        // Trailing spaces are marked only inside a run's line, so a change reads as one phrase.
        uint32_t vis_end = pc.end;
        const bool run_goes_on = i + 1 < p1 && d.pieces[i + 1].run == pc.run && d.pieces[i + 1].line == pc.line;
        if (!run_goes_on)
            while (vis_end > pc.start && text[vis_end - 1] == ' ') --vis_end;
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + pc.start, text.data() + vis_end).x;
        if (r.style != DiffStyle::Same && vis_end > pc.start) {
            const ImVec2 mn(pos.x - 1, pos.y), mx(pos.x + w + 1, pos.y + size + 2);
            dl->AddRectFilled(mn, mx, style_bg(r.style), 2);
            if (r.style == DiffStyle::Deleted || r.style == DiffStyle::MovedFrom || r.style == DiffStyle::NumberOld)
                dl->AddLine(ImVec2(pos.x, pos.y + size * 0.55f), ImVec2(pos.x + w, pos.y + size * 0.55f), style_fg(r.style), 1.0f);
            if (r.style == DiffStyle::NumberOld || r.style == DiffStyle::NumberNew) dl->AddRect(mn, mx, style_fg(r.style), 2);
            if (s.layout.diff_marks.empty() || s.layout.diff_marks.back().op != r.op || !run_goes_on)
                s.layout.diff_marks.push_back({r.op, {mn.x, mn.y, mx.x - mn.x, mx.y - mn.y}});
            if (window_hovered && mouse.x >= mn.x && mouse.x < mx.x && mouse.y >= mn.y && mouse.y < mx.y) *hovered_op = r.op;
        }
        dl->AddText(font, size, pos, style_fg(r.style), text.data() + pc.start, text.data() + pc.end);
    }
}

void op_tooltip(AppState& s, int op_index) {
    DiffState& d = s.diff;
    const DiffOp& op = d.result.ops[(size_t)op_index];
    const std::string& a = side_text(s, 0);
    const std::string& b = side_text(s, 1);
    auto slice = [](const std::string& t, uint32_t x, uint32_t y) {
        const uint32_t e = std::min<uint32_t>(y, x + 160);
        return std::string(t, x, e - x) + (y > e ? "\xE2\x80\xA6" : "");
    };
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    if (op.kind == DiffOpKind::Move) {
        ImGui::TextUnformatted(op.has_a() ? "Moved from here (click: go to where it went)" : "Moved here (click: go to where it was)");
    } else if (op.number) {
        ImGui::Text("Number changed: %s \xE2\x86\x92 %s", op.has_a() ? slice(a, op.a_start, op.a_end).c_str() : "(none)",
                    op.has_b() ? slice(b, op.b_start, op.b_end).c_str() : "(none)");
        const int ci = op_index < (int)d.op_cluster.size() ? d.op_cluster[(size_t)op_index] : -1;
        if (ci >= 0 && ci < (int)s.compare.clusters.size()) {
            const Cluster& cl = s.compare.clusters[(size_t)ci];
            ImGui::Text("Fact: %s (%s). Click to open it in Compare.", cl.label.c_str(), verdict_name(cl.verdict));
        }
    } else {
        if (op.has_a()) ImGui::Text("Was: %s", slice(a, op.a_start, op.a_end).c_str());
        if (op.has_b()) ImGui::Text("Now: %s", slice(b, op.b_start, op.b_end).c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// A click on a change: a move jumps to its other end; a number opens its cluster in Compare.
void op_click(AppState& s, int op_index) {
    DiffState& d = s.diff;
    const DiffOp& op = d.result.ops[(size_t)op_index];
    if (op.kind == DiffOpKind::Move && op.move_pair >= 0) {
        d.scroll_to_op = op.move_pair;
        return;
    }
    const int ci = op_index < (int)d.op_cluster.size() ? d.op_cluster[(size_t)op_index] : -1;
    if (op.number && ci >= 0) {
        CompareState& c = s.compare;
        set_compare_filter(s, 0x1F);
        update_compare(s);
        for (size_t r = 0; r < c.rows.size(); ++r)
            if ((int)c.rows[r] == ci) {
                set_view(s, View::Compare);
                select_cluster(s, (int)r);
            }
    }
}

void article_combo(AppState& s, const char* id, int* which) {
    const int n = (int)s.corpus.articles.size();
    auto label = [&](int i, char* buf, size_t len) {
        const Article& a = s.corpus.articles[(size_t)i];
        std::snprintf(buf, len, "%s%s%s", a.outlet != kUnknown ? a.outlet.c_str() : a.id.c_str(),
                      a.date != kUnknown ? " \xC2\xB7 " : "", a.date != kUnknown ? a.date.c_str() : "");
    };
    char cur[160];
    if (*which >= 0 && *which < n) label(*which, cur, sizeof cur);
    else std::snprintf(cur, sizeof cur, "(choose)");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo(id, cur)) {
        char buf[160];
        for (int i = 0; i < n; ++i) {
            label(i, buf, sizeof buf);
            ImGui::PushID(i);
            if (ImGui::Selectable(buf, i == *which)) *which = i;
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
}

// Puts the next item on this line when it fits, else on the next (the toolbar on a phone).
void same_line_if_fits(float w) {
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

void diff_toolbar(AppState& s) {
    DiffState& d = s.diff;
    int a = d.a, b = d.b;
    const float em = ImGui::GetFontSize();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Old:");
    ImGui::SameLine();
    article_combo(s, "##diff_a", &a);
    ImGui::SameLine();
    if (ImGui::Button("Swap")) std::swap(a, b);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) ImGui::SetTooltip("Swap old and new");
    same_line_if_fits(em * 17.5f);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("New:");
    ImGui::SameLine();
    article_combo(s, "##diff_b", &b);
    if (a != d.a || b != d.b) set_diff(s, a, b, d.inline_mode);
    const ImGuiStyle& st = ImGui::GetStyle();
    const char* const modes[2] = {"Side by side", "Inline"};
    for (int m = 0; m < 2; ++m) {
        same_line_if_fits(ImGui::CalcTextSize(modes[m]).x + st.FramePadding.x * 2);
        const bool on = d.inline_mode == (m == 1);
        ImGui::PushStyleColor(ImGuiCol_Button, on ? st.Colors[ImGuiCol_HeaderActive] : st.Colors[ImGuiCol_FrameBg]);
        if (ImGui::Button(modes[m])) set_diff_mode(s, m == 1);
        ImGui::PopStyleColor();
        s.layout.diff_modes[m] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
    }
    update_diff(s);
    const DiffStats& x = d.result.stats;
    ImGui::TextWrapped("+%u words added \xC2\xB7 \xE2\x88\x92%u removed \xC2\xB7 %u moved (%u move%s) \xC2\xB7 %u number%s changed",
                x.words_added, x.words_removed, x.words_moved, x.moves, x.moves == 1 ? "" : "s", x.numbers_changed,
                x.numbers_changed == 1 ? "" : "s");
    if (!d.result.exact) {
        ImGui::TextColored(ImVec4(0.70f, 0.35f, 0.0f, 1),
                           "\xE2\x9A\xA0 Parts of these texts are too different for a word-by-word comparison in time: they are compared by %s.",
                           d.result.level);
    }
}

void diff_keyboard(AppState& s, float page) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    float dy = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) dy = line * 3;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) dy = -line * 3;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown) || ImGui::IsKeyPressed(ImGuiKey_Space)) dy = page;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) dy = -page;
    if (dy != 0) ImGui::SetScrollY(ImGui::GetScrollY() + dy);
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) ImGui::SetScrollY(0);
    if (ImGui::IsKeyPressed(ImGuiKey_End)) ImGui::SetScrollY(ImGui::GetScrollMaxY());
}

}  // namespace

void diff_view(AppState& s, const AppFonts& fonts) {
    (void)fonts;
    diff_toolbar(s);
    DiffState& d = s.diff;
    if (d.a < 0 || d.b < 0) {
        ImGui::TextDisabled("Choose two articles to compare (load a second version of an article with Open files).");
        return;
    }
    ImGui::BeginChild("diff_body", ImVec2(0, 0), ImGuiChildFlags_Border);
    if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) s.focus = Focus::Diff;
    const float gap = ImGui::GetFontSize() * 1.5f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float col_w = d.inline_mode ? avail : (avail - gap) * 0.5f;
    ensure_layout(s, col_w);
    const ImVec2 origin = ImGui::GetCursorScreenPos();  // moves with the scroll
    const float top = ImGui::GetScrollY(), bottom = top + ImGui::GetWindowHeight();
    // A jump to an op (a move's other end): the block holding it.
    if (d.scroll_to_op >= 0) {
        for (size_t bi = 0; bi < d.blocks.size(); ++bi) {
            const DiffBlock& blk = d.blocks[bi];
            bool has = false;
            for (uint32_t r = blk.left_begin; r < blk.right_end && !has; ++r) has = d.runs[r].op == d.scroll_to_op;
            if (has) { ImGui::SetScrollY(ImMax(0.0f, d.block_top[bi] - ImGui::GetWindowHeight() * 0.3f)); break; }
        }
        d.scroll_to_op = -1;
    }
    // The blocks on screen: binary search on their tops.
    const size_t nb = d.blocks.size();
    size_t first = (size_t)(std::upper_bound(d.block_top.begin(), d.block_top.begin() + (std::ptrdiff_t)nb, top) - d.block_top.begin());
    first = first > 0 ? first - 1 : 0;
    int hovered = -1;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (size_t bi = first; bi < nb && d.block_top[bi] < bottom; ++bi) {
        const float y = origin.y + d.block_top[bi];
        draw_pieces(s, d.block_pieces[bi * 2], d.block_pieces[bi * 2 + 1], ImVec2(origin.x, y), &hovered);
        if (!d.inline_mode) {
            draw_pieces(s, d.block_pieces[bi * 2 + 1], d.block_pieces[bi * 2 + 2], ImVec2(origin.x + col_w + gap, y), &hovered);
            dl->AddLine(ImVec2(origin.x + col_w + gap * 0.5f, y), ImVec2(origin.x + col_w + gap * 0.5f, origin.y + d.block_top[bi + 1]),
                        ImGui::GetColorU32(ImGuiCol_Border));
        }
    }
    ImGui::Dummy(ImVec2(avail, d.block_top.empty() ? 0 : d.block_top.back()));
    if (hovered >= 0) {
        op_tooltip(s, hovered);
        if (ImGui::IsMouseClicked(0)) op_click(s, hovered);
    }
    if (s.focus == Focus::Diff) diff_keyboard(s, ImGui::GetWindowHeight() * 0.85f);
    ImGui::EndChild();
}

} // namespace factlens
