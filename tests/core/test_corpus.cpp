#include <catch2/catch.hpp>

#include "corpus.h"

using namespace factlens;

static const char* kMeta = R"({"articles":[
  {"file":"a.txt","outlet":"ECNS","title":null,"date":"2026-01-21","note":"dateline"},
  {"file":"b.txt","outlet":"","title":"Headline B"}
]})";

TEST_CASE("load_corpus reads metadata and marks what is not stated as unknown", "[corpus]") {
    std::vector<NamedText> files = {{"a.txt", "Text A"}, {"b.txt", "\xE2\x80\xA2 First line\nSecond"}};
    Corpus c;
    LoadResult r = load_corpus(kMeta, files, &c);
    REQUIRE(r.ok);
    REQUIRE(c.articles.size() == 2);
    CHECK(c.articles[0].id == "a");
    CHECK(c.articles[0].outlet == "ECNS");
    CHECK(c.articles[0].title == "unknown");
    CHECK(c.articles[0].date == "2026-01-21");
    CHECK(c.articles[0].url == "unknown");
    CHECK(c.articles[0].note == "dateline");
    CHECK(c.articles[1].outlet == "unknown");  // empty string means not stated
    CHECK(c.articles[1].title == "Headline B");
    CHECK(c.total_text_bytes() == 6 + 21);
}

TEST_CASE("load_corpus replaces invalid UTF-8 and says so", "[corpus]") {
    std::vector<NamedText> files = {{"a.txt", "bad \xFF byte"}, {"b.txt", "ok"}};
    Corpus c;
    LoadResult r = load_corpus(kMeta, files, &c);
    REQUIRE(r.ok);
    CHECK(c.articles[0].text == "bad \xEF\xBF\xBD byte");
    CHECK(c.articles[0].replaced_bytes == 1);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("a.txt") != std::string::npos);
}

TEST_CASE("load_corpus failures explain themselves and keep what was loaded", "[corpus]") {
    Corpus c;
    std::vector<NamedText> files = {{"a.txt", "Text A"}, {"b.txt", "B"}};
    REQUIRE(load_corpus(kMeta, files, &c).ok);

    struct Case { const char* meta; const char* expect; };
    const Case cases[] = {
        {"{not json", "not valid JSON"},
        {"[]", "\"articles\" array"},
        {R"({"articles":[42]})", "not an object"},
        {R"({"articles":[{"outlet":"x"}]})", "missing \"file\""},
        {R"({"articles":[{"file":"zzz.txt"}]})", "not found"},
        {R"({"articles":[{"file":"a.txt","date":7}]})", "must be a string"},
        {R"({"articles":[{"file":"a.txt"},{"file":"a.txt"}]})", "duplicate"},
        {"{\"articles\":[{\"file\":\"a.txt\",\"title\":\"\xFF\"}]}", "not valid JSON"},  // the JSON parser itself rejects bad UTF-8
    };
    for (const Case& k : cases) {
        LoadResult r = load_corpus(k.meta, files, &c);
        INFO(k.meta);
        CHECK_FALSE(r.ok);
        CHECK(r.error.find(k.expect) != std::string::npos);
        CHECK(c.articles.size() == 2);  // unchanged
    }
}

TEST_CASE("article_first_sentence: labels, bullets, datelines and residue skipped; cut on a word", "[corpus]") {
    Article a;
    a.text = "Key Facts\n![]() |\n- The ministry said output rose 5 percent. Exports fell.\n";
    CHECK(article_first_sentence(a) == "The ministry said output rose 5 percent.");
    a.text = " date 2026-01-21 (ECNS) \xE2\x80\x94 China's AI sector kept growing in 2025, an official said.";
    CHECK(article_first_sentence(a) == "China's AI sector kept growing in 2025, an official said.");
    a.text = "The U.S. and China both report large figures for this sector today.";
    CHECK(article_first_sentence(a) == a.text);  // "U.S." does not end the sentence
    a.text = "One two three four " + std::string(10, 'x') + "\xE2\x80\x94" + std::string(20, 'y');
    const std::string cut = article_first_sentence(a, 30);  // past the word "four": cut on the space
    CHECK(cut == "One two three four\xE2\x80\xA6");
    a.text = "Too short\n\n";
    CHECK(article_first_sentence(a).empty());
}
