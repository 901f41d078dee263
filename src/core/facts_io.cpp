// Loading facts from `factlens extract` output and exporting rows. See facts_io.h.
//
// [SECTION] RowReader: nlohmann SAX events -> one flat row (no document tree)
// [SECTION] FactsLoader: lines, arrays, sources, all-or-nothing
// [SECTION] Export: JSON, CSV, TSV
#include "facts_io.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "claim_json.h"
#include "claim_writer.h"
#include "dates.h"
#include "fact_query.h"

namespace factlens {

using nlohmann::json;

namespace {

// ---- [SECTION] RowReader -------------------------------------------------------------------------

enum class Key : uint8_t { Other, Article, Kind, Value, Unit, Qualifier, Low, High, Start, End, Text, Subject,
                           Period, Pair, Ambiguous, Direction, Hedge, Rate, RateUnit, Outlet, Date };

Key key_of(const std::string& k) {
    static const std::unordered_map<std::string, Key> kKeys = {
        {"article", Key::Article}, {"kind", Key::Kind}, {"value", Key::Value}, {"unit", Key::Unit},
        {"qualifier", Key::Qualifier}, {"low", Key::Low}, {"high", Key::High}, {"start", Key::Start},
        {"end", Key::End}, {"text", Key::Text}, {"subject", Key::Subject}, {"period", Key::Period},
        {"pair", Key::Pair}, {"ambiguous", Key::Ambiguous}, {"direction", Key::Direction}, {"hedge", Key::Hedge},
        {"rate", Key::Rate}, {"rate_unit", Key::RateUnit}, {"outlet", Key::Outlet}, {"date", Key::Date},
        // A converted export's "rate" is the conversion's; the pair's own rate follows as pair_rate.
        {"pair_rate", Key::Rate}, {"pair_rate_unit", Key::RateUnit}};
    auto it = kKeys.find(k);
    return it == kKeys.end() ? Key::Other : it->second;
}

struct Row {
    std::string article, kind, unit, qualifier, text, subject, direction, hedge, rate_unit, outlet, date;
    std::string period_start, period_end;
    double value = kNone, low = kNone, high = kNone, rate = kNone;
    double start = 0, end = 0, pair = -1;
    bool ambiguous = false, has_kind = false;
    void reset() {
        for (std::string* s : {&article, &kind, &unit, &qualifier, &text, &subject, &direction, &hedge, &rate_unit,
                               &outlet, &date, &period_start, &period_end})
            s->clear();
        value = low = high = rate = kNone;
        start = end = 0;
        pair = -1;
        ambiguous = has_kind = false;
    }
};

const char* key_name(Key k) {
    static const char* const kNames[] = {"?", "article", "kind", "value", "unit", "qualifier", "low", "high", "start",
                                         "end", "text", "subject", "period", "pair", "ambiguous", "direction", "hedge",
                                         "rate", "rate_unit", "outlet", "date"};
    return kNames[(int)k];
}

// SAX handler for a stream of flat fact objects: either one object (a JSON line) or an array of them.
struct RowReader : json::json_sax_t {
    bool array_mode = false;   // the document is [ {...}, ... ]
    int depth = 0;             // containers open
    int skip_depth = 0;        // inside an unknown field's array/object: how deep
    bool in_period = false;
    Key cur = Key::Other;
    std::string period_key;
    Row row;
    size_t items = 0;          // rows completed
    std::string error;         // first problem, without the location prefix
    bool (*on_row)(void* user, Row& row, std::string* error) = nullptr;
    void* user = nullptr;

    int row_depth() const { return array_mode ? 2 : 1; }
    bool fail(std::string why) { if (error.empty()) error = std::move(why); return false; }
    bool in_row_value() const { return depth == row_depth() && skip_depth == 0 && !in_period; }
    bool wrong_type(const char* want) {
        return fail(std::string("\"") + key_name(cur) + "\" must be " + want);
    }

    bool number(double v) {
        if (!skip_depth && !in_period && array_mode && depth == 1) return fail("each item must be an object");
        if (skip_depth || !in_row_value()) return !in_period ? true : fail("\"period\" holds dates as strings");
        if (!std::isfinite(v)) return fail(std::string("\"") + key_name(cur) + "\" is not a finite number");
        switch (cur) {
            case Key::Value: row.value = v; return true;
            case Key::Low: row.low = v; return true;
            case Key::High: row.high = v; return true;
            case Key::Rate: row.rate = v; return true;
            case Key::Start: case Key::End: case Key::Pair:
                if (v < 0 || v > 4294967295.0 || std::floor(v) != v)
                    return fail(std::string("\"") + key_name(cur) + "\" must be a whole number from 0 to 4294967295");
                (cur == Key::Start ? row.start : cur == Key::End ? row.end : row.pair) = v;
                return true;
            case Key::Other: return true;
            default: return wrong_type(cur == Key::Ambiguous ? "true or false" : "a string or null");
        }
    }
    bool null() override {
        if (skip_depth) return true;
        if (in_period) return true;
        if (!in_row_value()) return array_mode && depth == 1 ? fail("each item must be an object") : true;
        if (cur == Key::Kind) return fail("\"kind\" must be a string");
        return true;  // every other field may be null (absent)
    }
    bool boolean(bool b) override {
        if (skip_depth || in_period) return true;
        if (!in_row_value()) return fail("each item must be an object");
        if (cur == Key::Ambiguous) { row.ambiguous = b; return true; }
        if (cur == Key::Other) return true;
        return wrong_type("a number or null");
    }
    bool number_integer(number_integer_t v) override { return number((double)v); }
    bool number_unsigned(number_unsigned_t v) override { return number((double)v); }
    bool number_float(number_float_t v, const string_t&) override { return number(v); }
    bool string(string_t& s) override {
        if (skip_depth) return true;
        if (in_period) {
            if (period_key == "start") row.period_start = s;
            else if (period_key == "end") row.period_end = s;
            return true;
        }
        if (!in_row_value()) return fail("each item must be an object");
        switch (cur) {
            case Key::Article: row.article = s; return true;
            case Key::Kind: row.kind = s; row.has_kind = true; return true;
            case Key::Unit: row.unit = s; return true;
            case Key::Qualifier: row.qualifier = s; return true;
            case Key::Text: row.text = s; return true;
            case Key::Subject: row.subject = s; return true;
            case Key::Direction: row.direction = s; return true;
            case Key::Hedge: row.hedge = s; return true;
            case Key::RateUnit: row.rate_unit = s; return true;
            case Key::Outlet: row.outlet = s; return true;
            case Key::Date: row.date = s; return true;
            case Key::Other: return true;
            case Key::Ambiguous: return wrong_type("true or false");
            case Key::Period: return wrong_type("an object {\"start\", \"end\"} or null");
            default: return wrong_type("a number or null");
        }
    }
    bool binary(binary_t&) override { return fail("binary values are not JSON"); }
    bool start_object(std::size_t) override {
        ++depth;
        if (skip_depth) { ++skip_depth; return true; }
        if (depth == row_depth()) { row.reset(); return true; }
        if (depth == row_depth() + 1 && cur == Key::Period && !in_period) { in_period = true; return true; }
        if (depth < row_depth()) return fail(array_mode ? "expected an array of objects" : "expected an object");
        skip_depth = 1;
        return true;
    }
    bool key(string_t& k) override {
        if (skip_depth) return true;
        if (in_period) { period_key = k; return true; }
        cur = key_of(k);
        return true;
    }
    bool end_object() override {
        --depth;
        if (skip_depth) { --skip_depth; return true; }
        if (in_period) { in_period = false; return true; }
        if (depth == row_depth() - 1) {
            std::string why;
            if (!on_row(user, row, &why)) return fail(why);
            ++items;
        }
        return true;
    }
    bool start_array(std::size_t) override {
        ++depth;
        if (skip_depth) { ++skip_depth; return true; }
        if (depth == 1 && array_mode) return true;
        if (depth == 1) return fail("expected an object (a JSON line) or an array");
        if (in_period) return fail("\"period\" must be an object {\"start\", \"end\"} or null");
        if (depth <= row_depth()) return fail("each item must be an object");  // [[...]]
        skip_depth = 1;
        return true;
    }
    bool end_array() override {
        --depth;
        if (skip_depth) { --skip_depth; return true; }
        return true;
    }
    size_t error_pos = 0;      // bytes read when the JSON became invalid (0: no syntax error)
    bool parse_error(std::size_t pos, const std::string& tok, const nlohmann::detail::exception& ex) override {
        if (error.empty()) error_pos = pos ? pos : 1;
        std::string what = ex.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing
        // value - invalid literal; last read: '...'" -> keep the part after the last ": " of the prefix.
        size_t p = what.find("syntax error");
        if (p == std::string::npos) p = what.find("parse error");
        return fail("not valid JSON (" + (p == std::string::npos ? what : what.substr(p)) + ")");
    }
};

bool parse_iso_day(const std::string& s, Day* out) {
    int y, m, d;
    char tail;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (y < 1 || !is_valid_day(y, m, d)) return false;
    *out = y * 10000 + m * 100 + d;
    return true;
}

bool kind_from_name(const std::string& s, ClaimKind* out) {
    for (int k = 0; k < 6; ++k)
        if (s == claim_kind_name((ClaimKind)k)) { *out = (ClaimKind)k; return true; }
    return false;
}

} // namespace

// ---- [SECTION] FactsLoader ----------------------------------------------------------------------

struct FactsLoader::Impl {
    FactTable* t;
    const Corpus* corpus;
    std::string name;
    FactTable::Mark mark;
    std::unordered_map<std::string, uint32_t> source_ids;    // article id -> source
    std::unordered_map<std::string, int> corpus_ids;         // article id -> corpus index
    std::string last_article;
    uint32_t last_source = 0;
    std::string pending;      // an incomplete line (JSON Lines), or the whole text (array)
    size_t line = 0;          // lines completed
    int mode = 0;             // 0 undecided, 1 JSON Lines, 2 array
    bool any_row = false;
    std::string error;
    RowReader reader;

    bool take_row(Row& r, std::string* why) {
        ClaimKind kind;
        if (!r.has_kind) { *why = "missing \"kind\""; return false; }
        if (!kind_from_name(r.kind, &kind)) {
            *why = "\"kind\" is \"" + r.kind.substr(0, 40) + "\"; expected count, money, percent, quantity, date or period";
            return false;
        }
        if (r.end < r.start) { *why = "\"end\" is before \"start\""; return false; }
        FactRecord rec;
        rec.kind = kind;
        rec.value = r.value;
        rec.low = r.low;
        rec.high = r.high;
        rec.rate = r.rate;
        rec.start = (uint32_t)r.start;
        rec.end = (uint32_t)r.end;
        rec.pair = r.pair >= 0 ? (int32_t)std::min(r.pair, 2147483647.0) : -1;
        rec.ambiguous = r.ambiguous;
        if (!r.period_start.empty() && !parse_iso_day(r.period_start, &rec.period_start)) {
            *why = "\"period\".\"start\" is not a date like 2025-01-31"; return false;
        }
        if (!r.period_end.empty() && !parse_iso_day(r.period_end, &rec.period_end)) {
            *why = "\"period\".\"end\" is not a date like 2025-01-31"; return false;
        }
        if (rec.period_end && rec.period_end < rec.period_start) { *why = "the period ends before it starts"; return false; }
        rec.unit = r.unit;
        rec.qualifier = r.qualifier;
        rec.hedge = r.hedge;
        rec.direction = r.direction;
        rec.subject = r.subject;
        rec.text = r.text;
        rec.rate_unit = r.rate_unit;
        if (r.article.empty()) r.article = name.substr(0, name.rfind('.'));
        if (r.article != last_article || !any_row) {
            auto it = source_ids.find(r.article);
            if (it == source_ids.end()) {
                FactSource s;
                s.id = r.article;
                s.outlet = kUnknown;
                s.date = kUnknown;
                auto c = corpus_ids.find(r.article);
                if (c != corpus_ids.end()) {
                    const Article& a = corpus->articles[(size_t)c->second];
                    s.outlet = a.outlet;
                    s.date = a.date;
                    s.article = c->second;
                } else {
                    if (!r.outlet.empty()) s.outlet = r.outlet;
                    if (!r.date.empty()) s.date = r.date;
                }
                Day d = 0;
                if (s.date != kUnknown && parse_iso_day(s.date, &d)) s.published = d;
                t->sources.push_back(std::move(s));
                it = source_ids.emplace(r.article, (uint32_t)t->sources.size() - 1).first;
            }
            last_article = r.article;
            last_source = it->second;
            any_row = true;
        }
        std::string_view text;
        const FactSource& src = t->sources[last_source];
        // The source may come from an earlier load, made with another corpus or none.
        if (src.article >= 0 && corpus && (size_t)src.article < corpus->articles.size() &&
            corpus->articles[(size_t)src.article].id == src.id) {
            const std::string& at = corpus->articles[(size_t)src.article].text;
            if (rec.end <= at.size() && std::string_view(at).substr(rec.start, rec.end - rec.start) == rec.text) text = at;
        }
        add_fact(*t, last_source, rec, text);
        return true;
    }

    static bool on_row(void* user, Row& r, std::string* why) { return ((Impl*)user)->take_row(r, why); }

    void set_error(const std::string& where, const std::string& why) {
        if (error.empty()) error = name + ", " + where + ": " + why;
    }

    void parse_line(std::string_view l) {
        if (line == 1 && l.substr(0, 3) == "\xEF\xBB\xBF") l.remove_prefix(3);  // a byte order mark
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
        size_t b = 0;
        while (b < l.size() && (l[b] == ' ' || l[b] == '\t')) ++b;
        l.remove_prefix(b);
        if (l.empty()) return;
        reader.array_mode = false;
        reader.depth = reader.skip_depth = 0;
        reader.in_period = false;
        const size_t before = reader.items;
        json::sax_parse(l.begin(), l.end(), &reader, json::input_format_t::json, true);
        if (!reader.error.empty()) { set_error("line " + std::to_string(line), reader.error); return; }
        if (reader.items != before + 1) set_error("line " + std::to_string(line), "expected one JSON object");
    }
};

FactsLoader::FactsLoader(FactTable* table, const Corpus* corpus, std::string name) : impl_(new Impl) {
    Impl& m = *impl_;
    m.t = table;
    m.corpus = corpus;
    m.name = std::move(name);
    m.mark = table->mark();
    for (size_t i = 0; i < table->sources.size(); ++i) m.source_ids.emplace(table->sources[i].id, (uint32_t)i);
    if (corpus)
        for (size_t i = 0; i < corpus->articles.size(); ++i) m.corpus_ids.emplace(corpus->articles[i].id, (int)i);
    m.reader.on_row = &Impl::on_row;
    m.reader.user = impl_;
}

FactsLoader::~FactsLoader() { delete impl_; }

void FactsLoader::feed(std::string_view bytes) {
    Impl& m = *impl_;
    if (!m.error.empty()) return;
    const char* const kLong = "the line is longer than 16 MiB";
    std::string held;  // what was held while the format was undecided, read below as lines
    if (m.mode == 0) {
        // The first byte that is not white space (or a UTF-8 byte order mark) decides the format. Until
        // it arrives (chunks may be a byte long), everything is held in pending.
        m.pending.append(bytes.data(), bytes.size());
        const std::string_view probe(m.pending), bom("\xEF\xBB\xBF", 3);
        if (probe.size() < bom.size() && bom.substr(0, probe.size()) == probe) return;  // perhaps a BOM
        size_t i = probe.substr(0, 3) == bom ? 3 : 0;
        while (i < probe.size() && std::isspace((unsigned char)probe[i])) ++i;
        if (i == probe.size()) return;
        if (probe[i] == '[') {
            m.mode = 2;
            return;
        }
        if (probe[i] != '{') {
            const size_t line = 1 + (size_t)std::count(probe.begin(), probe.begin() + (std::ptrdiff_t)i, '\n');
            m.set_error("line " + std::to_string(line),
                        "not facts: expected a JSON array or JSON Lines of objects from `factlens extract`");
            return;
        }
        m.mode = 1;
        held.swap(m.pending);
        bytes = held;
    }
    if (m.mode != 1) {  // an array: keep everything for finish()
        m.pending.append(bytes.data(), bytes.size());
        return;
    }
    // JSON Lines: parse every complete line now; keep the incomplete tail.
    size_t from = 0;
    if (!m.pending.empty()) {
        const size_t nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            m.pending.append(bytes.data(), bytes.size());
            if (m.pending.size() > kMaxLineBytes) m.set_error("line " + std::to_string(m.line + 1), kLong);
            return;
        }
        ++m.line;
        if (m.pending.size() + nl > kMaxLineBytes) {
            m.set_error("line " + std::to_string(m.line), kLong);
            return;
        }
        m.pending.append(bytes.data(), nl);
        m.parse_line(m.pending);
        m.pending.clear();
        from = nl + 1;
    }
    while (m.error.empty()) {
        const size_t nl = bytes.find('\n', from);
        if (nl == std::string_view::npos) break;
        ++m.line;
        if (nl - from > kMaxLineBytes) {
            m.set_error("line " + std::to_string(m.line), kLong);
            return;
        }
        m.parse_line(bytes.substr(from, nl - from));
        from = nl + 1;
    }
    if (m.error.empty() && from < bytes.size()) {
        m.pending.assign(bytes.data() + from, bytes.size() - from);
        if (m.pending.size() > kMaxLineBytes) m.set_error("line " + std::to_string(m.line + 1), "the line is longer than 16 MiB");
    }
}

FactsLoadResult FactsLoader::finish() {
    Impl& m = *impl_;
    FactsLoadResult r;
    if (m.error.empty()) {
        if (m.mode == 1 && !m.pending.empty()) {
            ++m.line;
            m.parse_line(m.pending);
        } else if (m.mode == 2) {
            std::string_view all(m.pending);
            if (all.substr(0, 3) == "\xEF\xBB\xBF") all.remove_prefix(3);
            m.reader.array_mode = true;
            json::sax_parse(all.begin(), all.end(), &m.reader, json::input_format_t::json, true);
            if (m.reader.error_pos) {  // invalid JSON: the line where it became invalid
                const size_t at = std::min(m.reader.error_pos - 1, all.size());
                const size_t line = 1 + (size_t)std::count(all.begin(), all.begin() + (std::ptrdiff_t)at, '\n');
                m.set_error("line " + std::to_string(line), m.reader.error);
            } else if (!m.reader.error.empty()) {
                m.set_error("item " + std::to_string(m.reader.items + 1), m.reader.error);
            }
        } else if (m.mode == 0) {
            m.set_error("line 1", "the file is empty");
        }
    }
    m.pending.clear();
    m.pending.shrink_to_fit();
    if (!m.error.empty()) {
        m.t->rollback(m.mark);
        r.error = m.error;
        return r;
    }
    link_pairs(*m.t, m.mark.rows);
    r.ok = true;
    r.rows_added = m.t->size() - m.mark.rows;
    r.sources_added = m.t->sources.size() - m.mark.sources;
    return r;
}

FactsLoadResult load_facts_text(FactTable* table, const Corpus* corpus, std::string_view name, std::string_view text) {
    FactsLoader ld(table, corpus, std::string(name));
    ld.feed(text);
    return ld.finish();
}

// ---- [SECTION] Export ---------------------------------------------------------------------------

std::string format_double_roundtrip(double v) {
    if (std::isnan(v)) return "null";
    if (std::isinf(v)) return v > 0 ? "1e999" : "-1e999";
    char buf[40];
    if (std::fabs(v) < 9007199254740992.0 && std::floor(v) == v) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        if (std::strcmp(buf, "-0") == 0) return "0";
        return buf;
    }
    for (int prec = 15; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

namespace {

// Escaped as the claim writer escapes (claim_writer.h): U+0085/2028/2029 too, and malformed UTF-8
// as U+FFFD, so the export is valid JSON, one record per line, whatever bytes the table holds.
void json_string(std::string& o, std::string_view s) { append_json_string(o, s); }

void json_str_or_null(std::string& o, std::string_view s) {
    if (s.empty()) o += "null";
    else json_string(o, s);
}

void csv_field(std::string& o, std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) { o.append(s.data(), s.size()); return; }
    o += '"';
    for (char c : s) { if (c == '"') o += '"'; o += c; }
    o += '"';
}

std::string_view known(const std::string& s) { return s == kUnknown ? std::string_view() : std::string_view(s); }

std::string num_or_empty(double v) { return is_none(v) ? std::string() : format_double_roundtrip(v); }

// The `pair` of each exported row, renumbered so that the file reads back with the same links: the
// partner's index among the exported rows of the same article (as link_pairs counts when loading), or
// -1 when the partner is not exported. For all rows in load order this is the CLI's own pair.
std::vector<int32_t> exported_pairs(const FactTable& t, const std::vector<uint32_t>& rows) {
    std::unordered_map<uint32_t, int32_t> index;  // table row -> index among the exported rows of its source
    std::vector<int32_t> per_source(t.sources.size(), 0);
    for (uint32_t r : rows)
        if (r < t.size()) index.emplace(r, per_source[t.source[r]]++);
    std::vector<int32_t> out(rows.size(), -1);
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint32_t r = rows[i];
        if (r >= t.size() || t.pair_row[r] < 0) continue;
        const auto it = index.find((uint32_t)t.pair_row[r]);
        if (it != index.end() && t.source[(uint32_t)t.pair_row[r]] == t.source[r]) out[i] = it->second;
    }
    return out;
}

} // namespace

namespace {

const char* conversion_status_name(ConvertStatus st) {
    switch (st) {
    case ConvertStatus::Converted: return "converted";
    case ConvertStatus::Unchanged: return "unchanged";
    case ConvertStatus::NotMoney: return "not money";
    case ConvertStatus::NoRate: return "no rate";
    case ConvertStatus::Fallback: return "fallback";
    }
    return "";
}

// With a currency chosen: "rate"/"rate_unit" are the conversion's (money rows carry display_value,
// display_unit, rate, rate_unit, rate_source, rate_date, rate_stale, conversion and
// conversion_note); the pair's implied rate follows as pair_rate/pair_rate_unit on every row.
void append_conversion_json(std::string& o, const FactTable& t, uint32_t r) {
    if (const Conversion* c = t.conversion(r)) {
        const bool conv = c->converted() || c->status == ConvertStatus::Unchanged;
        o += ",\"display_value\":"; o += format_double_roundtrip(t.conv_value[r]);
        o += ",\"display_unit\":"; json_str_or_null(o, t.shown_unit(r));
        o += ",\"rate\":"; o += conv ? format_double_roundtrip(c->status == ConvertStatus::Unchanged ? 1.0 : c->display_rate) : "null";
        o += ",\"rate_unit\":";
        if (!conv) o += "null";
        else json_string(o, c->status == ConvertStatus::Unchanged ? std::string(t.shown_unit(r)) + " per " + std::string(t.shown_unit(r)) : c->rate_unit);
        o += ",\"rate_source\":"; json_str_or_null(o, c->rate_source);
        o += ",\"rate_date\":"; json_str_or_null(o, day_to_iso(c->rate_date));
        o += ",\"rate_stale\":"; o += c->stale ? "true" : "false";
        o += ",\"conversion\":\""; o += conversion_status_name(c->status); o += '"';
        o += ",\"conversion_note\":";
        if (c->converted()) json_string(o, explain_fact_conversion(t, r));
        else json_str_or_null(o, c->error);
    } else {
        o += ",\"rate\":null,\"rate_unit\":null";
    }
    o += ",\"pair_rate\":"; o += format_double_roundtrip(t.rate[r]);
    o += ",\"pair_rate_unit\":"; json_str_or_null(o, t.rate_units.get(t.rate_unit[r]));
}

// With a currency chosen, the CSV's rate and rate_unit columns are the conversion's (as in JSON);
// display_value, display_unit, rate_source, rate_date, rate_stale, conversion, conversion_note,
// pair_rate and pair_rate_unit follow the usual columns.
void append_rate_csv(std::string& o, const FactTable& t, uint32_t r) {
    const Conversion* c = t.conversion(r);
    if (!t.converted()) {
        o += num_or_empty(t.rate[r]); o += ',';
        csv_field(o, t.rate_units.get(t.rate_unit[r]));
        return;
    }
    const bool conv = c && (c->converted() || c->status == ConvertStatus::Unchanged);
    const std::string unit(t.shown_unit(r));
    if (conv) o += format_double_roundtrip(c->status == ConvertStatus::Unchanged ? 1.0 : c->display_rate);
    o += ',';
    if (conv) csv_field(o, c->status == ConvertStatus::Unchanged ? unit + " per " + unit : c->rate_unit);
    o += ',';
    if (c) { o += num_or_empty(t.conv_value[r]); o += ','; csv_field(o, unit); }
    else o += ',';
    o += ','; if (c) csv_field(o, c->rate_source);
    o += ','; if (c) o += day_to_iso(c->rate_date);
    o += ','; if (c) o += c->stale ? "true" : "false";
    o += ','; if (c) o += conversion_status_name(c->status);
    o += ','; if (c) csv_field(o, c->converted() ? explain_fact_conversion(t, r) : c->error);
    o += ','; o += num_or_empty(t.rate[r]);
    o += ','; csv_field(o, t.rate_units.get(t.rate_unit[r]));
}

}  // namespace

std::string export_facts_json(const FactTable& t, const std::vector<uint32_t>& rows) {
    std::string o = "[";
    bool first = true;
    const std::vector<int32_t> pairs = exported_pairs(t, rows);
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint32_t r = rows[i];
        if (r >= t.size()) continue;
        const FactSource& s = t.sources[t.source[r]];
        o += first ? "\n" : ",\n";
        first = false;
        o += "{\"article\":"; json_string(o, s.id);
        o += ",\"kind\":\""; o += claim_kind_name((ClaimKind)t.kind[r]); o += '"';
        o += ",\"value\":"; o += format_double_roundtrip(t.value[r]);
        o += ",\"unit\":"; json_str_or_null(o, t.units.get(t.unit[r]));
        o += ",\"qualifier\":"; json_str_or_null(o, t.qualifiers.get(t.qualifier[r]));
        o += ",\"low\":"; o += format_double_roundtrip(t.low[r]);
        o += ",\"high\":"; o += format_double_roundtrip(t.high[r]);
        o += ",\"start\":"; o += std::to_string(t.start[r]);
        o += ",\"end\":"; o += std::to_string(t.end[r]);
        o += ",\"text\":"; json_string(o, t.texts.get(t.text[r]));
        o += ",\"subject\":"; json_str_or_null(o, t.subjects.get(t.subject[r]));
        o += ",\"period\":";
        if (t.period_start[r]) {
            o += "{\"start\":\""; o += day_to_iso(t.period_start[r]);
            o += "\",\"end\":\""; o += day_to_iso(t.period_end[r]); o += "\"}";
        } else {
            o += "null";
        }
        o += ",\"pair\":"; o += pairs[i] >= 0 ? std::to_string(pairs[i]) : "null";
        o += ",\"ambiguous\":"; o += t.ambiguous[r] ? "true" : "false";
        o += ",\"direction\":"; json_str_or_null(o, t.directions.get(t.direction[r]));
        o += ",\"hedge\":"; json_str_or_null(o, t.hedges.get(t.hedge[r]));
        if (!t.converted()) {
            o += ",\"rate\":"; o += format_double_roundtrip(t.rate[r]);
            o += ",\"rate_unit\":"; json_str_or_null(o, t.rate_units.get(t.rate_unit[r]));
        } else {
            append_conversion_json(o, t, r);
        }
        o += ",\"outlet\":"; json_str_or_null(o, known(s.outlet));
        o += ",\"date\":"; json_str_or_null(o, known(s.date));
        o += '}';
    }
    o += first ? "]" : "\n]";
    return o;
}

std::string export_facts_csv(const FactTable& t, const std::vector<uint32_t>& rows) {
    std::string o = "outlet,date,article,kind,value,unit,qualifier,low,high,start,end,text,subject,period_start,"
                    "period_end,pair,ambiguous,direction,hedge,rate,rate_unit";
    // With a currency chosen, the conversion's columns follow (empty on rows that are not money).
    if (t.converted()) o += ",display_value,display_unit,rate_source,rate_date,rate_stale,conversion,conversion_note,pair_rate,pair_rate_unit";
    o += "\r\n";
    const std::vector<int32_t> pairs = exported_pairs(t, rows);
    for (size_t i = 0; i < rows.size(); ++i) {
        const uint32_t r = rows[i];
        if (r >= t.size()) continue;
        const FactSource& s = t.sources[t.source[r]];
        csv_field(o, known(s.outlet)); o += ',';
        csv_field(o, known(s.date)); o += ',';
        csv_field(o, s.id); o += ',';
        o += claim_kind_name((ClaimKind)t.kind[r]); o += ',';
        o += num_or_empty(t.value[r]); o += ',';
        csv_field(o, t.units.get(t.unit[r])); o += ',';
        csv_field(o, t.qualifiers.get(t.qualifier[r])); o += ',';
        o += num_or_empty(t.low[r]); o += ',';
        o += num_or_empty(t.high[r]); o += ',';
        o += std::to_string(t.start[r]); o += ',';
        o += std::to_string(t.end[r]); o += ',';
        csv_field(o, t.texts.get(t.text[r])); o += ',';
        csv_field(o, t.subjects.get(t.subject[r])); o += ',';
        o += day_to_iso(t.period_start[r]); o += ',';
        o += day_to_iso(t.period_start[r] ? t.period_end[r] : 0); o += ',';
        if (pairs[i] >= 0) o += std::to_string(pairs[i]);
        o += ',';
        o += t.ambiguous[r] ? "true" : "false"; o += ',';
        csv_field(o, t.directions.get(t.direction[r])); o += ',';
        csv_field(o, t.hedges.get(t.hedge[r])); o += ',';
        append_rate_csv(o, t, r);
        o += "\r\n";
    }
    return o;
}

std::string export_facts_tsv(const FactTable& t, const std::vector<uint32_t>& rows) {
    auto cell = [](std::string& o, std::string_view s) {
        for (char c : s) o += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    };
    std::string o = "outlet\tdate\tkind\tvalue\tunit\tbounds\tsubject\tperiod\thedge\tdirection\trate\ttext\n";
    char buf[128];
    for (uint32_t r : rows) {
        if (r >= t.size()) continue;
        const FactSource& s = t.sources[t.source[r]];
        cell(o, s.outlet); o += '\t';
        cell(o, s.date); o += '\t';
        o += claim_kind_name((ClaimKind)t.kind[r]); o += '\t';
        o += num_or_empty(t.value[r]); o += '\t';
        cell(o, t.units.get(t.unit[r])); o += '\t';
        cell(o, format_fact_bounds(t, r, buf, sizeof buf)); o += '\t';
        cell(o, t.subjects.get(t.subject[r])); o += '\t';
        cell(o, format_period(t.period_start[r], t.period_end[r], buf, sizeof buf)); o += '\t';
        cell(o, t.hedges.get(t.hedge[r])); o += '\t';
        cell(o, t.directions.get(t.direction[r])); o += '\t';
        o += num_or_empty(t.rate[r]); o += '\t';
        cell(o, t.texts.get(t.text[r]));
        o += '\n';
    }
    return o;
}

} // namespace factlens
