// The extractor, one phenomenon at a time, with hand-written expectations.
#include <catch2/catch.hpp>
#include <cstring>

#include "claim.h"
#include "utf8.h"

using namespace factlens;

static std::vector<Claim> run(const std::string& t, Day published = 0) {
    ExtractOptions o;
    o.published = published;
    return extract_claims(t, o);
}
static std::string text_of(const std::string& t, const Claim& c) { return t.substr(c.start, c.end - c.start); }
static bool unit_is(const Claim& c, const char* u) { return c.unit && std::strcmp(c.unit, u) == 0; }

TEST_CASE("money: currencies before and after the number", "[extract][money]") {
    struct Case { const char* text; double value; const char* code; bool ambiguous; };
    const Case cases[] = {
        {"output of 1.2 trillion yuan this year", 1.2e12, "CNY", false},
        {"worth US$170 billion in total", 170e9, "USD", false},
        {"about 171.39 billion U.S. dollars", 171.39e9, "USD", false},
        {"raised HK$5.6 billion from", 5.6e9, "HKD", false},
        {"a fine of €35m for", 35e6, "EUR", false},
        {"sold for £35m last", 35e6, "GBP", false},
        {"paid 35m pounds to", 35e6, "GBP", false},
        {"a budget of 500 billion yen", 500e9, "JPY", false},
        {"RMB 300 million of", 300e6, "CNY", false},
        {"priced at 20 元 each", 20, "CNY", false},
        {"a $5bn deal", 5e9, "USD", true},
        {"spent ¥3,000 on", 3000, "CNY", true},
        {"Toyota, Japan's largest carmaker, earned ¥5 trillion", 5e12, "JPY", false},
        {"Beijing consumers spent ¥3,000 each", 3000, "CNY", false},
        {"Hong Kong's budget of $5bn", 5e9, "HKD", false},
        {"the US economy added $5bn", 5e9, "USD", false},
        {"Tokyo and Beijing each pledged ¥1 billion", 1e9, "CNY", true},
    };
    for (const Case& k : cases) {
        auto cs = run(k.text);
        INFO(k.text);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].kind == ClaimKind::Money);
        CHECK(cs[0].value == Approx(k.value));
        CHECK(unit_is(cs[0], k.code));
        CHECK(cs[0].ambiguous == k.ambiguous);
    }
}

TEST_CASE("qualifiers become bounds", "[extract][bounds]") {
    struct Case { const char* text; const char* qualifier; bool low; bool high; };
    const Case cases[] = {
        {"over 6,000 companies", "over", true, false},
        {"more than 300 technologies", "more than", true, false},
        {"expected to exceed 1.2 trillion yuan", "exceed", true, false},
        {"expected to top 1.2 trillion yuan", "top", true, false},
        {"surpassed 1 trillion yuan", "surpass", true, false},
        {"at least 40 standards", "at least", true, false},
        {"nearly 80% of them", "nearly", false, true},
        {"up to 500 jobs", "up to", false, true},
        {"under 5 percent", "under", false, true},
        {"about $168 billion", "about", false, false},
        {"some 300 firms", "some", false, false},
        {"roughly 12 percent", "roughly", false, false},
        {"exactly 42 units", nullptr, true, true},
    };
    for (const Case& k : cases) {
        auto cs = run(k.text);
        INFO(k.text);
        REQUIRE(cs.size() == 1);
        if (k.qualifier) {
            REQUIRE(cs[0].qualifier != nullptr);
            CHECK(std::string(cs[0].qualifier) == k.qualifier);
        } else {
            CHECK(cs[0].qualifier == nullptr);
        }
        CHECK(is_none(cs[0].low) == !k.low);
        CHECK(is_none(cs[0].high) == !k.high);
    }
}

TEST_CASE("percent, percentage points and quantities", "[extract][units]") {
    auto cs = run("grew 9.2% and 5.9 percent, up 3 percentage points, 1,590 exaflops and 40 GW");
    REQUIRE(cs.size() == 5);
    CHECK((cs[0].kind == ClaimKind::Percent && cs[0].value == Approx(9.2) && unit_is(cs[0], "%")));
    CHECK((cs[1].kind == ClaimKind::Percent && cs[1].value == Approx(5.9)));
    CHECK((cs[2].kind == ClaimKind::Percent && unit_is(cs[2], "pp") && cs[2].value == 3));
    CHECK((cs[3].kind == ClaimKind::Quantity && unit_is(cs[3], "exaflops") && cs[3].value == 1590));
    CHECK((cs[4].kind == ClaimKind::Quantity && unit_is(cs[4], "GW")));
    CHECK(std::string(cs[0].direction ? cs[0].direction : "") == "up");
    auto rate = run("the central parity was 6.9843 yuan per dollar");
    REQUIRE(rate.size() == 1);
    CHECK(rate[0].kind == ClaimKind::Quantity);
    CHECK(unit_is(rate[0], "CNY per USD"));
}

TEST_CASE("spelled and hyphenated numbers, scales", "[extract][numbers]") {
    const std::string t = "crossed the one-trillion-yuan mark; a 1\xE2\x80\x91trillion\xE2\x80\x91yuan figure; 1.78 million units";
    auto cs = run(t);
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].value == 1e12);
    CHECK(unit_is(cs[0], "CNY"));
    CHECK(text_of(t, cs[0]) == "one-trillion-yuan");
    CHECK(cs[1].value == 1e12);
    CHECK(cs[2].value == 1780000.0);  // exact, not 1779999.9999999998
    CHECK(cs[2].kind == ClaimKind::Count);
    CHECK(run("two hundred and fifty million euros")[0].value == 250e6);
    CHECK(run("a tenfold rise")[0].value == 10);
}

TEST_CASE("not facts: names, versions, ordinals, clock times, phones, IDs, URLs, bullets", "[extract][traps]") {
    const char* traps[] = {
        "China completes first phase of 6G technology trials",
        "the 5G network and G20 summit",
        "after COVID-19 hit",
        "a Boeing 737 landed",
        "the 15th Five-Year Plan and the 3rd round",
        "at 10:30 local time",
        "call +86 10 6512 3456 or 010-6512-3456",
        "ICP No. 12345678 and registration 京ICP备12345678号",
        "see https://www.globaltimes.cn/page/202512/1351611.shtml for more",
        "([globaltimes.cn](https://www.globaltimes.cn/page/202512/1351611.shtml))",
        "The TL;DR is AI-generated",
        "1. First point\n2. Second point",
        "one of the largest",
    };
    for (const char* t : traps) {
        auto cs = run(t);
        INFO(t);
        for (const Claim& c : cs) INFO("got " << claim_kind_name(c.kind) << " " << std::string(t).substr(c.start, c.end - c.start));
        bool numeric = false;
        for (const Claim& c : cs)
            if (c.kind != ClaimKind::Date && c.kind != ClaimKind::Period) numeric = true;
        CHECK_FALSE(numeric);
    }
}

TEST_CASE("dates and periods", "[extract][dates]") {
    const Day pub = 20260122;  // a Thursday
    struct Case { const char* text; ClaimKind kind; Day start; Day end; };
    const Case cases[] = {
        {"on January 22, 2026 officials", ClaimKind::Date, 20260122, 20260122},
        {"date 2026-01-21 (ECNS)", ClaimKind::Date, 20260121, 20260121},
        {"by Jan. 27 the", ClaimKind::Date, 20260127, 20260127},
        {"said on Wednesday.", ClaimKind::Date, 20260121, 20260121},
        {"said on Monday.", ClaimKind::Date, 20260119, 20260119},
        {"in the first three quarters of 2025", ClaimKind::Period, 20250101, 20250930},
        {"from January to November 2025", ClaimKind::Period, 20250101, 20251130},
        {"during 2026-2030", ClaimKind::Period, 20260101, 20301231},
        {"the 15th Five-Year Plan period (2026-2030)", ClaimKind::Period, 20260101, 20301231},
        {"in 2025 the", ClaimKind::Period, 20250101, 20251231},
        {"by 27 December 2025", ClaimKind::Date, 20251227, 20251227},
        {"in the first half of 2024", ClaimKind::Period, 20240101, 20240630},
    };
    for (const Case& k : cases) {
        auto cs = run(k.text, pub);
        INFO(k.text);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].kind == k.kind);
        CHECK(cs[0].period_start == k.start);
        CHECK(cs[0].period_end == k.end);
    }
    auto unresolved = run("said on Monday.");
    REQUIRE(unresolved.size() == 1);
    CHECK(unresolved[0].period_start == 0);  // no publication date: the weekday stays unresolved
}

TEST_CASE("conversions link both claims and give the fact its period and subject", "[extract][pairs]") {
    const std::string t = "the core AI industry was expected to exceed 1.2 trillion yuan (about 171.39 billion U.S. dollars) in 2025.";
    auto cs = run(t);
    REQUIRE(cs.size() == 3);
    CHECK(cs[0].pair == 1);
    CHECK(cs[1].pair == 0);
    CHECK(cs[0].value / cs[1].value == Approx(1.2e12 / 171.39e9));
    CHECK(t.substr(cs[0].subject_start, cs[0].subject_end - cs[0].subject_start) == "core AI industry");
    CHECK(cs[0].period_start == 20250101);
    CHECK(cs[1].period_end == 20251231);
    CHECK(std::string(cs[0].hedge) == "expected");
    auto bare = run("to top 1.2 trillion yuan (US$170 billion).");
    REQUIRE(bare.size() == 2);
    CHECK(std::string(bare[1].qualifier) == "top");  // the bracket carries the outer bound
    CHECK(bare[1].low == 170e9);
}

TEST_CASE("adversarial input: no crash, offsets on boundaries, text equals its slice", "[extract][fuzz]") {
    std::vector<std::string> inputs = {
        "1e400 trillion yuan", "999999999999999999999999999999 trillion trillion dollars",
        std::string(1 << 20, '9'), std::string(1 << 20, 'a') + " 5 percent",
        "$$$ %%% ((( 1,,,2 ..3 -4- \xE2\x80\x91\xE2\x80\x91 5", "\xFF\xFE 12 \xC0\xAF yuan \xE2\x82",
    };
    std::string line;
    for (int i = 0; i < 60000; ++i) line += "over 1.5 billion yuan (about $210 million) in 2025, ";
    inputs.push_back(line);  // a ~3 MB line with no line break
    uint32_t x = 7;
    for (int r = 0; r < 200; ++r) {
        std::string s;
        const char* pieces[] = {"1", "2,5", ".", " ", "$", "yuan", "billion", "\xE2\x80\x91", "-", "%", "over", "2025",
                                "January", "\xFF", "(", ")", "\n", "\xC2\xA0", "one", "trillion", "\xE5\x85\x83"};
        for (int k = 0; k < 80; ++k) {
            x = x * 1103515245u + 12345u;
            s += pieces[(x >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
        }
        inputs.push_back(s);
    }
    for (const std::string& raw : inputs) {
        const std::string t = utf8_sanitize(raw);
        auto cs = run(t, 20260122);
        uint32_t prev_end = 0;
        for (const Claim& c : cs) {
            REQUIRE(c.start < c.end);
            REQUIRE(c.end <= t.size());
            REQUIRE(utf8_floor_boundary(t, c.start) == c.start);
            REQUIRE(utf8_floor_boundary(t, c.end) == c.end);
            REQUIRE(c.start >= prev_end);  // in order, never overlapping
            prev_end = c.end;
            if (!is_none(c.value)) REQUIRE(std::isfinite(c.value));
        }
    }
    // Invalid UTF-8 handed straight in is skipped, never read past.
    auto cs = run("\xFF\xFF 12 percent \xE2");
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].value == 12);
}

TEST_CASE("streaming gives the same claims as the vector API, pairs indexed globally", "[extract][stream]") {
    std::string t;
    for (int i = 0; i < 4000; ++i)
        t += "Output rose " + std::to_string(i % 90 + 1) + "% to 1.2 trillion yuan (about $168 billion) in 2025.\n";
    REQUIRE(t.size() > 200000);  // several 64 KiB blocks
    const std::vector<Claim> all = extract_claims(t);
    std::vector<Claim> streamed;
    const size_t n = extract_claims_stream(t, {}, [](const Claim& c, void* u) { ((std::vector<Claim>*)u)->push_back(c); }, &streamed);
    REQUIRE(n == all.size());
    REQUIRE(streamed.size() == all.size());
    REQUIRE(all.size() == 4000 * 4);
    for (size_t i = 0; i < all.size(); ++i) {
        REQUIRE(streamed[i].start == all[i].start);
        REQUIRE(streamed[i].pair == all[i].pair);
        if (streamed[i].pair >= 0) REQUIRE(all[(size_t)streamed[i].pair].pair == (int32_t)i);
    }
}

TEST_CASE("ranges: between X and Y, X-Y, with the unit and scale after Y", "[extract][ranges]") {
    struct Case { const char* text; ClaimKind kind; double low; double high; const char* unit; };
    const Case cases[] = {
        {"between 5 and 10 percent of firms", ClaimKind::Percent, 5, 10, "%"},
        {"grew 30-40 percent", ClaimKind::Percent, 30, 40, "%"},
        {"worth 1.5\xE2\x80\x93" "2 billion yuan", ClaimKind::Money, 1.5e9, 2e9, "CNY"},
        {"between $3 billion and $4 billion", ClaimKind::Money, 3e9, 4e9, "USD"},  // a unit on each end
    };
    for (int k = 0; k < 4; ++k) {
        const Case& c = cases[k];
        auto cs = run(c.text);
        INFO(c.text);
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].kind == c.kind);
        CHECK(cs[0].low == Approx(c.low));
        CHECK(cs[0].high == Approx(c.high));
        CHECK(cs[0].value == Approx(c.low));
        CHECK(unit_is(cs[0], c.unit));
        CHECK(std::string(cs[0].qualifier) == "between");
    }
    // Two amounts in different currencies are two claims; a year range stays a period; a phone
    // number is no range. (Before issue #10, "between $3 billion and $4 billion" was two claims too.)
    CHECK(run("between $3 billion and 4 billion yuan").size() == 2);
    auto years = run("during 2026-2030");
    REQUIRE(years.size() == 1);
    CHECK(years[0].kind == ClaimKind::Period);
    CHECK(run("call 010-6512-3456").empty());
}

TEST_CASE("fractions and multiples state a value", "[extract][fractions]") {
    auto a = run("a third of companies");
    REQUIRE(a.size() == 1);
    CHECK(a[0].kind == ClaimKind::Percent);
    CHECK(a[0].value == Approx(100.0 / 3));
    auto b = run("two thirds of the budget");
    REQUIRE(b.size() == 1);
    CHECK(b[0].value == Approx(200.0 / 3));
    auto h = run("half of all shipments");
    REQUIRE(h.size() == 1);
    CHECK(h[0].value == 50);
    CHECK(run("the third quarter of 2025").size() == 1);   // a period only
    CHECK(run("in the first half of the decade").empty());  // neither a share nor a dated period
    auto t = run("a tenfold increase");
    REQUIRE(t.size() == 1);
    CHECK(t[0].kind == ClaimKind::Quantity);
    CHECK(t[0].value == 10);
}

TEST_CASE("conversion pairs carry the implied exchange rate", "[extract][pairs]") {
    auto cs = run("to exceed 1.2 trillion yuan (about 171.39 billion U.S. dollars)");
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].rate == Approx(1.2e12 / 171.39e9));  // 7.0016 CNY per USD
    CHECK(std::string(cs[0].pair_unit) == "USD");
    CHECK(cs[1].rate == Approx(171.39e9 / 1.2e12));
    CHECK(std::string(cs[1].pair_unit) == "CNY");
    CHECK(is_none(run("1.2 trillion yuan")[0].rate));
}

TEST_CASE("subjects: what the figure is about, not a verb, pronoun or the previous figure's noun", "[extract][subjects]") {
    auto subject = [](const std::string& t, size_t i) {
        auto cs = run(t);
        REQUIRE(cs.size() > i);
        return t.substr(cs[i].subject_start, cs[i].subject_end - cs[i].subject_start);
    };
    CHECK(subject("AI companies now number over 6,000.", 0) == "AI companies");
    CHECK(subject("the core industrial output expected to top 1.2 trillion yuan", 0) == "core industrial output");
    CHECK(subject("underpinning last year's 5 percent GDP expansion", 0) == "GDP expansion");
    CHECK(subject("intelligent computing power reached 1,590 exaflops", 0) == "intelligent computing power");
    CHECK(subject("shipments of smart glasses exceeded 1.78 million units, with nearly 80% comprising AI glasses", 0) ==
          "smart glasses");
    CHECK(subject("shipments of smart glasses exceeded 1.78 million units, with nearly 80% comprising AI glasses", 1).empty());
    CHECK(subject("and manufacturers increased it by 9.3%", 0) == "manufacturers");
}
