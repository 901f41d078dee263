// The facts explorer's API: commands (set_view, set_query, set_sort, select_fact, export_facts,
// load_files, set_columns) and the state().facts section. See docs/embedding.md.
#include <cstdio>

#include "../core/facts_io.h"
#include "api_args.h"
#include "app_api_internal.h"

namespace factlens {

using nlohmann::json;

namespace {

std::string cmd_set_view(AppState& s, const json& req, json*) {
    std::string error, view;
    if (!get_string(req, "view", 100, &view, &error)) return error;
    return set_view_by_name(s, view);
}

std::string cmd_set_query(AppState& s, const json& req, json*) {
    std::string error, q;
    if (!get_string(req, "query", 4000, &q, &error)) return error;
    const std::string why = set_fact_query(s, q);
    if (why.empty()) update_facts(s);
    return why;
}

std::string cmd_set_sort(AppState& s, const json& req, json*) {
    auto it = req.find("sort");
    if (it == req.end() || !it->is_array()) return "\"sort\" must be an array like [{column: 'value', dir: 'desc'}]";
    if (it->size() > 8) return "at most 8 sort keys";
    std::vector<SortKey> keys;
    for (const json& k : *it) {
        if (!k.is_object() || !k.contains("column") || !k["column"].is_string())
            return "each sort key must be an object {column, dir}";
        const std::string& col = k["column"].get_ref<const std::string&>();
        SortKey key;
        if (!fact_field_from_name(col, &key.field)) {
            std::string known;
            for (int f = 0; f < (int)FactField::Count_; ++f) known += (f ? ", " : "") + std::string(fact_field_name((FactField)f));
            return "no column \"" + col.substr(0, 40) + "\" to sort by (columns: " + known + ")";
        }
        if (k.contains("dir")) {
            if (!k["dir"].is_string() || (k["dir"] != "asc" && k["dir"] != "desc")) return "\"dir\" must be \"asc\" or \"desc\"";
            key.descending = k["dir"] == "desc";
        }
        keys.push_back(key);
    }
    const std::string why = set_fact_sort(s, keys);
    if (why.empty()) {
        s.facts.sort_from_link = true;  // show it on the table headers
        update_facts(s);
    }
    return why;
}

std::string cmd_select_fact(AppState& s, const json& req, json*) {
    std::string error;
    long long index = 0;
    update_facts(s);
    const long long n = (long long)s.facts.view.rows.size();
    if (!get_integer(req, "index", -1, n > 0 ? n - 1 : -1, &index, &error))
        return error + " (" + std::to_string(n) + " facts on screen; -1 clears the selection)";
    return select_fact(s, index);
}

std::string cmd_export_facts(AppState& s, const json& req, json* extra) {
    std::string error, format;
    if (!get_string(req, "format", 10, &format, &error)) return error + ": \"csv\" or \"json\"";
    if (format != "csv" && format != "json") return "\"format\" must be \"csv\" or \"json\"";
    update_facts(s);
    (*extra)["format"] = format;
    (*extra)["text"] = format == "csv" ? export_facts_csv(s.facts.table, s.facts.view.rows)
                                       : export_facts_json(s.facts.table, s.facts.view.rows);
    return "";
}

std::string cmd_set_columns(AppState& s, const json& req, json*) {
    auto it = req.find("columns");
    if (it == req.end() || !it->is_array()) return "\"columns\" must be an array of column names";
    std::vector<std::string> names;
    for (const json& c : *it) {
        if (!c.is_string()) return "\"columns\" must be an array of column names";
        names.push_back(c.get<std::string>());
    }
    return set_fact_columns(s, names);
}

// The browser streams big files through begin/feed/finish (web/api.js); this is the same for
// callers that have the text in the request (native tests, small files).
std::string cmd_load_files(AppState& s, const json& req, json* extra) {
    auto it = req.find("files");
    if (it == req.end() || !it->is_array() || it->empty()) return "\"files\" must be a non-empty array of {name, text}";
    for (const json& f : *it)
        if (!f.is_object() || !f.contains("name") || !f["name"].is_string() || !f.contains("text") || !f["text"].is_string())
            return "each file must be an object {name: string, text: string}";
    json loaded = json::array(), failed = json::array();
    std::string errors;
    for (const json& f : *it) {
        const std::string& name = f["name"].get_ref<const std::string&>();
        FileLoadResult r = load_file(s, name, f["text"].get_ref<const std::string&>());
        if (r.ok) loaded.push_back({{"name", name}, {"facts", r.facts}, {"article", r.article.empty() ? json(nullptr) : json(r.article)}});
        else {
            failed.push_back({{"name", name}, {"error", r.error}});
            errors += (errors.empty() ? "" : "; ") + r.error;
        }
    }
    (*extra)["loaded"] = loaded;
    (*extra)["failed"] = failed;
    update_facts(s);
    return errors;
}

} // namespace

const Command kFactsCommands[] = {
    {"set_view", cmd_set_view},
    {"set_query", cmd_set_query},
    {"set_sort", cmd_set_sort},
    {"select_fact", cmd_select_fact},
    {"export_facts", cmd_export_facts},
    {"load_files", cmd_load_files},
    {"set_columns", cmd_set_columns},
};
const size_t kFactsCommandCount = sizeof(kFactsCommands) / sizeof(kFactsCommands[0]);

static json row_json(const FactTable& t, uint32_t r, int index) {
    char v[96], b[128], p[64];
    const FactSource& src = t.sources[t.source[r]];
    const std::string_view unit = t.units.get(t.unit[r]);
    auto str = [](std::string_view sv) { return sv.empty() ? json(nullptr) : json(std::string(sv)); };
    return {{"index", index}, {"row", r}, {"article", src.id},
            {"outlet", src.outlet == kUnknown ? json(nullptr) : json(src.outlet)},
            {"date", src.date == kUnknown ? json(nullptr) : json(src.date)},
            {"kind", claim_kind_name((ClaimKind)t.kind[r])},
            {"value", is_none(t.value[r]) ? json(nullptr) : json(t.value[r])},
            {"display", format_fact_value(t.value[r], unit == "%" ? "%" : nullptr, v, sizeof v)},
            {"unit", str(unit)}, {"bounds", format_fact_bounds(t, r, b, sizeof b)},
            {"subject", str(t.subjects.get(t.subject[r]))},
            {"period", format_period(t.period_start[r], t.period_end[r], p, sizeof p)},
            {"text", std::string(t.texts.get(t.text[r]))}, {"start", t.start[r]}, {"end", t.end[r]}};
}

json facts_state_json(const AppState& s) {
    const FactsState& f = s.facts;
    json sort = json::array();
    for (const SortKey& k : f.sort) sort.push_back({{"column", fact_field_name(k.field)}, {"dir", k.descending ? "desc" : "asc"}});
    json columns = json::array();
    for (int c = 0; c < (int)FactColumn::Count_; ++c)
        if (f.columns_visible & (1u << c)) columns.push_back(fact_column_name((FactColumn)c));
    json facets = json::object();
    for (const Facet& facet : f.view.facets) {
        json values = json::object();
        for (const FacetValue& v : facet.values) values[v.label] = v.count;
        facets[facet.name] = values;
    }
    // The rows drawn in the last frame (at most a screenful), never the whole result.
    json window = json::array();
    for (const FrameLayout::FactRow& fr : s.layout.fact_rows)
        if (fr.index >= 0 && fr.index < (int)f.view.rows.size()) window.push_back(row_json(f.table, f.view.rows[(size_t)fr.index], fr.index));
    json selected_fact = nullptr;
    if (f.selected >= 0 && f.selected < (int)f.view.rows.size())
        selected_fact = row_json(f.table, f.view.rows[(size_t)f.selected], f.selected);
    return {{"total", f.table.size()},
            {"visible", f.view.rows.size()},
            {"query", f.query},
            {"applied_query", f.applied_query},
            {"query_error", f.query_error.empty() ? json(nullptr) : json(f.query_error)},
            {"sort", sort},
            {"columns", columns},
            {"facets", facets},
            {"selected", f.selected},
            {"selected_fact", selected_fact},
            {"rows", window},
            {"notice", f.notice.empty() ? json(nullptr) : json(f.notice)},
            {"timings_ms", {{"sort", f.last_sort_ms}, {"query", f.last_query_ms}}},
            {"memory_bytes", f.table.memory_bytes()}};
}

} // namespace factlens
