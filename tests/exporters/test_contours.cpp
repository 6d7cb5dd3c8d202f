#include "SpecDecoders.h"
#include "exporters/Contours.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace sg;

namespace {

std::vector<std::vector<double>> flat(const std::vector<Polygon>& polys) {
    std::vector<std::vector<double>> out;
    for (const auto& p : polys) {
        std::vector<double> f;
        for (auto v : p) {
            f.push_back(v.x);
            f.push_back(v.y);
        }
        out.push_back(f);
    }
    return out;
}

ImageU8 ring(int w, int h, double cx, double cy, double r0, double r1) {
    ImageU8 m(w, h, 1, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double d = std::hypot(x - cx, y - cy);
            m.at(x, y) = d >= r0 && d < r1;
        }
    return m;
}

}  // namespace

TEST_CASE("A filled rectangle has one clockwise outer ring with its 4 corners on pixel edges") {
    ImageU8 m(10, 8, 1, 0);
    for (int y = 2; y < 5; ++y)
        for (int x = 3; x < 7; ++x) m.at(x, y) = 1;
    MaskContours c = traceContours(m);
    REQUIRE(c.outer.size() == 1);
    CHECK(c.holes.empty());
    CHECK(c.outer[0] == Polygon{{3, 2}, {7, 2}, {7, 5}, {3, 5}});
    CHECK(signedArea(c.outer[0]) == 12);
}

TEST_CASE("A ring (torus seen along its axis) gives one outer ring and one hole; the bridged polygon fills to the mask") {
    ImageU8 m = ring(40, 30, 19.5, 14.5, 5, 12);
    MaskContours c = traceContours(m);
    REQUIRE(c.outer.size() == 1);
    REQUIRE(c.holes.size() == 1);
    CHECK(signedArea(c.holes[0]) < 0);
    int64_t pixels = 0;
    for (auto v : m.pixels) pixels += v;
    CHECK(signedArea(c.outer[0]) + signedArea(c.holes[0]) == double(pixels));
    std::vector<Polygon> bridged = polygonsWithBridgedHoles(c);
    REQUIRE(bridged.size() == 1);
    CHECK(spec::fillEvenOdd(flat(bridged), 40, 30).pixels == m.pixels);
    CHECK(spec::fillEvenOdd(flat({singlePolygon(bridged)}), 40, 30).pixels == m.pixels);
}

TEST_CASE("Pixels touching only at a corner are separate pieces; every random mask is reproduced exactly") {
    ImageU8 diag(4, 4, 1, 0);
    diag.at(1, 1) = 1;
    diag.at(2, 2) = 1;
    CHECK(traceContours(diag).outer.size() == 2);

    std::mt19937 rng(7);
    for (int trial = 0; trial < 30; ++trial) {
        int w = 1 + int(rng() % 25), h = 1 + int(rng() % 25);
        ImageU8 m(w, h, 1, 0);
        for (auto& v : m.pixels) v = (rng() % 100) < 45;
        std::vector<Polygon> polys = polygonsWithBridgedHoles(traceContours(m));
        CHECK(spec::fillEvenOdd(flat(polys), w, h).pixels == m.pixels);
        CHECK(spec::fillEvenOdd(flat({singlePolygon(polys)}), w, h).pixels == m.pixels);
    }
}
