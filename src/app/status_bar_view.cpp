// The status bar: corpus counts, selection size, load warnings, build version.
#include <string>

#include "../core/utf8.h"
#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImMax, ImClamp, ImFloor

namespace factlens {

static std::string with_commas(size_t n) {
    std::string s = std::to_string(n);
    for (int i = (int)s.size() - 3; i > 0; i -= 3) s.insert((size_t)i, ",");
    return s;
}

void status_bar_view(AppState& s) {
    ImGui::Separator();
    const size_t shown = visible_articles(s).size();
    std::string left = std::to_string(s.corpus.articles.size()) + " articles";
    if (shown != s.corpus.articles.size()) left += " (" + std::to_string(shown) + " shown)";
    left += " \xC2\xB7 " + with_commas(s.corpus.total_text_bytes()) + " bytes of text";
    if (s.facts_count >= 0) left += " \xC2\xB7 " + with_commas((size_t)s.facts_count) + " facts";
    const ByteRange sel = reader_selection(s);
    if (sel.end > sel.start) {
        const std::string text = selected_text(s);
        left += " \xC2\xB7 " + with_commas(utf8_count_code_points(text)) + " characters selected (Ctrl+C copies)";
    }
    ImGui::TextUnformatted(left.c_str());
    if (!s.load_warnings.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.65f, 0.38f, 0.0f, 1), "\xC2\xB7 %d warning(s)", (int)s.load_warnings.size());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (const std::string& w : s.load_warnings) ImGui::TextUnformatted(w.c_str());
            ImGui::EndTooltip();
        }
    }
    const std::string right = "FactLens " + s.version;
    const float w = ImGui::CalcTextSize(right.c_str()).x;
    ImGui::SameLine();
    const float x = ImGui::GetWindowContentRegionMax().x - w;
    if (x >= ImGui::GetCursorPosX() + 20 * s.ui_scale) {  // only where it fits: never over the counts
        ImGui::SameLine(x);
        ImGui::TextDisabled("%s", right.c_str());
    } else {
        ImGui::NewLine();
    }
}

} // namespace factlens
