#include "exporters/ImageEncoding.h"
#include "exporters/RunDeflate.h"

#include <libdeflate.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <stdexcept>

namespace sg {

namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

void putBe32(std::vector<uint8_t>& out, uint32_t v) {
    out.push_back(uint8_t(v >> 24));
    out.push_back(uint8_t(v >> 16));
    out.push_back(uint8_t(v >> 8));
    out.push_back(uint8_t(v));
}

void putChunk(std::vector<uint8_t>& out, const char type[4], const uint8_t* data, size_t size) {
    putBe32(out, uint32_t(size));
    size_t typeAt = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data, data + size);
    // The CRC covers the chunk type and data, not the length.
    uint32_t crc = libdeflate_crc32(0, out.data() + typeAt, size + 4);
    putBe32(out, crc);
}

// One filtered row: the filter type byte, then rowBytes filtered bytes. `up` is the previous raw
// row (nullptr on the first row, where UP equals NONE). Restrict pointers let the loops vectorize.
void filterRow(const uint8_t* __restrict raw, const uint8_t* __restrict up, uint8_t* __restrict dst, size_t rowBytes, size_t bpp,
               PngFilter filter) {
    if (filter == PngFilter::Up && !up) filter = PngFilter::None;
    dst[0] = uint8_t(filter);
    uint8_t* __restrict out = dst + 1;
    switch (filter) {
        case PngFilter::None: std::memcpy(out, raw, rowBytes); break;
        case PngFilter::Sub:  // each byte minus the byte bpp to its left
            for (size_t i = 0; i < bpp && i < rowBytes; ++i) out[i] = raw[i];
            for (size_t i = bpp; i < rowBytes; ++i) out[i] = uint8_t(raw[i] - raw[i - bpp]);
            break;
        case PngFilter::Up:  // each byte minus the byte above it
            for (size_t i = 0; i < rowBytes; ++i) out[i] = uint8_t(raw[i] - up[i]);
            break;
    }
}

// The filtered rows of the image being encoded, reused by the thread: a fresh buffer costs a
// page fault per 4 KiB and zero-filling, every frame.
std::vector<uint8_t>& filterScratch(size_t bytes) {
    thread_local std::vector<uint8_t> rows;
    rows.resize(bytes);
    return rows;
}

// Filtered rows (height x (1 + rowBytes), bpp bytes per pixel) -> PNG file: IHDR, one IDAT, IEND.
std::vector<uint8_t> pngFromFilteredRows(const std::vector<uint8_t>& filtered, int width, int height, int bpp, uint8_t bitDepth,
                                         uint8_t colorType, PngCompression compression) {
    thread_local std::vector<uint8_t> zlib;  // reused: a fresh buffer costs page faults every frame
    size_t zsize = 0;
    if (compression == PngCompression::Runs) {
        zlib = zlibCompressRuns(filtered.data(), filtered.size(), size_t(bpp), size_t(width) * size_t(bpp) + 1);
        zsize = zlib.size();
    } else {
        // One compressor per thread: allocating one costs more than compressing a small image.
        thread_local std::unique_ptr<libdeflate_compressor, CompressorDeleter> compressor(libdeflate_alloc_compressor(1));
        if (!compressor) throw std::bad_alloc();
        zlib.resize(libdeflate_zlib_compress_bound(compressor.get(), filtered.size()));
        zsize = libdeflate_zlib_compress(compressor.get(), filtered.data(), filtered.size(), zlib.data(), zlib.size());
        if (zsize == 0) throw std::runtime_error("PNG: zlib compression failed");
    }

    std::vector<uint8_t> out;
    out.reserve(zsize + 64);
    static const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    out.insert(out.end(), signature, signature + 8);
    uint8_t ihdr[13];
    for (int i = 0; i < 4; ++i) ihdr[i] = uint8_t(uint32_t(width) >> (24 - 8 * i));
    for (int i = 0; i < 4; ++i) ihdr[4 + i] = uint8_t(uint32_t(height) >> (24 - 8 * i));
    ihdr[8] = bitDepth;
    ihdr[9] = colorType;
    ihdr[10] = 0;  // deflate
    ihdr[11] = 0;  // adaptive filtering (filter type per row)
    ihdr[12] = 0;  // no interlace
    putChunk(out, "IHDR", ihdr, 13);
    putChunk(out, "IDAT", zlib.data(), zsize);
    putChunk(out, "IEND", nullptr, 0);
    return out;
}

void putLe32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void putLe64(std::vector<uint8_t>& out, uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(uint8_t(v >> (8 * i)));
}
void putLeF32(std::vector<uint8_t>& out, float f) {
    uint32_t v;
    std::memcpy(&v, &f, 4);
    putLe32(out, v);
}
void putString(std::vector<uint8_t>& out, const std::string& s) {
    out.insert(out.end(), s.begin(), s.end());
    out.push_back(0);
}
// Header attribute: name, type name, int32 size, value bytes.
void putAttribute(std::vector<uint8_t>& out, const std::string& name, const std::string& type, const std::vector<uint8_t>& value) {
    putString(out, name);
    putString(out, type);
    putLe32(out, uint32_t(value.size()));
    out.insert(out.end(), value.begin(), value.end());
}

}  // namespace

std::vector<uint8_t> encodePng(const ImageU8& image, PngFilter filter, PngCompression compression) {
    uint8_t colorType;
    switch (image.channels) {
        case 1: colorType = 0; break;
        case 3: colorType = 2; break;
        case 4: colorType = 6; break;
        default: throw std::invalid_argument("encodePng: 1, 3 or 4 channels expected");
    }
    const size_t bpp = size_t(image.channels), rowBytes = size_t(image.width) * bpp;
    std::vector<uint8_t>& filtered = filterScratch(size_t(image.height) * (rowBytes + 1));
    for (int y = 0; y < image.height; ++y) {
        const uint8_t* row = image.pixels.data() + size_t(y) * rowBytes;
        filterRow(row, y > 0 ? row - rowBytes : nullptr, filtered.data() + size_t(y) * (rowBytes + 1), rowBytes, bpp, filter);
    }
    return pngFromFilteredRows(filtered, image.width, image.height, image.channels, 8, colorType, compression);
}

namespace {

// 16-bit gray PNG whose samples come from sampleAt(x, y): converted straight into big-endian
// rows (the PNG byte order), one row at a time into a small buffer that stays in cache, so no
// intermediate 16-bit image is made.
template <class SampleAt>
std::vector<uint8_t> encodeGray16(int width, int height, PngFilter filter, PngCompression compression, SampleAt sampleAt) {
    const size_t rowBytes = size_t(width) * 2;
    std::vector<uint8_t>& filtered = filterScratch(size_t(height) * (rowBytes + 1));
    std::vector<uint8_t> rows[2] = {std::vector<uint8_t>(rowBytes), std::vector<uint8_t>(rowBytes)};
    for (int y = 0; y < height; ++y) {
        uint8_t* __restrict be = rows[y & 1].data();
        for (int x = 0; x < width; ++x) {
            uint16_t v = sampleAt(x, y);
            be[2 * x] = uint8_t(v >> 8);
            be[2 * x + 1] = uint8_t(v);
        }
        filterRow(be, y > 0 ? rows[(y + 1) & 1].data() : nullptr, filtered.data() + size_t(y) * (rowBytes + 1), rowBytes, 2, filter);
    }
    return pngFromFilteredRows(filtered, width, height, 2, 16, 0, compression);
}

// Metres -> units of mmPerUnit millimetres, rounded half up by truncating v + 0.5 (std::round is
// a libm call per pixel); 0, negative and out-of-range values become 0 = invalid.
uint16_t depthUnits(float metres, double unitsPerMetre) {
    double v = double(metres) * unitsPerMetre;
    return (v >= 0.5 && v < 65535.5) ? uint16_t(v + 0.5) : 0;
}

}  // namespace

std::vector<uint8_t> encodePng16(const ImageU16& image, PngFilter filter, PngCompression compression) {
    if (image.channels != 1) throw std::invalid_argument("encodePng16: 1 channel expected");
    const uint16_t* p = image.pixels.data();
    const size_t w = size_t(image.width);
    return encodeGray16(image.width, image.height, filter, compression, [p, w](int x, int y) { return p[size_t(y) * w + size_t(x)]; });
}

std::vector<uint8_t> encodeInstancePng(const ImageU32& ids, PngFilter filter, PngCompression compression) {
    if (ids.channels != 1) throw std::invalid_argument("encodeInstancePng: 1 channel expected");
    const uint32_t* p = ids.pixels.data();
    const size_t w = size_t(ids.width);
    return encodeGray16(ids.width, ids.height, filter, compression,
                        [p, w](int x, int y) { return uint16_t(std::min<uint32_t>(p[size_t(y) * w + size_t(x)], 65535)); });
}

std::vector<uint8_t> encodeDepthPng(const ImageF32& depth, double mmPerUnit, PngFilter filter) {
    if (depth.channels != 1) throw std::invalid_argument("encodeDepthPng: 1 channel expected");
    const float* p = depth.pixels.data();
    const size_t w = size_t(depth.width);
    const double unitsPerMetre = 1000.0 / mmPerUnit;
    return encodeGray16(depth.width, depth.height, filter, PngCompression::General,
                        [p, w, unitsPerMetre](int x, int y) { return depthUnits(p[size_t(y) * w + size_t(x)], unitsPerMetre); });
}

std::vector<uint8_t> encodeJpeg(const ImageU8& image, int quality) {
    if (image.channels != 3 && image.channels != 1) throw std::invalid_argument("encodeJpeg: 1 or 3 channels expected");
    struct Handle {
        tjhandle h;
        ~Handle() { tjDestroy(h); }
    } handle{tjInitCompress()};
    if (!handle.h) throw std::runtime_error("JPEG: cannot create a turbojpeg compressor");
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    int pixelFormat = image.channels == 3 ? TJPF_RGB : TJPF_GRAY;
    int subsampling = image.channels == 3 ? TJSAMP_420 : TJSAMP_GRAY;
    int rc = tjCompress2(handle.h, image.pixels.data(), image.width, 0, image.height, pixelFormat, &buffer, &size, subsampling,
                         std::clamp(quality, 1, 100), 0);
    if (rc != 0) {
        std::string message = tjGetErrorStr2(handle.h);
        if (buffer) tjFree(buffer);
        throw std::runtime_error("JPEG: " + message);
    }
    std::vector<uint8_t> out(buffer, buffer + size);
    tjFree(buffer);
    return out;
}

std::vector<uint8_t> encodeExr(const ImageF32& image, const std::vector<std::string>& channelNames) {
    if (int(channelNames.size()) != image.channels || image.channels < 1)
        throw std::invalid_argument("encodeExr: one channel name per image channel expected");
    const int W = image.width, H = image.height, C = image.channels;
    std::vector<int> order(static_cast<size_t>(C));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return channelNames[size_t(a)] < channelNames[size_t(b)]; });

    std::vector<uint8_t> out;
    putLe32(out, 20000630);  // magic number 0x762f3101
    putLe32(out, 2);         // version 2, single-part scanline, short names

    std::vector<uint8_t> chlist;
    for (int c : order) {
        putString(chlist, channelNames[size_t(c)]);
        putLe32(chlist, 2);                 // FLOAT
        chlist.push_back(0);                // pLinear
        chlist.insert(chlist.end(), 3, 0);  // reserved
        putLe32(chlist, 1);                 // xSampling
        putLe32(chlist, 1);                 // ySampling
    }
    chlist.push_back(0);
    std::vector<uint8_t> box;
    putLe32(box, 0);
    putLe32(box, 0);
    putLe32(box, uint32_t(W - 1));
    putLe32(box, uint32_t(H - 1));
    std::vector<uint8_t> one;
    putLeF32(one, 1.0f);
    std::vector<uint8_t> center;
    putLeF32(center, 0.0f);
    putLeF32(center, 0.0f);

    // Attributes in alphabetical order (not required, but what OpenEXR itself writes).
    putAttribute(out, "channels", "chlist", chlist);
    putAttribute(out, "compression", "compression", {0});  // NO_COMPRESSION
    putAttribute(out, "dataWindow", "box2i", box);
    putAttribute(out, "displayWindow", "box2i", box);
    putAttribute(out, "lineOrder", "lineOrder", {0});  // INCREASING_Y
    putAttribute(out, "pixelAspectRatio", "float", one);
    putAttribute(out, "screenWindowCenter", "v2f", center);
    putAttribute(out, "screenWindowWidth", "float", one);
    out.push_back(0);  // end of header

    const size_t lineData = size_t(W) * size_t(C) * 4;
    const size_t chunkSize = 8 + lineData;  // int32 y, int32 size, data
    const uint64_t firstChunk = out.size() + size_t(H) * 8;
    for (int y = 0; y < H; ++y) putLe64(out, firstChunk + uint64_t(y) * chunkSize);
    size_t at = out.size();
    out.resize(at + size_t(H) * chunkSize);
    uint8_t* dst = out.data() + at;
    auto le32At = [](uint8_t* p, uint32_t v) {
        p[0] = uint8_t(v);
        p[1] = uint8_t(v >> 8);
        p[2] = uint8_t(v >> 16);
        p[3] = uint8_t(v >> 24);
    };
    for (int y = 0; y < H; ++y) {
        le32At(dst, uint32_t(y));
        le32At(dst + 4, uint32_t(lineData));
        dst += 8;
        // Within a scanline: all pixels of the first channel (alphabetical), then the next.
        const float* row = image.pixels.data() + size_t(y) * size_t(W) * size_t(C);
        for (int c : order)
            for (int x = 0; x < W; ++x, dst += 4) {
                uint32_t v;
                std::memcpy(&v, row + size_t(x) * size_t(C) + size_t(c), 4);
                le32At(dst, v);
            }
    }
    return out;
}

ImageU16 depthToUint16(const ImageF32& depth, double mmPerUnit) {
    ImageU16 out(depth.width, depth.height, 1, 0);
    const float* __restrict src = depth.pixels.data();
    uint16_t* __restrict dst = out.pixels.data();
    const double unitsPerMetre = 1000.0 / mmPerUnit;
    for (size_t i = 0; i < depth.pixels.size(); ++i) dst[i] = depthUnits(src[i], unitsPerMetre);
    return out;
}

ImageU16 instanceIdsToUint16(const ImageU32& ids) {
    ImageU16 out(ids.width, ids.height, 1, 0);
    for (size_t i = 0; i < ids.pixels.size(); ++i) out.pixels[i] = uint16_t(std::min<uint32_t>(ids.pixels[i], 65535));
    return out;
}

}  // namespace sg
