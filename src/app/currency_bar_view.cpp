// The currency toggle, always visible under the view tabs: "Amounts in: as written · CNY · USD · EUR
// · GBP · JPY · HKD", and how the rate is chosen (reference table, the article's own rate, or a
// custom rate typed here). Reports intent through set_currency(); the conversion itself runs in
// update_currency(), once per change.
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

constexpr int kChoices = 1 + (int)(sizeof(kToggleCurrencies) / sizeof(kToggleCurrencies[0]));
const char* choice_name(int i) { return i == 0 ? "as written" : kToggleCurrencies[i - 1]; }
int current_choice(const CurrencyDesc& d) {
    for (int i = 1; i < kChoices; ++i)
        if (d.to == kToggleCurrencies[i - 1]) return i;
    return 0;
}

const char* const kModeLabels[3] = {"Reference rate", "Article's own rate", "Custom rate"};

// Applies the toggle's choice with the current mode (a custom rate from the fields as typed).
void choose(AppState& s, int choice, RateMode mode) {
    CurrencyState& c = s.currency;
    const std::string to = choice == 0 ? "" : kToggleCurrencies[choice - 1];
    std::string err;
    if (mode == RateMode::Custom) {
        char* end = nullptr;
        const double rate = std::strtod(c.custom_rate_text.c_str(), &end);
        err = set_currency(s, to, mode, end && *end == 0 ? rate : 0, c.custom_unit_text);
    } else {
        err = set_currency(s, to, mode);
    }
    if (!err.empty()) {
        c.notice = err;
        c.notice_is_error = true;
    } else if (c.notice_is_error) {
        c.notice.clear();
        c.notice_is_error = false;
    }
}

}  // namespace

void currency_bar(AppState& s) {
    CurrencyState& c = s.currency;
    const float k = s.ui_scale;
    const bool narrow = ImGui::GetContentRegionAvail().x < 640 * k;
    const int cur = current_choice(c.desc);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(narrow ? "Amounts:" : "Amounts in:");
    ImGui::SameLine();
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(2 * k, ImGui::GetStyle().ItemSpacing.y));
    if (narrow) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(5 * k, ImGui::GetStyle().FramePadding.y));
    const ImGuiStyle& st = ImGui::GetStyle();
    // Buttons flow onto the next line when the window is too narrow for them all.
    const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    auto fits = [&](float w) {
        ImGui::SameLine();
        if (ImGui::GetCursorScreenPos().x + w > right_edge) ImGui::NewLine();
    };
    for (int i = 0; i < kChoices; ++i) {
        if (i) fits(ImGui::CalcTextSize(choice_name(i)).x + st.FramePadding.x * 2);
        const bool on = i == cur;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? st.Colors[ImGuiCol_HeaderActive] : st.Colors[ImGuiCol_FrameBg]);
        ImGui::PushID(i);
        const char* label = i == 0 && narrow ? "as is" : choice_name(i);
        if (ImGui::Button(label)) {
            choose(s, i, c.desc.mode);
            s.focus = Focus::Currency;
        }
        ImGui::PopID();
        ImGui::PopStyleColor();
        s.layout.currency_buttons.push_back({choice_name(i), {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                                                              ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y}});
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
            ImGui::SetTooltip(i == 0 ? "Every amount in the currency the article wrote it in"
                                     : "Every money figure converted into %s; hover a figure for the rate and where it came from",
                              choice_name(i));
    }
    const float combo_w = ImGui::CalcTextSize("Article's own rate").x + ImGui::GetFrameHeight() + st.FramePadding.x * 2;
    if (narrow) ImGui::PopStyleVar();
    ImGui::PopStyleVar();
    fits(combo_w);
    ImGui::SetNextItemWidth(combo_w);
    int mode = (int)c.desc.mode;
    if (ImGui::Combo("##rate_mode", &mode, kModeLabels, 3)) {
        choose(s, cur, (RateMode)mode);
        s.focus = Focus::Currency;
    }
    s.layout.rate_mode = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
        ImGui::SetTooltip("Reference rate: CFETS central parity (and rate files you load), the latest on or before the\n"
                          "article's date. Article's own rate: the rate the article's own conversion implies\n"
                          "(\"1.2 trillion yuan (about $168 billion)\"). Custom: a rate you type.");
    if (c.desc.mode == RateMode::Custom) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("0000.0000").x + st.FramePadding.x * 2);
        bool changed = input_string("##custom_rate", "7.10", &c.custom_rate_text, ImGuiInputTextFlags_CharsDecimal);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::CalcTextSize("CNY per USDX").x + st.FramePadding.x * 2);
        changed |= input_string("##custom_unit", "CNY per USD", &c.custom_unit_text);
        if (changed) choose(s, cur, RateMode::Custom);
    }
    // What happened, in a few words: counts of converted, stale and unconverted figures.
    if (!c.desc.to.empty() && !narrow) {
        ImGui::SameLine();
        char line[160];
        int n = std::snprintf(line, sizeof line, "%zu converted", c.converted_rows);
        if (c.stale_rows && n > 0) n += std::snprintf(line + n, sizeof line - n, " \xC2\xB7 %zu at a stale rate", c.stale_rows);
        if (c.fallback_rows && n > 0) n += std::snprintf(line + n, sizeof line - n, " \xC2\xB7 %zu at the reference rate (no own rate)", c.fallback_rows);
        if (c.unconverted_rows && n > 0) n += std::snprintf(line + n, sizeof line - n, " \xC2\xB7 %zu without a rate", c.unconverted_rows);
        if (c.assumed_rows && n > 0) std::snprintf(line + n, sizeof line - n, " \xC2\xB7 %zu with an assumed currency", c.assumed_rows);
        ImGui::TextDisabled("%s", line);
    }
    if (!c.notice.empty()) {
        if (!narrow) ImGui::SameLine();
        if (c.notice_is_error) ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.08f, 1), "\xE2\x9A\xA0 %s", c.notice.c_str());
        else ImGui::TextDisabled("%s", c.notice.c_str());
    }

    // Keyboard, when the toggle has the focus: Left/Right pick the currency, Up/Down the rate mode.
    const ImGuiIO& io = ImGui::GetIO();
    if (s.focus == Focus::Currency && !io.WantTextInput && !io.KeyCtrl && !io.KeyAlt) {
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow) && cur > 0) choose(s, cur - 1, c.desc.mode);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow) && cur + 1 < kChoices) choose(s, cur + 1, c.desc.mode);
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow) && (int)c.desc.mode > 0) choose(s, cur, (RateMode)((int)c.desc.mode - 1));
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow) && (int)c.desc.mode < 2) choose(s, cur, (RateMode)((int)c.desc.mode + 1));
    }
}

} // namespace factlens
