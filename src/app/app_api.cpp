#include "app_api.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "../core/utf8.h"

namespace factlens {

using nlohmann::json;

static json rect_json(const UiRect& r, float scale) {
    return {{"x", r.x / scale}, {"y", r.y / scale}, {"w", r.w / scale}, {"h", r.h / scale}};
}

std::string state_json(const AppState& s, const PlatformInfo& p) {
    json articles = json::array();
    for (size_t i = 0; i < s.corpus.articles.size(); ++i) {
        const Article& a = s.corpus.articles[i];
        articles.push_back({{"index", i}, {"id", a.id}, {"outlet", a.outlet}, {"title", a.title}, {"date", a.date},
                            {"url", a.url}, {"bytes", a.text.size()}});
    }
    const ByteRange sel = reader_selection(s);
    json selection = {{"article", s.selected}, {"article_id", nullptr}, {"text_start", sel.start},
                      {"text_end", sel.end}, {"selected_text", selected_text(s)}};
    if (s.selected >= 0) selection["article_id"] = s.corpus.articles[s.selected].id;
    const float k = s.ui_scale > 0 ? s.ui_scale : 1.0f;
    json rows = json::array();
    for (const FrameLayout::Row& r : s.layout.list_rows) {
        json row = rect_json(r.rect, k);
        row["index"] = r.article;
        rows.push_back(row);
    }
    const char* focus = focus_name(s.focus);
    json j = {
        {"version", s.version},
        {"view", "reader"},
        {"articles", articles},
        {"selection", selection},
        {"filter", s.filter},
        {"focused", focus ? json(focus) : json(nullptr)},
        {"devicePixelRatio", p.device_pixel_ratio},
        {"canvas", {{"css_width", p.css_width}, {"css_height", p.css_height}, {"width", p.width}, {"height", p.height}}},
        {"frames", s.frames},
        {"first_frame_ms", p.first_frame_ms >= 0 ? json(p.first_frame_ms) : json(nullptr)},
        {"error", s.load_error.empty() ? json(nullptr) : json(s.load_error)},
        {"warnings", s.load_warnings},
        {"facts", s.facts_count >= 0 ? json(s.facts_count) : json(nullptr)},
        {"layout", {{"list_rows", rows}, {"reader", rect_json(s.layout.reader, k)}, {"filter", rect_json(s.layout.filter, k)}}},
    };
    // Replace, never throw, on any invalid UTF-8 that slipped into a string.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Reads a non-negative integer that fits in size_t; rejects 1.5, -1, "3", 1e300.
static bool get_index(const json& req, const char* key, size_t* out, std::string* error) {
    auto it = req.find(key);
    if (it == req.end()) { *error = std::string("missing \"") + key + "\""; return false; }
    if (it->is_number_unsigned()) { *out = it->get<size_t>(); return true; }
    if (it->is_number_integer() && it->get<long long>() >= 0) { *out = (size_t)it->get<long long>(); return true; }
    if (it->is_number_float()) {
        double d = it->get<double>();
        if (d >= 0 && d < 9.0e15 && std::floor(d) == d) { *out = (size_t)d; return true; }
    }
    *error = std::string("\"") + key + "\" must be a non-negative integer";
    return false;
}

static std::string reply(const std::string& error) {
    json j = error.empty() ? json{{"ok", true}} : json{{"ok", false}, {"error", error}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string run_command_json(AppState& s, std::string_view request) {
    if (request.size() > (1u << 20)) return reply("command is larger than 1 MiB");
    json req = json::parse(request.begin(), request.end(), nullptr, false);
    if (req.is_discarded()) return reply("command is not valid JSON");
    if (!req.is_object()) return reply("command must be a JSON object with a \"type\"");
    auto type_it = req.find("type");
    if (type_it == req.end() || !type_it->is_string()) return reply("command needs a string \"type\"");
    const std::string type = type_it->get<std::string>();
    std::string error;
    if (type == "select_article") {
        if (req.contains("id")) {
            if (!req["id"].is_string()) return reply("\"id\" must be a string");
            return reply(select_article_by_id(s, req["id"].get<std::string>()));
        }
        size_t index = 0;
        if (!get_index(req, "index", &index, &error)) return reply(error + " (or give \"id\")");
        if (index >= s.corpus.articles.size())
            return reply("no article at index " + std::to_string(index) + " (there are " +
                         std::to_string(s.corpus.articles.size()) + ")");
        return reply(select_article(s, (int)index));
    }
    if (type == "select_text") {
        size_t start = 0, end = 0;
        if (!get_index(req, "start", &start, &error) || !get_index(req, "end", &end, &error)) return reply(error);
        return reply(select_text(s, start, end));
    }
    if (type == "set_filter") {
        if (!req.contains("text") || !req["text"].is_string()) return reply("\"text\" must be a string");
        return reply(set_filter(s, req["text"].get<std::string>()));
    }
    std::string shown = type.size() > 60 ? utf8_sanitize(type.substr(0, utf8_floor_boundary(type, 60))) + "..." : type;
    return reply("unknown command type \"" + shown +
                 "\" (known: select_article, select_text, set_filter)");
}

} // namespace factlens
