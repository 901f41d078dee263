// UTF-8 helpers. Byte offsets everywhere in FactLens point at code-point boundaries; these are the
// only functions that look inside a multi-byte sequence.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace factlens {

constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos]. On a malformed or truncated sequence returns
// kReplacementChar and a length of 1, so a caller always makes progress.
struct DecodedChar {
    char32_t cp;
    int len;       // bytes consumed, 1..4
    bool valid;    // false when the bytes at pos are not well-formed UTF-8
};
DecodedChar utf8_decode(std::string_view text, size_t pos);

// Appends cp as UTF-8 (surrogates and values past U+10FFFF become U+FFFD).
void utf8_append(std::string& out, char32_t cp);

bool utf8_is_valid(std::string_view text);

// Returns text with every malformed sequence replaced by U+FFFD (one per maximal bad subpart,
// as the Unicode standard recommends). Valid input is returned unchanged.
std::string utf8_sanitize(std::string_view text, size_t* replaced_count = nullptr);

// Moves pos back / forward to the nearest code-point boundary (pos itself if it is one).
size_t utf8_floor_boundary(std::string_view text, size_t pos);
size_t utf8_ceil_boundary(std::string_view text, size_t pos);

size_t utf8_count_code_points(std::string_view text);

} // namespace factlens
