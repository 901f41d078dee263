// The Diff view through the app's intents, its API and headless frames. The second text is the
// ECNS seed article edited by hand here (a number changed, two paragraphs swapped, a sentence
// removed), so every expected change is known.
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

// ECNS, edited: "1,590 exaflops" -> "1,600 exaflops"; paragraphs 4 and 5 swapped; the sentence
// "Zhang noted." ... kept. Returns the new article's id.
std::string add_edited_ecns(AppState& s) {
    const std::string ecns = s.corpus.articles[2].text;
    std::vector<std::string> paras;
    size_t p = 0;
    while (p <= ecns.size()) {
        size_t q = ecns.find("\n\n", p);
        if (q == std::string::npos) q = ecns.size();
        paras.push_back(ecns.substr(p, q - p));
        p = q + 2;
    }
    REQUIRE(paras.size() >= 6);
    const size_t at = paras[2].find("1,590");
    REQUIRE(at != std::string::npos);
    paras[2].replace(at, 5, "1,600");
    std::swap(paras[3], paras[4]);
    std::string edited;
    for (size_t i = 0; i < paras.size(); ++i) edited += (i ? "\n\n" : "") + paras[i];
    FileLoadResult r = load_file(s, "ecns-v2.txt", edited);
    REQUIRE(r.ok);
    return r.article;
}
}  // namespace

TEST_CASE("diff: a changed number and a moved paragraph, through the API", "[diffview]") {
    AppState s;
    load_embedded_corpus(s);
    const std::string v2 = add_edited_ecns(s);
    json r = cmd(s, {{"type", "diff"}, {"a", "002_97deae5d2b524853"}, {"b", v2}});
    REQUIRE(r["ok"] == true);
    json d = state(s)["diff"];
    CHECK(state(s)["view"] == "diff");
    CHECK(d["a"] == "002_97deae5d2b524853");
    CHECK(d["b"] == v2);
    CHECK(d["mode"] == "side");
    CHECK(d["exact"] == true);
    CHECK(d["level"] == "word");
    CHECK(d["stats"]["numbers_changed"] == 1);
    CHECK(d["stats"]["moves"] == 1);
    CHECK(d["stats"]["words_moved"].get<int>() > 20);
    CHECK(d["stats"]["words_added"] == 1);    // "1,600"
    CHECK(d["stats"]["words_removed"] == 1);  // "1,590"
    REQUIRE(d["numbers"].size() == 1);
    CHECK(d["numbers"][0]["from"] == "1,590");
    CHECK(d["numbers"][0]["to"] == "1,600");
    // The number is a fact: its cluster (ECNS's 1,590 exaflops against the new 1,600).
    REQUIRE(d["numbers"][0]["cluster"].is_object());
    CHECK(d["numbers"][0]["cluster"]["label"].get<std::string>().find("comput") != std::string::npos);
    // Inline mode, same result.
    REQUIRE(cmd(s, {{"type", "diff"}, {"a", 2}, {"b", v2}, {"mode", "inline"}})["ok"] == true);
    CHECK(state(s)["diff"]["mode"] == "inline");
    CHECK(state(s)["diff"]["stats"]["numbers_changed"] == 1);
    // Bad requests change nothing.
    const std::string before = state(s)["diff"].dump();
    for (const json& bad : {json{{"type", "diff"}, {"a", 0}},
                            json{{"type", "diff"}, {"a", "nope"}, {"b", 1}},
                            json{{"type", "diff"}, {"a", 0}, {"b", 99}},
                            json{{"type", "diff"}, {"a", 0}, {"b", 1.5}},
                            json{{"type", "diff"}, {"a", 0}, {"b", 1}, {"mode", "split"}}}) {
        INFO(bad.dump());
        CHECK(cmd(s, bad)["ok"] == false);
    }
    CHECK(state(s)["diff"].dump() == before);
}

TEST_CASE("diff: the view draws marks, and a click on a move jumps to its other end", "[diffview]") {
    UiFixture ui(1.0f, 1280, 800);
    AppState& s = ui.app;
    const std::string v2 = add_edited_ecns(s);
    int b = -1;
    for (size_t i = 0; i < s.corpus.articles.size(); ++i)
        if (s.corpus.articles[i].id == v2) b = (int)i;
    REQUIRE(set_diff(s, 2, b, false).empty());
    set_view(s, View::Diff);
    ui.frame(3);
    REQUIRE_FALSE(s.layout.diff_marks.empty());
    // Find a mark of the move and click it.
    int move_mark = -1;
    for (size_t i = 0; i < s.layout.diff_marks.size(); ++i) {
        const int op = s.layout.diff_marks[i].op;
        if (op >= 0 && s.diff.result.ops[(size_t)op].kind == DiffOpKind::Move) { move_mark = (int)i; break; }
    }
    REQUIRE(move_mark >= 0);
    const UiRect m = s.layout.diff_marks[(size_t)move_mark].rect;
    const int op = s.layout.diff_marks[(size_t)move_mark].op;
    ui.click(m.x + 2, m.y + m.h / 2);
    // The other end is now drawn.
    bool other_drawn = false;
    for (const auto& mk : s.layout.diff_marks) other_drawn |= mk.op == s.diff.result.ops[(size_t)op].move_pair;
    CHECK(other_drawn);
    // Inline mode through the button.
    const UiRect in = s.layout.diff_modes[1];
    ui.click(in.x + in.w / 2, in.y + in.h / 2);
    CHECK(s.diff.inline_mode);
    CHECK_FALSE(s.layout.diff_marks.empty());
    // Keyboard: the diff is a Tab stop.
    focus_release(s);
    CHECK(focus_step(s, 1));
    CHECK(focus_step(s, 1));
    CHECK(focus_step(s, 1));
    CHECK(focus_stop(s) == FocusStop::Diff);
}

TEST_CASE("diff: the view on a phone", "[diffview]") {
    UiFixture phone(2.0f, 390, 844);
    set_view(phone.app, View::Diff);
    phone.frame(3);
    CHECK(phone.app.diff.a == 0);
    CHECK(phone.app.diff.b == 1);
    CHECK_FALSE(phone.app.diff.blocks.empty());
}
