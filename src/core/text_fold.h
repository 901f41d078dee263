// Case folding for search: lowercase for ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic
// (the letters people type in a news search box), everything else unchanged. Simple folding: one
// code point maps to one code point, so "Straße" does not match "STRASSE".
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace factlens {

char32_t fold_code_point(char32_t cp);

// Appends the folded form of s (valid or not: invalid bytes are copied as they are).
void fold_append(std::string& out, std::string_view s);
inline std::string fold_text(std::string_view s) { std::string o; fold_append(o, s); return o; }

// Whether folded(hay) contains needle_folded (already folded). ASCII-only hays take a fast path.
bool folded_contains(std::string_view hay, std::string_view needle_folded);

// Every match of needle_folded (already folded) in hay, compared code point by code point after
// folding, as byte ranges of hay (so offsets stay right where folding changes a length, as İ -> i).
// Matches do not overlap; at most max_matches are returned.
struct FoldedMatch { size_t start, end; };
std::vector<FoldedMatch> folded_find_all(std::string_view hay, std::string_view needle_folded, size_t max_matches = 100000);

} // namespace factlens
