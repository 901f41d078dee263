#include "app_api.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "../core/utf8.h"
#include "api_args.h"
#include "app_api_internal.h"

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
        {"view", view_name(s.view)},
        {"articles", articles},
        {"selection", selection},
        {"filter", s.filter},
        {"focused", focus ? json(focus) : json(nullptr)},
        {"devicePixelRatio", p.device_pixel_ratio},
        {"canvas", {{"css_width", p.css_width}, {"css_height", p.css_height}, {"width", p.width}, {"height", p.height}}},
        {"frames", s.frames},
        {"first_frame_ms", p.first_frame_ms >= 0 ? json(p.first_frame_ms) : json(nullptr)},
        {"frame_ms", {{"median", p.frame_ms.median}, {"p95", p.frame_ms.p95}, {"count", p.frame_ms.count}}},
        {"fonts", {{"glyphs_added", p.glyphs_added}, {"glyphs_fallback", p.glyphs_fallback}}},
        {"error", s.load_error.empty() ? json(nullptr) : json(s.load_error)},
        {"warnings", s.load_warnings},
        {"layout", {{"list_rows", rows}, {"reader", rect_json(s.layout.reader, k)}, {"filter", rect_json(s.layout.filter, k)}}},
    };
    // "facts" was the embedded fact count; it is now the explorer's state (its "total" is that count).
    j["facts"] = facts_state_json(s);
    json& lay = j["layout"];
    lay["query"] = rect_json(s.layout.query, k);
    lay["tabs"] = {{"articles", rect_json(s.layout.tabs[0], k)}, {"facts", rect_json(s.layout.tabs[1], k)},
                   {"rates", rect_json(s.layout.tabs[2], k)}, {"compare", rect_json(s.layout.tabs[3], k)},
                   {"diff", rect_json(s.layout.tabs[4], k)}};
    json frows = json::array();
    for (const FrameLayout::FactRow& r : s.layout.fact_rows) { json row = rect_json(r.rect, k); row["index"] = r.index; frows.push_back(row); }
    lay["fact_rows"] = frows;
    json marks = json::array();
    for (const FrameLayout::Mark& m : s.layout.reader_marks) {
        json mk = rect_json(m.rect, k);
        mk["row"] = m.row;
        mk["start"] = m.row < s.facts.table.size() ? s.facts.table.start[m.row] : 0;
        marks.push_back(mk);
    }
    lay["reader_marks"] = marks;
    json fvals = json::array();
    for (const FrameLayout::Facet& f : s.layout.facet_values) {
        json fv = rect_json(f.rect, k);
        if (f.facet >= 0 && f.facet < (int)s.facts.view.facets.size() && f.value >= 0 &&
            f.value < (int)s.facts.view.facets[(size_t)f.facet].values.size()) {
            fv["facet"] = s.facts.view.facets[(size_t)f.facet].name;
            fv["value"] = s.facts.view.facets[(size_t)f.facet].values[(size_t)f.value].label;
        }
        fvals.push_back(fv);
    }
    lay["facet_values"] = fvals;
    j["currency"] = currency_state_json(s);
    j["rates"] = rates_state_json(s);
    // The alignment runs when the Compare view is first used (state() of a fresh app stays cheap).
    j["compare"] = s.compare.corpus_size == ~size_t(0) ? nlohmann::json(nullptr) : compare_state_json(s);
    json crows = json::array();
    for (const FrameLayout::PairRow& r : s.layout.cluster_rows) { json row = rect_json(r.rect, k); row["index"] = r.index; crows.push_back(row); }
    lay["cluster_rows"] = crows;
    j["diff"] = diff_state_json(s);
    json dmarks = json::array();
    for (const FrameLayout::DiffMark& m : s.layout.diff_marks) { json mk = rect_json(m.rect, k); mk["op"] = m.op; dmarks.push_back(mk); }
    lay["diff_marks"] = dmarks;
    lay["diff_modes"] = {{"side", rect_json(s.layout.diff_modes[0], k)}, {"inline", rect_json(s.layout.diff_modes[1], k)}};
    json vbuttons = json::object();
    for (const FrameLayout::Button& b : s.layout.verdict_buttons) vbuttons[b.name] = rect_json(b.rect, k);
    lay["verdicts"] = vbuttons;
    json prows = json::array();
    for (const FrameLayout::PairRow& r : s.layout.pair_rows) { json row = rect_json(r.rect, k); row["index"] = r.index; prows.push_back(row); }
    lay["pair_rows"] = prows;
    json cbuttons = json::object();
    for (const FrameLayout::Button& b : s.layout.currency_buttons) cbuttons[b.name] = rect_json(b.rect, k);
    lay["currency"] = cbuttons;
    lay["rate_mode"] = rect_json(s.layout.rate_mode, k);
    j["link"] = facts_fragment(s);
    j["find"] = {{"open", s.find.open}, {"query", s.find.query}, {"matches", s.find.matches.size()},
                 {"current", s.find.current}};
    // Replace, never throw, on any invalid UTF-8 that slipped into a string.
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

static std::string reply(const std::string& error, const json* extra = nullptr) {
    json j = error.empty() ? json{{"ok", true}} : json{{"ok", false}, {"error", error}};
    if (extra && extra->is_object())
        for (auto it = extra->begin(); it != extra->end(); ++it) j[it.key()] = it.value();
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string file_load_result_json(const FileLoadResult& r) {
    json j = r.ok ? json{{"ok", true}, {"facts", r.facts}, {"article", r.article.empty() ? json(nullptr) : json(r.article)}}
                  : json{{"ok", false}, {"error", r.error}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

static std::string cmd_select_article(AppState& s, const json& req, json*) {
    std::string error, id;
    if (req.contains("id")) {
        if (!get_string(req, "id", 1000, &id, &error)) return error;
        return select_article_by_id(s, id);
    }
    long long index = 0;
    const long long n = (long long)s.corpus.articles.size();
    if (!get_integer(req, "index", 0, n > 0 ? n - 1 : 0, &index, &error)) {
        if (!req.contains("index")) return error + " (or give \"id\")";
        return n ? error : "there are no articles";
    }
    return select_article(s, (int)index);
}

static std::string cmd_select_text(AppState& s, const json& req, json*) {
    std::string error;
    long long start = 0, end = 0;
    const long long max = 0xFFFFFFFFll;
    if (!get_integer(req, "start", 0, max, &start, &error) || !get_integer(req, "end", 0, max, &end, &error)) return error;
    return select_text(s, (size_t)start, (size_t)end);
}

static std::string cmd_set_filter(AppState& s, const json& req, json*) {
    std::string error, text;
    if (!get_string(req, "text", 1000, &text, &error)) return error;
    return set_filter(s, text);
}

static const Command kCommands[] = {
    {"select_article", cmd_select_article},
    {"select_text", cmd_select_text},
    {"set_filter", cmd_set_filter},
};

std::string run_command_json(AppState& s, std::string_view request) {
    if (request.size() > (64u << 20)) return reply("command is larger than 64 MiB");
    json req = json::parse(request.begin(), request.end(), nullptr, false);
    if (req.is_discarded()) return reply("command is not valid JSON");
    if (!req.is_object()) return reply("command must be a JSON object with a \"type\"");
    auto type_it = req.find("type");
    if (type_it == req.end() || !type_it->is_string()) return reply("command needs a string \"type\"");
    const std::string& type = type_it->get_ref<const std::string&>();
    json extra = json::object();
    struct Table { const Command* commands; size_t count; };
    const Table tables[] = {{kCommands, sizeof(kCommands) / sizeof(kCommands[0])}, {kFactsCommands, kFactsCommandCount},
                            {kRatesCommands, kRatesCommandCount}, {kCompareCommands, kCompareCommandCount},
                            {kDiffCommands, kDiffCommandCount}};
    for (const Table& t : tables)
        for (size_t i = 0; i < t.count; ++i)
            if (type == t.commands[i].type) return reply(t.commands[i].run(s, req, &extra), &extra);
    std::string known;
    for (const Table& t : tables)
        for (size_t i = 0; i < t.count; ++i) known += (known.empty() ? "" : ", ") + std::string(t.commands[i].type);
    std::string shown = type.size() > 60 ? utf8_sanitize(type.substr(0, utf8_floor_boundary(type, 60))) + "..." : type;
    return reply("unknown command type \"" + shown + "\" (known: " + known + ")");
}

std::string load_rates_json(AppState& s, const std::string& name, std::string_view text) {
    // get_string()'s limits, as the JSON path applies them.
    if (name.size() > 200) return reply("\"name\" is longer than 200 bytes");
    if (text.size() > (256u << 20)) return reply("\"text\" is longer than 268435456 bytes");
    json extra = json::object();
    return reply(run_load_rates(s, name, text, &extra), &extra);
}

} // namespace factlens
