// diff_bench A B [RUNS]: times diff_words() on two files held in memory, for
// tests/bench/diff_bench.mjs. One untimed warm-up diff first (under node, wasm starts in V8's
// baseline compiler and hot functions are optimised in the background, as in a long-running
// page), then RUNS timed diffs (default 5). Prints one JSON line:
//   {"bytes_a":N,"bytes_b":M,"runs":R,"ms_median":X,"ms_min":X,"ms_max":X,"exact":true,
//    "level":"word","ops":K,"moves":K,"words_added":K,"words_removed":K,"words_moved":K,
//    "numbers_changed":K,"max_rss_kb":R}
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <vector>

#include "word_diff.h"

static bool read_file(const char* path, std::string* out) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) return false;
    out->assign((size_t)f.tellg(), '\0');
    f.seekg(0);
    f.read(out->data(), (std::streamsize)out->size());
    return (bool)f;
}

int main(int argc, char** argv) {
    if (argc < 3 || argc > 4) { std::fprintf(stderr, "usage: diff_bench A B [RUNS]\n"); return 2; }
    const int runs = argc == 4 ? std::max(1, std::atoi(argv[3])) : 5;
    std::string a, b;
    if (!read_file(argv[1], &a)) { std::fprintf(stderr, "diff_bench: cannot read %s\n", argv[1]); return 1; }
    if (!read_file(argv[2], &b)) { std::fprintf(stderr, "diff_bench: cannot read %s\n", argv[2]); return 1; }
    factlens::DiffResult r = factlens::diff_words(a, b);  // warm-up, untimed
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        r = factlens::diff_words(a, b);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    const factlens::DiffStats& s = r.stats;
    std::printf("{\"bytes_a\":%zu,\"bytes_b\":%zu,\"runs\":%d,\"ms_median\":%.3f,\"ms_min\":%.3f,\"ms_max\":%.3f,"
                "\"exact\":%s,\"level\":\"%s\",\"ops\":%zu,\"moves\":%u,\"words_added\":%u,\"words_removed\":%u,"
                "\"words_moved\":%u,\"numbers_changed\":%u,\"max_rss_kb\":%ld}\n",
                a.size(), b.size(), runs, median, sorted.front(), sorted.back(), r.exact ? "true" : "false", r.level,
                r.ops.size(), s.moves, s.words_added, s.words_removed, s.words_moved, s.numbers_changed,
                (long)ru.ru_maxrss);
    return 0;
}
