// URL fragments as key=value lists (see url_fragment.h).
#include "url_fragment.h"

#include "utf8.h"

namespace factlens {

namespace {

bool keeps_literal(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~' || c == ':' || c == ',' || c == '/';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

} // namespace

std::string fragment_escape(std::string_view s) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const unsigned char c = (unsigned char)ch;
        if (keeps_literal(c)) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string fragment_unescape(std::string_view s) {
    std::string bytes;
    bytes.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        int hi = -1, lo = -1;
        if (s[i] == '%' && i + 2 < s.size()) {
            hi = hex_value(s[i + 1]);
            lo = hex_value(s[i + 2]);
        }
        if (hi >= 0 && lo >= 0) {
            bytes += (char)(hi * 16 + lo);
            i += 2;
        } else {
            bytes += s[i];  // an ordinary byte, '+', or a malformed '%' kept literally
        }
    }
    return utf8_sanitize(bytes);
}

std::string encode_fragment(const FragmentParams& params) {
    std::string out;
    for (size_t i = 0; i < params.size(); ++i) {
        if (i) out += '&';
        out += fragment_escape(params[i].first);
        out += '=';
        out += fragment_escape(params[i].second);
    }
    return out;
}

FragmentParams decode_fragment(std::string_view fragment) {
    FragmentParams params;
    if (!fragment.empty() && fragment[0] == '#') fragment.remove_prefix(1);
    size_t start = 0;
    while (start <= fragment.size()) {
        size_t amp = fragment.find('&', start);
        if (amp == std::string_view::npos) amp = fragment.size();
        const std::string_view part = fragment.substr(start, amp - start);
        if (!part.empty()) {
            const size_t eq = part.find('=');
            if (eq == std::string_view::npos) params.emplace_back(fragment_unescape(part), std::string());
            else params.emplace_back(fragment_unescape(part.substr(0, eq)), fragment_unescape(part.substr(eq + 1)));
        }
        start = amp + 1;
    }
    return params;
}

const std::string* fragment_get(const FragmentParams& params, std::string_view key) {
    for (const auto& kv : params)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

} // namespace factlens
