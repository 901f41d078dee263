// The word diff's post-processing: from token matches to the ops a reader sees (see word_diff.h).
//
// [SECTION] Segments: alternating equal and changed token ranges
// [SECTION] Sliding: each insertion or deletion to its nicest boundary
// [SECTION] Semantic cleanup: short equalities between changes join them
// [SECTION] Moves: sentences deleted in one place and inserted in another
// [SECTION] Ops: OpWriter (number splitting, byte offsets, stats), build_diff_ops()
//
// Call flow:
//   build_diff_ops()
//     make_segments() -> slide_edits() -> cleanup_semantic() -> MoveFinder::run()
//     OpWriter::segment()  per segment; a change is cut at its moves' ends, then
//       OpWriter::change()   pairs the numbers on both sides, each pair its own op
//         OpWriter::plain()  the rest, common prefix and suffix trimmed off as equal
#include <algorithm>

#include "word_diff_internal.h"

namespace factlens {
namespace detail {
namespace {

//-------------------------------------------------------------------------------------------------
// [SECTION] Segments
//-------------------------------------------------------------------------------------------------

// Token ranges of A and B: equal (same tokens, same length) or changed (either side may be empty).
struct Seg {
    uint32_t a0, a1, b0, b1;
    bool eq;
};

// Drops empty segments and joins neighbours of the same type.
void normalize(std::vector<Seg>* segs) {
    size_t w = 0;
    for (size_t r = 0; r < segs->size(); ++r) {
        const Seg s = (*segs)[r];
        if (s.a0 == s.a1 && s.b0 == s.b1) continue;
        if (w > 0 && (*segs)[w - 1].eq == s.eq) {
            (*segs)[w - 1].a1 = s.a1;
            (*segs)[w - 1].b1 = s.b1;
            continue;
        }
        (*segs)[w++] = s;
    }
    segs->resize(w);
}

std::vector<Seg> make_segments(const std::vector<DiffMatch>& matches, uint32_t na, uint32_t nb) {
    std::vector<Seg> segs;
    segs.reserve(matches.size() * 2 + 1);
    uint32_t ca = 0, cb = 0;
    for (const DiffMatch& m : matches) {
        segs.push_back({ca, m.a, cb, m.b, false});
        segs.push_back({m.a, m.a + m.len, m.b, m.b + m.len, true});
        ca = m.a + m.len;
        cb = m.b + m.len;
    }
    segs.push_back({ca, na, cb, nb, false});
    normalize(&segs);
    return segs;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Sliding
//-------------------------------------------------------------------------------------------------

// How good a place the boundary before token p is for an edit to start or end (higher is
// better): the text's ends, a blank line, a line break, after a sentence, a space, punctuation.
int edge_score(const DiffText& t, uint32_t p) {
    if (p == 0 || p >= t.n()) return 6;
    const DiffTok k1 = t.kind[p - 1], k2 = t.kind[p];
    if (k1 == DiffTok::ParaBreak || k2 == DiffTok::ParaBreak) return 5;
    if (k1 == DiffTok::LineBreak || k2 == DiffTok::LineBreak) return 4;
    if ((k1 == DiffTok::EndPunct || k1 == DiffTok::Closer) && k2 == DiffTok::Space) return 3;
    if (k1 == DiffTok::Space || k2 == DiffTok::Space) return 2;
    if (!is_word(k1) || !is_word(k2)) return 1;
    return 0;
}

// An insertion (or deletion) X between equal text can often move: "a X b" with X ending like the
// equality before it ends. Of the equivalent places, the one with the best edges wins (the last
// of equals), as in diff-match-patch's semantic alignment. Lossless: the texts are unchanged.
void slide_edits(const DiffText& A, const DiffText& B, std::vector<Seg>* segs_io) {
    constexpr uint32_t kMaxSlide = 256;  // tokens each way; repetitive text cannot make this slow
    std::vector<Seg>& segs = *segs_io;
    // Every change gets an equal neighbour on each side (maybe empty) to slide into.
    std::vector<Seg> padded;
    padded.reserve(segs.size() + 2);
    for (const Seg& s : segs) {
        if (!s.eq && (padded.empty() || !padded.back().eq)) padded.push_back({s.a0, s.a0, s.b0, s.b0, true});
        padded.push_back(s);
    }
    if (!padded.empty() && !padded.back().eq) {
        const Seg& l = padded.back();
        padded.push_back({l.a1, l.a1, l.b1, l.b1, true});
    }
    segs.swap(padded);
    for (size_t i = 1; i + 1 < segs.size(); ++i) {
        Seg& s = segs[i];
        const bool ins = s.a0 == s.a1, del = s.b0 == s.b1;
        if (s.eq || ins == del) continue;
        const DiffText& t = ins ? B : A;
        const uint32_t x0 = ins ? s.b0 : s.a0, x1 = ins ? s.b1 : s.a1;
        const uint32_t prev_len = segs[i - 1].a1 - segs[i - 1].a0, next_len = segs[i + 1].a1 - segs[i + 1].a0;
        uint32_t left = 0, right = 0;
        while (left < prev_len && left < kMaxSlide && t.id[x0 - 1 - left] == t.id[x1 - 1 - left]) ++left;
        while (right < next_len && right < kMaxSlide && t.id[x0 + right] == t.id[x1 + right]) ++right;
        if (!left && !right) continue;
        int64_t best = 0;
        int best_score = -1;
        for (int64_t k = -(int64_t)left; k <= (int64_t)right; ++k) {
            const int score = edge_score(t, (uint32_t)(x0 + k)) + edge_score(t, (uint32_t)(x1 + k));
            if (score >= best_score) { best_score = score; best = k; }
        }
        if (!best) continue;
        const uint32_t k = (uint32_t)best;  // modular arithmetic: adding k subtracts when best < 0
        s.a0 += k; s.a1 += k; s.b0 += k; s.b1 += k;
        segs[i - 1].a1 += k; segs[i - 1].b1 += k;
        segs[i + 1].a0 += k; segs[i + 1].b0 += k;
    }
    normalize(&segs);
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Semantic cleanup
//-------------------------------------------------------------------------------------------------

// Myers finds the shortest script, which between unrelated phrases keeps every shared space and
// "the" and leaves the change in shreds. An equality between two changes joins them when it has
// fewer words and marks than the larger side of each (so a lone space between two changed words
// always joins), and at most max_words. Repeats until nothing changes (joining grows changes).
void cleanup_semantic(const DiffText& A, const DiffText& B, uint32_t max_words, std::vector<Seg>* segs_io) {
    std::vector<Seg>& segs = *segs_io;
    auto weight = [&](const Seg& s) { return std::max(A.solid(s.a0, s.a1), B.solid(s.b0, s.b1)); };
    std::vector<Seg> out;
    for (int pass = 0; pass < 16; ++pass) {
        bool changed = false;
        out.clear();
        for (const Seg& s : segs) {
            if (!s.eq && out.size() >= 2 && out.back().eq && !out[out.size() - 2].eq) {
                const Seg& e = out.back();
                Seg& before = out[out.size() - 2];
                const uint32_t we = A.solid(e.a0, e.a1);
                if (we <= max_words && we < weight(before) && we < weight(s)) {
                    before.a1 = s.a1;
                    before.b1 = s.b1;
                    out.pop_back();
                    changed = true;
                    continue;
                }
            }
            out.push_back(s);
        }
        segs.swap(out);
        if (!changed) break;
    }
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Moves
//-------------------------------------------------------------------------------------------------

struct Move {
    uint32_t a0, a1, b0, b1;  // tokens; A[a0, a1) == B[b0, b1)
    int32_t op_src = -1, op_dst = -1;
};

// Sentences wholly inside a deleted part of A that occur, byte for byte, wholly inside an
// inserted part of B. Each match grows to the neighbouring sentences while they match too (so a
// moved paragraph is one move), then takes the whitespace at one end when both sides have it
// there (see take_space()). Sentences are claimed once; a source is paired with its first
// unclaimed copy in B.
class MoveFinder {
public:
    MoveFinder(const DiffText& a, const DiffText& b, std::vector<Seg>* segs) : A(a), B(b), segs_(*segs) {}

    std::vector<Move> run(uint32_t unit_id_count, uint32_t min_words) {
        std::vector<Move> moves;
        // B's sentences inside changes, chained by id in text order.
        std::vector<int32_t> head(unit_id_count, -1);
        next_.assign(B.units.size(), -1);
        seg_of_b_.assign(B.units.size(), -1);
        bool any = false;
        for (size_t si = segs_.size(); si-- > 0;) {
            const Seg& s = segs_[si];
            if (s.eq || s.b0 == s.b1) continue;
            uint32_t v1 = B.first_unit_at(s.b0);
            const uint32_t v0 = v1;
            while (v1 < B.units.size() && B.units[v1].t1 <= s.b1) ++v1;
            for (uint32_t v = v1; v-- > v0;) {
                seg_of_b_[v] = (int32_t)si;
                next_[v] = head[B.units[v].id];
                head[B.units[v].id] = (int32_t)v;
                any = true;
            }
        }
        if (!any) return moves;
        claimed_a_.assign(A.n(), 0);
        claimed_b_.assign(B.n(), 0);
        constexpr int kMaxTries = 8;  // copies of one sentence tried in B
        for (size_t sai = 0; sai < segs_.size(); ++sai) {
            if (segs_[sai].eq || segs_[sai].a0 == segs_[sai].a1) continue;
            for (uint32_t u = A.first_unit_at(segs_[sai].a0); u < A.units.size() && A.units[u].t1 <= segs_[sai].a1; ++u) {
                if (claimed_a_[A.units[u].t0]) continue;
                int tries = 0;
                for (int32_t v = head[A.units[u].id]; v >= 0 && tries < kMaxTries; v = next_[v], ++tries) {
                    if (claimed_b_[B.units[v].t0]) continue;
                    const size_t sbi = (size_t)seg_of_b_[v];
                    const Seg &sa = segs_[sai], &sb = segs_[sbi];
                    uint32_t u0 = u, u1 = u, v0 = (uint32_t)v, v1 = (uint32_t)v;
                    while (u1 + 1 < A.units.size() && v1 + 1 < B.units.size()) {
                        const DiffUnit &na = A.units[u1 + 1], &nb = B.units[v1 + 1];
                        if (na.t1 > sa.a1 || nb.t1 > sb.b1 || claimed_a_[na.t0] || claimed_b_[nb.t0]) break;
                        if (!A.same_tokens(A.units[u1].t1, na.t1, B, B.units[v1].t1, nb.t1)) break;
                        ++u1;
                        ++v1;
                    }
                    while (u0 > 0 && v0 > 0) {
                        const DiffUnit &pa = A.units[u0 - 1], &pb = B.units[v0 - 1];
                        if (pa.t0 < sa.a0 || pb.t0 < sb.b0 || claimed_a_[pa.t0] || claimed_b_[pb.t0]) break;
                        if (!A.same_tokens(pa.t0, A.units[u0].t0, B, pb.t0, B.units[v0].t0)) break;
                        --u0;
                        --v0;
                    }
                    Move m;
                    m.a0 = A.units[u0].t0;
                    m.a1 = A.units[u1].t1;
                    m.b0 = B.units[v0].t0;
                    m.b1 = B.units[v1].t1;
                    if (A.words(m.a0, m.a1) < min_words) continue;
                    take_space(sai, sbi, &m);
                    std::fill(claimed_a_.begin() + m.a0, claimed_a_.begin() + m.a1, 1);
                    std::fill(claimed_b_.begin() + m.b0, claimed_b_.begin() + m.b1, 1);
                    moves.push_back(m);
                    u = u1;  // the loop's ++u goes past the run
                    break;
                }
            }
        }
        return moves;
    }

private:
    const DiffText& A;
    const DiffText& B;
    std::vector<Seg>& segs_;
    std::vector<int32_t> next_, seg_of_b_;
    std::vector<uint8_t> claimed_a_, claimed_b_;

    bool free_space_a(uint32_t t, const Seg& s) const {
        return t >= s.a0 && t < s.a1 && is_space(A.kind[t]) && !claimed_a_[t];
    }
    bool free_space_b(uint32_t t, const Seg& s) const {
        return t >= s.b0 && t < s.b1 && is_space(B.kind[t]) && !claimed_b_[t];
    }

    // Moves change segment i (and its equal neighbours) by one token, when the change is a pure
    // insertion or deletion that can slide that way (the token it gains equals the one it loses).
    bool shift(size_t i, int dir) {
        if (i == 0 || i + 1 >= segs_.size()) return false;
        Seg &prev = segs_[i - 1], &s = segs_[i], &next = segs_[i + 1];
        const bool del = s.b0 == s.b1, ins = s.a0 == s.a1;
        if (!prev.eq || !next.eq || del == ins) return false;
        const DiffText& t = del ? A : B;
        const uint32_t x0 = del ? s.a0 : s.b0, x1 = del ? s.a1 : s.b1;
        if (dir > 0 && (next.a0 == next.a1 || t.id[x0] != t.id[x1])) return false;
        if (dir < 0 && (prev.a0 == prev.a1 || t.id[x0 - 1] != t.id[x1 - 1])) return false;
        const uint32_t k = (uint32_t)dir;  // modular: adding k subtracts one when dir < 0
        prev.a1 += k; prev.b1 += k;
        s.a0 += k; s.a1 += k; s.b0 += k; s.b1 += k;
        next.a0 += k; next.b0 += k;
        return true;
    }

    // A move's whitespace: the space after it when both ends have that space inside their
    // change, else the space before it. When A has it on one side and B on the other (a sentence
    // moved to the start of a paragraph), a change made only of the move and that space slides
    // by one token so that both ends agree; otherwise the space stays a small change of its own.
    void take_space(size_t sai, size_t sbi, Move* m) {
        auto same = [&](uint32_t ta, uint32_t tb) { return A.id[ta] == B.id[tb]; };
        Seg &sa = segs_[sai], &sb = segs_[sbi];
        const bool trail_a = free_space_a(m->a1, sa), trail_b = free_space_b(m->b1, sb);
        const bool lead_a = m->a0 > 0 && free_space_a(m->a0 - 1, sa), lead_b = m->b0 > 0 && free_space_b(m->b0 - 1, sb);
        if (trail_a && trail_b && same(m->a1, m->b1)) { ++m->a1; ++m->b1; return; }
        if (lead_a && lead_b && same(m->a0 - 1, m->b0 - 1)) { --m->a0; --m->b0; return; }
        const bool a_is_space_and_move = sai != sbi && (lead_a ? sa.a0 + 1 == m->a0 && sa.a1 == m->a1
                                                               : sa.a0 == m->a0 && sa.a1 == m->a1 + 1);
        const bool b_is_space_and_move = sai != sbi && (lead_b ? sb.b0 + 1 == m->b0 && sb.b1 == m->b1
                                                               : sb.b0 == m->b0 && sb.b1 == m->b1 + 1);
        if (lead_a && trail_b && same(m->a0 - 1, m->b1)) {
            // A: " X", B: "X ". Slide A's deletion right, or B's insertion left.
            if (a_is_space_and_move && shift(sai, +1)) { ++m->a1; ++m->b1; return; }
            if (b_is_space_and_move && shift(sbi, -1)) { --m->a0; --m->b0; return; }
        }
        if (trail_a && lead_b && same(m->a1, m->b0 - 1)) {
            // A: "X ", B: " X".
            if (a_is_space_and_move && shift(sai, -1)) { --m->a0; --m->b0; return; }
            if (b_is_space_and_move && shift(sbi, +1)) { ++m->a1; ++m->b1; return; }
        }
    }
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Ops
//-------------------------------------------------------------------------------------------------

// A piece of one side of a change: plain text, or one end of a move.
struct Piece { uint32_t t0, t1; int32_t move; };

class OpWriter {
public:
    OpWriter(const DiffText& a, const DiffText& b, DiffResult* out) : A(a), B(b), out_(out) {}

    void segment(const Seg& s, std::vector<Move>& moves, const std::vector<uint32_t>& by_a, size_t* pa,
                 const std::vector<uint32_t>& by_b, size_t* pb) {
        if (s.eq) { equal(s.a0, s.a1, s.b0, s.b1); return; }
        cut(s.a0, s.a1, moves, by_a, pa, true, &pieces_a_);
        cut(s.b0, s.b1, moves, by_b, pb, false, &pieces_b_);
        // Plain pieces pair up as changes in order; move ends are written where they fall. The
        // list stays in text order on both sides.
        size_t i = 0, j = 0;
        while (i < pieces_a_.size() || j < pieces_b_.size()) {
            const Piece* x = i < pieces_a_.size() ? &pieces_a_[i] : nullptr;
            const Piece* y = j < pieces_b_.size() ? &pieces_b_[j] : nullptr;
            if (x && y && x->move < 0 && y->move < 0) {
                change(x->t0, x->t1, y->t0, y->t1);
                ++i, ++j;
            } else if (x && x->move >= 0) {
                moves[x->move].op_src = (int32_t)out_->ops.size();
                push_raw(op(DiffOpKind::Move, A.start[x->t0], A.start[x->t1], kNoSpan, kNoSpan));
                ++i;
            } else if (y && y->move >= 0) {
                moves[y->move].op_dst = (int32_t)out_->ops.size();
                push_raw(op(DiffOpKind::Move, kNoSpan, kNoSpan, B.start[y->t0], B.start[y->t1]));
                ++j;
            } else if (x) {
                change(x->t0, x->t1, 0, 0);
                ++i;
            } else {
                change(0, 0, y->t0, y->t1);
                ++j;
            }
        }
    }

private:
    const DiffText& A;
    const DiffText& B;
    DiffResult* out_;
    std::vector<Piece> pieces_a_, pieces_b_;
    std::vector<uint32_t> nums_a_, nums_b_;
    std::vector<std::pair<uint32_t, uint32_t>> pairs_;
    std::vector<uint16_t> lcs_;

    static DiffOp op(DiffOpKind k, uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1, bool number = false) {
        DiffOp o;
        o.kind = k;
        o.a_start = a0; o.a_end = a1;
        o.b_start = b0; o.b_end = b1;
        o.number = number;
        return o;
    }

    // Splits tokens [t0, t1) of one side at the moves inside it (moves sorted by that side).
    static void cut(uint32_t t0, uint32_t t1, const std::vector<Move>& moves, const std::vector<uint32_t>& order,
                    size_t* next, bool side_a, std::vector<Piece>* pieces) {
        pieces->clear();
        uint32_t cur = t0;
        while (*next < order.size()) {
            const Move& m = moves[order[*next]];
            const uint32_t m0 = side_a ? m.a0 : m.b0, m1 = side_a ? m.a1 : m.b1;
            if (m0 >= t1) break;
            if (m0 > cur) pieces->push_back({cur, m0, -1});
            pieces->push_back({m0, m1, (int32_t)order[*next]});
            cur = m1;
            ++*next;
        }
        if (cur < t1) pieces->push_back({cur, t1, -1});
    }

    void push_raw(const DiffOp& o) { out_->ops.push_back(o); }

    // Appends an op, joining it to the last one when both are equal, or both are plain changes
    // (never a move or a number op): a deletion then an insertion read as one replacement.
    void push(const DiffOp& o) {
        std::vector<DiffOp>& ops = out_->ops;
        if (!ops.empty()) {
            DiffOp& last = ops.back();
            if (o.kind == DiffOpKind::Equal && last.kind == DiffOpKind::Equal) {
                last.a_end = o.a_end;
                last.b_end = o.b_end;
                return;
            }
            auto plain = [](const DiffOp& x) { return x.kind != DiffOpKind::Equal && x.kind != DiffOpKind::Move && !x.number; };
            if (plain(o) && plain(last)) {
                if (o.has_a()) { if (!last.has_a()) last.a_start = o.a_start; last.a_end = o.a_end; }
                if (o.has_b()) { if (!last.has_b()) last.b_start = o.b_start; last.b_end = o.b_end; }
                last.kind = last.has_a() && last.has_b() ? DiffOpKind::Replace
                                                         : last.has_a() ? DiffOpKind::Delete : DiffOpKind::Insert;
                return;
            }
        }
        ops.push_back(o);
    }

    void equal(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        if (a0 < a1) push(op(DiffOpKind::Equal, A.start[a0], A.start[a1], B.start[b0], B.start[b1]));
    }

    uint32_t numbers_in(const DiffText& t, uint32_t t0, uint32_t t1) {
        uint32_t n = 0;
        for (uint32_t i = t0; i < t1; ++i) n += t.kind[i] == DiffTok::Number;
        return n;
    }

    // A change with its common prefix and suffix trimmed off as equal.
    void plain(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        uint32_t p = 0;
        while (a0 + p < a1 && b0 + p < b1 && A.id[a0 + p] == B.id[b0 + p]) ++p;
        equal(a0, a0 + p, b0, b0 + p);
        a0 += p;
        b0 += p;
        uint32_t s = 0;
        while (a1 - s > a0 && b1 - s > b0 && A.id[a1 - 1 - s] == B.id[b1 - 1 - s]) ++s;
        a1 -= s;
        b1 -= s;
        const bool has_a = a0 < a1, has_b = b0 < b1;
        if (has_a || has_b) {
            DiffStats& st = out_->stats;
            st.words_removed += A.words(a0, a1);
            st.words_added += B.words(b0, b1);
            st.numbers_removed += numbers_in(A, a0, a1);
            st.numbers_added += numbers_in(B, b0, b1);
            const DiffOpKind k = has_a && has_b ? DiffOpKind::Replace : has_a ? DiffOpKind::Delete : DiffOpKind::Insert;
            const bool one_number = k != DiffOpKind::Replace &&
                                    (has_a ? a1 - a0 == 1 && A.kind[a0] == DiffTok::Number
                                           : b1 - b0 == 1 && B.kind[b0] == DiffTok::Number);
            push(op(k, has_a ? A.start[a0] : kNoSpan, has_a ? A.start[a1] : kNoSpan,
                    has_b ? B.start[b0] : kNoSpan, has_b ? B.start[b1] : kNoSpan, one_number));
        }
        equal(a1, a1 + s, b1, b1 + s);
    }

    // Number token ta of A against number token tb of B: equal, or a replace of just the numbers;
    // a common ASCII non-digit suffix ("%") stays equal.
    void number(uint32_t ta, uint32_t tb) {
        if (A.id[ta] == B.id[tb]) { equal(ta, ta + 1, tb, tb + 1); return; }
        const uint32_t sa = A.start[ta], sb = B.start[tb];
        uint32_t ea = A.start[ta + 1], eb = B.start[tb + 1];
        const uint32_t full_ea = ea, full_eb = eb;
        auto trimmable = [](char c) { return (unsigned char)c < 0x80 && !(c >= '0' && c <= '9'); };
        while (ea - 1 > sa && eb - 1 > sb && A.text[ea - 1] == B.text[eb - 1] && trimmable(A.text[ea - 1])) { --ea; --eb; }
        push(op(DiffOpKind::Replace, sa, ea, sb, eb, true));
        if (ea < full_ea) push(op(DiffOpKind::Equal, ea, full_ea, eb, full_eb));
        DiffStats& st = out_->stats;
        ++st.numbers_changed;
        ++st.words_removed;
        ++st.words_added;
    }

    // Which number of A goes with which of B: in order when both sides have as many; otherwise
    // equal numbers first (longest common subsequence), the rest in order between them.
    void pair_numbers() {
        pairs_.clear();
        const size_t na = nums_a_.size(), nb = nums_b_.size();
        if (!na || !nb) return;
        auto fill_in_order = [&](size_t i0, size_t i1, size_t j0, size_t j1) {
            for (size_t k = 0; i0 + k < i1 && j0 + k < j1; ++k) pairs_.push_back({nums_a_[i0 + k], nums_b_[j0 + k]});
        };
        if (na == nb || na * nb > 4096) { fill_in_order(0, na, 0, nb); return; }
        // lcs_[i * (nb + 1) + j]: LCS length of nums_a_[i..] and nums_b_[j..].
        lcs_.assign((na + 1) * (nb + 1), 0);
        auto L = [&](size_t i, size_t j) -> uint16_t& { return lcs_[i * (nb + 1) + j]; };
        for (size_t i = na; i-- > 0;)
            for (size_t j = nb; j-- > 0;)
                L(i, j) = A.id[nums_a_[i]] == B.id[nums_b_[j]] ? (uint16_t)(L(i + 1, j + 1) + 1)
                                                                : std::max(L(i + 1, j), L(i, j + 1));
        size_t i = 0, j = 0, gi = 0, gj = 0;
        while (i < na && j < nb) {
            if (A.id[nums_a_[i]] == B.id[nums_b_[j]]) {
                fill_in_order(gi, i, gj, j);
                pairs_.push_back({nums_a_[i], nums_b_[j]});
                gi = ++i;
                gj = ++j;
            } else if (L(i + 1, j) >= L(i, j + 1)) {
                ++i;
            } else {
                ++j;
            }
        }
        fill_in_order(gi, na, gj, nb);
    }

    // A change: its numbers paired and written as their own ops, the text between them as plain.
    void change(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        nums_a_.clear();
        nums_b_.clear();
        for (uint32_t t = a0; t < a1; ++t)
            if (A.kind[t] == DiffTok::Number) nums_a_.push_back(t);
        for (uint32_t t = b0; t < b1; ++t)
            if (B.kind[t] == DiffTok::Number) nums_b_.push_back(t);
        pair_numbers();
        uint32_t ca = a0, cb = b0;
        for (const auto& pr : pairs_) {
            plain(ca, pr.first, cb, pr.second);
            number(pr.first, pr.second);
            ca = pr.first + 1;
            cb = pr.second + 1;
        }
        plain(ca, a1, cb, b1);
    }
};

}  // namespace

void build_diff_ops(const DiffText& A, const DiffText& B, const std::vector<DiffMatch>& matches,
                    uint32_t unit_id_count, const DiffDesc& d, DiffResult* out) {
    out->ops.clear();
    out->stats = DiffStats{};
    out->stats.words_a = A.words(0, A.n());
    out->stats.words_b = B.words(0, B.n());
    std::vector<Seg> segs = make_segments(matches, A.n(), B.n());
    slide_edits(A, B, &segs);
    if (d.semantic_cleanup) cleanup_semantic(A, B, d.max_cleanup_words, &segs);
    std::vector<Move> moves;
    if (d.detect_moves) moves = MoveFinder(A, B, &segs).run(unit_id_count, d.min_move_words);
    std::vector<uint32_t> by_a(moves.size()), by_b(moves.size());
    for (uint32_t i = 0; i < moves.size(); ++i) by_a[i] = by_b[i] = i;
    std::sort(by_a.begin(), by_a.end(), [&](uint32_t x, uint32_t y) { return moves[x].a0 < moves[y].a0; });
    std::sort(by_b.begin(), by_b.end(), [&](uint32_t x, uint32_t y) { return moves[x].b0 < moves[y].b0; });
    OpWriter w(A, B, out);
    size_t pa = 0, pb = 0;
    for (const Seg& s : segs) w.segment(s, moves, by_a, &pa, by_b, &pb);
    for (const Move& m : moves) {
        out->ops[m.op_src].move_pair = m.op_dst;
        out->ops[m.op_dst].move_pair = m.op_src;
        out->stats.words_moved += A.words(m.a0, m.a1);
    }
    out->stats.moves = (uint32_t)moves.size();
}

}  // namespace detail
}  // namespace factlens
