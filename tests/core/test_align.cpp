// align_facts() against hand-labelled clusters of the five seed articles (labelled by reading the
// texts: which figures are one real-world quantity, and what a careful reader would say about
// them), traps on small synthetic texts, the invariants every result must keep, and its speed.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>

#include "align.h"
#include "claim.h"
#include "corpus.h"

using namespace factlens;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

Day iso_day(const std::string& s) {
    int y = 0, m = 0, d = 0;
    return std::sscanf(s.c_str(), "%d-%d-%d", &y, &m, &d) == 3 ? y * 10000 + m * 100 + d : 0;
}

// Articles with their claims, kept alive for the AlignArticles that point into them.
struct Articles {
    std::vector<std::string> ids, outlets, dates, texts;
    std::vector<std::vector<Claim>> claims;
    std::vector<AlignArticle> input;

    void add(const std::string& id, const std::string& text, const std::string& outlet = "", const std::string& date = "") {
        ids.push_back(id);
        texts.push_back(text);
        outlets.push_back(outlet);
        dates.push_back(date);
    }
    // Extracts and builds the input (call once, after every add()).
    const std::vector<AlignArticle>& build() {
        claims.resize(texts.size());
        input.clear();
        for (size_t i = 0; i < texts.size(); ++i) {
            ExtractOptions opt;
            opt.published = iso_day(dates[i]);
            claims[i] = extract_claims(texts[i], opt);
            input.push_back({ids[i], outlets[i], dates[i], opt.published, texts[i], &claims[i]});
        }
        return input;
    }
    const Claim& claim(const ClusterMember& m) const { return claims[m.article][m.claim]; }
    std::string text_of(const ClusterMember& m) const {
        const Claim& c = claim(m);
        return texts[m.article].substr(c.start, c.end - c.start);
    }
};

Articles seeds() {
    const std::string dir = std::string(FACTLENS_SOURCE_DIR) + "/assets/corpus/";
    Corpus corpus;
    std::vector<std::string> bytes;
    const char* files[] = {"000_9de56da941baaf02.txt", "001_74d299288f265200.txt", "002_97deae5d2b524853.txt",
                           "003_fafa350621e27bbb.txt", "004_31ee5d1c5e0105ad.txt"};
    for (const char* f : files) bytes.push_back(read_file(dir + f));
    std::vector<NamedText> named;
    for (size_t i = 0; i < bytes.size(); ++i) named.push_back({files[i], bytes[i]});
    const std::string meta = read_file(dir + "articles.json");
    REQUIRE(load_corpus(meta, named, &corpus).ok);
    Articles a;
    for (const Article& art : corpus.articles) a.add(art.id, art.text, art.outlet, art.date);
    return a;
}

// The cluster that holds a member of `article` for which pred(claim, text) holds; nullptr if none.
template <class Pred>
const Cluster* find_cluster(const std::vector<Cluster>& cs, const Articles& a, uint32_t article, Pred pred) {
    for (const Cluster& c : cs)
        for (const ClusterMember& m : c.members)
            if (m.article == article && pred(a.claim(m), a.text_of(m))) return &c;
    return nullptr;
}

std::set<uint32_t> articles_of(const Cluster& c) {
    std::set<uint32_t> s;
    for (const ClusterMember& m : c.members) s.insert(m.article);
    return s;
}

size_t multi_source(const std::vector<Cluster>& cs) {
    size_t n = 0;
    for (const Cluster& c : cs) n += c.sources > 1;
    return n;
}

bool is_money(const Claim& c, double v, const char* unit) {
    return c.kind == ClaimKind::Money && c.unit && std::strcmp(c.unit, unit) == 0 && std::fabs(c.value - v) < 1e-6 * v;
}
bool is_percent(const Claim& c, double v) { return c.kind == ClaimKind::Percent && std::fabs(c.value - v) < 1e-9; }

// What every result must keep, whatever the input.
void check_invariants(const std::vector<Cluster>& cs, const Articles& a) {
    std::set<std::pair<uint32_t, uint32_t>> seen;
    for (const Cluster& c : cs) {
        REQUIRE(!c.members.empty());
        CHECK(c.sources == articles_of(c).size());
        CHECK((c.verdict == Verdict::Single) == (c.sources == 1));
        CHECK(!c.explanation.empty());
        CHECK(!c.label.empty());
        // Two members of one article only as a stated conversion pair.
        for (size_t i = 0; i < c.members.size(); ++i)
            for (size_t j = i + 1; j < c.members.size(); ++j) {
                const ClusterMember &x = c.members[i], &y = c.members[j];
                if (x.article != y.article) continue;
                const Claim &cx = a.claim(x), &cy = a.claim(y);
                CHECK((cx.pair == (int32_t)y.claim || cy.pair == (int32_t)x.claim));
            }
        for (const ClusterMember& m : c.members) CHECK(seen.insert({m.article, m.claim}).second);
        for (const ClusterMember& m : c.restated) CHECK(seen.insert({m.article, m.claim}).second);
        for (const ClusterMember& m : c.restated) CHECK(articles_of(c).count(m.article) == 1);
    }
    // Every quantity is somewhere, dates and periods nowhere.
    for (uint32_t ai = 0; ai < a.claims.size(); ++ai)
        for (uint32_t ci = 0; ci < a.claims[ai].size(); ++ci) {
            const ClaimKind k = a.claims[ai][ci].kind;
            const bool quantity = k != ClaimKind::Date && k != ClaimKind::Period;
            CHECK(seen.count({ai, ci}) == (quantity ? 1u : 0u));
        }
}

RateTable cny_usd_table(double cny_per_usd, Day on) {
    RateSource src;
    src.name = "test parity";
    src.pivot = "CNY";
    src.series.push_back({"USD", {{on, cny_per_usd, 0}}});
    src.notes = {"test parity"};
    src.urls = {""};
    src.first_date = src.last_date = on;
    RateTable t;
    t.sources.push_back(std::move(src));
    return t;
}

}  // namespace

// ---- The seed articles ---------------------------------------------------------------------------

TEST_CASE("seeds: the AI firm count in two articles agrees", "[align]") {
    Articles a = seeds();
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    check_invariants(cs, a);
    // "more than 6,000 related enterprises" (ECNS) and "over 6,000 AI firms/companies" (000, six mentions).
    const Cluster* c = find_cluster(cs, a, 2, [](const Claim& k, const std::string&) { return k.kind == ClaimKind::Count && k.value == 6000; });
    REQUIRE(c);
    CHECK(c->verdict == Verdict::Agree);
    CHECK(articles_of(*c) == std::set<uint32_t>{0, 2});
    CHECK(c->members.size() == 2);
    CHECK(c->restated.size() == 5);  // 000 repeats its headlines and says it once more in the body
    CHECK(c->reasons == 0);
    CHECK(c->spread == 0);
    CHECK(c->explanation.find("ECNS") != std::string::npos);
    CHECK(c->explanation.find("6,000") != std::string::npos);
}

TEST_CASE("seeds: the core AI industry in yuan and dollars, all five articles, compatible", "[align]") {
    Articles a = seeds();
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    const Cluster* c = find_cluster(cs, a, 2, [](const Claim& k, const std::string&) { return is_money(k, 1.2e12, "CNY"); });
    REQUIRE(c);
    CHECK(c->verdict == Verdict::Compatible);
    CHECK(c->sources == 5);
    CHECK(c->currency == "CNY");
    // Over 1.2 trillion (000, ECNS) against over 1 trillion (001, Race to AGI, 004): both lower
    // bounds; the dollar figures imply 7.00, 7.14 and 7.04 yuan to the dollar.
    CHECK((c->reasons & AlignReason_BaseFigure));
    CHECK((c->reasons & AlignReason_ExchangeRate));
    CHECK((c->reasons & AlignReason_Hedge));  // 000 and ECNS: "expected to exceed"
    CHECK_FALSE((c->reasons & AlignReason_Period));
    CHECK(c->spread == Approx(0.2 / 1.2));
    // Each article's yuan figure, and the dollar conversion of the four that give one.
    std::multiset<std::string> units;
    for (const ClusterMember& m : c->members) units.insert(a.claim(m).unit ? a.claim(m).unit : "");
    CHECK(units.count("CNY") == 5);
    CHECK(units.count("USD") == 4);
    for (const ClusterMember& m : c->members)
        if (is_money(a.claim(m), a.claim(m).value, "USD")) CHECK(a.claim(m).pair >= 0);
    CHECK(find_cluster(cs, a, 3, [](const Claim& k, const std::string&) { return is_money(k, 1.42e11, "USD"); }) == c);
    CHECK(find_cluster(cs, a, 1, [](const Claim& k, const std::string&) { return is_money(k, 1e12, "CNY"); }) == c);
    const std::string& e = c->explanation;
    CHECK(e.find("1.2 trillion") != std::string::npos);
    CHECK(e.find("7.14") != std::string::npos);
    CHECK(e.find("lower bounds") != std::string::npos);
    // The 60 billion yuan investment fund is another quantity.
    const Cluster* fund = find_cluster(cs, a, 2, [](const Claim& k, const std::string&) { return is_money(k, 6e10, "CNY"); });
    REQUIRE(fund);
    CHECK(fund->verdict == Verdict::Single);
}

TEST_CASE("seeds: more than 9 percent and the manufacturing growth it bounds, compatible", "[align]") {
    Articles a = seeds();
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    const Cluster* c = find_cluster(cs, a, 4, [](const Claim& k, const std::string&) { return is_percent(k, 9); });
    REQUIRE(c);
    CHECK(c->verdict == Verdict::Compatible);
    CHECK(articles_of(*c) == std::set<uint32_t>{1, 4});
    CHECK((c->reasons & AlignReason_Bound));
    // 004 says "high-tech manufacturing and equipment manufacturing ... more than 9 percent";
    // 001 gives 9.2% (high-tech) and 9.3% (equipment). Either is the same quantity; only one can
    // be in the cluster.
    int from_001 = 0;
    for (const ClusterMember& m : c->members)
        if (m.article == 1) {
            ++from_001;
            CHECK((is_percent(a.claim(m), 9.2) || is_percent(a.claim(m), 9.3)));
        }
    CHECK(from_001 == 1);
}

TEST_CASE("seeds: 5.9% growth for 2025, reported as a 2026 target by one source: timeframe", "[align]") {
    Articles a = seeds();
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    const Cluster* c = find_cluster(cs, a, 3, [](const Claim& k, const std::string&) { return is_percent(k, 5.9); });
    REQUIRE(c);
    CHECK(c->verdict == Verdict::Timeframe);
    CHECK(articles_of(*c) == std::set<uint32_t>{1, 3, 4});
    CHECK((c->reasons & AlignReason_Period));
    CHECK((c->reasons & AlignReason_Hedge));
    CHECK(c->explanation.find("2026") != std::string::npos);
    CHECK(c->explanation.find("2025") != std::string::npos);
    CHECK(c->explanation.find("Race to AGI") != std::string::npos);
}

TEST_CASE("seeds: nothing else is reported by several sources", "[align]") {
    Articles a = seeds();
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    check_invariants(cs, a);
    CHECK(multi_source(cs) == 4);
    // Multi-source clusters come first.
    for (size_t i = 0; i < cs.size(); ++i) CHECK((cs[i].sources > 1) == (i < 4));
    // Last year's 5 percent GDP growth is not the 5.9% industrial growth.
    const Cluster* gdp = find_cluster(cs, a, 0, [](const Claim& k, const std::string&) { return is_percent(k, 5); });
    REQUIRE(gdp);
    CHECK(gdp->verdict == Verdict::Single);
    CHECK(gdp->explanation.find("Only") == 0);
    // The same result twice: deterministic.
    const std::vector<Cluster> again = align_facts(a.input, nullptr);
    REQUIRE(again.size() == cs.size());
    for (size_t i = 0; i < cs.size(); ++i) {
        CHECK(again[i].explanation == cs[i].explanation);
        CHECK(again[i].members.size() == cs[i].members.size());
    }
}

// ---- Traps ---------------------------------------------------------------------------------------

TEST_CASE("align: two different facts with the same value do not cluster", "[align]") {
    Articles a;
    a.add("a", "The company hired 300 engineers in 2025.");
    a.add("b", "The city planted 300 trees in 2025.");
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    check_invariants(cs, a);
    CHECK(cs.size() == 2);
    CHECK(multi_source(cs) == 0);
}

TEST_CASE("align: a target with the value of an outcome is not an agreement", "[align]") {
    SECTION("same year: two facts") {
        Articles a;
        a.add("a", "Exports grew 5% in 2025, customs data showed.");
        a.add("b", "The government targets export growth of 5% in 2025.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        CHECK(multi_source(cs) == 0);
    }
    SECTION("another year: the figure moved to the wrong period") {
        Articles a;
        a.add("a", "Exports grew 5% in 2025, customs data showed.");
        a.add("b", "The government targets export growth of 5% in 2026.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        for (const Cluster& c : cs) CHECK(c.verdict != Verdict::Agree);
    }
    SECTION("two outcomes of different years are two facts") {
        Articles a;
        a.add("a", "Exports grew 5% in 2025, customs data showed.");
        a.add("b", "Exports grew 5% in 2024, customs data showed.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        CHECK(multi_source(cs) == 0);
    }
}

TEST_CASE("align: a percent and a count with the same digits never cluster", "[align]") {
    Articles a;
    a.add("a", "The number of AI firms in the city rose 12% in 2025.");
    a.add("b", "There were 12 AI firms in the city in 2025.");
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    check_invariants(cs, a);
    CHECK(multi_source(cs) == 0);
}

TEST_CASE("align: two facts of one article are never one cluster unless paired", "[align]") {
    SECTION("two nearby values, both like the other source's") {
        Articles a;
        a.add("a", "Acme had 500 employees in March. Acme had 510 employees in 2025.");
        a.add("b", "Acme had 505 employees in 2025, its report says.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        CHECK(multi_source(cs) == 1);
    }
    SECTION("one value, two named subjects") {
        Articles a;
        a.add("a", "Firm A has 500 employees. Firm B has 500 employees.");
        a.add("b", "Firm A has 500 employees, its report says.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        REQUIRE(multi_source(cs) == 1);
        // Firm B's figure is neither in the cluster nor counted as a restatement of Firm A's.
        CHECK(cs[0].restated.empty());
        for (const ClusterMember& m : cs[0].members)
            if (m.article == 0) CHECK(a.claim(m).start < a.texts[0].find("Firm B"));
    }
    SECTION("a conversion meets a figure written in the converted currency") {
        Articles a;
        a.add("a", "Acme's revenue reached 1.2 trillion yuan (about $170 billion) in 2025.");
        a.add("b", "Acme's revenue reached $170 billion in 2025.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].currency == "USD");  // what both give; CNY only through a rate table
        CHECK(cs[0].verdict == Verdict::Agree);
    }
    SECTION("a conversion pair is one fact with two members") {
        Articles a;
        a.add("a", "Acme's revenue reached 1.2 trillion yuan (about $170 billion) in 2025.");
        a.add("b", "Acme's revenue reached 1.2 trillion yuan in 2025.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        check_invariants(cs, a);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].members.size() == 3);
        CHECK(cs[0].verdict == Verdict::Agree);
    }
}

// ---- Each verdict --------------------------------------------------------------------------------

TEST_CASE("align: conflict when the intervals cannot both hold", "[align]") {
    Articles a;
    a.add("a", "Beijing had exactly 500 AI firms in 2024, the survey found.");
    a.add("b", "Beijing had exactly 700 AI firms in 2024, officials said.");
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    check_invariants(cs, a);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].verdict == Verdict::Conflict);
    CHECK(cs[0].explanation.find("500") != std::string::npos);
    CHECK(cs[0].explanation.find("700") != std::string::npos);
    CHECK(cs[0].spread == Approx(200.0 / 700));
}

TEST_CASE("align: agree allows for the rounding of what is written", "[align]") {
    Articles a;
    a.add("a", "China's GDP reached 134.9 trillion yuan in 2025.");
    a.add("b", "China's GDP reached 134.9084 trillion yuan in 2025, the statistics bureau said.");
    const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].verdict == Verdict::Agree);
    CHECK(verdict_name(cs[0].verdict) == std::string("agree"));
}

TEST_CASE("align: compatible for a rounder figure and for a conversion at another rate", "[align]") {
    SECTION("rounder figure") {
        Articles a;
        a.add("a", "Acme's revenue reached 1 trillion yuan in 2025.");
        a.add("b", "Acme's revenue reached 1.2 trillion yuan in 2025.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].verdict == Verdict::Compatible);
        CHECK((cs[0].reasons & AlignReason_Rounding));
        CHECK((cs[0].reasons & AlignReason_BaseFigure));
    }
    SECTION("another rate") {
        Articles a;
        a.add("a", "Acme's revenue reached 1.2 trillion yuan (about $170 billion) in 2025.");
        a.add("b", "Acme's revenue reached 1.2 trillion yuan (about $168 billion) in 2025.");
        const std::vector<Cluster> cs = align_facts(a.build(), nullptr);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].verdict == Verdict::Compatible);
        CHECK(cs[0].reasons == AlignReason_ExchangeRate);
        CHECK(cs[0].explanation.find("7.14") != std::string::npos);
    }
}

TEST_CASE("align: amounts in different currencies meet through the rate table", "[align]") {
    Articles a;
    a.add("a", "Acme's revenue was $170 billion in 2025.", "", "2026-01-21");
    a.add("b", "Acme's revenue was 1.2 trillion yuan in 2025.", "", "2026-01-21");
    a.build();
    SECTION("without rates: not comparable") {
        const std::vector<Cluster> cs = align_facts(a.input, nullptr);
        CHECK(multi_source(cs) == 0);
    }
    SECTION("with a reference rate") {
        const RateTable rates = cny_usd_table(7.0572, 20251222);
        const std::vector<Cluster> cs = align_facts(a.input, &rates);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].verdict == Verdict::Agree);
        AlignDesc no_conversion;
        no_conversion.convert_currency = false;
        CHECK(multi_source(align_facts(a.input, &rates, no_conversion)) == 0);
    }
}

TEST_CASE("align: names of verdicts and reasons", "[align]") {
    CHECK(std::string(verdict_name(Verdict::Compatible)) == "compatible");
    CHECK(std::string(verdict_name(Verdict::Conflict)) == "conflict");
    CHECK(std::string(verdict_name(Verdict::Timeframe)) == "timeframe");
    CHECK(std::string(verdict_name(Verdict::Single)) == "single");
    const std::vector<const char*> r = align_reason_names(AlignReason_BaseFigure | AlignReason_ExchangeRate);
    REQUIRE(r.size() == 2);
    CHECK(std::string(r[0]) == "base_figure");
    CHECK(std::string(r[1]) == "exchange_rate");
    CHECK(align_facts({}, nullptr).empty());
}

// ---- Odd input -----------------------------------------------------------------------------------

TEST_CASE("align: odd input is skipped, never a crash", "[align]") {
    std::vector<Claim> claims(3);
    claims[0].kind = ClaimKind::Count;
    claims[0].value = 5;
    claims[0].start = 100;  // past the text
    claims[0].end = 200;
    claims[1].kind = ClaimKind::Money;  // NaN value
    claims[2].kind = ClaimKind::Count;
    claims[2].value = 7;
    claims[2].end = 1;
    claims[2].pair = 99;  // no such claim
    const std::string text = "7 cats";
    std::vector<AlignArticle> in = {{"x", "", "", 0, text, &claims}, {"y", "", "", 0, text, nullptr}};
    const std::vector<Cluster> cs = align_facts(in, nullptr);
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].verdict == Verdict::Single);
}

// ---- Speed ---------------------------------------------------------------------------------------

// Articles about a pool of facts; each reports ten of them, some with a bound ("more than"), the
// money ones with a conversion pair. `vague` writes subjects the extractor cannot narrow ("Hubei's
// solar firms numbered 107 firms": the subject is just "firms"), so a whole bucket of facts looks
// alike and only values and context tell them apart: the worst case for the merging.
static Articles generated_articles(size_t count, bool vague) {
    const char* mods[] = {"solar", "wind", "battery", "chip", "robot", "drone", "cloud", "steel", "textile", "grain",
                          "software", "rail", "port", "biotech", "satellite", "fintech", "gaming", "tourism", "retail", "dairy"};
    const char* nouns[] = {"firms", "workers", "stores", "patents", "exports", "factories"};
    const char* places[] = {"Hubei", "Jiangsu", "Guangdong", "Sichuan", "Zhejiang"};
    uint64_t seed = 12345;
    auto rnd = [&seed](uint32_t n) { seed = seed * 6364136223846793005ull + 1442695040888963407ull; return (uint32_t)(seed >> 33) % n; };
    Articles a;
    for (size_t i = 0; i < count; ++i) {
        std::string t;
        for (int k = 0; k < 10; ++k) {
            const uint32_t f = rnd(600);  // the fact: subject, year, value and kind follow from it
            const std::string place = places[f % 5], mod = mods[f / 5 % 20], noun = nouns[f / 100 % 6];
            const std::string year = std::to_string(2020 + f % 6), value = std::to_string(100 + f * 7);
            const std::string qual = rnd(4) == 0 ? "more than " : "";
            const std::string subject = place + "'s " + mod + " " + noun;
            switch (f % 3) {
                case 0:
                    t += vague ? subject + " numbered " + qual + value + " " + noun + " in " + year + ". "
                               : place + " had " + qual + value + " " + mod + " " + noun + " in " + year + ". ";
                    break;
                case 1:
                    t += (vague ? "The " + mod + " sector in " + place : subject) + " grew " + qual + std::to_string(f % 40) +
                         "." + std::to_string(f % 10) + "% in " + year + ". ";
                    break;
                default:
                    t += "Revenue of " + subject + " reached " + qual + value + " billion yuan (about $" +
                         std::to_string((100 + f * 7) / 7) + " billion) in " + year + ". ";
                    break;
            }
        }
        a.add("g" + std::to_string(i), t);
    }
    a.build();
    return a;
}

TEST_CASE("align: 1,000 generated articles align fast, bucket by bucket", "[align]") {
    SECTION("distinct subjects") {
        const Articles a = generated_articles(1000, false);
        size_t claims = 0;
        for (const auto& c : a.claims) claims += c.size();
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<Cluster> cs = align_facts(a.input, nullptr);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        WARN("align_facts: 1000 articles, " << claims << " claims, " << cs.size() << " clusters (" << multi_source(cs)
                                            << " multi-source) in " << ms << " ms");
        CHECK(ms < 2000);
        CHECK(multi_source(cs) > 550);  // nearly every one of the 600 facts, each reported by ~17 articles
        size_t conflicts = 0, max_sources = 0;
        for (const Cluster& c : cs) {
            conflicts += c.verdict == Verdict::Conflict || c.verdict == Verdict::Timeframe;
            max_sources = std::max<size_t>(max_sources, c.sources);
        }
        CHECK(conflicts == 0);  // no two facts were merged: every fact has one value and one year
        CHECK(max_sources > 10);
    }
    SECTION("vague subjects: many similar facts in one bucket") {
        const Articles a = generated_articles(1000, true);
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<Cluster> cs = align_facts(a.input, nullptr);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        WARN("align_facts, vague subjects: " << cs.size() << " clusters in " << ms << " ms");
        CHECK(ms < 3000);
    }
}
