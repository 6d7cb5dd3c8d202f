#pragma once
// Image file encoders chosen for speed (docs/formats.md): the default PNG encoders cost more than
// a render, so PNGs are compressed with libdeflate at level 1 with one fixed row filter per image.
#include "core/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg {

// The PNG row filter, one for every row (the values are the PNG filter type bytes). Measured on
// 640x480 frames (libdeflate level 1): SUB suits RGB, above all with photo backgrounds (30 % smaller
// and faster than NONE); NONE suits id images (runs of equal ids; 35 % faster than SUB); UP suits
// depth (smooth rows; the smallest files, 25 % faster than SUB).
enum class PngFilter : uint8_t { None = 0, Sub = 1, Up = 2 };

// How the filtered rows are deflated: General = libdeflate level 1; Runs = exporters/RunDeflate.h,
// several times faster on label images (runs of equal ids, rows equal to the row above) and
// useless on photos.
enum class PngCompression : uint8_t { General, Runs };

// PNG (ISO/IEC 15948): 8-bit gray (1 channel), RGB (3) or RGBA (4); zlib stream from libdeflate
// level 1. Throws std::invalid_argument for other channel counts.
std::vector<uint8_t> encodePng(const ImageU8& image, PngFilter filter = PngFilter::Sub,
                               PngCompression compression = PngCompression::General);
// 16-bit gray PNG (samples big-endian, as the PNG spec requires).
std::vector<uint8_t> encodePng16(const ImageU16& image, PngFilter filter = PngFilter::Sub,
                                 PngCompression compression = PngCompression::General);

// The same PNGs straight from the label buffers, without an intermediate 16-bit image: instance
// ids as instanceIdsToUint16 maps them, depth as depthToUint16 does.
std::vector<uint8_t> encodeInstancePng(const ImageU32& ids, PngFilter filter = PngFilter::None,
                                       PngCompression compression = PngCompression::Runs);
std::vector<uint8_t> encodeDepthPng(const ImageF32& depth, double mmPerUnit = 1.0, PngFilter filter = PngFilter::Up);

// Planar depth in metres -> uint16 in units of mmPerUnit millimetres (1 = millimetres, BOP's
// depth_scale otherwise). 0 (no hit) and values beyond 65535 units become 0 = invalid.
ImageU16 depthToUint16(const ImageF32& depth, double mmPerUnit = 1.0);
// Instance ids for a 16-bit PNG; ids above 65535 saturate (docs/formats.md).
ImageU16 instanceIdsToUint16(const ImageU32& ids);

// Baseline JPEG via libturbojpeg, 4:2:0 chroma subsampling; RGB (3 channels) or gray (1).
std::vector<uint8_t> encodeJpeg(const ImageU8& image, int quality);

// OpenEXR 2.0, single-part scanline, NO_COMPRESSION, FLOAT (32-bit) channels, one scanline per
// chunk. channelNames gives one name per image channel (e.g. {"Z"} for depth, {"R","G","B"} for
// normals); they are stored alphabetically, as the format requires.
std::vector<uint8_t> encodeExr(const ImageF32& image, const std::vector<std::string>& channelNames);

}  // namespace sg
