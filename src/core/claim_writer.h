// Claims written straight into a byte buffer as the CLI prints them (`factlens extract`): JSON Lines,
// the JSON array's elements and CSV rows, with and without `--to`. No JSON object is built: every
// string is escaped once, as it is copied, and numbers are formatted in place. claim_json.h's
// functions are thin wrappers around these; the fields, their order and the number format are the
// ones claim_json.h documents (the format nlohmann::json::dump() gave before, byte for byte, except
// that U+0085, U+2028 and U+2029 are now escaped).
//
//     ByteBuffer out;
//     append_claim_json(out, id, text, claim, nullptr);
//     out.push('\n');
//     write(fd, out.data(), out.size());
#pragma once
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include "claim.h"
#include "convert.h"

namespace factlens {

// A growable byte buffer that is not zero-filled: reserve room, write through a pointer, commit.
class ByteBuffer {
public:
    ByteBuffer() = default;
    ~ByteBuffer();
    ByteBuffer(const ByteBuffer&) = delete;
    ByteBuffer& operator=(const ByteBuffer&) = delete;

    const char* data() const { return buf_; }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }
    std::string_view view() const { return {buf_, size_}; }

    // Room for at least n more bytes; returns where they go (valid until the next ensure()).
    char* ensure(size_t n) {
        if (cap_ - size_ < n) grow(n);
        return buf_ + size_;
    }
    // After writing through ensure()'s pointer: p is one past the last byte written.
    void commit(char* p) { size_ = (size_t)(p - buf_); }
    void append(const char* s, size_t n) {
        if (!n) return;  // s may be null then (an empty string_view)
        std::memcpy(ensure(n), s, n);
        size_ += n;
    }
    void append(std::string_view s) { append(s.data(), s.size()); }
    void push(char c) { *ensure(1) = c; ++size_; }
    // Drops the first n bytes (what a writer has flushed), keeping the rest.
    void consume(size_t n);

private:
    void grow(size_t n);
    char* buf_ = nullptr;
    size_t size_ = 0, cap_ = 0;
};

// s as a JSON string literal, quotes included. Escaped as nlohmann::json escapes (", \, \b \t \n \f
// \r, other control characters as \u00XX in lower case) and also U+0085, U+2028 and U+2029 (as
// \u0085, \u2028, \u2029: readers that split lines on Unicode line breaks would cut the record
// there). Malformed UTF-8 becomes U+FFFD, one per maximal bad subpart (as utf8_sanitize() and
// nlohmann's error_handler_t::replace do). Everything else is copied as it is.
void append_json_string(ByteBuffer& out, std::string_view s);
// The same, appended to a std::string (the facts export, facts_io.cpp).
void append_json_string(std::string& out, std::string_view s);

// v as nlohmann::json prints a double: shortest round-trip digits, ".0" on whole numbers below
// 1e15 ("6000.0", "1200000000000.0", "9.2", "1e+15", "1.5e-05", "-0.0"); null when not finite.
void append_json_double(ByteBuffer& out, double v);

// One CSV field: quoted (with "" for ") when it holds a comma, a quote, CR or LF; bytes as they are.
void append_csv_field(ByteBuffer& out, std::string_view s);

// One claim, no line end. `conv` null: the fields of a plain `factlens extract` (JSON keys in sorted
// order, as claim_to_json(id, text, c)); otherwise the `--to` fields in the export's order (as
// claim_to_json(id, text, c, conv)).
void append_claim_json(ByteBuffer& out, std::string_view article_id, std::string_view text, const Claim& c,
                       const Conversion* conv);
void append_claim_csv(ByteBuffer& out, std::string_view article_id, std::string_view text, const Claim& c,
                      const Conversion* conv);

}  // namespace factlens
