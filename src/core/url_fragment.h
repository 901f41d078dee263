// URL fragments as key=value lists: "#view=facts&q=kind%3Amoney%20unit%3AUSD&sort=value:desc".
// Every view is a link: the app writes its state here and restores it on load (see docs/embedding.md).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace factlens {

using FragmentParams = std::vector<std::pair<std::string, std::string>>;

// Percent-encodes a key or value for a fragment: unreserved characters (A-Z a-z 0-9 - . _ ~) and
// ":" "," "/" stay as they are; every other byte, including UTF-8 bytes, '&', '#', '=', '+', '%'
// and space, becomes %XX (uppercase hex).
std::string fragment_escape(std::string_view s);

// The inverse: %XX becomes the byte; a malformed % sequence is kept literally; '+' stays '+'.
// Bytes that do not form valid UTF-8 are replaced with U+FFFD.
std::string fragment_unescape(std::string_view s);

// "k1=v1&k2=v2", each part escaped, in the order given (no leading '#').
std::string encode_fragment(const FragmentParams& params);

// Splits a fragment (a leading '#' is skipped) on '&', each part on its first '=', and unescapes
// both. Empty parts are skipped; a part without '=' gets an empty value. Never fails.
FragmentParams decode_fragment(std::string_view fragment);

// The value of key in params, or nullptr.
const std::string* fragment_get(const FragmentParams& params, std::string_view key);

} // namespace factlens
