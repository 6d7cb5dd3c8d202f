// Pixel-exact geometry against closed-form answers: masks, centroids, planar depth, normals, and
// the OpenCV projection convention.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

Scene cameraScene(const Intrinsics& K, const glm::dvec3& eye, const glm::dvec3& target) {
    Scene s;
    s.camera.intrinsics = K;
    s.camera.worldToCamera = glm::inverse(lookAtCameraToWorld(eye, target, {0, 0, 1}));
    s.environment.color = glm::vec3(0.3f);
    Light sun;
    sun.direction = {0.3, 0.2, -1.0};
    sun.castsShadows = false;
    s.lights.push_back(sun);
    return s;
}

Intrinsics intrinsics(int w, int h, double fx, double fy, double cx, double cy) {
    Intrinsics K;
    K.width = w;
    K.height = h;
    K.fx = fx;
    K.fy = fy;
    K.cx = cx;
    K.cy = cy;
    return K;
}

}  // namespace

TEST_CASE("a rotated box renders with its analytic silhouette, planar depth and face normals") {
    Intrinsics K = intrinsics(320, 240, 300, 280, 161.3, 117.8);
    Scene scene = cameraScene(K, {2.0, -1.5, 1.2}, {0.1, 0.05, 0.15});
    glm::dvec3 size(0.6, 0.4, 0.3);
    glm::dmat4 pose = glm::translate(glm::dmat4(1.0), glm::dvec3(0.1, 0.05, 0.15)) *
                      glm::rotate(glm::dmat4(1.0), 0.5, glm::normalize(glm::dvec3(0.2, 0.3, 1.0)));
    scene.objects.push_back(primitiveObject(box(size), pose));

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    REQUIRE(fb.instanceId.width == K.width);
    REQUIRE(fb.depth.height == K.height);

    glm::dmat4 modelToCamera = scene.camera.worldToCamera * pose;
    glm::dmat4 cameraToModel = glm::inverse(modelToCamera);
    std::vector<glm::dvec2> corners;
    for (int c = 0; c < 8; ++c) {
        glm::dvec3 p(c & 1 ? 0.5 : -0.5, c & 2 ? 0.5 : -0.5, c & 4 ? 0.5 : -0.5);
        corners.push_back(projectPinhole(K, glm::dvec3(modelToCamera * glm::dvec4(p * size, 1.0))));
    }
    Polygon hull = convexHull(corners);
    PolygonStats poly = polygonStats(hull);
    Mask mask = maskOf(fb.instanceId, 1);

    // Pixel-center sampling: only pixels within the boundary band may disagree with the polygon.
    long outsideBand = 0;
    for (int y = 0; y < K.height; ++y)
        for (int x = 0; x < K.width; ++x) {
            double d = insideDistance(hull, {double(x), double(y)});
            bool covered = fb.instanceId.at(x, y) == 1;
            if ((d > 0.75 && !covered) || (d < -0.75 && covered)) ++outsideBand;
        }
    CHECK(outsideBand == 0);
    CHECK(std::abs(mask.count - poly.area) <= 0.25 * poly.perimeter);
    CHECK(std::abs(mask.cx - poly.cx) < 0.5);
    CHECK(std::abs(mask.cy - poly.cy) < 0.5);

    long checkedDepth = 0, checkedNormals = 0;
    double worstDepth = 0, worstAngle = 0;
    for (int y = 1; y < K.height - 1; ++y)
        for (int x = 1; x < K.width - 1; ++x) {
            if (insideDistance(hull, {double(x), double(y)}) < 1.5) continue;
            auto hitAt = [&](int u, int v) {
                glm::dvec3 o(cameraToModel * glm::dvec4(0, 0, 0, 1)), d(cameraToModel * glm::dvec4(pixelRay(K, u, v), 0));
                return rayBox(o, d, size * 0.5);
            };
            auto hit = hitAt(x, y);
            REQUIRE(hit);
            double z = hit->first;  // the ray has z = 1 in the camera frame, so t is planar depth
            worstDepth = std::max(worstDepth, std::abs(fb.depth.at(x, y) - z) / z);
            ++checkedDepth;
            // Normals away from the box's own edges, where the hit face is the same for the neighbours.
            bool sameFace = true;
            for (auto [dx, dy] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
                auto h = hitAt(x + dx, y + dy);
                sameFace = sameFace && h && h->second == hit->second;
            }
            if (!sameFace) continue;
            glm::dvec3 expected = glm::dmat3(modelToCamera) * hit->second;
            glm::dvec3 got(fb.normals.at(x, y, 0), fb.normals.at(x, y, 1), fb.normals.at(x, y, 2));
            worstAngle = std::max(worstAngle, angleDegrees(expected, got));
            ++checkedNormals;
        }
    INFO("worst relative depth error " << worstDepth << ", worst normal error " << worstAngle << " deg");
    CHECK(checkedDepth > 2000);
    CHECK(checkedNormals > 2000);
    CHECK(worstDepth < 1e-4);
    CHECK(worstAngle < 1.0);

    // Background has no id, no depth and no normal.
    CHECK(fb.instanceId.at(0, 0) == 0);
    CHECK(fb.depth.at(0, 0) == 0.0f);
    CHECK(fb.normals.at(0, 0, 2) == 0.0f);
    requireCleanValidation(renderer);
}

TEST_CASE("a sphere mask is its projected ellipse, depth and normals match the ray intersection") {
    Intrinsics K = intrinsics(320, 240, 310, 290, 150.2, 125.7);
    Scene scene = cameraScene(K, {0.0, -2.5, 0.8}, {0.0, 0.0, 0.0});
    glm::dvec3 centerWorld(0.35, 0.2, 0.1);
    double r = 0.4;
    scene.objects.push_back(primitiveObject(sphere(r, 256), glm::translate(glm::dmat4(1.0), centerWorld)));

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    glm::dvec3 C(scene.camera.worldToCamera * glm::dvec4(centerWorld, 1.0));

    // The silhouette cone {d : (d.C)^2 = |d|^2 (|C|^2 - r^2)} as a conic in pixel coordinates.
    glm::dmat3 Kinv(1.0);
    Kinv[0][0] = 1 / K.fx;
    Kinv[1][1] = 1 / K.fy;
    Kinv[2][0] = -K.cx / K.fx;
    Kinv[2][1] = -K.cy / K.fy;
    glm::dmat3 M = glm::outerProduct(C, C) - glm::dmat3(glm::dot(C, C) - r * r);
    glm::dmat3 Q = glm::transpose(Kinv) * M * Kinv;  // p^T Q p = 0, p = (u, v, 1)
    glm::dmat2 A(Q[0][0], Q[0][1], Q[1][0], Q[1][1]);
    glm::dvec2 b(Q[2][0], Q[2][1]);
    glm::dvec2 center = -glm::inverse(A) * b;
    double k = glm::dot(b, glm::inverse(A) * b) - Q[2][2];
    double area = 3.14159265358979323846 * std::abs(k) / std::sqrt(glm::determinant(A));
    // Ramanujan's perimeter of the ellipse, from the eigenvalues of A / k.
    double tr = (A[0][0] + A[1][1]) / k, det = glm::determinant(A) / (k * k);
    double l1 = 0.5 * (tr + std::sqrt(tr * tr - 4 * det)), l2 = 0.5 * (tr - std::sqrt(tr * tr - 4 * det));
    double ea = 1 / std::sqrt(l2), eb = 1 / std::sqrt(l1);
    double perimeter = 3.14159265358979323846 * (3 * (ea + eb) - std::sqrt((3 * ea + eb) * (ea + 3 * eb)));

    Mask mask = maskOf(fb.instanceId, 1);
    INFO("mask " << mask.count << " px, ellipse " << area << " px, centroid (" << mask.cx << ", " << mask.cy << ") vs (" << center.x
                 << ", " << center.y << ")");
    CHECK(std::abs(mask.count - area) <= 0.25 * perimeter);
    CHECK(std::abs(mask.cx - center.x) < 0.5);
    CHECK(std::abs(mask.cy - center.y) < 0.5);

    long checked = 0;
    double worstDepth = 0, worstAngle = 0;
    long outsideBand = 0;
    for (int y = 0; y < K.height; ++y)
        for (int x = 0; x < K.width; ++x) {
            glm::dvec3 d = pixelRay(K, x, y);
            // |t d - C|^2 = r^2
            double qa = glm::dot(d, d), qb = -2 * glm::dot(d, C), qc = glm::dot(C, C) - r * r;
            double disc = qb * qb - 4 * qa * qc;
            bool covered = fb.instanceId.at(x, y) == 1;
            // Distance (in pixels, roughly) from the silhouette: disc / (gradient) is awkward; use the
            // angle between the ray and the tangent cone instead.
            double sinAngle = glm::length(glm::cross(d, C)) / (glm::length(d) * glm::length(C));
            double margin = (std::asin(std::min(1.0, sinAngle)) - std::asin(r / glm::length(C))) * K.fx;
            if ((margin < -1.0 && !covered) || (margin > 1.0 && covered)) ++outsideBand;
            if (disc <= 0 || !covered) continue;
            double t = (-qb - std::sqrt(disc)) / (2 * qa);
            glm::dvec3 P = t * d, n = glm::normalize(P - C);
            if (glm::dot(n, -glm::normalize(d)) < 0.5) continue;  // interior: surface within 60 deg of facing
            worstDepth = std::max(worstDepth, std::abs(fb.depth.at(x, y) - P.z) / P.z);
            glm::dvec3 got(fb.normals.at(x, y, 0), fb.normals.at(x, y, 1), fb.normals.at(x, y, 2));
            worstAngle = std::max(worstAngle, angleDegrees(n, got));
            ++checked;
        }
    INFO("worst relative depth error " << worstDepth << ", worst normal error " << worstAngle << " deg");
    CHECK(outsideBand == 0);
    CHECK(checked > 3000);
    CHECK(worstDepth < 1e-4);
    CHECK(worstAngle < 1.0);
    requireCleanValidation(renderer);
}

TEST_CASE("a small sphere renders centered on K*P with non-square pixels and an off-center principal point") {
    Intrinsics K = intrinsics(400, 300, 520, 380, 171.4, 163.9);
    Scene scene;
    scene.camera.intrinsics = K;  // world frame = camera frame
    scene.environment.color = glm::vec3(0.1f);
    const glm::dvec3 points[] = {{0.31, -0.22, 2.4}, {-0.4, 0.25, 3.1}, {0.0, 0.0, 1.7}};
    for (auto& P : points) scene.objects.push_back(primitiveObject(sphere(0.03, 64), glm::translate(glm::dmat4(1.0), P)));

    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    for (uint32_t i = 0; i < 3; ++i) {
        glm::dvec2 expected = projectPinhole(K, points[i]);
        Mask m = maskOf(fb.instanceId, i + 1);
        INFO("sphere " << i << ": centroid (" << m.cx << ", " << m.cy << "), K*P (" << expected.x << ", " << expected.y << ")");
        REQUIRE(m.count > 20);
        CHECK(std::abs(m.cx - expected.x) < 0.5);
        CHECK(std::abs(m.cy - expected.y) < 0.5);
        // Planar depth at the center pixel: Z of the near surface, close to P.z - r.
        int u = int(std::lround(expected.x)), v = int(std::lround(expected.y));
        CHECK(std::abs(fb.depth.at(u, v) - (points[i].z - 0.03)) < 2e-3);
    }
    requireCleanValidation(renderer);
}

TEST_CASE("amodal masks give each object's whole silhouette, including occluded parts") {
    Intrinsics K = intrinsics(200, 150, 200, 200, 99.5, 74.5);
    Scene scene;
    scene.camera.intrinsics = K;
    scene.environment.color = glm::vec3(0.1f);
    scene.objects.push_back(primitiveObject(box({0.4, 0.4, 0.4}), glm::translate(glm::dmat4(1.0), glm::dvec3(0.1, 0, 2.0))));
    scene.objects.push_back(primitiveObject(box({0.3, 0.3, 0.3}), glm::translate(glm::dmat4(1.0), glm::dvec3(-0.1, 0.05, 3.0))));
    // Straddling the right edge of the frame, and entirely outside it.
    scene.objects.push_back(primitiveObject(sphere(0.3, 32), glm::translate(glm::dmat4(1.0), glm::dvec3(1.0, -0.2, 2.0))));
    scene.objects.push_back(primitiveObject(sphere(0.3, 32), glm::translate(glm::dmat4(1.0), glm::dvec3(-5.0, 0.0, 2.0))));

    Renderer renderer(validated());
    RenderSettings settings;
    settings.amodalMasks = true;
    FrameBuffers fb = renderer.render(scene, settings);
    REQUIRE(fb.amodal.size() == 4);
    CHECK(fb.amodal[3].mask.empty());
    CHECK(fb.amodal[2].x0 + fb.amodal[2].mask.width == K.width);  // cropped at the frame edge

    for (uint32_t i = 0; i < 4; ++i) {
        Scene alone = scene;
        alone.objects = {scene.objects[i]};
        FrameBuffers single = renderer.render(alone);
        const AmodalMask& am = fb.amodal[i];
        long amodalCount = 0, mismatches = 0;
        for (int y = 0; y < K.height; ++y)
            for (int x = 0; x < K.width; ++x) {
                bool inCrop = x >= am.x0 && y >= am.y0 && x < am.x0 + am.mask.width && y < am.y0 + am.mask.height;
                bool a = inCrop && am.mask.at(x - am.x0, y - am.y0) == 1;
                amodalCount += a;
                if (a != (single.instanceId.at(x, y) == 1)) ++mismatches;
            }
        CHECK(mismatches == 0);
        CHECK(amodalCount >= maskOf(fb.instanceId, i + 1).count);
    }
    // The far box is partly hidden: its amodal mask is strictly larger than its visible mask.
    long visibleFar = maskOf(fb.instanceId, 2).count;
    long amodalFar = std::count(fb.amodal[1].mask.pixels.begin(), fb.amodal[1].mask.pixels.end(), uint8_t(1));
    CHECK(amodalFar > visibleFar);
    requireCleanValidation(renderer);
}
