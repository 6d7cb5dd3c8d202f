#pragma once
// Scene builders and analytic answers shared by the renderer tests. Everything here is computed
// independently of the renderer (closed-form geometry in the OpenCV camera frame).
#include "core/Camera.h"
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"
#include "scenes/Scene.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sgtest {

inline sg::RendererOptions validated() {
    sg::RendererOptions o;
    o.validation = true;
    return o;
}

// Every test ends with this: the validation layer saw nothing wrong.
inline void requireCleanValidation(const sg::Renderer& r) {
    auto messages = r.validationMessages();
    for (auto& m : messages) UNSCOPED_INFO(m);
    REQUIRE(messages.empty());
}

// A w x h camera with focal length f px and the principal point at the image center, `distance`
// above the world origin looking straight down: camera x = world +X, camera y = world -Y.
inline sg::Camera headOnCamera(int w, int h, double f, double distance) {
    sg::Camera c;
    sg::Intrinsics& K = c.intrinsics;
    K.width = w;
    K.height = h;
    K.fx = K.fy = f;
    K.cx = (w - 1) / 2.0;
    K.cy = (h - 1) / 2.0;
    glm::dmat4 cameraToWorld(1.0);
    cameraToWorld[1] = glm::dvec4(0, -1, 0, 0);
    cameraToWorld[2] = glm::dvec4(0, 0, -1, 0);
    cameraToWorld[3] = glm::dvec4(0, 0, distance, 1);
    c.worldToCamera = glm::inverse(cameraToWorld);
    return c;
}

inline sg::Object primitiveObject(const sg::PrimitiveShape& shape, const glm::dmat4& modelToWorld,
                                  std::shared_ptr<const sg::Material> material = nullptr) {
    sg::Object o;
    o.name = sg::primitiveKindName(shape.kind);
    sg::MeshPart part;
    part.mesh = sg::makePrimitiveMesh(shape);
    part.material = material ? material : std::make_shared<sg::Material>();
    o.parts.push_back(part);
    o.modelToWorld = modelToWorld;
    o.primitive = shape;
    return o;
}

inline sg::PrimitiveShape box(glm::dvec3 size) {
    sg::PrimitiveShape s;
    s.kind = sg::PrimitiveKind::Box;
    s.size = size;
    return s;
}

inline sg::PrimitiveShape sphere(double radius, int segments) {
    sg::PrimitiveShape s;
    s.kind = sg::PrimitiveKind::Sphere;
    s.radius = radius;
    s.segments = segments;
    return s;
}

inline sg::PrimitiveShape plane(double sx, double sy) {
    sg::PrimitiveShape s;
    s.kind = sg::PrimitiveKind::Plane;
    s.size = {sx, sy, 0};
    return s;
}

// Ray through OpenCV pixel (u, v), camera frame, scaled so that its z is 1 (so t = planar depth).
inline glm::dvec3 pixelRay(const sg::Intrinsics& K, double u, double v) { return {(u - K.cx) / K.fx, (v - K.cy) / K.fy, 1.0}; }

struct Mask {
    long count = 0;
    double cx = 0, cy = 0;  // centroid of pixel centers
};

inline Mask maskOf(const sg::ImageU32& ids, uint32_t id) {
    Mask m;
    for (int y = 0; y < ids.height; ++y)
        for (int x = 0; x < ids.width; ++x)
            if (ids.at(x, y) == id) {
                ++m.count;
                m.cx += x;
                m.cy += y;
            }
    if (m.count) {
        m.cx /= m.count;
        m.cy /= m.count;
    }
    return m;
}

// ---- convex polygons (projected boxes) ----
using Polygon = std::vector<glm::dvec2>;

inline double cross2(glm::dvec2 o, glm::dvec2 a, glm::dvec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

inline Polygon convexHull(std::vector<glm::dvec2> pts) {
    std::sort(pts.begin(), pts.end(), [](auto a, auto b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    Polygon h(2 * pts.size());
    size_t k = 0;
    for (size_t i = 0; i < pts.size(); ++i) {
        while (k >= 2 && cross2(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
        h[k++] = pts[i];
    }
    for (size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {
        while (k >= t && cross2(h[k - 2], h[k - 1], pts[i]) <= 0) --k;
        h[k++] = pts[i];
    }
    h.resize(k - 1);
    return h;
}

struct PolygonStats {
    double area = 0, cx = 0, cy = 0, perimeter = 0;
};

inline PolygonStats polygonStats(const Polygon& p) {
    PolygonStats s;
    for (size_t i = 0; i < p.size(); ++i) {
        glm::dvec2 a = p[i], b = p[(i + 1) % p.size()];
        double c = a.x * b.y - b.x * a.y;
        s.area += c;
        s.cx += (a.x + b.x) * c;
        s.cy += (a.y + b.y) * c;
        s.perimeter += glm::length(b - a);
    }
    s.area *= 0.5;
    s.cx /= 6 * s.area;
    s.cy /= 6 * s.area;
    s.area = std::abs(s.area);
    return s;
}

// Signed distance of a point to a counter-clockwise (in the sorted-hull sense) convex polygon: > 0 inside.
inline double insideDistance(const Polygon& p, glm::dvec2 q) {
    double d = 1e300;
    for (size_t i = 0; i < p.size(); ++i) {
        glm::dvec2 a = p[i], b = p[(i + 1) % p.size()];
        d = std::min(d, cross2(a, b, q) / glm::length(b - a));
    }
    return d;
}

// Ray (origin o, direction d) against an axis-aligned box of half extents h: entry t and face normal.
inline std::optional<std::pair<double, glm::dvec3>> rayBox(glm::dvec3 o, glm::dvec3 d, glm::dvec3 h) {
    double tNear = -1e300, tFar = 1e300;
    glm::dvec3 normal(0);
    for (int a = 0; a < 3; ++a) {
        if (std::abs(d[a]) < 1e-15) {
            if (std::abs(o[a]) > h[a]) return std::nullopt;
            continue;
        }
        double t0 = (-h[a] - o[a]) / d[a], t1 = (h[a] - o[a]) / d[a];
        glm::dvec3 n(0);
        n[a] = -1;
        if (t0 > t1) {
            std::swap(t0, t1);
            n[a] = 1;
        }
        if (t0 > tNear) tNear = t0, normal = n;
        tFar = std::min(tFar, t1);
    }
    if (tNear > tFar || tNear <= 0) return std::nullopt;
    return std::make_pair(tNear, normal);
}

inline double angleDegrees(glm::dvec3 a, glm::dvec3 b) {
    double c = glm::dot(glm::normalize(a), glm::normalize(b));
    return std::acos(std::clamp(c, -1.0, 1.0)) * 180.0 / 3.14159265358979323846;
}

// A w x h camera with focal length f px and the principal point at the image center, `height` above
// the world origin looking straight down, image up = world +Y.
inline sg::Camera lookingDown(int w, int h, double f, double height) {
    sg::Camera c;
    c.intrinsics.width = w;
    c.intrinsics.height = h;
    c.intrinsics.fx = c.intrinsics.fy = f;
    c.intrinsics.cx = (w - 1) / 2.0;
    c.intrinsics.cy = (h - 1) / 2.0;
    c.worldToCamera = glm::inverse(sg::lookAtCameraToWorld({0, 0, height}, {0, 0, 0}, {0, 1, 0}));
    return c;
}

// A grey material of the given albedo (or F0, for a metal) and roughness.
inline std::shared_ptr<sg::Material> greyMaterial(double albedo, double roughness, double metallic) {
    auto m = std::make_shared<sg::Material>();
    m->baseColor = glm::vec4(float(albedo), float(albedo), float(albedo), 1.0f);
    m->roughness = float(roughness);
    m->metallic = float(metallic);
    return m;
}

// A matte grey material: albedo 0.5, roughness 1, dielectric.
inline std::shared_ptr<sg::Material> matteGrey() { return greyMaterial(0.5, 1.0, 0.0); }

// A 4 x 4 m plate under a uniform sky of radiance `sky` and no lights, turned about x so that the
// camera 1 m above its centre sees it at N.V = nDotV; pixel (80, 60) of the 161 x 121 frame looks
// at that centre.
inline sg::Scene plateUnderSky(double nDotV, double sky, std::shared_ptr<sg::Material> material) {
    sg::Scene s;
    s.camera = headOnCamera(161, 121, 200.0, 1.0);
    s.environment.color = glm::vec3(float(sky));
    glm::dmat4 tilt = glm::rotate(glm::dmat4(1.0), std::acos(nDotV), glm::dvec3(1, 0, 0));
    s.objects.push_back(primitiveObject(plane(4, 4), tilt, std::move(material)));
    return s;
}

// The label buffers of two renders of one scene are byte for byte the same (settings that change
// only the RGB).
inline void checkSameLabels(const sg::FrameBuffers& a, const sg::FrameBuffers& b) {
    CHECK(a.instanceId.pixels == b.instanceId.pixels);
    CHECK(a.depth.pixels == b.depth.pixels);
    CHECK(a.normals.pixels == b.normals.pixels);
}

// Renders `scene` with two settings of which one adds something to the RGB only: the RGB differs,
// every label buffer is byte for byte the same, and validation stays clean.
inline void checkChangesRgbOnly(const sg::Scene& scene, const sg::RenderSettings& a, const sg::RenderSettings& b) {
    sg::Renderer renderer(validated());
    sg::FrameBuffers first = renderer.render(scene, a), second = renderer.render(scene, b);
    CHECK(first.rgb.pixels != second.rgb.pixels);
    checkSameLabels(first, second);
    requireCleanValidation(renderer);
}

inline double srgbToLinear(uint8_t v) {
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace sgtest
