#include "focus_order.h"

#include <cstring>

#include "imgui.h"
#include "imgui_internal.h"

namespace factlens {

namespace {

struct FocusOrder {
    ImGuiContext* ctx = nullptr;
    FocusStop stop = FocusStop::None;  // the stop Tab last moved to (Tabs has no Focus value of its own)
    bool ring = false;                 // reached by keyboard: draw the focus ring
    ImGuiID filter_id = 0, query_id = 0;
};
FocusOrder& fo() {
    static FocusOrder f;
    if (f.ctx != ImGui::GetCurrentContext()) f = FocusOrder{ImGui::GetCurrentContext()};
    return f;
}

FocusStop from_focus(Focus f) {
    switch (f) {
        case Focus::Filter: return FocusStop::Filter;
        case Focus::List: return FocusStop::List;
        case Focus::Reader: return FocusStop::Reader;
        case Focus::Query: return FocusStop::Query;
        case Focus::Facts: return FocusStop::Table;
        case Focus::Currency: return FocusStop::Currency;
        case Focus::Pairs: return FocusStop::Pairs;
        case Focus::Clusters: return FocusStop::Clusters;
        case Focus::Diff: return FocusStop::Diff;
        case Focus::None: break;
    }
    return FocusStop::None;
}

Focus to_focus(FocusStop f) {
    switch (f) {
        case FocusStop::Filter: return Focus::Filter;
        case FocusStop::List: return Focus::List;
        case FocusStop::Reader: return Focus::Reader;
        case FocusStop::Query: return Focus::Query;
        case FocusStop::Table: return Focus::Facts;
        case FocusStop::Currency: return Focus::Currency;
        case FocusStop::Pairs: return Focus::Pairs;
        case FocusStop::Clusters: return Focus::Clusters;
        case FocusStop::Diff: return Focus::Diff;
        default: return Focus::None;
    }
}

int view_stops(const AppState& s, FocusStop* out) {
    int n = 0;
    out[n++] = FocusStop::Tabs;
    out[n++] = FocusStop::Currency;
    if (s.view == View::Diff) {
        out[n++] = FocusStop::Diff;
    } else if (s.view == View::Compare) {
        out[n++] = FocusStop::Clusters;
    } else if (s.view == View::Rates) {
        out[n++] = FocusStop::Pairs;
        if (s.currency.selected_check >= 0 && s.selected >= 0) out[n++] = FocusStop::Reader;
    } else if (s.view == View::Facts) {
        out[n++] = FocusStop::Query;
        out[n++] = FocusStop::Table;
        if (s.facts.selected >= 0 && s.selected >= 0) out[n++] = FocusStop::Reader;
    } else {
        out[n++] = FocusStop::Filter;
        out[n++] = FocusStop::List;
        if (s.selected >= 0) out[n++] = FocusStop::Reader;
    }
    return n;
}

void go(AppState& s, FocusStop stop, bool ring) {
    FocusOrder& f = fo();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    f.stop = stop;
    f.ring = ring && stop != FocusStop::None;
    s.focus = to_focus(stop);
    const ImGuiID text_id = stop == FocusStop::Filter ? f.filter_id : stop == FocusStop::Query ? f.query_id : 0;
    // Whatever widget was active (a text field being edited) lets go; a text field stop is activated
    // the way keyboard navigation does it, with its text selected, on the next frame.
    if (g.ActiveId != 0 && g.ActiveId != text_id) ImGui::ClearActiveID();
    if (text_id != 0 && g.ActiveId != text_id) {
        g.NavNextActivateId = text_id;
        g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
    }
}

ImGuiWindow* window_named(const char* part, const char* after = nullptr) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = g.Windows[i];
        if (!w->Active || w->Hidden) continue;
        const char* at = std::strstr(w->Name, part);
        if (at && (!after || std::strstr(at + std::strlen(part), after))) return w;
    }
    return nullptr;
}

bool ring_rect(const AppState& s, FocusStop stop, ImRect* out) {
    auto from = [](const UiRect& r) { return ImRect(r.x, r.y, r.x + r.w, r.y + r.h); };
    const ImGuiWindow* w = nullptr;
    switch (stop) {
        case FocusStop::Tabs: *out = from(s.layout.tabs[(int)s.view]); break;
        case FocusStop::Currency: {
            if (s.layout.currency_buttons.empty()) return false;
            ImRect u = from(s.layout.currency_buttons.front().rect);
            for (const auto& b : s.layout.currency_buttons) u.Add(from(b.rect));
            u.Add(from(s.layout.rate_mode));
            *out = u;
            break;
        }
        case FocusStop::Pairs: w = window_named("/rates_pairs_"); break;
        case FocusStop::Clusters: w = window_named("/compare_clusters_"); break;
        case FocusStop::Diff: w = window_named("/diff_body_"); break;
        case FocusStop::Filter: *out = from(s.layout.filter); break;
        case FocusStop::Query: *out = from(s.layout.query); break;
        case FocusStop::List: w = window_named("/list_pane_", "/articles_"); break;
        case FocusStop::Table: w = window_named("/facts_main_", "/facts_"); break;
        case FocusStop::Reader: w = window_named("/reader_text_"); break;
        case FocusStop::None: return false;
    }
    if (w) *out = w->OuterRectClipped;
    return out->GetWidth() > 0 && out->GetHeight() > 0;
}

} // namespace

const char* focus_stop_name(FocusStop stop) {
    switch (stop) {
        case FocusStop::Tabs: return "tabs";
        case FocusStop::Filter: return "filter";
        case FocusStop::List: return "list";
        case FocusStop::Reader: return "reader";
        case FocusStop::Query: return "query";
        case FocusStop::Table: return "facts";
        case FocusStop::Currency: return "currency";
        case FocusStop::Pairs: return "pairs";
        case FocusStop::Clusters: return "clusters";
        case FocusStop::Diff: return "diff";
        case FocusStop::None: break;
    }
    return nullptr;
}

FocusStop focus_stop(const AppState& s) {
    const FocusStop f = from_focus(s.focus);  // a click moves the app's focus: it wins
    if (f != FocusStop::None) return f;
    return fo().stop == FocusStop::Tabs ? FocusStop::Tabs : FocusStop::None;
}

bool focus_stop_is_text(FocusStop stop) { return stop == FocusStop::Filter || stop == FocusStop::Query; }

bool focus_step(AppState& s, int dir) {
    FocusStop stops[8];
    const int n = view_stops(s, stops);
    const FocusStop cur = focus_stop(s);
    int at = -1;
    for (int i = 0; i < n; ++i)
        if (stops[i] == cur) at = i;
    int next;
    if (at < 0) next = dir > 0 ? 0 : n - 1;  // no stop (or one of the other view): start at an end
    else next = at + (dir > 0 ? 1 : -1);
    if (next < 0 || next >= n) {
        focus_release(s);
        return false;
    }
    go(s, stops[next], true);
    return true;
}

void focus_enter(AppState& s, int dir) {
    FocusStop stops[8];
    const int n = view_stops(s, stops);
    go(s, stops[dir < 0 ? n - 1 : 0], true);
}

void focus_release(AppState& s) {
    go(s, FocusStop::None, false);
}

void focus_pointer_used() { fo().ring = false; }

void focus_show_ring() { fo().ring = fo().stop != FocusStop::None; }

void focus_note_text_field(FocusStop stop, unsigned int imgui_id) {
    FocusOrder& f = fo();
    if (stop == FocusStop::Filter) f.filter_id = imgui_id;
    if (stop == FocusStop::Query) f.query_id = imgui_id;
}

void focus_frame_end(AppState& s) {
    FocusOrder& f = fo();
    const ImGuiIO& io = ImGui::GetIO();
    // A click on a view tab puts the keyboard there (Tab goes on from it, arrows switch views).
    bool on_tabs = false;
    if (ImGui::IsMouseClicked(0)) {
        for (const UiRect& r : s.layout.tabs)
            if (io.MousePos.x >= r.x && io.MousePos.x < r.x + r.w && io.MousePos.y >= r.y && io.MousePos.y < r.y + r.h) on_tabs = true;
        if (on_tabs) s.focus = Focus::None;
    }
    // Follow the app's own focus (clicks, Enter in the table opening the reader, …).
    const FocusStop now = from_focus(s.focus);
    if (on_tabs) f.stop = FocusStop::Tabs;
    else if (now != FocusStop::None) f.stop = now;
    else if (f.stop != FocusStop::Tabs) f.stop = FocusStop::None;
    if (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1)) {
        f.ring = false;
        if (f.stop == FocusStop::Tabs && !on_tabs) f.stop = FocusStop::None;  // a click elsewhere leaves the tab bar
    }
    if (f.stop == FocusStop::None) f.ring = false;

    // On the view tabs, Left/Right (and Home/End) switch the view, as in a tab list.
    if (f.stop == FocusStop::Tabs && !io.WantTextInput && !io.KeyCtrl && !io.KeyAlt) {
        const int v = (int)s.view, last = (int)View::Diff;
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, false) && v > 0) set_view(s, (View)(v - 1));
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow, false) && v < last) set_view(s, (View)(v + 1));
        if (ImGui::IsKeyPressed(ImGuiKey_Home, false)) set_view(s, View::Articles);
        if (ImGui::IsKeyPressed(ImGuiKey_End, false)) set_view(s, (View)last);
    }

    ImRect r;
    if (f.ring && ring_rect(s, f.stop, &r)) {
        const float k = s.ui_scale > 0 ? s.ui_scale : 1.0f;
        const float pad = 2.0f * k;
        r.Expand(pad);
        ImGui::GetForegroundDrawList()->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImVec4(0.10f, 0.42f, 0.88f, 1.0f)),
                                               4.0f * k, 0, 2.0f * k);
    }
}

} // namespace factlens
