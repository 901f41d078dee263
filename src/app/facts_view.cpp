// The Facts view: the query box, the facets panel, the facts table (virtualized with the clipper)
// and, below it, the reader showing the selected fact in its article.
//
// The view reads s.facts (rebuilt by update_facts() only when the query, sort or table changed) and
// reports intent through the functions of app_state.h. Per frame it formats only the rows on
// screen, into stack buffers.
#include <cstdio>
#include <cstring>

#include "../core/claim.h"
#include "../core/convert.h"
#include "../core/facts_io.h"
#include "../core/url_fragment.h"
#include "app_ui.h"
#include "imgui.h"
#include "imgui_internal.h"  // TableSetColumnSortDirection, ImMax

namespace factlens {

namespace {

UiRect to_rect(ImVec2 min, ImVec2 max) { return {min.x, min.y, max.x - min.x, max.y - min.y}; }

// Where term stands as a whole term of q (between spaces or the ends), or npos: "unit:CNY" is not
// in "unit:CNY,USD".
size_t find_whole_term(const std::string& q, const std::string& term) {
    for (size_t p = q.find(term); p != std::string::npos; p = q.find(term, p + 1)) {
        const bool starts = p == 0 || q[p - 1] == ' ';
        const bool ends = p + term.size() == q.size() || q[p + term.size()] == ' ';
        if (starts && ends) return p;
    }
    return std::string::npos;
}

void toggle_query_term(AppState& s, const std::string& term) {
    std::string q = s.facts.applied_query;
    // Clicking an applied facet value removes it; otherwise it is added.
    const size_t at = find_whole_term(q, term);
    if (at != std::string::npos) {
        q.erase(at, term.size());
        while (q.find("  ") != std::string::npos) q.erase(q.find("  "), 1);
        while (!q.empty() && q.front() == ' ') q.erase(0, 1);
        while (!q.empty() && q.back() == ' ') q.pop_back();
    } else {
        if (!q.empty()) q += ' ';
        q += term;
    }
    set_fact_query(s, q);
}

void export_rows(AppState& s, const char* format) {
    FactsState& f = s.facts;
    const bool csv = std::strcmp(format, "csv") == 0;
    const std::string text = csv ? export_facts_csv(f.table, f.view.rows) : export_facts_json(f.table, f.view.rows);
    const char* name = csv ? "factlens-facts.csv" : "factlens-facts.json";
    char msg[200];
    const size_t n = f.view.rows.size();
    if (!s.host.download) {
        std::snprintf(msg, sizeof msg, "Export is not available here.");
        f.notice_is_error = true;
    } else if (s.host.download(name, csv ? "text/csv" : "application/json", text)) {
        std::snprintf(msg, sizeof msg, "Downloaded %s (%zu fact%s).", name, n, n == 1 ? "" : "s");
        f.notice_is_error = false;
    } else {
        std::snprintf(msg, sizeof msg, "Downloads are blocked in this frame: the %s of %zu fact%s is on the clipboard instead.",
                      csv ? "CSV" : "JSON", n, n == 1 ? "" : "s");
        f.notice_is_error = false;
    }
    f.notice = msg;
}

// The sentence with its figure in bold, on one line, starting a little before the figure when the
// sentence is long.
void sentence_cell(const FactTable& t, uint32_t r, const AppFonts& fonts) {
    std::string_view sentence = t.sentences.get(t.sentence[r]);
    std::string_view figure = t.texts.get(t.text[r]);
    if (sentence.empty()) {
        ImGui::PushFont(fonts.bold);
        ImGui::TextUnformatted(figure.data(), figure.data() + figure.size());
        ImGui::PopFont();
        return;
    }
    size_t fs = t.start[r] >= t.sentence_start[r] ? t.start[r] - t.sentence_start[r] : 0;
    size_t fe = fs + (t.end[r] - t.start[r]);
    if (fe > sentence.size()) { fs = 0; fe = 0; }
    size_t from = 0;
    if (fs > 70) {
        from = fs - 50;
        while (from < fs && ((unsigned char)sentence[from] & 0xC0) == 0x80) ++from;
        while (from < fs && sentence[from] != ' ') ++from;
    }
    const float spacing = 0;
    if (from > 0) { ImGui::TextDisabled("\xE2\x80\xA6"); ImGui::SameLine(0, spacing); }
    ImGui::TextUnformatted(sentence.data() + from, sentence.data() + fs);
    ImGui::SameLine(0, spacing);
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(sentence.data() + fs, sentence.data() + fe);
    ImGui::PopFont();
    ImGui::SameLine(0, spacing);
    ImGui::TextUnformatted(sentence.data() + fe, sentence.data() + sentence.size());
}

void facets_panel(AppState& s) {
    FactsState& f = s.facts;
    for (int fi = 0; fi < (int)f.view.facets.size(); ++fi) {
        const Facet& facet = f.view.facets[fi];
        ImGui::PushID(fi);
        char title[64];
        std::snprintf(title, sizeof title, "%s%s", facet.name, facet.distinct > facet.values.size() ? " (top 40)" : "");
        ImGui::SeparatorText(title);
        if (facet.values.empty()) ImGui::TextDisabled("(no facts)");
        for (int vi = 0; vi < (int)facet.values.size(); ++vi) {
            const FacetValue& v = facet.values[vi];
            ImGui::PushID(vi);
            const bool applied = find_whole_term(f.applied_query, v.query) != std::string::npos;
            char count[24];
            std::snprintf(count, sizeof count, "%u", v.count);
            const float count_w = ImGui::CalcTextSize(count).x;
            if (ImGui::Selectable("##facet", applied)) toggle_query_term(s, v.query);
            {  // listed only when its middle is inside the panel (clickable)
                const float cy = (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) * 0.5f;
                const float top = ImGui::GetWindowPos().y, bottom = top + ImGui::GetWindowHeight();
                if (cy >= top && cy <= bottom)
                    s.layout.facet_values.push_back({fi, vi, to_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())});
            }
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
                ImGui::SetTooltip(applied ? "Remove %s from the query" : "Add %s to the query", v.query.c_str());
            const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const float pad = ImGui::GetStyle().ItemSpacing.x * 0.5f;
            dl->PushClipRect(mn, ImVec2(mx.x - count_w - pad * 2, mx.y), true);
            dl->AddText(ImVec2(mn.x + pad, mn.y), ImGui::GetColorU32(v.label == "none" ? ImGuiCol_TextDisabled : ImGuiCol_Text),
                        v.label.c_str());
            dl->PopClipRect();
            dl->AddText(ImVec2(mx.x - count_w - pad, mn.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), count);
            ImGui::PopID();
        }
        ImGui::PopID();
    }
}

void copy_selected_rows(AppState& s) {
    const std::vector<uint32_t> rows = selected_fact_rows(s);
    if (rows.empty()) return;
    ImGui::SetClipboardText(export_facts_tsv(s.facts.table, rows).c_str());
    char msg[96];
    std::snprintf(msg, sizeof msg, "Copied %zu row%s as tab-separated text.", rows.size(), rows.size() == 1 ? "" : "s");
    s.facts.notice = msg;
    s.facts.notice_is_error = false;
}

void table_keyboard(AppState& s, int page_rows) {
    FactsState& f = s.facts;
    const int n = (int)f.view.rows.size();
    const ImGuiIO& io = ImGui::GetIO();
    if (n == 0 || io.WantTextInput) return;
    int to = f.selected;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) to = f.selected < 0 ? 0 : f.selected + 1;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) to = f.selected < 0 ? 0 : f.selected - 1;
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) to = (f.selected < 0 ? 0 : f.selected) + page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) to = (f.selected < 0 ? 0 : f.selected) - page_rows;
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) to = 0;
    if (ImGui::IsKeyPressed(ImGuiKey_End)) to = n - 1;
    to = to < 0 ? 0 : to >= n ? n - 1 : to;
    if (to != f.selected) select_fact(s, to, io.KeyShift);
    if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) {
        if (f.selected >= 0) {
            select_fact(s, f.selected);  // re-opens the article at the figure
            set_view(s, View::Articles);
            s.focus = Focus::Reader;
        }
    }
    if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_C, false)) copy_selected_rows(s);
    if ((io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_A, false) && n > 0) {
        f.sel_anchor = 0;
        f.selected = n - 1;
        f.selected_row = f.view.rows[(size_t)n - 1];
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) select_fact(s, -1);
}

void facts_table(AppState& s, const AppFonts& fonts, ImVec2 size) {
    FactsState& f = s.facts;
    const FactTable& t = f.table;
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortMulti | ImGuiTableFlags_SortTristate |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("facts", (int)FactColumn::Count_, flags, size)) return;
    const float k = s.ui_scale;
    const float em = ImGui::GetFontSize();
    struct ColumnSpec { const char* label; float width_em; ImGuiTableColumnFlags flags; };
    static const ColumnSpec kSpecs[(int)FactColumn::Count_] = {
        {"Source", 10.5f, ImGuiTableColumnFlags_NoHide}, {"Kind", 5, 0}, {"Value", 8.5f, 0}, {"Unit", 5.5f, 0},
        {"Bounds", 9.5f, 0}, {"Subject", 11, 0}, {"Period", 6.5f, 0}, {"Hedge", 5, 0},
        {"Direction", 5, ImGuiTableColumnFlags_DefaultHide}, {"Pair \xC2\xB7 rate", 9, 0}, {"Sentence", 40, 0}};
    // On a phone the first columns must leave room for the value: Source and Kind start narrower (a
    // starting width only: the user's resizing is remembered).
    const bool narrow = ImGui::GetContentRegionAvail().x < 700 * s.ui_scale;
    for (int c = 0; c < (int)FactColumn::Count_; ++c) {
        const float w = c == 0 && narrow ? 6.5f : c == 1 && narrow ? 4.5f : kSpecs[c].width_em;
        ImGui::TableSetupColumn(kSpecs[c].label, kSpecs[c].flags | ImGuiTableColumnFlags_WidthFixed, w * em, (ImGuiID)c);
    }
    ImGui::TableSetupScrollFreeze(1, 1);
    (void)k;

    // Columns and sort from a link or the API: pushed into the table once.
    if (f.columns_from_link) {
        for (int c = 0; c < (int)FactColumn::Count_; ++c) ImGui::TableSetColumnEnabled(c, (f.columns_visible >> c) & 1u);
        f.columns_from_link = false;
    }
    if (f.sort_from_link) {
        bool first = true;
        for (int c = 0; c < (int)FactColumn::Count_; ++c) ImGui::TableSetColumnSortDirection(c, ImGuiSortDirection_None, false);
        for (const SortKey& key : f.sort)
            for (int c = 0; c < (int)FactColumn::Count_; ++c)
                if (fact_column_field((FactColumn)c) == key.field) {
                    ImGui::TableSetColumnSortDirection(c, key.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, !first);
                    first = false;
                }
        if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs()) ss->SpecsDirty = false;  // ours already
        f.sort_from_link = false;
    }
    if (ImGuiTableSortSpecs* ss = ImGui::TableGetSortSpecs(); ss && ss->SpecsDirty) {
        std::vector<SortKey> keys;
        for (int i = 0; i < ss->SpecsCount; ++i) {
            const ImGuiTableColumnSortSpecs& cs = ss->Specs[i];
            keys.push_back({fact_column_field((FactColumn)cs.ColumnUserID), cs.SortDirection == ImGuiSortDirection_Descending});
        }
        set_fact_sort(s, keys);
        ss->SpecsDirty = false;
    }
    // Visible columns as the table has them (the header's context menu hides and shows them).
    unsigned visible = 0;
    for (int c = 0; c < (int)FactColumn::Count_; ++c)
        if (ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_IsEnabled) visible |= 1u << c;
    if (visible != f.columns_visible) {
        f.columns_visible = visible;
        ++s.link_generation;
    }
    ImGui::TableHeadersRow();

    update_facts(s);  // the sort above may have changed
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const int n = (int)f.view.rows.size();
    ImGuiListClipper clipper;
    clipper.Begin(n, row_h);
    const bool scroll = f.scroll_to_selected && f.selected >= 0 && f.selected < n;
    if (scroll) clipper.IncludeItemByIndex(f.selected);
    int sel_lo = f.selected, sel_hi = f.selected;
    if (f.sel_anchor >= 0 && f.selected >= 0) {
        sel_lo = f.sel_anchor < f.selected ? f.sel_anchor : f.selected;
        sel_hi = f.sel_anchor < f.selected ? f.selected : f.sel_anchor;
    }
    char buf[160], buf2[64];
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const uint32_t r = f.view.rows[(size_t)i];
            ImGui::TableNextRow(0, row_h);
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            const bool selected = i >= sel_lo && i <= sel_hi && sel_lo >= 0;
            if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns)) {
                select_fact(s, i, ImGui::GetIO().KeyShift);
                s.focus = Focus::Facts;
            }
            {  // listed only when its middle is below the header and inside the table; clipped in x
                const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
                const ImVec2 mn = ImGui::GetItemRectMin(), mx = ImGui::GetItemRectMax();
                const float cy = (mn.y + mx.y) * 0.5f;
                if (cy >= wp.y + row_h && cy <= wp.y + ws.y)
                    s.layout.fact_rows.push_back({i, to_rect(ImVec2(ImMax(mn.x, wp.x), mn.y), ImVec2(ImMin(mx.x, wp.x + ws.x), mx.y))});
            }
            if (scroll && i == f.selected) {
                const float top = ImGui::GetWindowPos().y + row_h, bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - row_h;
                if (ImGui::GetItemRectMin().y < top || ImGui::GetItemRectMax().y > bottom) ImGui::SetScrollHereY(0.5f);
                f.scroll_to_selected = false;
            }
            ImGui::SameLine(0, 0);
            const FactSource& src = t.sources[t.source[r]];
            // Source: the date first (it never clips), then the outlet, or a short article id when
            // the text names no outlet.
            // (in a narrow Source column the outlet comes first: the date is in the tooltip and the reader)
            const bool source_narrow = ImGui::GetContentRegionAvail().x < 9 * ImGui::GetFontSize();
            if (src.date != kUnknown && !source_narrow) { ImGui::TextDisabled("%s", src.date.c_str()); ImGui::SameLine(); }
            if (src.outlet != kUnknown) ImGui::TextUnformatted(src.outlet.c_str());
            else if (src.id.size() > 12) ImGui::TextDisabled("%.9s\xE2\x80\xA6", src.id.c_str());
            else ImGui::TextDisabled("%s", src.id.c_str());
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
                ImGui::SetTooltip("article %s\noutlet %s\ndate %s", src.id.c_str(), src.outlet.c_str(), src.date.c_str());
            // Kind
            if (ImGui::TableNextColumn()) {
                ImGui::PushStyleColor(ImGuiCol_Text, fact_kind_color(t.kind[r]));
                ImGui::TextUnformatted(claim_kind_name((ClaimKind)t.kind[r]));
                ImGui::PopStyleColor();
            }
            const std::string_view unit = t.units.get(t.unit[r]);
            const Conversion* conv = t.conversion(r);
            const bool converted = conv && conv->converted();
            // Value: converted into the chosen currency (teal; amber when the rate is stale, assumed or
            // a fallback), the original a hover away.
            if (ImGui::TableNextColumn()) {
                if (converted) format_converted_value(t.shown_value()[r], buf, sizeof buf);
                else format_fact_value(t.value[r], unit == "%" ? "%" : nullptr, buf, sizeof buf);
                const bool flagged = conv && (conv->stale || conv->status == ConvertStatus::Fallback || t.ambiguous[r] ||
                                              conv->status == ConvertStatus::NoRate);
                const float w = ImGui::CalcTextSize(buf).x + (flagged ? ImGui::CalcTextSize(" *").x : 0), avail = ImGui::GetContentRegionAvail().x;
                if (w < avail) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);  // numbers align right
                if (t.ambiguous[r] && !converted) ImGui::TextColored(ImVec4(0.7f, 0.35f, 0, 1), "%s", buf);
                else if (converted) ImGui::TextColored(ImVec4(0.05f, 0.45f, 0.50f, 1), "%s", buf);
                else ImGui::TextUnformatted(buf);
                if (flagged) { ImGui::SameLine(0, 0); ImGui::TextColored(ImVec4(0.7f, 0.35f, 0, 1), " *"); }
                if (conv && ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip | ImGuiHoveredFlags_AllowWhenOverlappedByItem)) {
                    ImGui::BeginTooltip();
                    ImGui::Text("As written: %s %.*s", format_fact_value(t.value[r], nullptr, buf2, sizeof buf2), (int)unit.size(), unit.data());
                    if (converted || conv->status == ConvertStatus::NoRate) {
                        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34);
                        const std::string why = converted ? explain_fact_conversion(t, r) : conv->error;
                        ImGui::TextUnformatted(why.c_str());
                        ImGui::PopTextWrapPos();
                    }
                    ImGui::EndTooltip();
                }
            }
            // Unit: the shown one (the original, when converted, in the Value tooltip and the Bounds column's note)
            if (ImGui::TableNextColumn()) {
                const std::string_view shown_unit = converted ? conv->unit : unit;
                ImGui::TextUnformatted(shown_unit.data(), shown_unit.data() + shown_unit.size());
                if (t.ambiguous[r]) { ImGui::SameLine(); ImGui::TextColored(ImVec4(0.7f, 0.35f, 0, 1), converted ? "(from %.*s?)" : "(?)", (int)unit.size(), unit.data()); }
                else if (converted) { ImGui::SameLine(); ImGui::TextDisabled("(from %.*s)", (int)unit.size(), unit.data()); }
            }
            // Bounds
            if (ImGui::TableNextColumn()) {
                format_fact_bounds(t, r, buf, sizeof buf);
                const std::string_view q = t.qualifiers.get(t.qualifier[r]);
                ImGui::TextUnformatted(buf);
                if (!q.empty()) { ImGui::SameLine(); ImGui::TextDisabled("(%.*s)", (int)q.size(), q.data()); }
            }
            if (ImGui::TableNextColumn()) { std::string_view v = t.subjects.get(t.subject[r]); ImGui::TextUnformatted(v.data(), v.data() + v.size()); }
            if (ImGui::TableNextColumn()) ImGui::TextUnformatted(format_period(t.period_start[r], t.period_end[r], buf, sizeof buf));
            if (ImGui::TableNextColumn()) { std::string_view v = t.hedges.get(t.hedge[r]); ImGui::TextUnformatted(v.data(), v.data() + v.size()); }
            if (ImGui::TableNextColumn()) { std::string_view v = t.directions.get(t.direction[r]); ImGui::TextUnformatted(v.data(), v.data() + v.size()); }
            // Pair and rate
            if (ImGui::TableNextColumn() && !is_none(t.rate[r])) {
                const std::string_view ru = t.rate_units.get(t.rate_unit[r]);
                std::snprintf(buf, sizeof buf, "%.4f %.*s", t.rate[r], (int)ru.size(), ru.data());
                ImGui::TextUnformatted(buf);
                if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip) && t.pair_row[r] >= 0) {
                    const uint32_t p = (uint32_t)t.pair_row[r];
                    const std::string_view pt = t.texts.get(t.text[p]);
                    ImGui::SetTooltip("Converted from/to \"%.*s\" (%s %.*s) in the same article", (int)pt.size(), pt.data(),
                                      format_fact_value(t.value[p], nullptr, buf2, sizeof buf2),
                                      (int)t.units.get(t.unit[p]).size(), t.units.get(t.unit[p]).data());
                }
            }
            if (ImGui::TableNextColumn()) sentence_cell(t, r, fonts);
            ImGui::PopID();
        }
    }
    if (n == 0) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled(t.size() ? "No fact matches the query." : "No facts loaded. Drop .txt articles or factlens .jsonl files here.");
    }
    const int page_rows = ImMax(1, (int)(ImGui::GetWindowHeight() / row_h) - 2);
    ImGui::EndTable();
    if (s.focus == Focus::Facts) table_keyboard(s, page_rows);
}

} // namespace

void facts_toolbar(AppState& s) {
    FactsState& f = s.facts;
    const float k = s.ui_scale;
    // Query box, then the actions.
    const ImGuiStyle& st = ImGui::GetStyle();
    const float buttons_w = ImGui::CalcTextSize("Copy linkCSVJSONOpen filesFacets").x + st.FramePadding.x * 10 +
                            st.ItemSpacing.x * 6;
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool narrow = avail < 700 * k;
    ImGui::SetNextItemWidth(narrow ? -FLT_MIN : avail - buttons_w);
    const bool had_error = !f.query_error.empty();
    if (had_error) ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0.75f, 0.15f, 0.1f, 1));
    if (input_string("##query", "Query: words, kind:money unit:USD value>1e9 period:2025 -hedge:none", &f.query))
        set_fact_query(s, std::string(f.query));
    if (had_error) ImGui::PopStyleColor();
    s.layout.query = to_rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemActive()) s.focus = Focus::Query;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
        ImGui::SetTooltip("Free text searches sentences, subjects and units.\n"
                          "Fields: kind unit outlet article subject text qualifier hedge direction\n"
                          "        period date value low high rate ambiguous\n"
                          "Operators: field:value  field=value  field!=value  value>1e9  value<=5\n"
                          "Any of: unit:USD,CNY   Absent: hedge:none   Negate: -kind:date\n"
                          "Quote phrases: outlet:\"Race to AGI\" \"AI firms\"");
    if (!narrow) ImGui::SameLine();
    if (ImGui::Button("Copy link")) {
        const std::string frag = facts_fragment(s);
        const std::string link = s.host.page_link ? s.host.page_link(frag) : "#" + frag;
        if (s.host.copy_text) s.host.copy_text(link);
        else ImGui::SetClipboardText(link.c_str());
        f.notice = "Link copied: it opens this view with this query, sort and selection.";
        f.notice_is_error = false;
    }
    ImGui::SameLine();
    if (ImGui::Button("CSV")) export_rows(s, "csv");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) ImGui::SetTooltip("Download the rows on screen as CSV");
    ImGui::SameLine();
    if (ImGui::Button("JSON")) export_rows(s, "json");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip)) ImGui::SetTooltip("Download the rows on screen as JSON");
    ImGui::SameLine();
    if (ImGui::Button("Open files") && s.host.open_file_picker) s.host.open_file_picker();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_ForTooltip))
        ImGui::SetTooltip("Add .txt articles (extracted here) or .json/.jsonl from `factlens extract`.\nYou can also drop files on the page.");
    ImGui::SameLine();
    bool& show = narrow ? f.show_facets_narrow : f.show_facets;
    ImGui::PushStyleColor(ImGuiCol_Button, show ? st.Colors[ImGuiCol_Header] : st.Colors[ImGuiCol_FrameBg]);
    if (ImGui::Button("Facets")) show = !show;
    ImGui::PopStyleColor();

    // One line: the query error, or the counts and the last notice.
    char line[200];
    if (!f.query_error.empty()) {
        ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.08f, 1), "\xE2\x9A\xA0 %s \xC2\xB7 showing the last good query", f.query_error.c_str());
    } else {
        std::snprintf(line, sizeof line, "%zu of %zu facts", f.view.rows.size(), f.table.size());
        ImGui::TextUnformatted(line);
        if (!f.notice.empty()) {
            ImGui::SameLine();
            if (f.notice_is_error) ImGui::TextColored(ImVec4(0.70f, 0.10f, 0.08f, 1), "\xC2\xB7 %s", f.notice.c_str());
            else ImGui::TextDisabled("\xC2\xB7 %s", f.notice.c_str());
        }
    }
}

void facts_view(AppState& s, const AppFonts& fonts) {
    update_facts(s);
    facts_toolbar(s);
    FactsState& f = s.facts;
    const float k = s.ui_scale;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const bool narrow = avail.x < 700 * k;
    const bool show = narrow ? f.show_facets_narrow : f.show_facets;
    const float facets_w = show ? (narrow ? avail.x : ImClamp(avail.x * 0.18f, 170 * k, 260 * k)) : 0;
    const float facets_h = narrow ? ImMax(avail.y * 0.3f, 90 * k) : avail.y;
    if (show) {
        ImGui::BeginChild("facets", ImVec2(facets_w, facets_h), ImGuiChildFlags_Border);
        facets_panel(s);
        ImGui::EndChild();
        if (!narrow) ImGui::SameLine();
    }
    ImGui::BeginChild("facts_main", ImVec2(0, 0));
    const float main_h = ImGui::GetContentRegionAvail().y;
    const bool has_reader = f.selected >= 0 && s.selected >= 0;
    const float table_h = has_reader ? ImMax(main_h * (main_h < 400 * k ? 0.5f : 0.55f), 90 * k) : main_h;
    facts_table(s, fonts, ImVec2(0, table_h));
    if (has_reader) {
        ImGui::BeginChild("fact_reader", ImVec2(0, 0));
        reader_view(s, fonts, true);
        ImGui::EndChild();
    }
    ImGui::EndChild();
}

} // namespace factlens
