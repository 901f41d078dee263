// Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp): invariant checks that abort with a
// message (libFuzzer then saves the input as a crash), switchable checks for known bugs, and small
// helpers (an RFC 4180 reader, UTF-8 validity, a stable hash of the input).
//
// Two kinds of check:
//   FUZZ_CHECK(cond, what)          always fatal.
//   FUZZ_KNOWN(name, cond, what)    a check whose fix has not landed yet: fatal only when the
//                                   environment variable FACTLENS_FUZZ_STRICT is "1" (or "all") or
//                                   a comma-separated list that names it, else reported once per
//                                   process on stderr. `name` is a short name (scripts/fuzz.sh
//                                   lists them).
// Once the fix lands, turn the FUZZ_KNOWN into a FUZZ_CHECK.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rates.h"

namespace fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* cond, const std::string& what) {
    std::fprintf(stderr, "\n==FUZZ INVARIANT== %s:%d: %s\n  failed: %s\n", file, line, what.c_str(), cond);
    std::fflush(stderr);
    std::abort();
}

// FACTLENS_FUZZ_STRICT: unset, empty or "0": no known check is fatal; "1" or "all": every one is;
// else a comma-separated list of the names that are ("overlap,bounds").
inline bool strict(const char* name) {
    static const std::string s = [] {
        const char* e = std::getenv("FACTLENS_FUZZ_STRICT");
        return std::string(e && std::strcmp(e, "0") != 0 ? e : "");
    }();
    if (s.empty()) return false;
    if (s == "1" || s == "all") return true;
    const std::string list = "," + s + ",";
    return list.find("," + std::string(name) + ",") != std::string::npos;
}

// A known bug seen: fatal when strict for it, else said once per name.
inline void known(const char* name, const char* file, int line, const char* cond, const std::string& what) {
    if (strict(name)) fail(file, line, cond, std::string("[") + name + "] " + what);
    static std::set<std::string> seen;
    if (seen.insert(name).second)
        std::fprintf(stderr, "==FUZZ KNOWN== [%s] %s:%d: %s (fatal with FACTLENS_FUZZ_STRICT=1 or =%s)\n", name, file,
                     line, what.c_str(), name);
}

}  // namespace fuzz

#define FUZZ_CHECK(cond, what)                                          \
    do {                                                                \
        if (!(cond)) ::fuzz::fail(__FILE__, __LINE__, #cond, (what));   \
    } while (0)
#define FUZZ_KNOWN(name, cond, what)                                            \
    do {                                                                        \
        if (!(cond)) ::fuzz::known((name), __FILE__, __LINE__, #cond, (what));  \
    } while (0)

namespace fuzz {

// A rate table of one source, from a harness' own fixture in the reference JSON format
// (assets/cny_reference_rates.json's): a fixture that does not load is the harness' bug.
inline factlens::RateTable rate_table(const char* reference_json) {
    factlens::RateTable t;
    factlens::RateSource s;
    std::string why;
    if (!factlens::load_reference_rates(reference_json, "fuzz rates", &s, &why)) fail(__FILE__, __LINE__, "load_reference_rates", why);
    t.sources.push_back(std::move(s));
    return t;
}

// FNV-1a: a stable function of the input, to derive options (dates, flags) from it without taking
// bytes away from the text, so that a seed is plain text and a crash file reproduces as it is.
inline uint64_t hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

// Printable excerpt for messages: at most 120 bytes, escaped.
inline std::string show(std::string_view s) {
    std::string o = "\"";
    for (size_t i = 0; i < s.size() && i < 120; ++i) {
        const unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') { o += '\\'; o += (char)c; }
        else if (c >= 0x20 && c < 0x7f) o += (char)c;
        else { char b[8]; std::snprintf(b, sizeof b, "\\x%02X", c); o += b; }
    }
    if (s.size() > 120) o += "...";
    return o + "\"";
}

inline std::string num(double v) {
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    return b;
}

// Length of the valid UTF-8 sequence at s[i] (1-4), or 0 if the bytes there are not one.
inline size_t utf8_seq(std::string_view s, size_t i) {
    const unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        const unsigned char d = (unsigned char)s[i + k];
        if ((d & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

inline bool valid_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8_seq(s, i);
        if (!n) return false;
        i += n;
    }
    return true;
}

// Whether offset p of s cuts a valid multi-byte UTF-8 sequence in two.
inline bool splits_char(std::string_view s, size_t p) {
    if (p == 0 || p >= s.size()) return false;
    for (size_t back = 1; back <= 3 && back <= p; ++back) {
        const size_t n = utf8_seq(s, p - back);
        if (n > back) return true;
        if ((((unsigned char)s[p - back]) & 0xC0) != 0x80) break;  // a lead byte or ASCII: stop
    }
    return false;
}

// Where the JSON text holds a raw U+0085, U+2028 or U+2029 (line breaks for Unicode-aware line
// readers), or npos.
inline size_t raw_unicode_newline(std::string_view s) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        const unsigned char c = (unsigned char)s[i], d = (unsigned char)s[i + 1];
        if (c == 0xC2 && d == 0x85) return i;
        if (c == 0xE2 && d == 0x80 && i + 2 < s.size() && ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
            return i;
    }
    return std::string_view::npos;
}

// RFC 4180: records of fields; quoted fields may hold , " and line breaks. Line ends are CRLF when
// crlf, else LF (a CR right before the LF is then tolerated). Sets *ok false on a malformed record
// (an unclosed quote, a quote inside an unquoted field, bytes after a closing quote, a bare CR or,
// with crlf, a bare LF).
inline std::vector<std::vector<std::string>> parse_csv(std::string_view s, bool crlf, bool* ok) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> rec;
    std::string field;
    bool in_field = false;  // bytes of the current field seen (or it was quoted)
    bool in_record = false; // anything of the current record seen
    *ok = true;
    size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' && !in_field) {
            ++i;
            bool closed = false;
            while (i < s.size()) {
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') { field += '"'; i += 2; continue; }
                    ++i;
                    closed = true;
                    break;
                }
                field += s[i++];
            }
            if (!closed) { *ok = false; return records; }
            if (i < s.size() && s[i] != ',' && s[i] != '\r' && s[i] != '\n') { *ok = false; return records; }
            in_field = in_record = true;
        } else if (c == ',') {
            rec.push_back(field);
            field.clear();
            in_field = false;
            in_record = true;
            ++i;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r') {
                if (i + 1 >= s.size() || s[i + 1] != '\n') { *ok = false; return records; }
                ++i;
            } else if (crlf) {
                *ok = false;
                return records;
            }
            ++i;
            rec.push_back(field);
            field.clear();
            records.push_back(rec);
            rec.clear();
            in_field = in_record = false;
        } else {
            if (c == '"') { *ok = false; return records; }
            field += c;
            in_field = in_record = true;
            ++i;
        }
    }
    if (in_record) {
        rec.push_back(field);
        records.push_back(rec);
    }
    return records;
}

}  // namespace fuzz
