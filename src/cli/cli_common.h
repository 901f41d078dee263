// Shared by the factlens subcommands: reading files, naming articles, writing output safely.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "claim_writer.h"  // ByteBuffer

namespace factlens::cli {

// One subcommand: its name, a one-line summary for `factlens --help`, and its entry point
// (argv[0] is the subcommand's name). Returns the process exit code.
struct Subcommand {
    const char* name;
    const char* summary;
    int (*run)(int argc, char** argv);
};

// ---- Inputs -------------------------------------------------------------------------------------

// Reads a whole file ("-" reads standard input). On failure returns false with the reason in *why.
// The file is noted as an input (note_input), so that the output can never replace it.
bool read_all(const std::string& path, std::string* out, std::string* why);

// The article id of a file: its name without folder and extension ("stdin" for "-").
std::string article_id(const std::string& path);

// The largest article `factlens extract` reads: claim offsets are 32-bit, so 4 GiB - 1 bytes of
// (sanitised) text. A larger input is refused, never printed with wrong offsets.
constexpr uint64_t kMaxArticleBytes = 0xFFFFFFFFull;

// How long a named FIFO among the inputs may go without a writer before it is skipped: 10 s, or
// FACTLENS_FIFO_TIMEOUT seconds (a decimal number > 0) when that is set.
double fifo_timeout_seconds();

// An input opened for reading: a blocking descriptor; size is a regular file's size, else 0;
// pending holds bytes already read from a FIFO while waiting for its writer (they come first).
struct Input {
    int fd = -1;
    uint64_t size = 0;
    std::string pending;
};
// Opens an input ("-": standard input). Returns false with the reason in *why: cannot read
// (errno), "is a directory", a named FIFO with no writer within fifo_timeout_seconds() (it is
// opened with O_NONBLOCK, so the open itself never hangs), a regular file larger than
// kMaxArticleBytes (unless whole_article is false: a file of many articles). Close it with
// close_input() (standard input stays open).
bool open_input(const std::string& path, Input* in, std::string* why, bool whole_article = true);
void close_input(Input* in);

// Reads one article for `factlens extract` into *text, as UTF-8: every malformed sequence is replaced
// by U+FFFD in place while reading (as utf8_sanitize() does; *replaced counts them), so the text is
// the only copy of the file in memory. Returns "" or why the input is skipped, for a message
// "factlens: PATH: WHY": open_input()'s reasons, "binary file (NUL bytes)", "not UTF-8 text (...)"
// (judged on the first 64 KiB: a NUL byte, or more than a quarter of its bytes malformed), a text
// past kMaxArticleBytes, a read error. With replaced null (`factlens diff`, whose offsets are into
// the file) the same checks, and the bytes stay as they are, malformed UTF-8 included.
std::string read_article(const std::string& path, std::string* text, size_t* replaced);

// Article ids made unique across one run: the first "name" stays, later ones become "name-2",
// "name-3", ... (skipping ids already taken); each renaming is reported on stderr.
class ArticleIds {
public:
    std::string unique(const std::string& id, const std::string& where);

private:
    std::map<std::string, std::string> used_;  // id -> where it came from
};

// Records an input (its path and, when it exists, its device and inode): the output may not be it.
void note_input(const std::string& path);

// ---- Output -------------------------------------------------------------------------------------
//
// open_output(path) points standard output (fd 1) at the output: nothing to do for an empty path
// (standard output as given). Otherwise output goes to a new temporary file in the same folder
// (".NAME.<random>.tmp", created with O_CREAT|O_EXCL|O_NOFOLLOW, mode 0666 & ~umask), which
// commit_output() syncs and renames onto path; any other end removes it: discard_output(), a
// return from main or exit(), SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE and SIGABRT (the handler
// removes it and the signal then ends the process as it would have). A path that is a symlink to a
// regular file replaces that file and keeps the link; an existing device, FIFO or socket is
// written directly (no temporary file); a directory is refused.
//
// The output may not be an input (noted with note_input() or read through read_all()): the same
// path, or the same device and inode, also when standard output is redirected onto an input.
// SIGXFSZ is ignored, so a file-size limit is a write error like any other.
//
// Returns 0, 1 (cannot write; message printed) or 2 (the output is an input; message printed).
int open_output(const std::string& path);
// open_output() for callers that only know true/false: exits with status 2 itself when the output
// is an input.
bool begin_output(const std::string& path);
// Flushes stdio's stdout, checks it, and (with a path) syncs and renames the temporary file into
// place. A write error ends the process as output_failed() does; a failed rename prints why,
// removes the temporary file and returns false.
bool commit_output(const std::string& path);
void discard_output();

// A write to the output failed with errno err: standard output's reader has gone (EPIPE, when
// SIGPIPE is ignored) ends the process quietly with status 141, as SIGPIPE itself would; any other
// error prints "factlens: cannot write OUTPUT: reason" and exits with status 1. The temporary file
// is removed either way.
[[noreturn]] void output_failed(int err);

// Buffered output to fd 1 in whole records: the caller appends one record (one or more complete
// lines) to buf() and calls end_record(). Writes go out in chunks of about 1 MiB with write(2),
// each a run of whole records; when fd 1 is a pipe, FIFO, socket or terminal the chunks are at
// most PIPE_BUF bytes (4 KiB) of whole records, which the kernel writes atomically, so that
// processes sharing one pipe (xargs -P) never interleave inside a line. A record longer than that
// is written alone. Every write is checked (output_failed()).
class RecordWriter {
public:
    RecordWriter();
    ByteBuffer& buf() { return buf_; }
    void end_record() {
        if (buf_.size() >= limit_) spill();
        mark_ = buf_.size();
    }
    void flush();  // everything buffered
    bool to_pipe() const { return pipe_; }

private:
    void spill();
    ByteBuffer buf_;
    size_t limit_;
    size_t mark_ = 0;  // end of the last complete record in buf_
    bool pipe_ = false;
};

}  // namespace factlens::cli
