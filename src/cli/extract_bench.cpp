// extract_bench FILE: times extract_claims over a whole file held in memory, for scripts/bench.sh.
// Prints {"bytes":N,"seconds":S,"claims":K,"mb_per_s":X,"max_rss_kb":R}.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>

#include "claim.h"

int main(int argc, char** argv) {
    if (argc != 2) { std::fprintf(stderr, "usage: extract_bench FILE\n"); return 2; }
    std::ifstream f(argv[1], std::ios::binary);
    if (!f) { std::fprintf(stderr, "extract_bench: cannot read %s\n", argv[1]); return 1; }
    std::ostringstream ss;
    ss << f.rdbuf();
    const std::string text = ss.str();
    const auto t0 = std::chrono::steady_clock::now();
    const auto claims = factlens::extract_claims(text);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("{\"bytes\":%zu,\"seconds\":%.6f,\"claims\":%zu,\"mb_per_s\":%.2f,\"max_rss_kb\":%ld}\n", text.size(), s,
                claims.size(), text.size() / 1048576.0 / s, (long)ru.ru_maxrss);
    return 0;
}
