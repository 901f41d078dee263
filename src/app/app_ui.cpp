#include "app_ui.h"

#include "focus_order.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImMax, ImClamp, ImFloor

namespace factlens {

bool input_string(const char* id, const char* hint, std::string* str, int flags) {
    auto resize_cb = [](ImGuiInputTextCallbackData* d) -> int {
        if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
            std::string* s = (std::string*)d->UserData;
            s->resize(d->BufTextLen);
            d->Buf = s->data();
        }
        return 0;
    };
    return ImGui::InputTextWithHint(id, hint, str->data(), str->capacity() + 1,
                                    flags | ImGuiInputTextFlags_CallbackResize, resize_cb, str);
}

unsigned int fact_kind_color(unsigned char kind, float alpha) {
    // count, money, percent, quantity, date, period (ClaimKind order)
    static const ImVec4 kColors[6] = {
        {0.80f, 0.45f, 0.05f, 1}, {0.10f, 0.55f, 0.25f, 1}, {0.15f, 0.40f, 0.80f, 1},
        {0.55f, 0.25f, 0.70f, 1}, {0.45f, 0.45f, 0.50f, 1}, {0.05f, 0.55f, 0.60f, 1}};
    ImVec4 c = kColors[kind < 6 ? kind : 4];
    c.w = alpha;
    return ImGui::GetColorU32(c);
}

void apply_style(float ui_scale) {
    ImGuiStyle style;  // fresh defaults, so repeated calls never compound the scale
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(6, 5);
    style.ScrollbarSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 4;
    style.FrameRounding = 4;
    style.ScrollbarRounding = 6;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;
    style.FrameBorderSize = 1;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.965f, 0.955f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Text] = ImVec4(0.11f, 0.12f, 0.14f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.46f, 0.48f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.80f, 0.78f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Header] = ImVec4(0.80f, 0.87f, 0.97f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.88f, 0.92f, 0.98f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.74f, 0.83f, 0.96f, 1.0f);
    c[ImGuiCol_TextSelectedBg] = ImVec4(0.62f, 0.77f, 1.0f, 0.65f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.92f, 0.92f, 0.90f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.975f, 0.975f, 0.97f, 1.0f);
    style.ScaleAllSizes(ui_scale);
    ImGui::GetStyle() = style;
}

// The view tabs: Articles (Alt+1), Facts (Alt+2), Rates (Alt+3), Compare (Alt+4), Diff (Alt+5).
static void view_tabs(AppState& s, const AppFonts& fonts) {
    static const char* const kLabels[5] = {"Articles", "Facts", "Rates", "Compare", "Diff"};
    ImGui::PushFont(fonts.bold);
    for (int v = 0; v < 5; ++v) {
        if (v) ImGui::SameLine();
        const bool on = (int)s.view == v;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? ImGui::GetStyleColorVec4(ImGuiCol_Header) : ImVec4(0, 0, 0, 0));
        if (ImGui::Button(kLabels[v])) set_view(s, (View)v);
        ImGui::PopStyleColor();
        s.layout.tabs[v] = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                            ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) ImGui::SetTooltip("%s (Alt+%d)", kLabels[v], v + 1);
    }
    ImGui::PopFont();
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_1, false)) set_view(s, View::Articles);
    if (io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_2, false)) set_view(s, View::Facts);
    if (io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_3, false)) set_view(s, View::Rates);
    if (io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_4, false)) set_view(s, View::Compare);
    if (io.KeyAlt && !io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_5, false)) set_view(s, View::Diff);
}

static void articles_view(AppState& s, const AppFonts& fonts, float body_h) {
    const float total_w = ImGui::GetContentRegionAvail().x;
    const float scale = s.ui_scale;
    // The list takes ~38% of the width, within readable bounds; narrow screens stack the panes.
    const bool stacked = total_w < 640 * scale;
    float list_w = stacked ? total_w : ImClamp(total_w * 0.38f, 300 * scale, 560 * scale);
    float list_h = stacked ? ImMax(body_h * 0.38f, 120 * scale) : body_h;

    ImGui::BeginChild("list_pane", ImVec2(list_w, list_h), false, ImGuiWindowFlags_NoScrollbar);
    focus_note_text_field(FocusStop::Filter, ImGui::GetID("##filter"));  // the id article_list_view gives it
    article_list_view(s, fonts);
    ImGui::EndChild();
    if (!stacked) ImGui::SameLine();
    ImGui::BeginChild("reader_pane", ImVec2(0, stacked ? body_h - list_h - ImGui::GetStyle().ItemSpacing.y : body_h),
                      false, ImGuiWindowFlags_NoScrollbar);
    reader_view(s, fonts);
    ImGui::EndChild();
}

void app_frame(AppState& s, const AppFonts& fonts) {
    s.layout.clear();
    update_facts(s);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("FactLens", nullptr, flags);

    if (!s.load_error.empty()) {
        ImGui::TextColored(ImVec4(0.7f, 0.1f, 0.1f, 1), "The corpus could not be loaded: %s", s.load_error.c_str());
    }
    view_tabs(s, fonts);
    // The currency toggle: beside the tabs on a wide screen, under them on a narrow one.
    if (ImGui::GetContentRegionAvail().x > 1000 * s.ui_scale) ImGui::SameLine(0, 24 * s.ui_scale);
    currency_bar(s);
    // Ctrl+F (Cmd+F): find in the open article, in either view.
    if ((ImGui::GetIO().KeyCtrl || ImGui::GetIO().KeySuper) && ImGui::IsKeyPressed(ImGuiKey_F, false) && s.selected >= 0)
        open_find(s);

    const float status_h = ImGui::GetFrameHeightWithSpacing();
    const float body_h = ImGui::GetContentRegionAvail().y - status_h;
    ImGui::BeginChild("body", ImVec2(0, body_h), false, ImGuiWindowFlags_NoScrollbar);
    if (s.view == View::Facts) {
        focus_note_text_field(FocusStop::Query, ImGui::GetID("##query"));  // the id facts_toolbar gives it
        facts_view(s, fonts);
    } else if (s.view == View::Rates) {
        rates_view(s, fonts);
    } else if (s.view == View::Compare) {
        compare_view(s, fonts);
    } else if (s.view == View::Diff) {
        diff_view(s, fonts);
    } else {
        articles_view(s, fonts, body_h);
    }
    ImGui::EndChild();

    status_bar_view(s);
    focus_frame_end(s);  // Tab order: the tab bar's arrow keys and the focus ring
    ImGui::End();
}

} // namespace factlens
