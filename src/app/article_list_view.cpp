// The article list: a filter field and a table of outlet, date and headline.
#include <algorithm>
#include <string>

#include "app_ui.h"
#include "imgui.h"

namespace factlens {

static UiRect to_rect(ImVec2 min, ImVec2 max) { return {min.x, min.y, max.x - min.x, max.y - min.y}; }

// A value the text did not state is drawn dim, so nobody mistakes "unknown" for data.
static void cell_text(const std::string& value) {
    if (value == kUnknown) ImGui::TextDisabled("unknown");
    else ImGui::TextUnformatted(value.c_str());
}

void article_list_view(AppState& s, const AppFonts& fonts) {
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("Articles");
    ImGui::PopFont();

    // The filter field.
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (input_string("##filter", "Filter articles (outlet, date, words)", &s.filter)) note_text(s, s.filter);
    s.layout.filter = to_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemActive()) s.focus = Focus::Filter;

    const std::vector<int>& rows = visible_articles(s);
    const ImGuiTableFlags tflags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                   ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("articles", 3, tflags, ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        // Outlet and date keep their full width (a clipped date reads as a wrong date); the headline
        // takes the rest.
        float outlet_w = ImGui::CalcTextSize("Outlet").x;
        for (const Article& a : s.corpus.articles) outlet_w = std::max(outlet_w, ImGui::CalcTextSize(a.outlet.c_str()).x);
        outlet_w = std::min(outlet_w, 160 * s.ui_scale);
        ImGui::TableSetupColumn("Outlet", ImGuiTableColumnFlags_WidthFixed, outlet_w);
        ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("2026-01-22").x);
        ImGui::TableSetupColumn("Headline", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (int idx : rows) {
            const Article& a = s.corpus.articles[idx];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(idx);
            const bool selected = idx == s.selected;
            // No AllowOverlap: with it ImGui only counts a row hovered if it was in the previous frame,
            // so a tap (move + press in one event) would miss.
            if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns)) {
                select_article(s, idx);
                s.focus = Focus::List;
            }
            s.layout.list_rows.push_back({idx, to_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
            // The headline column clips; the whole headline (or opening line) shows on hover.
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 35.0f);
                if (a.title != kUnknown) ImGui::TextUnformatted(a.title.c_str());
                else {
                    ImGui::TextUnformatted(article_first_sentence_cached(s, idx).c_str());
                    ImGui::TextDisabled("The text states no headline: this is its first sentence.");
                }
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (selected && s.scroll_reader_to_top && !ImGui::IsItemVisible()) ImGui::SetScrollHereY();
            ImGui::SameLine(0, 0);
            cell_text(a.outlet);
            ImGui::TableNextColumn();
            cell_text(a.date);
            ImGui::TableNextColumn();
            if (a.title != kUnknown) {
                ImGui::TextUnformatted(a.title.c_str());
            } else {
                // No headline in the text: its first sentence, dimmed and in quotes, so it is not
                // mistaken for a headline (the tooltip says so in words).
                ImGui::TextDisabled("\xE2\x80\x9C%s\xE2\x80\x9D", article_first_sentence_cached(s, idx).c_str());
            }
            ImGui::PopID();
        }
        if (rows.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("No article matches \"%s\".", s.filter.c_str());
        }
        // Up/Down move the selection while the list has focus.
        if (s.focus == Focus::List && !rows.empty() && !ImGui::GetIO().WantTextInput) {
            int pos = 0;
            for (int i = 0; i < (int)rows.size(); ++i) if (rows[i] == s.selected) pos = i;
            if (ImGui::IsKeyPressed(ImGuiKey_DownArrow) && pos + 1 < (int)rows.size()) select_article(s, rows[pos + 1]);
            if (ImGui::IsKeyPressed(ImGuiKey_UpArrow) && pos > 0) select_article(s, rows[pos - 1]);
        }
        ImGui::EndTable();
    }
}

} // namespace factlens
