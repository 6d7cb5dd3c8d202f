#include "SpecDecoders.h"
#include "exporters/ImageEncoding.h"

#include <catch2/catch.hpp>
#include <libdeflate.h>
#include <stb_image.h>

#include <cmath>
#include <random>

using namespace sg;

namespace {

ImageU8 randomImage(int w, int h, int c, uint32_t seed, bool smooth) {
    ImageU8 img(w, h, c);
    std::mt19937 rng(seed);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int k = 0; k < c; ++k) img.at(x, y, k) = smooth ? uint8_t((x * 3 + y * 5 + k * 40) & 255) : uint8_t(rng() & 255);
    return img;
}

const PngFilter kFilters[] = {PngFilter::None, PngFilter::Sub, PngFilter::Up};

// The filter type byte of every row, from the IDAT stream inflated by libdeflate (PNG spec:
// each scanline is one filter type byte followed by the filtered bytes).
std::vector<int> rowFilterTypes(const std::vector<uint8_t>& png, size_t rowBytes, int height) {
    // Chunks after the 8-byte signature: IHDR (25 bytes with length, type, CRC), then IDAT.
    size_t at = 8 + 25;
    uint32_t length = uint32_t(png[at]) << 24 | uint32_t(png[at + 1]) << 16 | uint32_t(png[at + 2]) << 8 | png[at + 3];
    REQUIRE(std::string(png.begin() + long(at) + 4, png.begin() + long(at) + 8) == "IDAT");
    std::vector<uint8_t> raw(size_t(height) * (rowBytes + 1));
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    size_t got = 0;
    libdeflate_result r = libdeflate_zlib_decompress(d, png.data() + at + 8, length, raw.data(), raw.size(), &got);
    libdeflate_free_decompressor(d);
    REQUIRE(r == LIBDEFLATE_SUCCESS);
    REQUIRE(got == raw.size());
    std::vector<int> types;
    for (int y = 0; y < height; ++y) types.push_back(raw[size_t(y) * (rowBytes + 1)]);
    return types;
}

}  // namespace

TEST_CASE("PNG rows carry the requested filter type (UP's first row is NONE: it has no row above)") {
    ImageU8 img = randomImage(19, 5, 3, 7, true);
    for (PngFilter f : kFilters) {
        std::vector<int> types = rowFilterTypes(encodePng(img, f), 19 * 3, 5);
        std::vector<int> expected(5, int(f));
        if (f == PngFilter::Up) expected[0] = 0;
        CHECK(types == expected);
    }
}

TEST_CASE("PNG 8-bit gray, RGB and RGBA decode with stb_image to exactly the same pixels, with every filter") {
    for (int channels : {1, 3, 4}) {
        for (bool smooth : {false, true}) {
            for (PngFilter filter : kFilters) {
                ImageU8 img = randomImage(37, 23, channels, uint32_t(channels), smooth);
                INFO("channels " << channels << ", filter " << int(filter));
                std::vector<uint8_t> png = encodePng(img, filter);
                int w = 0, h = 0, n = 0;
                uint8_t* decoded = stbi_load_from_memory(png.data(), int(png.size()), &w, &h, &n, 0);
                REQUIRE(decoded != nullptr);
                CHECK(w == 37);
                CHECK(h == 23);
                CHECK(n == channels);
                CHECK(std::equal(img.pixels.begin(), img.pixels.end(), decoded));
                stbi_image_free(decoded);
            }
        }
    }
}

TEST_CASE("PNG 16-bit gray keeps every 16-bit value, with every filter") {
    for (PngFilter filter : kFilters) {
        INFO("filter " << int(filter));
        ImageU16 img(300, 7, 1);
        for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = uint16_t((i * 2654435761u) >> 7);
        img.pixels[0] = 0;
        img.pixels[1] = 65535;
        img.pixels[2] = 256;
        std::vector<uint8_t> png = encodePng16(img, filter);
        // IHDR per the PNG spec: bit depth 16, color type 0 (gray).
        CHECK(png[24] == 16);
        CHECK(png[25] == 0);
        int w = 0, h = 0, n = 0;
        uint16_t* decoded = stbi_load_16_from_memory(png.data(), int(png.size()), &w, &h, &n, 0);
        REQUIRE(decoded != nullptr);
        CHECK(w == 300);
        CHECK(h == 7);
        CHECK(n == 1);
        CHECK(std::equal(img.pixels.begin(), img.pixels.end(), decoded));
        stbi_image_free(decoded);
    }
}

TEST_CASE("depth in metres becomes millimetres rounded half up; 0, negative and beyond 65535 mm become 0") {
    ImageF32 depth(7, 1, 1);
    depth.pixels = {0.0f, 0.0004f, 0.0015f, 1.2344f, 65.535f, 65.5356f, -1.0f};
    ImageU16 mm = depthToUint16(depth);
    CHECK(mm.pixels == std::vector<uint16_t>{0, 0, 2, 1234, 65535, 0, 0});
    // In units of 0.1 mm (a BOP depth_scale): 1.2344 m = 12344 units.
    CHECK(depthToUint16(depth, 0.1).pixels[3] == 12344);
}

TEST_CASE("PNG of a 1x1 image and of an image narrower than a pixel stride decode exactly") {
    ImageU8 one(1, 1, 3);
    one.pixels = {10, 200, 30};
    std::vector<uint8_t> png = encodePng(one);
    int w, h, n;
    uint8_t* d = stbi_load_from_memory(png.data(), int(png.size()), &w, &h, &n, 0);
    REQUIRE(d);
    CHECK((d[0] == 10 && d[1] == 200 && d[2] == 30));
    stbi_image_free(d);
}

TEST_CASE("JPEG decodes to the picture within JPEG's loss") {
    ImageU8 img(64, 48, 3);
    for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 64; ++x)
            for (int k = 0; k < 3; ++k) img.at(x, y, k) = uint8_t(128 + 90 * std::sin(x / 9.0 + k) * std::cos(y / 7.0));
    std::vector<uint8_t> jpg = encodeJpeg(img, 95);
    REQUIRE(jpg.size() > 4);
    CHECK((jpg[0] == 0xFF && jpg[1] == 0xD8));  // SOI marker
    int w, h, n;
    uint8_t* d = stbi_load_from_memory(jpg.data(), int(jpg.size()), &w, &h, &n, 3);
    REQUIRE(d);
    CHECK(w == 64);
    CHECK(h == 48);
    double se = 0;
    for (size_t i = 0; i < img.pixels.size(); ++i) se += std::pow(double(img.pixels[i]) - d[i], 2);
    double psnr = 10 * std::log10(255.0 * 255.0 / (se / double(img.pixels.size())));
    CHECK(psnr > 30);
    stbi_image_free(d);
}

TEST_CASE("EXR header follows the OpenEXR file layout: magic, version, required attributes") {
    ImageF32 depth(5, 3, 1);
    for (size_t i = 0; i < depth.pixels.size(); ++i) depth.pixels[i] = 0.25f * float(i);
    std::vector<uint8_t> bytes = encodeExr(depth, {"Z"});
    CHECK((bytes[0] == 0x76 && bytes[1] == 0x2f && bytes[2] == 0x31 && bytes[3] == 0x01));
    CHECK((bytes[4] == 2 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0));
    spec::ExrFile f = spec::readExr(bytes);
    for (const char* required : {"channels", "compression", "dataWindow", "displayWindow", "lineOrder", "pixelAspectRatio",
                                 "screenWindowCenter", "screenWindowWidth"})
        CHECK(f.attributes.count(required) == 1);
    CHECK(f.attributes.at("channels").first == "chlist");
    CHECK(f.attributes.at("compression").first == "compression");
    CHECK(f.attributes.at("compression").second == std::vector<uint8_t>{0});
    CHECK(f.attributes.at("dataWindow").first == "box2i");
    CHECK(f.attributes.at("lineOrder").second == std::vector<uint8_t>{0});
    REQUIRE(f.channels.size() == 1);
    CHECK(f.channels[0].name == "Z");
    CHECK(f.channels[0].pixelType == 2);  // FLOAT
    CHECK(f.channels[0].xSampling == 1);
    // Offsets: increasing, each chunk = 8 bytes (y, size) + width * 4 bytes.
    REQUIRE(f.offsets.size() == 3);
    CHECK(f.offsets[1] - f.offsets[0] == 8 + 5 * 4);
    CHECK(f.offsets[2] + 8 + 5 * 4 == bytes.size());
}

TEST_CASE("EXR RGB round-trips through an independent reader, channels stored alphabetically") {
    ImageF32 n(4, 2, 3);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x) {
            n.at(x, y, 0) = 0.1f * float(x);
            n.at(x, y, 1) = -0.5f * float(y);
            n.at(x, y, 2) = 1.0f + float(x * y);
        }
    spec::ExrFile f = spec::readExr(encodeExr(n, {"R", "G", "B"}));
    REQUIRE(f.channels.size() == 3);
    CHECK(f.channels[0].name == "B");
    CHECK(f.channels[1].name == "G");
    CHECK(f.channels[2].name == "R");
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x) {
            size_t i = size_t(y) * 4 + size_t(x);
            CHECK(f.data["R"][i] == n.at(x, y, 0));
            CHECK(f.data["G"][i] == n.at(x, y, 1));
            CHECK(f.data["B"][i] == n.at(x, y, 2));
        }
}

TEST_CASE("instance and depth PNGs made straight from the label buffers equal the PNGs of the converted images") {
    ImageU32 ids(53, 17, 1, 0);
    ImageF32 depth(53, 17, 1, 0.0f);
    for (size_t i = 0; i < ids.pixels.size(); ++i) {
        ids.pixels[i] = uint32_t((i * 2654435761u) % 70000u);  // some above 65535: saturated
        depth.pixels[i] = float(i % 97) * 0.73f - 3.0f;        // negative, zero, in range and beyond 65.535 m
    }
    for (PngFilter f : kFilters) {
        INFO("filter " << int(f));
        for (PngCompression c : {PngCompression::General, PngCompression::Runs})
            CHECK(encodeInstancePng(ids, f, c) == encodePng16(instanceIdsToUint16(ids), f, c));
        CHECK(encodeDepthPng(depth, 1.0, f) == encodePng16(depthToUint16(depth), f));
        CHECK(encodeDepthPng(depth, 0.1, f) == encodePng16(depthToUint16(depth, 0.1), f));
    }
}

TEST_CASE("the run coder's zlib streams inflate (libdeflate) and decode (stb_image) to exactly the image") {
    std::mt19937 rng(5);
    // Label-like images (blocks of ids, rows repeating), noise (all literals), and every run length
    // around deflate's limits (3, 258, 259), in 8-bit gray, RGB and 16-bit gray.
    for (int trial = 0; trial < 12; ++trial) {
        int w = 1 + int(rng() % 300), h = 1 + int(rng() % 40);
        if (trial == 0) w = 16500, h = 3;  // rows longer than deflate's 32 KiB window: no row matches
        ImageU8 img(w, h, trial % 3 == 1 ? 3 : 1, 0);
        for (size_t i = 0; i < img.pixels.size(); ++i) {
            if (trial % 4 == 3) img.pixels[i] = uint8_t(rng());                           // noise
            else img.pixels[i] = uint8_t((i / (1 + trial * 37 % 260)) % 5 == 0 ? 7 : 0);  // runs of many lengths
        }
        ImageU16 img16(w, h, 1, 0);
        for (size_t i = 0; i < img16.pixels.size(); ++i) img16.pixels[i] = uint16_t(img.pixels[i % img.pixels.size()] * 4099);
        INFO("trial " << trial << ", " << w << "x" << h);
        for (PngFilter f : kFilters) {
            std::vector<uint8_t> png = encodePng(img, f, PngCompression::Runs);
            int dw = 0, dh = 0, dn = 0;
            uint8_t* decoded = stbi_load_from_memory(png.data(), int(png.size()), &dw, &dh, &dn, 0);
            REQUIRE(decoded != nullptr);
            CHECK(std::equal(img.pixels.begin(), img.pixels.end(), decoded));
            stbi_image_free(decoded);
            CHECK(rowFilterTypes(png, size_t(w) * size_t(img.channels), h).size() == size_t(h));  // inflates with libdeflate
            std::vector<uint8_t> png16 = encodePng16(img16, f, PngCompression::Runs);
            uint16_t* decoded16 = stbi_load_16_from_memory(png16.data(), int(png16.size()), &dw, &dh, &dn, 0);
            REQUIRE(decoded16 != nullptr);
            CHECK(std::equal(img16.pixels.begin(), img16.pixels.end(), decoded16));
            stbi_image_free(decoded16);
        }
    }
}
