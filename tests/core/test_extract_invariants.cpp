// What claim.h promises of every claim, checked over generated text (a seeded PRNG mixing number
// words, currencies, qualifiers, ranges, signs, punctuation and invalid UTF-8), plus the reproducers
// of issue #10 that broke those promises.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "claim.h"
#include "utf8.h"

using namespace factlens;

namespace {

// xorshift64*: the same inputs on every run and every platform.
struct Rng {
    uint64_t s;
    uint64_t next() {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        return s * 2685821657736338717ull;
    }
    size_t below(size_t n) { return (size_t)(next() >> 33) % n; }
};

const char* const kPieces[] = {
    // numbers
    "1", "2", "5", "10", "45", "0", "0.5", "1.2", "2,500", "1,000,000", "2025", "2012", "99999999999999999999",
    "12345678901234567890123456789012345678901234567890.5", "one", "two", "three", "twenty", "hundred",
    "thousand", "million", "billion", "trillion", "lakh", "crore", "m", "bn", "k", "half", "third", "thirds",
    "quarter", "tenfold", "times",
    // currencies
    "$", "US$", "HK$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "\xE2\x82\xB9", "Rs", "Rs.", "yuan", "dollars", "U.S.",
    "USD", "RMB", "euros", "rupees", "\xE5\x85\x83",
    // units and percents
    "%", "percent", "per", "cent", "percentage", "point", "points", "basis", "bps", "GW", "years", "exaflops",
    // qualifiers, ranges, signs, directions
    "about", "over", "more", "than", "nearly", "up", "to", "at", "least", "between", "and", "from", "minus",
    "\xE2\x88\x92", "-", "\xE2\x80\x93", "\xE2\x80\x91", "or", "equivalent", "rose", "fell", "expected", "deficit",
    // dates
    "January", "Jan", ".", "Monday", "first", "quarters", "of", "the", "same", "months", "in", "year", "last",
    // punctuation and spacing
    ",", ";", "(", ")", "/", ":", "+", "#", "@", "'", "\n", "\t", "\xC2\xA0", "\xE2\x80\x89",
    // invalid UTF-8: a stray continuation byte, a truncated sequence, an overlong form, 0xFF
    "\x80", "\xE2\x82", "\xC0\xAF", "\xFF",
    // words
    "companies", "firms", "a", "b", "paid", "later", "GDP", "www", "http", "example.com",
};
constexpr size_t kPieceCount = sizeof(kPieces) / sizeof(kPieces[0]);

std::string generate(Rng& rng, size_t pieces) {
    std::string s;
    for (size_t k = 0; k < pieces; ++k) {
        const size_t r = rng.below(10);
        if (r < 6 && !s.empty()) s += ' ';  // mostly spaced, sometimes glued
        s += kPieces[rng.below(kPieceCount)];
    }
    return s;
}

bool finite_or_none(double v) { return is_none(v) || std::isfinite(v); }

// Every promise of claim.h about one text's claims; returns "" or what broke. valid_utf8: the
// text was sanitised, so each claim's text must be valid UTF-8 too.
std::string check_claims(const std::string& t, const std::vector<Claim>& cs, bool valid_utf8) {
    uint32_t prev_end = 0;
    for (size_t i = 0; i < cs.size(); ++i) {
        const Claim& c = cs[i];
        const std::string where = "claim " + std::to_string(i) + " [" + std::to_string(c.start) + "," +
                                  std::to_string(c.end) + ") " + claim_kind_name(c.kind) + ": ";
        if (!(c.start < c.end)) return where + "empty";
        if (c.end > t.size()) return where + "past the end of the text";
        if (c.start < prev_end) return where + "overlaps the previous claim or is out of order";
        prev_end = c.end;
        const std::string_view slice(t.data() + c.start, c.end - c.start);
        // In raw text a claim may span invalid bytes between its tokens (they act as a space), but
        // never starts or ends inside a well-formed character.
        if (utf8_floor_boundary(t, c.start) != c.start || utf8_floor_boundary(t, c.end) != c.end)
            return where + "not on code-point boundaries";
        if (valid_utf8 && !utf8_is_valid(slice)) return where + "its text is not valid UTF-8";
        for (auto [a, b] : {std::pair{c.noun_start, c.noun_end}, std::pair{c.subject_start, c.subject_end}}) {
            if (a > b || b > t.size()) return where + "noun or subject outside the text";
            if (b > a && (utf8_floor_boundary(t, a) != a || utf8_floor_boundary(t, b) != b))
                return where + "noun or subject not on code-point boundaries";
        }
        if (!finite_or_none(c.value) || !finite_or_none(c.low) || !finite_or_none(c.high) || !finite_or_none(c.rate))
            return where + "an infinite value";
        for (double v : {c.value, c.low, c.high})
            if (!is_none(v) && std::fabs(v) > 1e300) return where + "a value past 1e300";
        if (!is_none(c.low) && !is_none(c.value) && !(c.low <= c.value)) return where + "low > value";
        if (!is_none(c.high) && !is_none(c.value) && !(c.value <= c.high)) return where + "value > high";
        if (!is_none(c.low) && !is_none(c.high) && !(c.low <= c.high)) return where + "low > high";
        if (c.kind == ClaimKind::Date || c.kind == ClaimKind::Period) {
            if (!is_none(c.value)) return where + "a date with a value";
        } else if (is_none(c.value)) {
            return where + "a number with no value";
        }
        if (!is_none(c.rate) || c.pair_unit) {
            if (c.pair < 0 || (size_t)c.pair >= cs.size()) return where + "a rate without a pair";
            const Claim& d = cs[(size_t)c.pair];
            if (is_none(c.rate) || !c.pair_unit) return where + "a rate without its unit, or the reverse";
            if (!std::isfinite(c.value) || !std::isfinite(d.value) || c.value == 0 || d.value == 0)
                return where + "a rate from a zero or absent value";
        }
        if (c.pair >= 0) {
            if ((size_t)c.pair >= cs.size() || cs[(size_t)c.pair].pair != (int32_t)i) return where + "a one-sided pair";
        }
    }
    return "";
}

std::vector<Claim> run(const std::string& t, Day published = 20260122) {
    ExtractOptions o;
    o.published = published;
    return extract_claims(t, o);
}

std::string describe(const std::string& t, const std::vector<Claim>& cs) {
    std::string s;
    for (const Claim& c : cs)
        s += std::string(claim_kind_name(c.kind)) + " \"" + t.substr(c.start, c.end - c.start) + "\" value " +
             std::to_string(c.value) + " low " + std::to_string(c.low) + " high " + std::to_string(c.high) + "\n";
    return s;
}

} // namespace

TEST_CASE("invariants hold on generated text", "[extract][invariants]") {
    Rng rng{0x9E3779B97F4A7C15ull};
    for (int round = 0; round < 6000; ++round) {
        const std::string raw = generate(rng, 4 + rng.below(60));
        const std::string clean = utf8_sanitize(raw);
        for (const std::string* t : {&raw, &clean}) {
            const std::vector<Claim> cs = run(*t);
            const std::string broken = check_claims(*t, cs, t == &clean);
            INFO("text: " << *t);
            INFO("claims:\n" << describe(*t, cs));
            REQUIRE(broken == "");
        }
    }
}

TEST_CASE("invariants hold across block boundaries, streamed or not", "[extract][invariants]") {
    // Long texts, with and without line breaks, so blocks are cut inside runs of every kind.
    Rng rng{42};
    for (int round = 0; round < 6; ++round) {
        std::string t;
        while (t.size() < 300000) t += generate(rng, 50) + (round % 2 ? " " : "\n");
        t = utf8_sanitize(t);
        const std::vector<Claim> all = run(t);
        REQUIRE(check_claims(t, all, true) == "");
        std::vector<Claim> streamed;
        ExtractOptions o;
        o.published = 20260122;
        extract_claims_stream(t, o, [](const Claim& c, void* u) { ((std::vector<Claim>*)u)->push_back(c); }, &streamed);
        REQUIRE(streamed.size() == all.size());
        for (size_t i = 0; i < all.size(); ++i) REQUIRE(streamed[i].start == all[i].start);
    }
}

// ---- issue #10's reproducers: each failed before the fix -------------------------------------------

TEST_CASE("reproducer: a fraction after a money claim does not overlap it", "[extract][invariants][issue10]") {
    const std::string t = "a $two thirds of b";
    const auto cs = run(t);
    INFO(describe(t, cs));
    CHECK(check_claims(t, cs, true) == "");
}

TEST_CASE("reproducer: a currency code between two numbers belongs to one claim only", "[extract][invariants][issue10]") {
    const std::string t = "paid 45 USD 60 million later";
    const auto cs = run(t);
    INFO(describe(t, cs));
    CHECK(check_claims(t, cs, true) == "");
    REQUIRE(!cs.empty());
    CHECK(t.substr(cs[0].start, cs[0].end - cs[0].start) == "45 USD");
}

TEST_CASE("reproducer: a descending range is ordered", "[extract][invariants][issue10]") {
    const auto cs = run("between 10 and 5 percent");
    REQUIRE(cs.size() == 1);
    CHECK(cs[0].kind == ClaimKind::Percent);
    CHECK(cs[0].low == 5);
    CHECK(cs[0].high == 10);
    CHECK(cs[0].value == 10);  // the first number, as for every range
}

TEST_CASE("reproducer: a year is not scaled by the amount after it", "[extract][invariants][issue10]") {
    const std::string t = "between 2025 and 5 trillion U.S. dollars";
    const auto cs = run(t);
    INFO(describe(t, cs));
    for (const Claim& c : cs) {
        CHECK(!(c.low > 1e13));
        CHECK(!(c.value > 1e13));
    }
    REQUIRE(cs.size() == 2);
    CHECK(cs[0].kind == ClaimKind::Period);
    CHECK(cs[1].kind == ClaimKind::Money);
    CHECK(cs[1].value == 5e12);
    CHECK(cs[1].low == 5e12);
    // A plain number still takes the scale: "between 1.5 and 2 trillion".
    const auto r = run("between 1.5 and 2 trillion yuan");
    REQUIRE(r.size() == 1);
    CHECK(r[0].low == 1.5e12);
    CHECK(r[0].high == 2e12);
}

TEST_CASE("reproducer: long digit runs never give an infinite or absurd value", "[extract][invariants][issue10]") {
    const std::vector<std::string> texts = {
        std::string(400, '9') + ".5 percent",
        "$" + std::string(320, '9') + ".5",
        "between 1." + std::string(400, '1') + " and 2 trillion yuan",
        "between " + std::string(290, '9') + ".5 and 2 trillion yuan",
        "1," + std::string(200, '0') + ",000 trillion dollars",
        std::string(5000, '7') + "." + std::string(5000, '3') + " yuan",
    };
    for (const std::string& t : texts) {
        const auto cs = run(t);
        INFO(t.substr(0, 60) << "...\n" << describe(t, cs));
        CHECK(check_claims(t, cs, true) == "");
    }
}

TEST_CASE("reproducer: a conversion to zero gives no rate", "[extract][invariants][issue10]") {
    for (const std::string t : {"It cost 1.5 billion yuan (about $0).", "a price of $0 (0 yuan)", "a fine of 0 yuan (about $5)"}) {
        const auto cs = run(t);
        INFO(t << "\n" << describe(t, cs));
        CHECK(check_claims(t, cs, true) == "");
        for (const Claim& c : cs) {
            CHECK(is_none(c.rate));
            CHECK(c.pair_unit == nullptr);
        }
    }
}
