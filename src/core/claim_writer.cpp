#include "claim_writer.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <nlohmann/json.hpp>  // nlohmann::detail::to_chars: the digits json::dump() prints

#include "claim_json.h"  // day_to_iso, convert_status_name, explain_conversion via convert.h

namespace factlens {

// ---- ByteBuffer ----------------------------------------------------------------------------------

ByteBuffer::~ByteBuffer() { std::free(buf_); }

void ByteBuffer::grow(size_t n) {
    size_t cap = cap_ ? cap_ : 4096;
    while (cap - size_ < n) {
        if (cap > SIZE_MAX / 2) throw std::bad_alloc();
        cap *= 2;
    }
    char* p = (char*)std::realloc(buf_, cap);
    if (!p) throw std::bad_alloc();
    buf_ = p;
    cap_ = cap;
}

void ByteBuffer::consume(size_t n) {
    if (n >= size_) { size_ = 0; return; }
    std::memmove(buf_, buf_ + n, size_ - n);
    size_ -= n;
}

// ---- Pieces --------------------------------------------------------------------------------------

namespace {

template <size_t N>
inline void lit(ByteBuffer& o, const char (&s)[N]) { o.append(s, N - 1); }

// 0: copied as it is; 1: an ASCII byte that is escaped; 2: the start of a multi-byte sequence (or
// a stray byte), decoded.
struct EscapeClass {
    unsigned char c[256];
    constexpr EscapeClass() : c() {
        for (int i = 0; i < 256; ++i) c[i] = i < 0x20 || i == '"' || i == '\\' ? 1 : i >= 0x80 ? 2 : 0;
    }
};
constexpr EscapeClass kEscape;

inline bool is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

// The length of the well-formed sequence at s[i] (> 0), or minus the length of its maximal bad
// subpart (< 0): utf8_decode()'s rules, which are nlohmann's (the same UTF-8 DFA).
inline int sequence_length(const unsigned char* s, size_t n, size_t i) {
    const unsigned char c0 = s[i];
    int len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c0 >= 0xC2 && c0 <= 0xDF) len = 2;
    else if (c0 >= 0xE0 && c0 <= 0xEF) {
        len = 3;
        if (c0 == 0xE0) lo = 0xA0;
        if (c0 == 0xED) hi = 0x9F;
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        len = 4;
        if (c0 == 0xF0) lo = 0x90;
        if (c0 == 0xF4) hi = 0x8F;
    } else {
        return -1;
    }
    if (i + 1 >= n || s[i + 1] < lo || s[i + 1] > hi) return -1;
    for (int k = 2; k < len; ++k)
        if (i + k >= n || !is_cont(s[i + k])) return -k;
    return len;
}

const char kHex[] = "0123456789abcdef";

// The escaped body of s (no quotes) at p; p has room for 6 bytes per input byte.
char* escape_json(char* p, const unsigned char* s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && kEscape.c[s[j]] == 0) ++j;
        if (j > i) {
            std::memcpy(p, s + i, j - i);
            p += j - i;
            i = j;
            if (i == n) break;
        }
        const unsigned char ch = s[i];
        if (ch < 0x80) {
            *p++ = '\\';
            switch (ch) {
            case '"': *p++ = '"'; break;
            case '\\': *p++ = '\\'; break;
            case '\b': *p++ = 'b'; break;
            case '\t': *p++ = 't'; break;
            case '\n': *p++ = 'n'; break;
            case '\f': *p++ = 'f'; break;
            case '\r': *p++ = 'r'; break;
            default:
                *p++ = 'u'; *p++ = '0'; *p++ = '0';
                *p++ = kHex[ch >> 4]; *p++ = kHex[ch & 15];
            }
            ++i;
            continue;
        }
        const int len = sequence_length(s, n, i);
        if (len < 0) {  // U+FFFD for the maximal bad subpart
            *p++ = '\xEF'; *p++ = '\xBF'; *p++ = '\xBD';
            i += (size_t)-len;
            continue;
        }
        // Line breaks outside ASCII: U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).
        if (len == 2 && ch == 0xC2 && s[i + 1] == 0x85) {
            std::memcpy(p, "\\u0085", 6);
            p += 6;
        } else if (len == 3 && ch == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
            std::memcpy(p, s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            p += 6;
        } else {
            std::memcpy(p, s + i, (size_t)len);
            p += len;
        }
        i += (size_t)len;
    }
    return p;
}

inline void json_str(ByteBuffer& o, std::string_view s) {
    char* p = o.ensure(6 * s.size() + 2);
    *p++ = '"';
    p = escape_json(p, (const unsigned char*)s.data(), s.size());
    *p++ = '"';
    o.commit(p);
}
inline void json_str_or_null(ByteBuffer& o, const char* s) {
    if (s) json_str(o, s);
    else lit(o, "null");
}
// "<a> per <b>" as one JSON string.
void json_per(ByteBuffer& o, std::string_view a, std::string_view b) {
    char* p = o.ensure(6 * (a.size() + b.size()) + 8);
    *p++ = '"';
    p = escape_json(p, (const unsigned char*)a.data(), a.size());
    std::memcpy(p, " per ", 5);
    p += 5;
    p = escape_json(p, (const unsigned char*)b.data(), b.size());
    *p++ = '"';
    o.commit(p);
}

char* put_u64(char* p, uint64_t v) {
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) *p++ = tmp[--n];
    return p;
}
inline void json_uint(ByteBuffer& o, uint64_t v) { o.commit(put_u64(o.ensure(24), v)); }
inline void json_int(ByteBuffer& o, int64_t v) {
    char* p = o.ensure(24);
    if (v < 0) { *p++ = '-'; p = put_u64(p, (uint64_t)0 - (uint64_t)v); }
    else p = put_u64(p, (uint64_t)v);
    o.commit(p);
}

// A finite double as nlohmann prints it. Whole numbers below 1e15 are their digits and ".0" (what
// grisu2 and format_buffer() give for them: the exact integer is the shortest round-trip form).
char* put_double(char* p, double v) {
    if (v == 0) {
        if (std::signbit(v)) *p++ = '-';
        std::memcpy(p, "0.0", 3);
        return p + 3;
    }
    const double a = std::fabs(v);
    if (a < 1e15 && a == std::floor(a)) {
        if (v < 0) *p++ = '-';
        p = put_u64(p, (uint64_t)a);
        *p++ = '.';
        *p++ = '0';
        return p;
    }
    return nlohmann::detail::to_chars(p, p + 64, v);
}
inline void json_num(ByteBuffer& o, double v) {
    if (!std::isfinite(v)) { lit(o, "null"); return; }  // none, and also inf, as json::dump()
    o.commit(put_double(o.ensure(64), v));
}

// ISO day as day_to_iso() writes it ("" for 0); the common case without snprintf.
void put_day(ByteBuffer& o, Day d) {
    if (d >= 10000 && d <= 99999999) {
        char* p = o.ensure(10);
        const int y = d / 10000, m = d / 100 % 100, dd = d % 100;
        *p++ = (char)('0' + y / 1000); *p++ = (char)('0' + y / 100 % 10);
        *p++ = (char)('0' + y / 10 % 10); *p++ = (char)('0' + y % 10);
        *p++ = '-'; *p++ = (char)('0' + m / 10); *p++ = (char)('0' + m % 10);
        *p++ = '-'; *p++ = (char)('0' + dd / 10); *p++ = (char)('0' + dd % 10);
        o.commit(p);
    } else {
        o.append(day_to_iso(d));
    }
}
void json_day(ByteBuffer& o, Day d) {
    o.push('"');
    put_day(o, d);  // digits and '-' only: nothing to escape
    o.push('"');
}

inline void csv_str(ByteBuffer& o, std::string_view s) { append_csv_field(o, s); }
// A number as csv_field(json) printed it: none empty, infinities "null" (json::dump()).
inline void csv_num(ByteBuffer& o, double v) {
    if (is_none(v)) return;
    json_num(o, v);
}

std::string_view slice(std::string_view text, uint32_t a, uint32_t b) {
    return b > a && b <= text.size() ? text.substr(a, b - a) : std::string_view();
}

// The claim's derived strings, as claim_json.cpp's to_json() derived them.
struct Derived {
    bool has_unit;
    std::string_view unit;
    bool has_subject;
    std::string_view subject;
    std::string_view text;
    bool has_rate_unit;
};
Derived derive(std::string_view text, const Claim& c) {
    Derived d;
    d.has_unit = c.unit || c.noun_end > c.noun_start;
    d.unit = c.unit ? std::string_view(c.unit) : d.has_unit ? slice(text, c.noun_start, c.noun_end) : std::string_view();
    d.has_subject = c.subject_end > c.subject_start;
    d.subject = d.has_subject ? slice(text, c.subject_start, c.subject_end) : std::string_view();
    d.text = slice(text, c.start, c.end);
    d.has_rate_unit = c.pair_unit && c.unit;
    return d;
}

void json_unit(ByteBuffer& o, const Derived& d) {
    if (d.has_unit) json_str(o, d.unit);
    else lit(o, "null");
}
void json_subject(ByteBuffer& o, const Derived& d) {
    if (d.has_subject) json_str(o, d.subject);
    else lit(o, "null");
}
void json_period(ByteBuffer& o, const Claim& c) {
    if (!c.period_start) { lit(o, "null"); return; }
    lit(o, "{\"end\":");
    json_day(o, c.period_end);
    lit(o, ",\"start\":");
    json_day(o, c.period_start);
    o.push('}');
}
void json_pair(ByteBuffer& o, const Claim& c) {
    if (c.pair >= 0) json_int(o, c.pair);
    else lit(o, "null");
}
void json_rate_unit(ByteBuffer& o, const Claim& c, const Derived& d) {
    if (d.has_rate_unit) json_per(o, c.unit, c.pair_unit);
    else lit(o, "null");
}
inline void json_bool(ByteBuffer& o, bool b) {
    if (b) lit(o, "true");
    else lit(o, "false");
}

// The conversion's fields, JSON: see conversion_fields() in the history of claim_json.cpp and
// facts_io.cpp's append_conversion_json(). A claim that is not money gets rate and rate_unit null.
void json_conversion(ByteBuffer& o, const Claim& c, const Derived& d, const Conversion& conv) {
    if (conv.status == ConvertStatus::NotMoney) {
        lit(o, ",\"rate\":null,\"rate_unit\":null");
    } else {
        const bool unchanged = conv.status == ConvertStatus::Unchanged;
        const bool has_rate = conv.converted() || unchanged;
        lit(o, ",\"display_value\":");
        json_num(o, conv.value);
        lit(o, ",\"display_unit\":");
        if (conv.unit.empty()) lit(o, "null");
        else json_str(o, conv.unit);
        lit(o, ",\"rate\":");
        if (!has_rate) lit(o, "null");
        else if (unchanged) lit(o, "1.0");
        else json_num(o, conv.display_rate);
        lit(o, ",\"rate_unit\":");
        if (!has_rate) lit(o, "null");
        else if (unchanged) json_per(o, conv.unit, conv.unit);
        else json_str(o, conv.rate_unit);
        lit(o, ",\"rate_source\":");
        if (conv.rate_source.empty()) lit(o, "null");
        else json_str(o, conv.rate_source);
        lit(o, ",\"rate_date\":");
        if (!conv.rate_date) lit(o, "null");  // day_to_iso(0) is "", which was printed as null
        else {
            const std::string iso = day_to_iso(conv.rate_date);
            if (iso.empty()) lit(o, "null");
            else json_str(o, iso);
        }
        lit(o, ",\"rate_stale\":");
        json_bool(o, conv.stale);
        lit(o, ",\"conversion\":");
        json_str(o, convert_status_name(conv.status));
        lit(o, ",\"conversion_note\":");
        if (conv.converted()) json_str(o, explain_conversion(c.value, c.unit ? c.unit : "", conv));
        else if (conv.error.empty()) lit(o, "null");
        else json_str(o, conv.error);
    }
    lit(o, ",\"pair_rate\":");
    json_num(o, c.rate);
    lit(o, ",\"pair_rate_unit\":");
    json_rate_unit(o, c, d);
}

}  // namespace

// ---- Public -------------------------------------------------------------------------------------

void append_json_string(ByteBuffer& out, std::string_view s) { json_str(out, s); }
void append_json_string(std::string& out, std::string_view s) {
    const size_t at = out.size();
    out.resize(at + 6 * s.size() + 2);
    char* p = &out[at];
    *p++ = '"';
    p = escape_json(p, (const unsigned char*)s.data(), s.size());
    *p++ = '"';
    out.resize((size_t)(p - out.data()));
}

void append_json_double(ByteBuffer& out, double v) { json_num(out, v); }

void append_csv_field(ByteBuffer& o, std::string_view s) {
    bool quote = false;
    for (char ch : s)
        if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') { quote = true; break; }
    if (!quote) { o.append(s); return; }
    char* p = o.ensure(2 * s.size() + 2);
    *p++ = '"';
    for (char ch : s) {
        if (ch == '"') *p++ = '"';
        *p++ = ch;
    }
    *p++ = '"';
    o.commit(p);
}

void append_claim_json(ByteBuffer& o, std::string_view id, std::string_view text, const Claim& c,
                       const Conversion* conv) {
    const Derived d = derive(text, c);
    if (!conv) {
        // nlohmann::json's objects are sorted by key.
        lit(o, "{\"ambiguous\":");
        json_bool(o, c.ambiguous);
        lit(o, ",\"article\":");
        json_str(o, id);
        lit(o, ",\"direction\":");
        json_str_or_null(o, c.direction);
        lit(o, ",\"end\":");
        json_uint(o, c.end);
        lit(o, ",\"hedge\":");
        json_str_or_null(o, c.hedge);
        lit(o, ",\"high\":");
        json_num(o, c.high);
        lit(o, ",\"kind\":");
        json_str(o, claim_kind_name(c.kind));
        lit(o, ",\"low\":");
        json_num(o, c.low);
        lit(o, ",\"pair\":");
        json_pair(o, c);
        lit(o, ",\"period\":");
        json_period(o, c);
        lit(o, ",\"qualifier\":");
        json_str_or_null(o, c.qualifier);
        lit(o, ",\"rate\":");
        json_num(o, c.rate);
        lit(o, ",\"rate_unit\":");
        json_rate_unit(o, c, d);
        lit(o, ",\"start\":");
        json_uint(o, c.start);
        lit(o, ",\"subject\":");
        json_subject(o, d);
        lit(o, ",\"text\":");
        json_str(o, d.text);
        lit(o, ",\"unit\":");
        json_unit(o, d);
        lit(o, ",\"value\":");
        json_num(o, c.value);
        o.push('}');
        return;
    }
    // With --to: the export's order.
    lit(o, "{\"article\":");
    json_str(o, id);
    lit(o, ",\"kind\":");
    json_str(o, claim_kind_name(c.kind));
    lit(o, ",\"value\":");
    json_num(o, c.value);
    lit(o, ",\"unit\":");
    json_unit(o, d);
    lit(o, ",\"qualifier\":");
    json_str_or_null(o, c.qualifier);
    lit(o, ",\"low\":");
    json_num(o, c.low);
    lit(o, ",\"high\":");
    json_num(o, c.high);
    lit(o, ",\"start\":");
    json_uint(o, c.start);
    lit(o, ",\"end\":");
    json_uint(o, c.end);
    lit(o, ",\"text\":");
    json_str(o, d.text);
    lit(o, ",\"subject\":");
    json_subject(o, d);
    lit(o, ",\"period\":");
    json_period(o, c);
    lit(o, ",\"pair\":");
    json_pair(o, c);
    lit(o, ",\"ambiguous\":");
    json_bool(o, c.ambiguous);
    lit(o, ",\"direction\":");
    json_str_or_null(o, c.direction);
    lit(o, ",\"hedge\":");
    json_str_or_null(o, c.hedge);
    json_conversion(o, c, d, *conv);
    o.push('}');
}

void append_claim_csv(ByteBuffer& o, std::string_view id, std::string_view text, const Claim& c,
                      const Conversion* conv) {
    const Derived d = derive(text, c);
    csv_str(o, id);
    o.push(',');
    o.append(claim_kind_name(c.kind));
    o.push(',');
    csv_num(o, c.value);
    o.push(',');
    csv_str(o, d.unit);
    o.push(',');
    if (c.qualifier) csv_str(o, c.qualifier);
    o.push(',');
    csv_num(o, c.low);
    o.push(',');
    csv_num(o, c.high);
    o.push(',');
    json_uint(o, c.start);
    o.push(',');
    json_uint(o, c.end);
    o.push(',');
    csv_str(o, d.text);
    o.push(',');
    csv_str(o, d.subject);
    o.push(',');
    if (c.period_start) put_day(o, c.period_start);
    o.push(',');
    if (c.period_end) put_day(o, c.period_end);
    o.push(',');
    if (c.pair >= 0) json_int(o, c.pair);
    if (c.ambiguous) lit(o, ",true");
    else lit(o, ",false");
    if (!conv) return;
    // rate, rate_unit, display_value, display_unit, rate_source, rate_date, rate_stale, conversion,
    // conversion_note, pair_rate, pair_rate_unit; a claim that is not money leaves the ones it
    // lacks empty, as append_rate_csv() does.
    if (conv->status == ConvertStatus::NotMoney) {
        lit(o, ",,,,,,,,,,");
    } else {
        const Conversion& v = *conv;
        const bool unchanged = v.status == ConvertStatus::Unchanged;
        const bool has_rate = v.converted() || unchanged;
        o.push(',');
        if (has_rate) {
            if (unchanged) lit(o, "1.0");
            else csv_num(o, v.display_rate);
        }
        o.push(',');
        if (has_rate) {
            if (unchanged) csv_str(o, std::string(v.unit) + " per " + std::string(v.unit));
            else csv_str(o, v.rate_unit);
        }
        o.push(',');
        csv_num(o, v.value);
        o.push(',');
        csv_str(o, v.unit);
        o.push(',');
        csv_str(o, v.rate_source);
        o.push(',');
        if (v.rate_date) o.append(day_to_iso(v.rate_date));
        o.push(',');
        if (v.stale) lit(o, "true");
        else lit(o, "false");
        o.push(',');
        o.append(convert_status_name(v.status));
        o.push(',');
        if (v.converted()) csv_str(o, explain_conversion(c.value, c.unit ? c.unit : "", v));
        else csv_str(o, v.error);
        o.push(',');
    }
    csv_num(o, c.rate);
    o.push(',');
    if (d.has_rate_unit) csv_str(o, std::string(c.unit) + " per " + c.pair_unit);
}

}  // namespace factlens
