// Contamination (dust particles and fibers resting on a part) against closed-form answers on a
// plate seen head-on (HeadOnPlate.h): a particle is a disc of known radius around its center, a
// fiber a band of known width around a known arc (scenes/Defect.h).
#include "HeadOnPlate.h"

using namespace sg;
using namespace sgtest;

namespace {

Defect dust(double clusterDiameter, double particleDiameter, int particles) {
    Defect d = flatDefect(DefectFamily::Contamination, clusterDiameter, particleDiameter, 0.0001);
    d.style = ContaminationStyle::Dust;
    d.count = particles;
    d.color = {0.8f, 0.1f, 0.05f};  // red on the grey plate
    return d;
}

Defect fiber(double length, double width, double curvature, int fibers) {
    Defect d = flatDefect(DefectFamily::Contamination, length, width, 0.0001);
    d.style = ContaminationStyle::Fiber;
    d.curvature = curvature;
    d.count = fibers;
    d.color = {0.05f, 0.1f, 0.8f};
    return d;
}

long countId(const ImageU32& ids, uint32_t id) { return long(std::count(ids.pixels.begin(), ids.pixels.end(), id)); }

}  // namespace

TEST_CASE("a single dust particle of radius r seen head-on labels exactly the pixel centers within r of its center") {
    Scene scene = headOnPlate();
    const double r = 0.01;  // 20 px
    Defect d = dust(0.05, 2 * r, 1);
    d.center = {0.012, -0.007, 0.0};
    scene.objects[0].defects.push_back(d);

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t id = uint32_t(scene.objects.size()) + 1;
    long labeled = 0, mislabeled = 0;
    glm::dvec2 sum(0.0);
    for (int v = 0; v < K.height; ++v)
        for (int u = 0; u < K.width; ++u) {
            const bool on = fb.defectId.at(u, v) == id;
            if (on) ++labeled, sum += glm::dvec2(u, v);
            const double distance = glm::length(platePoint(K, u, v) - glm::dvec2(d.center));
            if (std::abs(distance - r) > 1e-5) mislabeled += on != (distance < r);  // rim centers may go either way
        }
    CHECK(mislabeled == 0);
    const double radiusPx = r * kF / kDistance, pi = 3.14159265358979;
    INFO(labeled << " pixels, pi r^2 = " << pi * radiusPx * radiusPx);
    CHECK(std::abs(labeled - pi * radiusPx * radiusPx) <= 2 * pi * radiusPx);  // within one ring of boundary pixels
    const glm::dvec2 centroid = sum / double(labeled);
    CHECK(centroid.x == Approx(d.center.x * kF / kDistance + K.cx).margin(0.5));
    CHECK(centroid.y == Approx(-d.center.y * kF / kDistance + K.cy).margin(0.5));
    requireCleanValidation(renderer);
}

TEST_CASE("a single curved fiber seen head-on: its mask's centerline stays within 1 px of its arc") {
    Scene scene = headOnPlate();
    const double k = -6.0;                                         // radius of curvature 0.167 m
    scene.objects[0].defects.push_back(fiber(0.12, 0.002, k, 1));  // 240 px long, 4 px wide

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    const Intrinsics& K = scene.camera.intrinsics;
    std::vector<glm::dvec2> centerline = maskColumnMeans(fb.defectId, uint32_t(scene.objects.size()) + 1);
    REQUIRE(centerline.size() > 200);
    double maxOffset = 0;
    for (size_t i = 2; i + 2 < centerline.size(); ++i)  // the flat ends hold part of the width only
        maxOffset = std::max(maxOffset, std::abs(centerline[i].y - arcRow(K, centerline[i].x, k)));
    INFO("largest centerline offset " << maxOffset << " px");
    CHECK(maxOffset <= 1.0);
    requireCleanValidation(renderer);
}

TEST_CASE("dust and fibers hanging over a part's edge are labeled only on the part") {
    Scene scene = headOnPlate(0.1);  // plate edges at x, y = +-0.05
    Defect cluster = dust(0.03, 0.002, 40);
    cluster.center = {0.05, 0.0, 0.0};  // half of the cluster lies beyond the right edge
    Defect fibers = fiber(0.04, 0.001, 20.0, 4);
    fibers.center = {-0.03, -0.05, 0.0};  // on the bottom edge
    scene.objects[0].defects = {cluster, fibers};

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    long outside = 0;
    for (size_t p = 0; p < fb.defectId.pixels.size(); ++p) outside += fb.defectId.pixels[p] != 0 && fb.instanceId.pixels[p] != 1;
    CHECK(countId(fb.defectId, 2) > 50);
    CHECK(countId(fb.defectId, 3) > 20);
    CHECK(outside == 0);
    requireCleanValidation(renderer);
}

TEST_CASE("contamination changes the colour of its labeled pixels and of no other pixel") {
    Scene clean = headOnPlate();
    Scene dirty = clean;
    Defect cluster = dust(0.04, 0.003, 25);
    cluster.center = {-0.04, 0.02, 0.0};
    Defect fibers = fiber(0.06, 0.0015, 10.0, 3);
    fibers.center = {0.05, -0.02, 0.0};
    dirty.objects[0].defects = {cluster, fibers};

    Renderer renderer(validated());
    FrameBuffers a = renderer.render(clean), b = renderer.render(dirty);
    long changedOutside = 0, labeled = 0, changedInside = 0;
    for (int v = 0; v < a.rgb.height; ++v)
        for (int u = 0; u < a.rgb.width; ++u) {
            bool changed = false;
            for (int c = 0; c < 3; ++c) changed |= a.rgb.at(u, v, c) != b.rgb.at(u, v, c);
            if (b.defectId.at(u, v) == 0) {
                changedOutside += changed;
                continue;
            }
            ++labeled;
            // Red dust and blue fibers on a grey plate: the contaminant's dominant channel wins.
            const int dominant = b.defectId.at(u, v) == 2 ? 0 : 2;
            changedInside += changed && b.rgb.at(u, v, dominant) > b.rgb.at(u, v, 1);
        }
    REQUIRE(labeled > 100);
    CHECK(changedOutside == 0);
    CHECK(changedInside == labeled);
    requireCleanValidation(renderer);
}

TEST_CASE("dust and fibers render the same bytes twice and on a mesh without UVs the same labels") {
    Scene plate = headOnPlate();
    Defect cluster = dust(0.05, 0.003, 30);
    cluster.seed = 12345;
    Defect fibers = fiber(0.05, 0.001, -15.0, 5);
    fibers.seed = 678;
    fibers.center = {0.06, 0.03, 0.0};
    plate.objects[0].defects = {cluster, fibers};
    Scene noUvs = plate;
    withoutUvs(noUvs.objects[0]);

    Renderer renderer(validated());
    FrameBuffers a = renderer.render(plate), b = renderer.render(noUvs), again = renderer.render(noUvs);
    CHECK(countId(a.defectId, 2) > 100);
    CHECK(countId(a.defectId, 3) > 50);
    CHECK(a.defectId.pixels == b.defectId.pixels);
    CHECK(b.defectId.pixels == again.defectId.pixels);
    CHECK(b.rgb.pixels == again.rgb.pixels);
    requireCleanValidation(renderer);
}
