// The EXR files of a dataset read by OpenEXR's own library (libOpenEXR), a reader that shares no
// code with our writer, and compared value for value with the buffers they were written from.
// (OpenCV is no check for depth: it maps only R/G/B/A/Y and reads a file whose only channel is Z
// as zeros.)
#include "DatasetFixtures.h"

#include <ImfChannelList.h>
#include <ImfFrameBuffer.h>
#include <ImfHeader.h>
#include <ImfInputFile.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace sg;
using namespace sgtest;

namespace {

// Every channel of an EXR file as float, read by libOpenEXR.
std::map<std::string, std::vector<float>> readWithOpenExr(const std::filesystem::path& path, int& width, int& height) {
    Imf::InputFile file(path.string().c_str());
    const Imath::Box2i window = file.header().dataWindow();
    width = window.max.x - window.min.x + 1;
    height = window.max.y - window.min.y + 1;
    std::map<std::string, std::vector<float>> channels;
    for (auto c = file.header().channels().begin(); c != file.header().channels().end(); ++c) {
        CHECK(c.channel().type == Imf::FLOAT);  // stored as float32, not half
        channels[c.name()].assign(size_t(width) * size_t(height), std::numeric_limits<float>::quiet_NaN());
    }
    Imf::FrameBuffer fb;
    for (auto& [name, values] : channels)
        fb.insert(name, Imf::Slice(Imf::FLOAT, reinterpret_cast<char*>(values.data()), sizeof(float), sizeof(float) * size_t(width)));
    file.setFrameBuffer(fb);
    file.readPixels(window.min.y, window.max.y);
    return channels;
}

}  // namespace

TEST_CASE("EXR depth (channel Z) and normals (R, G, B) read by libOpenEXR equal the depth and normals buffers exactly") {
    HandBuiltFrame f = richFrame();
    // Values no rounding may touch: fractions, tiny and huge magnitudes, negative normals.
    for (int y = 0; y < f.height(); ++y)
        for (int x = 0; x < f.width(); ++x) {
            float& d = f.buffers.depth.at(x, y);
            if (d > 0) d = d + float(x) * 1.0e-3f + float(y) * 1.7e-7f;
            if (x == 1 && y == 1) d = 1.0e-30f;
            if (x == 2 && y == 1) d = 3.0e30f;
            const float nx = std::sin(0.37f * float(x)), ny = std::cos(0.11f * float(y));
            f.buffers.normals.at(x, y, 0) = nx * 0.5f;
            f.buffers.normals.at(x, y, 1) = -ny * 0.5f;
            f.buffers.normals.at(x, y, 2) = -std::sqrt(1.0f - 0.25f * (nx * nx + ny * ny));
        }
    ExportOptions o;
    o.formats = {"coco"};
    o.depthExr = true;
    o.normalsExr = true;
    const std::filesystem::path dir = freshDir("exr_openexr");
    {
        DatasetWriter w(dir, infoFor(f, 1), o);
        w.writeFrame(0, f.scene, f.buffers, computeLabels(f.scene, f.buffers));
        w.finish();
    }
    int w = 0, h = 0;
    auto depth = readWithOpenExr(dir / "depth_exr/000000.exr", w, h);
    CHECK(w == f.width());
    CHECK(h == f.height());
    REQUIRE(depth.size() == 1);
    REQUIRE(depth.count("Z") == 1);
    CHECK(depth["Z"] == f.buffers.depth.pixels);

    auto normals = readWithOpenExr(dir / "normals/000000.exr", w, h);
    REQUIRE(normals.size() == 3);
    for (int c = 0; c < 3; ++c) {
        const char* name = c == 0 ? "R" : c == 1 ? "G" : "B";
        REQUIRE(normals.count(name) == 1);
        std::vector<float> expected;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) expected.push_back(f.buffers.normals.at(x, y, c));
        INFO("channel " << name);
        CHECK(normals[name] == expected);
    }
}
