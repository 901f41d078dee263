// Case folding for search: lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
// (the letters people type in a news search box), everything else unchanged. Simple folding: one
// code point maps to one code point, so "Straße" does not match "STRASSE".
#pragma once
#include <string>
#include <string_view>

namespace factlens {

char32_t fold_code_point(char32_t cp);

// Appends the folded form of s (valid or not: invalid bytes are copied as they are).
void fold_append(std::string& out, std::string_view s);
inline std::string fold_text(std::string_view s) { std::string o; fold_append(o, s); return o; }

// Whether folded(hay) contains needle_folded (already folded). ASCII-only hays take a fast path.
bool folded_contains(std::string_view hay, std::string_view needle_folded);

} // namespace factlens
