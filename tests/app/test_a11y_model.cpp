// The accessibility mirror's model: when its generation moves (and when not), and what a snapshot
// holds (the rows on screen and the counts, never the whole table; the article text once).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "a11y_model.h"
#include "ui_fixture.h"

using namespace factlens;
using nlohmann::json;

static json snapshot(const AppState& s, A11yTextSent* sent = nullptr) { return json::parse(a11y_snapshot_json(s, sent)); }

TEST_CASE("a11y: the generation stays put on idle frames and hovering", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    ui.frame(3);
    const uint64_t g = a11y_generation(ui.app);
    CHECK(g < (1ull << 53));  // exact as a JS number
    ui.frame(5);
    CHECK(a11y_generation(ui.app) == g);
    set_view(ui.app, View::Facts);
    ui.frame(3);
    const uint64_t gf = a11y_generation(ui.app);
    CHECK(gf != g);
    // Moving the mouse over the table (hover highlight, tooltips) changes nothing a reader is told.
    REQUIRE(ui.app.layout.fact_rows.size() > 3);
    const UiRect r = ui.app.layout.fact_rows[2].rect;
    ImGui::GetIO().AddMousePosEvent(r.x + 30, r.y + r.h / 2);
    ui.frame(4);
    CHECK(a11y_generation(ui.app) == gf);
}

TEST_CASE("a11y: the generation moves on what the mirror shows", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    ui.frame(2);
    uint64_t g = a11y_generation(s);
    auto moved = [&](const char* what) {
        ui.frame(2);
        const uint64_t now = a11y_generation(s);
        INFO(what);
        CHECK(now != g);
        g = now;
    };
    select_article(s, 2);
    moved("article selected");
    set_filter(s, "ECNS");
    moved("filter");
    set_filter(s, "");
    moved("filter cleared");
    set_view(s, View::Facts);
    moved("view");
    set_fact_query(s, "kind:money");
    moved("query");
    set_fact_query(s, "kind:money unit:");
    moved("query error");
    set_fact_query(s, "kind:money");
    moved("query error gone");
    select_fact(s, 3);
    moved("fact selected");
    select_fact(s, 4, true);
    moved("range extended");
    select_fact(s, -1);
    moved("selection cleared");
    set_fact_sort(s, {{FactField::Value, true}});
    moved("sort");
    set_fact_columns(s, {"source", "value", "unit"});
    moved("columns");
    set_fact_query(s, "");
    moved("query cleared");
    // Scrolling the table moves the window of rows on screen.
    REQUIRE_FALSE(s.layout.fact_rows.empty());
    CHECK(s.layout.fact_rows.front().index == 0);
    const UiRect r = s.layout.fact_rows[1].rect;
    ImGui::GetIO().AddMousePosEvent(r.x + 30, r.y + r.h / 2);
    ImGui::GetIO().AddMouseWheelEvent(0, -3);
    ui.frame(3);
    REQUIRE_FALSE(s.layout.fact_rows.empty());
    CHECK(s.layout.fact_rows.front().index > 0);
    CHECK(a11y_generation(s) != g);
    g = a11y_generation(s);
    FileLoadResult lr = load_file(s, "extra.txt", "Revenue rose 5 percent to 3 billion yuan in 2025.\n");
    REQUIRE(lr.ok);
    moved("facts loaded");
}

TEST_CASE("a11y: the snapshot holds the rows on screen, the counts and the selection", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    json j = snapshot(s);
    CHECK(j["view"] == "articles");
    CHECK(j["articles"]["total"] == 5);
    CHECK(j["articles"]["options"].size() == 5);
    CHECK(j["articles"]["selected"] == 0);
    CHECK(j["reader"]["id"] == s.corpus.articles[0].id);
    CHECK(j["reader"]["text"] == s.corpus.articles[0].text);
    CHECK(j["facts"]["rows"].empty());  // the table is not drawn in the Articles view

    set_filter(s, "ecns");
    j = snapshot(s);
    REQUIRE(j["articles"]["options"].size() == 1);
    CHECK(j["articles"]["options"][0]["index"] == 2);
    CHECK(j["articles"]["options"][0]["label"].get<std::string>().find("ECNS, 2026-01-21") != std::string::npos);
    set_filter(s, "");

    set_view(s, View::Facts);
    ui.frame(3);
    j = snapshot(s);
    CHECK(j["view"] == "facts");
    CHECK(j["facts"]["total"] == 83);
    CHECK(j["facts"]["visible"] == 83);
    const size_t on_screen = s.layout.fact_rows.size();
    REQUIRE(on_screen > 5);
    CHECK(on_screen < 83);
    REQUIRE(j["facts"]["rows"].size() == on_screen);
    CHECK(j["facts"]["rows"][0]["index"] == s.layout.fact_rows[0].index);
    CHECK(j["facts"]["columns"].size() == 10);  // Direction is hidden by default
    CHECK(j["facts"]["rows"][0]["cells"].size() == 10);
    CHECK(j["reader"].is_null());               // no fact selected: no reader under the table

    set_fact_query(s, "kind:money unit:USD");
    ui.frame(2);
    j = snapshot(s);
    CHECK(j["facts"]["visible"] == 5);
    CHECK(j["facts"]["applied_query"] == "kind:money unit:USD");
    REQUIRE(j["facts"]["rows"].size() == 5);
    int ecns = -1;
    for (const json& r : j["facts"]["rows"]) {
        CHECK(r["selected"] == false);
        if (r["cells"][0] == "ECNS, 2026-01-21") ecns = r["index"];
    }
    REQUIRE(ecns >= 0);
    select_fact(s, ecns);
    ui.frame(2);
    j = snapshot(s);
    CHECK(j["facts"]["selected"] == ecns);
    CHECK(j["facts"]["selected_count"] == 1);
    CHECK(j["facts"]["selected_fact"]["label"] == "168 billion USD, ECNS, 2026-01-21");
    CHECK(j["facts"]["rows"][(size_t)ecns]["selected"] == true);
    CHECK(j["reader"]["id"] == "002_97deae5d2b524853");  // the fact's article, under the table
    CHECK(j["reader"]["highlight"] == "$168 billion");

    set_fact_query(s, "kind:mony");
    j = snapshot(s);
    CHECK(j["facts"]["query_error"].get<std::string>().find("mony") != std::string::npos);
    CHECK(j["facts"]["visible"] == 5);  // the last good query's rows stay
}

TEST_CASE("a11y: bounds and periods are spelled out", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    set_view(s, View::Facts);
    set_fact_query(s, "qualifier:over");
    ui.frame(3);
    json j = snapshot(s);
    REQUIRE_FALSE(j["facts"]["rows"].empty());
    const json& cols = j["facts"]["columns"];
    size_t bounds = 0;
    for (size_t c = 0; c < cols.size(); ++c) if (cols[c]["name"] == "bounds") bounds = c;
    const std::string b = j["facts"]["rows"][0]["cells"][bounds];
    CHECK(b.rfind("more than ", 0) == 0);
    CHECK(b.find("(over)") != std::string::npos);
}

TEST_CASE("a11y: the article text goes out once per article", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    A11yTextSent sent;
    CHECK(snapshot(s, &sent)["reader"]["text"] == s.corpus.articles[0].text);
    CHECK(snapshot(s, &sent)["reader"]["text"].is_null());
    CHECK(snapshot(s, &sent)["reader"]["id"] == s.corpus.articles[0].id);
    select_article(s, 3);
    CHECK(snapshot(s, &sent)["reader"]["text"] == s.corpus.articles[3].text);
    CHECK(snapshot(s, &sent)["reader"]["text"].is_null());
    sent = A11yTextSent{};  // what a11y_resend_text() does to the process-wide one
    CHECK(snapshot(s, &sent)["reader"]["text"] == s.corpus.articles[3].text);
    CHECK(snapshot(s, nullptr)["reader"]["text"] == s.corpus.articles[3].text);
    // The process-wide one, as the browser uses it.
    a11y_resend_text();
    CHECK(json::parse(a11y_snapshot_json(s))["reader"]["text"].is_string());
    CHECK(json::parse(a11y_snapshot_json(s))["reader"]["text"].is_null());
}

TEST_CASE("a11y: a snapshot stays small at a large table", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    FactTable& t = s.facts.table;
    FactSource src;
    src.id = "big";
    src.outlet = "Bulk";
    src.date = "2025-01-01";
    const uint32_t si = fact_source(t, src);
    for (int i = 0; i < 200000; ++i) {
        FactRecord r;
        r.kind = ClaimKind::Money;
        r.value = 1000.0 + i;
        r.unit = "USD";
        r.text = "$1,000";
        add_fact(t, si, r);
    }
    s.facts.dirty = true;
    s.facts.query_dirty = true;
    set_view(s, View::Facts);
    ui.frame(3);
    const std::string snap = a11y_snapshot_json(s, nullptr);
    const json j = json::parse(snap);
    CHECK(j["facts"]["total"] == 200083);
    CHECK(j["facts"]["visible"] == 200083);
    CHECK(j["facts"]["rows"].size() == s.layout.fact_rows.size());
    CHECK(j["facts"]["rows"].size() < 60);
    CHECK(snap.size() < 40000);
}

TEST_CASE("a11y: the currency toggle, Rates, Compare and Diff reach the mirror", "[a11y]") {
    UiFixture ui(1.0f, 1400, 800);
    AppState& s = ui.app;
    ui.frame(2);
    json j = snapshot(s);
    CHECK(j["currency"]["label"] == "Amounts as written");
    CHECK(j["panel"].is_null());
    // Dollars: the label says so, and a converted value cell says how.
    const uint64_t g = a11y_generation(s);
    REQUIRE(set_currency(s, "USD", RateMode::Reference).empty());
    set_view(s, View::Facts);
    REQUIRE(set_fact_query(s, "kind:money unit:CNY").empty());
    ui.frame(3);
    CHECK(a11y_generation(s) != g);
    j = snapshot(s);
    CHECK(j["currency"]["label"] == "Amounts in USD at the reference rate");
    REQUIRE_FALSE(j["facts"]["rows"].empty());
    size_t value_col = 0;
    for (size_t c = 0; c < j["facts"]["columns"].size(); ++c)
        if (j["facts"]["columns"][c]["name"] == "value") value_col = c;
    const std::string cell = j["facts"]["rows"][0]["cells"][value_col];
    CHECK(cell.find("USD (converted: ") != std::string::npos);
    CHECK(cell.find("CNY per USD") != std::string::npos);
    // Rates: every pair with its verdict.
    set_view(s, View::Rates);
    ui.frame(3);
    j = snapshot(s);
    REQUIRE(j["panel"]["view"] == "rates");
    CHECK(j["panel"]["rows"].size() == 5);
    int far = 0;
    for (const json& r : j["panel"]["rows"]) far += r["cells"][3] == "far";
    CHECK(far == 2);
    // Compare: one row per cluster, a cell per source.
    set_view(s, View::Compare);
    ui.frame(3);
    j = snapshot(s);
    REQUIRE(j["panel"]["view"] == "compare");
    CHECK(j["panel"]["columns"].size() == 2 + 5 + 1);
    CHECK(j["panel"]["rows"].size() == 17);
    CHECK(j["panel"]["caption"].get<std::string>().find("1 agree, 2 compatible, 0 conflict, 1 timeframe") != std::string::npos);
    // Diff: the changes listed.
    set_view(s, View::Diff);
    ui.frame(3);
    j = snapshot(s);
    REQUIRE(j["panel"]["view"] == "diff");
    CHECK(j["panel"]["columns"] == json({"Change", "Was", "Now"}));
    CHECK_FALSE(j["panel"]["rows"].empty());
    CHECK(j["panel"]["caption"].get<std::string>().rfind("Changes from 000_9de56da941baaf02 to 001_74d299288f265200", 0) == 0);
}
