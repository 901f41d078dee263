// The Compare view: one row per fact cluster (one real-world quantity as different sources report
// it), one column per source, a verdict badge and why; filter by verdict, sort by how much sources
// disagree. The selected cluster shows its sources' sentences side by side with the figures marked,
// and a chart with one shared axis where each source's point or interval is drawn, so "over 1
// trillion" and "over 1.2 trillion" are seen to overlap. Reads s.compare (rebuilt by
// update_compare() only when something it depends on changed); reports intent through
// set_compare_filter(), set_compare_sort() and select_cluster().
#include <cmath>
#include <cstdio>
#include <cstring>

#include "../core/fact_table.h"
#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

const char* const kVerdictNames[5] = {"agree", "compatible", "conflict", "timeframe", "single"};

ImVec4 verdict_rgba(Verdict v, float a = 1.0f) {
    switch (v) {
    case Verdict::Agree: return {0.10f, 0.55f, 0.25f, a};
    case Verdict::Compatible: return {0.15f, 0.40f, 0.80f, a};
    case Verdict::Conflict: return {0.75f, 0.15f, 0.10f, a};
    case Verdict::Timeframe: return {0.75f, 0.45f, 0.00f, a};
    case Verdict::Single: break;
    }
    return {0.45f, 0.46f, 0.48f, a};
}

void badge(Verdict v, float k) {
    const char* name = verdict_name(v);
    const ImVec2 ts = ImGui::CalcTextSize(name), pos = ImGui::GetCursorScreenPos();
    const float pad = 4 * k;
    ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + ts.x + pad * 2, pos.y + ts.y), ImGui::GetColorU32(verdict_rgba(v, 0.16f)), 3 * k);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y));
    ImGui::TextColored(verdict_rgba(v), "%s", name);
}

// A short column label for a compared article: its outlet, else the start of its id.
void source_label(const AppState& s, int article, char* buf, size_t n) {
    const Article& a = s.corpus.articles[(size_t)article];
    if (a.outlet != kUnknown) std::snprintf(buf, n, "%s", a.outlet.c_str());
    else std::snprintf(buf, n, "%.10s", a.id.c_str());
}

void figure_text(const MemberFigure& f, char* buf, size_t n) {
    if (f.converted) {
        char v[64];
        format_converted_value(f.value, v, sizeof v);
        std::snprintf(buf, n, "%s %s", v, f.unit.c_str());
    } else {
        std::snprintf(buf, n, "%s", f.text.c_str());
    }
}

void verdict_filter(AppState& s) {
    CompareState& c = s.compare;
    const float k = s.ui_scale;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Show:");
    for (int v = 0; v < 5; ++v) {
        ImGui::SameLine();
        char label[48];
        std::snprintf(label, sizeof label, "%s %u##v%d", kVerdictNames[v], c.counts[v], v);
        const bool on = (c.verdicts >> v) & 1u;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? verdict_rgba((Verdict)v, 0.22f) : ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
        ImGui::PushStyleColor(ImGuiCol_Text, on ? verdict_rgba((Verdict)v) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(label, nullptr, true).x + 20 * k >
            ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::NewLine();
        if (ImGui::Button(label)) {
            // A click shows only that verdict; a click on the only one shown shows all again.
            const unsigned bit = 1u << v;
            set_compare_filter(s, c.verdicts == bit ? 0x1Fu : bit);
        }
        ImGui::PopStyleColor(2);
        s.layout.verdict_buttons.push_back({kVerdictNames[v], {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                                               ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y}});
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
            ImGui::SetTooltip("Show only \"%s\" clusters (click again for all)", kVerdictNames[v]);
    }
    ImGui::SameLine(0, 16 * k);
    int sort = c.sort_by_spread ? 1 : 0;
    const char* const sorts[2] = {"Most sources first", "Most disagreement first"};
    ImGui::SetNextItemWidth(ImGui::CalcTextSize(sorts[1]).x + ImGui::GetFrameHeight() + 16 * k);
    if (ImGui::Combo("##compare_sort", &sort, sorts, 2)) set_compare_sort(s, sort == 1);
}

void clusters_keyboard(AppState& s, int page_rows) {
    CompareState& c = s.compare;
    const int n = (int)c.rows.size();
    if (n == 0 || ImGui::GetIO().WantTextInput) return;
    int to = c.selected;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) to = to < 0 ? 0 : to + 1;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) to = to < 0 ? 0 : to - 1;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) to = (to < 0 ? 0 : to) + page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) to = (to < 0 ? 0 : to) - page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) to = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_End)) to = n - 1;
    to = to < 0 ? 0 : to >= n ? n - 1 : to;
    if (to != c.selected) select_cluster(s, to);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) select_cluster(s, -1);
}

constexpr int kMaxSourceColumns = 60;

void clusters_table(AppState& s, ImVec2 size) {
    CompareState& c = s.compare;
    const int sources = (int)c.claim_article.size() < kMaxSourceColumns ? (int)c.claim_article.size() : kMaxSourceColumns;
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_SizingFixedFit;
    ImGui::BeginChild("compare_clusters", size);
    if (!ImGui::BeginTable("clusters", 3 + sources, flags, ImVec2(0, 0))) { ImGui::EndChild(); return; }
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthFixed, 6.5f * em);
    ImGui::TableSetupColumn("Quantity", ImGuiTableColumnFlags_WidthFixed, 13 * em);
    char label[64];
    for (int a = 0; a < sources; ++a) {
        source_label(s, c.claim_article[(size_t)a], label, sizeof label);
        ImGui::PushID(a);
        ImGui::TableSetupColumn(label, ImGuiTableColumnFlags_WidthFixed, 10 * em);
        ImGui::PopID();
    }
    ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthFixed, 70 * em);
    ImGui::TableSetupScrollFreeze(2, 1);
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int n = (int)c.rows.size();
    ImGuiListClipper clipper;
    clipper.Begin(n, row_h);
    char buf[160];
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const uint32_t ci = c.rows[(size_t)i];
            const Cluster& cl = c.clusters[ci];
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable("##cluster", i == c.selected, ImGuiSelectableFlags_SpanAllColumns)) {
                select_cluster(s, i);
                s.focus = Focus::Clusters;
            }
            {
                const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
                const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
                const float cy = (mn.y + mx.y) * 0.5f;
                if (cy >= wp.y + row_h && cy <= wp.y + ws.y)
                    s.layout.cluster_rows.push_back({i, {ImMax(mn.x, wp.x), mn.y, ImMin(mx.x, wp.x + ws.x) - ImMax(mn.x, wp.x), mx.y - mn.y}});
            }
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
                ImGui::TextUnformatted(cl.explanation.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::SameLine(0, 0);
            badge(cl.verdict, s.ui_scale);
            if (ImGui::TableNextColumn()) ImGui::TextUnformatted(cl.label.c_str());
            // One cell per source: the first member of that article (its conversion follows in the tooltip).
            for (int a = 0; a < sources; ++a) {
                if (!ImGui::TableNextColumn()) continue;
                for (size_t m = 0; m < cl.members.size(); ++m) {
                    if ((int)cl.members[m].article != a) continue;
                    const MemberFigure& f = c.figures[ci][m];
                    figure_text(f, buf, sizeof buf);
                    if (f.converted) ImGui::TextColored(ImVec4(0.05f, 0.45f, 0.50f, 1), "%s", buf);
                    else ImGui::TextUnformatted(buf);
                    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip) && !f.note.empty()) ImGui::SetTooltip("%s", f.note.c_str());
                    break;
                }
            }
            if (ImGui::TableNextColumn()) ImGui::TextUnformatted(cl.explanation.c_str());
            ImGui::PopID();
        }
    }
    if (n == 0) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled(c.clusters.empty() ? "No facts to compare" : "No cluster has the verdicts shown");
    }
    const int page_rows = ImMax(1, (int)(ImGui::GetWindowHeight() / row_h) - 2);
    ImGui::EndTable();
    ImGui::EndChild();
    if (s.focus == Focus::Clusters) clusters_keyboard(s, page_rows);
}

// One shared axis: each member's interval (open ends run to the edge, with an arrow) and point.
void cluster_chart(const AppState& s, const Cluster& cl, const std::vector<MemberFigure>& figs) {
    const float k = s.ui_scale, em = ImGui::GetFontSize();
    // The figures in the cluster's main unit only (a member's conversion pair is in another).
    const std::string& unit = figs.empty() ? std::string() : figs.front().unit;
    double lo = INFINITY, hi = -INFINITY;
    for (const MemberFigure& f : figs) {
        if (f.unit != unit) continue;
        for (double v : {f.value, f.low, f.high})
            if (std::isfinite(v)) { lo = std::min(lo, v); hi = std::max(hi, v); }
    }
    if (!(hi >= lo)) return;
    const double pad = hi > lo ? (hi - lo) * 0.25 : std::fabs(hi) * 0.1 + 1e-9;
    lo -= pad;
    hi += pad;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x, label_w = 9 * em;
    const float x0 = origin.x + label_w, x1 = origin.x + width - 1 * em;
    if (x1 - x0 < 60 * k) return;
    auto X = [&](double v) { return x0 + (float)((v - lo) / (hi - lo)) * (x1 - x0); };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float row = em * 1.5f;
    int r = 0;
    char buf[96];
    for (size_t m = 0; m < figs.size(); ++m) {
        const MemberFigure& f = figs[m];
        if (f.unit != unit) continue;
        const float y = origin.y + r * row + row * 0.5f;
        source_label(s, s.compare.claim_article[cl.members[m].article], buf, sizeof buf);
        // A member right after one of its own article is that figure's stated conversion.
        if (m > 0 && cl.members[m].article == cl.members[m - 1].article)
            std::snprintf(buf + std::strlen(buf), sizeof buf - std::strlen(buf), " (its conversion)");
        dl->AddText(ImVec2(origin.x, y - em * 0.5f), ImGui::GetColorU32(ImGuiCol_Text), buf);
        const ImU32 col = ImGui::GetColorU32(verdict_rgba(cl.verdict, 0.85f));
        const bool open_lo = !std::isfinite(f.low) && std::isfinite(f.high), open_hi = std::isfinite(f.low) && !std::isfinite(f.high);
        const double a = std::isfinite(f.low) ? f.low : open_lo ? lo : f.value;
        const double b = std::isfinite(f.high) ? f.high : open_hi ? hi : f.value;
        if (std::isfinite(a) && std::isfinite(b) && b > a) {
            dl->AddRectFilled(ImVec2(X(a), y - 3 * k), ImVec2(X(b), y + 3 * k), col, 2 * k);
            if (open_hi) dl->AddTriangleFilled(ImVec2(x1 + 6 * k, y), ImVec2(x1, y - 5 * k), ImVec2(x1, y + 5 * k), col);
            if (open_lo) dl->AddTriangleFilled(ImVec2(x0 - 6 * k, y), ImVec2(x0, y - 5 * k), ImVec2(x0, y + 5 * k), col);
        }
        if (std::isfinite(f.value)) dl->AddCircleFilled(ImVec2(X(f.value), y), 4 * k, ImGui::GetColorU32(ImGuiCol_Text));
        ++r;
    }
    // The axis: three ticks.
    const float ya = origin.y + r * row + 2 * k;
    dl->AddLine(ImVec2(x0, ya), ImVec2(x1, ya), ImGui::GetColorU32(ImGuiCol_TextDisabled));
    for (int t = 0; t <= 2; ++t) {
        const double v = lo + (hi - lo) * t / 2;
        format_converted_value(v, buf, sizeof buf);
        const float x = X(v) - ImGui::CalcTextSize(buf).x * (t == 0 ? 0.0f : t == 1 ? 0.5f : 1.0f);
        dl->AddText(ImVec2(x, ya + 2 * k), ImGui::GetColorU32(ImGuiCol_TextDisabled), buf);
    }
    ImGui::Dummy(ImVec2(width, r * row + em * 1.6f));
}

// text[s0, s1) wrapped to the available width, with the figure [f0, f1) in bold and `col`: one flow,
// so the figure sits inside its sentence rather than on a line of its own.
void flow_sentence(std::string_view text, uint32_t s0, uint32_t f0, uint32_t f1, uint32_t s1, ImFont* bold, ImU32 col) {
    ImFont* regular = ImGui::GetFont();
    const float size = ImGui::GetFontSize(), line_h = ImGui::GetTextLineHeightWithSpacing();
    const float width = ImGui::GetContentRegionAvail().x;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float x = 0;
    int line = 0;
    const uint32_t cuts[4] = {s0, f0, f1, s1};
    for (int seg = 0; seg < 3; ++seg) {
        ImFont* font = seg == 1 ? bold : regular;
        const ImU32 c = seg == 1 ? col : ImGui::GetColorU32(ImGuiCol_Text);
        uint32_t p = cuts[seg];
        while (p < cuts[seg + 1]) {
            if (text[p] == '\n') { ++p; x = 0; ++line; continue; }
            uint32_t q = p;
            while (q < cuts[seg + 1] && text[q] != ' ' && text[q] != '\n') ++q;
            while (q < cuts[seg + 1] && text[q] == ' ') ++q;
            const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + p, text.data() + q).x;
            if (x > 0 && x + w > width) { x = 0; ++line; }
            dl->AddText(font, size, ImVec2(origin.x + x, origin.y + line * line_h), c, text.data() + p, text.data() + q);
            x += w;
            p = q;
        }
    }
    ImGui::Dummy(ImVec2(width, (line + 1) * line_h));
}

// The selected cluster: why, a chart, and each source's sentence with its figure marked.
void cluster_detail(AppState& s, const AppFonts& fonts) {
    CompareState& c = s.compare;
    const uint32_t ci = c.rows[(size_t)c.selected];
    const Cluster& cl = c.clusters[ci];
    const std::vector<MemberFigure>& figs = c.figures[ci];
    badge(cl.verdict, s.ui_scale);
    ImGui::SameLine();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(cl.label.c_str());
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(cl.explanation.c_str());
    ImGui::PopTextWrapPos();
    cluster_chart(s, cl, figs);
    // Sentences side by side (stacked when narrow), the figure in bold.
    const float avail = ImGui::GetContentRegionAvail().x;
    int cols = (int)(avail / (18 * ImGui::GetFontSize()));
    cols = cols < 1 ? 1 : cols > (int)cl.members.size() ? (int)cl.members.size() : cols;
    if (cols < 1 || !ImGui::BeginTable("sentences", cols, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) return;
    char buf[64];
    for (size_t m = 0; m < cl.members.size(); ++m) {
        const MemberFigure& f = figs[m];
        if (m > 0 && cl.members[m].article == cl.members[m - 1].article) continue;  // a conversion: same sentence
        ImGui::TableNextColumn();
        const Article& art = s.corpus.articles[(size_t)c.claim_article[cl.members[m].article]];
        source_label(s, c.claim_article[cl.members[m].article], buf, sizeof buf);
        ImGui::TextDisabled("%s%s%s", buf, art.date != kUnknown ? " · " : "", art.date != kUnknown ? art.date.c_str() : "");
        const std::string_view text = art.text;
        if (f.sentence.end <= f.sentence.start || f.sentence.end > text.size() || f.start < f.sentence.start || f.end > f.sentence.end) {
            ImGui::TextUnformatted(f.text.c_str());
            continue;
        }
        flow_sentence(text, f.sentence.start, f.start, f.end, f.sentence.end, fonts.bold, ImGui::GetColorU32(verdict_rgba(cl.verdict)));
        if (f.converted) ImGui::TextColored(ImVec4(0.05f, 0.45f, 0.50f, 1), "= %s", f.note.c_str());
    }
    ImGui::EndTable();
}

}  // namespace

void compare_view(AppState& s, const AppFonts& fonts) {
    update_compare(s);
    CompareState& c = s.compare;
    const float k = s.ui_scale;
    ImGui::TextDisabled("%zu articles \xC2\xB7 %zu facts reported by several sources \xC2\xB7 %u by one", c.claim_article.size(),
                        c.clusters.size() - c.counts[(int)Verdict::Single], c.counts[(int)Verdict::Single]);
    verdict_filter(s);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool has_detail = c.selected >= 0 && c.selected < (int)c.rows.size();
    const float table_h = has_detail ? ImMax(avail.y * 0.42f, 120 * k) : avail.y;
    clusters_table(s, ImVec2(0, table_h));
    if (has_detail) {
        ImGui::BeginChild("compare_detail", ImVec2(0, 0), ImGuiChildFlags_Border);
        cluster_detail(s, fonts);
        ImGui::EndChild();
    }
}

} // namespace factlens
