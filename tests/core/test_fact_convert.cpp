// The currency toggle over the seed facts: every money row converted, sorted and filtered by the
// converted value, each under the three rate modes. Expected values are worked by hand from the
// seed texts and the CFETS rows (assets/cny_reference_rates.json).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus.h"
#include "fact_query.h"
#include "fact_table.h"
#include "facts_io.h"
#include "rate_check.h"
#include "rates.h"

using namespace factlens;

namespace {

std::string slurp(const std::string& rel) {
    std::ifstream f(std::string(FACTLENS_SOURCE_DIR) + "/" + rel, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

struct Seeds {
    Corpus corpus;
    FactTable table;
    RateTable rates;
    Seeds() {
        const std::string meta = slurp("assets/corpus/articles.json");
        const char* names[] = {"000_9de56da941baaf02.txt", "001_74d299288f265200.txt", "002_97deae5d2b524853.txt",
                               "003_fafa350621e27bbb.txt", "004_31ee5d1c5e0105ad.txt"};
        std::vector<std::string> texts;
        for (const char* n : names) texts.push_back(slurp(std::string("assets/corpus/") + n));
        std::vector<NamedText> files;
        for (size_t i = 0; i < 5; ++i) files.push_back({names[i], texts[i]});
        REQUIRE(load_corpus(meta, files, &corpus).ok);
        FactsLoadResult r = load_facts_text(&table, &corpus, "facts.json", slurp("assets/facts.json"));
        INFO(r.error);
        REQUIRE(r.ok);
        RateSource s;
        std::string why;
        REQUIRE(load_reference_rates(slurp("assets/cny_reference_rates.json"), "CFETS central parity", &s, &why));
        rates.sources.push_back(std::move(s));
    }
    // The row of the figure that starts at byte `start` of article "NNN_..."
    uint32_t row(const char* article_prefix, uint32_t start) const {
        for (uint32_t r = 0; r < table.size(); ++r)
            if (table.sources[table.source[r]].id.rfind(article_prefix, 0) == 0 && table.start[r] == start) return r;
        FAIL("no fact at " << article_prefix << ":" << start);
        return 0;
    }
};

}  // namespace

TEST_CASE("currency toggle: reference rates on the seeds", "[rates][convert]") {
    Seeds s;
    FactTable& t = s.table;
    CurrencyDesc usd;
    usd.to = "USD";
    const uint64_t g = t.generation;
    convert_facts(t, s.rates, usd);
    CHECK(t.generation > g);  // views re-sort
    REQUIRE(t.converted());
    // ECNS (002, 2026-01-21): "exceed 1.2 trillion yuan" at 2025-12-22's 7.0572 -> 170.04 billion.
    const uint32_t ecns_cny = s.row("002", 190);
    CHECK(t.shown_value()[ecns_cny] == Approx(1.2e12 / 7.0572));
    CHECK(t.shown_low()[ecns_cny] == Approx(1.2e12 / 7.0572));
    CHECK(is_none(t.shown_high()[ecns_cny]));
    CHECK(t.shown_unit(ecns_cny) == "USD");
    CHECK(t.value[ecns_cny] == 1.2e12);  // the written value is kept
    CHECK(explain_fact_conversion(t, ecns_cny) ==
          "1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity (MENAFN), 2025-12-22) = 170.0 billion USD");
    // Its "$168 billion" is already dollars (the $ was ambiguous: said so).
    const uint32_t ecns_usd = s.row("002", 215);
    CHECK(t.shown_value()[ecns_usd] == 168e9);
    CHECK(t.conversion(ecns_usd)->status == ConvertStatus::Unchanged);
    // 001 states no date: the end of the fact's period (2025) picks 2025-12-22 as well.
    const uint32_t undated = s.row("001", 78);
    CHECK(t.conversion(undated)->rate_date == 20251222);
    CHECK(t.shown_value()[undated] == Approx(1e12 / 7.0572));
    // Percentages and counts are left alone.
    for (uint32_t r = 0; r < t.size(); ++r)
        if (t.kind[r] != (uint8_t)ClaimKind::Money) {
            CHECK(t.conversion(r) == nullptr);
            if (!is_none(t.value[r])) CHECK(t.shown_value()[r] == t.value[r]);
        }

    // value>1.5e11 now means dollars: the 1.2 trillion yuan figures (170 billion USD) and the
    // $168/$170/$171.39 billion ones pass; 1 trillion yuan (141.7 billion USD) and $142 billion don't.
    std::vector<QueryTerm> q;
    QueryError err;
    REQUIRE(parse_fact_query("kind:money value>1.5e11", &q, &err));
    FactView v;
    query_facts(t, q, {{FactField::Value, true}}, &v);
    CHECK(v.rows.size() == 6);  // 000: 1.2T x2, $170B, $171.39B; 002: 1.2T, $168B; nothing else
    for (uint32_t r : v.rows) CHECK(t.shown_value()[r] > 1.5e11);
    // Sorted by the converted value, yuan and dollars interleave: 171.39B USD, 1.2T CNY (170.04B), 170B USD, ...
    CHECK(t.shown_value()[v.rows[0]] == 171.39e9);
    CHECK(t.value[v.rows[1]] == 1.2e12);
    for (size_t i = 1; i < v.rows.size(); ++i) CHECK(t.shown_value()[v.rows[i - 1]] >= t.shown_value()[v.rows[i]]);

    // Back to as written.
    convert_facts(t, s.rates, CurrencyDesc{});
    CHECK_FALSE(t.converted());
    CHECK(t.conversion(ecns_cny) == nullptr);
    CHECK(t.shown_value()[ecns_cny] == 1.2e12);
    query_facts(t, q, {{FactField::Value, true}}, &v);
    CHECK(v.rows.size() == 14);  // as written: the 11 yuan figures of 1 trillion and more (000: 2, 001: 2,
                                // 002: 1, 003: 2, 004: 4) and $168B, $170B, $171.39B
}

TEST_CASE("currency toggle: each article's own rate converts its own pairs exactly", "[rates][convert]") {
    Seeds s;
    FactTable& t = s.table;
    CurrencyDesc art;
    art.to = "USD";
    art.mode = RateMode::Article;
    convert_facts(t, s.rates, art);
    // ECNS: 1.2 trillion yuan -> 168 billion USD, as it wrote.
    CHECK(t.shown_value()[s.row("002", 190)] == Approx(168e9).epsilon(1e-12));
    // 000 states two pairs at two rates; each converts at its own: 170 and 171.39 billion.
    CHECK(t.shown_value()[s.row("000", 376)] == Approx(170e9).epsilon(1e-12));
    CHECK(t.shown_value()[s.row("000", 1547)] == Approx(171.39e9).epsilon(1e-12));
    // 003 and 004: 1 trillion -> 142 billion.
    CHECK(t.shown_value()[s.row("003", 165)] == Approx(142e9).epsilon(1e-12));
    CHECK(t.shown_value()[s.row("004", 445)] == Approx(142e9).epsilon(1e-12));
    // 004's unpaired "1 trillion yuan" uses the article's pair too (7.0423).
    const Conversion* c = t.conversion(s.row("004", 41));
    REQUIRE(c);
    CHECK(c->status == ConvertStatus::Converted);
    CHECK(c->rate_source == "the article's own conversion");
    // 001 states no pair: the reference rate, flagged.
    c = t.conversion(s.row("001", 78));
    REQUIRE(c);
    CHECK(c->status == ConvertStatus::Fallback);
    CHECK(explain_fact_conversion(t, s.row("001", 78)).find("the article states no CNY–USD conversion: reference rate used") != std::string::npos);
}

TEST_CASE("currency toggle: custom rate, other targets, and rows with no rate", "[rates][convert]") {
    Seeds s;
    FactTable& t = s.table;
    CurrencyDesc custom;
    custom.to = "USD";
    custom.mode = RateMode::Custom;
    custom.custom_rate = 7.10;
    custom.custom_quote = "CNY";
    custom.custom_base = "USD";
    convert_facts(t, s.rates, custom);
    CHECK(t.shown_value()[s.row("002", 190)] == Approx(1.2e12 / 7.10));
    // EUR through CNY on ECNS's date: EUR's latest CFETS row is 2025-01-14 (7.4206), a year old: stale.
    CurrencyDesc eur;
    eur.to = "EUR";
    convert_facts(t, s.rates, eur);
    const Conversion* c = t.conversion(s.row("002", 190));
    REQUIRE(c);
    CHECK(c->value * 1.2e12 == Approx(1.2e12 / 7.4206));
    CHECK(c->stale);
    CHECK(t.shown_value()[s.row("002", 215)] == Approx(168e9 * 7.0572 / 7.4206));
    // No rate table at all: nothing converted, every money row says why, values as written.
    convert_facts(t, RateTable{}, eur);
    c = t.conversion(s.row("002", 190));
    REQUIRE(c);
    CHECK(c->status == ConvertStatus::NoRate);
    CHECK(t.shown_value()[s.row("002", 190)] == 1.2e12);
    CHECK(t.shown_unit(s.row("002", 190)) == "CNY");
}

TEST_CASE("rates panel: every seed conversion pair with its implied interval and verdict", "[rates][convert]") {
    Seeds s;
    std::vector<PairCheck> checks = check_conversion_pairs(s.table, s.rates);
    // 000 states two pairs, 002, 003 and 004 one each; 001 none.
    REQUIRE(checks.size() == 5);
    auto find = [&](const char* art, uint32_t start) -> const PairCheck& {
        for (const PairCheck& c : checks)
            if (c.row == s.row(art, start)) return c;
        FAIL("no check for " << art << ":" << start);
        return checks[0];
    };
    // 000: 1.2 trillion yuan as US$170 billion: [1.2e12/170.5e9, 1.2e12/169.5e9] = [7.0381, 7.0796];
    // the reference for 2026-01-22 is 2025-12-22's 7.0572 (31 days old): inside.
    const PairCheck& a = find("000", 376);
    CHECK(a.rate_unit == "CNY per USD");
    CHECK(a.implied == Approx(7.0588).epsilon(1e-4));
    CHECK(a.implied_low == Approx(7.0381).epsilon(1e-4));
    CHECK(a.implied_high == Approx(7.0796).epsilon(1e-4));
    CHECK(a.reference == Approx(7.0572));
    CHECK(a.reference_date == 20251222);
    CHECK(a.reference_stale);
    CHECK(a.verdict == PairVerdict::Consistent);
    // 000: 1.2 trillion as 171.39 billion: [7.00154, 7.00195]; 7.0572 is 0.8% above: far. At the
    // reference rate 171.39 billion USD is 1.2095 trillion yuan, which "exceed 1.2 trillion" allows.
    const PairCheck& b = find("000", 1547);
    CHECK(b.implied_low == Approx(1.2e12 / 171.395e9));
    CHECK(b.implied_high == Approx(1.2e12 / 171.385e9));
    CHECK(b.verdict == PairVerdict::Far);
    CHECK(b.reference_base == Approx(171.39e9 * 7.0572));
    CHECK(b.explanation.find("allows") != std::string::npos);
    // ECNS: 1.2 trillion as $168 billion: [7.1215, 7.1642], 0.9% above the reference: far.
    const PairCheck& c = find("002", 190);
    CHECK(c.implied == Approx(7.142857));
    CHECK(c.implied_low == Approx(1.2e12 / 168.5e9));
    CHECK(c.verdict == PairVerdict::Far);
    CHECK(c.reference_date == 20251222);
    // 003 (no date: 2025's end) and 004 (2025-12-27): 1 trillion as $142 billion: [7.0175, 7.0671]: consistent.
    CHECK(find("003", 165).verdict == PairVerdict::Consistent);
    CHECK(find("003", 165).rate_day == 20251231);
    CHECK(find("004", 445).verdict == PairVerdict::Consistent);
    // No rate table: no reference, said so.
    std::vector<PairCheck> none = check_conversion_pairs(s.table, RateTable{});
    REQUIRE(none.size() == 5);
    for (const PairCheck& p : none) {
        CHECK(p.verdict == PairVerdict::NoReference);
        CHECK(p.explanation.find("no reference rate") != std::string::npos);
    }
}

TEST_CASE("currency toggle: export carries the conversion, and reads back", "[rates][convert]") {
    Seeds s;
    FactTable& t = s.table;
    CurrencyDesc usd;
    usd.to = "USD";
    convert_facts(t, s.rates, usd);
    const uint32_t cny = s.row("002", 190), usd_row = s.row("002", 215), pct = [&] {
        for (uint32_t r = 0; r < t.size(); ++r)
            if (t.kind[r] == (uint8_t)ClaimKind::Percent) return r;
        return 0u;
    }();
    const nlohmann::json j = nlohmann::json::parse(export_facts_json(t, {cny, usd_row, pct}));
    REQUIRE(j.size() == 3);
    CHECK(j[0]["value"] == 1.2e12);
    CHECK(j[0]["unit"] == "CNY");
    CHECK(j[0]["display_value"].get<double>() == Approx(1.2e12 / 7.0572));
    CHECK(j[0]["display_unit"] == "USD");
    CHECK(j[0]["rate"] == 7.0572);
    CHECK(j[0]["rate_unit"] == "CNY per USD");
    CHECK(j[0]["rate_source"] == "CFETS central parity (MENAFN)");
    CHECK(j[0]["rate_date"] == "2025-12-22");
    CHECK(j[0]["rate_stale"] == false);
    CHECK(j[0]["conversion"] == "converted");
    CHECK(j[0]["conversion_note"] == "1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity (MENAFN), 2025-12-22) = 170.0 billion USD");
    CHECK(j[0]["pair_rate"].get<double>() == Approx(1.2e12 / 168e9));
    CHECK(j[0]["pair_rate_unit"] == "CNY per USD");
    CHECK(j[1]["display_value"] == 168e9);
    CHECK(j[1]["conversion"] == "unchanged");
    CHECK(j[1]["rate"] == 1);
    CHECK_FALSE(j[2].contains("display_value"));  // a percentage: not money
    CHECK(j[2]["rate"].is_null());
    // The CSV has the same columns.
    const std::string csv = export_facts_csv(t, {cny});
    CHECK(csv.find("hedge,rate,rate_unit,display_value,display_unit,rate_source,rate_date,rate_stale,conversion,conversion_note,pair_rate,pair_rate_unit\r\n") != std::string::npos);
    CHECK(csv.find(",7.0572,CNY per USD,170039108995.06888,USD,") != std::string::npos);  // 1.2e12 / 7.0572
    CHECK(csv.find("CFETS central parity (MENAFN),2025-12-22,false,converted,") != std::string::npos);
    // Loaded back, a converted export keeps the pair's own rate, not the conversion's.
    FactTable back;
    FactsLoadResult r = load_facts_text(&back, nullptr, "converted.json", export_facts_json(t, {cny, usd_row}));
    INFO(r.error);
    REQUIRE(r.ok);
    CHECK(back.rate[0] == Approx(1.2e12 / 168e9));
    CHECK(back.rate_units.get(back.rate_unit[0]) == "CNY per USD");
}
