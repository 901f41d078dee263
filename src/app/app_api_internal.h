// The API's command table and state sections, shared by app_api.cpp and facts_api.cpp.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "app_state.h"

namespace factlens {

// A command handler turns the JSON request into one intent call. Returns "" or an error for a person.
// It may add fields to *extra, which go into the reply beside "ok" (export_facts adds its text).
using CommandFn = std::string (*)(AppState& s, const nlohmann::json& req, nlohmann::json* extra);
struct Command {
    const char* type;
    CommandFn run;
};

// The facts commands (facts_api.cpp), and the state().facts section.
extern const Command kFactsCommands[];
extern const size_t kFactsCommandCount;
nlohmann::json facts_state_json(const AppState& s);

// The currency commands (rates_api.cpp), and the state().currency and state().rates sections.
extern const Command kRatesCommands[];
extern const size_t kRatesCommandCount;
nlohmann::json currency_state_json(const AppState& s);
nlohmann::json rates_state_json(const AppState& s);
// load_rates after its arguments are checked: what cmd_load_rates runs, and load_rates_json().
std::string run_load_rates(AppState& s, const std::string& name, std::string_view text, nlohmann::json* extra);

// The Compare commands (compare_api.cpp), and the state().compare section.
extern const Command kCompareCommands[];
extern const size_t kCompareCommandCount;
nlohmann::json compare_state_json(const AppState& s);

// The Diff command (diff_api.cpp), and the state().diff section (null until two articles are chosen).
extern const Command kDiffCommands[];
extern const size_t kDiffCommandCount;
nlohmann::json diff_state_json(const AppState& s);

} // namespace factlens
