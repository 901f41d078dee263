// News forms the seed articles lack (issue #10), one phenomenon at a time. Each expectation was
// written from how English-language news states the figure, before the extractor was run on it.
#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "claim.h"

using namespace factlens;

namespace {

std::vector<Claim> run(const std::string& t) { return extract_claims(t); }
bool unit_is(const Claim& c, const char* u) { return c.unit && std::strcmp(c.unit, u) == 0; }
std::string text_of(const std::string& t, const Claim& c) { return t.substr(c.start, c.end - c.start); }

// The one claim of kind k in t; fails the test when there is not exactly one.
Claim only(const std::string& t, ClaimKind k) {
    const auto cs = run(t);
    std::vector<Claim> of_kind;
    for (const Claim& c : cs)
        if (c.kind == k) of_kind.push_back(c);
    INFO(t);
    for (const Claim& c : cs) INFO("got " << claim_kind_name(c.kind) << " \"" << text_of(t, c) << "\"");
    REQUIRE(of_kind.size() == 1);
    return of_kind[0];
}

} // namespace

TEST_CASE("percentage points, singular or plural, are pp", "[extract][accuracy]") {
    for (const char* t : {"the jobless rate rose 0.8 percentage point to 4.1 percent",
                          "unemployment fell 0.8 percentage points in March", "a 0.8 percent point rise"}) {
        const auto cs = run(t);
        INFO(t);
        REQUIRE(!cs.empty());
        CHECK(cs[0].kind == ClaimKind::Percent);
        CHECK(unit_is(cs[0], "pp"));
        CHECK(cs[0].value == 0.8);
        CHECK(cs[0].noun_end == cs[0].noun_start);  // not a count of "percentage point"
    }
    const Claim bp = only("the central bank cut rates by 25 basis points", ClaimKind::Percent);
    CHECK(unit_is(bp, "bp"));
    CHECK(bp.value == 25);
    CHECK(unit_is(only("yields rose 12 bps on the day", ClaimKind::Percent), "bp"));
}

TEST_CASE("a span of years is a period, not a count range", "[extract][accuracy]") {
    for (const char* t : {"between 2012 and 2021 the share doubled", "from 2012 to 2021, exports grew"}) {
        const auto cs = run(t);
        INFO(t);
        REQUIRE(!cs.empty());
        CHECK(cs[0].kind == ClaimKind::Period);
        CHECK(cs[0].period_start == 20120101);
        CHECK(cs[0].period_end == 20211231);
        for (const Claim& c : cs) CHECK(c.kind != ClaimKind::Count);
    }
    // Years with a currency are amounts: "between 2000 and 3000 yuan".
    const Claim m = only("a monthly wage of between 2000 and 3000 yuan", ClaimKind::Money);
    CHECK(m.low == 2000);
    CHECK(m.high == 3000);
}

TEST_CASE("multiples and durations are quantities in times and years, never counts", "[extract][accuracy]") {
    const Claim times = only("sales were 2 times higher than a year earlier", ClaimKind::Quantity);
    CHECK(unit_is(times, "times"));
    CHECK(times.value == 2);
    const Claim years = only("the lowest level in 5 years", ClaimKind::Quantity);
    CHECK(unit_is(years, "years"));
    CHECK(years.value == 5);
    const Claim spelled = only("over the past three years", ClaimKind::Quantity);
    CHECK(unit_is(spelled, "years"));
    CHECK(spelled.value == 3);
    for (const char* t : {"2 times", "5 years", "three years", "14 months"})
        for (const Claim& c : run(t)) CHECK(c.kind != ClaimKind::Count);
}

TEST_CASE("ranges with a unit on each end are one claim", "[extract][accuracy]") {
    struct Case { const char* text; ClaimKind kind; double low, high; const char* unit; };
    const Case cases[] = {
        {"the project will cost $3 billion to $4 billion", ClaimKind::Money, 3e9, 4e9, "USD"},
        {"margins of 40%\xE2\x80\x93" "45% are common", ClaimKind::Percent, 40, 45, "%"},
        {"growth of 0 to 0.5 percent this quarter", ClaimKind::Percent, 0, 0.5, "%"},
        {"a range of 4.25% to 4.50%", ClaimKind::Percent, 4.25, 4.5, "%"},
        {"between 2% and 3% of output", ClaimKind::Percent, 2, 3, "%"},
        {"worth \xE2\x82\xAC" "1.5bn-\xE2\x82\xAC" "2bn", ClaimKind::Money, 1.5e9, 2e9, "EUR"},
        {"between 3 lakh and 4 lakh jobs", ClaimKind::Count, 3e5, 4e5, nullptr},
    };
    for (const Case& k : cases) {
        const auto cs = run(k.text);
        INFO(k.text);
        for (const Claim& c : cs) INFO("got " << claim_kind_name(c.kind) << " \"" << text_of(k.text, c) << "\"");
        REQUIRE(cs.size() == 1);
        CHECK(cs[0].kind == k.kind);
        CHECK(cs[0].low == Approx(k.low));
        CHECK(cs[0].high == Approx(k.high));
        CHECK(cs[0].value == Approx(k.low));
        if (k.unit) CHECK(unit_is(cs[0], k.unit));
    }
    // A change is two claims: "from X to Y".
    CHECK(run("inflation rose from 2% to 3%").size() == 2);
    CHECK(run("revenue grew from $3 billion to $4 billion").size() == 2);
    // Different units are two claims.
    CHECK(run("it rose 5% to 3 billion yuan").size() == 2);
}

TEST_CASE("signed values: a minus sign, U+2212 or the word minus", "[extract][accuracy]") {
    struct Case { const char* text; ClaimKind kind; double value; };
    const Case cases[] = {
        {"GDP growth of minus 0.1 percent", ClaimKind::Percent, -0.1},
        {"the index changed by -2.5% in March", ClaimKind::Percent, -2.5},
        {"real wages grew \xE2\x88\x92" "0.4% last quarter", ClaimKind::Percent, -0.4},
        {"a budget balance of \xE2\x88\x92$1.36 trillion", ClaimKind::Money, -1.36e12},
        {"net flows of -3 billion yuan", ClaimKind::Money, -3e9},
    };
    for (const Case& k : cases) {
        const Claim c = only(k.text, k.kind);
        INFO(k.text);
        CHECK(c.value == Approx(k.value));
        CHECK(c.low == Approx(k.value));
        CHECK(c.high == Approx(k.value));
    }
    const std::string deficit = "a deficit of \xE2\x88\x92" "3 billion";
    const auto d = run(deficit);
    REQUIRE(d.size() == 1);
    CHECK(d[0].value == -3e9);
    CHECK(text_of(deficit, d[0]) == "\xE2\x88\x92" "3 billion");
    // Hyphens that are no sign: a year range, a name, a list dash.
    CHECK(only("during 2026-2030", ClaimKind::Period).period_end == 20301231);
    for (const Claim& c : run("after COVID-19 hit")) CHECK(c.kind == ClaimKind::Date);
    const auto bullet = run("- 5 percent of firms");
    REQUIRE(bullet.size() == 1);
    CHECK(bullet[0].value == 5);
}

TEST_CASE("lakh and crore, with Rs and the rupee sign, are INR", "[extract][accuracy]") {
    struct Case { const char* text; ClaimKind kind; double value; const char* unit; };
    const Case cases[] = {
        {"a capital outlay of Rs 1.5 lakh crore", ClaimKind::Money, 1.5e12, "INR"},
        {"the ministry gets \xE2\x82\xB9" "2,500 crore", ClaimKind::Money, 2.5e10, "INR"},
        {"Rs. 500 crore for the scheme", ClaimKind::Money, 5e9, "INR"},
        {"a fine of Rs 3 lakh", ClaimKind::Money, 3e5, "INR"},
        {"revenue of 45,000 crore rupees", ClaimKind::Money, 4.5e11, "INR"},
        {"\xE2\x82\xB9" "2,72,241 crore for highways", ClaimKind::Money, 2.72241e12, "INR"},
        {"some 3 lakh people attended", ClaimKind::Count, 3e5, nullptr},
        {"a Rs 10,000 crore fund", ClaimKind::Money, 1e11, "INR"},
    };
    for (const Case& k : cases) {
        const Claim c = only(k.text, k.kind);
        INFO(k.text);
        CHECK(c.value == Approx(k.value));
        if (k.unit) CHECK(unit_is(c, k.unit));
    }
}

TEST_CASE("a compound like 10-year is no count", "[extract][accuracy]") {
    for (const char* t : {"the 10-year Treasury yield", "a 5-day week", "its 3-month high"})
        for (const Claim& c : run(t)) {
            INFO(t);
            CHECK(c.kind != ClaimKind::Count);
        }
}
