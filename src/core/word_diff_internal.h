// Internals of the word diff shared by its files: the tokenised texts, the id tables, the
// alignment and the post-processing passes. Not part of the engine's API (see word_diff.h).
//   word_diff_tokens.cpp  tokeniser, token and sentence ids
//   word_diff.cpp         diff_words(), alignment: anchors, Myers, coarser fallback
//   word_diff_moves.cpp   segments, sliding, semantic cleanup, moves, numbers, ops and stats
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "word_diff.h"

namespace factlens {
namespace detail {

enum class DiffTok : uint8_t {
    Word,       // letters and digits (ASCII or not), inner apostrophes: "China's", "H100", "naïve"
    Number,     // digits with inner "," or "." before a digit, and an optional "%": "1,200", "9.2%"
    Ideograph,  // one CJK ideograph or kana
    Symbol,     // one emoji cluster or other pictographic symbol
    Punct,      // one punctuation mark or symbol: , ; : - ( $ € ...
    EndPunct,   // one mark that can end a sentence: . ! ? … 。 ！ ？
    Closer,     // a closing quote or bracket, which may follow a sentence's end: " ' ) ] ” ’ »
    Space,      // a run of whitespace without a line break
    LineBreak,  // a run of whitespace with one line break
    ParaBreak,  // a run of whitespace with two or more line breaks (a blank line), or U+2029
    Invalid,    // one byte that is not part of well-formed UTF-8
};

inline bool is_space(DiffTok k) { return k == DiffTok::Space || k == DiffTok::LineBreak || k == DiffTok::ParaBreak; }
inline bool is_word(DiffTok k) { return k == DiffTok::Word || k == DiffTok::Number || k == DiffTok::Ideograph; }

// A sentence without the whitespace around it: tokens [t0, t1) of one text.
struct DiffUnit {
    uint32_t t0 = 0, t1 = 0;
    uint32_t id = 0;  // equal ids <=> equal token sequences (shared by both texts)
};

// One text, tokenised. Tokens tile the text: token i is bytes [start[i], start[i + 1]).
struct DiffText {
    std::string_view text;
    std::vector<uint32_t> start;        // n + 1 entries; start[n] == text.size()
    std::vector<DiffTok> kind;          // n
    std::vector<uint32_t> id;           // n; equal ids <=> equal bytes (shared by both texts)
    std::vector<uint8_t> brk;           // n + 1: boundary before token i: 0 inside a sentence,
                                        // 1 sentence, 2 paragraph (brk[0] = brk[n] = 2)
    std::vector<uint32_t> words_before; // n + 1: word tokens before token i
    std::vector<uint32_t> solid_before; // n + 1: non-whitespace tokens before token i
    std::vector<DiffUnit> units;        // the sentences, in order
    std::vector<uint32_t> unit_ids;     // units[i].id, contiguous, for the anchor search

    uint32_t n() const { return (uint32_t)kind.size(); }
    uint32_t words(uint32_t t0, uint32_t t1) const { return words_before[t1] - words_before[t0]; }
    uint32_t solid(uint32_t t0, uint32_t t1) const { return solid_before[t1] - solid_before[t0]; }
    uint32_t byte_start(uint32_t t) const { return start[t]; }
    bool same_tokens(uint32_t t0, uint32_t t1, const DiffText& o, uint32_t u0, uint32_t u1) const;
    // First unit with t0 >= tok (units.size() if none).
    uint32_t first_unit_at(uint32_t tok) const;
};

// Ids of byte strings: the same id for the same bytes. The strings are views into the texts.
class TokenIds {
public:
    TokenIds();
    uint32_t intern(std::string_view s) {
        if (s.size() != 1) return intern_long(s);
        uint32_t& slot = single_[(unsigned char)s[0]];
        if (!slot) slot = intern_long(s) + 1;
        return slot - 1;
    }
    uint32_t count() const { return (uint32_t)strs_.size(); }

private:
    std::vector<std::string_view> strs_;
    std::vector<uint32_t> hashes_;
    std::vector<uint32_t> slots_;  // open addressing: 0 empty, else id + 1
    uint32_t single_[256];         // id + 1 of each one-byte string (spaces, marks), 0 if none yet
    uint32_t intern_long(std::string_view s);
    void grow();
};

// Ids of sequences of token ids: the same id for the same sequence. Sequences are views into
// the callers' arrays, which must outlive the table (or its clear()).
class SequenceIds {
public:
    SequenceIds();
    uint32_t intern(const uint32_t* seq, uint32_t len);
    uint32_t count() const { return (uint32_t)seqs_.size(); }
    void clear();  // costs what was added since the last clear, not the table's size

private:
    struct Seq { const uint32_t* p; uint32_t len; uint32_t hash; };
    std::vector<Seq> seqs_;
    std::vector<uint32_t> slots_;  // 0 empty, else id + 1
    std::vector<uint32_t> used_;   // the slots filled, for clear()
    void grow();
};

// Tokenises text into out (text, start, kind); word_diff_tokens.cpp.
void tokenize_for_diff(std::string_view text, DiffText* out);
// Fills id, brk, words_before, solid_before, units and unit_ids.
void index_diff_text(DiffText* t, TokenIds& tokens, SequenceIds& sentences);

// A run of equal tokens: A[a, a + len) == B[b, b + len).
struct DiffMatch { uint32_t a, b, len; };

// Aligns the token sequences; matches come out in increasing order of both a and b. Returns the
// coarsest level used: 0 word, 1 sentence, 2 paragraph. word_diff.cpp.
int align_tokens(const DiffText& a, const DiffText& b, uint32_t token_id_count, uint32_t unit_id_count,
                 const DiffDesc& d, std::vector<DiffMatch>* matches);

// Turns the matches into the result's ops and stats (cleanup, moves, numbers). word_diff_moves.cpp.
void build_diff_ops(const DiffText& a, const DiffText& b, const std::vector<DiffMatch>& matches,
                    uint32_t unit_id_count, const DiffDesc& d, DiffResult* out);

}  // namespace detail
}  // namespace factlens
