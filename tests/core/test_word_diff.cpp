#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "utf8.h"
#include "word_diff.h"
#include "word_diff_internal.h"

using namespace factlens;

namespace {

// Deterministic generator for the randomised cases (splitmix64).
struct Rng {
    uint64_t s;
    uint64_t next() {
        uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    uint32_t below(uint32_t n) { return (uint32_t)(next() % n); }
    bool chance(double p) { return (next() >> 11) * (1.0 / 9007199254740992.0) < p; }
};

std::string_view span_a(std::string_view a, const DiffOp& op) { return a.substr(op.a_start, op.a_end - op.a_start); }
std::string_view span_b(std::string_view b, const DiffOp& op) { return b.substr(op.b_start, op.b_end - op.b_start); }

// B rebuilt from the edit script: equal text and moved text come from A's bytes, only inserted
// and replacing text from B's.
std::string apply(std::string_view a, std::string_view b, const DiffResult& r) {
    std::string out;
    for (const DiffOp& op : r.ops) {
        if (!op.has_b()) continue;
        if (op.kind == DiffOpKind::Equal) out += span_a(a, op);
        else if (op.kind == DiffOpKind::Move) out += span_a(a, r.ops[op.move_pair]);
        else out += span_b(b, op);
    }
    return out;
}

bool is_continuation(std::string_view s, uint32_t p) { return p < s.size() && ((unsigned char)s[p] & 0xC0) == 0x80; }

// Code points that must stay with the one before them.
bool is_attached(char32_t c) {
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || c == 0xFE0E || c == 0xFE0F || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x200D;
}

// A boundary inside valid UTF-8 text that splits nothing: not inside a code point, not before a
// combining mark, variation selector, skin tone or ZWJ, not after a ZWJ.
bool clean_boundary(std::string_view s, uint32_t p) {
    if (p == 0 || p >= s.size()) return true;
    if (is_continuation(s, p)) return false;
    DecodedChar next = utf8_decode(s, p);
    if (next.valid && is_attached(next.cp)) return false;
    const size_t q = utf8_floor_boundary(s, p - 1);
    DecodedChar prev = utf8_decode(s, q);
    if (prev.valid && prev.cp == 0x200D) return false;
    return true;
}

// Every rule of the public contract (word_diff.h), checked on one result.
void check_script(std::string_view a, std::string_view b, const DiffResult& r, bool valid_utf8 = true) {
    uint32_t pa = 0, pb = 0;
    for (size_t i = 0; i < r.ops.size(); ++i) {
        const DiffOp& op = r.ops[i];
        INFO("op " << i << " " << diff_op_kind_name(op.kind));
        switch (op.kind) {
            case DiffOpKind::Equal: case DiffOpKind::Replace: REQUIRE(op.has_a()); REQUIRE(op.has_b()); break;
            case DiffOpKind::Delete: REQUIRE(op.has_a()); REQUIRE(!op.has_b()); break;
            case DiffOpKind::Insert: REQUIRE(!op.has_a()); REQUIRE(op.has_b()); break;
            case DiffOpKind::Move: REQUIRE(op.has_a() != op.has_b()); break;
        }
        if (op.has_a()) {
            REQUIRE(op.a_start == pa);  // tiling: no gap, no overlap
            REQUIRE(op.a_end > op.a_start);
            pa = op.a_end;
        } else {
            REQUIRE(op.a_end == kNoSpan);
        }
        if (op.has_b()) {
            REQUIRE(op.b_start == pb);
            REQUIRE(op.b_end > op.b_start);
            pb = op.b_end;
        } else {
            REQUIRE(op.b_end == kNoSpan);
        }
        if (op.kind == DiffOpKind::Equal) REQUIRE(span_a(a, op) == span_b(b, op));
        if (op.kind == DiffOpKind::Replace && !op.number) REQUIRE(span_a(a, op) != span_b(b, op));
        if (op.kind == DiffOpKind::Move) {
            REQUIRE(op.move_pair >= 0);
            REQUIRE((size_t)op.move_pair < r.ops.size());
            const DiffOp& other = r.ops[op.move_pair];
            REQUIRE(other.kind == DiffOpKind::Move);
            REQUIRE(other.move_pair == (int32_t)i);
            REQUIRE(other.has_a() == op.has_b());
            if (op.has_a()) REQUIRE(span_a(a, op) == span_b(b, other));
        } else {
            REQUIRE(op.move_pair == -1);
        }
        if (op.number) {
            if (op.has_a()) REQUIRE((a[op.a_start] >= '0' && a[op.a_start] <= '9'));
            if (op.has_b()) REQUIRE((b[op.b_start] >= '0' && b[op.b_start] <= '9'));
        }
        if (valid_utf8) {
            if (op.has_a()) { REQUIRE(clean_boundary(a, op.a_start)); REQUIRE(clean_boundary(a, op.a_end)); }
            if (op.has_b()) { REQUIRE(clean_boundary(b, op.b_start)); REQUIRE(clean_boundary(b, op.b_end)); }
        }
        if (i > 0 && op.kind == DiffOpKind::Equal) REQUIRE(r.ops[i - 1].kind != DiffOpKind::Equal);  // joined
    }
    REQUIRE(pa == a.size());
    REQUIRE(pb == b.size());
    REQUIRE(apply(a, b, r) == b);
    // Each word is equal, moved, removed or added: what A loses, B gains.
    REQUIRE(r.stats.words_a - r.stats.words_removed == r.stats.words_b - r.stats.words_added);
}

std::string kind_list(const DiffResult& r) {
    std::string s;
    for (const DiffOp& op : r.ops) {
        if (!s.empty()) s += ' ';
        s += diff_op_kind_name(op.kind);
    }
    return s;
}

// Pseudo-English: words made of syllables, sentences with commas and numbers, paragraphs.
struct Prose {
    Rng rng;
    std::vector<std::string> vocab;
    explicit Prose(uint64_t seed, int words = 3000) : rng{seed} {
        static const char* syl[] = {"ta", "ro", "mi", "ken", "sal", "ve", "dor", "pi", "lu", "gra", "mon", "es",
                                    "tri", "ba", "con", "fe", "na", "lio", "ster", "qua", "de", "wil", "ha", "ing"};
        for (int i = 0; i < words; ++i) {
            std::string w;
            const int n = 1 + (int)rng.below(3);
            for (int k = 0; k < n; ++k) w += syl[rng.below(24)];
            vocab.push_back(w);
        }
    }
    std::string word() {
        // Zipf-like: common words are very common, as in real text.
        const uint32_t r = rng.below(1000);
        if (r < 300) return vocab[rng.below(20)];
        return vocab[rng.below((uint32_t)vocab.size())];
    }
    std::string number() {
        // Each draw in its own statement: the operands of + are evaluated in no fixed order, and
        // the texts must be the same on every compiler (native and wasm run these tests).
        const uint32_t kind = rng.below(4), x = rng.below(1000), y = rng.below(1000);
        switch (kind) {
            case 0: return std::to_string(x % 100) + "." + std::to_string(y % 10) + "%";
            case 1: return std::to_string(1 + x % 9) + "," + std::to_string(100 + y % 900);
            case 2: return std::to_string(1990 + x % 40);
            default: return std::to_string(x);
        }
    }
    std::string sentence() {
        std::string s;
        const int n = 6 + (int)rng.below(18);
        for (int i = 0; i < n; ++i) {
            if (i) s += rng.chance(0.08) ? ", " : " ";
            std::string w = rng.chance(0.06) ? number() : word();
            if (i == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = (char)(w[0] - 32);
            s += w;
        }
        return s + (rng.chance(0.1) ? "?" : ".");
    }
    std::string paragraph() {
        std::string p;
        const int n = 2 + (int)rng.below(6);
        for (int i = 0; i < n; ++i) p += (i ? " " : "") + sentence();
        return p;
    }
};

std::string join_paragraphs(const std::vector<std::string>& ps) {
    std::string s;
    for (size_t i = 0; i < ps.size(); ++i) s += (i ? "\n\n" : "") + ps[i];
    return s + "\n";
}

// Splits on single spaces, edits some words, joins again.
std::string edit_words(const std::string& p, Prose& g, double rate, int* edits) {
    std::vector<std::string> w;
    size_t i = 0;
    while (i <= p.size()) {
        size_t j = p.find(' ', i);
        if (j == std::string::npos) j = p.size();
        w.push_back(p.substr(i, j - i));
        i = j + 1;
    }
    std::vector<std::string> out;
    for (const std::string& x : w) {
        if (!g.rng.chance(rate)) { out.push_back(x); continue; }
        ++*edits;
        switch (g.rng.below(4)) {
            case 0: out.push_back(g.word()); break;        // replaced
            case 1: break;                                 // deleted
            case 2: out.push_back(x); out.push_back(g.word()); break;  // inserted after
            default: out.push_back(g.number()); break;     // a number instead
        }
    }
    if (out.empty()) out.push_back(g.word());
    std::string s;
    for (size_t k = 0; k < out.size(); ++k) s += (k ? " " : "") + out[k];
    return s;
}

}  // namespace

TEST_CASE("diff: a changed number is one small number op", "[diff]") {
    const std::string a = "The economy grew 5.8% in 2025, officials said.";
    const std::string b = "The economy grew 5.9% in 2025, officials said.";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    CHECK(r.exact);
    CHECK(std::string(r.level) == "word");
    REQUIRE(r.ops.size() == 3);
    CHECK(r.ops[0].kind == DiffOpKind::Equal);
    CHECK(r.ops[1].kind == DiffOpKind::Replace);
    CHECK(r.ops[1].number);
    CHECK(span_a(a, r.ops[1]) == "5.8");
    CHECK(span_b(b, r.ops[1]) == "5.9");
    CHECK(r.ops[1].a_start == 17);
    CHECK(r.ops[2].kind == DiffOpKind::Equal);
    CHECK(span_a(a, r.ops[2]) == "% in 2025, officials said.");
    CHECK(r.stats.numbers_changed == 1);
    CHECK(r.stats.words_added == 1);
    CHECK(r.stats.words_removed == 1);
    CHECK(r.stats.words_moved == 0);
}

TEST_CASE("diff: the example phrase from the contract", "[diff]") {
    const std::string a = "grew 5.8% in 2025";
    const std::string b = "grew 5.9% in 2025";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "equal replace equal");
    CHECK(r.ops[1].number);
    CHECK(r.ops[1].a_start == 5);
    CHECK(r.ops[1].a_end == 8);
    CHECK(r.ops[1].b_start == 5);
    CHECK(r.ops[1].b_end == 8);
}

TEST_CASE("diff: numbers stay separate from the words changed around them", "[diff]") {
    const std::string a = "Sales grew 5.8% to 1,200 units in 2024.";
    const std::string b = "Sales fell 3.1% to 1,250 units in 2024.";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    std::vector<std::pair<std::string, std::string>> numbers, words;
    for (const DiffOp& op : r.ops) {
        if (op.kind != DiffOpKind::Replace) continue;
        (op.number ? numbers : words).push_back({std::string(span_a(a, op)), std::string(span_b(b, op))});
    }
    REQUIRE(numbers.size() == 2);
    CHECK(numbers[0] == std::make_pair(std::string("5.8"), std::string("3.1")));
    CHECK(numbers[1] == std::make_pair(std::string("1,200"), std::string("1,250")));
    REQUIRE(words.size() == 1);
    CHECK(words[0] == std::make_pair(std::string("grew"), std::string("fell")));
    CHECK(r.stats.numbers_changed == 2);
}

TEST_CASE("diff: a number merged into a larger change is still split out", "[diff]") {
    // Every word between the changes differs, so the cleanup joins them; the numbers come apart again.
    const std::string a = "profits were up 7 percent";
    const std::string b = "revenue went down 9 points";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    int number_ops = 0;
    for (const DiffOp& op : r.ops)
        if (op.number) {
            ++number_ops;
            CHECK(span_a(a, op) == "7");
            CHECK(span_b(b, op) == "9");
        }
    CHECK(number_ops == 1);
}

TEST_CASE("diff: empty and identical texts", "[diff]") {
    DiffResult r = diff_words("", "");
    check_script("", "", r);
    CHECK(r.ops.empty());
    CHECK(r.exact);

    r = diff_words("", "Hello world.");
    check_script("", "Hello world.", r);
    REQUIRE(r.ops.size() == 1);
    CHECK(r.ops[0].kind == DiffOpKind::Insert);
    CHECK(r.ops[0].b_start == 0);
    CHECK(r.ops[0].b_end == 12);
    CHECK(r.stats.words_added == 2);

    r = diff_words("Hello world.", "");
    check_script("Hello world.", "", r);
    REQUIRE(r.ops.size() == 1);
    CHECK(r.ops[0].kind == DiffOpKind::Delete);
    CHECK(r.stats.words_removed == 2);

    const std::string t = "Same text, twice.\n\nWith 2 paragraphs and 中文 and 😀.";
    r = diff_words(t, t);
    check_script(t, t, r);
    REQUIRE(r.ops.size() == 1);
    CHECK(r.ops[0].kind == DiffOpKind::Equal);
    CHECK(r.ops[0].a_end == t.size());
    CHECK(r.stats.words_added == 0);
    CHECK(r.stats.words_removed == 0);
}

TEST_CASE("diff: completely different texts are one replace", "[diff]") {
    const std::string a = "The cat sat on the mat.";
    const std::string b = "Dogs bark loudly at night!";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(r.ops.size() == 1);
    CHECK(r.ops[0].kind == DiffOpKind::Replace);
    CHECK(r.stats.words_removed == 6);
    CHECK(r.stats.words_added == 5);
}

TEST_CASE("diff: words replaced, inserted and deleted", "[diff]") {
    const std::string a = "The quick brown fox jumps over the lazy dog.";
    const std::string b = "The quick red fox leaps over the very lazy dog.";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "equal replace equal replace equal insert equal");
    CHECK(span_a(a, r.ops[1]) == "brown");
    CHECK(span_b(b, r.ops[1]) == "red");
    CHECK(span_a(a, r.ops[3]) == "jumps");
    CHECK(span_b(b, r.ops[3]) == "leaps");
    CHECK(span_b(b, r.ops[5]) == "very ");  // slid to start at a word: "the [+very +]lazy"
    CHECK(r.stats.words_added == 3);
    CHECK(r.stats.words_removed == 2);

    // A deletion ends on the space after it, not before.
    const std::string c = "one two three four";
    const std::string d = "one three four";
    const DiffResult r2 = diff_words(c, d);
    check_script(c, d, r2);
    REQUIRE(kind_list(r2) == "equal delete equal");
    CHECK(span_a(c, r2.ops[1]) == "two ");
}

TEST_CASE("diff: whitespace between changed words does not fragment the change", "[diff]") {
    const std::string a = "prices rose sharply";
    const std::string b = "costs fell sharply";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "replace equal");
    CHECK(span_a(a, r.ops[0]) == "prices rose");
    CHECK(span_b(b, r.ops[0]) == "costs fell");

    // DiffDesc::semantic_cleanup = false keeps Myers' minimal script.
    DiffDesc raw;
    raw.semantic_cleanup = false;
    const DiffResult r2 = diff_words(a, b, raw);
    check_script(a, b, r2);
    CHECK(kind_list(r2) == "replace equal replace equal");
}

TEST_CASE("diff: swapped paragraphs are a move", "[diff]") {
    const std::string p1 = "Markets rallied on Monday as investors welcomed the news.";
    const std::string p2 = "The central bank kept rates unchanged.";  // 6 words: the shorter one moves
    const std::string p3 = "Analysts expect further gains before the end of the year.";
    const std::string a = p1 + "\n\n" + p2 + "\n\n" + p3 + "\n";
    const std::string b = p1 + "\n\n" + p3 + "\n\n" + p2 + "\n";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    CHECK(r.stats.moves == 1);
    CHECK(r.stats.words_moved == 6);
    CHECK(r.stats.words_added == 0);
    CHECK(r.stats.words_removed == 0);
    // p1 and p3 stay; p2 moves with the blank line before it, which both ends have:
    //   A: p1 [~\n\np2~] \n\n p3 \n        B: p1 \n\n p3 {~\n\np2~} \n
    REQUIRE(kind_list(r) == "equal move equal move equal");
    CHECK(span_a(a, r.ops[1]) == "\n\n" + p2);
    CHECK(r.ops[1].move_pair == 3);
    CHECK(span_b(b, r.ops[3]) == "\n\n" + p2);
    CHECK(span_a(a, r.ops[2]) == "\n\n" + p3);
    CHECK(span_a(a, r.ops[4]) == "\n");

    // Two paragraphs swapped, nothing else: the shorter one moves.
    const std::string x = p1 + "\n\n" + p2;
    const std::string y = p2 + "\n\n" + p1;
    const DiffResult r2 = diff_words(x, y);
    check_script(x, y, r2);
    CHECK(r2.stats.moves == 1);
    CHECK(r2.stats.words_moved == 6);
    CHECK(r2.stats.words_added == 0);
    CHECK(r2.stats.words_removed == 0);

    // Without move detection the same text is a deletion and an insertion.
    DiffDesc no_moves;
    no_moves.detect_moves = false;
    const DiffResult r3 = diff_words(a, b, no_moves);
    check_script(a, b, r3);
    CHECK(r3.stats.moves == 0);
    CHECK(r3.stats.words_removed == 6);
    CHECK(r3.stats.words_added == 6);
}

TEST_CASE("diff: a moved sentence inside a paragraph", "[diff]") {
    const std::string a = "First comes the opening line here. Then a short one. Finally the end.";
    const std::string b = "Then a short one. First comes the opening line here. Finally the end.";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    CHECK(r.stats.moves == 1);
    CHECK(r.stats.words_moved == 4);
    CHECK(r.stats.words_added == 0);
    CHECK(r.stats.words_removed == 0);
    // The space after the moved sentence goes with it at both ends.
    REQUIRE(kind_list(r) == "move equal move equal");
    CHECK(span_b(b, r.ops[0]) == "Then a short one. ");
    CHECK(span_a(a, r.ops[2]) == "Then a short one. ");
    CHECK(span_a(a, r.ops[3]) == "Finally the end.");
}

TEST_CASE("diff: short or common phrases are not moves", "[diff]") {
    // "Yes." moves, but it has fewer than min_move_words words.
    const std::string a = "Yes. The committee met on Tuesday to discuss the plan.";
    const std::string b = "The committee met on Tuesday to discuss the plan. Yes.";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    CHECK(r.stats.moves == 0);
    DiffDesc one_word;
    one_word.min_move_words = 1;
    const DiffResult r2 = diff_words(a, b, one_word);
    check_script(a, b, r2);
    CHECK(r2.stats.moves == 1);
    CHECK(r2.stats.words_moved == 1);
}

TEST_CASE("diff: CJK text is compared character by character", "[diff]") {
    const std::string a = "我喜欢猫。今天天气很好。";
    const std::string b = "我喜欢狗。今天天气很好。";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "equal replace equal");
    CHECK(span_a(a, r.ops[1]) == "猫");
    CHECK(span_b(b, r.ops[1]) == "狗");
    CHECK(r.ops[1].a_start == 9);
    CHECK(r.stats.words_a == 10);  // ideographs count as words, 。 does not

    const std::string c = "中国经济增长5.8%。";
    const std::string d = "中国经济增长6.1%。";
    const DiffResult r2 = diff_words(c, d);
    check_script(c, d, r2);
    REQUIRE(kind_list(r2) == "equal replace equal");
    CHECK(r2.ops[1].number);
    CHECK(span_a(c, r2.ops[1]) == "5.8");
    CHECK(span_b(d, r2.ops[1]) == "6.1");
}

TEST_CASE("diff: combining marks stay with their base", "[diff]") {
    const std::string a = "un cafe\xCC\x81 noir";  // e + U+0301
    const std::string b = "un cafe noir";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "equal replace equal");
    CHECK(span_a(a, r.ops[1]) == "cafe\xCC\x81");
    CHECK(span_b(b, r.ops[1]) == "cafe");

    // Only the accent differs: the whole letter-with-accent is replaced, never just the mark.
    const std::string c = "x\xCC\x81";
    const std::string d = "x\xCC\x80";
    const DiffResult r2 = diff_words(c, d);
    check_script(c, d, r2);
    REQUIRE(r2.ops.size() == 1);
    CHECK(r2.ops[0].kind == DiffOpKind::Replace);

    // A stray mark after a space stays with the space.
    const std::string e = "a \xCC\x81" "b";
    const std::string f = "a b";
    const DiffResult r3 = diff_words(e, f);
    check_script(e, f, r3);
}

TEST_CASE("diff: emoji clusters are never split", "[diff]") {
    // Family: man ZWJ woman ZWJ girl -> man ZWJ woman ZWJ boy.
    const std::string a = "Hi \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 there";
    const std::string b = "Hi \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA6 there";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r);
    REQUIRE(kind_list(r) == "equal replace equal");
    CHECK(r.ops[1].a_start == 3);
    CHECK(r.ops[1].a_end == 21);

    // Thumbs up with two skin tones.
    const std::string c = "ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!";
    const std::string d = "ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF!";
    const DiffResult r2 = diff_words(c, d);
    check_script(c, d, r2);
    REQUIRE(kind_list(r2) == "equal replace equal");
    CHECK(span_a(c, r2.ops[1]) == "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");

    // Flags: CN US -> CN JP; each flag (two regional indicators) is one token.
    const std::string e = "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8";
    const std::string f = "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xAF\xF0\x9F\x87\xB5";
    const DiffResult r3 = diff_words(e, f);
    check_script(e, f, r3);
    REQUIRE(kind_list(r3) == "equal replace");
    CHECK(r3.ops[1].a_start == 8);

    // A heart with and without its emoji variation selector.
    const std::string g = "I \xE2\x9D\xA4\xEF\xB8\x8F it";
    const std::string h = "I \xE2\x9D\xA4 it";
    const DiffResult r4 = diff_words(g, h);
    check_script(g, h, r4);
    REQUIRE(kind_list(r4) == "equal replace equal");
    CHECK(span_a(g, r4.ops[1]) == "\xE2\x9D\xA4\xEF\xB8\x8F");
}

TEST_CASE("diff: invalid UTF-8 is diffed byte by byte without harm", "[diff]") {
    const std::string a = "over \xFF\xFE 6,000 firms \xE2\x82";
    const std::string b = "over \xFF 6,000 firms \xE2\x82\xAC";
    const DiffResult r = diff_words(a, b);
    check_script(a, b, r, false);
    // Random bytes: never a crash, always a valid script.
    Rng rng{7};
    for (int k = 0; k < 200; ++k) {
        std::string x, y;
        const uint32_t nx = rng.below(40), ny = rng.below(40);
        for (uint32_t i = 0; i < nx; ++i) x += (char)rng.below(256);
        y = x.substr(0, nx / 2);
        for (uint32_t i = 0; i < ny; ++i) y += (char)(rng.chance(0.5) ? rng.below(256) : 'a' + rng.below(3));
        const DiffResult ri = diff_words(x, y);
        check_script(x, y, ri, false);
    }
}

TEST_CASE("diff: random edits on generated text keep every rule", "[diff]") {
    Prose g(42, 300);
    for (int k = 0; k < 300; ++k) {
        std::vector<std::string> pa;
        const int np = 1 + (int)g.rng.below(5);
        for (int i = 0; i < np; ++i) pa.push_back(g.paragraph());
        if (g.rng.chance(0.2)) pa.push_back("Ünïcödé 中文句子。 emoji \xF0\x9F\x98\x80 and e\xCC\x81.");
        std::vector<std::string> pb;
        int edits = 0;
        for (const std::string& p : pa) pb.push_back(g.rng.chance(0.5) ? p : edit_words(p, g, 0.1, &edits));
        if (pb.size() > 1 && g.rng.chance(0.5)) std::swap(pb[0], pb[g.rng.below((uint32_t)pb.size())]);
        if (g.rng.chance(0.1)) pb.push_back(g.paragraph());
        const std::string a = join_paragraphs(pa), b = join_paragraphs(pb);
        INFO("case " << k << "\nA: " << a << "\nB: " << b);
        const DiffResult r = diff_words(a, b);
        check_script(a, b, r);
        CHECK(r.exact);
        DiffDesc raw;
        raw.semantic_cleanup = false;
        raw.detect_moves = false;
        const DiffResult r2 = diff_words(a, b, raw);
        check_script(a, b, r2);
    }
}

TEST_CASE("diff: a blown budget falls back to coarser levels, and says so", "[diff]") {
    Prose g(3, 400);
    std::vector<std::string> pa, pb;
    for (int i = 0; i < 30; ++i) {
        pa.push_back(g.paragraph());
        pb.push_back(g.paragraph());  // unrelated text: a long, costly diff
    }
    pb[10] = pa[10];
    const std::string a = join_paragraphs(pa), b = join_paragraphs(pb);
    DiffDesc tiny;
    tiny.max_work = 2000;
    const DiffResult r = diff_words(a, b, tiny);
    check_script(a, b, r);
    CHECK_FALSE(r.exact);
    CHECK(std::string(r.level) != "word");
    // The identical paragraph is still found: anchors cost no Myers work.
    bool found = false;
    for (const DiffOp& op : r.ops)
        if (op.kind == DiffOpKind::Equal && span_a(a, op).find(pa[10]) != std::string_view::npos) found = true;
    CHECK(found);

    tiny.max_work = 0;
    const DiffResult r2 = diff_words(a, b, tiny);
    check_script(a, b, r2);
    CHECK_FALSE(r2.exact);
    CHECK(std::string(r2.level) == "paragraph");

    const DiffResult r3 = diff_words(a, b);  // the default budget is ample
    check_script(a, b, r3);
    CHECK(r3.exact);
}

TEST_CASE("diff: a 1 MB pair with edits and moved paragraphs is exact and fast", "[diff]") {
    Prose g(2025, 5000);
    std::vector<std::string> pa;
    size_t bytes = 0;
    while (bytes < (1u << 20)) {
        pa.push_back(g.paragraph());
        bytes += pa.back().size() + 2;
    }
    std::vector<std::string> pb;
    int edits = 0;
    std::vector<bool> edited;
    for (const std::string& p : pa) {
        pb.push_back(edit_words(p, g, 0.03, &edits));
        edited.push_back(pb.back() != p);
    }
    // Move 8 unedited paragraphs elsewhere.
    int moved = 0;
    for (int tries = 0; moved < 8 && tries < 1000; ++tries) {
        const uint32_t from = g.rng.below((uint32_t)pb.size()), to = g.rng.below((uint32_t)pb.size());
        if (edited[from] || (from > to ? from - to : to - from) < 5 || pb[from].size() < 200) continue;
        const std::string p = pb[from];
        pb.erase(pb.begin() + from);
        edited.erase(edited.begin() + from);
        pb.insert(pb.begin() + to, p);
        edited.insert(edited.begin() + to, true);  // do not move it twice
        ++moved;
    }
    REQUIRE(moved == 8);
    const std::string a = join_paragraphs(pa), b = join_paragraphs(pb);
    REQUIRE(a.size() >= (1u << 20));
    const auto t0 = std::chrono::steady_clock::now();
    const DiffResult r = diff_words(a, b);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    INFO("diff of " << a.size() << " vs " << b.size() << " bytes took " << ms << " ms, " << r.ops.size() << " ops");
    check_script(a, b, r);
    CHECK(r.exact);
    CHECK(std::string(r.level) == "word");
    CHECK(r.stats.moves >= 8);
    CHECK(r.stats.words_moved >= 8 * 20);
    // Roughly the edits made: each is one or two words each way (the cleanup joins neighbours).
    CHECK(r.stats.words_removed >= (uint32_t)edits / 2);
    CHECK(r.stats.words_removed <= (uint32_t)edits * 4);
    CHECK(r.stats.numbers_changed > 0);
}

TEST_CASE("diff: the Myers core finds a longest common subsequence", "[diff]") {
    // Below the anchor thresholds (no sentences, few tokens) the alignment is Myers alone, which
    // must be minimal: its matches add up to the LCS length computed here by dynamic programming.
    Rng rng{99};
    for (int k = 0; k < 500; ++k) {
        const uint32_t na = rng.below(30), nb = rng.below(30), alphabet = 2 + rng.below(6);
        detail::DiffText a, b;
        for (detail::DiffText* t : {&a, &b}) {
            const uint32_t n = t == &a ? na : nb;
            for (uint32_t i = 0; i < n; ++i) {
                t->id.push_back(rng.below(alphabet));
                t->kind.push_back(detail::DiffTok::Word);
            }
            t->brk.assign(n + 1, 1);  // every position a boundary: no cutting back of prefix or suffix
        }
        std::vector<detail::DiffMatch> matches;
        const int level = detail::align_tokens(a, b, alphabet, 0, DiffDesc{}, &matches);
        CHECK(level == 0);
        std::vector<std::vector<uint32_t>> lcs(na + 1, std::vector<uint32_t>(nb + 1, 0));
        for (uint32_t i = na; i-- > 0;)
            for (uint32_t j = nb; j-- > 0;)
                lcs[i][j] = a.id[i] == b.id[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        uint32_t matched = 0, pa = 0, pb = 0;
        for (const detail::DiffMatch& m : matches) {
            REQUIRE(m.a >= pa);  // in order, not overlapping
            REQUIRE(m.b >= pb);
            for (uint32_t i = 0; i < m.len; ++i) REQUIRE(a.id[m.a + i] == b.id[m.b + i]);
            matched += m.len;
            pa = m.a + m.len;
            pb = m.b + m.len;
        }
        REQUIRE(pa <= na);
        REQUIRE(pb <= nb);
        INFO("case " << k);
        CHECK(matched == lcs[0][0]);
    }
}
