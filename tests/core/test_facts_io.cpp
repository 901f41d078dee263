// Loading facts (JSON array, JSON Lines, any chunking, all or nothing) and exporting them (JSON, CSV,
// TSV). The seed data is assets/facts.json: 83 facts from the 5 articles in assets/corpus/.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "claim.h"
#include "claim_json.h"
#include "corpus.h"
#include "fact_query.h"
#include "fact_table.h"
#include "facts_io.h"

using namespace factlens;
using Rows = std::vector<uint32_t>;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

const std::string kRoot = FACTLENS_SOURCE_DIR;

// The corpus as the app builds it: articles.json plus the texts it names.
const Corpus& seed_corpus() {
    static const Corpus c = [] {
        const std::string meta = read_file(kRoot + "/assets/corpus/articles.json");
        REQUIRE(!meta.empty());
        const nlohmann::json j = nlohmann::json::parse(meta);
        std::vector<std::string> texts;
        std::vector<std::string> names;
        for (const auto& a : j["articles"]) {
            names.push_back(a["file"].get<std::string>());
            texts.push_back(read_file(kRoot + "/assets/corpus/" + names.back()));
        }
        std::vector<NamedText> files;
        for (size_t i = 0; i < names.size(); ++i) files.push_back({names[i], texts[i]});
        Corpus out;
        const LoadResult r = load_corpus(meta, files, &out);
        INFO(r.error);
        REQUIRE(r.ok);
        return out;
    }();
    return c;
}

const std::string& seed_json() {
    static const std::string s = read_file(kRoot + "/assets/facts.json");
    return s;
}

// facts.json as JSON Lines: one object a line, no brackets, no commas between.
std::string seed_jsonl(const char* eol = "\n") {
    std::string out;
    std::istringstream in(seed_json());
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] != '{') continue;
        if (line.back() == ',') line.pop_back();
        out += line;
        out += eol;
    }
    return out;
}

FactsLoadResult load_chunked(FactTable* t, const Corpus* c, const std::string& name, std::string_view text, size_t chunk) {
    FactsLoader ld(t, c, name);
    for (size_t i = 0; i < text.size(); i += chunk) ld.feed(text.substr(i, chunk));
    return ld.finish();
}

FactTable seed_table() {
    FactTable t;
    const FactsLoadResult r = load_facts_text(&t, &seed_corpus(), "facts.json", seed_json());
    INFO(r.error);
    REQUIRE(r.ok);
    return t;
}

bool same_double(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b;
}

// "" when a and b hold the same facts (rows, strings, sources), else the first difference.
std::string table_diff(const FactTable& a, const FactTable& b, bool sentences = true) {
    if (a.size() != b.size()) return "sizes " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    if (a.sources.size() != b.sources.size()) return "source counts differ";
    for (size_t i = 0; i < a.sources.size(); ++i) {
        const FactSource &x = a.sources[i], &y = b.sources[i];
        if (x.id != y.id || x.outlet != y.outlet || x.date != y.date || x.published != y.published ||
            (sentences && x.article != y.article))
            return "source " + std::to_string(i) + " differs: " + x.id + "/" + x.outlet + "/" + x.date + " vs " + y.id +
                   "/" + y.outlet + "/" + y.date;
    }
    for (size_t r = 0; r < a.size(); ++r) {
        const std::string at = "row " + std::to_string(r) + ": ";
        if (a.source[r] != b.source[r]) return at + "source";
        if (a.kind[r] != b.kind[r]) return at + "kind";
        if (a.ambiguous[r] != b.ambiguous[r]) return at + "ambiguous";
        if (!same_double(a.value[r], b.value[r])) return at + "value";
        if (!same_double(a.low[r], b.low[r])) return at + "low";
        if (!same_double(a.high[r], b.high[r])) return at + "high";
        if (!same_double(a.rate[r], b.rate[r])) return at + "rate";
        if (a.start[r] != b.start[r] || a.end[r] != b.end[r]) return at + "start/end";
        if (a.period_start[r] != b.period_start[r] || a.period_end[r] != b.period_end[r]) return at + "period";
        if (a.pair[r] != b.pair[r]) return at + "pair";
        if (a.pair_row[r] != b.pair_row[r]) return at + "pair_row";
        if (a.units.get(a.unit[r]) != b.units.get(b.unit[r])) return at + "unit";
        if (a.qualifiers.get(a.qualifier[r]) != b.qualifiers.get(b.qualifier[r])) return at + "qualifier";
        if (a.hedges.get(a.hedge[r]) != b.hedges.get(b.hedge[r])) return at + "hedge";
        if (a.directions.get(a.direction[r]) != b.directions.get(b.direction[r])) return at + "direction";
        if (a.subjects.get(a.subject[r]) != b.subjects.get(b.subject[r])) return at + "subject";
        if (a.texts.get(a.text[r]) != b.texts.get(b.text[r])) return at + "text";
        if (a.rate_units.get(a.rate_unit[r]) != b.rate_units.get(b.rate_unit[r])) return at + "rate_unit";
        if (sentences) {
            if (a.sentences.get(a.sentence[r]) != b.sentences.get(b.sentence[r])) return at + "sentence";
            if (a.sentence_start[r] != b.sentence_start[r]) return at + "sentence_start";
        }
    }
    return "";
}

// Everything the table holds, pool sizes included (for "unchanged after a failed load").
void require_unchanged(const FactTable& now, const FactTable& before) {
    CHECK(table_diff(now, before) == "");
    const StringPool* p[8] = {&now.units, &now.qualifiers, &now.hedges, &now.directions, &now.subjects, &now.texts, &now.rate_units, &now.sentences};
    const StringPool* q[8] = {&before.units, &before.qualifiers, &before.hedges, &before.directions, &before.subjects, &before.texts, &before.rate_units, &before.sentences};
    for (int i = 0; i < 8; ++i) {
        INFO("pool " << i);
        CHECK(p[i]->count() == q[i]->count());
    }
}

Rows query_rows(const FactTable& t, const std::string& q) {
    std::vector<QueryTerm> terms;
    QueryError err;
    INFO("query: " << q << " error: " << err.message);
    REQUIRE(parse_fact_query(q, &terms, &err));
    FactView v;
    query_facts(t, terms, {}, &v);
    return v.rows;
}

} // namespace

// ---- The seed data ------------------------------------------------------------------------------

TEST_CASE("facts.json with the corpus: 83 facts, sources, sentences, pairs", "[facts]") {
    const FactTable t = seed_table();
    REQUIRE(t.size() == 83);
    REQUIRE(t.sources.size() == 5);
    // Sources in file order, outlets and dates from the corpus metadata.
    const char* const ids[] = {"000_9de56da941baaf02", "001_74d299288f265200", "002_97deae5d2b524853",
                               "003_fafa350621e27bbb", "004_31ee5d1c5e0105ad"};
    const char* const outlets[] = {"unknown", "unknown", "ECNS", "Race to AGI", "unknown"};
    const char* const dates[] = {"2026-01-22", "unknown", "2026-01-21", "unknown", "2025-12-27"};
    const Day published[] = {20260122, 0, 20260121, 0, 20251227};
    for (int i = 0; i < 5; ++i) {
        INFO("source " << i);
        CHECK(t.sources[i].id == ids[i]);
        CHECK(t.sources[i].outlet == outlets[i]);
        CHECK(t.sources[i].date == dates[i]);
        CHECK(t.sources[i].published == published[i]);
        CHECK(t.sources[i].article == i);
    }
    // Rows per article: 32, 14, 16, 7, 14.
    const uint32_t first[] = {0, 32, 46, 62, 69, 83};
    for (uint32_t s = 0; s < 5; ++s)
        for (uint32_t r = first[s]; r < first[s + 1]; ++r) REQUIRE(t.source[r] == s);
    CHECK(t.sources[t.source[50]].outlet == "ECNS");

    // Every fact's text is a slice of its article: every fact has the sentence around it.
    for (uint32_t r = 0; r < t.size(); ++r) {
        INFO("row " << r);
        const std::string_view text = t.texts.get(t.text[r]);
        const std::string_view sentence = t.sentences.get(t.sentence[r]);
        REQUIRE(t.sentence[r] != 0);
        CHECK(sentence.find(text) != std::string_view::npos);
        CHECK(t.sentence_start[r] <= t.start[r]);
        CHECK(t.sentence_start[r] + sentence.size() >= t.end[r]);
        const std::string& article = seed_corpus().articles[(size_t)t.sources[t.source[r]].article].text;
        CHECK(article.compare(t.sentence_start[r], sentence.size(), sentence) == 0);
    }
    CHECK(t.sentences.get(t.sentence[0]) == "\xE2\x80\xA2 China boasts over 6,000 AI companies amid rapid expansion");
    CHECK(t.texts.get(t.text[4]) == "1.2 trillion yuan");
    CHECK(t.sentences.get(t.sentence[4]) ==
          "AI companies now number over 6,000, with the core industrial output expected to top 1.2 trillion yuan "
          "(US$170 billion).");
    CHECK(t.sentence[5] == t.sentence[4]);

    // Conversion pairs, linked both ways (pair indices count within each article).
    const std::pair<int, int> pairs[] = {{4, 5}, {19, 20}, {49, 50}, {62, 63}, {72, 73}};
    int linked = 0;
    for (uint32_t r = 0; r < t.size(); ++r) linked += t.pair_row[r] >= 0;
    CHECK(linked == 10);
    for (const auto& p : pairs) {
        INFO("pair " << p.first << " " << p.second);
        CHECK(t.pair_row[p.first] == p.second);
        CHECK(t.pair_row[p.second] == p.first);
    }
    CHECK(t.pair[49] == 4);
    CHECK(t.pair[50] == 3);
    CHECK(t.rate_units.get(t.rate_unit[4]) == "CNY per USD");
    CHECK(t.rate[4] == 7.0588235294117645);

    // The USD amounts, counted by hand in assets/facts.json.
    const Rows usd = query_rows(t, "kind:money unit:USD");
    REQUIRE(usd == Rows{5, 20, 50, 63, 73});
    const char* const usd_texts[] = {"US$170 billion", "171.39 billion U.S. dollars", "$168 billion", "US$142 billion",
                                     "$142 billion"};
    for (size_t i = 0; i < usd.size(); ++i) CHECK(t.texts.get(t.text[usd[i]]) == usd_texts[i]);
    CHECK(query_rows(t, "kind:money").size() == 17);
    CHECK(query_rows(t, "kind:money unit:CNY").size() == 12);
    CHECK(query_rows(t, "outlet:ECNS").size() == 16);
    CHECK(query_rows(t, "outlet:\"race to agi\"").size() == 7);
    CHECK(query_rows(t, "date:none").size() == 21);
    CHECK(query_rows(t, "-hedge:none").size() == 8);
    CHECK(query_rows(t, "kind:period period:2028") == Rows{24, 25, 26});
}

// ---- Formats and chunking -----------------------------------------------------------------------

TEST_CASE("JSON array and JSON Lines load the same table, however the bytes are split", "[facts]") {
    const FactTable ref = seed_table();
    const Corpus* c = &seed_corpus();
    const std::string jsonl = seed_jsonl();
    const std::string bom = "\xEF\xBB\xBF";
    std::string crlf_array;
    for (char ch : seed_json()) {
        if (ch == '\n') crlf_array += '\r';
        crlf_array += ch;
    }
    // Blank and white-space lines between the objects, and before the first one.
    std::string blanks = "\n  \n\t\r\n";
    {
        std::istringstream in(jsonl);
        std::string line;
        int i = 0;
        while (std::getline(in, line)) blanks += line + (++i % 3 == 0 ? "\n\n   \n" : "\n");
    }
    std::string no_final_newline = jsonl;
    no_final_newline.pop_back();
    const std::pair<const char*, std::string> inputs[] = {
        {"array", seed_json()},
        {"jsonl", jsonl},
        {"jsonl CRLF", seed_jsonl("\r\n")},
        {"jsonl BOM", bom + jsonl},
        {"jsonl BOM CRLF", bom + seed_jsonl("\r\n")},
        {"array BOM CRLF", bom + crlf_array},
        {"jsonl blank lines", blanks},
        {"jsonl without a final newline", no_final_newline},
    };
    std::mt19937 rng(99);
    for (const auto& in : inputs) {
        for (size_t chunk : {(size_t)1, (size_t)2, (size_t)7, (size_t)4096, in.second.size()}) {
            INFO(in.first << ", chunks of " << chunk);
            FactTable t;
            const FactsLoadResult r = load_chunked(&t, c, "facts.json", in.second, chunk);
            INFO(r.error);
            REQUIRE(r.ok);
            CHECK(r.rows_added == 83);
            CHECK(r.sources_added == 5);
            CHECK(table_diff(t, ref) == "");
        }
        // Random chunk sizes.
        INFO(in.first << ", random chunks");
        FactTable t;
        FactsLoader ld(&t, c, "facts.json");
        for (size_t i = 0; i < in.second.size();) {
            const size_t n = 1 + rng() % 300;
            ld.feed(std::string_view(in.second).substr(i, n));
            i += n;
        }
        const FactsLoadResult r = ld.finish();
        INFO(r.error);
        REQUIRE(r.ok);
        CHECK(table_diff(t, ref) == "");
    }
}

TEST_CASE("the format is decided by the first byte that is not a blank, whichever chunk brings it", "[facts]") {
    for (const char* first : {"\n", "  \r\n", "\xEF\xBB\xBF", "\xEF", "\xEF\xBB\xBF\n\n"}) {
        INFO("first chunk: " << first);
        for (const char* second : {"{\"kind\":\"count\"}\n", "[{\"kind\":\"count\"}]"}) {
            FactTable t;
            FactsLoader ld(&t, nullptr, "split.json");
            ld.feed(first);
            if (std::string(first) == "\xEF") ld.feed("\xBB\xBF");
            ld.feed(second);
            const FactsLoadResult r = ld.finish();
            INFO(r.error);
            CHECK(r.ok);
            CHECK(t.size() == 1);
        }
    }
    // A line number counts the blank lines before the first object.
    FactTable t;
    const FactsLoadResult r = load_chunked(&t, nullptr, "x.jsonl", "\n\n{\"kind\":\"count\"}\n{\"kind\":\"nope\"}\n", 1);
    CHECK_FALSE(r.ok);
    INFO(r.error);
    CHECK(r.error.find("line 4") != std::string::npos);
    const FactsLoadResult r2 = load_chunked(&t, nullptr, "x.jsonl", "\n\n  hello\n", 1);
    CHECK_FALSE(r2.ok);
    INFO(r2.error);
    CHECK(r2.error.find("line 3") != std::string::npos);
}

TEST_CASE("loading appends: a second file adds its rows and links its own pairs", "[facts]") {
    FactTable t = seed_table();
    const std::string more =
        "{\"article\":\"x1\",\"kind\":\"money\",\"value\":10,\"unit\":\"USD\",\"pair\":1,\"outlet\":\"Mine\",\"date\":\"2025-05-05\"}\n"
        "{\"article\":\"x1\",\"kind\":\"money\",\"value\":72,\"unit\":\"CNY\",\"pair\":0}\n"
        "{\"kind\":\"count\",\"value\":3}\n";
    const FactsLoadResult r = load_facts_text(&t, nullptr, "more.jsonl", more);
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(r.rows_added == 3);
    CHECK(r.sources_added == 2);
    REQUIRE(t.size() == 86);
    CHECK(t.pair_row[83] == 84);
    CHECK(t.pair_row[84] == 83);
    CHECK(t.sources[t.source[83]].outlet == "Mine");
    CHECK(t.sources[t.source[83]].published == 20250505);
    CHECK(t.sources[t.source[85]].id == "more");  // no article: the file's name
    CHECK(t.sources[t.source[85]].outlet == "unknown");
    CHECK(t.pair_row[4] == 5);  // the earlier load keeps its links
}

TEST_CASE("a later load without the corpus may name articles an earlier load linked", "[facts]") {
    FactTable t = seed_table();
    const std::string more = "{\"article\":\"002_97deae5d2b524853\",\"kind\":\"count\",\"value\":3,\"start\":0,\"end\":4,\"text\":\"date\"}\n";
    const FactsLoadResult r = load_facts_text(&t, nullptr, "more.jsonl", more);
    INFO(r.error);
    REQUIRE(r.ok);
    REQUIRE(t.size() == 84);
    CHECK(t.source[83] == 2);
    CHECK(t.sources[2].outlet == "ECNS");
}

// ---- Errors -------------------------------------------------------------------------------------

TEST_CASE("a bad line: the error names the file and the line, and nothing is added", "[facts]") {
    FactTable t;
    const std::string prev = "{\"article\":\"p\",\"kind\":\"count\",\"value\":1,\"unit\":\"apples\",\"subject\":\"orchard\"}\n"
                             "{\"article\":\"p\",\"kind\":\"percent\",\"value\":2,\"unit\":\"%\"}\n";
    REQUIRE(load_facts_text(&t, nullptr, "prev.jsonl", prev).ok);
    const FactTable before = t;
    const std::string bad = "{\"article\":\"q\",\"kind\":\"count\",\"value\":5,\"unit\":\"pears\",\"subject\":\"new subject\"}\n"
                            "{\"article\":\"r\",\"kind\":\"money\",\"value\":6,\"unit\":\"EUR\",\"text\":\"EUR 6\"}\n"
                            "{\"article\":\"q\",\"kind\":\"count\",,\"value\":7}\n"
                            "{\"article\":\"q\",\"kind\":\"count\",\"value\":8}\n";
    for (size_t chunk : {(size_t)1, (size_t)5, bad.size()}) {
        INFO("chunks of " << chunk);
        const FactsLoadResult r = load_chunked(&t, nullptr, "bad.jsonl", bad, chunk);
        CHECK_FALSE(r.ok);
        CHECK(r.rows_added == 0);
        INFO(r.error);
        CHECK(r.error.find("bad.jsonl") != std::string::npos);
        CHECK(r.error.find("line 3") != std::string::npos);
        require_unchanged(t, before);
        CHECK(query_rows(t, "unit:pears").empty());
        CHECK(query_rows(t, "apples") == Rows{0});
    }
    // The table still takes a good file afterwards, and the same strings get the same ids again.
    const std::string good = "{\"article\":\"q\",\"kind\":\"count\",\"value\":5,\"unit\":\"pears\"}\n";
    REQUIRE(load_facts_text(&t, nullptr, "good.jsonl", good).ok);
    CHECK(t.size() == 3);
    CHECK(t.unit[2] == before.units.count() + 1);
    CHECK(t.sources.size() == 2);
}

TEST_CASE("a JSON array with bad JSON on line 3 names line 3", "[facts]") {
    FactTable t;
    const std::string bad = "[\n{\"kind\":\"count\",\"value\":1},\n{\"kind\":\"count\",,\"value\":2}\n]\n";
    const FactsLoadResult r = load_facts_text(&t, nullptr, "bad.json", bad);
    CHECK_FALSE(r.ok);
    INFO(r.error);
    CHECK(r.error.find("bad.json") != std::string::npos);
    CHECK(r.error.find("line 3") != std::string::npos);
    CHECK(t.size() == 0);
    CHECK(t.sources.empty());
}

TEST_CASE("malformed facts are refused with a reason, and the table is unchanged", "[facts]") {
    FactTable t = seed_table();
    const FactTable before = t;
    struct Case { const char* what; std::string text; const char* says; };
    const std::string big_text(17u << 20, 'a');
    const Case cases[] = {
        {"unknown kind", "{\"kind\":\"amount\",\"value\":1}\n", "kind"},
        {"no kind", "{\"value\":1}\n", "kind"},
        {"kind null", "{\"kind\":null}\n", "kind"},
        {"value a string", "{\"kind\":\"count\",\"value\":\"x\"}\n", "value"},
        {"unit a number", "{\"kind\":\"count\",\"unit\":5}\n", "unit"},
        {"ambiguous a string", "{\"kind\":\"count\",\"ambiguous\":\"yes\"}\n", "ambiguous"},
        {"negative start", "{\"kind\":\"count\",\"start\":-1,\"end\":3}\n", "start"},
        {"fractional pair", "{\"kind\":\"count\",\"pair\":1.5}\n", "pair"},
        {"end before start", "{\"kind\":\"count\",\"start\":10,\"end\":5,\"text\":\"x\"}\n", "end"},
        {"period a string", "{\"kind\":\"period\",\"period\":\"2025\"}\n", "period"},
        {"bad month", "{\"kind\":\"period\",\"period\":{\"start\":\"2025-13-01\",\"end\":\"2025-12-31\"}}\n", "period"},
        {"short date", "{\"kind\":\"period\",\"period\":{\"start\":\"2025-1-1\",\"end\":\"2025-12-31\"}}\n", "period"},
        {"February 30", "{\"kind\":\"date\",\"period\":{\"start\":\"2025-02-30\",\"end\":\"2025-02-30\"}}\n", "period"},
        {"period ends first", "{\"kind\":\"period\",\"period\":{\"start\":\"2025-02-01\",\"end\":\"2025-01-01\"}}\n", "period"},
        {"period a number", "{\"kind\":\"period\",\"period\":{\"start\":2025}}\n", "period"},
        {"empty file", "", "empty"},
        {"only blanks", "  \n\n\t\n", "empty"},
        {"not JSON", "hello\n", "line 1"},
        {"not JSON, no newline", "hello", "line 1"},
        {"a number", "42\n", "line 1"},
        {"infinite value", "{\"kind\":\"count\",\"value\":1e999}\n", "1e999"},
        {"infinite unknown field", "{\"kind\":\"count\",\"extra\":-1e999}\n", "1e999"},
        {"invalid UTF-8", "{\"kind\":\"count\",\"text\":\"ab\xFF\xFE\"}\n", "line 1"},
        {"truncated UTF-8", "{\"kind\":\"count\",\"text\":\"ab\xC3\"}\n", "line 1"},
        {"two objects on a line", "{\"kind\":\"count\"} {\"kind\":\"count\"}\n", "line 1"},
        {"an array on line 2", "{\"kind\":\"count\"}\n[{\"kind\":\"count\"}]\n", "line 2"},
        {"a number on line 2", "{\"kind\":\"count\"}\n7\n", "line 2"},
        {"an unfinished last line", "{\"kind\":\"count\"}\n{\"kind\":\"count\"", "line 2"},
        {"a number in an array", "[{\"kind\":\"count\"},5]", "object"},
        {"null in an array", "[{\"kind\":\"count\"},null]", "object"},
        {"an array in an array", "[[{\"kind\":\"count\"}]]", "object"},
        {"an unclosed array", "[{\"kind\":\"count\"}", "bad.json"},
        {"a 17 MiB line", "{\"kind\":\"count\",\"text\":\"" + big_text + "\"}\n", "line 1"},
        {"a 17 MiB line, no newline", "{\"kind\":\"count\",\"text\":\"" + big_text + "\"}", "line 1"},
        {"a 17 MiB line after a good one", "{\"kind\":\"count\"}\n{\"kind\":\"count\",\"text\":\"" + big_text + "\"}\n", "line 2"},
    };
    for (const Case& c : cases) {
        for (size_t chunk : {(size_t)0, (size_t)1 << 20}) {
            if (chunk && c.text.size() < chunk) continue;
            INFO("case: " << c.what << (chunk ? ", in 1 MiB chunks" : ""));
            const auto t0 = std::chrono::steady_clock::now();
            const FactsLoadResult r = chunk ? load_chunked(&t, nullptr, "bad.json", c.text, chunk)
                                            : load_facts_text(&t, nullptr, "bad.json", c.text);
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            INFO("error: " << r.error.substr(0, 300));
            CHECK_FALSE(r.ok);
            CHECK(r.rows_added == 0);
            CHECK(r.error.find("bad.json") != std::string::npos);
            CHECK(r.error.find(c.says) != std::string::npos);
            CHECK(secs < 5.0);
            require_unchanged(t, before);
        }
    }
}

TEST_CASE("nulls and unknown fields are accepted", "[facts]") {
    FactTable t;
    const std::string text =
        "{\"kind\":\"count\",\"value\":null,\"unit\":null,\"period\":null,\"pair\":null,\"extra\":{\"a\":[1,{\"b\":\"c\"}]},"
        "\"more\":[[1],[2]],\"flag\":true}\n";
    const FactsLoadResult r = load_facts_text(&t, nullptr, "ok.jsonl", text);
    INFO(r.error);
    REQUIRE(r.ok);
    REQUIRE(t.size() == 1);
    CHECK(std::isnan(t.value[0]));
    CHECK(t.unit[0] == 0);
    CHECK(t.period_start[0] == 0);
    CHECK(t.pair[0] == -1);
    FactTable u;
    CHECK(load_facts_text(&u, nullptr, "empty.json", "[]").ok);
    CHECK(u.size() == 0);
}

// ---- Export -------------------------------------------------------------------------------------

TEST_CASE("export_facts_json reads back as the same facts", "[facts]") {
    const FactTable t = seed_table();
    Rows all(t.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::string json = export_facts_json(t, all);
    CHECK(nlohmann::json::parse(json).size() == 83);
    FactTable back;
    const FactsLoadResult r = load_facts_text(&back, nullptr, "export.json", json);
    INFO(r.error);
    REQUIRE(r.ok);
    // Without the corpus: outlets and dates come from the exported fields, and there are no sentences.
    CHECK(table_diff(back, t, false) == "");
    CHECK(back.sources[2].outlet == "ECNS");
    CHECK(back.sources[3].outlet == "Race to AGI");
    CHECK(back.sources[1].outlet == "unknown");
    CHECK(back.sources[0].date == "2026-01-22");
    CHECK(back.sources[0].published == 20260122);
    CHECK(back.sources[1].date == "unknown");
    CHECK(back.sources[0].article == -1);
    CHECK(back.sentence[0] == 0);
    // With the corpus, the round trip is complete, sentences included.
    FactTable linked;
    REQUIRE(load_facts_text(&linked, &seed_corpus(), "export.json", json).ok);
    CHECK(table_diff(linked, t) == "");
    // Exporting nothing is an empty array.
    CHECK(export_facts_json(t, {}) == "[]");
}

TEST_CASE("exported rows in any order, or a subset, read back with the same pair links", "[facts]") {
    const FactTable t = seed_table();
    FactView v;
    query_facts(t, {}, {{FactField::Value, true}}, &v);  // the view's order, as the app exports it
    const Rows sorted = v.rows;
    const Rows subset{20, 19, 5, 4, 50, 0, 73};  // 49 and 72 are left out: 50 and 73 lose their pair
    for (const Rows& rows : {sorted, subset}) {
        FactTable back;
        const FactsLoadResult r = load_facts_text(&back, nullptr, "export.json", export_facts_json(t, rows));
        INFO(r.error);
        REQUIRE(r.ok);
        REQUIRE(back.size() == rows.size());
        for (uint32_t i = 0; i < rows.size(); ++i) {
            INFO("exported row " << i << " = table row " << rows[i]);
            CHECK(same_double(back.value[i], t.value[rows[i]]));
            const int32_t partner = t.pair_row[rows[i]];
            const auto it = std::find(rows.begin(), rows.end(), (uint32_t)partner);
            const int32_t want = partner >= 0 && it != rows.end() ? (int32_t)(it - rows.begin()) : -1;
            CHECK(back.pair_row[i] == want);
        }
    }
}

namespace {

// RFC 4180: fields separated by ',', records by CRLF (a bare LF is accepted), a quoted field may hold
// ',', '"' (doubled) and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> rec;
    std::string field;
    size_t i = 0;
    bool any = false;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' && field.empty()) {
            ++i;
            for (;;) {
                REQUIRE(i < s.size());  // unterminated quote
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; i += 2; continue; }
                    ++i;
                    break;
                }
                field += s[i++];
            }
            REQUIRE((i == s.size() || s[i] == ',' || s[i] == '\r' || s[i] == '\n'));
            any = true;
        } else if (c == ',') {
            rec.push_back(field);
            field.clear();
            any = true;
            ++i;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r') { REQUIRE(i + 1 < s.size()); REQUIRE(s[i + 1] == '\n'); ++i; }
            ++i;
            rec.push_back(field);
            field.clear();
            records.push_back(rec);
            rec.clear();
            any = false;
        } else {
            field += c;
            any = true;
            ++i;
        }
    }
    if (any || !field.empty()) {
        rec.push_back(field);
        records.push_back(rec);
    }
    return records;
}

std::string num_field(double v) { return std::isnan(v) ? std::string() : format_double_roundtrip(v); }

} // namespace

TEST_CASE("the CSV parser in this test reads RFC 4180", "[facts]") {
    const auto r = parse_csv("a,\"b,c\",\"d\"\"e\"\r\n\"x\r\ny\",,z\r\n");
    REQUIRE(r.size() == 2);
    CHECK(r[0] == std::vector<std::string>{"a", "b,c", "d\"e"});
    CHECK(r[1] == std::vector<std::string>{"x\r\ny", "", "z"});
}

TEST_CASE("export_facts_csv: RFC 4180 fields equal to the table's", "[facts]") {
    FactTable t = seed_table();
    // A source and a fact with every character CSV must quote.
    FactSource s;
    s.id = "odd,id";
    s.outlet = "The \"Daily\", Inc.";
    s.date = "2025-05-05";
    s.published = 20250505;
    const uint32_t src = fact_source(t, s);
    FactRecord rec;
    rec.kind = ClaimKind::Money;
    rec.value = 0.1;
    rec.low = -2.5e-7;
    rec.unit = "US$";
    rec.qualifier = "more than";
    rec.text = "a, \"b\"\nc\r\nd";
    rec.subject = "line\nbreak";
    rec.period_start = 20250101;
    rec.period_end = 20250331;
    rec.direction = "up";
    add_fact(t, src, rec);
    Rows all(t.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::string csv = export_facts_csv(t, all);
    CHECK(csv.compare(csv.size() - 2, 2, "\r\n") == 0);
    const auto records = parse_csv(csv);
    REQUIRE(records.size() == t.size() + 1);
    CHECK(records[0] == std::vector<std::string>{"outlet", "date", "article", "kind", "value", "unit", "qualifier",
                                                 "low", "high", "start", "end", "text", "subject", "period_start",
                                                 "period_end", "pair", "ambiguous", "direction", "hedge", "rate",
                                                 "rate_unit"});
    for (uint32_t r = 0; r < t.size(); ++r) {
        INFO("row " << r);
        const std::vector<std::string>& f = records[r + 1];
        REQUIRE(f.size() == 21);
        const FactSource& so = t.sources[t.source[r]];
        CHECK(f[0] == (so.outlet == "unknown" ? "" : so.outlet));
        CHECK(f[1] == (so.date == "unknown" ? "" : so.date));
        CHECK(f[2] == so.id);
        CHECK(f[3] == claim_kind_name((ClaimKind)t.kind[r]));
        CHECK(f[4] == num_field(t.value[r]));
        if (!f[4].empty()) CHECK(std::strtod(f[4].c_str(), nullptr) == t.value[r]);
        CHECK(f[5] == t.units.get(t.unit[r]));
        CHECK(f[6] == t.qualifiers.get(t.qualifier[r]));
        CHECK(f[7] == num_field(t.low[r]));
        CHECK(f[8] == num_field(t.high[r]));
        CHECK(f[9] == std::to_string(t.start[r]));
        CHECK(f[10] == std::to_string(t.end[r]));
        CHECK(f[11] == t.texts.get(t.text[r]));
        CHECK(f[12] == t.subjects.get(t.subject[r]));
        CHECK(f[13] == day_to_iso(t.period_start[r]));
        CHECK(f[14] == day_to_iso(t.period_start[r] ? t.period_end[r] : 0));
        CHECK(f[15] == (t.pair[r] >= 0 ? std::to_string(t.pair[r]) : ""));
        CHECK(f[16] == (t.ambiguous[r] ? "true" : "false"));
        CHECK(f[17] == t.directions.get(t.direction[r]));
        CHECK(f[18] == t.hedges.get(t.hedge[r]));
        CHECK(f[19] == num_field(t.rate[r]));
        CHECK(f[20] == t.rate_units.get(t.rate_unit[r]));
    }
    // Hand-checked: the first seed row and the odd one.
    CHECK(records[1] == std::vector<std::string>{"", "2026-01-22", "000_9de56da941baaf02", "count", "6000",
                                                 "AI companies", "over", "6000", "", "22", "27", "6,000",
                                                 "AI companies", "", "", "", "false", "", "", "", ""});
    CHECK(records[84] == std::vector<std::string>{"The \"Daily\", Inc.", "2025-05-05", "odd,id", "money", "0.1", "US$",
                                                  "more than", "-2.5e-07", "", "0", "0", "a, \"b\"\nc\r\nd",
                                                  "line\nbreak", "2025-01-01", "2025-03-31", "", "false", "up", "",
                                                  "", ""});
    CHECK(export_facts_csv(t, {}) == csv.substr(0, csv.find("\r\n") + 2));
}

TEST_CASE("export_facts_tsv: one line per row, tabs and line breaks inside cells replaced", "[facts]") {
    FactTable t;
    FactSource s;
    s.id = "a";
    s.outlet = "ECNS";
    s.date = "2026-01-21";
    const uint32_t src = fact_source(t, s);
    FactRecord rec;
    rec.kind = ClaimKind::Money;
    rec.value = 1.2e12;
    rec.low = 1.2e12;
    rec.qualifier = "over";
    rec.unit = "CNY";
    rec.subject = "core\tAI\nindustry";
    rec.text = "1.2 trillion yuan";
    rec.period_start = 20250101;
    rec.period_end = 20251231;
    add_fact(t, src, rec);
    const std::string tsv = export_facts_tsv(t, {0});
    CHECK(tsv ==
          "outlet\tdate\tkind\tvalue\tunit\tbounds\tsubject\tperiod\thedge\tdirection\trate\ttext\n"
          "ECNS\t2026-01-21\tmoney\t1200000000000\tCNY\t> 1.2 trillion\tcore AI industry\t2025\t\t\t\t1.2 trillion yuan\n");
}

TEST_CASE("JSON export escapes line separators and control characters", "[facts]") {
    FactTable t;
    FactSource s;
    s.id = "a";
    s.outlet = "ECNS";
    s.date = "2026-01-21";
    const uint32_t src = fact_source(t, s);
    FactRecord rec;
    rec.kind = ClaimKind::Count;
    rec.value = 3;
    const std::string subject = "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c\xC2\x85" "d\x01" "e\"f\\g\th\ni\x7F";
    rec.subject = subject;
    rec.text = "\xE2\x80\xA8";
    add_fact(t, src, rec);
    const std::string json = export_facts_json(t, {0});
    CHECK(json.find("\\u2028") != std::string::npos);
    CHECK(json.find("\\u2029") != std::string::npos);
    CHECK(json.find("\\u0085") != std::string::npos);
    CHECK(json.find("\\u0001") != std::string::npos);
    CHECK(json.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(json.find("\xE2\x80\xA9") == std::string::npos);
    CHECK(json.find("\xC2\x85") == std::string::npos);
    for (char c : json) CHECK((c == '\n' || (unsigned char)c >= 0x20));
    // One line per object: it reads back as JSON Lines too.
    std::string lines;
    for (size_t i = 0; i < json.size(); ++i)
        if (json[i] == '{') { lines = json.substr(i, json.rfind('}') - i + 1) + "\n"; break; }
    for (const std::string& text : {json, lines}) {
        FactTable back;
        const FactsLoadResult r = load_facts_text(&back, nullptr, "x.json", text);
        INFO(r.error);
        REQUIRE(r.ok);
        REQUIRE(back.size() == 1);
        CHECK(back.subjects.get(back.subject[0]) == subject);
        CHECK(back.texts.get(back.text[0]) == "\xE2\x80\xA8");
    }
}

TEST_CASE("format_double_roundtrip: exact, short, integers without exponent", "[facts]") {
    CHECK(format_double_roundtrip(0.1) == "0.1");
    CHECK(format_double_roundtrip(1200000000000.0) == "1200000000000");
    CHECK(format_double_roundtrip(1.2e12) == "1200000000000");
    CHECK(format_double_roundtrip(171390000000.0) == "171390000000");
    CHECK(format_double_roundtrip(7.0588235294117645) == "7.0588235294117645");
    CHECK(format_double_roundtrip(9.2) == "9.2");
    CHECK(format_double_roundtrip(-3) == "-3");
    CHECK(format_double_roundtrip(0) == "0");
    CHECK(format_double_roundtrip(-0.0) == "0");
    CHECK(format_double_roundtrip(6000) == "6000");
    CHECK(format_double_roundtrip(9007199254740991.0) == "9007199254740991");
    CHECK(format_double_roundtrip(std::numeric_limits<double>::quiet_NaN()) == "null");
    std::mt19937_64 rng(2024);
    for (int i = 0; i < 200000; ++i) {
        uint64_t bits = rng();
        double v;
        std::memcpy(&v, &bits, 8);
        if (!std::isfinite(v)) continue;
        const std::string s = format_double_roundtrip(v);
        INFO(s);
        const double back = std::strtod(s.c_str(), nullptr);
        REQUIRE(back == v);
        REQUIRE((v == 0 || std::signbit(back) == std::signbit(v)));
        REQUIRE(s.size() <= 24);
    }
    for (int i = 0; i < 100000; ++i) {
        // Integers up to 2^53, and ordinary decimals.
        const int64_t n = (int64_t)(rng() % (1ull << 53)) * (rng() % 2 ? 1 : -1);
        const std::string s = format_double_roundtrip((double)n);
        INFO(s);
        REQUIRE(s == std::to_string(n));
        const double d = (double)(int64_t)(rng() % 100000000) / 1000.0;
        const std::string sd = format_double_roundtrip(d);
        INFO(sd);
        REQUIRE(std::strtod(sd.c_str(), nullptr) == d);
        REQUIRE(sd.find('e') == std::string::npos);
    }
}

TEST_CASE("export_facts_json is valid JSON even when the table holds malformed UTF-8 or Unicode line breaks", "[facts]") {
    // A table filled straight from unsanitised text (add_claims copies its bytes): a lone 0xFF, a
    // truncated 3-byte sequence and U+2028 inside the claim's sentence and text.
    const std::string text = "Sales \xFF rose \xE2\x80 to 12 yuan\xE2\x80\xA8 in 2025.";
    const std::vector<Claim> claims = extract_claims(text);
    REQUIRE(claims.size() >= 1);
    FactTable t;
    FactSource src;
    src.id = "bad\xC3";  // the id ends in half a character
    src.outlet = "Line\xC2\x85" "break";
    src.date = "unknown";
    add_claims(t, fact_source(t, src), claims, text);
    Rows all(t.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const std::string out = export_facts_json(t, all);
    INFO(out);
    // No raw U+0085 / U+2028 / U+2029 (they split records for line-oriented readers).
    CHECK(out.find("\xC2\x85") == std::string::npos);
    CHECK(out.find("\xE2\x80\xA8") == std::string::npos);
    CHECK(out.find("\\u0085") != std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(out, nullptr, false);
    REQUIRE(!j.is_discarded());
    REQUIRE(j.size() == claims.size());
    CHECK(j[0]["article"] == "bad\xEF\xBF\xBD");
    CHECK(j[0]["outlet"] == "Line\xC2\x85" "break");
    FactTable back;
    const FactsLoadResult r = load_facts_text(&back, nullptr, "export.json", out);
    INFO(r.error);
    CHECK(r.ok);
}
