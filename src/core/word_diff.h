// Word-level diff of two UTF-8 texts: what was deleted, inserted and replaced, which sentences and
// paragraphs moved, and which numbers changed, as byte ranges of both texts. Plain data in and
// out; no UI, no JSON (`factlens diff` writes JSON, src/cli/cmd_diff.cpp).
//
// Usage:
//     DiffResult r = diff_words(old_text, new_text);          // DiffDesc{} defaults
//     if (!r.exact) note("compared by " + std::string(r.level));  // a budget was hit somewhere
//     for (const DiffOp& op : r.ops) {                        // in text order of both A and B
//         std::string_view was = op.has_a() ? old_text.substr(op.a_start, op.a_end - op.a_start) : "";
//         std::string_view now = op.has_b() ? new_text.substr(op.b_start, op.b_end - op.b_start) : "";
//         if (op.kind == DiffOpKind::Move) { const DiffOp& other_end = r.ops[op.move_pair]; }
//     }
//
// The ops tile both texts: skipping the ops without an A span, the A spans follow each other in
// list order from 0 to a.size() with no gap or overlap; the same holds for the B spans. So a view
// of either text walks the list once, and a view of B knows where a deletion sits in B (at the
// end of the last B span before it).
//
// What diff_words() does (word_diff.cpp, word_diff_tokens.cpp, word_diff_moves.cpp):
//   1. Tokenises each text: words, numbers ("5.8", "1,200", "9.2%"), whitespace runs, one
//      punctuation mark, one CJK character or one emoji cluster (ZWJ sequences, skin tones, flags)
//      per token; combining marks stay with their base; each invalid byte is a token of its own.
//      Equal tokens get equal integer ids, so the texts compare as integer sequences.
//   2. Aligns the sequences: strips the common prefix and suffix (back to a sentence boundary);
//      anchors on sentences that occur exactly once in each text, keeping the heaviest run that
//      is in the same order in both (patience diff); in each gap between anchors, sets aside the
//      sentences that the other text has elsewhere (they moved), anchors on tokens that occur
//      once, and runs Myers' O(ND) diff (linear space, middle snake) between those. Every gap is
//      handled the same way, so realistic edits cost near-linear time.
//   3. If Myers needs more than DiffDesc::max_work steps over the whole diff, the remaining hard
//      regions are compared as sequences of sentences, then of paragraphs: `exact` turns false and
//      `level` names the coarsest level used. Never silently.
//   4. Cleans up for a human reader: each insertion or deletion slides to the nicest boundary
//      (paragraph, line, sentence, space); a short equality between two changes (whitespace
//      between changed words, or fewer words than the changes around it) joins them.
//   5. Moves: whole sentences (runs of them, with the whitespace between) deleted in one place
//      and inserted byte-for-byte elsewhere, of at least DiffDesc::min_move_words words, become
//      a pair of Move ops linked by move_pair.
//   6. Numbers: a number changed inside a change becomes its own Replace op covering just the
//      two numbers (a common non-digit suffix such as "%" is left equal), with number = true.
//
// Cost: time and memory about linear in the texts for realistic edits: two 1 MB texts with 3% of
// the words edited and 12 paragraphs moved take about 30 ms natively and 40-50 ms in wasm, with
// about 25 MB of memory (tests/bench/diff_bench.mjs). Unrelated texts cost up to max_work Myers
// steps per level (under half a second each at the default). Texts must be shorter than 4 GiB
// (offsets are uint32_t).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace factlens {

enum class DiffOpKind : uint8_t {
    Equal,    // a and b: identical bytes
    Delete,   // a only: text of A absent from B
    Insert,   // b only: text of B absent from A
    Replace,  // a and b: text of A replaced by different text of B (both non-empty)
    Move,     // one end of a move: the source (a only, where the text was in A) or the
              // destination (b only, where it is in B); move_pair links the two, whose bytes are
              // identical. Either end may come first in the list.
};
const char* diff_op_kind_name(DiffOpKind k);  // "equal", "delete", "insert", "replace", "move"

constexpr uint32_t kNoSpan = UINT32_MAX;  // start and end of a span an op does not have

// One op of the edit script. Spans are UTF-8 byte offsets, [start, end), never empty; every
// boundary is a code-point boundary and never falls between a character and its combining
// marks, variation selectors, skin tone or ZWJ continuation.
struct DiffOp {
    DiffOpKind kind = DiffOpKind::Equal;
    uint32_t a_start = kNoSpan, a_end = kNoSpan;  // in A; kNoSpan for Insert and a move's destination
    uint32_t b_start = kNoSpan, b_end = kNoSpan;  // in B; kNoSpan for Delete and a move's source
    int32_t move_pair = -1;  // Move: index in DiffResult::ops of the other end; -1 for other kinds
    bool number = false;     // the op changes a number: a Replace of one number by another, or a
                             // Delete / Insert of exactly one number

    bool has_a() const { return a_start != kNoSpan; }
    bool has_b() const { return b_start != kNoSpan; }
};

// Counts over the whole result. "Words" are word, number and CJK-character tokens (not spaces,
// punctuation or emoji).
struct DiffStats {
    uint32_t words_a = 0, words_b = 0;  // in each text
    uint32_t words_removed = 0;    // in Delete ops and the A side of Replace ops (number ones too)
    uint32_t words_added = 0;      // in Insert ops and the B side of Replace ops (number ones too)
    uint32_t words_moved = 0;      // in move sources (the same count as in their destinations)
    uint32_t numbers_changed = 0;  // Replace ops with number = true
    uint32_t numbers_removed = 0;  // number tokens deleted outside a number Replace
    uint32_t numbers_added = 0;    // number tokens inserted outside a number Replace
    uint32_t moves = 0;            // move pairs (each is two ops)
};

struct DiffResult {
    bool exact = true;             // false: some region was compared by sentence or paragraph
    const char* level = "word";    // the coarsest level used: "word", "sentence" or "paragraph" (static)
    DiffStats stats;
    std::vector<DiffOp> ops;       // in text order of both A and B (see the tiling note above)
};

struct DiffDesc {
    bool detect_moves = true;           // false: moved text stays a Delete plus an Insert
    uint32_t min_move_words = 4;        // least words of a move, so that common phrases never count
                                        // (also of a sentence set aside as moved before words are
                                        // compared, step 2)
    bool semantic_cleanup = true;       // false: keep every equality the alignment found
    uint32_t max_cleanup_words = 8;     // longest equality (in words and marks) the cleanup may absorb
    uint64_t max_work = 200'000'000;    // Myers steps allowed per level (words, sentences,
                                        // paragraphs) over the whole diff; 200M is about 0.3 s
                                        // natively or in wasm. Past it the rest goes coarser.
};

// Diffs A (the old text) against B (the new one). Any bytes are accepted: invalid UTF-8 is
// compared byte by byte and never split further; nothing throws (short of running out of
// memory). Both views need only live for the call (the result holds offsets, not text).
DiffResult diff_words(std::string_view a, std::string_view b, const DiffDesc& d = {});

}  // namespace factlens
