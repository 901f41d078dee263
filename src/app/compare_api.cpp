// The Compare API: commands compare, select_cluster, set_compare_filter, set_compare_sort and the
// state().compare section. See docs/embedding.md.
#include <cmath>

#include "api_args.h"
#include "app_api_internal.h"

namespace factlens {

using nlohmann::json;

namespace {

const char* const kVerdicts[5] = {"agree", "compatible", "conflict", "timeframe", "single"};

// {type: 'compare', articles: ['002_97de…', 3, …]}: ids or corpus indices; absent or [] = all. Also
// switches to the Compare view.
std::string cmd_compare(AppState& s, const json& req, json*) {
    std::vector<int> idx;
    auto it = req.find("articles");
    if (it != req.end() && !it->is_null()) {
        if (!it->is_array()) return "\"articles\" must be an array of article ids or indices";
        if (it->size() > 100000) return "too many articles";
        for (const json& a : *it) {
            if (a.is_string()) {
                const std::string& id = a.get_ref<const std::string&>();
                int found = -1;
                for (size_t i = 0; i < s.corpus.articles.size(); ++i)
                    if (s.corpus.articles[i].id == id) found = (int)i;
                if (found < 0) return "no article \"" + id.substr(0, 60) + "\"";
                idx.push_back(found);
            } else if (a.is_number_integer() || a.is_number_unsigned()) {
                const long long v = a.is_number_unsigned() ? (long long)std::min<unsigned long long>(a.get<unsigned long long>(), 1ull << 40) : a.get<long long>();
                if (v < 0 || v >= (long long)s.corpus.articles.size())
                    return "no article " + std::to_string(v) + " (there are " + std::to_string(s.corpus.articles.size()) + ")";
                idx.push_back((int)v);
            } else {
                return "\"articles\" must hold article ids (strings) or indices (whole numbers)";
            }
        }
    }
    const std::string why = set_compare_articles(s, idx);
    if (!why.empty()) return why;
    set_view(s, View::Compare);
    update_compare(s);
    return "";
}

std::string cmd_select_cluster(AppState& s, const json& req, json*) {
    std::string error;
    long long index = 0;
    if (!get_integer(req, "index", -1, 1000000000, &index, &error)) return error;
    return select_cluster(s, (int)index);
}

std::string cmd_set_compare_filter(AppState& s, const json& req, json*) {
    auto it = req.find("verdicts");
    if (it == req.end() || !it->is_array()) return "\"verdicts\" must be an array such as [\"conflict\", \"timeframe\"]";
    unsigned bits = 0;
    for (const json& v : *it) {
        int found = -1;
        if (v.is_string())
            for (int i = 0; i < 5; ++i)
                if (v == kVerdicts[i]) found = i;
        if (found < 0) return "verdicts are agree, compatible, conflict, timeframe and single";
        bits |= 1u << found;
    }
    const std::string why = set_compare_filter(s, bits);
    if (why.empty()) update_compare(s);
    return why;
}

std::string cmd_set_compare_sort(AppState& s, const json& req, json*) {
    std::string error, by;
    if (!get_string(req, "by", 40, &by, &error)) return error;
    if (by != "sources" && by != "disagreement") return "\"by\" must be \"sources\" or \"disagreement\"";
    const std::string why = set_compare_sort(s, by == "disagreement");
    if (why.empty()) update_compare(s);
    return why;
}

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

const Command kCompareCommands[] = {
    {"compare", cmd_compare},
    {"select_cluster", cmd_select_cluster},
    {"set_compare_filter", cmd_set_compare_filter},
    {"set_compare_sort", cmd_set_compare_sort},
};
const size_t kCompareCommandCount = sizeof(kCompareCommands) / sizeof(kCompareCommands[0]);

json compare_state_json(const AppState& s) {
    const CompareState& c = s.compare;
    json articles = json::array();
    for (int a : c.claim_article) articles.push_back(s.corpus.articles[(size_t)a].id);
    json counts = json::object();
    for (int v = 0; v < 5; ++v) counts[kVerdicts[v]] = c.counts[v];
    json verdicts = json::array();
    for (int v = 0; v < 5; ++v)
        if ((c.verdicts >> v) & 1u) verdicts.push_back(kVerdicts[v]);
    json clusters = json::array();
    // The clusters on screen, in screen order: at most 500 (a corpus of thousands of articles has
    // more; the counts say how many).
    const size_t shown = c.rows.size() < 500 ? c.rows.size() : 500;
    for (size_t i = 0; i < shown; ++i) {
        const uint32_t ci = c.rows[i];
        if (ci >= c.clusters.size() || ci >= c.figures.size()) break;
        const Cluster& cl = c.clusters[ci];
        json members = json::array();
        for (size_t m = 0; m < cl.members.size(); ++m) {
            const ClusterMember& mem = cl.members[m];
            const Claim& claim = c.claims[mem.article][mem.claim];
            const MemberFigure& f = c.figures[ci][m];
            json j = {{"article", s.corpus.articles[(size_t)c.claim_article[mem.article]].id},
                      {"start", claim.start}, {"end", claim.end}, {"text", f.text},
                      {"kind", claim_kind_name(claim.kind)}, {"value", number_or_null(claim.value)},
                      {"unit", claim.unit ? json(claim.unit) : json(nullptr)},
                      {"low", number_or_null(claim.low)}, {"high", number_or_null(claim.high)}};
            if (f.converted) {
                j["display_value"] = number_or_null(f.value);
                j["display_unit"] = f.unit;
                j["conversion_note"] = f.note;
            }
            members.push_back(j);
        }
        json reasons = json::array();
        for (const char* r : align_reason_names(cl.reasons)) reasons.push_back(r);
        clusters.push_back({{"index", i}, {"label", cl.label}, {"verdict", verdict_name(cl.verdict)}, {"reasons", reasons},
                            {"explanation", cl.explanation}, {"sources", cl.sources}, {"spread", cl.spread},
                            {"currency", cl.currency.empty() ? json(nullptr) : json(cl.currency)}, {"members", members}});
    }
    return {{"articles", articles}, {"counts", counts}, {"total", c.clusters.size()}, {"visible", c.rows.size()},
            {"verdicts", verdicts}, {"sort", c.sort_by_spread ? "disagreement" : "sources"},
            {"selected", c.selected}, {"clusters", clusters}, {"align_ms", c.last_align_ms}};
}

}  // namespace factlens
