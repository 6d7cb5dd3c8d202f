// The numbers the report charts, checked against values worked out by hand on tiny inputs.
#include "report/DatasetAnalysis.h"
#include "report/ImageStatistics.h"
#include "report/Statistics.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <numbers>

using namespace sg::report;

TEST_CASE("KS statistic: the largest gap between two step functions, worked by hand") {
    // F_a steps 1/4 at 1, 2, 3, 4; F_b steps 1/6 at 3..8. At x = 4: F_a = 1, F_b = 2/6 -> 2/3.
    CHECK(ksStatistic({1, 2, 3, 4}, {3, 4, 5, 6, 7, 8}) == Approx(2.0 / 3.0));
    CHECK(ksStatistic({1, 2, 3}, {1, 2, 3}) == 0);
    CHECK(ksStatistic({1, 2}, {5, 6, 7}) == 1);
    // Ties across samples step together: at x = 1, F_a = 2/3 and F_b = 1/3; at x = 2 both are 1.
    // Stepping one sample before the other would report 2/3.
    CHECK(ksStatistic({1, 1, 2}, {2, 1, 2}) == Approx(1.0 / 3.0));
    CHECK(ksStatistic({}, {1}) == 0);
}

TEST_CASE("histogram bins are half-open, the last one closed, and out-of-range values are counted apart") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Histogram h = makeHistogram({0, 0.1, 0.25, 0.5, 0.99, 1.0, -0.1, 1.5, nan}, 0, 1, 4);
    CHECK(h.counts == std::vector<int64_t>{2, 1, 1, 2});
    CHECK(h.below == 1);
    CHECK(h.above == 1);
    CHECK(h.invalid == 1);
    CHECK(h.total() == 6);
}

TEST_CASE("summary: mean and median of an even count") {
    Summary s = summarize({4, 1, 3, 2});
    CHECK(s.count == 4);
    CHECK(s.mean == 2.5);
    CHECK(s.median == 2.5);
    CHECK(s.min == 1);
    CHECK(s.max == 4);
}

TEST_CASE("image statistics of a 5x3 gray image with one bright pixel, worked by hand") {
    sg::ImageU8 image(5, 3, 1, 0);
    image.at(2, 1) = 90;
    ImageStats s = computeImageStats(image);
    CHECK(s.brightness == Approx(6.0));             // 90 / 15
    CHECK(s.contrast == Approx(std::sqrt(504.0)));  // sqrt(8100 / 15 - 6^2)
    // Laplacian over the interior row: 90, -360, 90; mean -60; variance (150^2 + 300^2 + 150^2) / 3.
    CHECK(s.sharpness == Approx(45000.0));
    // Immerkaer: |M * I| = 180, 360, 180; sigma = sqrt(pi / 2) * 720 / (6 * 3 * 1).
    CHECK(s.noise == Approx(std::sqrt(std::numbers::pi / 2) * 40.0));
    CHECK(s.colourMean[0] == Approx(6.0));
}

TEST_CASE("image statistics of flat and coloured images") {
    sg::ImageU8 flat(8, 6, 3, 100);
    ImageStats f = computeImageStats(flat);
    CHECK(f.brightness == Approx(100.0));
    CHECK(f.contrast == Approx(0.0).margin(1e-9));
    CHECK(f.sharpness == 0);
    CHECK(f.noise == 0);

    sg::ImageU8 red(4, 4, 3, 0);
    for (size_t i = 0; i < red.pixels.size(); i += 3) red.pixels[i] = 255;
    ImageStats r = computeImageStats(red);
    CHECK(r.colourMean[0] == Approx(255.0));
    CHECK(r.colourMean[1] == 0);
    CHECK(r.colourMean[2] == 0);
    CHECK(r.brightness == Approx(0.299 * 255));  // BT.601 luma
}

TEST_CASE("dataset analysis: box size, aspect, center cell, per-class counts and keypoint states") {
    ReportDataset d;
    d.categories = {{1, "part", "part", {"a", "b"}}, {2, "defect/scratch", "defect", {}}};
    d.images.resize(3);
    for (auto& im : d.images) {
        im.width = 100;
        im.height = 50;
    }
    auto box = [](size_t image, size_t category, double x, double y, double w, double h) {
        ReportAnnotation a;
        a.image = image;
        a.category = category;
        a.x = x, a.y = y, a.w = w, a.h = h;
        return a;
    };
    d.annotations = {box(0, 0, 0, 0, 10, 5), box(0, 0, 50, 25, 20, 20), box(1, 0, 90, 45, 10, 5), box(1, 1, 0, 0, 4, 8)};
    d.annotations[0].keypoints = {1, 1, 2, 3, 3, 1};
    d.annotations[1].keypoints = {0, 0, 0, 60, 30, 2};
    d.annotations[3].attributes = {{"length_mm", 2.5}, {"severity", "minor"}};
    d.annotations[3].parentId = 3;
    DatasetAnalysis a = analyzeDataset(d);
    REQUIRE(a.relativeSize.size() == 4);
    CHECK(a.relativeSize[0] == Approx(0.1));  // sqrt(50 / 5000)
    CHECK(a.relativeSize[1] == Approx(std::sqrt(400.0 / 5000)));
    CHECK(a.aspectLog2[0] == Approx(1.0));   // 10 / 5
    CHECK(a.aspectLog2[3] == Approx(-1.0));  // 4 / 8
    // Box 0's center (5, 2.5) is at (0.05, 0.05) of the image: cell (1, 1) of 32 x 24.
    CHECK(a.centerGrid[1 * 32 + 1] == 1);
    // Box 1's center (60, 35) -> (0.6, 0.7): column 19, row 16.
    CHECK(a.centerGrid[16 * 32 + 19] == 1);
    CHECK(a.perClass[0].instances == 3);
    CHECK(a.perClass[0].images == 2);
    CHECK(a.perClass[1].instances == 1);
    CHECK(a.perClass[1].images == 1);
    CHECK(a.instancesPerImage == std::vector<double>{2, 2, 0});
    CHECK(a.keypointStates == std::array<int64_t, 3>{1, 1, 2});
    CHECK(a.defectFamilies.at("defect/scratch") == 1);
    CHECK(a.defectSizes.at("length_mm") == std::vector<double>{2.5});
    CHECK(a.defectSeverities.at("minor") == 1);
    CHECK(a.imagesWithDefects == 1);
    CHECK(a.defectsWithParent == 1);
    CHECK(classesRarestFirst(d, a) == std::vector<size_t>{1, 0});
}
