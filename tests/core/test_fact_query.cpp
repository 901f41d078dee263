#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "fact_query.h"

using namespace factlens;

namespace {

std::vector<QueryTerm> parse_ok(const std::string& q) {
    std::vector<QueryTerm> terms;
    QueryError err;
    INFO("query: " << q);
    const bool ok = parse_fact_query(q, &terms, &err);
    INFO("error: " << err.message);
    REQUIRE(ok);
    return terms;
}

QueryTerm parse_one(const std::string& q) {
    std::vector<QueryTerm> terms = parse_ok(q);
    INFO("query: " << q);
    REQUIRE(terms.size() == 1);
    return terms[0];
}

// Parses a query that must fail; checks *out is left alone.
QueryError parse_err(const std::string& q) {
    std::vector<QueryTerm> terms(2);
    terms[0].values = {"sentinel"};
    QueryError err;
    INFO("query: " << q);
    REQUIRE_FALSE(parse_fact_query(q, &terms, &err));
    REQUIRE(terms.size() == 2);
    CHECK(terms[0].values == std::vector<std::string>{"sentinel"});
    CHECK_FALSE(err.message.empty());
    return err;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

double num(const std::string& s) {
    double v = -12345;
    INFO("number: " << s);
    REQUIRE(parse_query_number(s, &v));
    return v;
}

bool not_num(const std::string& s) {
    double v = -12345;
    const bool ok = parse_query_number(s, &v);
    return !ok && v == -12345;  // untouched on failure
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("empty and whitespace-only queries have no terms", "[query]") {
    CHECK(parse_ok("").empty());
    CHECK(parse_ok("   ").empty());
    CHECK(parse_ok("\t \xC2\xA0 ").empty());
    // A successful parse clears *out first.
    std::vector<QueryTerm> terms(3);
    QueryError err;
    REQUIRE(parse_fact_query(" ", &terms, &err));
    CHECK(terms.empty());
}

TEST_CASE("free text words and phrases", "[query]") {
    auto ts = parse_ok("  AI  firms\t");
    REQUIRE(ts.size() == 2);
    CHECK(ts[0].field == QueryField::FreeText);
    CHECK(ts[0].values == Strings{"AI"});
    CHECK(ts[0].pos == 2);
    CHECK(ts[0].len == 2);
    CHECK_FALSE(ts[0].negate);
    CHECK(ts[1].values == Strings{"firms"});
    CHECK(ts[1].pos == 6);
    CHECK(ts[1].len == 5);

    ts = parse_ok("period:2025 \"AI firms\"");
    REQUIRE(ts.size() == 2);
    CHECK(ts[1].field == QueryField::FreeText);
    CHECK(ts[1].values == Strings{"AI firms"});
    CHECK(ts[1].pos == 12);
    CHECK(ts[1].len == 10);

    // Escaped quote and backslash inside a phrase.
    auto t = parse_one(R"("say \"hi\" \\ \n")");
    CHECK(t.values == Strings{R"(say "hi" \ \n)"});

    // U+00A0 separates terms, but is kept inside a phrase.
    ts = parse_ok("a\xC2\xA0" "b \"c\xC2\xA0" "d\"");
    REQUIRE(ts.size() == 3);
    CHECK(ts[0].values == Strings{"a"});
    CHECK(ts[1].values == Strings{"b"});
    CHECK(ts[1].pos == 3);
    CHECK(ts[2].values == Strings{"c\xC2\xA0" "d"});

    // A known field name without an operator is just a word.
    t = parse_one("kind");
    CHECK(t.field == QueryField::FreeText);
    CHECK(t.values == Strings{"kind"});
    // A quoted filter is text.
    t = parse_one("\"kind:money\"");
    CHECK(t.field == QueryField::FreeText);
    CHECK(t.values == Strings{"kind:money"});
    // '!' alone is not an operator.
    t = parse_one("Yahoo!");
    CHECK(t.values == Strings{"Yahoo!"});
}

TEST_CASE("words with an operator but no field name are free text", "[query]") {
    for (const char* w : {"9.2%", "$170", "<5", "3:2", ">=10", ":x", "=", "!=", "+5:1", ".5:1", "\xE2\x82\xAC" "5:1",
                          "\xC2\xA3" "3=2", "\xE4\xBC\x81\xE4\xB8\x9A:AI", "(a):b", "10>9"}) {
        auto t = parse_one(w);
        INFO(w);
        CHECK(t.field == QueryField::FreeText);
        CHECK(t.values == Strings{w});
        CHECK(t.len == std::string(w).size());
    }
    auto t = parse_one("-3:2");
    CHECK(t.negate);
    CHECK(t.values == Strings{"3:2"});
}

TEST_CASE("negation with '-' and '!='", "[query]") {
    auto t = parse_one("-hedge:none");
    CHECK(t.field == QueryField::Hedge);
    CHECK(t.negate);
    CHECK(t.none);
    CHECK(t.values.empty());
    CHECK(t.pos == 0);
    CHECK(t.len == 11);

    t = parse_one("hedge!=none");
    CHECK(t.field == QueryField::Hedge);
    CHECK(t.op == QueryOp::Is);
    CHECK(t.negate);
    CHECK(t.none);

    t = parse_one("-word");
    CHECK(t.field == QueryField::FreeText);
    CHECK(t.negate);
    CHECK(t.values == Strings{"word"});
    CHECK(t.len == 5);

    t = parse_one("-\"two words\"");
    CHECK(t.negate);
    CHECK(t.values == Strings{"two words"});
    CHECK(t.len == 12);

    t = parse_one("unit!=USD,EUR");
    CHECK(t.negate);
    CHECK(t.values == (Strings{"USD", "EUR"}));

    // A '-' inside a word is not a negation.
    t = parse_one("x-y");
    CHECK_FALSE(t.negate);
    CHECK(t.values == Strings{"x-y"});
}

TEST_CASE("kind filter: names, lists, case", "[query]") {
    auto t = parse_one("kind:money");
    CHECK(t.field == QueryField::Kind);
    CHECK(t.op == QueryOp::Is);
    CHECK(t.kind == ClaimKind::Money);
    CHECK(t.kinds == (1u << int(ClaimKind::Money)));

    t = parse_one("KIND=Percent,date");
    CHECK(t.kind == ClaimKind::Percent);
    CHECK(t.kinds == ((1u << int(ClaimKind::Percent)) | (1u << int(ClaimKind::Date))));

    t = parse_one("kind:count,money,percent,quantity,date,period");
    CHECK(t.kinds == 0x3Fu);
    CHECK(t.kind == ClaimKind::Count);

    t = parse_one("kind!=\"quantity\"");
    CHECK(t.negate);
    CHECK(t.kinds == (1u << int(ClaimKind::Quantity)));
}

TEST_CASE("text and equality fields", "[query]") {
    auto ts = parse_ok("kind:money unit:USD,CNY value>1e9");
    REQUIRE(ts.size() == 3);
    CHECK(ts[1].field == QueryField::Unit);
    CHECK(ts[1].values == (Strings{"USD", "CNY"}));
    CHECK(ts[1].pos == 11);
    CHECK(ts[1].len == 12);
    CHECK(ts[2].field == QueryField::Value);
    CHECK(ts[2].op == QueryOp::Gt);
    CHECK(ts[2].number == 1e9);

    auto t = parse_one("outlet:\"Race to AGI\"");
    CHECK(t.field == QueryField::Outlet);
    CHECK(t.values == Strings{"Race to AGI"});
    CHECK(t.len == 20);

    t = parse_one("Outlet:\"Race to AGI\",Verge,\"The \\\"Times\\\"\"");
    CHECK(t.values == (Strings{"Race to AGI", "Verge", "The \"Times\""}));

    t = parse_one("article=a1.txt");
    CHECK(t.field == QueryField::Article);
    CHECK(t.values == Strings{"a1.txt"});

    t = parse_one("subject:revenue");
    CHECK(t.field == QueryField::Subject);
    CHECK(t.values == Strings{"revenue"});

    t = parse_one("text:bn");
    CHECK(t.field == QueryField::Text);
    CHECK(t.values == Strings{"bn"});

    t = parse_one("qualifier:\"more than\"");
    CHECK(t.field == QueryField::Qualifier);
    CHECK(t.values == Strings{"more than"});

    t = parse_one("direction:up");
    CHECK(t.field == QueryField::Direction);
    CHECK(t.values == Strings{"up"});

    t = parse_one("hedge=forecast,target");
    CHECK(t.field == QueryField::Hedge);
    CHECK(t.values == (Strings{"forecast", "target"}));

    // Values may contain operator characters.
    t = parse_one("outlet:a:b=c");
    CHECK(t.values == Strings{"a:b=c"});
}

TEST_CASE("none on text fields", "[query]") {
    for (const char* q : {"unit:none", "qualifier:NONE", "hedge:None", "direction:none", "subject:none"}) {
        auto t = parse_one(q);
        INFO(q);
        CHECK(t.none);
        CHECK(t.values.empty());
    }
    auto t = parse_one("unit:USD,none");
    CHECK(t.none);
    CHECK(t.values == Strings{"USD"});
    // Quoted, it is the text "none".
    t = parse_one("subject:\"none\"");
    CHECK_FALSE(t.none);
    CHECK(t.values == Strings{"none"});
    // On outlet, article and text none is an ordinary value.
    for (const char* q : {"outlet:none", "article:none", "text:none"}) {
        t = parse_one(q);
        INFO(q);
        CHECK_FALSE(t.none);
        CHECK(t.values == Strings{"none"});
    }
}

TEST_CASE("period and date spans with every operator", "[query]") {
    auto t = parse_one("period:2025");
    CHECK(t.field == QueryField::Period);
    CHECK(t.op == QueryOp::Is);
    CHECK(t.day_from == 20250101);
    CHECK(t.day_to == 20251231);

    t = parse_one("period=2024-02");
    CHECK(t.day_from == 20240201);
    CHECK(t.day_to == 20240229);
    t = parse_one("period:2025-02");
    CHECK(t.day_to == 20250228);
    t = parse_one("date:2025-03-05");
    CHECK(t.field == QueryField::Date);
    CHECK(t.day_from == 20250305);
    CHECK(t.day_to == 20250305);
    t = parse_one("date:2025-3-5");
    CHECK(t.day_from == 20250305);

    t = parse_one("date<2025-04");
    CHECK(t.op == QueryOp::Lt);
    CHECK(t.day_from == 20250401);
    CHECK(t.day_to == 20250430);
    CHECK(parse_one("date<=2025").op == QueryOp::Le);
    CHECK(parse_one("period>2025").op == QueryOp::Gt);
    t = parse_one("period>=2025-12-31");
    CHECK(t.op == QueryOp::Ge);
    CHECK(t.day_from == 20251231);

    t = parse_one("period!=2025");
    CHECK(t.negate);
    CHECK(t.op == QueryOp::Is);

    t = parse_one("period:none");
    CHECK(t.none);
    CHECK(t.day_from == 0);
    t = parse_one("-date:\"NONE\"");
    CHECK(t.none);
    CHECK(t.negate);
}

TEST_CASE("number fields with every operator", "[query]") {
    auto t = parse_one("value:6,000");
    CHECK(t.field == QueryField::Value);
    CHECK(t.op == QueryOp::Is);
    CHECK(t.number == 6000);
    CHECK(parse_one("value=9.2").number == 9.2);
    t = parse_one("low<-3");
    CHECK(t.field == QueryField::Low);
    CHECK(t.op == QueryOp::Lt);
    CHECK(t.number == -3);
    t = parse_one("high<=12k");
    CHECK(t.field == QueryField::High);
    CHECK(t.op == QueryOp::Le);
    CHECK(t.number == 12000);
    t = parse_one("rate>1.5m");
    CHECK(t.field == QueryField::Rate);
    CHECK(t.op == QueryOp::Gt);
    CHECK(t.number == 1.5e6);
    t = parse_one("VALUE>=1.2tn");
    CHECK(t.op == QueryOp::Ge);
    CHECK(t.number == 1.2e12);
    t = parse_one("value!=3bn");
    CHECK(t.negate);
    CHECK(t.number == 3e9);
    t = parse_one("value:\"1,234.5\"");
    CHECK(t.number == 1234.5);
    t = parse_one("rate:none");
    CHECK(t.none);
    t = parse_one("-low=none");
    CHECK(t.none);
    CHECK(t.negate);
}

TEST_CASE("ambiguous flag", "[query]") {
    CHECK(parse_one("ambiguous:true").flag);
    CHECK(parse_one("ambiguous=YES").flag);
    CHECK_FALSE(parse_one("ambiguous:false").flag);
    auto t = parse_one("Ambiguous!=no");
    CHECK(t.field == QueryField::Ambiguous);
    CHECK_FALSE(t.flag);
    CHECK(t.negate);
}

TEST_CASE("non-ASCII values keep their bytes", "[query]") {
    auto ts = parse_ok("subject:\"AI \xE4\xBC\x81\xE4\xB8\x9A\" \xE4\xBC\x81\xE4\xB8\x9A unit:\xE2\x82\xAC");
    REQUIRE(ts.size() == 3);
    CHECK(ts[0].field == QueryField::Subject);
    CHECK(ts[0].values == Strings{"AI \xE4\xBC\x81\xE4\xB8\x9A"});
    CHECK(ts[0].len == 19);
    CHECK(ts[1].field == QueryField::FreeText);
    CHECK(ts[1].values == Strings{"\xE4\xBC\x81\xE4\xB8\x9A"});
    CHECK(ts[1].pos == 20);
    CHECK(ts[1].len == 6);
    CHECK(ts[2].values == Strings{"\xE2\x82\xAC"});
    CHECK(ts[2].pos == 27);
}

TEST_CASE("query_field_name", "[query]") {
    CHECK(std::string(query_field_name(QueryField::FreeText)) == "text");
    CHECK(std::string(query_field_name(QueryField::Kind)) == "kind");
    CHECK(std::string(query_field_name(QueryField::Ambiguous)) == "ambiguous");
    CHECK(std::string(query_field_name(QueryField::Direction)) == "direction");
}

TEST_CASE("errors: unknown field", "[query][error]") {
    auto e = parse_err("kind:money foo:bar");
    CHECK(e.pos == 11);
    CHECK(e.len == 3);
    CHECK(e.message == "unknown field \"foo\" at character 12 (known: kind, unit, outlet, article, subject, text, "
                       "qualifier, hedge, direction, period, date, value, low, high, rate, ambiguous)");
    e = parse_err("-Kinds=money");
    CHECK(e.pos == 1);
    CHECK(e.len == 5);
    CHECK(contains(e.message, "unknown field \"Kinds\" at character 2"));
    e = parse_err("x<5");
    CHECK(e.pos == 0);
    CHECK(e.len == 1);
    e = parse_err("a!=b");
    CHECK(e.len == 1);
    // After a multi-byte character: byte 9, character 5.
    e = parse_err("\xE4\xBC\x81\xE4\xB8\x9A \xC3\xA9 src:x");
    CHECK(e.pos == 10);
    CHECK(e.len == 3);
    CHECK(contains(e.message, "unknown field \"src\" at character 6 "));
}

TEST_CASE("errors: '-' misuse", "[query][error]") {
    auto e = parse_err("AI -");
    CHECK(e.pos == 3);
    CHECK(e.len == 1);
    CHECK(e.message == "'-' needs a term after it at character 4");
    e = parse_err("- x");
    CHECK(e.pos == 0);
    CHECK(contains(e.message, "at character 1"));
    e = parse_err("a -\xC2\xA0" "b");
    CHECK(e.pos == 2);
    e = parse_err("-unit!=USD");
    CHECK(e.pos == 0);
    CHECK(e.len == 7);
    CHECK(e.message == "'-' and '!=' together at character 1: use one of them");
    e = parse_err("--x");
    CHECK(e.pos == 0);
    CHECK(e.len == 2);
}

TEST_CASE("errors: quotes", "[query][error]") {
    auto e = parse_err("kind:money \"AI firms");
    CHECK(e.pos == 11);
    CHECK(e.len == 1);
    CHECK(e.message == "unterminated quote at character 12");
    e = parse_err("outlet:\"Race to AGI");
    CHECK(e.pos == 7);
    CHECK(e.len == 1);
    CHECK(contains(e.message, "unterminated quote at character 8"));
    e = parse_err("\"ends with escaped quote\\\"");
    CHECK(e.pos == 0);
    CHECK(contains(e.message, "unterminated"));
    e = parse_err("unit:USD,\"EUR");
    CHECK(e.pos == 9);
    e = parse_err("a \"\"");
    CHECK(e.pos == 2);
    CHECK(e.len == 2);
    CHECK(contains(e.message, "empty quoted phrase"));
    CHECK(contains(e.message, "at character 3"));
    e = parse_err("outlet:\"\"");
    CHECK(e.pos == 7);
    CHECK(e.len == 2);
    e = parse_err("\"AI\"firms");
    CHECK(e.pos == 4);
    CHECK(e.len == 1);
    CHECK(contains(e.message, "at character 5"));
    e = parse_err("outlet:\"a\"b");
    CHECK(e.pos == 10);
    e = parse_err("ab\"cd\"");
    CHECK(e.pos == 2);
    CHECK(e.len == 1);
    CHECK(contains(e.message, "unexpected '\"' at character 3"));
    e = parse_err("unit:US\"D\"");
    CHECK(e.pos == 7);
}

TEST_CASE("errors: empty values and lists", "[query][error]") {
    auto e = parse_err("value>1 kind:");
    CHECK(e.pos == 8);
    CHECK(e.len == 5);
    CHECK(e.message == "\"kind:\" needs a value at character 9");
    e = parse_err("Value>= x");
    CHECK(e.pos == 0);
    CHECK(e.len == 7);
    CHECK(contains(e.message, "\"Value>=\" needs a value at character 1"));
    e = parse_err("unit:USD,");
    CHECK(e.pos == 8);
    CHECK(e.len == 1);
    CHECK(contains(e.message, "at character 9"));
    e = parse_err("unit:USD,,EUR");
    CHECK(e.pos == 8);
    e = parse_err("unit:,USD");
    CHECK(e.pos == 5);
    CHECK(contains(e.message, "before the ','"));
    e = parse_err("period:2024,2025");
    CHECK(e.pos == 11);
    CHECK(e.len == 1);
    CHECK(e.message == "a comma list is not supported for \"period\" at character 12");
    e = parse_err("ambiguous:yes,no");
    CHECK(e.pos == 13);
    e = parse_err("value:1000,2000");
    CHECK(e.pos == 6);
    CHECK(e.len == 9);
    CHECK(contains(e.message, "bad number \"1000,2000\" at character 7"));
    CHECK(contains(e.message, "comma list is not supported"));
}

TEST_CASE("errors: operators a field does not take", "[query][error]") {
    auto e = parse_err("kind>3");
    CHECK(e.pos == 4);
    CHECK(e.len == 1);
    CHECK(e.message == "field \"kind\" does not take '>' at character 5 (allowed: ':' '=' '!=')");
    e = parse_err("outlet<x");
    CHECK(e.pos == 6);
    CHECK(contains(e.message, "'<'"));
    e = parse_err("ambiguous>=true");
    CHECK(e.pos == 9);
    CHECK(e.len == 2);
    for (const char* q : {"unit<=x", "article>a", "subject<a", "text>a", "qualifier<a", "hedge>a", "direction<a"})
        CHECK(contains(parse_err(q).message, "does not take"));
    e = parse_err("value>none");
    CHECK(e.pos == 6);
    CHECK(e.len == 4);
    CHECK(contains(e.message, "\"none\" cannot be compared with '>' at character 7"));
    e = parse_err("period<=none");
    CHECK(e.pos == 8);
}

TEST_CASE("errors: bad kinds, dates, numbers, booleans", "[query][error]") {
    auto e = parse_err("kind:moneyy");
    CHECK(e.pos == 5);
    CHECK(e.len == 6);
    CHECK(e.message == "unknown kind \"moneyy\" at character 6 (kinds: count, money, percent, quantity, date, period)");
    e = parse_err("kind:money,none");
    CHECK(e.pos == 11);
    CHECK(e.len == 4);

    e = parse_err("period:2025-13");
    CHECK(e.pos == 7);
    CHECK(e.len == 7);
    CHECK(contains(e.message, "bad date \"2025-13\" at character 8"));
    for (const char* q : {"date:2025-02-29", "date:25", "date:20250", "date:2025-", "date:2025-1-", "date:0000",
                          "date:2025-001", "date:2025-01-01x", "period:yesterday", "date:2025-04-31"})
        CHECK(contains(parse_err(q).message, "bad date"));
    CHECK(parse_one("date:2024-02-29").day_from == 20240229);

    e = parse_err("value:abc");
    CHECK(e.pos == 6);
    CHECK(e.len == 3);
    CHECK(e.message == "bad number \"abc\" at character 7");
    e = parse_err("rate<1..2");
    CHECK(e.pos == 5);
    CHECK(e.len == 4);

    e = parse_err("ambiguous:maybe");
    CHECK(e.pos == 10);
    CHECK(e.len == 5);
    CHECK(contains(e.message, "at character 11"));
}

TEST_CASE("errors after multi-byte characters give character numbers", "[query][error]") {
    // "企业 " is 7 bytes and 3 characters.
    auto e = parse_err("\xE4\xBC\x81\xE4\xB8\x9A kind:moneyy");
    CHECK(e.pos == 12);
    CHECK(e.len == 6);
    CHECK(contains(e.message, "at character 9 "));
    e = parse_err("subject:\"AI \xE4\xBC\x81\xE4\xB8\x9A\" period:2025-13");
    CHECK(e.pos == 27);
    CHECK(contains(e.message, "at character 24 "));
    e = parse_err("\xC3\xA9\xC3\xA9 \"x");
    CHECK(e.pos == 5);
    CHECK(e.message == "unterminated quote at character 4");
}

TEST_CASE("errors: invalid UTF-8", "[query][error]") {
    auto e = parse_err("kind:money \xC3\xA9 \xFF");
    CHECK(e.pos == 14);
    CHECK(e.len == 1);
    CHECK(e.message == "the query is not valid UTF-8 at character 14");
    e = parse_err("\"a\xE2\x82\"");
    CHECK(e.pos == 2);
    CHECK(contains(e.message, "not valid UTF-8"));
    parse_err("\xC0\xAF");
    parse_err("\xED\xA0\x80");
}

TEST_CASE("a null QueryError is allowed", "[query][error]") {
    std::vector<QueryTerm> terms;
    CHECK_FALSE(parse_fact_query("kind:", &terms, nullptr));
    CHECK(parse_fact_query("kind:date", &terms, nullptr));
    CHECK(terms.size() == 1);
}

TEST_CASE("parse_query_number accepts the documented forms", "[query][number]") {
    CHECK(num("0") == 0);
    CHECK(num("6000") == 6000);
    CHECK(num("6,000") == 6000);
    CHECK(num("1,234,567.25") == 1234567.25);
    CHECK(num("9.2") == 9.2);
    CHECK(num(".5") == 0.5);
    CHECK(num("-3") == -3);
    CHECK(num("+3") == 3);
    CHECK(num("1e9") == 1e9);
    CHECK(num("1.2e12") == 1.2e12);
    CHECK(num("1.2E+12") == 1.2e12);
    CHECK(num("25e-2") == 0.25);
    CHECK(num("12k") == 12000);
    CHECK(num("12K") == 12000);
    CHECK(num("1.5m") == 1.5e6);
    CHECK(num("1.5MN") == 1.5e6);
    CHECK(num("3b") == 3e9);
    CHECK(num("3bn") == 3e9);
    CHECK(num("3Bn") == 3e9);
    CHECK(num("1.2t") == 1.2e12);
    CHECK(num("1.2tn") == 1.2e12);
    CHECK(num("-2.5bn") == -2.5e9);
    CHECK(num("1,500k") == 1.5e6);
    CHECK(num("0.1t") == 1e11);
}

TEST_CASE("parse_query_number rejects everything else", "[query][number]") {
    for (const char* s : {"", "abc", "1..2", "1e", "1e+", "inf", "nan", "INF", "-", "+", ".", "1.2.3", "1,2", "1,23",
                          "1,2345", "1000,000", ",100", "100,", "1,000,00", "12kk", "12x", "1 000", " 1", "1 ", "0x10",
                          "1e999", "-1e400", "1e308k", "5bnn", "k", "--1", "1-", "1,000.", "\xE2\x88\x92" "1"}) {
        INFO("\"" << s << "\"");
        CHECK(not_num(s));
    }
    CHECK(not_num("1."));  // a '.' needs digits after it
    CHECK(num("1,000.5") == 1000.5);
}
