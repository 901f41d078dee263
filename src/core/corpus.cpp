#include "corpus.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "utf8.h"

namespace factlens {

size_t Corpus::total_text_bytes() const {
    size_t n = 0;
    for (const Article& a : articles) n += a.text.size();
    return n;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_markup_residue(std::string_view line) {
    for (;;) {
        const size_t before = line.size();
        while (!line.empty() && (is_space(line.front()) || line.front() == '|')) line.remove_prefix(1);
        while (!line.empty() && (is_space(line.back()) || line.back() == '|')) line.remove_suffix(1);
        if (line.substr(0, 2) == "![") {  // an image: ![alt](url)
            const size_t close = line.find("](");
            const size_t end = close == std::string_view::npos ? close : line.find(')', close);
            if (end != std::string_view::npos) line.remove_prefix(end + 1);
        }
        if (line.size() == before) return line;
    }
}

std::string article_first_sentence(const Article& a, size_t max_bytes) {
    std::string_view t = a.text;
    size_t pos = 0;
    while (pos < t.size()) {
        size_t eol = t.find('\n', pos);
        if (eol == std::string_view::npos) eol = t.size();
        std::string_view line = trim_markup_residue(t.substr(pos, eol - pos));
        pos = eol + 1;
        for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 "})
            if (line.substr(0, bullet.size()) == bullet) { line.remove_prefix(bullet.size()); break; }
        // A dateline ("date 2026-01-21 (ECNS) — ", "BEIJING, CHINA — December 27, 2025:") is not the sentence.
        const size_t dash = line.find(" \xE2\x80\x94 ");
        if (dash != std::string_view::npos && dash < 60) line.remove_prefix(dash + 5);
        size_t words = 0;
        for (size_t i = 0; i < line.size(); ++i)
            if (!is_space(line[i]) && (i == 0 || is_space(line[i - 1]))) ++words;
        if (words < 5) continue;
        // The first sentence: up to ". " (not after a lone capital, as in "U.S.") or the line's end.
        size_t end = line.size();
        for (size_t i = 1; i + 1 < line.size(); ++i) {
            if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ' &&
                !(i >= 2 && std::isupper((unsigned char)line[i - 1]) && (line[i - 2] == '.' || line[i - 2] == ' '))) {
                end = i + 1;
                break;
            }
        }
        line = line.substr(0, end);
        if (line.size() <= max_bytes) return std::string(line);
        size_t cut = utf8_floor_boundary(line, max_bytes);
        while (cut > 0 && line[cut - 1] != ' ') --cut;
        while (cut > 0 && line[cut - 1] == ' ') --cut;
        if (cut == 0) cut = utf8_floor_boundary(line, max_bytes);
        return std::string(line.substr(0, cut)) + "\xE2\x80\xA6";
    }
    return "";
}

// Reads an optional string field; a missing, null or empty field is kUnknown.
static bool read_field(const nlohmann::json& obj, const char* key, std::string* out, std::string* error,
                       const std::string& where) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) { *out = kUnknown; return true; }
    if (!it->is_string()) { *error = where + ": field \"" + key + "\" must be a string"; return false; }
    *out = it->get<std::string>();
    if (!utf8_is_valid(*out)) { *error = where + ": field \"" + key + "\" is not valid UTF-8"; return false; }
    if (out->empty()) *out = kUnknown;
    return true;
}

LoadResult load_corpus(std::string_view metadata_json, const std::vector<NamedText>& files, Corpus* out) {
    LoadResult r;
    nlohmann::json meta = nlohmann::json::parse(metadata_json.begin(), metadata_json.end(), nullptr,
                                                /*allow_exceptions=*/false);
    if (meta.is_discarded()) { r.error = "corpus metadata is not valid JSON"; return r; }
    const nlohmann::json* list = nullptr;
    if (meta.is_object() && meta.contains("articles")) list = &meta["articles"];
    if (!list || !list->is_array()) { r.error = "corpus metadata needs an \"articles\" array"; return r; }

    Corpus corpus;
    for (size_t i = 0; i < list->size(); ++i) {
        const nlohmann::json& item = (*list)[i];
        const std::string where = "article #" + std::to_string(i + 1);
        if (!item.is_object()) { r.error = where + " is not an object"; return r; }
        auto file_it = item.find("file");
        if (file_it == item.end() || !file_it->is_string() || file_it->get<std::string>().empty()) {
            r.error = where + ": missing \"file\"";
            return r;
        }
        const std::string file = file_it->get<std::string>();
        const NamedText* text = nullptr;
        for (const NamedText& f : files)
            if (f.name == file) { text = &f; break; }
        if (!text) { r.error = where + ": text file \"" + file + "\" not found"; return r; }

        Article a;
        a.id = file.substr(0, file.rfind('.'));
        for (const Article& other : corpus.articles)
            if (other.id == a.id) { r.error = where + ": duplicate article id \"" + a.id + "\""; return r; }
        if (!read_field(item, "outlet", &a.outlet, &r.error, where) ||
            !read_field(item, "title", &a.title, &r.error, where) ||
            !read_field(item, "date", &a.date, &r.error, where) ||
            !read_field(item, "url", &a.url, &r.error, where))
            return r;
        if (item.contains("note") && item["note"].is_string()) a.note = item["note"].get<std::string>();
        if (!utf8_is_valid(a.note)) a.note = utf8_sanitize(a.note);
        a.text = utf8_sanitize(text->bytes, &a.replaced_bytes);
        if (a.replaced_bytes)
            r.warnings.push_back(file + ": replaced " + std::to_string(a.replaced_bytes) +
                                 " malformed UTF-8 sequence(s) with U+FFFD");
        corpus.articles.push_back(std::move(a));
    }
    *out = std::move(corpus);
    r.ok = true;
    return r;
}

} // namespace factlens
