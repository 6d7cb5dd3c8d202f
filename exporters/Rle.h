#pragma once
// COCO run-length encoding (the format of pycocotools' maskApi.c): runs over the mask in
// column-major order (down each column, columns left to right), alternating 0s and 1s,
// starting with a (possibly empty) run of 0s.
#include "core/Image.h"
#include "labels/Labels.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg {

struct Rle {
    int height = 0, width = 0;
    std::vector<uint32_t> counts;
};

// The RLEs of several instances: result[k] encodes the mask (ids == instanceIds[k]).
std::vector<Rle> encodeRleByInstance(const ImageU32& ids, const std::vector<uint32_t>& instanceIds);
// The same, given each instance's pixel box (boxes[k] holds every pixel of instanceIds[k], as
// the labels' boxes do): only the boxes are scanned, a tenth of a typical frame.
std::vector<Rle> encodeRleByInstance(const ImageU32& ids, const std::vector<uint32_t>& instanceIds,
                                     const std::vector<PixelBox>& boxes);
// RLE of a binary mask (nonzero = 1).
Rle encodeRle(const ImageU8& mask);

// pycocotools rleToString: LEB128-like, 5 bits per character + 48, counts from the third on
// stored as differences to the count two before.
std::string rleToString(const Rle& rle);

}  // namespace sg
