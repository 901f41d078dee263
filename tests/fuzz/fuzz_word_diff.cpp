// libFuzzer harness: diff_words() (word_diff.h).
//
// Input: one control byte, then text A, a NUL byte, text B (no NUL: the rest is split in half).
// The control byte picks DiffDesc: detect_moves, semantic_cleanup, min_move_words 1..4,
// max_cleanup_words 0..8, and a max_work of the default, 2000 or 0 (so the sentence and paragraph
// levels run too).
//
// Asserts (the contract in word_diff.h):
//   - tiling: skipping ops without an A span, the A spans follow each other from 0 to |A| with no
//     gap or overlap; the same for B;
//   - spans are never empty, and never cut a valid UTF-8 character;
//   - kinds: Equal and Replace have both spans, Equal's bytes identical, Replace's both non-empty;
//     Delete only A, Insert only B; a Move has exactly one span, move_pair points at a Move with the
//     other span that points back, and the two spans' bytes are identical; move_pair is -1 for
//     every other kind; number only on Replace, Delete or Insert;
//   - level is "word", "sentence" or "paragraph", and exact is true exactly when it is "word";
//   - stats: moves is half the Move ops, numbers_changed the number Replace ops, the words removed
//     / added / moved no more than the words in each text;
//   - A against itself is all Equal (with the default DiffDesc).
#include <cstring>

#include "fuzz_common.h"
#include "word_diff.h"

using namespace factlens;

namespace {

void check(std::string_view a, std::string_view b, const DiffDesc& d, const DiffResult& r, const char* what) {
    const std::string w = what;
    uint32_t pa = 0, pb = 0;
    uint32_t moves = 0, numbers = 0;
    for (size_t i = 0; i < r.ops.size(); ++i) {
        const DiffOp& op = r.ops[i];
        const std::string x = w + ": op " + std::to_string(i) + " (" + diff_op_kind_name(op.kind) + ")";
        FUZZ_CHECK(op.has_a() == (op.a_end != kNoSpan) && op.has_b() == (op.b_end != kNoSpan), x + ": half a span");
        if (op.has_a()) {
            FUZZ_CHECK(op.a_start == pa, x + ": A spans do not tile A (starts at " + std::to_string(op.a_start) +
                                             ", expected " + std::to_string(pa) + ")");
            FUZZ_CHECK(op.a_start < op.a_end && op.a_end <= a.size(), x + ": A span empty or outside A");
            FUZZ_CHECK(!fuzz::splits_char(a, op.a_end), x + ": A span cuts a UTF-8 character");
            pa = op.a_end;
        }
        if (op.has_b()) {
            FUZZ_CHECK(op.b_start == pb, x + ": B spans do not tile B (starts at " + std::to_string(op.b_start) +
                                             ", expected " + std::to_string(pb) + ")");
            FUZZ_CHECK(op.b_start < op.b_end && op.b_end <= b.size(), x + ": B span empty or outside B");
            FUZZ_CHECK(!fuzz::splits_char(b, op.b_end), x + ": B span cuts a UTF-8 character");
            pb = op.b_end;
        }
        const std::string_view sa = op.has_a() ? a.substr(op.a_start, op.a_end - op.a_start) : std::string_view();
        const std::string_view sb = op.has_b() ? b.substr(op.b_start, op.b_end - op.b_start) : std::string_view();
        switch (op.kind) {
        case DiffOpKind::Equal:
            FUZZ_CHECK(op.has_a() && op.has_b() && sa == sb, x + ": not two equal spans: " + fuzz::show(sa) + " / " + fuzz::show(sb));
            break;
        case DiffOpKind::Replace:
            FUZZ_CHECK(op.has_a() && op.has_b(), x + ": without both spans");
            FUZZ_CHECK(sa != sb, x + ": replaces text by the same text " + fuzz::show(sa));
            break;
        case DiffOpKind::Delete: FUZZ_CHECK(op.has_a() && !op.has_b(), x + ": not A only"); break;
        case DiffOpKind::Insert: FUZZ_CHECK(!op.has_a() && op.has_b(), x + ": not B only"); break;
        case DiffOpKind::Move: {
            FUZZ_CHECK(op.has_a() != op.has_b(), x + ": not exactly one span");
            FUZZ_CHECK(op.move_pair >= 0 && (size_t)op.move_pair < r.ops.size() && (size_t)op.move_pair != i, x + ": move_pair");
            const DiffOp& o = r.ops[(size_t)op.move_pair];
            FUZZ_CHECK(o.kind == DiffOpKind::Move && o.move_pair == (int32_t)i && o.has_a() == op.has_b(),
                       x + ": the other end of the move does not match");
            const std::string_view so = o.has_a() ? a.substr(o.a_start, o.a_end - o.a_start) : b.substr(o.b_start, o.b_end - o.b_start);
            FUZZ_CHECK((op.has_a() ? sa : sb) == so, x + ": the two ends of a move differ");
            ++moves;
            break;
        }
        default: FUZZ_CHECK(false, x + ": unknown kind");
        }
        if (op.kind != DiffOpKind::Move) FUZZ_CHECK(op.move_pair == -1, x + ": move_pair on an op that is not a move");
        if (op.number)
            FUZZ_CHECK(op.kind == DiffOpKind::Replace || op.kind == DiffOpKind::Delete || op.kind == DiffOpKind::Insert,
                       x + ": number on an Equal or Move");
        if (op.number && op.kind == DiffOpKind::Replace) ++numbers;
    }
    FUZZ_CHECK(pa == a.size(), w + ": A spans end at " + std::to_string(pa) + ", A has " + std::to_string(a.size()) + " bytes");
    FUZZ_CHECK(pb == b.size(), w + ": B spans end at " + std::to_string(pb) + ", B has " + std::to_string(b.size()) + " bytes");
    FUZZ_CHECK(r.level && (!std::strcmp(r.level, "word") || !std::strcmp(r.level, "sentence") || !std::strcmp(r.level, "paragraph")),
               w + ": level");
    FUZZ_CHECK(r.exact == !std::strcmp(r.level, "word"), w + ": exact does not match level " + r.level);
    FUZZ_CHECK(moves % 2 == 0 && r.stats.moves == moves / 2, w + ": stats.moves is not half the Move ops");
    FUZZ_CHECK(r.stats.numbers_changed == numbers, w + ": stats.numbers_changed is not the number Replace ops");
    FUZZ_CHECK(r.stats.words_removed + r.stats.words_moved <= r.stats.words_a, w + ": more words removed and moved than A has");
    FUZZ_CHECK(r.stats.words_added + r.stats.words_moved <= r.stats.words_b, w + ": more words added and moved than B has");
    if (!d.detect_moves) FUZZ_CHECK(moves == 0, w + ": moves with detect_moves off");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const unsigned ctl = data[0];
    const std::string_view rest((const char*)data + 1, size - 1);
    const size_t nul = rest.find('\0');
    const std::string_view a = nul != std::string_view::npos ? rest.substr(0, nul) : rest.substr(0, rest.size() / 2);
    const std::string_view b = nul != std::string_view::npos ? rest.substr(nul + 1) : rest.substr(rest.size() / 2);

    DiffDesc d;
    d.detect_moves = !(ctl & 1);
    d.semantic_cleanup = !(ctl & 2);
    d.min_move_words = 1 + ((ctl >> 2) & 3);
    d.max_cleanup_words = (ctl >> 4) & 7 ? ((ctl >> 4) & 7) + 1 : 0;
    const unsigned work = ctl >> 7;  // 0: the default
    if (work) d.max_work = (ctl & 8) ? 0 : 2000;

    check(a, b, d, diff_words(a, b, d), "diff(A, B)");
    check(b, a, d, diff_words(b, a, d), "diff(B, A)");
    const DiffResult same = diff_words(a, a);
    check(a, a, DiffDesc{}, same, "diff(A, A)");
    for (const DiffOp& op : same.ops) FUZZ_CHECK(op.kind == DiffOpKind::Equal, "diff(A, A) has an op that is not Equal");
    return 0;
}
