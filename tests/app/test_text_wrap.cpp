#include <algorithm>
#include <catch2/catch.hpp>

#include "text_wrap.h"
#include "ui_fixture.h"

using namespace factlens;

static float line_width(ImFont* f, float size, const std::string& t, const WrappedLine& l) {
    return f->CalcTextSizeA(size, FLT_MAX, 0, t.data() + l.start, t.data() + l.end).x;
}

TEST_CASE("wrap breaks only at spaces and keeps numbers whole", "[wrap]") {
    UiFixture ui;
    ImFont* f = ui.fonts.regular;
    const float size = f->FontSize;
    for (const Article& a : ui.app.corpus.articles) {
        for (float w : {120.0f, 240.0f, 333.0f, 700.0f}) {
            ReaderLayout L;
            wrap_text(L, a.text, f, size, w);
            REQUIRE(!L.lines.empty());
            for (size_t i = 0; i < L.lines.size(); ++i) {
                const WrappedLine& l = L.lines[i];
                INFO(a.id << " width " << w << " line " << i << ": " << a.text.substr(l.start, l.end - l.start));
                REQUIRE(l.start <= l.end);
                REQUIRE(l.end <= a.text.size());
                if (l.end > l.start) {
                    CHECK(a.text[l.end - 1] != ' ');
                    bool has_space = a.text.substr(l.start, l.end - l.start).find(' ') != std::string::npos;
                    if (has_space) CHECK(line_width(f, size, a.text, l) <= w + 0.5f);
                }
                if (i + 1 < L.lines.size()) {
                    // Between two lines lies only whitespace: nothing is dropped, no word is split.
                    const WrappedLine& next = L.lines[i + 1];
                    REQUIRE(next.start >= l.end);
                    std::string gap = a.text.substr(l.end, next.start - l.end);
                    // ... and markup residue, which is not drawn: table pipes and "![alt](url)".
                    for (size_t p; (p = gap.find("![")) != std::string::npos && gap.find(')', p) != std::string::npos;)
                        gap.erase(p, gap.find(')', p) - p + 1);
                    gap.erase(std::remove(gap.begin(), gap.end(), '|'), gap.end());
                    CHECK(gap.find_first_not_of(" \n") == std::string::npos);
                    bool forced_cut = gap.empty() && l.end > l.start;  // a single word wider than the line
                    if (forced_cut) CHECK(line_width(f, size, a.text, l) > w * 0.5f);
                }
            }
        }
    }
}

TEST_CASE("markup residue is not drawn, and the rest of its line is", "[wrap]") {
    UiFixture ui;
    ImFont* f = ui.fonts.regular;
    const std::string text = "Before.\n![]() |\n| A caption. Image: CH |\nAfter.";
    ReaderLayout L;
    wrap_text(L, text, f, f->FontSize, 2000);
    std::vector<std::string> lines;
    for (const WrappedLine& l : L.lines) lines.push_back(text.substr(l.start, l.end - l.start));
    CHECK(lines == std::vector<std::string>{"Before.", "A caption. Image: CH", "After."});
}

TEST_CASE("wrap keeps '6,000' and '1.2 trillion' on one line where they fit", "[wrap]") {
    UiFixture ui;
    ImFont* f = ui.fonts.regular;
    std::string text = "AI companies now number over 6,000, with output expected to top 1.2 trillion yuan.";
    for (float w = 60; w < 600; w += 7) {
        ReaderLayout L;
        wrap_text(L, text, f, f->FontSize, w);
        bool whole = false;
        for (const WrappedLine& l : L.lines)
            if (text.substr(l.start, l.end - l.start).find("6,000,") != std::string::npos) whole = true;
        INFO("width " << w);
        CHECK(whole);
    }
}

TEST_CASE("wrap handles empty text, blank lines and over-long words", "[wrap]") {
    UiFixture ui;
    ImFont* f = ui.fonts.regular;
    ReaderLayout L;
    wrap_text(L, "", f, f->FontSize, 100);
    CHECK(L.lines.empty());
    wrap_text(L, "a\n\nb", f, f->FontSize, 100);
    REQUIRE(L.lines.size() == 3);
    CHECK(L.lines[1].start == L.lines[1].end);
    std::string url = "https://www.globaltimes.cn/page/202512/1351611.shtml";
    wrap_text(L, url, f, f->FontSize, 80);
    CHECK(L.lines.size() > 2);
    CHECK(L.lines.back().end == url.size());
}
