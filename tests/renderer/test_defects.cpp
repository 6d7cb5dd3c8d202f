// Surface defects against closed-form answers: a plate seen head-on, so every pixel center maps to
// a known plate point (X, Y) = ((u - cx) D / fx, -(v - cy) D / fy), and each family's footprint
// and carved surface are written down independently of the shader.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kDistance = 0.5;  // camera height above the plate
constexpr double kF = 1000.0;      // focal length in pixels: 1 px = 0.5 mm on the plate

// Camera above the origin looking straight down: camera x = world +X, camera y = world -Y.
Scene headOnPlate(double plateSize = 0.3) {
    Scene s;
    s.camera = headOnCamera(320, 240, kF, kDistance);
    Light sun;
    sun.direction = {0.2, 0.1, -1.0};
    sun.castsShadows = false;
    s.lights.push_back(sun);
    s.objects.push_back(primitiveObject(plane(plateSize, plateSize), glm::dmat4(1.0)));
    return s;
}

glm::dvec2 platePoint(const Intrinsics& K, int u, int v) { return {(u - K.cx) * kDistance / K.fx, -(v - K.cy) * kDistance / K.fy}; }

Defect flatDefect(DefectFamily family, double length, double width, double depth) {
    Defect d;
    d.family = family;
    d.length = length;
    d.width = width;
    d.depth = depth;
    d.color = {0.9f, 0.9f, 0.9f};
    d.roughness = 0.2f;
    return d;
}

}  // namespace

TEST_CASE("a curved scratch on a plate seen head-on: centerline within 1 px of the path, length within 2 %, width within 1 px") {
    Scene scene = headOnPlate();
    const double L = 0.1, w = 0.004, k = 5.0;  // 200 px long, 8 px wide, radius of curvature 0.2 m
    Defect d = flatDefect(DefectFamily::Scratch, L, w, 0.0002);
    d.curvature = k;
    scene.objects[0].defects.push_back(d);

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    const Intrinsics& K = scene.camera.intrinsics;
    REQUIRE(fb.defectId.width == K.width);
    const uint32_t defectId = uint32_t(scene.objects.size()) + 1;

    // Per pixel column: the mask's mean row against the projected path y(x) of the arc. Along the
    // path: the arc length s of each mask pixel's plate point, whose range is the measured length.
    std::vector<glm::dvec2> centerline;
    long pixels = 0;
    double sMin = 1e300, sMax = -1e300;
    for (int u = 0; u < K.width; ++u) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < K.height; ++v) {
            uint32_t id = fb.defectId.at(u, v);
            REQUIRE((id == 0 || id == defectId));
            if (id != defectId) continue;
            REQUIRE(fb.instanceId.at(u, v) == 1);  // the part keeps its whole mask
            sum += v;
            ++n;
            glm::dvec2 p = platePoint(K, u, v);
            double s = std::atan2(k * p.x, 1 - k * p.y) / k;
            sMin = std::min(sMin, s), sMax = std::max(sMax, s);
        }
        pixels += n;
        if (n > 0) centerline.push_back({double(u), sum / n});
    }
    REQUIRE(centerline.size() > 100);
    double maxOffset = 0;
    // The flat ends cross the path at an angle: their first and last 3 columns hold part of the width only.
    for (size_t i = 3; i + 3 < centerline.size(); ++i) {
        double X = (centerline[i].x - K.cx) * kDistance / K.fx;
        double s = std::asin(k * X) / k;
        double Y = (1 - std::cos(k * s)) / k;
        double vPath = -Y * K.fy / kDistance + K.cy;
        maxOffset = std::max(maxOffset, std::abs(centerline[i].y - vPath));
    }
    INFO("largest centerline offset " << maxOffset << " px");
    CHECK(maxOffset <= 1.0);

    double measuredLength = sMax - sMin;
    INFO("measured length " << measuredLength << " m");
    CHECK(std::abs(measuredLength - L) <= 0.02 * L);
    const double pixelSize = kDistance / kF;
    double widthPx = double(pixels) * pixelSize * pixelSize / measuredLength / pixelSize;
    INFO("measured width " << widthPx << " px, expected " << w / pixelSize);
    CHECK(std::abs(widthPx - w / pixelSize) <= 1.0);
    requireCleanValidation(renderer);
}

TEST_CASE("a dent's normals follow its analytic profile h = -depth (1 - r^2/R^2)^2, and nothing changes outside its radius") {
    Scene scene = headOnPlate();
    const double R = 0.03, depth = 0.003;
    Defect d = flatDefect(DefectFamily::Dent, 2 * R, 0.0, depth);
    d.center = {0.005, -0.004, 0.0};
    scene.objects[0].defects.push_back(d);

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t defectId = uint32_t(scene.objects.size()) + 1;
    double worstInside = 0, worstOutside = 0;
    long inside = 0, mislabeled = 0;
    for (int v = 0; v < K.height; ++v)
        for (int u = 0; u < K.width; ++u) {
            glm::dvec2 p = platePoint(K, u, v) - glm::dvec2(d.center);
            double r2 = glm::dot(p, p);
            // Pixel centers within a hair of the rim may go either way in float arithmetic.
            if (std::abs(std::sqrt(r2) - R) < 1e-5) continue;
            bool in = r2 < R * R;
            mislabeled += (fb.defectId.at(u, v) == defectId) != in;
            // Surface z = h(x, y): normal (-dh/dx, -dh/dy, 1); in the camera frame y and z flip.
            glm::dvec3 expected(0, 0, 1);
            if (in) {
                glm::dvec2 slope = p * (4 * depth * (1 - r2 / (R * R)) / (R * R));
                expected = glm::normalize(glm::dvec3(-slope.x, -slope.y, 1.0));
                ++inside;
            }
            glm::dvec3 camera(expected.x, -expected.y, -expected.z);
            glm::dvec3 got(fb.normals.at(u, v, 0), fb.normals.at(u, v, 1), fb.normals.at(u, v, 2));
            double err = angleDegrees(got, camera);
            (in ? worstInside : worstOutside) = std::max(in ? worstInside : worstOutside, err);
        }
    REQUIRE(inside > 10000);
    CHECK(mislabeled == 0);
    INFO("worst normal error inside " << worstInside << " deg, outside " << worstOutside << " deg");
    CHECK(worstInside < 0.1);
    CHECK(worstOutside < 0.05);
    requireCleanValidation(renderer);
}

TEST_CASE(
    "a defect hidden behind another object gets no pixels; a half-hidden one only where its part is seen, and its whole footprint as "
    "amodal mask") {
    Scene scene = headOnPlate();
    Defect hidden = flatDefect(DefectFamily::Scratch, 0.03, 0.004, 0.0002);
    hidden.center = {-0.02, 0.02, 0};
    Defect half = flatDefect(DefectFamily::Stain, 0.04, 0, 0);
    half.center = {0.04, -0.02, 0};
    scene.objects[0].defects = {hidden, half};
    // A box floating above the plate: covers the whole first defect and the half x < 0.04 of the second.
    auto occluder = primitiveObject(box({0.1, 0.1, 0.01}), glm::translate(glm::dmat4(1.0), glm::dvec3(-0.01, 0.0, 0.05)));
    scene.objects.push_back(occluder);

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene, RenderSettings{.amodalMasks = true});
    const Intrinsics& K = scene.camera.intrinsics;
    const uint32_t hiddenId = 3, halfId = 4;  // ids after the two objects
    long hiddenPixels = 0, halfPixels = 0, halfOutsidePart = 0;
    for (int v = 0; v < K.height; ++v)
        for (int u = 0; u < K.width; ++u) {
            uint32_t id = fb.defectId.at(u, v);
            hiddenPixels += id == hiddenId;
            if (id == halfId) {
                ++halfPixels;
                halfOutsidePart += fb.instanceId.at(u, v) != 1;
            }
        }
    CHECK(hiddenPixels == 0);
    CHECK(halfOutsidePart == 0);
    // The box edge x = 0.04 at height 0.055 falls on the plate at x = 0.04 * 0.5 / 0.445 = 0.045: it
    // hides about two thirds of the stain (a disc of radius 0.02 +- 30 % around x = 0.04).
    long unhiddenStain = 0;
    Scene alone = headOnPlate();
    alone.objects[0].defects = {hidden, half};
    FrameBuffers fa = renderer.render(alone);
    for (uint32_t id : fa.defectId.pixels) unhiddenStain += id == 3;  // only one object now: stain id = 1 + 2
    INFO("stain pixels: " << halfPixels << " of " << unhiddenStain);
    CHECK(halfPixels > 0.15 * unhiddenStain);
    CHECK(halfPixels < 0.6 * unhiddenStain);
    // Amodal masks: each footprint drawn on the plate alone equals the defect's pixels in the frame
    // without the occluder, pixel for pixel.
    REQUIRE(fb.defectAmodal.size() == 2);
    for (int k = 0; k < 2; ++k) {
        const AmodalMask& a = fb.defectAmodal[size_t(k)];
        long mismatches = 0, covered = 0;
        for (int v = 0; v < K.height; ++v)
            for (int u = 0; u < K.width; ++u) {
                int x = u - a.x0, y = v - a.y0;
                bool in = x >= 0 && y >= 0 && x < a.mask.width && y < a.mask.height && a.mask.at(x, y);
                covered += in;
                mismatches += in != (fa.defectId.at(u, v) == uint32_t(2 + k));
            }
        INFO("defect " << k << ": " << covered << " amodal pixels");
        CHECK(covered > 100);
        CHECK(mismatches == 0);
    }
    requireCleanValidation(renderer);
}

TEST_CASE("defects on a mesh without UVs or tangents label the same pixels as on the built-in plate, and twice the same bytes") {
    Scene withUvs = headOnPlate();
    Defect scratch = flatDefect(DefectFamily::Scratch, 0.08, 0.003, 0.0002);
    scratch.curvature = -8;
    scratch.tangent = {0.6, 0.8, 0};
    Defect pits = flatDefect(DefectFamily::Pitting, 0.03, 0.002, 0.0003);
    pits.count = 20;
    pits.center = {-0.04, -0.03, 0};
    Defect crack = flatDefect(DefectFamily::Crack, 0.05, 0.002, 0.0005);
    crack.count = 3;
    crack.center = {0.05, 0.04, 0};
    withUvs.objects[0].defects = {scratch, pits, crack};

    Scene noUvs = withUvs;
    auto mesh = std::make_shared<Mesh>();
    for (glm::vec2 c : {glm::vec2(-0.15f, -0.15f), glm::vec2(0.15f, -0.15f), glm::vec2(0.15f, 0.15f), glm::vec2(-0.15f, 0.15f)}) {
        Vertex v;
        v.position = glm::vec3(c, 0.0f);
        v.tangent = glm::vec4(0.0f);  // nothing but positions and normals
        mesh->vertices.push_back(v);
    }
    mesh->indices = {0, 1, 2, 0, 2, 3};
    noUvs.objects[0].parts[0].mesh = mesh;
    noUvs.objects[0].primitive.reset();

    Renderer renderer(validated());
    FrameBuffers a = renderer.render(withUvs), b = renderer.render(noUvs), again = renderer.render(noUvs);
    long defectPixels = 0;
    for (uint32_t id : a.defectId.pixels) defectPixels += id != 0;
    CHECK(defectPixels > 1000);
    for (uint32_t id = 2; id <= 4; ++id) {
        long n = 0;
        for (uint32_t p : a.defectId.pixels) n += p == id;
        INFO("defect " << id);
        CHECK(n > 50);  // every family drew something
    }
    CHECK(a.defectId.pixels == b.defectId.pixels);
    CHECK(b.defectId.pixels == again.defectId.pixels);
    CHECK(b.rgb.pixels == again.rgb.pixels);
    requireCleanValidation(renderer);
}

TEST_CASE("a scene without defects has an empty defect buffer and unchanged instance ids") {
    Scene scene = headOnPlate();
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    CHECK(fb.defectId.empty());
    for (uint32_t id : fb.instanceId.pixels) REQUIRE(id <= 1);
    requireCleanValidation(renderer);
}
