// The Compare view through the app's intents, its API and headless frames. Expected clusters are
// hand-labelled from the five seed articles (see tests/core/test_align.cpp for the engine's own).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "app_api.h"
#include "focus_order.h"
#include "ui_fixture.h"

using namespace factlens;
using nlohmann::json;

namespace {
json cmd(AppState& s, const json& req) { return json::parse(run_command_json(s, req.dump())); }
json state(AppState& s) { return json::parse(state_json(s, PlatformInfo{})); }
const json* cluster_with(const json& clusters, const std::string& verdict, const std::string& member_text) {
    for (const json& c : clusters)
        if (c["verdict"] == verdict)
            for (const json& m : c["members"])
                if (m["text"].get<std::string>().find(member_text) != std::string::npos) return &c;
    return nullptr;
}
}  // namespace

TEST_CASE("compare: the seeds line up across sources with verdicts", "[compare]") {
    AppState s;
    load_embedded_corpus(s);
    CHECK(state(s)["compare"].is_null());  // not run until used
    json r = cmd(s, {{"type", "compare"}});
    REQUIRE(r["ok"] == true);
    json c = state(s)["compare"];
    CHECK(state(s)["view"] == "compare");
    CHECK(c["articles"].size() == 5);
    // Hand-labelled: four facts reported by several sources.
    CHECK(c["counts"]["agree"] == 1);       // "over 6,000" AI firms (000, ECNS)
    CHECK(c["counts"]["compatible"] == 2);  // 1 / 1.2 trillion yuan and their dollars; 9.3% vs "more than 9 percent"
    CHECK(c["counts"]["timeframe"] == 1);   // 5.9% for 2025 vs a 5.9% target for 2026
    CHECK(c["counts"]["conflict"] == 0);
    const json* firms = cluster_with(c["clusters"], "agree", "6,000");
    REQUIRE(firms);
    CHECK((*firms)["sources"] == 2);
    const json* yuan = cluster_with(c["clusters"], "compatible", "1.2 trillion yuan");
    REQUIRE(yuan);
    CHECK((*yuan)["sources"] == 5);
    // Each article's dollar conversion is in the cluster beside its yuan figure.
    int dollars = 0;
    for (const json& m : (*yuan)["members"]) dollars += m["unit"] == "USD";
    CHECK(dollars == 4);  // 000, ECNS, Race to AGI and 004 convert; 001 states no dollar figure
    const json* year = cluster_with(c["clusters"], "timeframe", "5.9");
    REQUIRE(year);
    CHECK((*year)["explanation"].get<std::string>().find("2026") != std::string::npos);
    // Multi-source clusters come first.
    CHECK(c["clusters"][0]["sources"].get<int>() > 1);
}

TEST_CASE("compare: filter, sort, select, currency and bad requests", "[compare]") {
    AppState s;
    load_embedded_corpus(s);
    REQUIRE(cmd(s, {{"type", "compare"}})["ok"] == true);
    REQUIRE(cmd(s, {{"type", "set_compare_filter"}, {"verdicts", {"timeframe", "agree"}}})["ok"] == true);
    json c = state(s)["compare"];
    CHECK(c["visible"] == 2);
    for (const json& cl : c["clusters"]) CHECK((cl["verdict"] == "timeframe" || cl["verdict"] == "agree"));
    REQUIRE(cmd(s, {{"type", "set_compare_filter"}, {"verdicts", {"agree", "compatible", "conflict", "timeframe", "single"}}})["ok"] == true);
    REQUIRE(cmd(s, {{"type", "set_compare_sort"}, {"by", "disagreement"}})["ok"] == true);
    c = state(s)["compare"];
    CHECK(c["sort"] == "disagreement");
    // Multi-source clusters by spread, largest first.
    double last = 1e300;
    for (const json& cl : c["clusters"]) {
        if (cl["sources"] == 1) break;
        CHECK(cl["spread"].get<double>() <= last);
        last = cl["spread"].get<double>();
    }
    // Selecting opens the first member's article at its figure.
    REQUIRE(cmd(s, {{"type", "select_cluster"}, {"index", 0}})["ok"] == true);
    CHECK(state(s)["compare"]["selected"] == 0);
    CHECK(s.selected >= 0);
    // With dollars chosen, yuan figures show converted, with their note.
    REQUIRE(cmd(s, {{"type", "set_compare_sort"}, {"by", "sources"}})["ok"] == true);
    REQUIRE(cmd(s, {{"type", "set_currency"}, {"currency", "USD"}})["ok"] == true);
    update_compare(s);
    c = state(s)["compare"];
    const json* yuan = cluster_with(c["clusters"], "compatible", "1.2 trillion yuan");
    REQUIRE(yuan);
    bool converted = false;
    for (const json& m : (*yuan)["members"])
        if (m["unit"] == "CNY" && m.contains("display_value")) {
            converted = true;
            CHECK(m["display_unit"] == "USD");
            CHECK(m["conversion_note"].get<std::string>().find("CNY per USD") != std::string::npos);
        }
    CHECK(converted);
    // Refused, nothing changes.
    const std::string before = state(s)["compare"].dump();
    for (const json& bad : {json{{"type", "compare"}, {"articles", {"nope"}}},
                            json{{"type", "compare"}, {"articles", {0}}},
                            json{{"type", "compare"}, {"articles", {0, 99}}},
                            json{{"type", "compare"}, {"articles", "all"}},
                            json{{"type", "compare"}, {"articles", {1.5, 2}}},
                            json{{"type", "select_cluster"}, {"index", 999}},
                            json{{"type", "set_compare_filter"}, {"verdicts", json::array()}},
                            json{{"type", "set_compare_filter"}, {"verdicts", {"maybe"}}},
                            json{{"type", "set_compare_sort"}, {"by", "size"}}}) {
        json e = cmd(s, bad);
        INFO(bad.dump());
        CHECK(e["ok"] == false);
    }
    CHECK(state(s)["compare"].dump() == before);
    // Two articles only.
    REQUIRE(cmd(s, {{"type", "compare"}, {"articles", {"000_9de56da941baaf02", 2}}})["ok"] == true);
    c = state(s)["compare"];
    CHECK(c["articles"] == json({"000_9de56da941baaf02", "002_97deae5d2b524853"}));
    CHECK(c["counts"]["agree"] == 1);  // the 6,000 firms
}

TEST_CASE("compare: the view in headless frames, desktop and keyboard", "[compare]") {
    UiFixture ui(1.0f, 1280, 800);
    AppState& s = ui.app;
    set_view(s, View::Compare);
    ui.frame(3);
    REQUIRE(s.layout.verdict_buttons.size() == 5);
    REQUIRE(s.layout.cluster_rows.size() >= 5);
    const UiRect row = s.layout.cluster_rows[0].rect;
    ui.click(row.x + 30, row.y + row.h / 2);
    CHECK(s.compare.selected == 0);
    CHECK(s.focus == Focus::Clusters);
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_DownArrow, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_DownArrow, false);
    ui.frame();
    CHECK(s.compare.selected == 1);
    // Clicking a verdict button shows only that verdict.
    const UiRect tf = s.layout.verdict_buttons[3].rect;
    CHECK(std::string(s.layout.verdict_buttons[3].name) == "timeframe");
    ui.click(tf.x + tf.w / 2, tf.y + tf.h / 2);
    CHECK(s.compare.verdicts == (1u << 3));
    CHECK(s.compare.rows.size() == 1);
    // Tab order: tabs, currency, clusters.
    focus_release(s);
    CHECK(focus_step(s, 1));
    CHECK(focus_step(s, 1));
    CHECK(focus_step(s, 1));
    CHECK(focus_stop(s) == FocusStop::Clusters);
}

TEST_CASE("compare: the view on a phone", "[compare]") {
    UiFixture phone(2.0f, 390, 844);
    set_view(phone.app, View::Compare);
    phone.frame(3);
    REQUIRE_FALSE(phone.app.layout.cluster_rows.empty());
    select_cluster(phone.app, 0);
    phone.frame(3);
    CHECK(phone.app.compare.selected == 0);
}
