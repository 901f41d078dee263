// The extractor against the hand-labelled facts of the five seed articles (tests/data/seed_facts.json,
// labelled by reading, never by running the extractor). Every labelled fact must be found, nothing
// else may be, and the fields a fact-checker relies on must match.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "claim.h"
#include "claim_json.h"

using namespace factlens;
using nlohmann::json;

static std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

static size_t nth_occurrence(const std::string& text, const std::string& needle, int n) {
    size_t pos = 0;
    for (int k = 1;; ++k) {
        size_t at = text.find(needle, pos);
        if (at == std::string::npos) return at;
        if (k == n) return at;
        pos = at + needle.size();
    }
}

static bool same_number(const json& label, double v) {
    if (label.is_null()) return is_none(v);
    if (is_none(v)) return false;
    const double want = label.get<double>();
    return std::fabs(want - v) <= 1e-9 * std::max(1.0, std::fabs(want));
}

static std::string iso_or_empty(Day d) { return day_to_iso(d); }

TEST_CASE("seed articles: every hand-labelled fact is found, and nothing else", "[seed]") {
    const std::string root = FACTLENS_SOURCE_DIR;
    const json gold = json::parse(read_file(root + "/tests/data/seed_facts.json"));
    int labels = 0, found = 0, fields_ok = 0, subject_ok = 0;
    std::string problems, field_problems, soft;
    for (const auto& [id, art] : gold["articles"].items()) {
        const std::string text = read_file(root + "/assets/corpus/" + id + ".txt");
        REQUIRE(!text.empty());
        const ArticleMeta meta = find_article_meta(text);
        const std::string want_pub = art["published"].is_null() ? "" : art["published"].get<std::string>();
        CHECK(iso_or_empty(meta.published) == want_pub);
        ExtractOptions opt;
        opt.published = meta.published;
        const std::vector<Claim> claims = extract_claims(text, opt);
        std::vector<int> matched(claims.size(), -1);
        std::vector<size_t> label_claim;
        int li = 0;
        for (const json& L : art["claims"]) {
            ++labels;
            const std::string lt = L["text"];
            const size_t at = nth_occurrence(text, lt, L["occurrence"]);
            REQUIRE(at != std::string::npos);
            const size_t end = at + lt.size();
            int best = -1;
            for (size_t k = 0; k < claims.size(); ++k)
                if (claims[k].start < end && claims[k].end > at && matched[k] < 0 &&
                    L["kind"] == claim_kind_name(claims[k].kind)) { best = (int)k; break; }
            label_claim.push_back(best < 0 ? SIZE_MAX : (size_t)best);
            if (best < 0) {
                problems += id.substr(0, 3) + " missing " + L["kind"].get<std::string>() + " \"" + lt + "\" #" +
                            std::to_string(L["occurrence"].get<int>()) + "\n";
                ++li;
                continue;
            }
            matched[best] = li++;
            ++found;
            const Claim& c = claims[best];
            std::string why;
            if (!same_number(L["value"], c.value)) why += " value";
            if (!same_number(L["low"], c.low)) why += " low";
            if (!same_number(L["high"], c.high)) why += " high";
            json got = json::parse(claim_to_json(id, text, c));
            if (L["kind"] == "money" || L["kind"] == "percent" || L["kind"] == "quantity")
                if (L["unit"] != got["unit"]) why += " unit(" + got["unit"].dump() + ")";
            const json want_period = L["period"];
            const json got_period = c.period_start ? json::array({day_to_iso(c.period_start), day_to_iso(c.period_end)}) : json(nullptr);
            if (want_period != got_period) why += " period(" + got_period.dump() + ")";
            const std::string wq = L["qualifier"].is_null() ? "" : L["qualifier"].get<std::string>().substr(0, 4);
            const std::string gq = c.qualifier ? std::string(c.qualifier).substr(0, 4) : "";
            if (wq != gq) why += " qualifier(" + (c.qualifier ? std::string(c.qualifier) : "null") + ")";
            if (why.empty()) ++fields_ok;
            else field_problems += id.substr(0, 3) + " \"" + lt + "\":" + why + "\n";
            if (!L["subject"].is_null() && got["subject"].is_string() &&
                L["subject"].get<std::string>().find(got["subject"].get<std::string>()) != std::string::npos)
                ++subject_ok;
        }
        // Pairs: a labelled conversion links the two claims it names.
        li = 0;
        for (const json& L : art["claims"]) {
            const size_t k = label_claim[li++];
            if (k == SIZE_MAX) continue;
            const bool want_pair = !L["pair"].is_null();
            const bool got_pair = claims[k].pair >= 0;
            if (want_pair != got_pair) field_problems += id.substr(0, 3) + " \"" + L["text"].get<std::string>() + "\": pair\n";
        }
        for (size_t k = 0; k < claims.size(); ++k)
            if (matched[k] < 0)
                problems += id.substr(0, 3) + " extra " + claim_kind_name(claims[k].kind) + " \"" +
                            text.substr(claims[k].start, claims[k].end - claims[k].start) + "\"\n";
    }
    INFO("problems:\n" << problems);
    INFO("field problems:\n" << field_problems);
    WARN("seed facts: " << found << "/" << labels << " found, " << fields_ok << " with every checked field right, "
                        << subject_ok << " subjects agreeing");
    CHECK(problems.empty());
    CHECK(field_problems.empty());
}
