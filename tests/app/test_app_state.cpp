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

TEST_CASE("filter searches the full text with Unicode case folding", "[app]") {
    AppState s = loaded();
    set_filter(s, "zhang yunming");  // only in the body of the ECNS report
    CHECK(visible_articles(s) == std::vector<int>{2});
    set_filter(s, "EXAFLOPS");
    CHECK(visible_articles(s) == std::vector<int>{2});
    // Non-ASCII folding: "CHINA’S" with the typographic apostrophe, and a Greek/Cyrillic text added.
    set_filter(s, "CHINA\xE2\x80\x99S CORE AI INDUSTRY");
    CHECK(visible_articles(s) == std::vector<int>{4});
    REQUIRE(load_file(s, "greek.txt", "\xCE\x97 \xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1 "  // Η Αθήνα
                                      "and \xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90 grew 5 percent in 2025.\n").ok);  // МОСКВА
    set_filter(s, "\xCE\xB7 \xCE\xB1\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");  // η αθήνα
    CHECK(visible_articles(s) == std::vector<int>{5});
    set_filter(s, "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0");  // москва
    CHECK(visible_articles(s) == std::vector<int>{5});
}

TEST_CASE("an article without a headline shows its first sentence", "[app]") {
    AppState s = loaded();
    // 001 opens with the label "Prime Highlight" and a bullet list; 002 with a dateline.
    CHECK(article_first_sentence_cached(s, 1) ==
          "China\xE2\x80\x99s core artificial intelligence industry crossed the one-trillion-yuan mark in 2025, "
          "highlighting the country\xE2\x80\x99s fast progress in emerging technologies.");
    CHECK(article_first_sentence_cached(s, 2).rfind("China's artificial intelligence (AI) sector continued to gain momentum", 0) == 0);
    CHECK(article_first_sentence_cached(s, 2).size() <= 160 + 3);
}
