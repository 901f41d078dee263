// The facts explorer at the app level: intents, the URL fragment, files, the API, and whole frames.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app_api.h"
#include "ui_fixture.h"

using namespace factlens;
using nlohmann::json;

static AppState loaded() {
    AppState s;
    load_embedded_corpus(s);
    update_facts(s);
    return s;
}

static std::vector<std::string> visible_texts(const AppState& s) {
    std::vector<std::string> out;
    for (uint32_t r : s.facts.view.rows) out.emplace_back(s.facts.table.texts.get(s.facts.table.text[r]));
    return out;
}

TEST_CASE("the embedded facts are in the table, linked to their articles", "[facts]") {
    AppState s = loaded();
    REQUIRE(s.facts.table.size() == 83);
    CHECK(s.facts.view.rows.size() == 83);
    // Every fact of a corpus article has a sentence that holds its figure.
    for (size_t r = 0; r < s.facts.table.size(); ++r) {
        const FactSource& src = s.facts.table.sources[s.facts.table.source[r]];
        REQUIRE(src.article >= 0);
        const std::string_view sentence = s.facts.table.sentences.get(s.facts.table.sentence[r]);
        CHECK(sentence.find(s.facts.table.texts.get(s.facts.table.text[r])) != std::string_view::npos);
    }
}

TEST_CASE("a query narrows the rows; a malformed one keeps the last good rows and says why", "[facts]") {
    AppState s = loaded();
    CHECK(set_fact_query(s, "kind:money unit:USD").empty());
    update_facts(s);
    // Hand-counted in the seed articles: the five dollar amounts (000: US$170 billion and 171.39
    // billion U.S. dollars; 002: $168 billion; 003: US$142 billion; 004: $142 billion).
    std::vector<std::string> texts = visible_texts(s);
    std::sort(texts.begin(), texts.end());
    CHECK(texts == std::vector<std::string>{"$142 billion", "$168 billion", "171.39 billion U.S. dollars",
                                            "US$142 billion", "US$170 billion"});
    CHECK(set_fact_query(s, "kind:money unit:").empty());  // accepted, but not applied
    update_facts(s);
    CHECK_FALSE(s.facts.query_error.empty());
    CHECK(s.facts.query_error.find("character") != std::string::npos);
    CHECK(s.facts.view.rows.size() == 5);
    CHECK(s.facts.applied_query == "kind:money unit:USD");
    CHECK(set_fact_query(s, "").empty());
    update_facts(s);
    CHECK(s.facts.query_error.empty());
    CHECK(s.facts.view.rows.size() == 83);
}

TEST_CASE("selecting a fact opens its article at the figure", "[facts]") {
    AppState s = loaded();
    set_fact_query(s, "outlet:ECNS kind:money unit:USD");
    update_facts(s);
    REQUIRE(s.facts.view.rows.size() == 1);
    CHECK(select_fact(s, 0).empty());
    const uint32_t r = s.facts.view.rows[0];
    CHECK(s.corpus.articles[(size_t)s.selected].id == "002_97deae5d2b524853");
    const std::string& text = s.corpus.articles[(size_t)s.selected].text;
    CHECK(text.substr(s.reader_highlight_start, s.reader_highlight_end - s.reader_highlight_start) == "$168 billion");
    CHECK(s.facts.selected_row == r);
    CHECK_FALSE(select_fact(s, 1).empty());   // only one row on screen
    CHECK_FALSE(select_fact(s, -2).empty());
    CHECK(s.facts.selected == 0);             // unchanged by the failures
    CHECK(select_fact(s, -1).empty());
    CHECK(s.facts.selected == -1);
}

TEST_CASE("the URL fragment restores view, query, sort, columns and selection", "[facts]") {
    AppState a = loaded();
    set_view(a, View::Facts);
    set_fact_query(a, "unit:CNY,USD \"AI & co\" -hedge:none");  // '&' and '"' must survive
    set_fact_query(a, "unit:CNY,USD -hedge:none");
    set_fact_sort(a, {{FactField::Value, true}, {FactField::Outlet, false}});
    set_fact_columns(a, {"source", "value", "unit", "sentence"});
    update_facts(a);
    REQUIRE(a.facts.view.rows.size() > 2);
    select_fact(a, 2);
    const std::string frag = facts_fragment(a);
    CHECK(frag.find("view=facts") == 0);
    AppState b = loaded();
    apply_fragment(b, "#" + frag);
    update_facts(b);
    CHECK(b.view == View::Facts);
    CHECK(b.facts.applied_query == a.facts.applied_query);
    CHECK(b.facts.view.rows == a.facts.view.rows);
    CHECK(b.facts.selected == 2);
    CHECK(b.facts.columns_visible == a.facts.columns_visible);
    CHECK(facts_fragment(b) == frag);

    // Non-ASCII and '&' '#' in a query, and keys FactLens does not own, survive the round trip.
    AppState c = loaded();
    set_fact_query(c, "\"Zürich & #1\" subject:\"AI 企业\"");
    c.fragment_extra = {{"allow-origin", "https://a.example,https://b.example"}};
    AppState d = loaded();
    apply_fragment(d, facts_fragment(c));
    CHECK(d.facts.applied_query == "\"Zürich & #1\" subject:\"AI 企业\"");
    CHECK(facts_fragment(d) == facts_fragment(c));
    // A fragment with nonsense is applied as far as it goes, never crashes.
    AppState e = loaded();
    apply_fragment(e, "#view=nope&q=%E0%A4&sort=bogus:up&cols=&fact=99999999999999999999&&=");
    CHECK(e.view == View::Articles);
    CHECK(e.facts.sort.empty());
}

TEST_CASE("files: a .txt article is extracted, bad facts files change nothing", "[facts]") {
    AppState s = loaded();
    FileLoadResult r = load_file(s, "my-article.txt", "Revenue rose 5 percent to 3 billion yuan in 2025.\n");
    REQUIRE(r.ok);
    CHECK(r.article == "my-article");
    CHECK(s.corpus.articles.size() == 6);
    set_fact_query(s, "article:my-article");
    update_facts(s);
    std::vector<std::string> texts = visible_texts(s);
    std::sort(texts.begin(), texts.end());
    // Hand-labelled: the percent, the money, and the year.
    CHECK(texts == std::vector<std::string>{"2025", "3 billion yuan", "5 percent"});

    const size_t before = s.facts.table.size();
    const uint64_t pools = s.facts.table.units.count();
    r = load_file(s, "bad.jsonl",
                  "{\"article\":\"x\",\"kind\":\"money\",\"value\":1,\"unit\":\"ZZZ\"}\n{\"article\":\"x\",\"kind\":\n");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("bad.jsonl") != std::string::npos);
    CHECK(r.error.find("line 2") != std::string::npos);
    CHECK(s.facts.table.size() == before);
    CHECK(s.facts.table.units.count() == pools);  // "ZZZ" from line 1 is gone too
    r = load_file(s, "notes.pdf", "%PDF-1.4");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("notes.pdf") != std::string::npos);
    r = load_file(s, "binary.txt", std::string("ab\0cd", 5));
    CHECK_FALSE(r.ok);
    CHECK(s.facts.table.size() == before);
}

TEST_CASE("the facts API: commands and state().facts", "[facts][api]") {
    AppState s = loaded();
    PlatformInfo p;
    json r = json::parse(run_command_json(s, R"({"type":"set_view","view":"facts"})"));
    CHECK(r["ok"] == true);
    r = json::parse(run_command_json(s, R"({"type":"set_view","view":"charts"})"));
    CHECK(r["ok"] == false);
    r = json::parse(run_command_json(s, R"({"type":"set_query","query":"kind:money unit:USD"})"));
    CHECK(r["ok"] == true);
    r = json::parse(run_command_json(s, R"({"type":"set_sort","sort":[{"column":"value","dir":"desc"}]})"));
    CHECK(r["ok"] == true);
    r = json::parse(run_command_json(s, R"({"type":"set_sort","sort":[{"column":"colour"}]})"));
    CHECK(r["ok"] == false);
    r = json::parse(run_command_json(s, R"({"type":"select_fact","index":4294967296})"));
    CHECK(r["ok"] == false);
    r = json::parse(run_command_json(s, R"({"type":"select_fact","index":0})"));
    CHECK(r["ok"] == true);
    r = json::parse(run_command_json(s, R"({"type":"export_facts","format":"json"})"));
    REQUIRE(r["ok"] == true);
    CHECK(r["format"] == "json");
    json rows = json::parse(r["text"].get<std::string>());
    REQUIRE(rows.size() == 5);
    for (size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1]["value"].get<double>() >= rows[i]["value"].get<double>());
    CHECK(rows[0]["text"] == "171.39 billion U.S. dollars");
    CHECK(rows[0].contains("outlet"));
    CHECK(rows[0].contains("date"));
    r = json::parse(run_command_json(s, R"({"type":"set_query","query":"value>>"})"));
    CHECK(r["ok"] == true);
    json st = json::parse(state_json(s, p));
    CHECK(st["view"] == "facts");
    CHECK(st["facts"]["total"] == 83);
    CHECK(st["facts"]["visible"] == 5);
    CHECK(st["facts"]["query_error"].is_string());
    CHECK(st["facts"]["sort"][0]["column"] == "value");
    CHECK(st["facts"]["sort"][0]["dir"] == "desc");
    CHECK(st["facts"]["facets"]["kind"]["money"] == 5);
    CHECK(st["facts"]["selected"] == 0);
    r = json::parse(run_command_json(s, R"({"type":"load_files","files":[{"name":"a.jsonl","text":"{]"}]})"));
    CHECK(r["ok"] == false);
    CHECK(r["failed"][0]["name"] == "a.jsonl");
    CHECK(json::parse(state_json(s, p))["facts"]["total"] == 83);
}

TEST_CASE("UI: the Facts view draws rows, a facet click filters, Ctrl+C copies rows", "[facts][ui]") {
    UiFixture ui(1.0f, 1400, 800);
    set_view(ui.app, View::Facts);
    ui.frame(3);
    REQUIRE(ui.app.layout.fact_rows.size() > 10);
    REQUIRE_FALSE(ui.app.layout.facet_values.empty());
    // Click the "percent" value of the kind facet.
    const Facet& kind = ui.app.facts.view.facets[0];
    int target = -1;
    for (const auto& fv : ui.app.layout.facet_values)
        if (fv.facet == 0 && kind.values[(size_t)fv.value].label == "percent") target = (int)(&fv - ui.app.layout.facet_values.data());
    REQUIRE(target >= 0);
    const UiRect rc = ui.app.layout.facet_values[(size_t)target].rect;
    ui.click(rc.x + rc.w / 2, rc.y + rc.h / 2);
    CHECK(ui.app.facts.applied_query == "kind:percent");
    CHECK(ui.app.facts.view.rows.size() == 12);
    // Click the first row, Shift+Down once, Ctrl+C: two rows as tab-separated text.
    ui.frame(2);
    REQUIRE_FALSE(ui.app.layout.fact_rows.empty());
    const UiRect row = ui.app.layout.fact_rows[0].rect;
    ui.click(row.x + 20, row.y + row.h / 2);
    CHECK(ui.app.facts.selected == 0);
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(ImGuiKey_DownArrow, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_DownArrow, false);
    io.AddKeyEvent(ImGuiMod_Shift, false);
    ui.frame();
    CHECK(ui.app.facts.selected == 1);
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_C, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_C, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    ui.frame();
    const size_t lines = std::count(ui.clipboard.begin(), ui.clipboard.end(), '\n');
    CHECK(lines == 3);  // header + two rows
    CHECK(ui.clipboard.find("percent") != std::string::npos);
    CHECK(ui.clipboard.find('\t') != std::string::npos);
}
