// Labels of surface defects from a hand-painted frame: the defect id image decides the defect's
// pixels, the part keeps its whole mask, filters apply per defect category, semantic masks show the
// defect class over the part.
#include "HandBuiltFrame.h"
#include "labels/DefectLabels.h"
#include "labels/Labels.h"

#include <catch2/catch.hpp>

using namespace sg;
using namespace sgtest;

namespace {

// A widget covering [10, 50) x [10, 40) with a crack painted at [20, 30) x [15, 17) and a tiny one
// (2 pixels) at (40, 30), (41, 30). Defect label ids follow the objects': 2 and 3.
HandBuiltFrame crackedWidget() {
    HandBuiltFrame f(64, 48);
    uint32_t part = f.addObject(0, "widget");
    f.paintRect(part, 10, 10, 50, 40, 1.0f);
    Defect big, tiny;
    big.family = tiny.family = DefectFamily::Crack;
    big.category = tiny.category = 1;  // "defect/crack"
    big.attributes = {{"type", "crack"}, {"length_mm", 12.5}, {"severity", "reject"}};
    f.scene.objects[0].defects = {big, tiny};
    f.buffers.defectId = ImageU32(64, 48, 1, 0);
    for (int y = 15; y < 17; ++y)
        for (int x = 20; x < 30; ++x) f.buffers.defectId.at(x, y) = 2;
    f.buffers.defectId.at(40, 30) = f.buffers.defectId.at(41, 30) = 3;
    return f;
}

}  // namespace

TEST_CASE("a defect label takes its pixels from the defect ids, its part as parent, and the part keeps its whole mask") {
    HandBuiltFrame f = crackedWidget();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 3);
    const InstanceLabel& part = labels.instances[0];
    CHECK(part.instanceId == 1);
    CHECK(part.visiblePixels == 40 * 30);
    CHECK(part.parentInstanceId == 0);
    const InstanceLabel& crack = labels.instances[1];
    CHECK(crack.instanceId == 2);
    CHECK(crack.parentInstanceId == 1);
    CHECK(crack.categoryId == 7);
    CHECK(crack.visiblePixels == 20);
    CHECK(crack.box == PixelBox{20, 15, 30, 17});
    CHECK(crack.attributes.at("length_mm") == 12.5);
    CHECK(crack.attributes.at("severity") == "reject");
    CHECK(&labelIdImage(f.buffers, crack) == &f.buffers.defectId);
    CHECK(&labelIdImage(f.buffers, part) == &f.buffers.instanceId);
    CHECK(labels.instances[2].visiblePixels == 2);
}

TEST_CASE("per-category filters apply to defects: a tiny defect below the pixel threshold is left out") {
    HandBuiltFrame f = crackedWidget();
    LabelOptions options;
    options.perCategory[1].minVisiblePixels = 5;
    FrameLabels labels = computeLabels(f.scene, f.buffers, options);
    REQUIRE(labels.instances.size() == 2);
    CHECK(labels.instances[1].instanceId == 2);
}

TEST_CASE("the semantic mask shows the defect class over the part") {
    HandBuiltFrame f = crackedWidget();
    ImageU16 sem = semanticMask(f.scene, f.buffers);
    CHECK(sem.at(25, 16) == 7);
    CHECK(sem.at(25, 20) == 1);
    CHECK(sem.at(40, 30) == 7);
    CHECK(sem.at(5, 5) == 0);
}

TEST_CASE(
    "with a rendered footprint a defect's amodal mask is the footprint plus its visible pixels, and its visible fraction follows") {
    HandBuiltFrame f = crackedWidget();
    AmodalMask big;  // the whole crack: [20, 40) x [15, 17), of which [20, 30) is visible
    big.x0 = 20;
    big.y0 = 15;
    big.mask = ImageU8(20, 2, 1, 1);
    AmodalMask tiny;  // rendered footprint empty: the visible pixels still count
    f.buffers.defectAmodal = {big, tiny};
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 3);
    const InstanceLabel& crack = labels.instances[1];
    CHECK(crack.amodalSource == AmodalSource::Rendered);
    CHECK(crack.amodalPixels == 40);
    CHECK(crack.amodalBox == PixelBox{20, 15, 40, 17});
    CHECK(crack.visibleFraction == Approx(0.5));
    CHECK(labels.instances[2].amodalPixels == 2);
    CHECK(labels.instances[2].visibleFraction == Approx(1.0));
}
