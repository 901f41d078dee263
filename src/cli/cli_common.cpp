#include "cli_common.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace factlens::cli {

bool read_all(const std::string& path, std::string* out, std::string* why) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        *out = ss.str();
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) { *why = std::strerror(errno); return false; }
    std::ostringstream ss;
    ss << f.rdbuf();
    if (f.bad()) { *why = "read error"; return false; }
    *out = ss.str();
    return true;
}

std::string article_id(const std::string& path) {
    if (path == "-") return "stdin";
    size_t slash = path.find_last_of('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    size_t dot = name.rfind('.');
    return dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
}

bool begin_output(const std::string& path) {
    if (path.empty()) return true;
    const std::string tmp = path + ".tmp";
    if (!std::freopen(tmp.c_str(), "w", stdout)) {
        std::fprintf(stderr, "factlens: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
        return false;
    }
    return true;
}

bool commit_output(const std::string& path) {
    if (path.empty()) return std::fflush(stdout) == 0;
    const std::string tmp = path + ".tmp";
    if (std::fflush(stdout) != 0 || std::ferror(stdout) || std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::fprintf(stderr, "factlens: cannot write %s\n", path.c_str());
        return false;
    }
    return true;
}

}  // namespace factlens::cli
