#include "cli_common.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "utf8.h"

namespace factlens::cli {

// ---- Inputs noted, for the output check ---------------------------------------------------------

namespace {
struct InputId {
    std::string path;
    bool known = false;  // dev/ino valid
    dev_t dev = 0;
    ino_t ino = 0;
};
std::vector<InputId>& inputs() {
    static std::vector<InputId> v;
    return v;
}
}  // namespace

void note_input(const std::string& path) {
    InputId id;
    id.path = path;
    struct stat st;
    if ((path == "-" ? fstat(0, &st) : stat(path.c_str(), &st)) == 0) {
        id.known = true;
        id.dev = st.st_dev;
        id.ino = st.st_ino;
    }
    inputs().push_back(std::move(id));
}

bool read_all(const std::string& path, std::string* out, std::string* why) {
    note_input(path);
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        *out = ss.str();
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) { *why = std::strerror(errno); return false; }
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) { *why = "read error"; return false; }
    *out = ss.str();
    return true;
}

std::string article_id(const std::string& path) {
    if (path == "-") return "stdin";
    size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

std::string ArticleIds::unique(const std::string& id, const std::string& where) {
    auto [it, fresh] = used_.emplace(id, where);
    if (fresh) return id;
    std::string name;
    for (unsigned k = 2;; ++k) {
        name = id + "-" + std::to_string(k);
        if (used_.emplace(name, where).second) break;
    }
    std::fprintf(stderr, "factlens: %s: article id \"%s\" is already used by %s; renamed \"%s\"\n", where.c_str(),
                 id.c_str(), it->second.c_str(), name.c_str());
    return name;
}

// ---- Opening and reading inputs -------------------------------------------------------------------

double fifo_timeout_seconds() {
    if (const char* s = std::getenv("FACTLENS_FIFO_TIMEOUT")) {
        char* end = nullptr;
        const double v = std::strtod(s, &end);
        if (end != s && *end == '\0' && v > 0 && v < 1e6) return v;
    }
    return 10;
}

static std::string too_large(uint64_t bytes) {
    return "is " + std::to_string(bytes) + " bytes or more: larger than 4 GiB - 1 (" + std::to_string(kMaxArticleBytes) +
           " bytes), the most factlens extract reads as one article (split it)";
}

// A named FIFO: waits until a writer has opened it, polling every 100 ms up to the timeout. With
// nothing to read, read() on an O_NONBLOCK FIFO fails with EAGAIN while a writer is connected and
// returns 0 while none is; poll() says POLLHUP once a writer has come and gone. A byte read while
// probing goes to *pending. Returns "" or why the FIFO is skipped.
static std::string wait_for_writer(int fd, std::string* pending) {
    const double timeout = fifo_timeout_seconds();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    for (;;) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 0) > 0 && (p.revents & (POLLIN | POLLHUP))) return "";  // data, or a writer has been and gone
        char probe;
        const ssize_t r = read(fd, &probe, 1);
        if (r > 0) { pending->assign(1, probe); return ""; }  // a write since poll()
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return "";  // a writer, silent so far
        if (r < 0 && errno != EINTR) return std::string("cannot read: ") + std::strerror(errno);
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%g", timeout);
            return std::string("a FIFO with no writer after ") + buf + " s (FACTLENS_FIFO_TIMEOUT), skipped";
        }
        poll(&p, 1, (int)std::min<long long>(left, 100));
    }
}

bool open_input(const std::string& path, Input* in, std::string* why, bool whole_article) {
    *in = Input();
    int fd = 0;
    const bool own = path != "-";
    if (own) {
        fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) { *why = std::string("cannot read: ") + std::strerror(errno); return false; }
    }
    in->fd = fd;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = std::string("cannot read: ") + std::strerror(errno);
        close_input(in);
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        *why = "is a directory, skipped";
        close_input(in);
        return false;
    }
    if (S_ISREG(st.st_mode)) {
        if (whole_article && (uint64_t)st.st_size > kMaxArticleBytes) {
            *why = too_large((uint64_t)st.st_size) + ", skipped";
            close_input(in);
            return false;
        }
        in->size = (uint64_t)st.st_size;
    }
    if (own && S_ISFIFO(st.st_mode)) {
        if (std::string w = wait_for_writer(fd, &in->pending); !w.empty()) {
            *why = w;
            close_input(in);
            return false;
        }
    }
    if (own) {
        const int fl = fcntl(fd, F_GETFL);
        if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    return true;
}

void close_input(Input* in) {
    if (in->fd > 0) close(in->fd);
    in->fd = -1;
}

// read(2) that waits for data on a non-blocking descriptor (standard input may be one) and
// retries after a signal. Returns bytes read, 0 at the end, -1 with errno.
static ssize_t read_some(int fd, char* p, size_t n) {
    for (;;) {
        const ssize_t r = read(fd, p, n);
        if (r >= 0) return r;
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            struct pollfd pf = {fd, POLLIN, 0};
            poll(&pf, 1, -1);
            continue;
        }
        return -1;
    }
}

static constexpr size_t kSniffBytes = 64 << 10;

// "" or why the first bytes of a file say it is not text.
static std::string sniff_binary(std::string_view s) {
    if (s.size() >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
        return "UTF-16 text (convert it to UTF-8 first, e.g. iconv -f UTF-16 -t UTF-8), skipped";
    if (std::memchr(s.data(), '\0', s.size())) return "binary file (NUL bytes in the first 64 KiB), skipped";
    size_t bad = 0;
    for (size_t i = 0; i < s.size();) {
        if ((unsigned char)s[i] < 0x80) { ++i; continue; }
        const DecodedChar d = utf8_decode(s, i);
        if (!d.valid) bad += (size_t)d.len;
        i += (size_t)d.len;
    }
    if (s.size() >= 16 && bad * 4 > s.size())
        return "not UTF-8 text (" + std::to_string(bad * 100 / s.size()) +
               "% of the first 64 KiB is malformed UTF-8: binary, or another encoding), skipped";
    return "";
}

static bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// Where a chunk that may continue can safely be cut: before a trailing lead byte whose sequence is
// not complete yet (a lead byte always starts a sequence of its own, so decoding the rest later
// gives what decoding the whole would).
static size_t safe_end(const std::string& t, size_t from, size_t len) {
    for (size_t k = 1; k <= 4 && k <= len - from; ++k) {
        const unsigned char b = (unsigned char)t[len - k];
        if (is_cont(b)) continue;
        if (b >= 0xC0) {
            const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            if (need > k) return len - k;
        }
        break;
    }
    return len;
}

// First malformed byte in t[from, end), or end.
static size_t first_malformed(const std::string& t, size_t from, size_t end) {
    const std::string_view s(t.data(), end);
    size_t i = from;
    while (i < end) {
        // Eight ASCII bytes at a time.
        while (i + 8 <= end) {
            uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= end) break;
        if ((unsigned char)s[i] < 0x80) { ++i; continue; }
        const DecodedChar d = utf8_decode(s, i);
        if (!d.valid) return i;
        i += (size_t)d.len;
    }
    return end;
}

// Sanitises t[from, *len) in place (all of it when eof, else up to safe_end()); returns the end of
// the sanitised part. Text after it (an incomplete last sequence) stays as read.
static size_t sanitize_tail(std::string* t, size_t from, size_t* len, bool eof, size_t* replaced) {
    const size_t end = eof ? *len : safe_end(*t, from, *len);
    const size_t bad = first_malformed(*t, from, end);
    if (bad == end) return end;
    const std::string rest(t->data() + bad, *len - bad);
    size_t n = 0;
    const std::string fixed = utf8_sanitize(std::string_view(rest.data(), end - bad), &n);
    *replaced += n;
    t->resize(bad);
    t->append(fixed);
    const size_t done = t->size();
    t->append(rest, end - bad, std::string::npos);
    *len = t->size();
    return done;
}

std::string read_article(const std::string& path, std::string* text, size_t* replaced) {
    if (replaced) *replaced = 0;
    text->clear();
    Input in;
    std::string why;
    if (!open_input(path, &in, &why)) return why;
    struct Closer { Input* in; ~Closer() { close_input(in); } } closer{&in};
    const int fd = in.fd;
    const uint64_t size = in.size;

    size_t len = 0;      // bytes in *text (its size() is the room to read into)
    size_t checked = 0;  // *text[0, checked) is well-formed UTF-8
    uint64_t raw = 0;    // bytes read
    bool sniffed = false, eof = false;
    if (size >= (8u << 20)) {
        // A large file: the buffer in 2 MiB pages where the kernel allows them on request
        // (transparent_hugepage=madvise, Debian's default). Asked before the buffer is first
        // touched, it is faulted in 2 MiB at a time instead of 4 KiB (16,000 faults fewer for 64 MB)
        // and the extractor's pass over it misses the TLB less: about 7 % of the whole run.
        text->reserve(size + 1);
        const uintptr_t huge = 2u << 20, from = ((uintptr_t)text->data() + huge - 1) & ~(huge - 1);
        const uintptr_t to = ((uintptr_t)text->data() + size + 1) & ~(huge - 1);
        if (to > from) madvise((void*)from, to - from, MADV_HUGEPAGE);  // a hint: failure changes nothing
    }
    text->resize(size ? size + 1 : (1 << 20));  // a regular file in one allocation (+1 sees EOF)
    if (!in.pending.empty()) {
        std::memcpy(&(*text)[0], in.pending.data(), in.pending.size());
        len = raw = in.pending.size();
    }
    while (!eof) {
        if (len == text->size()) text->resize(text->size() + std::max<size_t>(1 << 20, text->size() / 2));
        // The first 64 KiB alone, so that a binary file is judged before the rest is read.
        size_t want = text->size() - len;
        if (!sniffed && len < kSniffBytes) want = std::min(want, kSniffBytes - len);
        const ssize_t r = read_some(fd, &(*text)[len], want);
        if (r < 0) return std::string("cannot read: ") + std::strerror(errno) + ", skipped";
        if (r == 0) eof = true;
        len += (size_t)r;
        raw += (uint64_t)r;
        if (raw > kMaxArticleBytes) return too_large(raw) + ", skipped";
        if (!sniffed && (eof || len >= kSniffBytes)) {
            sniffed = true;
            if (std::string w = sniff_binary(std::string_view(text->data(), std::min(len, kSniffBytes))); !w.empty()) return w;
        }
        if (sniffed && replaced) checked = sanitize_tail(text, checked, &len, eof, replaced);
    }
    text->resize(len);
    if (len > kMaxArticleBytes) return "is larger than 4 GiB - 1 bytes once malformed UTF-8 is replaced, skipped";
    return "";
}

// ---- Output --------------------------------------------------------------------------------------

namespace {

volatile sig_atomic_t g_tmp_live = 0;  // g_tmp_path exists and is ours
char g_tmp_path[PATH_MAX + 64];
std::string g_target;        // what the temporary file becomes
std::string g_output_name = "standard output";
const int kCleanupSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGABRT};

void remove_tmp() {
    if (g_tmp_live) {
        unlink(g_tmp_path);
        g_tmp_live = 0;
    }
}

extern "C" void on_fatal_signal(int sig) {
    if (g_tmp_live) unlink(g_tmp_path);  // async-signal-safe
    g_tmp_live = 0;
    // SA_RESETHAND restored the default action; the signal is blocked until we return, then ends
    // the process as it would have without us.
    raise(sig);
}

void install_cleanup() {
    static bool done = false;
    if (done) return;
    done = true;
    std::atexit([] { remove_tmp(); });
    for (int sig : kCleanupSignals) {
        struct sigaction old;
        if (sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;  // keep ignored ones ignored
        struct sigaction sa;
        std::memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(sig, &sa, nullptr);
    }
}

sigset_t cleanup_set() {
    sigset_t s;
    sigemptyset(&s);
    for (int sig : kCleanupSignals) sigaddset(&s, sig);
    return s;
}

std::string random_suffix() {
    unsigned char b[9];
    if (getrandom(b, sizeof b, GRND_NONBLOCK) != (ssize_t)sizeof b) {
        // No entropy yet (early boot): time and pid still make collisions unlikely, and O_EXCL
        // makes them harmless.
        const uint64_t t = (uint64_t)std::chrono::steady_clock::now().time_since_epoch().count() ^ ((uint64_t)getpid() << 32);
        for (size_t i = 0; i < sizeof b; ++i) b[i] = (unsigned char)(t >> (8 * (i % 8))) ^ (unsigned char)(i * 77);
    }
    static const char kAlnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string s;
    for (unsigned char c : b) {
        s += kAlnum[c % 62];
        s += kAlnum[(c / 62 + c * 7) % 62];
    }
    return s.substr(0, 12);
}

// Which noted input the output is, or nullptr.
const InputId* same_as_input(const std::string& path, const struct stat* st) {
    for (const InputId& in : inputs()) {
        if (!path.empty() && in.path == path) return &in;
        if (st && in.known && in.dev == st->st_dev && in.ino == st->st_ino) return &in;
    }
    return nullptr;
}

std::string input_name(const InputId& in) { return in.path == "-" ? "standard input" : in.path; }

}  // namespace

int open_output(const std::string& path) {
    signal(SIGXFSZ, SIG_IGN);  // a file-size limit becomes EFBIG, reported like any write error
    g_output_name = path.empty() ? "standard output" : path;
    if (path.empty()) {
        struct stat st;
        if (fstat(1, &st) == 0 && S_ISREG(st.st_mode))
            if (const InputId* in = same_as_input("", &st)) {
                std::fprintf(stderr, "factlens: standard output is the input %s: refusing to write over it\n",
                             input_name(*in).c_str());
                return 2;
            }
        return 0;
    }
    struct stat st;
    const bool exists = stat(path.c_str(), &st) == 0;
    if (!exists && errno != ENOENT) {
        std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
        return 1;
    }
    if (const InputId* in = same_as_input(path, exists ? &st : nullptr)) {
        std::fprintf(stderr, "factlens: --output %s is the input %s: refusing to write over it\n", path.c_str(),
                     input_name(*in).c_str());
        return 2;
    }
    std::string target = path;
    if (exists) {
        if (S_ISDIR(st.st_mode)) {
            std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(EISDIR));
            return 1;
        }
        if (!S_ISREG(st.st_mode)) {
            // A device, FIFO or socket (/dev/null, /dev/stdout onto a pipe): nothing to replace.
            const int fd = open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd < 0 || (fd != 1 && dup2(fd, 1) < 0)) {
                std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
                return 1;
            }
            if (fd != 1) close(fd);
            return 0;
        }
        // A symlink to a file: replace the file, keep the link.
        if (char* real = realpath(path.c_str(), nullptr)) {
            target = real;
            std::free(real);
        }
    }
    const size_t slash = target.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : target.substr(0, slash);
    std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
    if (base.size() > 200) base.resize(200);
    install_cleanup();
    const sigset_t block = cleanup_set();
    for (int attempt = 0;; ++attempt) {
        const std::string tmp = dir + "/." + base + "." + random_suffix() + ".tmp";
        if (tmp.size() >= sizeof g_tmp_path) {
            std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(ENAMETOOLONG));
            return 1;
        }
        sigset_t old;
        sigprocmask(SIG_BLOCK, &block, &old);
        const int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0666);
        const int err = errno;
        if (fd >= 0) {
            std::memcpy(g_tmp_path, tmp.c_str(), tmp.size() + 1);
            g_tmp_live = 1;
        }
        sigprocmask(SIG_SETMASK, &old, nullptr);
        if (fd < 0) {
            if (err == EEXIST && attempt < 100) continue;
            std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(err));
            return 1;
        }
        if (fd != 1) {
            if (dup2(fd, 1) < 0) {
                const int e = errno;
                close(fd);
                remove_tmp();
                std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(e));
                return 1;
            }
            close(fd);
        }
        g_target = target;
        return 0;
    }
}

bool begin_output(const std::string& path) {
    const int code = open_output(path);
    if (code == 2) std::exit(2);
    return code == 0;
}

void discard_output() { remove_tmp(); }

[[noreturn]] void output_failed(int err) {
    remove_tmp();
    if (err == EPIPE) _exit(141);  // the reader has gone: quietly, as SIGPIPE would (128 + 13)
    std::fprintf(stderr, "factlens: cannot write %s: %s\n", g_output_name.c_str(), std::strerror(err ? err : EIO));
    std::fflush(stderr);
    _exit(1);  // not exit(): stdio would try to flush stdout's buffer again
}

bool commit_output(const std::string& path) {
    errno = 0;
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) output_failed(errno);
    if (path.empty() || !g_tmp_live) return true;
    // Not fsync'ed (as sort -o, sed -i, gzip): the rename is atomic for other processes; a crash of
    // the machine may still lose recent writes. close() reports what a network file system defers.
    if (close(1) != 0 && errno != EINTR) output_failed(errno);
    if (const int null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC); null_fd >= 0 && null_fd != 1) {
        dup2(null_fd, 1);  // keep fd 1 taken: nothing else may land in whatever is opened next
        close(null_fd);
    }
    const sigset_t block = cleanup_set();
    sigset_t old;
    sigprocmask(SIG_BLOCK, &block, &old);
    const bool ok = std::rename(g_tmp_path, g_target.c_str()) == 0;
    const int err = errno;
    if (ok) g_tmp_live = 0;
    else remove_tmp();
    sigprocmask(SIG_SETMASK, &old, nullptr);
    if (!ok) {
        std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(err));
        return false;
    }
    return true;
}

// ---- RecordWriter ------------------------------------------------------------------------------------

static void write_all(const char* p, size_t n) {
    while (n) {
        const ssize_t w = write(1, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            output_failed(errno);
        }
        if (w == 0) output_failed(EIO);
        p += w;
        n -= (size_t)w;
    }
}

RecordWriter::RecordWriter() {
    struct stat st;
    pipe_ = (fstat(1, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) || isatty(1);
    limit_ = pipe_ ? PIPE_BUF : (1 << 20);
    buf_.ensure(limit_ + (64 << 10));
}

void RecordWriter::spill() {
    if (pipe_) {
        if (buf_.size() > PIPE_BUF && mark_ > 0) {
            write_all(buf_.data(), mark_);  // whole records, <= PIPE_BUF: one atomic write
            buf_.consume(mark_);
            mark_ = 0;
        }
        if (buf_.size() < PIPE_BUF) return;
    }
    write_all(buf_.data(), buf_.size());
    buf_.clear();
    mark_ = 0;
}

void RecordWriter::flush() {
    if (!buf_.empty()) write_all(buf_.data(), buf_.size());
    buf_.clear();
    mark_ = 0;
}

}  // namespace factlens::cli
