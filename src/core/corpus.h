// The corpus: articles with their metadata, as the engine sees them. JSON is parsed only here, at
// the edge; everything downstream works on these structs.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace factlens {

// Metadata the article text itself states. A field the text does not state holds kUnknown:
// we never invent an outlet, a date or a title.
inline constexpr const char* kUnknown = "unknown";

struct Article {
    std::string id;       // file name without extension, e.g. "002_97deae5d2b524853"
    std::string outlet;   // e.g. "ECNS", or kUnknown
    std::string title;    // headline as printed, or kUnknown
    std::string date;     // ISO date "2026-01-21", or kUnknown
    std::string url;      // or kUnknown
    std::string note;     // where the metadata comes from, in one line (may be empty)
    std::string text;     // full text, valid UTF-8 (invalid input is replaced, see utf8_sanitize)
    size_t replaced_bytes = 0;  // how many malformed UTF-8 sequences were replaced on load
};

// What to show as the title of an article whose text states no headline: its first real sentence
// (lines of under five words, such as "Key Facts", list bullets, markup residue such as "![]() |"
// and a dateline such as "date 2026-01-21 (ECNS) — " are skipped), at most max_bytes long (cut on a
// word with "…"). Empty if the text has no such sentence.
std::string article_first_sentence(const Article& a, size_t max_bytes = 160);

// A line of text with markdown/table residue trimmed off its ends (leading "| ", trailing " |",
// leading "![alt](url)" images); empty when nothing else is on the line. Views use it to hide the
// residue without changing the text (fact offsets point into it).
std::string_view trim_markup_residue(std::string_view line);

struct Corpus {
    std::vector<Article> articles;
    size_t total_text_bytes() const;
};

// One file handed to the loader (an embedded asset, or a file read by the CLI).
struct NamedText {
    std::string name;  // path relative to the corpus folder, e.g. "000_9de56da941baaf02.txt"
    std::string_view bytes;
};

struct LoadResult {
    bool ok = false;
    std::string error;                  // why loading failed, for a person to read
    std::vector<std::string> warnings;  // non-fatal problems (e.g. replaced invalid UTF-8)
};

// Builds a corpus from the metadata file (JSON, see assets/corpus/articles.json) and the article
// texts it names. On failure `out` is left untouched, so whatever was loaded before is kept.
LoadResult load_corpus(std::string_view metadata_json, const std::vector<NamedText>& files, Corpus* out);

} // namespace factlens
