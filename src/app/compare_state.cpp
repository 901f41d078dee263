// The Compare view's state: the claims of the compared articles lined up across sources
// (align_facts), the verdict filter and sort of its table, and the figures as shown (converted
// when a currency is chosen). The engine runs in update_compare(), once per change, never per frame.
#include <algorithm>
#include <chrono>

#include "../core/convert.h"
#include "../core/dates.h"
#include "../core/fact_table.h"
#include "app_state.h"

namespace factlens {

static Day parse_day(const std::string& iso) {
    if (iso.size() != 10) return 0;
    const int y = std::atoi(iso.c_str()), m = std::atoi(iso.c_str() + 5), d = std::atoi(iso.c_str() + 8);
    return is_valid_day(y, m, d) ? make_day(y, m, d) : 0;
}

std::string set_compare_articles(AppState& s, const std::vector<int>& idx) {
    const int n = (int)s.corpus.articles.size();
    std::vector<int> list;
    for (int i : idx) {
        if (i < 0 || i >= n) return "no article " + std::to_string(i) + " (there are " + std::to_string(n) + ")";
        if (std::find(list.begin(), list.end(), i) == list.end()) list.push_back(i);
    }
    if (!list.empty() && list.size() < 2) return "compare needs at least two articles";
    std::sort(list.begin(), list.end());
    if ((int)list.size() == n) list.clear();  // all of them
    if (list != s.compare.articles) {
        s.compare.articles = list;
        s.compare.dirty = true;
        s.compare.selected = -1;
    }
    return "";
}

std::string set_compare_filter(AppState& s, unsigned bits) {
    bits &= 0x1F;
    if (!bits) return "show at least one verdict";
    if (bits != s.compare.verdicts) {
        s.compare.verdicts = bits;
        s.compare.dirty = true;
    }
    return "";
}

std::string set_compare_sort(AppState& s, bool by_spread) {
    if (by_spread != s.compare.sort_by_spread) {
        s.compare.sort_by_spread = by_spread;
        s.compare.dirty = true;
    }
    return "";
}

// The table's rows: clusters whose verdict is shown, in the engine's order or by disagreement.
static void build_rows(CompareState& c) {
    const uint32_t was = c.selected >= 0 && c.selected < (int)c.rows.size() ? c.rows[(size_t)c.selected] : UINT32_MAX;
    c.rows.clear();
    for (uint32_t i = 0; i < c.clusters.size(); ++i)
        if (c.verdicts & (1u << (unsigned)c.clusters[i].verdict)) c.rows.push_back(i);
    if (c.sort_by_spread)
        std::stable_sort(c.rows.begin(), c.rows.end(), [&](uint32_t a, uint32_t b) {
            const Cluster &x = c.clusters[a], &y = c.clusters[b];
            if ((x.sources > 1) != (y.sources > 1)) return x.sources > 1;  // single-source last
            return x.spread > y.spread;
        });
    c.selected = -1;
    for (size_t i = 0; i < c.rows.size(); ++i)
        if (c.rows[i] == was) c.selected = (int)i;
}

void update_compare(AppState& s) {
    CompareState& c = s.compare;
    const size_t n = s.corpus.articles.size();
    const bool input_moved = c.corpus_size != n || c.rates_generation != s.currency.rates_generation ||
                             c.figures_generation != s.currency.generation || c.claim_article.empty() != (n == 0);
    if (!c.dirty && !input_moved) return;
    if (input_moved || c.claims.size() != (c.articles.empty() ? n : c.articles.size()) || c.dirty) {
        std::vector<int> chosen = c.articles;
        if (chosen.empty())
            for (size_t i = 0; i < n; ++i) chosen.push_back((int)i);
        // Re-extract only when the set of articles changed (claims are cheap next to alignment, but
        // a toggle of the verdict filter must not redo either).
        if (chosen != c.claim_article || c.corpus_size != n) {
            c.claims.clear();
            for (int a : chosen) {
                const Article& art = s.corpus.articles[(size_t)a];
                ExtractOptions opt;
                opt.published = parse_day(art.date);
                c.claims.push_back(extract_claims(art.text, opt));
            }
            c.claim_article = chosen;
            c.rates_generation = ~0ull;  // realign
        }
        if (c.rates_generation != s.currency.rates_generation) {
            const auto t0 = std::chrono::steady_clock::now();
            std::vector<AlignArticle> arts;
            for (size_t i = 0; i < c.claim_article.size(); ++i) {
                const Article& art = s.corpus.articles[(size_t)c.claim_article[i]];
                arts.push_back({art.id, art.outlet, art.date, parse_day(art.date), art.text, &c.claims[i]});
            }
            c.clusters = align_facts(arts, &s.currency.rates);
            c.last_align_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            c.rates_generation = s.currency.rates_generation;
            c.figures_generation = ~0ull;  // new clusters: their figures too
            for (uint32_t& k : c.counts) k = 0;
            for (const Cluster& cl : c.clusters) ++c.counts[(unsigned)cl.verdict < 5 ? (unsigned)cl.verdict : 4];
        }
        c.corpus_size = n;
    }
    if (c.figures_generation != s.currency.generation || c.figures.size() != c.clusters.size()) {
        c.figures.assign(c.clusters.size(), {});
        for (size_t i = 0; i < c.clusters.size(); ++i)
            for (const ClusterMember& m : c.clusters[i].members) c.figures[i].push_back(member_figure(s, m));
        c.figures_generation = s.currency.generation;
    }
    build_rows(c);
    c.dirty = false;
}

std::string select_cluster(AppState& s, int row) {
    update_compare(s);
    CompareState& c = s.compare;
    if (row < -1 || row >= (int)c.rows.size())
        return "no cluster at row " + std::to_string(row) + " (there are " + std::to_string(c.rows.size()) + " on screen)";
    c.selected = row;
    if (row >= 0) {
        // The first member's article opens in the reader at its figure.
        const Cluster& cl = c.clusters[c.rows[(size_t)row]];
        if (!cl.members.empty()) {
            const ClusterMember& m = cl.members.front();
            const Claim& claim = c.claims[m.article][m.claim];
            select_article(s, c.claim_article[m.article]);
            s.scroll_reader_to_top = false;
            s.reader_highlight_start = claim.start;
            s.reader_highlight_end = claim.end;
            s.scroll_reader_to_highlight = true;
        }
    }
    return "";
}

MemberFigure member_figure(const AppState& s, const ClusterMember& m) {
    const CompareState& c = s.compare;
    MemberFigure f;
    if (m.article >= c.claims.size() || m.claim >= c.claims[m.article].size()) return f;
    const Claim& claim = c.claims[m.article][m.claim];
    const Article& art = s.corpus.articles[(size_t)c.claim_article[m.article]];
    if (claim.end <= art.text.size() && claim.start < claim.end) {
        f.text = art.text.substr(claim.start, claim.end - claim.start);
        f.start = claim.start;
        f.end = claim.end;
        f.sentence = sentence_around(art.text, claim.start, claim.end);
    }
    f.value = claim.value;
    f.low = claim.low;
    f.high = claim.high;
    f.unit = claim.unit ? claim.unit : "";
    const CurrencyDesc& desc = s.currency.desc;
    if (claim.kind != ClaimKind::Money || desc.to.empty() || !claim.unit) return f;
    ArticleRates own = article_rates(c.claims[m.article]);
    ArticleRates just;  // a figure of a pair into the target converts at its own pair's rate
    if (desc.mode == RateMode::Article && claim.pair >= 0 && claim.pair_unit && desc.to == claim.pair_unit && !is_none(claim.rate))
        just.pairs.push_back({claim.unit, claim.pair_unit, claim.rate, m.claim});
    const FactDates when{parse_day(art.date), claim.period_end};
    const Conversion cv = convert_money(claim.value, claim.low, claim.high, claim.unit, claim.ambiguous, when, s.currency.rates,
                                        just.pairs.empty() ? &own : &just, desc);
    if (cv.converted()) {
        f.value = cv.value;
        f.low = cv.low;
        f.high = cv.high;
        f.unit = std::string(cv.unit);
        f.converted = true;
        f.note = explain_conversion(claim.value, claim.unit, cv);
    } else if (cv.status == ConvertStatus::NoRate) {
        f.note = "not converted: " + cv.error;
    }
    return f;
}

}  // namespace factlens
