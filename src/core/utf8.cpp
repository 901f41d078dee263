#include "utf8.h"

namespace factlens {

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

DecodedChar utf8_decode(std::string_view s, size_t pos) {
    const size_t n = s.size();
    if (pos >= n) return {kReplacementChar, 1, false};
    const unsigned char c0 = (unsigned char)s[pos];
    if (c0 < 0x80) return {c0, 1, true};
    int len;
    char32_t cp;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (rejects overlongs, surrogates)
    if (c0 >= 0xC2 && c0 <= 0xDF) { len = 2; cp = c0 & 0x1F; }
    else if (c0 >= 0xE0 && c0 <= 0xEF) {
        len = 3; cp = c0 & 0x0F;
        if (c0 == 0xE0) lo = 0xA0;
        if (c0 == 0xED) hi = 0x9F;
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        len = 4; cp = c0 & 0x07;
        if (c0 == 0xF0) lo = 0x90;
        if (c0 == 0xF4) hi = 0x8F;
    } else {
        return {kReplacementChar, 1, false};
    }
    if (pos + 1 >= n) return {kReplacementChar, 1, false};
    const unsigned char c1 = (unsigned char)s[pos + 1];
    if (c1 < lo || c1 > hi) return {kReplacementChar, 1, false};
    cp = (cp << 6) | (c1 & 0x3F);
    for (int i = 2; i < len; ++i) {
        if (pos + i >= n || !is_cont((unsigned char)s[pos + i])) return {kReplacementChar, i, false};
        cp = (cp << 6) | ((unsigned char)s[pos + i] & 0x3F);
    }
    return {cp, len, true};
}

void utf8_append(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
    if (cp < 0x80) {
        out += (char)cp;
    } else if (cp < 0x800) {
        out += (char)(0xC0 | (cp >> 6));
        out += (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += (char)(0xE0 | (cp >> 12));
        out += (char)(0x80 | ((cp >> 6) & 0x3F));
        out += (char)(0x80 | (cp & 0x3F));
    } else {
        out += (char)(0xF0 | (cp >> 18));
        out += (char)(0x80 | ((cp >> 12) & 0x3F));
        out += (char)(0x80 | ((cp >> 6) & 0x3F));
        out += (char)(0x80 | (cp & 0x3F));
    }
}

bool utf8_is_valid(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if ((unsigned char)s[i] < 0x80) { ++i; continue; }
        DecodedChar d = utf8_decode(s, i);
        if (!d.valid) return false;
        i += d.len;
    }
    return true;
}

std::string utf8_sanitize(std::string_view s, size_t* replaced_count) {
    size_t replaced = 0;
    std::string out;
    if (utf8_is_valid(s)) {
        out.assign(s);
    } else {
        out.reserve(s.size() + 16);
        for (size_t i = 0; i < s.size();) {
            DecodedChar d = utf8_decode(s, i);
            if (d.valid) out.append(s.substr(i, d.len));
            else { utf8_append(out, kReplacementChar); ++replaced; }
            i += d.len;
        }
    }
    if (replaced_count) *replaced_count = replaced;
    return out;
}

size_t utf8_floor_boundary(std::string_view s, size_t pos) {
    if (pos >= s.size()) return s.size();
    // A continuation byte is only "inside" a character if a valid lead byte owns it.
    for (size_t back = 0; back < 4 && back <= pos; ++back) {
        size_t start = pos - back;
        if (!is_cont((unsigned char)s[start]) || back == 3) {
            DecodedChar d = utf8_decode(s, start);
            if (start + d.len > pos) return start;
            return pos;
        }
    }
    return pos;
}

size_t utf8_ceil_boundary(std::string_view s, size_t pos) {
    if (pos >= s.size()) return s.size();
    size_t start = utf8_floor_boundary(s, pos);
    if (start == pos) return pos;
    return start + utf8_decode(s, start).len;
}

size_t utf8_count_code_points(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); i += utf8_decode(s, i).len) ++n;
    return n;
}

} // namespace factlens
