#include "HandBuiltFrame.h"
#include "labels/Labels.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

using namespace sg;
using sgtest::HandBuiltFrame;

namespace {

const InstanceLabel* find(const FrameLabels& f, uint32_t id) {
    for (const auto& l : f.instances)
        if (l.instanceId == id) return &l;
    return nullptr;
}

}  // namespace

TEST_CASE("Boxes of objects cut by every image border are the clipped pixel extents on pixel edges") {
    HandBuiltFrame f(64, 48);
    uint32_t left = f.addObject(0), right = f.addObject(0), top = f.addObject(1), bottom = f.addObject(1);
    f.paintRect(left, -5, 10, 7, 20, 2.0f);     // columns 0..6
    f.paintRect(right, 60, 30, 70, 33, 2.0f);   // columns 60..63
    f.paintRect(top, 20, -3, 25, 4, 2.0f);      // rows 0..3
    f.paintRect(bottom, 30, 45, 40, 90, 2.0f);  // rows 45..47
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 4);
    CHECK(find(labels, left)->box == PixelBox{0, 10, 7, 20});
    CHECK(find(labels, right)->box == PixelBox{60, 30, 64, 33});
    CHECK(find(labels, top)->box == PixelBox{20, 0, 25, 4});
    CHECK(find(labels, bottom)->box == PixelBox{30, 45, 40, 48});
    CHECK(find(labels, left)->visiblePixels == 7 * 10);
    CHECK(find(labels, bottom)->visiblePixels == 10 * 3);
    // No geometry: truncation falls back to border contact.
    for (const auto& l : labels.instances) CHECK(l.truncated);
}

TEST_CASE("A fully hidden object gets no label, even with a zero pixel filter") {
    HandBuiltFrame f(32, 32);
    uint32_t hidden = f.addObject(0), front = f.addObject(0);
    f.paintRect(hidden, 10, 10, 14, 14, 3.0f);
    f.paintRect(front, 8, 8, 16, 16, 1.0f);
    f.finalize();
    LabelOptions options;
    options.defaults.minVisiblePixels = 0;
    FrameLabels labels = computeLabels(f.scene, f.buffers, options);
    REQUIRE(labels.instances.size() == 1);
    CHECK(labels.instances[0].instanceId == front);
}

TEST_CASE("A one-pixel object has a 1x1 box and one pixel") {
    HandBuiltFrame f(16, 16);
    uint32_t id = f.addObject(1);
    f.paintPixel(id, 5, 9, 2.0f);
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 1);
    CHECK(labels.instances[0].box == PixelBox{5, 9, 6, 10});
    CHECK(labels.instances[0].box.width() == 1);
    CHECK(labels.instances[0].visiblePixels == 1);
    CHECK(labels.instances[0].visibleFraction == 1.0);
}

TEST_CASE("Two touching objects of the same class keep separate boxes") {
    HandBuiltFrame f(32, 32);
    uint32_t a = f.addObject(0), b = f.addObject(0);
    f.paintRect(a, 2, 2, 10, 10, 2.0f);
    f.paintRect(b, 10, 2, 20, 10, 2.0f);
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 2);
    CHECK(find(labels, a)->box == PixelBox{2, 2, 10, 10});
    CHECK(find(labels, b)->box == PixelBox{10, 2, 20, 10});
}

TEST_CASE("Unlabeled objects (category -1) are left out of the labels and the semantic mask") {
    HandBuiltFrame f(16, 16);
    uint32_t distractor = f.addObject(-1), crack = f.addObject(1);
    f.paintRect(distractor, 0, 0, 8, 8, 2.0f);
    f.paintRect(crack, 8, 8, 16, 16, 2.0f);
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 1);
    CHECK(labels.instances[0].instanceId == crack);
    CHECK(labels.instances[0].categoryId == 7);
    ImageU16 sem = semanticMask(f.scene, f.buffers);
    CHECK(sem.at(2, 2) == 0);
    CHECK(sem.at(10, 10) == 7);
    CHECK(sem.at(7, 8) == 0);
}

TEST_CASE("An empty frame has no instances") {
    HandBuiltFrame f(16, 16);
    f.addObject(0);  // off-screen: nothing painted
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    CHECK(labels.instances.empty());
    CHECK(labels.width == 16);
    CHECK(labels.height == 16);
}

TEST_CASE("More than 100 instances in one frame all get their exact boxes") {
    HandBuiltFrame f(160, 120);
    std::vector<PixelBox> expected;
    for (int i = 0; i < 150; ++i) {
        uint32_t id = f.addObject(i % 2);
        int x = (i % 15) * 10 + 1, y = (i / 15) * 12 + 2;
        int w = 1 + i % 8, h = 1 + (i * 3) % 9;
        f.paintRect(id, x, y, x + w, y + h, 2.0f);
        expected.push_back({x, y, x + w, y + h});
    }
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    REQUIRE(labels.instances.size() == 150);
    for (size_t i = 0; i < 150; ++i) {
        CHECK(labels.instances[i].instanceId == i + 1);
        CHECK(labels.instances[i].box == expected[i]);
        CHECK(labels.instances[i].visiblePixels == int64_t(expected[i].width()) * expected[i].height());
    }
}

TEST_CASE("Visible fraction is visible over amodal pixels, and the amodal box includes the hidden part") {
    HandBuiltFrame f(40, 40);
    uint32_t back = f.addObject(0), front = f.addObject(1);
    f.paintRect(back, 5, 5, 25, 15, 3.0f);    // 200 px
    f.paintRect(front, 15, 0, 40, 40, 1.0f);  // hides columns 15..24 of `back`
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    const InstanceLabel* b = find(labels, back);
    REQUIRE(b);
    CHECK(b->amodalSource == AmodalSource::Rendered);
    CHECK(b->visiblePixels == 100);
    CHECK(b->amodalPixels == 200);
    CHECK(b->visibleFraction == Approx(0.5));
    CHECK(b->box == PixelBox{5, 5, 15, 15});
    CHECK(b->amodalBox == PixelBox{5, 5, 25, 15});
    ImageU8 full = amodalMaskFull(*b, 40, 40);
    CHECK(full.at(24, 14) == 1);
    CHECK(full.at(25, 14) == 0);
}

TEST_CASE("Per-category filters drop small, mostly hidden or truncated objects") {
    HandBuiltFrame f(40, 40);
    uint32_t small = f.addObject(0), hidden = f.addObject(1), cut = f.addObject(1), occluder = f.addObject(-1);
    f.paintRect(small, 1, 1, 3, 3, 2.0f);         // 4 px, category 0
    f.paintRect(hidden, 10, 10, 20, 20, 3.0f);    // 100 px amodal
    f.paintRect(occluder, 10, 10, 19, 20, 1.0f);  // leaves 10 px of `hidden` visible
    f.paintRect(cut, 35, 30, 45, 35, 2.0f);       // touches the right border
    f.finalize();

    LabelOptions options;
    options.perCategory[0].minVisiblePixels = 5;
    options.perCategory[1].minVisibleFraction = 0.2;
    options.perCategory[1].keepTruncated = false;
    FrameLabels labels = computeLabels(f.scene, f.buffers, options);
    CHECK(labels.instances.empty());

    options.perCategory[0].minVisiblePixels = 4;
    options.perCategory[1].minVisibleFraction = 0.1;
    options.perCategory[1].keepTruncated = true;
    labels = computeLabels(f.scene, f.buffers, options);
    CHECK(labels.instances.size() == 3);
    (void)small;
    (void)hidden;
    (void)cut;
}

TEST_CASE("Keypoint states: visible, hidden by another object, hidden by the object itself, outside") {
    HandBuiltFrame f(64, 48);  // cx = 31.5, cy = 23.5, f = 500, object at z = 2: u = 31.5 + 250 x
    uint32_t id = f.addObject(0), other = f.addObject(1);
    Object& o = f.scene.objects[id - 1];
    o.keypoints = {{"visible", {-0.046, -0.014, 0}},  // pixel (20, 20), on the surface
                   {"occluded", {0.034, -0.014, 0}},  // pixel (40, 20), behind `other`
                   {"self", {-0.046, 0.026, 0.3}},    // z = 2.3 behind its own front at pixel (~18.5, ~26.3)
                   {"off_image", {-0.166, 0, 0}},     // u = -10
                   {"behind_camera", {0, 0, -3}},     // z = -1
                   {"within_tolerance", {-0.046, -0.014, 0.01}}};
    f.paintRect(id, 10, 10, 50, 40, 2.0f);
    f.paintRect(other, 38, 18, 43, 23, 1.5f);
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    const InstanceLabel* l = find(labels, id);
    REQUIRE(l);
    REQUIRE(l->keypoints.size() == 6);
    CHECK(l->keypoints[0].pixel.x == Approx(20.0));
    CHECK(l->keypoints[0].pixel.y == Approx(20.0));
    CHECK(l->keypoints[0].state == KeypointState::Visible);
    CHECK(l->keypoints[0].cocoVisibility() == 2);
    CHECK(l->keypoints[1].state == KeypointState::Hidden);
    CHECK(l->keypoints[1].cocoVisibility() == 1);
    CHECK(l->keypoints[2].state == KeypointState::Hidden);
    CHECK(l->keypoints[3].state == KeypointState::OutsideFrame);
    CHECK(l->keypoints[3].cocoVisibility() == 0);
    CHECK(l->keypoints[4].state == KeypointState::OutsideFrame);
    CHECK(l->keypoints[5].state == KeypointState::Visible);  // 1 cm < 0.005 + 0.01 * 2.01 m
}

TEST_CASE("Pose is object-to-camera: R rotation, t translation, scale separated") {
    HandBuiltFrame f(32, 32);
    uint32_t id = f.addObject(0);
    Object& o = f.scene.objects[id - 1];
    glm::dmat4 m(1.0);
    m = glm::translate(m, glm::dvec3(0.1, 0.2, 3.0));
    m = glm::rotate(m, glm::radians(90.0), glm::dvec3(0, 0, 1));
    m = glm::scale(m, glm::dvec3(2.0));
    o.modelToWorld = m;
    f.paintRect(id, 0, 0, 4, 4, 3.0f);
    f.finalize();

    SECTION("identity camera: R is the 90 degree turn about Z") {
        FrameLabels labels = computeLabels(f.scene, f.buffers);
        const InstanceLabel& l = labels.instances.at(0);
        // Columns of R are the images of the model axes: x -> +y, y -> -x, z -> z.
        CHECK(l.R[0].x == Approx(0).margin(1e-12));
        CHECK(l.R[0].y == Approx(1));
        CHECK(l.R[1].x == Approx(-1));
        CHECK(l.R[2].z == Approx(1));
        CHECK(l.t == glm::dvec3(0.1, 0.2, 3.0));
        CHECK(l.scale.x == Approx(2.0));
        CHECK(l.scale.z == Approx(2.0));
    }
    SECTION("any camera: R (s p) + t maps model points like worldToCamera * modelToWorld") {
        f.scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({1, -2, 1.5}, {0.1, 0.2, 3.0}, {0, 0, 1}));
        FrameLabels labels = computeLabels(f.scene, f.buffers);
        const InstanceLabel& l = labels.instances.at(0);
        glm::dmat3 RtR = glm::transpose(l.R) * l.R;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j) CHECK(RtR[i][j] == Approx(i == j ? 1.0 : 0.0).margin(1e-12));
        for (glm::dvec3 p : {glm::dvec3(1, 0, 0), glm::dvec3(0.3, -0.7, 0.2)}) {
            glm::dvec3 expected(f.scene.camera.worldToCamera * (o.modelToWorld * glm::dvec4(p, 1)));
            glm::dvec3 got = l.R * (l.scale * p) + l.t;
            CHECK(glm::distance(expected, got) < 1e-12);
        }
    }
}

TEST_CASE("3D box corners are the model AABB in the camera frame, projected with K") {
    HandBuiltFrame f(64, 48);
    uint32_t id = f.addObject(0);
    Object& o = f.scene.objects[id - 1];
    PrimitiveShape box;
    box.kind = PrimitiveKind::Box;
    box.size = {0.2, 0.4, 0.6};
    o.parts.push_back({makePrimitiveMesh(box), nullptr, glm::dmat4(1.0)});
    f.paintRect(id, 20, 10, 40, 30, 1.7f);
    f.finalize();
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    const InstanceLabel& l = labels.instances.at(0);
    CHECK(l.modelBoundsMin.x == Approx(-0.1));
    CHECK(l.modelBoundsMax.z == Approx(0.3));
    glm::dvec3 c7 = l.box3dCamera[7];
    CHECK(c7.x == Approx(0.1));
    CHECK(c7.y == Approx(0.2));
    CHECK(c7.z == Approx(2.3));
    CHECK(l.box3dPixels[7].x == Approx(31.5 + 500 * 0.1 / 2.3));
    CHECK(l.box3dPixels[7].y == Approx(23.5 + 500 * 0.2 / 2.3));
    CHECK(l.box3dPixels[0].x == Approx(31.5 - 500 * 0.1 / 1.7));
    CHECK(l.box3dInFront);
}
