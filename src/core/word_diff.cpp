// The word diff: diff_words() and the alignment of the two token sequences (see word_diff.h).
//
// [SECTION] Myers' O(ND) diff, linear space: MyersDiff
// [SECTION] Anchors: unique elements in a longest or heaviest increasing run (patience diff)
// [SECTION] Alignment: Aligner, align_tokens()
// [SECTION] Entry point: diff_words()
//
// Call flow:
//   diff_words()
//     tokenize_for_diff(), index_diff_text()      word_diff_tokens.cpp
//     align_tokens()
//       Aligner::run()                            a work stack of regions and matches, in text order
//         Aligner::region()                       strip prefix/suffix (to sentence boundaries), then:
//           AnchorFinder::find() over sentences     heaviest run of unique sentences splits the region
//           Aligner::without_moved()                else set aside sentences that moved elsewhere
//           TokenAligner::run()                     and align the rest word by word:
//             AnchorFinder::find() over tokens        longest run of unique tokens
//             MyersDiff::run()                        between them, budget DiffDesc::max_work
//           Aligner::coarser()                      on a blown budget: sentences, then paragraphs
//     build_diff_ops()                            word_diff_moves.cpp
#include <algorithm>
#include <climits>

#include "word_diff_internal.h"

namespace factlens {
namespace detail {

//-------------------------------------------------------------------------------------------------
// [SECTION] Myers' O(ND) diff, linear space
//-------------------------------------------------------------------------------------------------
// Myers, "An O(ND) Difference Algorithm and Its Variations" (1986), section 4b: find the middle
// snake of an optimal path by running the greedy search forwards from the start and backwards from
// the end at once; recurse on both halves. Diagonals are d = x - y; each search keeps, for every
// diagonal it has reached, the furthest x (forwards) or the least x (backwards). Only diagonals
// inside the grid are visited, so the arrays need no clearing between calls.

namespace {

class MyersDiff {
public:
    // Appends the matches of a[a0, a1) against b[b0, b1) to out (in order, in the arrays'
    // coordinates). Returns false, with out in an unspecified state, once the work exceeds *budget
    // (which is decremented by the work done either way).
    bool run(const uint32_t* a, uint32_t a0, uint32_t a1, const uint32_t* b, uint32_t b0, uint32_t b1,
             std::vector<DiffMatch>* out, uint64_t* budget) {
        a_ = a;
        b_ = b;
        out_ = out;
        work_ = 0;
        limit_ = *budget;
        const size_t need = (size_t)(a1 - a0) + (b1 - b0) + 3;
        if (forward_.size() < need) { forward_.resize(need); backward_.resize(need); }
        const bool ok = compare((int64_t)a0, a1, b0, b1);
        *budget -= std::min(*budget, work_);
        return ok;
    }

private:
    const uint32_t* a_ = nullptr;
    const uint32_t* b_ = nullptr;
    std::vector<DiffMatch>* out_ = nullptr;
    std::vector<int64_t> forward_, backward_;
    uint64_t work_ = 0, limit_ = 0;

    void emit(int64_t a, int64_t b, int64_t len) {
        if (len <= 0) return;
        if (!out_->empty()) {
            DiffMatch& m = out_->back();
            if (m.a + m.len == a && m.b + m.len == b) { m.len += (uint32_t)len; return; }
        }
        out_->push_back({(uint32_t)a, (uint32_t)b, (uint32_t)len});
    }

    bool compare(int64_t off1, int64_t lim1, int64_t off2, int64_t lim2) {
        int64_t p = 0;
        while (off1 + p < lim1 && off2 + p < lim2 && a_[off1 + p] == b_[off2 + p]) ++p;
        emit(off1, off2, p);
        off1 += p;
        off2 += p;
        int64_t s = 0;
        while (lim1 - s > off1 && lim2 - s > off2 && a_[lim1 - 1 - s] == b_[lim2 - 1 - s]) ++s;
        lim1 -= s;
        lim2 -= s;
        work_ += (uint64_t)(p + s + 1);
        if (off1 < lim1 && off2 < lim2) {
            int64_t x = 0, y = 0;
            if (!split(off1, lim1, off2, lim2, &x, &y)) return false;
            // The middle snake lies strictly inside (see split()); a corner would not shrink the
            // problem, so treat the region as all changed rather than loop.
            if (!((x == off1 && y == off2) || (x == lim1 && y == lim2))) {
                if (!compare(off1, x, off2, y)) return false;
                if (!compare(x, lim1, y, lim2)) return false;
            }
        }
        emit(lim1, lim2, s);
        return true;
    }

    // Finds a point (x, y) on an optimal path through a[off1, lim1) x b[off2, lim2), between
    // its two halves. The region's first and last elements differ (prefix and suffix stripped).
    bool split(int64_t off1, int64_t lim1, int64_t off2, int64_t lim2, int64_t* sx, int64_t* sy) {
        const int64_t dmin = off1 - lim2, dmax = lim1 - off2;  // the grid's diagonals
        const int64_t fmid = off1 - off2, bmid = lim1 - lim2;  // where each search starts
        const bool odd = ((fmid - bmid) & 1) != 0;
        int64_t* kf = forward_.data() - dmin + 1;   // kf[d] for d in [dmin - 1, dmax + 1]
        int64_t* kb = backward_.data() - dmin + 1;
        const int64_t kUnreached = -1, kUnreachedBack = INT64_MAX;
        int64_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
        kf[fmid] = off1;
        kb[bmid] = lim1;
        for (;;) {
            if (work_ > limit_) return false;
            // Forwards: one more edit. The range of diagonals grows by one each side until it
            // meets the grid's edge, then shrinks by one there (diagonals alternate parity).
            if (fmin > dmin) kf[--fmin - 1] = kUnreached; else ++fmin;
            if (fmax < dmax) kf[++fmax + 1] = kUnreached; else --fmax;
            for (int64_t d = fmax; d >= fmin; d -= 2) {
                const int64_t from_left = kf[d - 1], from_right = kf[d + 1];
                int64_t x = from_left >= from_right ? from_left + 1 : from_right;
                int64_t y = x - d;
                if ((from_left == kUnreached && from_right == kUnreached) || x > lim1 || y > lim2) {
                    kf[d] = kUnreached;  // this diagonal is not reachable yet without leaving the grid
                    work_ += 1;
                    continue;
                }
                const int64_t x0 = x;
                while (x < lim1 && y < lim2 && a_[x] == b_[y]) { ++x; ++y; }
                work_ += (uint64_t)(1 + x - x0);
                kf[d] = x;
                if (odd && bmin <= d && d <= bmax && kb[d] <= x) { *sx = x; *sy = y; return true; }
            }
            // Backwards, the same from the end.
            if (bmin > dmin) kb[--bmin - 1] = kUnreachedBack; else ++bmin;
            if (bmax < dmax) kb[++bmax + 1] = kUnreachedBack; else --bmax;
            for (int64_t d = bmax; d >= bmin; d -= 2) {
                const int64_t from_left = kb[d - 1], from_right = kb[d + 1];
                if (from_left == kUnreachedBack && from_right == kUnreachedBack) {
                    kb[d] = kUnreachedBack;
                    work_ += 1;
                    continue;
                }
                int64_t x = from_left < from_right ? from_left : from_right - 1;
                int64_t y = x - d;
                if (x < off1 || y < off2) {
                    kb[d] = kUnreachedBack;
                    work_ += 1;
                    continue;
                }
                const int64_t x0 = x;
                while (x > off1 && y > off2 && a_[x - 1] == b_[y - 1]) { --x; --y; }
                work_ += (uint64_t)(1 + x0 - x);
                kb[d] = x;
                if (!odd && fmin <= d && d <= fmax && x <= kf[d]) { *sx = x; *sy = y; return true; }
            }
        }
    }
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Anchors
//-------------------------------------------------------------------------------------------------

// Per-id counters for the anchor search, reset lazily by a stamp (one pass per region).
struct AnchorSlot {
    uint32_t stamp = 0;
    uint32_t count_a = 0, count_b = 0;
    uint32_t pos_b = 0;
};

class AnchorFinder {
public:
    explicit AnchorFinder(uint32_t id_count) : slots_(id_count) {}

    // Elements occurring exactly once in ea[0, na) and once in eb[0, nb), as (index in ea, index
    // in eb) pairs, restricted to a run increasing in both: the longest (patience sorting), or
    // with weights (of ea's elements), the heaviest, so that a long paragraph stays in place
    // and a short one is what moved. Returns false when there are none.
    bool find(const uint32_t* ea, uint32_t na, const uint32_t* eb, uint32_t nb, const uint32_t* weights,
              std::vector<std::pair<uint32_t, uint32_t>>* anchors) {
        anchors->clear();
        const uint32_t stamp = ++stamp_;
        for (uint32_t i = 0; i < na; ++i) {
            AnchorSlot& s = slots_[ea[i]];
            if (s.stamp != stamp) { s.stamp = stamp; s.count_a = 0; s.count_b = 0; }
            if (s.count_a < 2) ++s.count_a;
        }
        for (uint32_t j = 0; j < nb; ++j) {
            AnchorSlot& s = slots_[eb[j]];
            if (s.stamp != stamp || s.count_b >= 2) continue;  // absent from a, or seen twice
            ++s.count_b;
            s.pos_b = j;
        }
        candidates_.clear();
        for (uint32_t i = 0; i < na; ++i) {
            const AnchorSlot& s = slots_[ea[i]];
            if (s.count_a == 1 && s.count_b == 1) candidates_.push_back({i, s.pos_b});
        }
        if (candidates_.empty()) return false;
        back_.assign(candidates_.size(), UINT32_MAX);
        uint32_t last = 0;
        if (!weights) {
            // Longest increasing run of pos_b: piles by binary search, with back links.
            tails_.clear();
            for (uint32_t c = 0; c < candidates_.size(); ++c) {
                const uint32_t jb = candidates_[c].second;
                auto it = std::lower_bound(tails_.begin(), tails_.end(), jb,
                                           [&](uint32_t ci, uint32_t v) { return candidates_[ci].second < v; });
                if (it != tails_.begin()) back_[c] = *(it - 1);
                if (it == tails_.end()) tails_.push_back(c); else *it = c;
            }
            last = tails_.back();
        } else {
            // Heaviest increasing run: a Fenwick tree over positions in b keeps, for each prefix,
            // the heaviest run ending there (weight, candidate).
            fen_weight_.assign(nb + 1, 0);
            fen_cand_.assign(nb + 1, UINT32_MAX);
            uint64_t best = 0;
            for (uint32_t c = 0; c < candidates_.size(); ++c) {
                const uint32_t jb = candidates_[c].second;
                uint64_t w = 0;
                uint32_t from = UINT32_MAX;
                for (uint32_t k = jb; k > 0; k -= k & (0u - k))  // runs ending before jb
                    if (fen_weight_[k] > w) { w = fen_weight_[k]; from = fen_cand_[k]; }
                back_[c] = from;
                w += weights[candidates_[c].first];
                for (uint32_t k = jb + 1; k <= nb; k += k & (0u - k))
                    if (w > fen_weight_[k]) { fen_weight_[k] = w; fen_cand_[k] = c; }
                if (w > best) { best = w; last = c; }
            }
        }
        for (uint32_t c = last; c != UINT32_MAX; c = back_[c]) anchors->push_back(candidates_[c]);
        std::reverse(anchors->begin(), anchors->end());
        return true;
    }

private:
    std::vector<AnchorSlot> slots_;
    uint32_t stamp_ = 0;
    std::vector<std::pair<uint32_t, uint32_t>> candidates_;
    std::vector<uint32_t> tails_, back_, fen_cand_;
    std::vector<uint64_t> fen_weight_;
};

//-------------------------------------------------------------------------------------------------
// [SECTION] Alignment
//-------------------------------------------------------------------------------------------------

// Regions smaller than this (tokens of both sides) skip the token anchors: Myers is cheap there
// and its minimal script reads better than anchors on chance words.
constexpr uint32_t kDirectMyersTokens = 64;

// A region still to align, or a match to emit once everything before it is done (a work
// stack pops them in text order).
struct AlignItem { uint32_t a0, a1, b0, b1; bool is_match; };

// Appends a match to out, joining it to the last one when they touch.
void emit_match(std::vector<DiffMatch>* out, uint32_t a, uint32_t b, uint32_t len) {
    if (!len) return;
    if (!out->empty()) {
        DiffMatch& m = out->back();
        if (m.a + m.len == a && m.b + m.len == b) { m.len += len; return; }
    }
    out->push_back({a, b, len});
}

// Pushes the regions between anchors (and the anchors as matches) so that they pop in order.
// span_of gives, for each anchor, the ranges it covers on each side.
template <class SpanOf>
void push_anchored(std::vector<AlignItem>* stack, const std::vector<std::pair<uint32_t, uint32_t>>& anchors,
                   uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1, SpanOf span_of) {
    uint32_t ea = a1, eb = b1;  // the end of the region after the anchor being pushed
    for (size_t k = anchors.size(); k-- > 0;) {
        uint32_t sa0, sa1, sb0, sb1;
        span_of(anchors[k], &sa0, &sa1, &sb0, &sb1);
        stack->push_back({sa1, ea, sb1, eb, false});
        stack->push_back({sa0, sa1, sb0, sb1, true});
        ea = sa0;
        eb = sb0;
    }
    stack->push_back({a0, ea, b0, eb, false});
}

// The word level of one region: anchors on tokens that occur once on each side (in the longest
// run in order), Myers between them. Works on any two id arrays: a region's tokens, or what is
// left of them without moved sentences. Fills out with matches in the arrays' coordinates, and
// failed with the parts where the Myers budget ran out (in order, between the matches), for the
// caller to compare coarser.
class TokenAligner {
public:
    explicit TokenAligner(uint32_t token_ids) : anchors_(token_ids) {}

    void run(const uint32_t* a, uint32_t na, const uint32_t* b, uint32_t nb, uint64_t* budget,
             std::vector<DiffMatch>* out, std::vector<AlignItem>* failed) {
        out->clear();
        failed->clear();
        stack_.clear();
        stack_.push_back({0, na, 0, nb, false});
        while (!stack_.empty()) {
            AlignItem it = stack_.back();
            stack_.pop_back();
            if (it.is_match) { emit_match(out, it.a0, it.b0, it.a1 - it.a0); continue; }
            uint32_t p = 0;
            while (it.a0 + p < it.a1 && it.b0 + p < it.b1 && a[it.a0 + p] == b[it.b0 + p]) ++p;
            emit_match(out, it.a0, it.b0, p);
            it.a0 += p;
            it.b0 += p;
            uint32_t s = 0;
            while (it.a1 - s > it.a0 && it.b1 - s > it.b0 && a[it.a1 - 1 - s] == b[it.b1 - 1 - s]) ++s;
            it.a1 -= s;
            it.b1 -= s;
            if (s) stack_.push_back({it.a1, it.a1 + s, it.b1, it.b1 + s, true});
            if (it.a0 == it.a1 || it.b0 == it.b1) continue;
            if ((it.a1 - it.a0) + (it.b1 - it.b0) > kDirectMyersTokens &&
                anchors_.find(a + it.a0, it.a1 - it.a0, b + it.b0, it.b1 - it.b0, nullptr, &found_)) {
                const uint32_t a0 = it.a0, b0 = it.b0;
                push_anchored(&stack_, found_, it.a0, it.a1, it.b0, it.b1,
                              [&](std::pair<uint32_t, uint32_t> an, uint32_t* sa0, uint32_t* sa1, uint32_t* sb0,
                                  uint32_t* sb1) {
                                  *sa0 = a0 + an.first; *sa1 = *sa0 + 1; *sb0 = b0 + an.second; *sb1 = *sb0 + 1;
                              });
                continue;
            }
            const size_t mark = out->size();
            const DiffMatch last = mark ? out->back() : DiffMatch{0, 0, 0};
            if (myers_.run(a, it.a0, it.a1, b, it.b0, it.b1, out, budget)) continue;
            out->resize(mark);  // undo the partial result (emit may have lengthened the last match)
            if (mark) out->back() = last;
            failed->push_back(it);
        }
    }

private:
    AnchorFinder anchors_;
    MyersDiff myers_;
    std::vector<AlignItem> stack_;
    std::vector<std::pair<uint32_t, uint32_t>> found_;
};

class Aligner {
public:
    Aligner(const DiffText& a, const DiffText& b, uint32_t token_ids, uint32_t unit_ids, const DiffDesc& d,
            std::vector<DiffMatch>* out)
        : a_(a), b_(b), out_(out), unit_anchors_(unit_ids), tokens_(token_ids),
          in_a_(unit_ids, 0), in_b_(unit_ids, 0), seen_a_(unit_ids, 0), seen_b_(unit_ids, 0),
          min_moved_words_(std::max(1u, d.min_move_words)) {
        for (uint64_t& w : budget_) w = d.max_work;
        for (uint32_t id : a.unit_ids) in_a_[id] = 1;
        for (uint32_t id : b.unit_ids) in_b_[id] = 1;
    }

    int run() {
        stack_.push_back({0, a_.n(), 0, b_.n(), false});
        while (!stack_.empty()) {
            const AlignItem it = stack_.back();
            stack_.pop_back();
            if (it.is_match) emit(it.a0, it.b0, it.a1 - it.a0);
            else region(it.a0, it.a1, it.b0, it.b1);
        }
        return level_;
    }

private:
    const DiffText& a_;
    const DiffText& b_;
    std::vector<DiffMatch>* out_;
    std::vector<AlignItem> stack_;
    AnchorFinder unit_anchors_;
    TokenAligner tokens_;
    std::vector<DiffMatch> word_out_;
    std::vector<AlignItem> word_failed_;
    std::vector<std::pair<uint32_t, uint32_t>> anchors_;
    std::vector<uint32_t> unit_weights_;
    MyersDiff myers_;  // for coarser()
    uint64_t budget_[3] = {};  // Myers work left at each level: words, sentences, paragraphs
    int level_ = 0;
    // coarser(): units of the region at one level.
    SequenceIds coarse_ids_;
    std::vector<uint32_t> bounds_a_, bounds_b_, coarse_a_, coarse_b_;
    std::vector<DiffMatch> coarse_out_;
    // without_moved(): which sentences occur in each text, and in the current region.
    std::vector<uint8_t> in_a_, in_b_;
    std::vector<uint32_t> seen_a_, seen_b_;
    uint32_t seen_stamp_ = 0;
    uint32_t min_moved_words_;
    std::vector<uint32_t> kept_ids_a_, kept_ids_b_, kept_pos_a_, kept_pos_b_;

    void emit(uint32_t a, uint32_t b, uint32_t len) { emit_match(out_, a, b, len); }

    void region(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        const uint32_t* ia = a_.id.data();
        const uint32_t* ib = b_.id.data();
        // Common prefix and suffix, cut back to a sentence boundary when both sides go on, so that
        // a sentence stays whole inside the region (to anchor on, or to be seen moving).
        uint32_t p = 0;
        while (a0 + p < a1 && b0 + p < b1 && ia[a0 + p] == ib[b0 + p]) ++p;
        if (a0 + p < a1 && b0 + p < b1)
            while (p > 0 && !(a_.brk[a0 + p] && b_.brk[b0 + p])) --p;
        emit(a0, b0, p);
        a0 += p;
        b0 += p;
        uint32_t s = 0;
        while (a1 - s > a0 && b1 - s > b0 && ia[a1 - 1 - s] == ib[b1 - 1 - s]) ++s;
        if (a1 - s > a0 && b1 - s > b0)
            while (s > 0 && !(a_.brk[a1 - s] && b_.brk[b1 - s])) --s;
        a1 -= s;
        b1 -= s;
        if (s) stack_.push_back({a1, a1 + s, b1, b1 + s, true});
        if (a0 == a1 || b0 == b1) return;  // all inserted or all deleted

        // Sentences inside the region that occur once on each side; the heaviest run in order.
        const uint32_t ua0 = a_.first_unit_at(a0), ub0 = b_.first_unit_at(b0);
        uint32_t ua1 = ua0, ub1 = ub0;
        while (ua1 < a_.units.size() && a_.units[ua1].t1 <= a1) ++ua1;
        while (ub1 < b_.units.size() && b_.units[ub1].t1 <= b1) ++ub1;
        if (ua1 > ua0 && ub1 > ub0) {
            unit_weights_.clear();
            for (uint32_t u = ua0; u < ua1; ++u) unit_weights_.push_back(a_.units[u].t1 - a_.units[u].t0);
            if (unit_anchors_.find(a_.unit_ids.data() + ua0, ua1 - ua0, b_.unit_ids.data() + ub0, ub1 - ub0,
                                   unit_weights_.data(), &anchors_)) {
                push_anchored(&stack_, anchors_, a0, a1, b0, b1,
                              [&](std::pair<uint32_t, uint32_t> an, uint32_t* sa0, uint32_t* sa1, uint32_t* sb0,
                                  uint32_t* sb1) {
                                  const DiffUnit& ua = a_.units[ua0 + an.first];
                                  const DiffUnit& ub = b_.units[ub0 + an.second];
                                  *sa0 = ua.t0; *sa1 = ua.t1; *sb0 = ub.t0; *sb1 = ub.t1;
                              });
                return;
            }
        }
        // Word level, without sentences that moved elsewhere (see without_moved()).
        const bool compact = without_moved(a0, a1, b0, b1, ua0, ua1, ub0, ub1);
        if (compact) {
            tokens_.run(kept_ids_a_.data(), (uint32_t)kept_ids_a_.size(), kept_ids_b_.data(),
                        (uint32_t)kept_ids_b_.size(), &budget_[0], &word_out_, &word_failed_);
        } else {
            tokens_.run(ia + a0, a1 - a0, ib + b0, b1 - b0, &budget_[0], &word_out_, &word_failed_);
        }
        // Back to token positions, each part the budget refused compared coarser in its place.
        auto pos_a = [&](uint32_t k) { return compact ? (k < kept_pos_a_.size() ? kept_pos_a_[k] : a1) : a0 + k; };
        auto pos_b = [&](uint32_t k) { return compact ? (k < kept_pos_b_.size() ? kept_pos_b_[k] : b1) : b0 + k; };
        size_t f = 0;
        auto coarser_until = [&](uint32_t ka) {
            for (; f < word_failed_.size() && word_failed_[f].a1 <= ka; ++f) {
                const AlignItem& it = word_failed_[f];
                // From just after the last kept token before the part to the next kept token.
                const uint32_t fa0 = it.a0 ? pos_a(it.a0 - 1) + 1 : a0, fb0 = it.b0 ? pos_b(it.b0 - 1) + 1 : b0;
                coarser(fa0, pos_a(it.a1), fb0, pos_b(it.b1));
            }
        };
        for (const DiffMatch& m : word_out_) {
            coarser_until(m.a);
            if (!compact) { emit(a0 + m.a, b0 + m.b, m.len); continue; }
            for (uint32_t k = 0; k < m.len; ++k) emit(kept_pos_a_[m.a + k], kept_pos_b_[m.b + k], 1);
        }
        coarser_until(UINT32_MAX);
    }

    // Text moved away is not in this region's other side: a sentence of A's side (of at least
    // min_move_words words) that B has elsewhere but not here, or the reverse. Comparing it word
    // by word with whatever stands here would cost Myers time and pair chance words ("the", a
    // space) across unrelated text. Without it, the rest is compared: fills kept_* (ids and
    // token positions of what is left) and returns true when something was left out.
    bool without_moved(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1, uint32_t ua0, uint32_t ua1,
                       uint32_t ub0, uint32_t ub1) {
        if (ua0 == ua1 && ub0 == ub1) return false;
        const uint32_t stamp = ++seen_stamp_;
        for (uint32_t u = ua0; u < ua1; ++u) seen_a_[a_.units[u].id] = stamp;
        for (uint32_t u = ub0; u < ub1; ++u) seen_b_[b_.units[u].id] = stamp;
        auto moved_away = [&](const DiffText& t, const DiffUnit& u, const std::vector<uint8_t>& in_other,
                              const std::vector<uint32_t>& seen_other) {
            return in_other[u.id] && seen_other[u.id] != stamp && t.words(u.t0, u.t1) >= min_moved_words_;
        };
        bool any = false;
        for (uint32_t u = ua0; u < ua1 && !any; ++u) any = moved_away(a_, a_.units[u], in_b_, seen_b_);
        for (uint32_t u = ub0; u < ub1 && !any; ++u) any = moved_away(b_, b_.units[u], in_a_, seen_a_);
        if (!any) return false;
        auto keep = [&](const DiffText& t, uint32_t t0, uint32_t t1, uint32_t u0, uint32_t u1,
                        const std::vector<uint8_t>& in_other, const std::vector<uint32_t>& seen_other,
                        std::vector<uint32_t>* ids, std::vector<uint32_t>* pos) {
            ids->clear();
            pos->clear();
            uint32_t u = u0;
            for (uint32_t i = t0; i < t1;) {
                if (u < u1 && t.units[u].t0 == i && moved_away(t, t.units[u], in_other, seen_other)) {
                    i = t.units[u++].t1;
                    continue;
                }
                if (u < u1 && t.units[u].t1 <= i + 1) ++u;
                ids->push_back(t.id[i]);
                pos->push_back(i);
                ++i;
            }
        };
        keep(a_, a0, a1, ua0, ua1, in_b_, seen_b_, &kept_ids_a_, &kept_pos_a_);
        keep(b_, b0, b1, ub0, ub1, in_a_, seen_a_, &kept_ids_b_, &kept_pos_b_);
        return true;
    }

    // Boundaries of the units of tokens [t0, t1) at a level: t0, every boundary inside, t1.
    static void unit_bounds(const DiffText& t, uint32_t t0, uint32_t t1, int level, std::vector<uint32_t>* out) {
        out->clear();
        out->push_back(t0);
        for (uint32_t i = t0 + 1; i < t1; ++i)
            if (t.brk[i] >= level) out->push_back(i);
        out->push_back(t1);
    }

    // The region as sequences of sentences, then of paragraphs, each compared whole.
    void coarser(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
        for (int level = 1; level <= 2; ++level) {
            level_ = std::max(level_, level);
            unit_bounds(a_, a0, a1, level, &bounds_a_);
            unit_bounds(b_, b0, b1, level, &bounds_b_);
            coarse_ids_.clear();
            coarse_a_.clear();
            coarse_b_.clear();
            for (size_t k = 0; k + 1 < bounds_a_.size(); ++k)
                coarse_a_.push_back(coarse_ids_.intern(a_.id.data() + bounds_a_[k], bounds_a_[k + 1] - bounds_a_[k]));
            for (size_t k = 0; k + 1 < bounds_b_.size(); ++k)
                coarse_b_.push_back(coarse_ids_.intern(b_.id.data() + bounds_b_[k], bounds_b_[k + 1] - bounds_b_[k]));
            coarse_out_.clear();
            if (!myers_.run(coarse_a_.data(), 0, (uint32_t)coarse_a_.size(), coarse_b_.data(), 0,
                            (uint32_t)coarse_b_.size(), &coarse_out_, &budget_[level]))
                continue;
            for (const DiffMatch& m : coarse_out_) {
                const uint32_t ta = bounds_a_[m.a], tb = bounds_b_[m.b];
                emit(ta, tb, bounds_a_[m.a + m.len] - ta);
            }
            return;
        }
        // Over budget even by paragraphs: the region stays one change.
    }
};

}  // namespace

int align_tokens(const DiffText& a, const DiffText& b, uint32_t token_id_count, uint32_t unit_id_count,
                 const DiffDesc& d, std::vector<DiffMatch>* matches) {
    matches->clear();
    Aligner aligner(a, b, token_id_count, unit_id_count, d, matches);
    return aligner.run();
}

}  // namespace detail

//-------------------------------------------------------------------------------------------------
// [SECTION] Entry point
//-------------------------------------------------------------------------------------------------

const char* diff_op_kind_name(DiffOpKind k) {
    switch (k) {
        case DiffOpKind::Equal: return "equal";
        case DiffOpKind::Delete: return "delete";
        case DiffOpKind::Insert: return "insert";
        case DiffOpKind::Replace: return "replace";
        case DiffOpKind::Move: return "move";
    }
    return "?";
}

DiffResult diff_words(std::string_view a, std::string_view b, const DiffDesc& d) {
    DiffResult result;
    if (a.size() >= kNoSpan || b.size() >= kNoSpan) {  // offsets would not fit: documented limit
        result.exact = false;
        result.level = "paragraph";
        return result;
    }
    detail::DiffText ta, tb;
    detail::tokenize_for_diff(a, &ta);
    detail::tokenize_for_diff(b, &tb);
    detail::TokenIds token_ids;
    detail::SequenceIds sentence_ids;
    detail::index_diff_text(&ta, token_ids, sentence_ids);
    detail::index_diff_text(&tb, token_ids, sentence_ids);
    std::vector<detail::DiffMatch> matches;
    const int level = detail::align_tokens(ta, tb, token_ids.count(), sentence_ids.count(), d, &matches);
    result.exact = level == 0;
    result.level = level == 0 ? "word" : level == 1 ? "sentence" : "paragraph";
    detail::build_diff_ops(ta, tb, matches, sentence_ids.count(), d, &result);
    return result;
}

}  // namespace factlens
