#pragma once
// Decoding the model's masks (datasets/Dataset.h) to pixels, for checks and round-trip proofs:
// COCO compressed RLE strings (pycocotools rleFrString), RLE to a binary image, polygons to a
// binary image (pixel (x, y) set when its center (x + 0.5, y + 0.5) is inside).
#include "core/Image.h"
#include "datasets/Dataset.h"

#include <optional>
#include <string>

namespace sg {

// pycocotools rleFrString; nullopt when the string is not a valid encoding.
std::optional<std::vector<uint32_t>> rleCountsFromString(const std::string& s);
// Column-major runs -> row-major mask (1 = set); nullopt when the runs do not cover h x w exactly.
std::optional<ImageU8> decodeRle(const Rle& rle);
// Polygons on pixel edges filled at pixel centers: each polygon even-odd, the polygons OR-ed.
ImageU8 rasterizePolygons(const std::vector<std::vector<double>>& polygons, int width, int height);
// The segmentation as pixels (empty image for Kind::None or an invalid RLE).
ImageU8 decodeSegmentation(const Segmentation& s, int width, int height);

}  // namespace sg
