// The currency toggle and the Rates view through the app's intents, its API and headless frames.
// Expected figures are worked by hand from the seed texts and the CFETS rows.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app_api.h"
#include "focus_order.h"
#include "ui_fixture.h"

using namespace factlens;
using nlohmann::json;

namespace {

std::string slurp(const std::string& rel) {
    std::ifstream f(std::string(FACTLENS_SOURCE_DIR) + "/" + rel, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

json cmd(AppState& s, const json& req) { return json::parse(run_command_json(s, req.dump())); }
json state(AppState& s) { return json::parse(state_json(s, PlatformInfo{})); }

// The exported row of the figure at `start` in the article whose id starts with `prefix`.
json exported(AppState& s, const char* prefix, int start) {
    json r = cmd(s, {{"type", "export_facts"}, {"format", "json"}});
    REQUIRE(r["ok"] == true);
    for (const json& row : json::parse(r["text"].get<std::string>()))
        if (row["article"].get<std::string>().rfind(prefix, 0) == 0 && row["start"] == start) return row;
    FAIL("no exported fact " << prefix << ":" << start);
    return json();
}

}  // namespace

TEST_CASE("currency: the shipped reference table is loaded with the corpus", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    json c = state(s)["currency"];
    CHECK(c["currency"].is_null());
    CHECK(c["rates"] == "reference");
    REQUIRE(c["sources"].size() == 1);
    CHECK(c["sources"][0]["name"] == "CFETS central parity");
    CHECK(c["sources"][0]["first_date"] == "2025-01-14");
    CHECK(c["sources"][0]["last_date"] == "2026-01-27");
    CHECK(c["sources"][0]["currencies"] == json({"CNY", "EUR", "GBP", "HKD", "JPY", "USD"}));
}

TEST_CASE("currency: set_currency converts, sorts and exports; bad requests change nothing", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    REQUIRE(cmd(s, {{"type", "set_query"}, {"query", "kind:money"}})["ok"] == true);
    json r = cmd(s, {{"type", "set_currency"}, {"currency", "USD"}});
    REQUIRE(r["ok"] == true);
    json st = state(s);
    CHECK(st["currency"]["currency"] == "USD");
    CHECK(st["currency"]["converted"] == 12);  // the 12 yuan figures (the 5 dollar ones are unchanged)
    CHECK(st["link"].get<std::string>().find("cur=USD") != std::string::npos);
    // ECNS: 1.2 trillion yuan at 2025-12-22's 7.0572.
    json ecns = exported(s, "002", 190);
    CHECK(ecns["display_value"].get<double>() == Approx(1.2e12 / 7.0572));
    CHECK(ecns["display_unit"] == "USD");
    CHECK(ecns["rate"] == 7.0572);
    CHECK(ecns["rate_unit"] == "CNY per USD");
    CHECK(ecns["rate_source"] == "CFETS central parity (MENAFN)");
    CHECK(ecns["rate_date"] == "2025-12-22");
    CHECK(ecns["rate_stale"] == false);
    // Article 000 is dated 2026-01-22: 31 days after 2025-12-22, stale.
    CHECK(exported(s, "000", 376)["rate_stale"] == true);
    // Sorted by value, yuan and dollars interleave by the converted value.
    REQUIRE(cmd(s, {{"type", "set_sort"}, {"sort", {{{"column", "value"}, {"dir", "desc"}}}}})["ok"] == true);
    json rows = json::parse(cmd(s, {{"type", "export_facts"}, {"format", "json"}})["text"].get<std::string>());
    REQUIRE(rows.size() == 17);  // 000: 4, 001: 2, 002: 3, 003: 3, 004: 5
    CHECK(rows[0]["display_value"] == 171.39e9);
    for (size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1]["display_value"].get<double>() >= rows[i]["display_value"].get<double>());
    // value> filters by the converted amount.
    REQUIRE(cmd(s, {{"type", "set_query"}, {"query", "kind:money value>1.5e11"}})["ok"] == true);
    CHECK(state(s)["facts"]["visible"] == 6);

    // The article's own rate: ECNS's pair converts exactly.
    REQUIRE(cmd(s, {{"type", "set_currency"}, {"currency", "USD"}, {"rates", "article"}})["ok"] == true);
    CHECK(exported(s, "002", 190)["display_value"].get<double>() == Approx(168e9).epsilon(1e-12));
    CHECK(state(s)["link"].get<std::string>().find("rates=article") != std::string::npos);
    // Custom: 7.10 CNY per USD.
    REQUIRE(cmd(s, {{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", 7.1}, {"unit", "CNY per USD"}}}})["ok"] == true);
    CHECK(exported(s, "002", 190)["display_value"].get<double>() == Approx(1.2e12 / 7.1));
    CHECK(state(s)["currency"]["rates"] == json({{"custom", 7.1}, {"unit", "CNY per USD"}}));

    // Refused, state unchanged.
    const std::string before = state(s)["currency"].dump();
    for (const json& bad : {json{{"type", "set_currency"}},
                            json{{"type", "set_currency"}, {"currency", 5}},
                            json{{"type", "set_currency"}, {"currency", "XYZ"}},
                            json{{"type", "set_currency"}, {"currency", std::string(10000, 'U')}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", "guess"}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", -1}}}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", 0}}}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", "7.1"}}}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", 7.1}, {"unit", "CNY per CNY"}}}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", 7.1}, {"unit", "bananas"}}}},
                            json{{"type", "set_currency"}, {"currency", "USD"}, {"rates", {{"custom", 1e300}}}}}) {
        json e = cmd(s, bad);
        INFO(bad.dump().substr(0, 120) << " -> " << e.dump());
        CHECK(e["ok"] == false);
        CHECK(e["error"].get<std::string>().size() < 300);
    }
    CHECK(state(s)["currency"].dump() == before);
    // Back to as written.
    REQUIRE(cmd(s, {{"type", "set_currency"}, {"currency", nullptr}})["ok"] == true);
    CHECK(state(s)["currency"]["currency"].is_null());
    CHECK_FALSE(exported(s, "002", 190).contains("display_value"));
}

TEST_CASE("currency: load_rates takes the ECB file, refuses broken ones and keeps what was loaded", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    const std::string ecb = slurp("tests/data/ecb/eurofxref-hist.csv");
    json r = cmd(s, {{"type", "load_rates"}, {"name", "eurofxref-hist.csv"}, {"text", ecb}});
    REQUIRE(r["ok"] == true);
    json src = state(s)["currency"]["sources"];
    REQUIRE(src.size() == 2);
    CHECK(src[1]["name"] == "eurofxref-hist.csv");
    CHECK(src[1]["first_date"] == "1999-01-04");
    CHECK(src[1]["last_date"] == "2024-10-11");
    CHECK(src[1]["currencies"].size() == 42);
    // A broken copy: refused with the line and the reason; both tables stay.
    std::string broken = ecb;
    broken.replace(broken.find("1.0938"), 6, "1.09x8");
    r = cmd(s, {{"type", "load_rates"}, {"name", "broken.csv"}, {"text", broken}});
    CHECK(r["ok"] == false);
    CHECK(r["error"] == "broken.csv: line 2: USD \"1.09x8\" is not a positive number");
    CHECK(state(s)["currency"]["sources"].size() == 2);
    r = cmd(s, {{"type", "load_rates"}, {"name", "empty.csv"}, {"text", ""}});
    CHECK(r["ok"] == false);
    CHECK(r["error"] == "empty.csv: the file is empty");
    CHECK(cmd(s, {{"type", "load_rates"}, {"name", "x.csv"}})["ok"] == false);
    CHECK(cmd(s, {{"type", "load_rates"}, {"name", "CFETS central parity"}, {"text", ecb}})["ok"] == false);
    CHECK(state(s)["currency"]["sources"].size() == 2);
    // With the toggle on EUR, a USD figure of 2024 would use the ECB; the seeds are dated 2025-26,
    // where CFETS answers first. Dropping the file through load_file works the same way.
    FileLoadResult fr = load_file(s, "rates2.csv", ecb);
    CHECK(fr.ok);
    CHECK(fr.rates);
    CHECK(state(s)["currency"]["sources"].size() == 3);
}

TEST_CASE("rates: every seed conversion pair with its verdict, through state().rates", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    update_facts(s);
    json rates = state(s)["rates"];
    REQUIRE(rates["count"] == 5);
    std::map<std::string, std::string> verdict;  // "article:amount start" -> verdict
    for (const json& p : rates["pairs"]) {
        CHECK(p["rate_unit"] == "CNY per USD");
        CHECK(p["implied_low"].get<double>() <= p["implied"].get<double>());
        CHECK(p["implied"].get<double>() <= p["implied_high"].get<double>());
        verdict[p["article"].get<std::string>().substr(0, 3) + ":" + p["converted"].get<std::string>()] = p["verdict"];
    }
    CHECK(verdict["000:US$170 billion"] == "consistent");
    CHECK(verdict["000:171.39 billion U.S. dollars"] == "far");
    CHECK(verdict["002:$168 billion"] == "far");
    CHECK(verdict["003:US$142 billion"] == "consistent");
    CHECK(verdict["004:$142 billion"] == "consistent");
    CHECK(rates["chart"]["unit"] == "CNY per USD");
    CHECK(rates["chart"]["points"].get<int>() >= 5);
    // Selecting a pair opens its article at the figures.
    REQUIRE(cmd(s, {{"type", "select_pair"}, {"index", 2}})["ok"] == true);
    CHECK(state(s)["rates"]["selected"] == 2);
    CHECK(s.selected >= 0);
    CHECK(cmd(s, {{"type", "select_pair"}, {"index", 5}})["ok"] == false);
    CHECK(cmd(s, {{"type", "select_pair"}, {"index", 1.5}})["ok"] == false);
}

TEST_CASE("currency: the link restores currency and rate mode", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    apply_fragment(s, "view=rates&cur=EUR&rates=custom%3A7.9%3ACNY%20per%20EUR");
    CHECK(s.view == View::Rates);
    CHECK(s.currency.desc.to == "EUR");
    CHECK(s.currency.desc.mode == RateMode::Custom);
    CHECK(s.currency.desc.custom_rate == 7.9);
    CHECK(s.currency.desc.custom_quote == "CNY");
    CHECK(s.currency.desc.custom_base == "EUR");
    const std::string link = facts_fragment(s);
    AppState t;
    load_embedded_corpus(t);
    apply_fragment(t, link);
    CHECK(t.currency.desc.to == "EUR");
    CHECK(t.currency.desc.custom_rate == 7.9);
    // A bad currency in a link is skipped; the rest restores.
    AppState u;
    load_embedded_corpus(u);
    apply_fragment(u, "view=facts&cur=ZZZ&q=kind%3Amoney");
    CHECK(u.currency.desc.to.empty());
    CHECK(u.facts.applied_query == "kind:money");
}

TEST_CASE("currency: the toggle and the Rates view in headless frames", "[currency]") {
    UiFixture ui(1.0f, 1280, 800);
    ui.frame(3);
    AppState& s = ui.app;
    REQUIRE(s.layout.currency_buttons.size() == 7);
    CHECK(std::string(s.layout.currency_buttons[0].name) == "as written");
    // Click USD.
    const UiRect usd = s.layout.currency_buttons[2].rect;
    CHECK(std::string(s.layout.currency_buttons[2].name) == "USD");
    ui.click(usd.x + usd.w / 2, usd.y + usd.h / 2);
    CHECK(s.currency.desc.to == "USD");
    CHECK(s.focus == Focus::Currency);
    // Right arrow on the toggle: EUR; Down: the article's own rate.
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_RightArrow, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_RightArrow, false);
    ui.frame();
    CHECK(s.currency.desc.to == "EUR");
    io.AddKeyEvent(ImGuiKey_DownArrow, true);
    ui.frame();
    io.AddKeyEvent(ImGuiKey_DownArrow, false);
    ui.frame();
    CHECK(s.currency.desc.mode == RateMode::Article);
    // The Rates view lists the pairs; a click on a row selects it and opens the reader.
    set_view(s, View::Rates);
    ui.frame(3);
    REQUIRE(s.layout.pair_rows.size() == 5);
    const UiRect row = s.layout.pair_rows[1].rect;
    ui.click(row.x + 20, row.y + row.h / 2);
    CHECK(s.currency.selected_check == 1);
    CHECK(s.selected >= 0);
    CHECK(s.focus == Focus::Pairs);
    // Tab order in the Rates view: tabs, currency, pairs, reader.
    focus_release(s);
    CHECK(focus_step(s, 1));
    CHECK(focus_stop(s) == FocusStop::Tabs);
    CHECK(focus_step(s, 1));
    CHECK(focus_stop(s) == FocusStop::Currency);
    CHECK(focus_step(s, 1));
    CHECK(focus_stop(s) == FocusStop::Pairs);
}

TEST_CASE("currency: the Rates view on a phone", "[currency]") {
    // A phone-sized window draws the toggle and the pairs (the chart above the table).
    UiFixture phone(2.0f, 390, 844);
    set_view(phone.app, View::Rates);
    phone.frame(3);
    CHECK(phone.app.layout.currency_buttons.size() == 7);
    CHECK_FALSE(phone.app.layout.pair_rows.empty());
}

TEST_CASE("currency: a rate file loads without waiting for the Rates view's checks; they are made when read", "[currency]") {
    AppState s;
    load_embedded_corpus(s);
    const json before = state(s)["rates"];  // made now
    REQUIRE(before["count"].get<int>() > 0);
    const CurrencyState& c = s.currency;
    REQUIRE(c.checks_generation == c.rates_generation);
    const std::string ecb = slurp("tests/data/ecb/eurofxref-hist.csv");
    json r = cmd(s, {{"type", "load_rates"}, {"name", "eurofxref-hist.csv"}, {"text", ecb}, {"state", false}});
    REQUIRE(r["ok"] == true);
    CHECK(c.checks_generation != c.rates_generation);  // not made by the load
    const json after = state(s)["rates"];                 // state() makes them
    CHECK(c.checks_generation == c.rates_generation);
    CHECK(after["count"] == before["count"]);
    CHECK(after["pairs"].size() == before["pairs"].size());
    // Selecting a pair works on checks that were stale.
    REQUIRE(cmd(s, {{"type", "load_rates"}, {"name", "again.csv"}, {"text", ecb}, {"state", false}})["ok"] == true);
    CHECK(c.checks_generation != c.rates_generation);
    CHECK(cmd(s, {{"type", "select_pair"}, {"index", 0}})["ok"] == true);
    CHECK(c.selected_check == 0);
}

TEST_CASE("currency: load_rates_json (the streamed path of web/api.js) answers as the JSON command does", "[currency]") {
    const std::string ecb = slurp("tests/data/ecb/eurofxref-hist.csv");
    AppState a, b;
    load_embedded_corpus(a);
    load_embedded_corpus(b);
    const json ja = cmd(a, {{"type", "load_rates"}, {"name", "ecb.csv"}, {"text", ecb}});
    const json jb = json::parse(load_rates_json(b, "ecb.csv", ecb));
    REQUIRE(ja["ok"] == true);
    CHECK(jb["ok"] == true);
    CHECK(jb["rates"] == ja["rates"]);
    CHECK(state(b)["currency"]["sources"] == state(a)["currency"]["sources"]);
    // Refusals: the same messages, nothing changed.
    std::string broken = ecb;
    broken.replace(broken.find("1.0938"), 6, "1.09x8");
    CHECK(json::parse(load_rates_json(b, "broken.csv", broken))["error"] ==
          cmd(a, {{"type", "load_rates"}, {"name", "broken.csv"}, {"text", broken}})["error"]);
    const std::string long_name(201, 'n');
    CHECK(json::parse(load_rates_json(b, long_name, ecb))["error"] ==
          cmd(a, {{"type", "load_rates"}, {"name", long_name}, {"text", ecb}})["error"]);
    CHECK(state(b)["currency"]["sources"].size() == 2);
}
