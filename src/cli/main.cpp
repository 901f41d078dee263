// factlens: the command line tool. One file per subcommand (cmd_<name>.cpp); this file only
// dispatches. Exit codes, for every subcommand: 0 done; 1 some input could not be read or written
// (the rest is still processed); 2 usage error.
#include <cstdio>
#include <cstring>
#include <string>

#include "cli_common.h"

namespace factlens::cli {
int run_extract(int argc, char** argv);
int run_compare(int argc, char** argv);
int run_diff(int argc, char** argv);
}

using namespace factlens::cli;

static const Subcommand kSubcommands[] = {
    {"extract", "print every numeric claim found in text files", run_extract},
    {"compare", "line up the same facts across articles, with a verdict", run_compare},
    {"diff", "word-level diff of two texts, with moves", run_diff},
};

static int usage(const char* why) {
    if (why) std::fprintf(stderr, "factlens: %s\n", why);
    std::fprintf(stderr, "usage: factlens COMMAND [OPTIONS] FILE...   (factlens COMMAND --help for its options)\n");
    for (const Subcommand& c : kSubcommands) std::fprintf(stderr, "  %-10s %s\n", c.name, c.summary);
    return 2;
}

int main(int argc, char** argv) {
    if (argc < 2) return usage(nullptr);
    if (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) { usage(nullptr); return 0; }
    for (const Subcommand& c : kSubcommands)
        if (std::strcmp(argv[1], c.name) == 0) return c.run(argc - 1, argv + 1);
    return usage((std::string("unknown command \"") + argv[1] + "\"").c_str());
}
