// The build's version, "0.1.0+<git commit>"; defined in a file CMake generates at configure time.
#pragma once
namespace factlens {
extern const char* const kVersion;
}
