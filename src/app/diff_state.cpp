// The Diff view's state: two articles diffed word by word (diff_words), turned into runs of styled
// text grouped into blocks a view can align and draw; each changed number linked to its fact
// cluster in the Compare view's alignment. The diff runs in update_diff(), once per change.
#include <algorithm>
#include <chrono>

#include "app_state.h"

namespace factlens {

std::string set_diff(AppState& s, int a, int b, bool inline_mode) {
    const int n = (int)s.corpus.articles.size();
    if (a < 0 || a >= n || b < 0 || b >= n)
        return "no article " + std::to_string(a < 0 || a >= n ? a : b) + " (there are " + std::to_string(n) + ")";
    DiffState& d = s.diff;
    if (d.a != a || d.b != b || d.inline_mode != inline_mode) {
        d.a = a;
        d.b = b;
        d.inline_mode = inline_mode;
        d.dirty = true;
    }
    return "";
}

std::string set_diff_mode(AppState& s, bool inline_mode) {
    DiffState& d = s.diff;
    if (d.inline_mode != inline_mode) {
        d.inline_mode = inline_mode;
        d.dirty = true;
    }
    return "";
}

namespace {

// Appends the runs of text [start, end) of one side, split after each '\n' so that `close` can end
// a block at a line break (only equal text closes blocks: changes stay in one block).
void add_run(std::vector<DiffRun>& runs, uint32_t start, uint32_t end, uint8_t side, DiffStyle style, int32_t op) {
    if (end > start) runs.push_back({start, end, side, style, op});
}

// Side by side: each block pairs a stretch of A with the stretch of B it corresponds to, and ends
// where an equal run crosses a line break in both. Inline: one column; deleted and moved-away
// text of A sits where it was, among the text of B.
void build_blocks(DiffState& d, const std::string& a, const std::string& b) {
    d.runs.clear();
    d.blocks.clear();
    std::vector<DiffRun> left, right;
    auto close = [&]() {
        if (left.empty() && right.empty()) return;
        DiffBlock blk;
        blk.left_begin = (uint32_t)d.runs.size();
        d.runs.insert(d.runs.end(), left.begin(), left.end());
        blk.left_end = blk.right_begin = (uint32_t)d.runs.size();
        d.runs.insert(d.runs.end(), right.begin(), right.end());
        blk.right_end = (uint32_t)d.runs.size();
        d.blocks.push_back(blk);
        left.clear();
        right.clear();
    };
    const std::vector<DiffOp>& ops = d.result.ops;
    for (int32_t i = 0; i < (int32_t)ops.size(); ++i) {
        const DiffOp& op = ops[(size_t)i];
        switch (op.kind) {
        case DiffOpKind::Equal: {
            // Split at each line break: the piece up to and including '\n' ends the block.
            uint32_t pa = op.a_start, pb = op.b_start;
            while (pb < op.b_end) {
                const size_t nl = b.find('\n', pb);
                const uint32_t stop = nl == std::string::npos || nl >= op.b_end ? op.b_end : (uint32_t)nl + 1;
                const uint32_t len = stop - pb;
                if (!d.inline_mode) add_run(left, pa, pa + len, 0, DiffStyle::Same, i);
                add_run(d.inline_mode ? left : right, pb, stop, 1, DiffStyle::Same, i);
                pa += len;
                pb = stop;
                if (b[stop - 1] == '\n') close();
            }
            break;
        }
        case DiffOpKind::Delete:
            add_run(left, op.a_start, op.a_end, 0, op.number ? DiffStyle::NumberOld : DiffStyle::Deleted, i);
            break;
        case DiffOpKind::Insert:
            add_run(d.inline_mode ? left : right, op.b_start, op.b_end, 1, op.number ? DiffStyle::NumberNew : DiffStyle::Inserted, i);
            break;
        case DiffOpKind::Replace:
            add_run(left, op.a_start, op.a_end, 0, op.number ? DiffStyle::NumberOld : DiffStyle::Deleted, i);
            add_run(d.inline_mode ? left : right, op.b_start, op.b_end, 1, op.number ? DiffStyle::NumberNew : DiffStyle::Inserted, i);
            break;
        case DiffOpKind::Move:
            if (op.has_a()) add_run(left, op.a_start, op.a_end, 0, DiffStyle::MovedFrom, i);
            else add_run(d.inline_mode ? left : right, op.b_start, op.b_end, 1, DiffStyle::MovedTo, i);
            break;
        }
    }
    close();
    (void)a;
}

// Per op: the Compare cluster whose member figure the op's span overlaps, in A or in B.
void link_clusters(AppState& s) {
    DiffState& d = s.diff;
    d.op_cluster.assign(d.result.ops.size(), -1);
    bool any_number = false;
    for (const DiffOp& op : d.result.ops) any_number |= op.number;
    if (!any_number) return;
    update_compare(s);
    const CompareState& c = s.compare;
    int ia = -1, ib = -1;  // A and B among the compared articles
    for (size_t i = 0; i < c.claim_article.size(); ++i) {
        if (c.claim_article[i] == d.a) ia = (int)i;
        if (c.claim_article[i] == d.b) ib = (int)i;
    }
    for (size_t o = 0; o < d.result.ops.size(); ++o) {
        const DiffOp& op = d.result.ops[o];
        if (!op.number) continue;
        for (size_t ci = 0; ci < c.clusters.size() && d.op_cluster[o] < 0; ++ci) {
            for (const ClusterMember& m : c.clusters[ci].members) {
                const Claim& cl = c.claims[m.article][m.claim];
                const bool in_a = (int)m.article == ia && op.has_a() && cl.start < op.a_end && op.a_start < cl.end;
                const bool in_b = (int)m.article == ib && op.has_b() && cl.start < op.b_end && op.b_start < cl.end;
                if (in_a || in_b) { d.op_cluster[o] = (int)ci; break; }
            }
        }
    }
}

}  // namespace

void update_diff(AppState& s) {
    DiffState& d = s.diff;
    const size_t n = s.corpus.articles.size();
    if (d.corpus_size != n) {
        d.dirty = true;
        d.corpus_size = n;
        if (d.a >= (int)n || d.b >= (int)n) d.a = d.b = -1;
    }
    // The first time: the first two articles, the old one left.
    if (d.a < 0 && n >= 2) { d.a = 0; d.b = 1; d.dirty = true; }
    if (!d.dirty) return;
    d.dirty = false;
    d.layout_width = -1;  // lay out again
    d.result = DiffResult{};
    d.runs.clear();
    d.blocks.clear();
    d.op_cluster.clear();
    if (d.a < 0 || d.b < 0) return;
    const std::string& a = s.corpus.articles[(size_t)d.a].text;
    const std::string& b = s.corpus.articles[(size_t)d.b].text;
    const auto t0 = std::chrono::steady_clock::now();
    d.result = diff_words(a, b);
    d.last_diff_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    build_blocks(d, a, b);
    link_clusters(s);
}

}  // namespace factlens
