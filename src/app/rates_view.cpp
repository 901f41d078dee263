// The Rates view: who used which rate. Every conversion pair of the articles, the rate it implies as
// an interval (its converted figure is rounded), the reference rate for its date and a verdict; and
// a chart of the reference rate over time with each source's interval as a bar at its date, drawn
// straight from the model with ImDrawList. Reads s.currency (checks and chart, rebuilt by
// update_rate_checks() only when the rates or the table changed); reports intent through
// select_rate_check().
#include <cmath>
#include <cstdio>

#include "../core/claim_json.h"
#include "../core/dates.h"
#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

ImU32 verdict_color(PairVerdict v, float alpha = 1.0f) {
    switch (v) {
    case PairVerdict::Consistent: return ImGui::GetColorU32(ImVec4(0.10f, 0.55f, 0.25f, alpha));
    case PairVerdict::Near: return ImGui::GetColorU32(ImVec4(0.80f, 0.55f, 0.05f, alpha));
    case PairVerdict::Far: return ImGui::GetColorU32(ImVec4(0.75f, 0.15f, 0.10f, alpha));
    case PairVerdict::NoReference: break;
    }
    return ImGui::GetColorU32(ImVec4(0.45f, 0.46f, 0.48f, alpha));
}

// "2025-12-22" from days since 1970-01-01.
void day_label(long day, char* buf, size_t n) {
    const Day d = civil_from_days(day);
    std::snprintf(buf, n, "%04d-%02d-%02d", day_year(d), day_month(d), day_dom(d));
}

const char* source_label(const AppState& s, uint32_t row, char* buf, size_t n) {
    const FactTable& t = s.facts.table;
    const FactSource& src = t.sources[t.source[row]];
    if (src.outlet != kUnknown) std::snprintf(buf, n, "%s", src.outlet.c_str());
    else std::snprintf(buf, n, "%.12s", src.id.c_str());
    return buf;
}

void pairs_keyboard(AppState& s, int page_rows) {
    CurrencyState& c = s.currency;
    const int n = (int)c.checks.size();
    if (n == 0 || ImGui::GetIO().WantTextInput) return;
    int to = c.selected_check;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) to = to < 0 ? 0 : to + 1;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) to = to < 0 ? 0 : to - 1;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) to = (to < 0 ? 0 : to) + page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) to = (to < 0 ? 0 : to) - page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) to = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_End)) to = n - 1;
    to = to < 0 ? 0 : to >= n ? n - 1 : to;
    if (to != c.selected_check) select_rate_check(s, to);
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) select_rate_check(s, -1);
}

void pairs_table(AppState& s, ImVec2 size) {
    CurrencyState& c = s.currency;
    const FactTable& t = s.facts.table;
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_SizingFixedFit;
    ImGui::BeginChild("rates_pairs", size);
    if (!ImGui::BeginTable("pairs", 8, flags, ImVec2(0, 0))) { ImGui::EndChild(); return; }
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthFixed, 7 * em);
    ImGui::TableSetupColumn("Amount", ImGuiTableColumnFlags_WidthFixed, 9 * em);
    ImGui::TableSetupColumn("Written as", ImGuiTableColumnFlags_WidthFixed, 10 * em);
    ImGui::TableSetupColumn("Verdict", ImGuiTableColumnFlags_WidthFixed, 6.5f * em);
    ImGui::TableSetupColumn("Implied rate", ImGuiTableColumnFlags_WidthFixed, 11 * em);
    ImGui::TableSetupColumn("Reference", ImGuiTableColumnFlags_WidthFixed, 10 * em);
    ImGui::TableSetupColumn("Off by", ImGuiTableColumnFlags_WidthFixed, 4.5f * em);
    ImGui::TableSetupColumn("Why", ImGuiTableColumnFlags_WidthFixed, 60 * em);
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableHeadersRow();
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int n = (int)c.checks.size();
    ImGuiListClipper clipper;
    clipper.Begin(n, row_h);
    char buf[160];
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const PairCheck& p = c.checks[(size_t)i];
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable("##pair", i == c.selected_check, ImGuiSelectableFlags_SpanAllColumns)) {
                select_rate_check(s, i);
                s.focus = Focus::Pairs;
            }
            {
                const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
                const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
                const float cy = (mn.y + mx.y) * 0.5f;
                if (cy >= wp.y + row_h && cy <= wp.y + ws.y)
                    s.layout.pair_rows.push_back({i, {ImMax(mn.x, wp.x), mn.y, ImMin(mx.x, wp.x + ws.x) - ImMax(mn.x, wp.x), mx.y - mn.y}});
            }
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
                ImGui::TextUnformatted(p.explanation.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            ImGui::SameLine(0, 0);
            ImGui::TextUnformatted(source_label(s, p.row, buf, sizeof buf));
            if (ImGui::TableNextColumn()) { std::string_view v = t.texts.get(t.text[p.row]); ImGui::TextUnformatted(v.data(), v.data() + v.size()); }
            if (ImGui::TableNextColumn()) { std::string_view v = t.texts.get(t.text[p.pair_row]); ImGui::TextUnformatted(v.data(), v.data() + v.size()); }
            if (ImGui::TableNextColumn()) {
                const char* name = pair_verdict_name(p.verdict);
                const ImVec2 ts = ImGui::CalcTextSize(name), pos = ImGui::GetCursorScreenPos();
                const float pad = 4 * s.ui_scale;
                ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, pos.y), ImVec2(pos.x + ts.x + pad * 2, pos.y + ts.y),
                                                          verdict_color(p.verdict, 0.16f), 3 * s.ui_scale);
                ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y));
                ImGui::PushStyleColor(ImGuiCol_Text, verdict_color(p.verdict));
                ImGui::TextUnformatted(name);
                ImGui::PopStyleColor();
            }
            if (ImGui::TableNextColumn()) {
                ImGui::Text("%.4f", p.implied);
                ImGui::SameLine();
                ImGui::TextDisabled("[%.4f\xE2\x80\x93%.4f]", p.implied_low, p.implied_high);
            }
            if (ImGui::TableNextColumn()) {
                if (p.reference > 0) {
                    ImGui::Text("%.4f", p.reference);
                    ImGui::SameLine();
                    ImGui::TextDisabled("%s%s", day_to_iso(p.reference_date).c_str(), p.reference_stale ? " (stale)" : "");
                } else {
                    ImGui::TextDisabled("none");
                }
            }
            if (ImGui::TableNextColumn() && p.reference > 0) ImGui::Text("%+.2f%%", p.deviation * 100);
            if (ImGui::TableNextColumn()) ImGui::TextUnformatted(p.explanation.c_str());
            ImGui::PopID();
        }
    }
    if (n == 0) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("No conversion pairs");
        ImGui::TableNextColumn();
        ImGui::TextDisabled("(an article that writes \"1.2 trillion yuan (about $168 billion)\" has one)");
    }
    const int page_rows = ImMax(1, (int)(ImGui::GetWindowHeight() / row_h) - 2);
    ImGui::EndTable();
    ImGui::EndChild();
    if (s.focus == Focus::Pairs) pairs_keyboard(s, page_rows);
}

// The reference rate as a line over time, each pair's implied interval as a bar at its date.
void rates_chart(AppState& s, ImVec2 size) {
    CurrencyState& c = s.currency;
    ImGui::BeginChild("rates_chart", size, ImGuiChildFlags_Border);
    const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float k = s.ui_scale, em = ImGui::GetFontSize();
    if (c.chart_unit.empty() || c.chart_day_max <= c.chart_day_min || !(c.chart_rate_max > c.chart_rate_min)) {
        ImGui::TextDisabled("Nothing to chart: no conversion pairs with a date.");
        ImGui::EndChild();
        return;
    }
    // At most kChartPairs bars: past that a chart of intervals is ink, not information (the table
    // lists them all), and the frame must not walk tens of thousands of pairs.
    constexpr int kChartPairs = 300;
    ImGui::Text("%s: the reference rate (%s) and each source's implied rate%s", c.chart_unit.c_str(),
                c.chart_source.empty() ? "none" : c.chart_source.c_str(),
                c.checks.size() > (size_t)kChartPairs ? " (the first 300 pairs)" : "");
    const float top = ImGui::GetCursorScreenPos().y + 2 * k;
    const float left = origin.x + 4.2f * em, right = origin.x + avail.x - 1.0f * em;
    const float bottom = origin.y + avail.y - 1.6f * em;
    if (right - left < 40 * k || bottom - top < 40 * k) { ImGui::EndChild(); return; }
    const double d0 = (double)c.chart_day_min, d1 = (double)c.chart_day_max, r0 = c.chart_rate_min, r1 = c.chart_rate_max;
    auto X = [&](double day) { return left + (float)((day - d0) / (d1 - d0)) * (right - left); };
    auto Y = [&](double rate) { return bottom - (float)((rate - r0) / (r1 - r0)) * (bottom - top); };
    const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled), grid = ImGui::GetColorU32(ImVec4(0, 0, 0, 0.06f));
    char buf[48];
    // Rate ticks: about five, at a round step.
    const double span = r1 - r0, raw = span / 5, mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double step = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    for (double v = std::ceil(r0 / step) * step; v <= r1; v += step) {
        const float y = Y(v);
        dl->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
        std::snprintf(buf, sizeof buf, step < 0.01 ? "%.3f" : "%.2f", v);
        dl->AddText(ImVec2(origin.x, y - em * 0.5f), axis, buf);
    }
    // Date ticks: the first of each month that fits, labelled yyyy-mm.
    const int months = (int)((d1 - d0) / 30.4) + 1, every = months > 8 ? (months + 5) / 6 : 1;
    Day first = civil_from_days((long)d0);
    int y = day_year(first), m = day_month(first) + 1;
    for (int i = 0; i < months + 1; ++i, ++m) {
        if (m > 12) { m = 1; ++y; }
        if (i % every) continue;
        const long d = days_from_civil(y, m, 1);
        if (d < d0 || d > d1) continue;
        const float x = X((double)d);
        dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), grid);
        std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        dl->AddText(ImVec2(x - ImGui::CalcTextSize(buf).x * 0.5f, bottom + 2 * k), axis, buf);
    }
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), axis);
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis);
    dl->PushClipRect(ImVec2(left, top), ImVec2(right, bottom), true);
    // The reference line: a step line (a rate holds until the next is published), extended to the right edge.
    const ImU32 line = ImGui::GetColorU32(ImVec4(0.15f, 0.40f, 0.80f, 0.9f));
    for (size_t i = 0; i < c.chart_line.size(); ++i) {
        const auto& p = c.chart_line[i];
        const double next = i + 1 < c.chart_line.size() ? (double)c.chart_line[i + 1].day : d1;
        dl->AddLine(ImVec2(X((double)p.day), Y(p.rate)), ImVec2(X(next), Y(p.rate)), line, 2 * k);
        if (i + 1 < c.chart_line.size())
            dl->AddLine(ImVec2(X(next), Y(p.rate)), ImVec2(X(next), Y(c.chart_line[i + 1].rate)), line, 1 * k);
        dl->AddCircleFilled(ImVec2(X((double)p.day), Y(p.rate)), 2.5f * k, line);
    }
    // The pairs: an interval bar at the date the rate was looked up for, the implied point on it.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int hovered = -1;
    ImRect placed[64];  // labels drawn so far: a new one moves down until it overlaps none
    int n_placed = 0;
    for (int i = 0; i < (int)c.checks.size() && i < kChartPairs; ++i) {
        const PairCheck& p = c.checks[(size_t)i];
        if (p.rate_unit != c.chart_unit || !p.rate_day) continue;
        const long d = days_from_civil(day_year(p.rate_day), day_month(p.rate_day), day_dom(p.rate_day));
        const float x = X((double)d) + (float)((i % 5) - 2) * 3 * k;  // pairs on one date side by side
        const float ya = Y(p.implied_high), yb = Y(p.implied_low);
        const float w = 4 * k;
        const bool sel = i == c.selected_check;
        dl->AddRectFilled(ImVec2(x - w, ImMin(ya, yb - 2 * k)), ImVec2(x + w, ImMax(yb, ya + 2 * k)), verdict_color(p.verdict, sel ? 0.95f : 0.6f), 2 * k);
        if (sel) dl->AddRect(ImVec2(x - w - 2 * k, ya - 2 * k), ImVec2(x + w + 2 * k, yb + 2 * k), ImGui::GetColorU32(ImGuiCol_Text), 2 * k, 0, 1.5f * k);
        dl->AddCircleFilled(ImVec2(x, Y(p.implied)), 2.5f * k, ImGui::GetColorU32(ImGuiCol_Text));
        char lab[40];
        source_label(s, p.row, lab, sizeof lab);
        const ImVec2 ls = ImGui::CalcTextSize(lab);
        ImRect lr(ImVec2(x + w + 2 * k, ImMin(ya, yb) - em * 0.2f), ImVec2(x + w + 2 * k + ls.x, ImMin(ya, yb) - em * 0.2f + ls.y));
        for (int tries = 0; tries < 12; ++tries) {
            bool clear = true;
            for (int j = 0; j < n_placed && clear; ++j) clear = !placed[j].Overlaps(lr);
            if (clear) break;
            lr.Translate(ImVec2(0, ls.y));
        }
        if (n_placed < 64) placed[n_placed++] = lr;
        dl->AddText(lr.Min, verdict_color(p.verdict), lab);
        if (mouse.x >= x - w - 3 * k && mouse.x <= x + w + 3 * k && mouse.y >= ImMin(ya, yb) - 4 * k && mouse.y <= ImMax(ya, yb) + 4 * k)
            hovered = i;
    }
    dl->PopClipRect();
    ImGui::SetCursorScreenPos(ImVec2(left, top));
    ImGui::InvisibleButton("##chart", ImVec2(right - left, bottom - top));
    if (hovered >= 0 && ImGui::IsItemHovered()) {
        const PairCheck& p = c.checks[(size_t)hovered];
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
        ImGui::TextUnformatted(p.explanation.c_str());
        ImGui::PopTextWrapPos();
        ImGui::TextDisabled("Click to select this pair");
        ImGui::EndTooltip();
        if (ImGui::IsItemClicked()) select_rate_check(s, hovered);
    } else if (ImGui::IsItemHovered() && mouse.x >= left) {
        // The reference rate at the date under the pointer.
        const long d = (long)std::lround(d0 + (mouse.x - left) / (right - left) * (d1 - d0));
        double rate = 0;
        for (const auto& p : c.chart_line) if (p.day <= d) rate = p.rate;
        day_label(d, buf, sizeof buf);
        if (rate > 0) ImGui::SetTooltip("%s: reference %.4f %s", buf, rate, c.chart_unit.c_str());
    }
    ImGui::EndChild();
}

}  // namespace

void rates_view(AppState& s, const AppFonts& fonts) {
    update_currency(s);
    update_rate_checks(s);  // made here, on first view after a change (not when a rate file loads)
    CurrencyState& c = s.currency;
    const float k = s.ui_scale;
    // The rate sources, one line each.
    for (const RateSource& src : c.rates.sources) {
        ImGui::TextDisabled("%s: %zu rates, %zu currencies, %s to %s", src.name.c_str(), src.rate_count(), src.series.size() + 1,
                            day_to_iso(src.first_date).c_str(), day_to_iso(src.last_date).c_str());
    }
    if (c.rates.sources.empty()) ImGui::TextDisabled("No rate tables loaded.");
    if (ImGui::Button("Load rate file") && s.host.open_file_picker) s.host.open_file_picker();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
        ImGui::SetTooltip("The ECB's historical reference rates (eurofxref-hist.csv) or a rate file in the\n"
                          "reference JSON format. You can also drop it on the page.");
    ImGui::SameLine();
    ImGui::TextDisabled("%zu conversion pair%s", c.checks.size(), c.checks.size() == 1 ? "" : "s");
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool narrow = avail.x < 900 * k;
    const bool has_reader = c.selected_check >= 0 && s.selected >= 0;
    const float reader_h = has_reader ? ImMax(avail.y * 0.34f, 120 * k) : 0;
    const float top_h = avail.y - reader_h - (has_reader ? ImGui::GetStyle().ItemSpacing.y : 0);
    if (narrow) {
        const float chart_h = ImMax(top_h * 0.45f, 150 * k);
        rates_chart(s, ImVec2(0, chart_h));
        pairs_table(s, ImVec2(0, top_h - chart_h - ImGui::GetStyle().ItemSpacing.y));
    } else {
        pairs_table(s, ImVec2(avail.x * 0.55f, top_h));
        ImGui::SameLine();
        rates_chart(s, ImVec2(0, top_h));
    }
    if (has_reader) {
        ImGui::BeginChild("rates_reader", ImVec2(0, 0));
        reader_view(s, fonts, true);
        ImGui::EndChild();
    }
}

} // namespace factlens
