#include "text_fold.h"

#include "utf8.h"

namespace factlens {

char32_t fold_code_point(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;              // À..Þ except ×
    if (cp >= 0x100 && cp <= 0x17F) {                                       // Latin Extended-A
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp & 1) ? cp + 1 : cp;
        if (cp == 0x130) return 'i';
        if (cp == 0x178) return 0xFF;
        if (cp != 0x138 && cp != 0x149 && cp != 0x17F) return (cp & 1) ? cp : cp + 1;
        return cp;
    }
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;          // Greek capitals
    if (cp == 0x3C2) return 0x3C3;                                          // final sigma
    if (cp >= 0x386 && cp <= 0x38F) {                                       // Greek capitals with tonos
        switch (cp) {
            case 0x386: return 0x3AC; case 0x388: return 0x3AD; case 0x389: return 0x3AE;
            case 0x38A: return 0x3AF; case 0x38C: return 0x3CC; case 0x38E: return 0x3CD; case 0x38F: return 0x3CE;
            default: return cp;
        }
    }
    if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                         // Cyrillic А..Я
    if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                         // Ѐ..Џ
    if (cp >= 0x460 && cp <= 0x4FF && cp != 0x482 && !(cp >= 0x483 && cp <= 0x489))
        return (cp & 1) ? cp : cp + 1;                                      // Cyrillic pairs
    if (cp >= 0xFF21 && cp <= 0xFF3A) return cp + 32;                       // fullwidth A..Z
    return cp;
}

void fold_append(std::string& out, std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { out.push_back((c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c); ++i; continue; }
        DecodedChar d = utf8_decode(s, i);
        if (!d.valid) { out.push_back((char)c); ++i; continue; }
        char32_t f = fold_code_point(d.cp);
        if (f == d.cp) out.append(s.data() + i, (size_t)d.len);
        else utf8_append(out, f);
        i += (size_t)d.len;
    }
}

bool folded_contains(std::string_view hay, std::string_view needle) {
    if (needle.empty()) return true;
    bool ascii = true;
    for (unsigned char c : hay) if (c >= 0x80) { ascii = false; break; }
    if (!ascii) return fold_text(hay).find(needle) != std::string::npos;
    if (needle.size() > hay.size()) return false;
    const size_t last = hay.size() - needle.size();
    for (size_t i = 0; i <= last; ++i) {
        size_t k = 0;
        while (k < needle.size()) {
            unsigned char c = (unsigned char)hay[i + k];
            if (c >= 'A' && c <= 'Z') c += 32;
            if (c != (unsigned char)needle[k]) break;
            ++k;
        }
        if (k == needle.size()) return true;
    }
    return false;
}

std::vector<FoldedMatch> folded_find_all(std::string_view hay, std::string_view needle, size_t max_matches) {
    std::vector<FoldedMatch> out;
    if (needle.empty()) return out;
    // The needle as code points.
    std::vector<char32_t> want;
    for (size_t i = 0; i < needle.size();) {
        DecodedChar d = utf8_decode(needle, i);
        want.push_back(d.cp);
        i += (size_t)d.len;
    }
    size_t i = 0;
    while (i < hay.size() && out.size() < max_matches) {
        // Try a match at i.
        size_t j = i, k = 0;
        while (k < want.size() && j < hay.size()) {
            DecodedChar d = utf8_decode(hay, j);
            if (fold_code_point(d.cp) != want[k]) break;
            j += (size_t)d.len;
            ++k;
        }
        if (k == want.size()) {
            out.push_back({i, j});
            i = j;
            continue;
        }
        i += (size_t)utf8_decode(hay, i).len;
    }
    return out;
}

} // namespace factlens
