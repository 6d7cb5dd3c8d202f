#pragma once
// A plate seen head-on, so every pixel center maps to a known plate point (X, Y) = ((u - cx) D / fx,
// -(v - cy) D / fy): the closed-form setting of the defect tests.
#include "RenderTestUtil.h"

namespace sgtest {

inline constexpr double kDistance = 0.5;  // camera height above the plate
inline constexpr double kF = 1000.0;      // focal length in pixels: 1 px = 0.5 mm on the plate

// Camera above the origin looking straight down: camera x = world +X, camera y = world -Y.
inline sg::Scene headOnPlate(double plateSize = 0.3) {
    sg::Scene s;
    s.camera = headOnCamera(320, 240, kF, kDistance);
    sg::Light sun;
    sun.direction = {0.2, 0.1, -1.0};
    sun.castsShadows = false;
    s.lights.push_back(sun);
    s.objects.push_back(primitiveObject(plane(plateSize, plateSize), glm::dmat4(1.0)));
    return s;
}

inline glm::dvec2 platePoint(const sg::Intrinsics& K, int u, int v) {
    return {(u - K.cx) * kDistance / K.fx, -(v - K.cy) * kDistance / K.fy};
}

inline sg::Defect flatDefect(sg::DefectFamily family, double length, double width, double depth) {
    sg::Defect d;
    d.family = family;
    d.length = length;
    d.width = width;
    d.depth = depth;
    d.color = {0.9f, 0.9f, 0.9f};
    d.roughness = 0.2f;
    return d;
}

// Replaces the headOnPlate() plate's mesh by the same 0.3 m square with nothing but positions and
// normals (no UVs, no tangents), as a user's mesh may come.
inline void withoutUvs(sg::Object& plate) {
    auto mesh = std::make_shared<sg::Mesh>();
    for (glm::vec2 c : {glm::vec2(-0.15f, -0.15f), glm::vec2(0.15f, -0.15f), glm::vec2(0.15f, 0.15f), glm::vec2(-0.15f, 0.15f)}) {
        sg::Vertex v;
        v.position = glm::vec3(c, 0.0f);
        v.tangent = glm::vec4(0.0f);
        mesh->vertices.push_back(v);
    }
    mesh->indices = {0, 1, 2, 0, 2, 3};
    plate.parts[0].mesh = mesh;
    plate.primitive.reset();
}

// Per pixel column holding the label `id`: (column, mean row of its pixels).
inline std::vector<glm::dvec2> maskColumnMeans(const sg::ImageU32& ids, uint32_t id) {
    std::vector<glm::dvec2> out;
    for (int u = 0; u < ids.width; ++u) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < ids.height; ++v)
            if (ids.at(u, v) == id) sum += v, ++n;
        if (n > 0) out.push_back({double(u), sum / n});
    }
    return out;
}

// The image row of the arc through the plate origin, tangent to +X, with curvature k (1/m), at
// pixel column u: the plate point at arc length s is (sin(k s) / k, (1 - cos(k s)) / k).
inline double arcRow(const sg::Intrinsics& K, double u, double k) {
    double X = (u - K.cx) * kDistance / K.fx;
    double s = std::asin(k * X) / k;
    double Y = (1 - std::cos(k * s)) / k;
    return -Y * K.fy / kDistance + K.cy;
}

}  // namespace sgtest
