#include <catch2/catch.hpp>

#include "app_state.h"

using namespace factlens;

static AppState loaded() {
    AppState s;
    load_embedded_corpus(s);
    return s;
}

TEST_CASE("the embedded corpus has the five seed articles with the metadata their texts state", "[app]") {
    AppState s = loaded();
    REQUIRE(s.load_error.empty());
    REQUIRE(s.corpus.articles.size() == 5);
    // Hand-checked against the texts in ../shared/corpus.
    const Article* a = s.corpus.articles.data();
    CHECK(a[0].id == "000_9de56da941baaf02");
    CHECK(a[0].title == "China boasts over 6,000 AI companies amid rapid expansion");
    CHECK(a[0].date == "2026-01-22");
    CHECK(a[0].outlet == "unknown");
    CHECK(a[1].title == "unknown");
    CHECK(a[1].date == "unknown");
    CHECK(a[2].outlet == "ECNS");
    CHECK(a[2].date == "2026-01-21");
    CHECK(a[3].outlet == "Race to AGI");
    CHECK(a[4].date == "2025-12-27");
    for (int i = 0; i < 5; ++i) CHECK(a[i].url == "unknown");
    CHECK(a[2].text.find("1,590 exaflops") != std::string::npos);
    CHECK(s.corpus.total_text_bytes() == 12792);
    CHECK(s.selected == 0);
    // assets/facts.json, extracted by the CLI at build time, is embedded too.
    CHECK(s.facts_count >= 83);
}

TEST_CASE("filter matches outlet, date and words, case-insensitively", "[app]") {
    AppState s = loaded();
    CHECK(visible_articles(s).size() == 5);
    set_filter(s, "ecns");
    CHECK(visible_articles(s) == std::vector<int>{2});
    set_filter(s, "2025-12");
    CHECK(visible_articles(s) == std::vector<int>{4});
    set_filter(s, "agi");
    CHECK(visible_articles(s) == std::vector<int>{3});
    set_filter(s, "no such words");
    CHECK(visible_articles(s).empty());
    CHECK_FALSE(set_filter(s, "bad \xFF").empty());
    CHECK(s.filter == "no such words");  // unchanged by the failed call
}

TEST_CASE("selecting articles and text validates and snaps to characters", "[app]") {
    AppState s = loaded();
    CHECK(select_article(s, 3).empty());
    CHECK(s.selected == 3);
    CHECK_FALSE(select_article(s, 5).empty());
    CHECK_FALSE(select_article(s, -1).empty());
    CHECK(s.selected == 3);
    CHECK(select_article_by_id(s, "002_97deae5d2b524853").empty());
    CHECK(s.selected == 2);
    CHECK_FALSE(select_article_by_id(s, "nope").empty());

    // Article 1 starts "Prime Highlight\n- China’s core" — ’ is 3 bytes at offset 23..26.
    select_article(s, 1);
    const std::string& t = s.corpus.articles[1].text;
    REQUIRE(t.substr(23, 3) == "\xE2\x80\x99");
    CHECK(select_text(s, 0, 5).empty());
    CHECK(selected_text(s) == "Prime");
    CHECK(select_text(s, 24, 25).empty());  // inside ’: widened to the whole character
    CHECK(selected_text(s) == "\xE2\x80\x99");
    CHECK_FALSE(select_text(s, 10, 5).empty());
    CHECK_FALSE(select_text(s, 0, t.size() + 1).empty());
    CHECK(selected_text(s) == "\xE2\x80\x99");
}
