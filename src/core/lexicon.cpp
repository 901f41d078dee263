#include "lexicon.h"

#include <cstring>
#include <cstdint>

namespace factlens {

namespace {

struct Row {
    const char* word;
    LexEntry e;
};

LexEntry num(double v, bool scale = false) { return {LexKind::Number, v, nullptr, Bound::Exact, scale}; }
LexEntry sc(double v) { return {LexKind::Scale, v, nullptr, Bound::Exact, false}; }
LexEntry cur(const char* code) { return {LexKind::Currency, 0, code, Bound::Exact, false}; }
LexEntry unit(const char* u) { return {LexKind::Unit, 0, u, Bound::Exact, false}; }
LexEntry month(int m) { return {LexKind::Month, (double)m, nullptr, Bound::Exact, false}; }
LexEntry wday(int d) { return {LexKind::Weekday, (double)d, nullptr, Bound::Exact, false}; }
LexEntry qual(const char* q, Bound b) { return {LexKind::Qualifier, 0, q, b, false}; }
LexEntry dir(const char* d) { return {LexKind::Direction, 0, d, Bound::Exact, false}; }
LexEntry hedge(const char* h) { return {LexKind::Hedge, 0, h, Bound::Exact, false}; }
LexEntry frac(double v) { return {LexKind::Fraction, v, nullptr, Bound::Exact, false}; }
LexEntry mult(double v) { return {LexKind::Multiple, v, nullptr, Bound::Exact, false}; }
LexEntry place(int cue) { return {LexKind::Place, (double)cue, nullptr, Bound::Exact, false}; }
LexEntry kind(LexKind k) { return {k, 0, nullptr, Bound::Exact, false}; }

const Row kRows[] = {
    {"zero", num(0)}, {"one", num(1)}, {"two", num(2)}, {"three", num(3)}, {"four", num(4)}, {"five", num(5)},
    {"six", num(6)}, {"seven", num(7)}, {"eight", num(8)}, {"nine", num(9)}, {"ten", num(10)},
    {"eleven", num(11)}, {"twelve", num(12)}, {"thirteen", num(13)}, {"fourteen", num(14)},
    {"fifteen", num(15)}, {"sixteen", num(16)}, {"seventeen", num(17)}, {"eighteen", num(18)},
    {"nineteen", num(19)}, {"twenty", num(20)}, {"thirty", num(30)}, {"forty", num(40)}, {"fifty", num(50)},
    {"sixty", num(60)}, {"seventy", num(70)}, {"eighty", num(80)}, {"ninety", num(90)},
    {"hundred", num(100, true)}, {"dozen", num(12)},
    {"thousand", sc(1e3)}, {"k", sc(1e3)}, {"million", sc(1e6)}, {"millions", sc(1e6)}, {"m", sc(1e6)},
    {"mn", sc(1e6)}, {"mln", sc(1e6)}, {"billion", sc(1e9)}, {"billions", sc(1e9)}, {"bn", sc(1e9)},
    {"b", sc(1e9)}, {"trillion", sc(1e12)}, {"trillions", sc(1e12)}, {"tn", sc(1e12)}, {"trln", sc(1e12)},
    // South Asian scales: a lakh is 10^5, a crore 10^7; "lakh crore" is 10^12 (number_phrase.cpp).
    {"lakh", sc(1e5)}, {"lakhs", sc(1e5)}, {"lac", sc(1e5)}, {"lacs", sc(1e5)}, {"crore", sc(1e7)},
    {"crores", sc(1e7)}, {"cr", sc(1e7)},
    {"first", kind(LexKind::Ordinal)},
    // Places: value is the currency cue (1 CNY, 2 JPY, 3 USD, 4 HKD, 5 AUD, 6 CAD, 7 SGD, 8 TWD).
    {"china", place(1)}, {"chinese", place(1)}, {"beijing", place(1)}, {"shanghai", place(1)},
    {"shenzhen", place(1)}, {"pboc", place(1)}, {"japan", place(2)}, {"japanese", place(2)},
    {"tokyo", place(2)}, {"osaka", place(2)}, {"nikkei", place(2)}, {"boj", place(2)},
    {"american", place(3)}, {"washington", place(3)}, {"nasdaq", place(3)}, {"nyse", place(3)},
    {"hong", place(4)}, {"australia", place(5)}, {"australian", place(5)}, {"canada", place(6)},
    {"canadian", place(6)}, {"singapore", place(7)}, {"taiwan", place(8)},
    {"half", frac(0.5)}, {"third", frac(1.0 / 3)}, {"thirds", frac(1.0 / 3)}, {"quarter", frac(0.25)},
    {"fifth", frac(0.2)},
    {"twofold", mult(2)}, {"threefold", mult(3)}, {"fourfold", mult(4)}, {"fivefold", mult(5)},
    {"tenfold", mult(10)}, {"hundredfold", mult(100)}, {"doubled", mult(2)}, {"tripled", mult(3)},
    // Currencies. "dollar(s)" alone is USD unless a prefix (HK, Australian...) says otherwise.
    {"yuan", cur("CNY")}, {"renminbi", cur("CNY")}, {"rmb", cur("CNY")}, {"cny", cur("CNY")},
    {"dollar", cur("USD")}, {"dollars", cur("USD")}, {"usd", cur("USD")}, {"hkd", cur("HKD")},
    {"euro", cur("EUR")}, {"euros", cur("EUR")}, {"eur", cur("EUR")}, {"pound", cur("GBP")},
    {"pounds", cur("GBP")}, {"sterling", cur("GBP")}, {"gbp", cur("GBP")}, {"yen", cur("JPY")},
    {"jpy", cur("JPY")}, {"won", cur("KRW")}, {"krw", cur("KRW")}, {"rupee", cur("INR")},
    {"rupees", cur("INR")}, {"inr", cur("INR")}, {"rs", cur("INR")}, {"rouble", cur("RUB")}, {"roubles", cur("RUB")},
    {"ruble", cur("RUB")}, {"rubles", cur("RUB")}, {"rub", cur("RUB")}, {"franc", cur("CHF")},
    {"francs", cur("CHF")}, {"chf", cur("CHF")}, {"real", cur("BRL")}, {"reais", cur("BRL")},
    {"brl", cur("BRL")}, {"peso", cur("MXN")}, {"pesos", cur("MXN")}, {"mxn", cur("MXN")},
    {"rand", cur("ZAR")}, {"zar", cur("ZAR")}, {"lira", cur("TRY")}, {"liras", cur("TRY")},
    {"try", cur("TRY")}, {"ringgit", cur("MYR")}, {"baht", cur("THB")}, {"dong", cur("VND")},
    {"rupiah", cur("IDR")}, {"aud", cur("AUD")}, {"cad", cur("CAD")}, {"sgd", cur("SGD")},
    {"twd", cur("TWD")}, {"nzd", cur("NZD")}, {"sek", cur("SEK")}, {"nok", cur("NOK")},
    {"dkk", cur("DKK")}, {"krona", cur("SEK")}, {"kronor", cur("SEK")}, {"krone", cur("NOK")},
    {"kroner", cur("NOK")}, {"zloty", cur("PLN")}, {"pln", cur("PLN")}, {"dirham", cur("AED")},
    {"dirhams", cur("AED")}, {"aed", cur("AED")}, {"riyal", cur("SAR")}, {"riyals", cur("SAR")},
    {"sar", cur("SAR")}, {"shekel", cur("ILS")}, {"shekels", cur("ILS")}, {"ils", cur("ILS")},
    {"naira", cur("NGN")}, {"ngn", cur("NGN")},
    {"percent", kind(LexKind::Percent)}, {"pct", kind(LexKind::Percent)},
    // Units (quantities). Canonical names are what the claim's unit says.
    {"exaflops", unit("exaflops")}, {"petaflops", unit("petaflops")}, {"teraflops", unit("teraflops")},
    {"gw", unit("GW")}, {"mw", unit("MW")}, {"kw", unit("kW")}, {"twh", unit("TWh")}, {"gwh", unit("GWh")},
    {"kwh", unit("kWh")}, {"gigawatts", unit("GW")}, {"megawatts", unit("MW")}, {"km", unit("km")},
    {"kilometers", unit("km")}, {"kilometres", unit("km")}, {"miles", unit("miles")}, {"meters", unit("m")},
    {"metres", unit("m")}, {"tonnes", unit("tonnes")}, {"tons", unit("tons")}, {"kg", unit("kg")},
    {"kilograms", unit("kg")}, {"barrels", unit("barrels")}, {"bpd", unit("barrels per day")},
    {"pips", unit("pips")}, {"gb", unit("GB")}, {"tb", unit("TB")}, {"mb", unit("MB")},
    {"hectares", unit("hectares")}, {"acres", unit("acres")}, {"degrees", unit("degrees")},
    {"years", unit("years")}, {"months", unit("months")}, {"weeks", unit("weeks")}, {"days", unit("days")},
    {"hours", unit("hours")}, {"decades", unit("decades")},
    // A multiple: "2 times", "2.5 times higher" (as "tenfold": a quantity in "times").
    {"times", unit("times")},
    {"january", month(1)}, {"jan", month(1)}, {"february", month(2)}, {"feb", month(2)}, {"march", month(3)},
    {"mar", month(3)}, {"april", month(4)}, {"apr", month(4)}, {"may", month(5)}, {"june", month(6)},
    {"jun", month(6)}, {"july", month(7)}, {"jul", month(7)}, {"august", month(8)}, {"aug", month(8)},
    {"september", month(9)}, {"sep", month(9)}, {"sept", month(9)}, {"october", month(10)},
    {"oct", month(10)}, {"november", month(11)}, {"nov", month(11)}, {"december", month(12)},
    {"dec", month(12)},
    {"monday", wday(0)}, {"tuesday", wday(1)}, {"wednesday", wday(2)}, {"thursday", wday(3)},
    {"friday", wday(4)}, {"saturday", wday(5)}, {"sunday", wday(6)},
    {"over", qual("over", Bound::Low)}, {"exceed", qual("exceed", Bound::Low)},
    {"exceeds", qual("exceed", Bound::Low)}, {"exceeded", qual("exceed", Bound::Low)},
    {"exceeding", qual("exceed", Bound::Low)}, {"top", qual("top", Bound::Low)},
    {"topped", qual("top", Bound::Low)}, {"tops", qual("top", Bound::Low)},
    {"surpass", qual("surpass", Bound::Low)}, {"surpassed", qual("surpass", Bound::Low)},
    {"surpasses", qual("surpass", Bound::Low)}, {"beyond", qual("beyond", Bound::Low)},
    {"crossed", qual("crossed", Bound::Low)}, {"crossing", qual("crossing", Bound::Low)},
    {"crosses", qual("crossed", Bound::Low)}, {"cross", qual("crossed", Bound::Low)}, {"passed", qual("passed", Bound::Low)},
    {"under", qual("under", Bound::High)}, {"nearly", qual("nearly", Bound::High)},
    {"almost", qual("almost", Bound::High)}, {"about", qual("about", Bound::Approx)},
    {"around", qual("around", Bound::Approx)}, {"approximately", qual("approximately", Bound::Approx)},
    {"roughly", qual("roughly", Bound::Approx)}, {"some", qual("some", Bound::Approx)},
    {"approx", qual("approximately", Bound::Approx)}, {"circa", qual("about", Bound::Approx)},
    {"rose", dir("up")}, {"rise", dir("up")}, {"rises", dir("up")}, {"risen", dir("up")}, {"up", dir("up")},
    {"grew", dir("up")}, {"grow", dir("up")}, {"grown", dir("up")}, {"growth", dir("up")},
    {"increased", dir("up")}, {"increase", dir("up")}, {"raised", dir("up")}, {"boosted", dir("up")},
    {"gained", dir("up")}, {"jumped", dir("up")}, {"climbed", dir("up")}, {"surged", dir("up")},
    {"fell", dir("down")}, {"fall", dir("down")}, {"falls", dir("down")}, {"fallen", dir("down")},
    {"down", dir("down")}, {"declined", dir("down")}, {"decline", dir("down")}, {"decreased", dir("down")},
    {"dropped", dir("down")}, {"slumped", dir("down")}, {"shrank", dir("down")}, {"lost", dir("down")},
    {"expected", hedge("expected")}, {"expects", hedge("expected")}, {"expect", hedge("expected")},
    {"forecast", hedge("forecast")}, {"forecasts", hedge("forecast")}, {"projected", hedge("forecast")},
    {"target", hedge("target")}, {"targets", hedge("target")}, {"targeting", hedge("target")},
    {"targeted", hedge("target")}, {"aims", hedge("target")},
    {"covid", kind(LexKind::NameTrap)}, {"boeing", kind(LexKind::NameTrap)}, {"airbus", kind(LexKind::NameTrap)},
    {"iphone", kind(LexKind::NameTrap)}, {"windows", kind(LexKind::NameTrap)}, {"version", kind(LexKind::NameTrap)},
    {"icp", kind(LexKind::NameTrap)}, {"no", kind(LexKind::NameTrap)}, {"tel", kind(LexKind::NameTrap)},
    {"phone", kind(LexKind::NameTrap)}, {"fax", kind(LexKind::NameTrap)}, {"article", kind(LexKind::NameTrap)},
    {"section", kind(LexKind::NameTrap)}, {"chapter", kind(LexKind::NameTrap)}, {"room", kind(LexKind::NameTrap)},
    {"the", kind(LexKind::Stop)}, {"a", kind(LexKind::Stop)}, {"an", kind(LexKind::Stop)}, {"of", kind(LexKind::Stop)},
    {"in", kind(LexKind::Stop)}, {"on", kind(LexKind::Stop)}, {"at", kind(LexKind::Stop)}, {"to", kind(LexKind::Stop)},
    {"for", kind(LexKind::Stop)}, {"by", kind(LexKind::Stop)}, {"with", kind(LexKind::Stop)},
    {"from", kind(LexKind::Stop)}, {"and", kind(LexKind::Stop)}, {"or", kind(LexKind::Stop)},
    {"than", kind(LexKind::Stop)}, {"that", kind(LexKind::Stop)}, {"which", kind(LexKind::Stop)},
    {"was", kind(LexKind::Stop)}, {"were", kind(LexKind::Stop)}, {"is", kind(LexKind::Stop)},
    {"are", kind(LexKind::Stop)}, {"be", kind(LexKind::Stop)}, {"been", kind(LexKind::Stop)},
    {"has", kind(LexKind::Stop)}, {"have", kind(LexKind::Stop)}, {"had", kind(LexKind::Stop)},
    {"will", kind(LexKind::Stop)}, {"would", kind(LexKind::Stop)}, {"said", kind(LexKind::Stop)},
    {"says", kind(LexKind::Stop)}, {"amid", kind(LexKind::Stop)}, {"while", kind(LexKind::Stop)},
    {"as", kind(LexKind::Stop)}, {"its", kind(LexKind::Stop)}, {"their", kind(LexKind::Stop)},
    {"this", kind(LexKind::Stop)}, {"these", kind(LexKind::Stop)}, {"those", kind(LexKind::Stop)},
    {"last", kind(LexKind::Stop)}, {"year", kind(LexKind::Stop)}, {"now", kind(LexKind::Stop)},
    {"number", kind(LexKind::Stop)}, {"reached", kind(LexKind::Stop)}, {"reach", kind(LexKind::Stop)},
    {"reaching", kind(LexKind::Stop)}, {"value", kind(LexKind::Stop)}, {"total", kind(LexKind::Stop)},
    {"size", kind(LexKind::Stop)}, {"scale", kind(LexKind::Stop)}, {"comprising", kind(LexKind::Stop)},
    {"including", kind(LexKind::Stop)}, {"compared", kind(LexKind::Stop)}, {"respectively", kind(LexKind::Stop)},
    {"per", kind(LexKind::Stop)}, {"into", kind(LexKind::Stop)},
    // Pronouns, adverbs and reporting verbs: never the subject of a figure.
    {"it", kind(LexKind::Stop)}, {"they", kind(LexKind::Stop)}, {"them", kind(LexKind::Stop)},
    {"he", kind(LexKind::Stop)}, {"she", kind(LexKind::Stop)}, {"we", kind(LexKind::Stop)},
    {"already", kind(LexKind::Stop)}, {"also", kind(LexKind::Stop)}, {"still", kind(LexKind::Stop)},
    {"only", kind(LexKind::Stop)}, {"just", kind(LexKind::Stop)}, {"posted", kind(LexKind::Stop)},
    {"reported", kind(LexKind::Stop)}, {"recorded", kind(LexKind::Stop)}, {"registered", kind(LexKind::Stop)},
    {"saw", kind(LexKind::Stop)}, {"hit", kind(LexKind::Stop)}, {"hits", kind(LexKind::Stop)},
    {"moves", kind(LexKind::Stop)}, {"moved", kind(LexKind::Stop)}, {"announced", kind(LexKind::Stop)},
    {"showed", kind(LexKind::Stop)}, {"shows", kind(LexKind::Stop)}, {"signals", kind(LexKind::Stop)},
    {"reflecting", kind(LexKind::Stop)}, {"worth", kind(LexKind::Stop)}, {"made", kind(LexKind::Stop)},
};

// Open addressing on a FNV-1a hash of the lower-cased word: no allocation per lookup, since the
// tokenizer asks for every word of the text.
struct Table {
    static constexpr size_t kSlots = 2048;  // power of two, well over twice the rows
    struct Slot { char word[25]; uint8_t len; const LexEntry* entry; };
    Slot slots[kSlots] = {};
    static uint32_t hash(const char* w, size_t n) {
        uint32_t h = kLexHashSeed;
        for (size_t i = 0; i < n; ++i) h = lex_hash_step(h, w[i]);
        return h;
    }
    Table() {
        for (const Row& r : kRows) {
            const size_t n = std::strlen(r.word);
            if (n > kLexMaxWord) continue;  // cannot happen: kLexMaxWord bounds every row
            size_t i = hash(r.word, n) & (kSlots - 1);
            while (slots[i].entry && !(slots[i].len == n && std::memcmp(slots[i].word, r.word, n) == 0)) i = (i + 1) & (kSlots - 1);
            if (slots[i].entry) continue;  // first row wins
            std::memcpy(slots[i].word, r.word, n);
            slots[i].len = (uint8_t)n;
            slots[i].entry = &r.e;
        }
    }
    const LexEntry* find(const char* w, size_t n) const { return find(w, n, hash(w, n)); }
    const LexEntry* find(const char* w, size_t n, uint32_t h) const {
        size_t i = h & (kSlots - 1);
        while (slots[i].entry) {
            if (slots[i].len == n) {
                size_t k = 0;
                while (k < n && slots[i].word[k] == w[k]) ++k;
                if (k == n) return slots[i].entry;
            }
            i = (i + 1) & (kSlots - 1);
        }
        return nullptr;
    }
};

} // namespace

// Built once at start-up from kRows (declared above, so initialized first); read-only after.
const Table kTable;
static const Table& table() { return kTable; }

const LexEntry& lookup_lower(const char* lower, size_t n, uint32_t hash) {
    static const LexEntry none{};
    const LexEntry* e = n <= kLexMaxWord ? table().find(lower, n, hash) : nullptr;
    return e ? *e : none;
}

const LexEntry& lookup_word(std::string_view word) {
    static const LexEntry none{};
    if (word.empty() || word.size() > 24) return none;
    char buf[25];
    size_t n = 0;
    for (char c : word) {
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        else if (!(c >= 'a' && c <= 'z')) return none;
        buf[n++] = c;
    }
    const LexEntry* e = table().find(buf, n);
    return e ? *e : none;
}

} // namespace factlens
