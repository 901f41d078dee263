#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app_api.h"

using namespace factlens;
using nlohmann::json;

static AppState loaded() {
    AppState s;
    load_embedded_corpus(s);
    return s;
}

TEST_CASE("state_json reports articles, selection and platform sizes", "[api]") {
    AppState s = loaded();
    s.ui_scale = 2;
    s.layout.filter = {20, 40, 200, 50};
    select_article(s, 2);
    select_text(s, 0, 5);
    PlatformInfo p;
    p.device_pixel_ratio = 2;
    p.css_width = 800;
    p.css_height = 600;
    p.width = 1600;
    p.height = 1200;
    json j = json::parse(state_json(s, p));
    REQUIRE(j["articles"].size() == 5);
    CHECK(j["articles"][2]["outlet"] == "ECNS");
    CHECK(j["articles"][2]["bytes"] == 2109);
    CHECK(j["selection"]["article"] == 2);
    CHECK(j["selection"]["article_id"] == "002_97deae5d2b524853");
    CHECK(j["selection"]["selected_text"] == " date");
    CHECK(j["canvas"]["width"] == 1600);
    CHECK(j["devicePixelRatio"] == 2.0);
    CHECK(j["layout"]["filter"]["x"] == 10.0);  // device px / ratio = CSS px
    CHECK(j["layout"]["filter"]["h"] == 25.0);
    CHECK(j["first_frame_ms"].is_null());
    CHECK(j["error"].is_null());
}

TEST_CASE("commands run, and bad ones are refused with a reason and change nothing", "[api]") {
    AppState s = loaded();
    auto run = [&](const std::string& req) { return json::parse(run_command_json(s, req)); };
    CHECK(run(R"({"type":"select_article","index":3})")["ok"] == true);
    CHECK(s.selected == 3);
    CHECK(run(R"({"type":"select_article","id":"004_31ee5d1c5e0105ad"})")["ok"] == true);
    CHECK(s.selected == 4);
    CHECK(run(R"({"type":"set_filter","text":"元"})")["ok"] == true);
    CHECK(s.filter == "元");

    const char* bad[] = {
        "", "not json", "[1,2]", "42", R"({"index":1})", R"({"type":7})", R"({"type":"explode"})",
        R"({"type":"select_article"})", R"({"type":"select_article","index":-1})",
        R"({"type":"select_article","index":1.5})", R"({"type":"select_article","index":"2"})",
        R"({"type":"select_article","index":99})", R"({"type":"select_article","index":1e300})",
        R"({"type":"select_article","id":5})", R"({"type":"select_text","start":5})",
        R"({"type":"select_text","start":9,"end":2})", R"({"type":"select_text","start":0,"end":99999999})",
        R"({"type":"set_filter","text":null})",
    };
    for (const char* req : bad) {
        INFO(req);
        json r = run(req);
        CHECK(r["ok"] == false);
        CHECK(r["error"].get<std::string>().size() > 5);
        CHECK(s.selected == 4);
        CHECK(s.filter == "元");
    }
    json r = run(R"({"type":"explode"})");
    CHECK(r["error"].get<std::string>().find("explode") != std::string::npos);
    CHECK(json::parse(run_command_json(s, std::string(2u << 20, ' ')))["ok"] == false);
}

TEST_CASE("out-of-range integers, non-integers and huge strings are rejected and change nothing", "[api]") {
    AppState s = loaded();
    select_article(s, 1);
    select_text(s, 3, 9);
    auto rejected = [&](const std::string& cmd) {
        json r = json::parse(run_command_json(s, cmd));
        INFO(cmd.substr(0, 120));
        CHECK(r["ok"] == false);
        CHECK(r["error"].is_string());
        CHECK(r["error"].get<std::string>().size() < 400);  // never echoes a huge value back
        CHECK(s.selected == 1);
        CHECK(reader_selection(s).start == 3);
        CHECK(reader_selection(s).end == 9);
        CHECK(s.filter.empty());
    };
    rejected(R"({"type":"select_article","index":4294967298})");  // would wrap to 2 at 32 bits
    rejected(R"({"type":"select_article","index":-1})");
    rejected(R"({"type":"select_article","index":1.5})");
    rejected(R"({"type":"select_article","index":"2"})");
    rejected(R"({"type":"select_article","index":true})");
    rejected(R"({"type":"select_article","index":1e300})");
    rejected(R"({"type":"select_text","start":0,"end":4294967301})");  // 2^32 + 5
    rejected(R"({"type":"select_text","start":0,"end":18446744073709551621})");
    rejected(R"({"type":"select_text","start":-5,"end":2})");
    rejected(R"({"type":"set_filter","text":")" + std::string(10 << 20, 'x') + R"("})");
    rejected(R"({"type":"select_article","id":")" + std::string(10 << 20, 'y') + R"("})");
    rejected(R"({"type":")" + std::string(1 << 20, 'z') + R"("})");
    rejected(R"({"type":"set_query","query":")" + std::string(5000, 'q') + R"("})");
    rejected(R"({"type":"select_fact","index":9007199254740993})");
}
