// The Diff API: the diff command and the state().diff section. See docs/embedding.md.
#include <algorithm>

#include "api_args.h"
#include "app_api_internal.h"

namespace factlens {

using nlohmann::json;

namespace {

// An article named by id (a string) or corpus index (a whole number); -1 with *error otherwise.
int article_arg(const AppState& s, const json& req, const char* key, std::string* error) {
    auto it = req.find(key);
    if (it == req.end()) { *error = std::string("missing \"") + key + "\" (an article id or index)"; return -1; }
    if (it->is_string()) {
        const std::string& id = it->get_ref<const std::string&>();
        for (size_t i = 0; i < s.corpus.articles.size(); ++i)
            if (s.corpus.articles[i].id == id) return (int)i;
        *error = "no article \"" + id.substr(0, 60) + "\"";
        return -1;
    }
    long long v = 0;
    const long long n = (long long)s.corpus.articles.size();
    if (!get_integer(req, key, 0, n > 0 ? n - 1 : 0, &v, error) || n == 0) {
        if (n == 0) *error = "there are no articles";
        return -1;
    }
    return (int)v;
}

// {type: 'diff', a: id | index, b: id | index, mode: 'side' | 'inline'}: also opens the Diff view.
std::string cmd_diff(AppState& s, const json& req, json*) {
    std::string error;
    const int a = article_arg(s, req, "a", &error);
    if (a < 0) return error;
    const int b = article_arg(s, req, "b", &error);
    if (b < 0) return error;
    bool inline_mode = s.diff.inline_mode;
    if (req.contains("mode")) {
        std::string mode;
        if (!get_string(req, "mode", 20, &mode, &error)) return error;
        if (mode != "side" && mode != "inline") return "\"mode\" must be \"side\" or \"inline\"";
        inline_mode = mode == "inline";
    }
    const std::string why = set_diff(s, a, b, inline_mode);
    if (!why.empty()) return why;
    set_view(s, View::Diff);
    update_diff(s);
    return "";
}

json span(const DiffOp& op, bool a) {
    if (a ? !op.has_a() : !op.has_b()) return nullptr;
    return a ? json::array({op.a_start, op.a_end}) : json::array({op.b_start, op.b_end});
}

}  // namespace

const Command kDiffCommands[] = {
    {"diff", cmd_diff},
};
const size_t kDiffCommandCount = sizeof(kDiffCommands) / sizeof(kDiffCommands[0]);

json diff_state_json(const AppState& s) {
    const DiffState& d = s.diff;
    if (d.a < 0 || d.b < 0 || d.a >= (int)s.corpus.articles.size() || d.b >= (int)s.corpus.articles.size()) return nullptr;
    const DiffResult& r = d.result;
    const std::string& ta = s.corpus.articles[(size_t)d.a].text;
    const std::string& tb = s.corpus.articles[(size_t)d.b].text;
    const DiffStats& x = r.stats;
    json numbers = json::array();
    size_t counts[5] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < r.ops.size(); ++i) {
        const DiffOp& op = r.ops[i];
        ++counts[(size_t)op.kind];
        if (!op.number || numbers.size() >= 200) continue;
        json n = {{"op", i}, {"a", span(op, true)}, {"b", span(op, false)},
                  {"from", op.has_a() ? json(ta.substr(op.a_start, op.a_end - op.a_start)) : json(nullptr)},
                  {"to", op.has_b() ? json(tb.substr(op.b_start, op.b_end - op.b_start)) : json(nullptr)}};
        const int ci = i < d.op_cluster.size() ? d.op_cluster[i] : -1;
        if (ci >= 0 && ci < (int)s.compare.clusters.size())
            n["cluster"] = {{"label", s.compare.clusters[(size_t)ci].label}, {"verdict", verdict_name(s.compare.clusters[(size_t)ci].verdict)}};
        else
            n["cluster"] = nullptr;
        numbers.push_back(n);
    }
    return {{"a", s.corpus.articles[(size_t)d.a].id}, {"b", s.corpus.articles[(size_t)d.b].id},
            {"mode", d.inline_mode ? "inline" : "side"}, {"exact", r.exact}, {"level", r.level},
            {"stats", {{"words_added", x.words_added}, {"words_removed", x.words_removed}, {"words_moved", x.words_moved},
                       {"numbers_changed", x.numbers_changed}, {"moves", x.moves}, {"words_a", x.words_a}, {"words_b", x.words_b}}},
            {"ops", {{"total", r.ops.size()}, {"equal", counts[0]}, {"delete", counts[1]}, {"insert", counts[2]},
                     {"replace", counts[3]}, {"move", counts[4]}}},
            {"numbers", numbers}, {"blocks", d.blocks.size()}, {"diff_ms", d.last_diff_ms},
            {"notice", r.exact ? json(nullptr) : json(std::string("compared by ") + r.level + " where a word diff would take too long")}};
}

}  // namespace factlens
