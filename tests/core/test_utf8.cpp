#include <catch2/catch.hpp>

#include "utf8.h"

using namespace factlens;

TEST_CASE("utf8_decode reads 1- to 4-byte characters", "[utf8]") {
    std::string s = "a\xC3\xA9\xE2\x80\x91\xF0\x9F\x98\x80";  // a é U+2011 😀
    auto d = utf8_decode(s, 0);
    CHECK(d.cp == U'a');
    CHECK(d.len == 1);
    d = utf8_decode(s, 1);
    CHECK(d.cp == 0xE9);
    CHECK(d.len == 2);
    d = utf8_decode(s, 3);
    CHECK(d.cp == 0x2011);
    CHECK(d.len == 3);
    d = utf8_decode(s, 6);
    CHECK(d.cp == 0x1F600);
    CHECK(d.len == 4);
    CHECK(d.valid);
}

TEST_CASE("utf8_decode rejects overlongs, surrogates and stray bytes", "[utf8]") {
    CHECK_FALSE(utf8_decode("\xC0\xAF", 0).valid);          // overlong '/'
    CHECK_FALSE(utf8_decode("\xE0\x80\xAF", 0).valid);      // overlong
    CHECK_FALSE(utf8_decode("\xED\xA0\x80", 0).valid);      // UTF-16 surrogate D800
    CHECK_FALSE(utf8_decode("\xF4\x90\x80\x80", 0).valid);  // past U+10FFFF
    CHECK_FALSE(utf8_decode("\x80", 0).valid);              // lone continuation
    CHECK_FALSE(utf8_decode("\xE2\x80", 0).valid);          // truncated
    CHECK(utf8_decode("\xE2\x80", 0).len == 2);             // ...consumed as one bad unit
}

TEST_CASE("utf8_sanitize replaces each malformed sequence with U+FFFD", "[utf8]") {
    size_t n = 0;
    CHECK(utf8_sanitize("caf\xC3\xA9", &n) == "caf\xC3\xA9");
    CHECK(n == 0);
    CHECK(utf8_sanitize("a\xFF" "b", &n) == "a\xEF\xBF\xBD" "b");
    CHECK(n == 1);
    CHECK(utf8_sanitize("\xE2\x80" "x", &n) == "\xEF\xBF\xBD" "x");
    CHECK(n == 1);
    CHECK(utf8_is_valid(utf8_sanitize("\xC0\xC1\xF5\xFF\x80\xBF")));
}

TEST_CASE("utf8_sanitize output is always valid for random bytes", "[utf8]") {
    uint32_t x = 12345;
    for (int round = 0; round < 500; ++round) {
        std::string s;
        for (int i = 0; i < 64; ++i) {
            x = x * 1664525u + 1013904223u;
            s += (char)(x >> 24);
        }
        std::string clean = utf8_sanitize(s);
        REQUIRE(utf8_is_valid(clean));
        // Every boundary helper lands on a boundary of the clean string.
        for (size_t p = 0; p <= clean.size(); ++p) {
            size_t f = utf8_floor_boundary(clean, p), c = utf8_ceil_boundary(clean, p);
            REQUIRE(f <= p);
            REQUIRE(c >= p);
            REQUIRE((f == clean.size() || (((unsigned char)clean[f]) & 0xC0) != 0x80));
            REQUIRE((c == clean.size() || (((unsigned char)clean[c]) & 0xC0) != 0x80));
        }
    }
}

TEST_CASE("boundaries snap into and out of multi-byte characters", "[utf8]") {
    std::string s = "1\xE2\x80\x91trillion";  // "1‑trillion" with U+2011
    CHECK(utf8_floor_boundary(s, 2) == 1);
    CHECK(utf8_floor_boundary(s, 3) == 1);
    CHECK(utf8_ceil_boundary(s, 2) == 4);
    CHECK(utf8_floor_boundary(s, 4) == 4);
    CHECK(utf8_ceil_boundary(s, 100) == s.size());
    CHECK(utf8_count_code_points(s) == 10);
}

TEST_CASE("utf8_append encodes and refuses surrogates", "[utf8]") {
    std::string out;
    utf8_append(out, 0x5143);  // 元
    CHECK(out == "\xE5\x85\x83");
    out.clear();
    utf8_append(out, 0xD800);
    CHECK(out == "\xEF\xBF\xBD");
}
