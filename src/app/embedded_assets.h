// Files compiled into the binary by scripts/embed_assets.py (corpus, fonts). Read-only constants.
#pragma once
#include <cstddef>

namespace factlens {

struct EmbeddedAsset {
    const char* name;            // path under assets/, e.g. "corpus/articles.json", "fonts/ui.ttf"
    const unsigned char* data;   // not NUL-terminated
    size_t size;
};

extern const EmbeddedAsset kEmbeddedAssets[];
extern const size_t kEmbeddedAssetCount;

const EmbeddedAsset* find_embedded_asset(const char* name);  // nullptr if absent

} // namespace factlens
