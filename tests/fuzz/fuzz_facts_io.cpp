// libFuzzer harness: facts_io's loader (load_facts_text, FactsLoader) and its writers
// (export_facts_json / _csv / _tsv), plain and with a currency chosen (convert_facts).
//
// Input: any bytes, taken as a facts file (a JSON array or JSON Lines, as `factlens extract`
// writes). A hash of the input picks whether a small corpus is given (article "a1", whose text is
// kArticle below) and where FactsLoader's chunks are split.
//
// Asserts:
//   - loading is all or nothing: on failure the error is non-empty and the table is exactly as
//     before (rows, sources, pools); on success rows_added / sources_added are what the table grew by;
//   - FactsLoader fed in three chunks at any split gives the same result and error as one call;
//   - every pair_row links to a row of the same source;
//   - export_facts_json of the loaded rows is a JSON array of as many objects, with no raw control
//     characters or U+0085 / U+2028 / U+2029; it loads back into as many rows, and exporting those
//     gives the same bytes again (a fixpoint); the rows in reverse order load back too;
//   - export_facts_csv is RFC 4180 (CRLF) with a header and one record per row, every record with
//     the header's field count; export_facts_tsv has a header and one line per row, each with the
//     header's number of tabs;
//   - the same after convert_facts() to USD (reference rates) or EUR (article mode), whose
//     exports carry the converted columns.
#include <nlohmann/json.hpp>

#include "convert.h"
#include "corpus.h"
#include "fact_table.h"
#include "facts_io.h"
#include "fuzz_common.h"
#include "rates.h"

using namespace factlens;
using nlohmann::json;

namespace {

const char kArticle[] =
    "China's AI sector had more than 6,000 firms in 2025, and the core industry was expected to exceed 1.2 "
    "trillion yuan (about $168 billion), up 9.2% from a year earlier.\n\nShipments of smart glasses exceeded "
    "1.78 million units between January and September.";

const char kRates[] = R"({"rates": [
 {"date": "2024-12-31", "base": "USD", "quote": "CNY", "rate": 7.1884, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "USD", "quote": "CNY", "rate": 7.1586, "source": "fuzz", "url": ""},
 {"date": "2025-06-30", "base": "EUR", "quote": "CNY", "rate": 8.4078, "source": "fuzz", "url": ""}
]})";

const Corpus& corpus() {
    static const Corpus c = [] {
        Corpus k;
        Article a;
        a.id = "a1";
        a.outlet = "ECNS";
        a.date = "2026-01-21";
        a.text = kArticle;
        k.articles.push_back(a);
        return k;
    }();
    return c;
}

const RateTable& rates() {
    static const RateTable t = fuzz::rate_table(kRates);
    return t;
}

// A table that already holds a row, so that loading appends and a failed load must roll back to it.
const char kBase[] =
    R"({"article":"base","kind":"money","value":5,"unit":"USD","start":0,"end":2,"text":"$5","outlet":"B","date":"2025-01-02"})";

struct Snapshot {
    size_t rows, sources;
    uint32_t pools[8];
};

Snapshot snap(const FactTable& t) {
    Snapshot s{t.size(), t.sources.size(), {}};
    const StringPool* p[8] = {&t.units, &t.qualifiers, &t.hedges, &t.directions, &t.subjects, &t.texts, &t.rate_units, &t.sentences};
    for (int i = 0; i < 8; ++i) s.pools[i] = p[i]->count();
    return s;
}

bool same(const Snapshot& a, const Snapshot& b) {
    if (a.rows != b.rows || a.sources != b.sources) return false;
    for (int i = 0; i < 8; ++i)
        if (a.pools[i] != b.pools[i]) return false;
    return true;
}

std::vector<uint32_t> all_rows(const FactTable& t) {
    std::vector<uint32_t> r(t.size());
    for (uint32_t i = 0; i < r.size(); ++i) r[i] = i;
    return r;
}

void check_columns(const FactTable& t) {
    const size_t n = t.size();
    for (size_t col : {t.source.size(), t.ambiguous.size(), t.value.size(), t.low.size(), t.high.size(), t.rate.size(),
                       t.start.size(), t.end.size(), t.period_start.size(), t.period_end.size(), t.pair.size(),
                       t.pair_row.size(), t.unit.size(), t.subject.size(), t.text.size(), t.sentence.size()})
        FUZZ_CHECK(col == n, "FactTable columns of different lengths");
    for (size_t r = 0; r < n; ++r) {
        FUZZ_CHECK(t.source[r] < t.sources.size(), "row with a source out of range");
        FUZZ_CHECK(t.kind[r] <= (uint8_t)ClaimKind::Period, "row with a kind out of range");
        const int32_t pr = t.pair_row[r];
        FUZZ_CHECK(pr == -1 || ((size_t)pr < n && t.source[(size_t)pr] == t.source[r]), "pair_row outside the row's source");
        FUZZ_CHECK(t.unit[r] <= t.units.count() && t.subject[r] <= t.subjects.count() && t.text[r] <= t.texts.count() &&
                       t.sentence[r] <= t.sentences.count() && t.rate_unit[r] <= t.rate_units.count(),
                   "row with a string id out of its pool");
        const int a = t.sources[t.source[r]].article;
        FUZZ_CHECK(a == -1 || (size_t)a < corpus().articles.size(), "source linked to an article out of range");
    }
}

void check_exports(const FactTable& t, const Corpus* c, const char* what) {
    const std::string w = what;
    const std::vector<uint32_t> rows = all_rows(t);
    const std::string js = export_facts_json(t, rows);
    for (unsigned char ch : js) FUZZ_CHECK(ch >= 0x20 || ch == '\n', w + ": raw control character in export_facts_json");
    FUZZ_CHECK(fuzz::raw_unicode_newline(js) == std::string::npos, w + ": raw U+0085/U+2028/U+2029 in export_facts_json");
    const json arr = json::parse(js, nullptr, false);
    FUZZ_CHECK(!arr.is_discarded() && arr.is_array() && arr.size() == t.size(),
               w + ": export_facts_json is not a JSON array of one object per row: " + fuzz::show(js));
    for (const json& o : arr) FUZZ_CHECK(o.is_object(), w + ": export_facts_json item is not an object");

    FactTable back;
    const FactsLoadResult r = load_facts_text(&back, c, "export.json", js);
    FUZZ_CHECK(r.ok, w + ": export_facts_json does not load back: " + r.error + " in " + fuzz::show(js));
    FUZZ_CHECK(back.size() == t.size(), w + ": export_facts_json loads back as another number of rows");
    if (!t.converted()) {
        const std::string again = export_facts_json(back, all_rows(back));
        FUZZ_CHECK(again == js, w + ": export -> load -> export changes the bytes:\n  " + fuzz::show(js) + "\n  " + fuzz::show(again));
    }
    std::vector<uint32_t> rev(rows.rbegin(), rows.rend());
    FactTable back_rev;
    const FactsLoadResult rr = load_facts_text(&back_rev, c, "reversed.json", export_facts_json(t, rev));
    FUZZ_CHECK(rr.ok && back_rev.size() == t.size(), w + ": the rows in reverse order do not load back: " + rr.error);

    bool ok = false;
    const std::string csv = export_facts_csv(t, rows);
    const auto recs = fuzz::parse_csv(csv, true, &ok);
    FUZZ_CHECK(ok && recs.size() == t.size() + 1, w + ": export_facts_csv is not RFC 4180 with a header and one record per row");
    for (const auto& rec : recs) FUZZ_CHECK(rec.size() == recs[0].size(), w + ": export_facts_csv record with another field count");

    const std::string tsv = export_facts_tsv(t, rows);
    size_t lines = 0, tabs = 0, header_tabs = 0;
    for (char ch : tsv) {
        if (ch == '\t') ++tabs;
        if (ch == '\n') {
            if (lines == 0) header_tabs = tabs;
            FUZZ_CHECK(tabs == header_tabs, w + ": export_facts_tsv line with another number of cells");
            ++lines;
            tabs = 0;
        }
        FUZZ_CHECK(ch != '\r', w + ": CR in export_facts_tsv");
    }
    FUZZ_CHECK(tabs == 0 && lines == t.size() + 1 && !tsv.empty() && tsv.back() == '\n',
               w + ": export_facts_tsv is not a header and one line per row");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view in((const char*)data, size);
    const uint64_t h = fuzz::hash(in);
    const Corpus* c = (h & 1) ? &corpus() : nullptr;

    FactTable t;
    const FactsLoadResult base = load_facts_text(&t, c, "base.jsonl", kBase);
    FUZZ_CHECK(base.ok && t.size() == 1, "the base row does not load: " + base.error);
    const Snapshot before = snap(t);
    const FactsLoadResult r = load_facts_text(&t, c, "fuzz.json", in);
    if (!r.ok) {
        FUZZ_CHECK(!r.error.empty(), "a failed load without an error message");
        FUZZ_CHECK(r.rows_added == 0 && same(snap(t), before), "a failed load left the table changed: " + r.error);
    } else {
        FUZZ_CHECK(r.rows_added == t.size() - before.rows && r.sources_added == t.sources.size() - before.sources,
                   "rows_added / sources_added differ from what the table grew by");
    }
    check_columns(t);

    // The same bytes in three chunks.
    {
        FactTable t2;
        load_facts_text(&t2, c, "base.jsonl", kBase);
        const size_t a = size ? (size_t)((h >> 8) % (size + 1)) : 0;
        const size_t b = a + (size - a ? (size_t)((h >> 32) % (size - a + 1)) : 0);
        FactsLoader ld(&t2, c, "fuzz.json");
        ld.feed(in.substr(0, a));
        ld.feed(in.substr(a, b - a));
        ld.feed(in.substr(b));
        const FactsLoadResult r2 = ld.finish();
        FUZZ_CHECK(r2.ok == r.ok && r2.rows_added == r.rows_added && r2.error == r.error,
                   "FactsLoader split at " + std::to_string(a) + "," + std::to_string(b) + " differs from one call: \"" +
                       r2.error + "\" vs \"" + r.error + "\"");
        FUZZ_CHECK(t2.size() == t.size(), "FactsLoader in chunks: another number of rows");
    }

    check_exports(t, c, "plain");
    CurrencyDesc desc;
    desc.to = (h & 2) ? "EUR" : "USD";
    desc.mode = (h & 4) ? RateMode::Article : RateMode::Reference;
    convert_facts(t, rates(), desc);
    FUZZ_CHECK(t.converted(), "convert_facts did not convert");
    for (size_t i = 0; i < t.size(); ++i) FUZZ_CHECK(t.conv_use[i] <= t.conv_uses.size(), "conv_use out of range");
    check_exports(t, c, "converted");
    return 0;
}
