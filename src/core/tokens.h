// Splits text into tokens for the extractor: words, numbers, symbols. Spaces (including NBSP and
// thin spaces) separate tokens and are not stored; line breaks are kept, since they end sentences.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "lexicon.h"

namespace factlens {

enum class TokType : uint8_t {
    Word,     // letters (ASCII or not), with inner apostrophes: "China's", "Zhang"
    Number,   // digits with inner "," or "." between digits: "6,000", "1.2", "202512"
    Symbol,   // one code point of punctuation: $ € £ ¥ % ( ) , . - ‑ — / : ; + etc.
    Newline,  // one or more line breaks
};

struct Token {
    uint32_t start = 0, end = 0;  // byte offsets
    TokType type = TokType::Word;
    bool space_before = false;    // whitespace (or a line start) separates it from the previous token
    char32_t sym = 0;             // for Symbol: the code point, with hyphen variants folded to '-'
    const LexEntry* lex = nullptr;  // for Word: the lexicon entry (kind None if unknown)
};

// Appends the tokens of text[begin, end) to out. begin and end must be code-point boundaries.
void tokenize(std::string_view text, size_t begin, size_t end, std::vector<Token>& out);

} // namespace factlens
