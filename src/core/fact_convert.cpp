// The currency toggle over the fact table: every money row converted into one currency, with one
// rate record per distinct (currency, date, article) shared by the rows that use it. See
// convert_facts() in fact_table.h.
#include <cstring>
#include <unordered_map>

#include "fact_table.h"

namespace factlens {

std::string_view FactTable::shown_unit(uint32_t r) const {
    if (const Conversion* c = conversion(r); c && c->converted()) return c->unit;
    return units.get(unit[r]);
}

namespace {

// Which rate a row needs: its currency, the day the rate is for and, in Article mode, its article.
struct RateKey {
    uint32_t unit = 0;
    Day day = 0;
    uint32_t source = 0;
    double own_rate = 0;  // Article mode, a row of a conversion pair into the target: its own rate
    bool operator==(const RateKey& o) const {
        return unit == o.unit && day == o.day && source == o.source && own_rate == o.own_rate;
    }
};
struct RateKeyHash {
    size_t operator()(const RateKey& k) const {
        uint64_t bits = 0;
        std::memcpy(&bits, &k.own_rate, sizeof bits);
        uint64_t h = (uint64_t)k.unit * 0x9E3779B97F4A7C15ull ^ (uint64_t)(uint32_t)k.day * 0xC2B2AE3D27D4EB4Full ^ k.source ^ bits;
        return (size_t)(h ^ (h >> 29));
    }
};

}  // namespace

void convert_facts(FactTable& t, const RateTable& rates, const CurrencyDesc& desc) {
    t.conv_value.clear();
    t.conv_low.clear();
    t.conv_high.clear();
    t.conv_use.clear();
    t.conv_uses.clear();
    t.conv_desc = desc;
    ++t.generation;
    t.conv_generation = t.generation;
    if (desc.to.empty()) return;
    const size_t n = t.size();
    t.conv_value.assign(t.value.begin(), t.value.end());
    t.conv_low.assign(t.low.begin(), t.low.end());
    t.conv_high.assign(t.high.begin(), t.high.end());
    t.conv_use.assign(n, 0);

    // Which units are currencies, once per pool id rather than once per row.
    std::vector<uint8_t> is_money(t.units.count() + 1, 0);
    for (uint32_t id = 1; id <= t.units.count(); ++id) is_money[id] = is_currency_unit(t.units.get(id));

    // Article mode: each source's own pairs, gathered once. The rate unit reads "CNY per USD": the
    // pair's currency is the part after " per ".
    std::vector<ArticleRates> own;
    const bool article_mode = desc.mode == RateMode::Article;
    auto pair_unit_of = [&](size_t r) {
        std::string_view ru = t.rate_units.get(t.rate_unit[r]);
        size_t per = ru.find(" per ");
        return per == std::string_view::npos ? std::string_view() : ru.substr(per + 5);
    };
    if (article_mode) {
        own.resize(t.sources.size());
        for (size_t r = 0; r < n; ++r) {
            if (t.pair_row[r] < 0 || is_none(t.rate[r]) || !is_money[t.unit[r]] || pair_unit_of(r).empty()) continue;
            own[t.source[r]].pairs.push_back(ArticlePair{t.units.get(t.unit[r]), pair_unit_of(r), t.rate[r], (uint32_t)r});
        }
    }

    std::unordered_map<RateKey, uint32_t, RateKeyHash> use_of;
    RateKey last{};
    uint32_t last_use = 0;
    bool have_last = false;
    const uint8_t money = (uint8_t)ClaimKind::Money;
    for (size_t r = 0; r < n; ++r) {
        if (t.kind[r] != money || !is_money[t.unit[r]]) continue;
        const FactDates when{t.sources[t.source[r]].published, t.period_end[r]};
        RateKey key{t.unit[r], when.rate_day(), article_mode ? t.source[r] : 0, 0};
        // A figure the article itself converts into the target converts at exactly its own rate,
        // even when the article states other pairs at other rates.
        ArticleRates just_this;
        if (article_mode && t.pair_row[r] >= 0 && !is_none(t.rate[r]) && pair_unit_of(r) == desc.to) {
            key.own_rate = t.rate[r];
            just_this.pairs.push_back(ArticlePair{t.units.get(t.unit[r]), pair_unit_of(r), t.rate[r], (uint32_t)r});
        }
        uint32_t use;
        if (have_last && key == last) {
            use = last_use;  // rows of one article share a date: the usual case
        } else {
            auto it = use_of.find(key);
            if (it != use_of.end()) {
                use = it->second;
            } else {
                // Convert 1 unit to learn the rate; the row's own numbers are scaled below.
                Conversion c = convert_money(1, kNone, kNone, t.units.get(t.unit[r]), false, when, rates,
                                             !article_mode ? nullptr : key.own_rate ? &just_this : &own[t.source[r]], desc);
                t.conv_uses.push_back(std::move(c));
                use = (uint32_t)t.conv_uses.size();
                use_of.emplace(key, use);
            }
            last = key;
            last_use = use;
            have_last = true;
        }
        t.conv_use[r] = use;
        const Conversion& c = t.conv_uses[use - 1];
        if (!c.converted()) continue;
        t.conv_value[r] = c.apply(t.conv_value[r]);  // NaN stays NaN: an open bound stays open
        t.conv_low[r] = c.apply(t.conv_low[r]);
        t.conv_high[r] = c.apply(t.conv_high[r]);
    }
}

std::string explain_fact_conversion(const FactTable& t, uint32_t r) {
    const Conversion* use = r < t.size() ? t.conversion(r) : nullptr;
    if (!use) return "";
    Conversion c = *use;
    c.value = t.conv_value[r];
    c.low = t.conv_low[r];
    c.high = t.conv_high[r];
    c.assumed_currency = t.ambiguous[r] != 0;
    return explain_conversion(t.value[r], t.units.get(t.unit[r]), c);
}

}  // namespace factlens
