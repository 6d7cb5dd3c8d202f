// Image sizes from file headers: stb_image's stbi_info reads only the header (PNG IHDR, JPEG SOF,
// BMP, ...), so checking 10,000 images costs milliseconds, not a decode each.
#include "datasets/DatasetReaders.h"

#include <stb/stb_image.h>

namespace sg {

std::optional<std::pair<int, int>> readImageSize(const std::filesystem::path& file) {
    int w = 0, h = 0, c = 0;
    if (!stbi_info(file.c_str(), &w, &h, &c)) return std::nullopt;
    return std::make_pair(w, h);
}

}  // namespace sg
