// factlens diff [--format json|text] [--output FILE] [--no-moves] A B   ("-" reads standard input)
// Word-level diff of two texts (src/core/word_diff.h), with moved sentences and changed numbers.
// Exit codes: 0 done, whether or not the texts differ; 1 a file could not be read or the output
// not written; 2 usage error.
//
// JSON (one op per line):
//   {"exact": true, "level": "word", "bytes": {"a": 120, "b": 118},
//    "stats": {"words_added": 3, "words_removed": 2, "words_moved": 0, "numbers_changed": 1, ...},
//    "ops": [
//     {"op": "equal", "a": [0, 12], "b": [0, 12]},
//     {"op": "replace", "a": [12, 15], "b": [12, 15], "number": true},
//     {"op": "move", "a": [40, 90], "b": null, "pair": 7},
//     ...]}
// Offsets are UTF-8 byte offsets into the files as read (invalid UTF-8 is diffed as it is, not
// replaced). Ops with an "a" span tile A in list order, those with a "b" span tile B; the two ends
// of a move name each other in "pair" and cover identical bytes.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.h"
#include "utf8.h"
#include "word_diff.h"

namespace factlens::cli {

static int diff_usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens diff: %s\n", why);
    std::fprintf(stderr,
                 "usage: factlens diff [--format json|text] [--output FILE] [--no-moves] A B\n"
                 "  Word-level diff of text A (old) against text B (new): deletions, insertions,\n"
                 "  replacements, moved sentences and paragraphs, changed numbers. \"-\" reads\n"
                 "  standard input (for one of the two). JSON offsets are UTF-8 bytes of the inputs.\n");
    return 2;
}

static void print_json(const DiffResult& r, size_t bytes_a, size_t bytes_b) {
    const DiffStats& s = r.stats;
    std::printf("{\"exact\": %s, \"level\": \"%s\", \"bytes\": {\"a\": %zu, \"b\": %zu},\n", r.exact ? "true" : "false",
                r.level, bytes_a, bytes_b);
    std::printf(" \"stats\": {\"words_added\": %u, \"words_removed\": %u, \"words_moved\": %u, \"numbers_changed\": %u, "
                "\"numbers_added\": %u, \"numbers_removed\": %u, \"moves\": %u, \"words_a\": %u, \"words_b\": %u},\n",
                s.words_added, s.words_removed, s.words_moved, s.numbers_changed, s.numbers_added, s.numbers_removed,
                s.moves, s.words_a, s.words_b);
    std::fputs(" \"ops\": [", stdout);
    for (size_t i = 0; i < r.ops.size(); ++i) {
        const DiffOp& op = r.ops[i];
        std::printf("%s\n  {\"op\": \"%s\", ", i ? "," : "", diff_op_kind_name(op.kind));
        if (op.has_a()) std::printf("\"a\": [%u, %u], ", op.a_start, op.a_end);
        else std::fputs("\"a\": null, ", stdout);
        if (op.has_b()) std::printf("\"b\": [%u, %u]", op.b_start, op.b_end);
        else std::fputs("\"b\": null", stdout);
        if (op.move_pair >= 0) std::printf(", \"pair\": %d", op.move_pair);
        if (op.number) std::fputs(", \"number\": true", stdout);
        std::fputs("}", stdout);
    }
    std::fputs(r.ops.empty() ? "]}\n" : "\n ]}\n", stdout);
}

// Prints bytes for a terminal: invalid UTF-8 shows as U+FFFD.
static void put_text(std::string_view text, uint32_t start, uint32_t end) {
    const std::string clean = utf8_sanitize(text.substr(start, end - start));
    std::fwrite(clean.data(), 1, clean.size(), stdout);
}

static void print_text(const DiffResult& r, std::string_view a, std::string_view b, const std::string& name_a,
                       const std::string& name_b) {
    const DiffStats& s = r.stats;
    std::printf("--- %s\n+++ %s\n", name_a.c_str(), name_b.c_str());
    if (r.exact) std::printf("compared word by word\n");
    else std::printf("NOT EXACT: parts too costly to compare word by word were compared by %s\n", r.level);
    std::printf("words: %u removed, %u added, %u moved (%u move%s); numbers: %u changed, %u removed, %u added\n",
                s.words_removed, s.words_added, s.words_moved, s.moves, s.moves == 1 ? "" : "s", s.numbers_changed,
                s.numbers_removed, s.numbers_added);
    std::printf("marks: [-deleted-] {+inserted+} [~moved from~] {~moved to~}\n\n");
    // Moves are numbered in order of their destination.
    std::vector<int> move_number(r.ops.size(), 0);
    int moves = 0;
    for (size_t i = 0; i < r.ops.size(); ++i)
        if (r.ops[i].kind == DiffOpKind::Move && r.ops[i].has_b()) {
            move_number[i] = ++moves;
            move_number[r.ops[i].move_pair] = moves;
        }
    for (size_t i = 0; i < r.ops.size(); ++i) {
        const DiffOp& op = r.ops[i];
        switch (op.kind) {
            case DiffOpKind::Equal: put_text(b, op.b_start, op.b_end); break;
            case DiffOpKind::Delete: std::fputs("[-", stdout); put_text(a, op.a_start, op.a_end); std::fputs("-]", stdout); break;
            case DiffOpKind::Insert: std::fputs("{+", stdout); put_text(b, op.b_start, op.b_end); std::fputs("+}", stdout); break;
            case DiffOpKind::Replace:
                std::fputs("[-", stdout); put_text(a, op.a_start, op.a_end);
                std::fputs("-]{+", stdout); put_text(b, op.b_start, op.b_end); std::fputs("+}", stdout);
                break;
            case DiffOpKind::Move:
                if (op.has_a()) {
                    std::printf("[~#%d moved away: ", move_number[i]);
                    put_text(a, op.a_start, op.a_end);
                    std::fputs("~]", stdout);
                } else {
                    std::printf("{~#%d moved here: ", move_number[i]);
                    put_text(b, op.b_start, op.b_end);
                    std::fputs("~}", stdout);
                }
                break;
        }
    }
    if (!b.empty() && b.back() != '\n') std::fputs("\n", stdout);
}

int run_diff(int argc, char** argv) {
    std::string format = "json";
    std::string output;  // empty: standard output
    std::vector<std::string> files;
    DiffDesc desc;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") { diff_usage(nullptr); return 0; }
        if (arg == "--format") {
            if (i + 1 >= argc) return diff_usage("--format needs a value");
            format = argv[++i];
        } else if (arg.rfind("--format=", 0) == 0) {
            format = arg.substr(9);
        } else if (arg == "--output" || arg == "-o") {
            if (i + 1 >= argc) return diff_usage("--output needs a file name");
            output = argv[++i];
        } else if (arg == "--no-moves") {
            desc.detect_moves = false;
        } else if (arg.size() > 1 && arg[0] == '-') {
            return diff_usage(("unknown option " + arg).c_str());
        } else {
            files.push_back(arg);
        }
    }
    if (format != "json" && format != "text") return diff_usage("--format must be json or text");
    if (files.size() != 2) return diff_usage("needs exactly two files, A (old) and B (new)");
    if (files[0] == "-" && files[1] == "-") return diff_usage("only one of A and B can be standard input");

    // Checked as `factlens extract` checks articles: a directory, a writerless FIFO, a binary file or
    // an input past 4 GiB is refused with a message. The bytes stay as they are (offsets are into
    // the files; malformed UTF-8 is diffed as it is).
    std::string text[2];
    for (int k = 0; k < 2; ++k) note_input(files[k]);
    for (int k = 0; k < 2; ++k) {
        if (std::string why = read_article(files[k], &text[k], nullptr); !why.empty()) {
            std::fprintf(stderr, "factlens: %s: %s\n", files[k].c_str(), why.c_str());
            return 1;
        }
    }
    const DiffResult r = diff_words(text[0], text[1], desc);
    if (!begin_output(output)) return 1;
    if (format == "json") print_json(r, text[0].size(), text[1].size());
    else print_text(r, text[0], text[1], files[0], files[1]);
    if (!commit_output(output)) return 1;
    return 0;
}

}  // namespace factlens::cli
