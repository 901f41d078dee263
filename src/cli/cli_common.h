// Shared by the factlens subcommands: reading files, naming articles, writing output safely.
#pragma once
#include <cstdio>
#include <string>

namespace factlens::cli {

// One subcommand: its name, a one-line summary for `factlens --help`, and its entry point
// (argv[0] is the subcommand's name). Returns the process exit code.
struct Subcommand {
    const char* name;
    const char* summary;
    int (*run)(int argc, char** argv);
};

// Reads a whole file ("-" reads standard input). On failure returns false with the reason in *why.
bool read_all(const std::string& path, std::string* out, std::string* why);

// The article id of a file: its name without folder and extension ("stdin" for "-").
std::string article_id(const std::string& path);

// Redirects standard output to `path + ".tmp"` (nothing when path is empty), so that a failed run
// never leaves half a file behind; commit_output() renames it into place. Both print their own error.
bool begin_output(const std::string& path);
bool commit_output(const std::string& path);

}  // namespace factlens::cli
