// Subject normalisation for align_facts(): what a figure is about, as a small set of concepts.
//
// [SECTION] Words: splitting a range of text into words (UTF-8 aware, punctuation and numbers out)
// [SECTION] Concepts: lemma, synonym table, phrases ("artificial intelligence" -> ai)
// [SECTION] Subjects: claim_subject(), merge_subject(), subject_similarity(), heads_compatible()
#include <algorithm>
#include <cctype>
#include <cstring>

#include "align_internal.h"
#include "fact_table.h"  // sentence_around()
#include "lexicon.h"

namespace factlens {
namespace detail {

//-------------------------------------------------------------------------------------------------
// [SECTION] Words
//-------------------------------------------------------------------------------------------------

namespace {

struct Word {
    uint32_t start = 0, end = 0;  // byte offsets in the text
    std::string lower;            // ASCII lower-cased; other letters as they are
    bool capitalised = false;     // "Zhang", "A" (not "AI": acronyms are topics, not names)
    bool sentence_initial = false;
    bool after_open_paren = false;   // "(AI)"
    bool before_close_paren = false;
};

// Decodes one code point at s[i]; returns its length (1 for a stray byte).
size_t decode(std::string_view s, size_t i, char32_t* cp) {
    const unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > s.size()) n = 1;
    char32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) v = (v << 6) | ((unsigned char)s[i + k] & 0x3F);
    *cp = v;
    return n;
}

// Letters and digits continue a word; everything else (ASCII punctuation, the Unicode punctuation
// blocks: dashes, curly quotes, CJK punctuation) ends it.
bool word_char(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp < 0xC0) return false;                         // Latin-1 punctuation, NBSP
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;      // general punctuation, symbols, arrows
    if (cp >= 0x3000 && cp <= 0x303F) return false;      // CJK punctuation
    if (cp >= 0xFF00 && cp <= 0xFF20) return false;      // full-width punctuation
    return true;
}

bool sentence_stop(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == ':' || cp == ';'; }

// Splits text[begin, end) into words. Possessive "'s" is dropped; words with no letter (numbers)
// are skipped, but still separate the words around them.
void split_words(std::string_view text, size_t begin, size_t end, std::vector<Word>& out) {
    end = std::min(end, text.size());
    bool initial = true, open_paren = false;
    size_t i = begin;
    while (i < end) {
        char32_t cp;
        size_t n = decode(text, i, &cp);
        if (!word_char(cp)) {
            if (sentence_stop(cp)) initial = true;
            open_paren = cp == '(';
            if ((cp == '\'' || cp == 0x2019) && !out.empty() && out.back().end == i && i + n < end &&
                (text[i + n] == 's' || text[i + n] == 'S') &&
                (i + n + 1 >= end || !word_char((unsigned char)text[i + n + 1]))) {
                i += n + 1;  // possessive: China's -> China
                continue;
            }
            if (cp == ')' && !out.empty() && out.back().end == i) out.back().before_close_paren = true;
            i += n;
            continue;
        }
        Word w;
        w.start = (uint32_t)i;
        bool letters = false, upper_first = false, any_lower = false;
        size_t j = i;
        while (j < end) {
            char32_t c2;
            size_t m = decode(text, j, &c2);
            if (!word_char(c2)) break;
            if (c2 < 0x80) {
                char ch = (char)c2;
                if (ch >= 'A' && ch <= 'Z') { if (j == i) upper_first = true; ch = (char)(ch | 0x20); }
                else if (ch >= 'a' && ch <= 'z') any_lower = true;
                if (ch >= 'a' && ch <= 'z') letters = true;
                w.lower += ch;
            } else {
                letters = true;
                any_lower = true;
                w.lower.append(text.substr(j, m));
            }
            j += m;
        }
        w.end = (uint32_t)j;
        w.capitalised = upper_first && (any_lower || w.lower.size() == 1);
        w.sentence_initial = initial;
        w.after_open_paren = open_paren;
        initial = false;
        open_paren = false;
        i = j;
        if (letters) out.push_back(std::move(w));
    }
}

}  // namespace

//-------------------------------------------------------------------------------------------------
// [SECTION] Concepts
//-------------------------------------------------------------------------------------------------

namespace {

struct Synonym { const char* word; const char* concept; };

// Words that name the same thing in news about industries and companies. Kept small on purpose:
// each row is a merge a reader would make without thinking.
const Synonym kSynonyms[] = {
    {"company", "firm"}, {"firm", "firm"}, {"enterprise", "firm"}, {"business", "firm"},
    {"corporation", "firm"}, {"player", "firm"},
    {"sector", "industry"}, {"industrial", "industry"}, {"output", "industry"},
    {"manufacturer", "manufacturing"}, {"manufacture", "manufacturing"},
    {"tech", "technology"}, {"technological", "technology"},
    {"employee", "worker"}, {"staff", "worker"}, {"workforce", "worker"}, {"job", "worker"},
    {"sale", "revenue"}, {"turnover", "revenue"}, {"earning", "profit"},
    {"major", "large"}, {"big", "large"}, {"economic", "economy"},
    {"person", "people"}, {"resident", "people"}, {"client", "customer"},
    {"semiconductor", "chip"}, {"car", "vehicle"},
    {"expansion", "growth"}, {"expand", "growth"}, {"grow", "growth"},
};

// Two-word phrases that are one concept.
struct Phrase { const char* first; const char* second; const char* concept; };
const Phrase kPhrases[] = {
    {"artificial", "intelligence", "ai"}, {"value", "added", "value_added"}, {"added", "value", "value_added"},
    {"high", "tech", "high_tech"}, {"high", "technology", "high_tech"}, {"per", "capita", ""},
    {"year", "on", ""}, {"on", "year", ""},
};

// Words that say nothing about what a figure is about.
const char* const kDropped[] = {
    "related", "such", "other", "more", "less", "than", "about", "official", "officials", "ministry",
    "say", "said", "told", "announced", "noted", "added", "according", "who", "what", "when", "where",
    "not", "no", "but", "if", "so", "all", "each", "every", "both", "some", "any", "own", "very",
    "s", "t", "us", "our", "his", "her", "can", "could", "should", "may", "might", "do", "did", "does",
    "there", "here", "then", "also", "only", "just", "via", "after", "before", "during", "since", "until",
    "yet", "further", "made", "make", "show", "shows", "showed", "data", "first", "second",
};

// Concepts that are never a head: they name a measure or a mark, not the thing measured.
const char* const kGeneric[] = {
    "value_added", "mark", "figure", "level", "share", "rate", "growth", "amount", "record", "part",
    "country", "nation", "world", "global", "domestic", "national", "key", "core", "large", "new",
    "percent", "time", "period", "milestone", "threshold", "result", "term", "field",
};

bool in_list(const char* const* list, size_t n, std::string_view w) {
    for (size_t i = 0; i < n; ++i)
        if (w == list[i]) return true;
    return false;
}

std::string_view synonym(std::string_view w) {
    for (const Synonym& s : kSynonyms)
        if (w == s.word) return s.concept;
    return w;
}

// Plural to singular, for the regular cases news text uses ("companies", "firms", "sectors").
std::string_view singular(std::string_view w, std::string& scratch) {
    const size_t n = w.size();
    if (n > 4 && w.substr(n - 3) == "ies") { scratch.assign(w.substr(0, n - 3)); scratch += 'y'; return scratch; }
    if (n > 4 && w.substr(n - 4) == "sses") return w.substr(0, n - 2);
    if (n > 3 && w.back() == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') return w.substr(0, n - 1);
    return w;
}

}  // namespace

std::string_view word_concept(std::string_view lower, std::string& scratch, bool* generic) {
    *generic = false;
    if (lower.empty()) return {};
    if (lower.size() <= 24) {
        const LexEntry& e = lookup_word(lower);
        switch (e.kind) {
            case LexKind::None: case LexKind::NameTrap: break;
            case LexKind::Place: *generic = true; return lower;  // a place narrows, but is never a head
            default: return {};  // numbers, scales, currencies, units, months, qualifiers, hedges, stop words
        }
    }
    if (in_list(kDropped, sizeof kDropped / sizeof *kDropped, lower)) return {};
    std::string_view w = synonym(lower);
    if (w == lower) w = synonym(singular(lower, scratch));
    *generic = in_list(kGeneric, sizeof kGeneric / sizeof *kGeneric, w);
    return w;
}

ConceptId ConceptPool::intern(std::string_view s) {
    auto it = ids_.find(std::string(s));
    if (it != ids_.end()) return it->second;
    const ConceptId id = (ConceptId)names_.size();
    names_.emplace_back(s);
    ids_.emplace(names_.back(), id);
    return id;
}

bool Subject::has(ConceptId c) const {
    auto it = std::lower_bound(concepts.begin(), concepts.end(), c,
                               [](const WeightedConcept& w, ConceptId id) { return w.id < id; });
    return it != concepts.end() && it->id == c;
}

//-------------------------------------------------------------------------------------------------
// [SECTION] Subjects
//-------------------------------------------------------------------------------------------------

namespace {

struct ConceptWord {
    ConceptId id = kNoConcept;
    bool generic = false;
};

// The concepts of words[from, to), phrases joined; dropped words leave no entry.
void word_concepts(const std::vector<Word>& words, size_t from, size_t to, ConceptPool& pool,
                   std::vector<ConceptWord>& out) {
    std::string scratch;
    for (size_t i = from; i < to; ++i) {
        if (i + 1 < to) {
            const Phrase* hit = nullptr;
            for (const Phrase& p : kPhrases)
                if (words[i].lower == p.first && words[i + 1].lower == p.second) { hit = &p; break; }
            if (hit) {
                if (*hit->concept) {
                    bool generic = false;
                    std::string_view c = word_concept(hit->concept, scratch, &generic);
                    out.push_back({pool.intern(c), generic});
                }
                ++i;
                continue;
            }
        }
        bool generic = false;
        std::string_view c = word_concept(words[i].lower, scratch, &generic);
        if (!c.empty()) out.push_back({pool.intern(c), generic});
    }
}

void add_concepts(Subject& s, const std::vector<ConceptWord>& cs, float weight) {
    for (const ConceptWord& c : cs) s.concepts.push_back({c.id, weight});
}

void add_modifiers(Subject& s, const std::vector<ConceptWord>& cs) {
    for (const ConceptWord& c : cs)
        if (!c.generic) s.modifiers.push_back(c.id);
}

ConceptId last_head(const std::vector<ConceptWord>& cs) {
    for (size_t i = cs.size(); i-- > 0;)
        if (!cs[i].generic) return cs[i].id;
    return kNoConcept;
}

// Sorts by id and keeps one entry per concept, the largest weight.
void normalise(Subject& s) {
    std::sort(s.concepts.begin(), s.concepts.end(), [](const WeightedConcept& a, const WeightedConcept& b) {
        return a.id != b.id ? a.id < b.id : a.weight > b.weight;
    });
    s.concepts.erase(std::unique(s.concepts.begin(), s.concepts.end(),
                                 [](const WeightedConcept& a, const WeightedConcept& b) { return a.id == b.id; }),
                     s.concepts.end());
    s.total = 0;
    for (const WeightedConcept& c : s.concepts) s.total += c.weight;
    std::sort(s.modifiers.begin(), s.modifiers.end());
    s.modifiers.erase(std::unique(s.modifiers.begin(), s.modifiers.end()), s.modifiers.end());
    s.modifiers.erase(std::remove(s.modifiers.begin(), s.modifiers.end(), s.head), s.modifiers.end());
    std::sort(s.names.begin(), s.names.end());
    s.names.erase(std::unique(s.names.begin(), s.names.end()), s.names.end());
}

// Index of the first word at or after byte `at`.
size_t word_at(const std::vector<Word>& words, uint32_t at) {
    return (size_t)(std::lower_bound(words.begin(), words.end(), at,
                                     [](const Word& w, uint32_t a) { return w.end <= a; }) - words.begin());
}

}  // namespace

Subject claim_subject(std::string_view text, const Claim& c, ConceptPool& pool) {
    Subject s;
    const uint32_t size = (uint32_t)text.size();
    if (c.start > c.end || c.end > size) return s;
    std::vector<Word> words;
    std::vector<ConceptWord> cs;

    // The sentence: context, and the proper names next to the figure.
    // (sentence_around() caps a long sentence at a byte count: drop the words it cut in half.)
    TextRange sent = sentence_around(text, c.start, c.end);
    auto in_word = [&](uint32_t at) { return at < size && ((unsigned char)text[at] >= 0x80 || std::isalnum((unsigned char)text[at])); };
    while (sent.start > 0 && sent.start < c.start && in_word(sent.start - 1) && in_word(sent.start)) ++sent.start;
    while (sent.end > c.end && in_word(sent.end) && in_word(sent.end - 1)) --sent.end;
    split_words(text, sent.start, sent.end, words);
    const size_t first_after = word_at(words, c.end);
    const size_t first_in = word_at(words, c.start);
    cs.clear();
    word_concepts(words, 0, first_in, pool, cs);
    word_concepts(words, first_after, words.size(), pool, cs);
    add_concepts(s, cs, kContextWeight);
    std::string scratch;
    const size_t near = 4;
    for (size_t i = first_in >= near ? first_in - near : 0; i < std::min(words.size(), first_after + near); ++i) {
        const Word& w = words[i];
        if (i >= first_in && i < first_after) continue;
        if (!w.capitalised || w.sentence_initial || (w.after_open_paren && w.before_close_paren)) continue;
        if (w.lower.size() == 1 && w.end < size && text[w.end] == '.') continue;  // "U.S.": an abbreviation
        if (w.lower.size() == 1) {  // "Firm A", "Plan B" (but not the pronoun I)
            if (w.lower != "i") s.names.push_back(pool.intern(w.lower));
            continue;
        }
        if (w.lower.size() <= 24 && lookup_word(w.lower).kind != LexKind::None) continue;  // places, months
        bool generic = false;
        if (word_concept(w.lower, scratch, &generic).empty()) continue;
        s.names.push_back(pool.intern(w.lower));
    }

    // The extractor's subject and counted noun: strong.
    ConceptId subject_head = kNoConcept, noun_head = kNoConcept, after_head = kNoConcept;
    if (c.subject_end > c.subject_start && c.subject_end <= size) {
        words.clear(); cs.clear();
        split_words(text, c.subject_start, c.subject_end, words);
        word_concepts(words, 0, words.size(), pool, cs);
        add_concepts(s, cs, kStrongWeight);
        add_modifiers(s, cs);
        subject_head = last_head(cs);
    }
    if (c.noun_end > c.noun_start && c.noun_end <= size) {
        words.clear(); cs.clear();
        split_words(text, c.noun_start, c.noun_end, words);
        word_concepts(words, 0, words.size(), pool, cs);
        add_concepts(s, cs, kStrongWeight);
        add_modifiers(s, cs);
        noun_head = last_head(cs);
    }
    // A count's noun phrase runs on after the number: "6,000 artificial intelligence (AI)
    // enterprises". Read up to six words, over a parenthesis, until a function word or punctuation.
    if (c.kind == ClaimKind::Count) {
        words.clear(); cs.clear();
        const size_t stop = std::min<size_t>(size, c.end + 120);
        size_t i = c.end, depth = 0;
        std::vector<Word> run;
        while (i < stop && run.size() < 6) {
            const unsigned char ch = (unsigned char)text[i];
            if (ch == '(') { ++depth; ++i; continue; }
            if (ch == ')') { if (depth) --depth; ++i; continue; }
            if (ch == ' ' || ch == '-' || ch == '\t') { ++i; continue; }
            char32_t cp;
            size_t n = decode(text, i, &cp);
            if (!word_char(cp)) {
                if (cp == 0x2011 || cp == 0x2010) { i += n; continue; }  // non-breaking hyphens
                break;
            }
            words.clear();
            size_t j = i;
            while (j < stop) { char32_t c2; size_t m = decode(text, j, &c2); if (!word_char(c2)) break; j += m; }
            split_words(text, i, j, words);
            if (words.empty()) break;  // a number
            const LexKind k = words[0].lower.size() <= 24 ? lookup_word(words[0].lower).kind : LexKind::None;
            if (depth == 0 && k != LexKind::None && k != LexKind::Place && k != LexKind::Unit) break;  // "in", "last"
            if (depth == 0) run.push_back(words[0]);
            i = j;
        }
        word_concepts(run, 0, run.size(), pool, cs);
        add_concepts(s, cs, kStrongWeight);
        add_modifiers(s, cs);
        after_head = last_head(cs);
    }
    s.head = after_head ? after_head : noun_head ? noun_head : subject_head;
    normalise(s);
    return s;
}

void merge_subject(Subject& into, const Subject& from, bool with_context) {
    into.modifiers.insert(into.modifiers.end(), from.modifiers.begin(), from.modifiers.end());
    for (const WeightedConcept& c : from.concepts)
        if (with_context || c.weight >= kStrongWeight) into.concepts.push_back(c);
    into.names.insert(into.names.end(), from.names.begin(), from.names.end());
    if (!into.head) into.head = from.head;
    normalise(into);
}

float subject_similarity(const Subject& a, const Subject& b) {
    // Shared concepts count their smaller weight; a concept only one side has counts fully if it is
    // strong (the subject says something the other's does not) and half if it is context.
    float shared = 0, only = 0;
    size_t i = 0, j = 0;
    auto lone = [](float w) { return w >= kStrongWeight ? w : w * 0.5f; };
    while (i < a.concepts.size() || j < b.concepts.size()) {
        if (j >= b.concepts.size() || (i < a.concepts.size() && a.concepts[i].id < b.concepts[j].id)) {
            only += lone(a.concepts[i++].weight);
        } else if (i >= a.concepts.size() || b.concepts[j].id < a.concepts[i].id) {
            only += lone(b.concepts[j++].weight);
        } else {
            const float wa = a.concepts[i++].weight, wb = b.concepts[j++].weight;
            shared += std::min(wa, wb);
            only += std::max(wa, wb) - std::min(wa, wb);
        }
    }
    return shared + only > 0 ? shared / (shared + only) : 0;
}

bool heads_compatible(const Subject& a, const Subject& b) {
    if (a.head && b.head) return a.head == b.head;
    if (!a.head && !b.head) return true;
    return a.head ? b.has(a.head) : a.has(b.head);
}

bool modifiers_compatible(const Subject& a, const Subject& b) {
    auto covered = [](const Subject& x, const Subject& y) {
        for (ConceptId m : x.modifiers)
            if (!y.has(m)) return false;
        return true;
    };
    return covered(a, b) || covered(b, a);
}

bool names_conflict(const Subject& a, const Subject& b) {
    if (a.names.empty() || b.names.empty()) return false;
    size_t i = 0, j = 0;
    while (i < a.names.size() && j < b.names.size()) {
        if (a.names[i] == b.names[j]) return false;
        if (a.names[i] < b.names[j]) ++i; else ++j;
    }
    return true;
}

}  // namespace detail
}  // namespace factlens
