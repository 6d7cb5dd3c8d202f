#pragma once
// A zlib stream coder for label images (instance ids, classes, masks): long runs of equal pixels
// and rows equal to the row above. It looks for nothing else, so it runs several times faster than
// a general deflate (libdeflate level 1 hashes every byte) on such images, with files of similar
// size; on photos it would barely compress (use libdeflate there).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sg {

// zlib stream (RFC 1950) holding `data` as one deflate block with the fixed Huffman codes
// (RFC 1951, BTYPE 01). Matches copy from `pixelDistance` bytes back (the previous pixel) or
// `rowDistance` bytes back (the row above; ignored beyond deflate's 32 KiB window).
std::vector<uint8_t> zlibCompressRuns(const uint8_t* data, size_t size, size_t pixelDistance, size_t rowDistance);

}  // namespace sg
