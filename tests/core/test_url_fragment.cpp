#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "url_fragment.h"
#include "utf8.h"

using namespace factlens;

TEST_CASE("fragment_escape keeps unreserved characters and : , /", "[fragment]") {
    CHECK(fragment_escape("") == "");
    CHECK(fragment_escape("AZaz09-._~:,/") == "AZaz09-._~:,/");
    CHECK(fragment_escape("kind:money unit:USD") == "kind:money%20unit:USD");
    CHECK(fragment_escape("a&b#c=d+e%f") == "a%26b%23c%3Dd%2Be%25f");
    CHECK(fragment_escape("\"?'!*()[]@$;\\") == "%22%3F%27%21%2A%28%29%5B%5D%40%24%3B%5C");
    CHECK(fragment_escape("\t\n") == "%09%0A");
    CHECK(fragment_escape(std::string("a\0b", 3)) == "a%00b");
    // UTF-8 bytes, uppercase hex: é 企 😀
    CHECK(fragment_escape("\xC3\xA9") == "%C3%A9");
    CHECK(fragment_escape("\xE4\xBC\x81") == "%E4%BC%81");
    CHECK(fragment_escape("\xF0\x9F\x98\x80") == "%F0%9F%98%80");
    CHECK(fragment_escape("\xFF") == "%FF");
}

TEST_CASE("fragment_unescape decodes %XX and keeps the rest", "[fragment]") {
    CHECK(fragment_unescape("") == "");
    CHECK(fragment_unescape("kind%3Amoney%20unit%3AUSD") == "kind:money unit:USD");
    CHECK(fragment_unescape("%e4%bc%81%E4%B8%9a") == "\xE4\xBC\x81\xE4\xB8\x9A");  // either case
    CHECK(fragment_unescape("a+b") == "a+b");                                      // '+' is not a space
    CHECK(fragment_unescape("%2B%26%23%3D%25") == "+&#=%");
    CHECK(fragment_unescape("%00") == std::string("\0", 1));
    // Malformed % sequences are kept literally.
    CHECK(fragment_unescape("%") == "%");
    CHECK(fragment_unescape("100%") == "100%");
    CHECK(fragment_unescape("%4") == "%4");
    CHECK(fragment_unescape("%4G") == "%4G");
    CHECK(fragment_unescape("%G4") == "%G4");
    CHECK(fragment_unescape("%%41") == "%A");
    CHECK(fragment_unescape("%2541") == "%41");  // decoded once only
    CHECK(fragment_unescape("%-1") == "%-1");
    // A view that ends inside a % sequence: the bytes past its end are not read.
    CHECK(fragment_unescape(std::string_view("%4142", 2)) == "%4");
    CHECK(fragment_unescape(std::string_view("a%4142", 2)) == "a%");
}

TEST_CASE("fragment_unescape replaces invalid UTF-8 with U+FFFD", "[fragment]") {
    CHECK(fragment_unescape("a%FFb") == "a\xEF\xBF\xBD" "b");
    CHECK(fragment_unescape("%C3") == "\xEF\xBF\xBD");                 // truncated
    CHECK(fragment_unescape("%C0%AF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
    CHECK(fragment_unescape("%ED%A0%80x") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "x");  // surrogate
    // Raw invalid bytes in the input are replaced too.
    CHECK(fragment_unescape("\xFF") == "\xEF\xBF\xBD");
    CHECK(fragment_unescape("%C3%A9") == "\xC3\xA9");
}

TEST_CASE("escape and unescape round trip", "[fragment]") {
    for (const char* s : {"", "plain", "kind:money unit:USD,CNY value>1e9", "a&b=c#d", "100% + 5%", "  ",
                          "outlet:\"Race to AGI\"", "subject:\"AI \xE4\xBC\x81\xE4\xB8\x9A\"", "\xC2\xA0",
                          "\xF0\x9F\x98\x80/\xE2\x82\xAC,:~"}) {
        INFO(s);
        CHECK(fragment_unescape(fragment_escape(s)) == s);
    }
}

TEST_CASE("encode_fragment joins escaped pairs", "[fragment]") {
    CHECK(encode_fragment({}) == "");
    CHECK(encode_fragment({{"view", "facts"}, {"q", "kind:money unit:USD"}, {"sort", "value:desc"}}) ==
          "view=facts&q=kind:money%20unit:USD&sort=value:desc");
    CHECK(encode_fragment({{"a=b", "c&d"}, {"#", "%"}}) == "a%3Db=c%26d&%23=%25");
    CHECK(encode_fragment({{"k", ""}, {"", "v"}, {"", ""}}) == "k=&=v&=");
    CHECK(encode_fragment({{"q", "\xE4\xBC\x81"}}) == "q=%E4%BC%81");
}

TEST_CASE("decode_fragment splits, skips empty parts and unescapes", "[fragment]") {
    const FragmentParams want = {{"view", "facts"}, {"q", "kind:money unit:USD"}, {"sort", "value:desc"}};
    CHECK(decode_fragment("#view=facts&q=kind%3Amoney%20unit%3AUSD&sort=value:desc") == want);
    CHECK(decode_fragment("view=facts&q=kind%3Amoney%20unit%3AUSD&sort=value:desc") == want);
    CHECK(decode_fragment("") == FragmentParams{});
    CHECK(decode_fragment("#") == FragmentParams{});
    CHECK(decode_fragment("&&&") == FragmentParams{});
    CHECK(decode_fragment("##a=1") == FragmentParams{{"#a", "1"}});  // only one '#' is skipped
    CHECK(decode_fragment("&a=1&&b=2&") == (FragmentParams{{"a", "1"}, {"b", "2"}}));
    CHECK(decode_fragment("flag&x=") == (FragmentParams{{"flag", ""}, {"x", ""}}));
    CHECK(decode_fragment("=v&=") == (FragmentParams{{"", "v"}, {"", ""}}));
    CHECK(decode_fragment("k=a=b") == FragmentParams{{"k", "a=b"}});  // split on the first '='
    CHECK(decode_fragment("q=a+b%2Bc") == FragmentParams{{"q", "a+b+c"}});
    CHECK(decode_fragment("q=%E4%BC%81%FF&%zz=%") ==
          (FragmentParams{{"q", "\xE4\xBC\x81\xEF\xBF\xBD"}, {"%zz", "%"}}));
    CHECK(decode_fragment("a=%26&b=%3D%23") == (FragmentParams{{"a", "&"}, {"b", "=#"}}));
}

TEST_CASE("fragment_get finds the first value of a key", "[fragment]") {
    const FragmentParams p = decode_fragment("#view=facts&q=&view=sources");
    REQUIRE(fragment_get(p, "view") != nullptr);
    CHECK(*fragment_get(p, "view") == "facts");
    REQUIRE(fragment_get(p, "q") != nullptr);
    CHECK(fragment_get(p, "q")->empty());
    CHECK(fragment_get(p, "sort") == nullptr);
    CHECK(fragment_get(p, "VIEW") == nullptr);  // keys are case-sensitive
    CHECK(fragment_get({}, "") == nullptr);
}

TEST_CASE("decode(encode(params)) == params for random valid UTF-8", "[fragment]") {
    uint32_t x = 20250305;
    auto next = [&x] {
        x = x * 1664525u + 1013904223u;
        return x >> 24;
    };
    // Bytes biased toward the interesting ones.
    const char special[] = "&#=%+ :,/~\xC3\xA9\xE4\xBC\x81";
    auto random_string = [&] {
        std::string s;
        const uint32_t len = next() % 12;
        for (uint32_t i = 0; i < len; ++i) {
            const uint32_t r = next();
            if (r < 96) s += special[next() % (sizeof special - 1)];
            else s += (char)next();
        }
        return utf8_sanitize(s);
    };
    for (int round = 0; round < 2000; ++round) {
        FragmentParams params;
        const uint32_t n = next() % 5;
        for (uint32_t i = 0; i < n; ++i) params.emplace_back(random_string(), random_string());
        const std::string enc = encode_fragment(params);
        for (char c : enc) {
            const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            std::string("-._~:,/%&=").find(c) != std::string::npos;
            REQUIRE(ok);
        }
        INFO("encoded: " << enc);
        // Every pair survives, even ("", "") (encoded "="); only the empty list encodes to "".
        REQUIRE(decode_fragment(enc) == params);
        REQUIRE(decode_fragment("#" + enc) == params);
        for (const auto& kv : params) {
            REQUIRE(fragment_unescape(fragment_escape(kv.first)) == kv.first);
            REQUIRE(fragment_unescape(fragment_escape(kv.second)) == kv.second);
        }
    }
}
