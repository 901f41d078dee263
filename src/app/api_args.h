// Reading command arguments at the JSON edge (app_api.cpp, facts_api.cpp). Each reader returns false
// and explains in *error when the argument is missing or of the wrong type; range checks belong to
// the intent functions of app_state.h.
#pragma once
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

namespace factlens {

// A whole number in [min, max]; rejects 1.5, "3", true, 1e300 and anything out of range.
inline bool get_integer(const nlohmann::json& req, const char* key, long long min, long long max, long long* out,
                        std::string* error) {
    auto it = req.find(key);
    if (it == req.end()) { *error = std::string("missing \"") + key + "\""; return false; }
    double d = 0;
    bool whole = false;
    if (it->is_number_unsigned()) { const auto u = it->get<unsigned long long>(); whole = u <= (unsigned long long)max; d = (double)u; if (whole) { *out = (long long)u; } }
    else if (it->is_number_integer()) { *out = it->get<long long>(); whole = true; d = (double)*out; }
    else if (it->is_number_float()) { d = it->get<double>(); whole = std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15; if (whole) *out = (long long)d; }
    if (!whole || *out < min || *out > max) {
        *error = std::string("\"") + key + "\" must be a whole number from " + std::to_string(min) + " to " + std::to_string(max);
        return false;
    }
    (void)d;
    return true;
}

// A string of at most max_bytes.
inline bool get_string(const nlohmann::json& req, const char* key, size_t max_bytes, std::string* out, std::string* error) {
    auto it = req.find(key);
    if (it == req.end() || !it->is_string()) { *error = std::string("\"") + key + "\" must be a string"; return false; }
    const std::string& s = it->get_ref<const std::string&>();
    if (s.size() > max_bytes) {
        *error = std::string("\"") + key + "\" is longer than " + std::to_string(max_bytes) + " bytes";
        return false;
    }
    *out = s;
    return true;
}

} // namespace factlens
