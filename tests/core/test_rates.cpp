// Rate tables, lookup, cross rates, the rounding interval of written figures, and conversion.
// Expected values are worked by hand from the rows of assets/cny_reference_rates.json and
// tests/data/ecb/eurofxref-hist.csv (quoted in the comments).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "convert.h"
#include "dates.h"
#include "rates.h"

using namespace factlens;

static std::string read_file(const std::string& rel) {
    std::ifstream f(std::string(FACTLENS_SOURCE_DIR) + "/" + rel, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

static RateTable cfets_table() {
    RateTable t;
    RateSource s;
    std::string why;
    REQUIRE(load_reference_rates(read_file("assets/cny_reference_rates.json"), "CFETS central parity", &s, &why));
    t.sources.push_back(std::move(s));
    return t;
}

TEST_CASE("reference rates: the shipped CFETS table loads with its provenance", "[rates]") {
    RateTable t = cfets_table();
    const RateSource& s = t.sources[0];
    CHECK(s.pivot == "CNY");
    CHECK(s.currencies() == std::vector<std::string>{"CNY", "EUR", "GBP", "HKD", "JPY", "USD"});
    CHECK(s.first_date == 20250114);
    CHECK(s.last_date == 20260127);
    CHECK(s.find("USD")->points.size() == 8);
    CHECK(s.rate_count() == 15);
}

TEST_CASE("rate lookup: exact date, latest earlier date, weekends, before the first rate", "[rates]") {
    RateTable t = cfets_table();
    // 2025-12-19: 7.0550 CNY per USD, exactly that day.
    RateQuote q = find_rate(t, "USD", "CNY", {20251219});
    REQUIRE(q.ok);
    CHECK(q.rate == Approx(7.0550));
    CHECK(q.date == 20251219);
    CHECK_FALSE(q.stale);
    // 2025-12-20 is a Saturday, 2025-12-21 a Sunday: Friday's rate.
    CHECK(weekday(20251220) == 5);
    CHECK(find_rate(t, "USD", "CNY", {20251220}).date == 20251219);
    CHECK(find_rate(t, "USD", "CNY", {20251221}).rate == Approx(7.0550));
    // ECNS, 2026-01-21: the latest before is 2025-12-22 (7.0572), exactly 30 days earlier: not stale.
    q = find_rate(t, "CNY", "USD", {20260121});
    REQUIRE(q.ok);
    CHECK(q.rate == Approx(1 / 7.0572));
    CHECK(q.date == 20251222);
    CHECK_FALSE(q.stale);
    CHECK(t.sources[0].notes[q.note] == "CFETS central parity (MENAFN)");
    // 2026-01-22: 31 days after 2025-12-22: stale.
    CHECK(find_rate(t, "CNY", "USD", {20260122}).stale);
    // Before the first rate: nothing, and it says why. Never the first rate in its place.
    q = find_rate(t, "USD", "CNY", {20240601});
    CHECK_FALSE(q.ok);
    CHECK(q.error.find("2024-06-01") != std::string::npos);
    CHECK(q.error.find("2025-01-14") != std::string::npos);
    // No date: the latest rate.
    CHECK(find_rate(t, "USD", "CNY", {}).date == 20260127);
    // Unknown currency.
    q = find_rate(t, "USD", "XAU", {20260101});
    CHECK_FALSE(q.ok);
    CHECK(q.error.find("XAU") != std::string::npos);
}

TEST_CASE("cross rates through CNY", "[rates]") {
    RateTable t = cfets_table();
    // 2026-01-27: EUR 8.2755 CNY, USD 6.9858 CNY -> 1.184617 USD per EUR.
    RateQuote q = find_rate(t, "EUR", "USD", {20260127});
    REQUIRE(q.ok);
    CHECK(q.rate == Approx(1.184617).epsilon(1e-6));
    CHECK(q.date == 20260127);
    // 2026-01-26: USD from that day (6.9843), EUR only from 2025-01-14 (7.4206): the older date is
    // the rate's date, and it is stale.
    q = find_rate(t, "EUR", "USD", {20260126});
    REQUIRE(q.ok);
    CHECK(q.rate == Approx(7.4206 / 6.9843));
    CHECK(q.date == 20250114);
    CHECK(q.stale);
    // HKD -> JPY on 2026-01-27: 0.89592 / 0.045176 = 19.8317 JPY per HKD.
    CHECK(find_rate(t, "HKD", "JPY", {20260127}).rate == Approx(19.8317).epsilon(1e-5));
}

TEST_CASE("ECB CSV: the real historical file", "[rates]") {
    const std::string csv = read_file("tests/data/ecb/eurofxref-hist.csv");
    REQUIRE(csv.size() > 1000000);
    RateSource s;
    std::string why;
    REQUIRE(load_ecb_csv(csv, "eurofxref-hist.csv", &s, &why));
    CHECK(s.pivot == "EUR");
    CHECK(s.first_date == 19990104);
    CHECK(s.last_date == 20241011);
    CHECK(s.find("USD")->points.size() == 6603);  // a USD rate on every one of the 6,603 days
    CHECK(s.find("CYP") != nullptr);              // a currency that stopped (N/A after 2007)
    CHECK(s.find("CYP")->points.back().date < 20080101);
    CHECK(s.currencies().size() == 42);           // 41 columns and EUR
    RateTable t;
    t.sources.push_back(std::move(s));
    // 2024-10-11: USD 1.0938, CNY 7.7282 per EUR -> 7.7282 / 1.0938 = 7.06546 CNY per USD.
    RateQuote q = find_rate(t, "USD", "CNY", {20241011});
    REQUIRE(q.ok);
    CHECK(q.rate == Approx(7.06546).epsilon(1e-5));
    CHECK(q.date == 20241011);
    CHECK(find_rate(t, "EUR", "USD", {20241011}).rate == Approx(1.0938));
    CHECK(find_rate(t, "USD", "EUR", {20241011}).rate == Approx(1 / 1.0938));
    // 2024-10-12 is a Saturday: Friday's rates.
    CHECK(find_rate(t, "USD", "CNY", {20241012}).date == 20241011);
}

TEST_CASE("ECB CSV: broken copies are refused with the line and the reason", "[rates]") {
    RateSource s, kept;
    kept.name = "kept";
    std::string why;
    const std::string header = "Date,USD,JPY,CNY,\n";
    auto refused = [&](const std::string& csv, const std::string& expect) {
        s = kept;
        why.clear();
        bool ok = load_ecb_csv(csv, "x.csv", &s, &why);
        INFO(csv.substr(0, 80) << " -> " << why);
        CHECK_FALSE(ok);
        CHECK(why.find(expect) != std::string::npos);
        CHECK(s.name == "kept");  // untouched
    };
    refused("", "empty");
    refused("\n\n", "empty");
    refused(header, "no rates");
    refused("Datum,USD,\n2024-10-11,1.0938,\n", "line 1");
    refused(header + "2024-10-11,1.0938,162.94,\n", "line 2: has 3 fields");          // missing column
    refused(header + "2024-10-11,1.0938,162.94,7.7282,\n2024-10-10,1.09x,162.85,7.72,\n", "line 3: USD \"1.09x\"");
    refused(header + "2024-10-11,-1.0938,162.94,7.7282,\n", "line 2: USD");
    refused(header + "2024-13-11,1.0938,162.94,7.7282,\n", "line 2: \"2024-13-11\" is not a date");
    refused(header + "2024-10-11,1.0938,162.94,7.7282,\n2024-10-11,1.0938,162.94,7.7282,\n", "two CNY rates for 2024-10-11");
    refused("Date,USD,usd,\n2024-10-11,1,1,\n", "line 1: column 3");
    // 100 MB of garbage lines: refused at once, on its first line.
    std::string garbage;
    garbage.reserve(100u << 20);
    while (garbage.size() < (100u << 20)) garbage += "lorem ipsum,dolor,sit,amet;;;\x01\xff garbage line\n";
    refused(garbage, "line 1");
    // A valid header then garbage: refused on line 2.
    refused(header + garbage.substr(0, 1 << 20), "line 2");
    // N/A, CRLF line ends, a byte-order mark and no final newline are all fine.
    s = kept;
    REQUIRE(load_ecb_csv("\xEF\xBB\xBF" "Date,USD,CNY,\r\n2024-10-11,1.0938,N/A,\r\n2024-10-10,1.0932,7.7376,", "y.csv", &s, &why));
    CHECK(s.find("USD")->points.size() == 2);
    CHECK(s.find("CNY")->points.size() == 1);
}

TEST_CASE("reference JSON: malformed files are refused", "[rates]") {
    RateSource s;
    std::string why;
    CHECK_FALSE(load_reference_rates("{", "x", &s, &why));
    CHECK(why == "not valid JSON");
    CHECK_FALSE(load_reference_rates("{\"rates\": 3}", "x", &s, &why));
    CHECK_FALSE(load_reference_rates(R"({"rates": [{"date": "2025-01-14", "base": "USD", "quote": "CNY", "rate": "7.1"}]})", "x", &s, &why));
    CHECK(why == "rate 1: \"rate\" is not a number");
    CHECK_FALSE(load_reference_rates(R"({"rates": [{"date": "2025-01-14", "base": "USD", "quote": "CNY", "rate": 7.1},
        {"date": "2025-01-15", "base": "USD", "quote": "EUR", "rate": 0.9}]})", "x", &s, &why));
    CHECK(why == "rate 2: quote EUR differs from the file's CNY");
    CHECK_FALSE(load_reference_rates(R"({"rates": [{"date": "2025-02-30", "base": "USD", "quote": "CNY", "rate": 7.1}]})", "x", &s, &why));
    CHECK_FALSE(load_reference_rates(R"({"rates": []})", "x", &s, &why));
    CHECK(s.series.empty());
}

TEST_CASE("the rounding interval of a written amount", "[rates]") {
    auto lo = [](double v, const char* w) { return written_interval(v, w).low; };
    auto hi = [](double v, const char* w) { return written_interval(v, w).high; };
    CHECK(lo(170e9, "$170 billion") == Approx(169.5e9));
    CHECK(hi(170e9, "$170 billion") == Approx(170.5e9));
    CHECK(lo(171.39e9, "$171.39 billion") == Approx(171.385e9));
    CHECK(hi(171.39e9, "$171.39 billion") == Approx(171.395e9));
    CHECK(lo(1.78e6, "1.78 million") == Approx(1.775e6));
    CHECK(hi(1.78e6, "1.78 million") == Approx(1.785e6));
    CHECK(lo(1.2e12, "1.2 trillion yuan") == Approx(1.15e12));
    CHECK(lo(6000, "over 6,000") == Approx(5999.5));
    CHECK(hi(9.2, "9.2%") == Approx(9.25));
    CHECK(hi(134.9084e12, "134.9084 trillion") == Approx(134.90845e12));
    // No digits: exact.
    CHECK(lo(1e12, "one trillion") == 1e12);
    // A range: the value is the first number, the last written is another: no rounding assumed.
    CHECK(hi(30, "30-40 percent") == 30);
}

TEST_CASE("convert_money: reference, article and custom rates, with provenance", "[rates]") {
    RateTable t = cfets_table();
    CurrencyDesc usd;
    usd.to = "USD";
    const FactDates ecns{20260121, 20251231};
    Conversion c = convert_money(1.2e12, 1.2e12, kNone, "CNY", false, ecns, t, nullptr, usd);
    REQUIRE(c.status == ConvertStatus::Converted);
    CHECK(c.value == Approx(1.2e12 / 7.0572));
    CHECK(c.low == Approx(1.2e12 / 7.0572));
    CHECK(is_none(c.high));
    CHECK(c.unit == "USD");
    CHECK(c.display_rate == Approx(7.0572));
    CHECK(c.rate_unit == "CNY per USD");
    CHECK(c.rate_date == 20251222);
    CHECK(explain_conversion(1.2e12, "CNY", c) ==
          "1.2 trillion CNY ÷ 7.0572 CNY per USD (CFETS central parity (MENAFN), 2025-12-22) = 170.0 billion USD");
    // Unknown publication date: the end of the fact's period (2025) -> 2025-12-22 as well.
    CHECK(convert_money(1.2e12, kNone, kNone, "CNY", false, {0, 20251231}, t, nullptr, usd).rate_date == 20251222);

    // The article's own rate: ECNS pairs 1.2 trillion yuan with $168 billion (7.142857 CNY per USD).
    std::vector<Claim> claims(2);
    claims[0].kind = claims[1].kind = ClaimKind::Money;
    claims[0].value = 1.2e12; claims[0].unit = "CNY"; claims[0].pair = 1; claims[0].rate = 1.2e12 / 168e9; claims[0].pair_unit = "USD";
    claims[1].value = 168e9; claims[1].unit = "USD"; claims[1].pair = 0; claims[1].rate = 168e9 / 1.2e12; claims[1].pair_unit = "CNY";
    ArticleRates own = article_rates(claims);
    CurrencyDesc art = usd;
    art.mode = RateMode::Article;
    c = convert_money(1.2e12, kNone, kNone, "CNY", false, ecns, t, &own, art);
    CHECK(c.status == ConvertStatus::Converted);
    CHECK(c.value == Approx(168e9).epsilon(1e-12));
    CHECK(c.rate_source == "the article's own conversion");
    CHECK(c.rate_date == 0);
    // ... and back: 168 billion USD in CNY is 1.2 trillion.
    CurrencyDesc art_cny = art;
    art_cny.to = "CNY";
    CHECK(convert_money(168e9, kNone, kNone, "USD", false, ecns, t, &own, art_cny).value == Approx(1.2e12));
    // An article without a CNY-EUR pair falls back to the reference rate, and says so.
    CurrencyDesc art_eur = art;
    art_eur.to = "EUR";
    c = convert_money(1.2e12, kNone, kNone, "CNY", false, ecns, t, &own, art_eur);
    CHECK(c.status == ConvertStatus::Fallback);
    CHECK(c.converted());
    CHECK(c.error.find("reference rate used") != std::string::npos);
    CHECK(explain_conversion(1.2e12, "CNY", c).find("reference rate used") != std::string::npos);

    // Custom: 7.10 CNY per USD.
    CurrencyDesc custom = usd;
    custom.mode = RateMode::Custom;
    custom.custom_rate = 7.10;
    custom.custom_quote = "CNY";
    custom.custom_base = "USD";
    c = convert_money(1.2e12, kNone, kNone, "CNY", false, ecns, t, nullptr, custom);
    CHECK(c.value == Approx(1.2e12 / 7.10));
    CHECK(c.rate_source == "custom rate");
    CHECK(explain_conversion(1.2e12, "CNY", c) == "1.2 trillion CNY ÷ 7.1 CNY per USD (custom rate) = 169.0 billion USD");

    // Not money, already in the target currency, no rate for the date, an ambiguous $.
    CHECK(convert_money(9.2, kNone, kNone, "%", false, ecns, t, nullptr, usd).status == ConvertStatus::NotMoney);
    CHECK(convert_money(5, kNone, kNone, "ton", false, ecns, t, nullptr, usd).status == ConvertStatus::NotMoney);
    c = convert_money(168e9, kNone, kNone, "USD", false, ecns, t, nullptr, usd);
    CHECK(c.status == ConvertStatus::Unchanged);
    CHECK(c.value == 168e9);
    c = convert_money(1e9, kNone, kNone, "CNY", false, {20200101, 0}, t, nullptr, usd);
    CHECK(c.status == ConvertStatus::NoRate);
    CHECK(c.value == 1e9);  // left as written
    CHECK(c.unit == "CNY");
    c = convert_money(1e9, kNone, kNone, "USD", true, ecns, t, nullptr, CurrencyDesc{"CNY"});
    CHECK(c.assumed_currency);
    CHECK(explain_conversion(1e9, "USD", c).find("USD is assumed") != std::string::npos);
    // Nothing chosen: as written.
    CHECK(convert_money(1e9, kNone, kNone, "USD", false, ecns, t, nullptr, CurrencyDesc{}).status == ConvertStatus::NotMoney);
}

TEST_CASE("format_converted_value: four significant digits", "[rates]") {
    char b[64];
    CHECK(std::string(format_converted_value(170.0396e9, b, sizeof b)) == "170.0 billion");
    CHECK(std::string(format_converted_value(1.2e12, b, sizeof b)) == "1.2 trillion");
    CHECK(std::string(format_converted_value(23.456e9, b, sizeof b)) == "23.46 billion");
    CHECK(std::string(format_converted_value(6000.4, b, sizeof b)) == "6,000");
    CHECK(std::string(format_converted_value(12.345, b, sizeof b)) == "12.35");
}

TEST_CASE("rates: fuzz findings stay fixed", "[rates]") {
    // A header that is the file's last line, with no newline: refused, never a read past the end.
    RateSource s;
    std::string why;
    CHECK_FALSE(load_ecb_csv("Date,USD", "x.csv", &s, &why));
    CHECK(why == "the file has a header but no rates");
    // Absurd stored rates never give an infinite answer.
    RateTable t;
    REQUIRE(load_reference_rates(R"({"rates": [{"date": "2025-01-14", "base": "USD", "quote": "CNY", "rate": 1e308},
        {"date": "2025-01-14", "base": "JPY", "quote": "CNY", "rate": 5e-324}]})", "x", &s, &why));
    t.sources.push_back(s);
    RateQuote q = find_rate(t, "USD", "JPY", {20250114});
    CHECK_FALSE(q.ok);
    CHECK(q.error.find("out of range") != std::string::npos);
    // A publication date that is not a day counts as unknown (no overflow in date arithmetic).
    ExtractOptions bad;
    bad.published = 2147483647;
    for (const Claim& c : extract_claims("It rose 5% on Wednesday.", bad)) {
        CHECK((c.period_start == 0 || (c.period_start > 10000101 && c.period_start < 99991231)));
    }
}
