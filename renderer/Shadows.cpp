#include "renderer/Shadows.h"

#include "core/InputError.h"

#include <algorithm>
#include <cmath>

namespace sg::vk {

namespace {

// Rows of a rigid world -> light frame transform (x right, y down, z along the light), OpenCV style.
glm::dmat4 lightFrame(const glm::dvec3& origin, const glm::dvec3& forward) {
    glm::dvec3 z = glm::normalize(forward);
    glm::dvec3 helper = std::abs(z.z) < 0.9 ? glm::dvec3(0, 0, 1) : glm::dvec3(1, 0, 0);
    glm::dvec3 x = glm::normalize(glm::cross(z, helper));
    glm::dvec3 y = glm::cross(z, x);
    glm::dmat4 m(1.0);
    for (int i = 0; i < 3; ++i) {
        m[i][0] = x[i];
        m[i][1] = y[i];
        m[i][2] = z[i];
    }
    m[3] = glm::dvec4(-glm::dot(x, origin), -glm::dot(y, origin), -glm::dot(z, origin), 1.0);
    return m;
}

}  // namespace

glm::dmat4 perspective(double t, double n, double f) {
    glm::dmat4 p(0.0);
    p[0][0] = 1.0 / t;
    p[1][1] = 1.0 / t;
    p[2][2] = f / (f - n);
    p[2][3] = 1.0;
    p[3][2] = -f * n / (f - n);
    return p;
}

OrthoView orthoView(const ShadowBounds& bounds, const glm::dvec3& direction, int resolution) {
    // Width: the sphere around the visible box. Depth: from the scene sphere's near side to its far
    // side, both measured along the light through the visible center.
    glm::dvec3 center = 0.5 * (bounds.sceneMin + bounds.sceneMax);
    double radius = std::max(1e-3, 0.5 * glm::length(bounds.sceneMax - bounds.sceneMin));
    glm::dvec3 visibleCenter = 0.5 * (bounds.visibleMin + bounds.visibleMax);
    double width = std::min(radius, std::max(1e-3, 0.5 * glm::length(bounds.visibleMax - bounds.visibleMin)));
    double depth = radius + glm::length(visibleCenter - center);
    glm::dmat4 view = lightFrame(visibleCenter - glm::normalize(direction) * depth, direction);
    glm::dmat4 ortho(1.0);
    ortho[0][0] = 1.0 / width;
    ortho[1][1] = 1.0 / width;
    ortho[2][2] = 1.0 / (2.0 * depth);
    double texel = 2.0 * width / resolution;
    return {glm::mat4(ortho * view), float(1.5 * texel), float(0.5 * texel / (2.0 * depth))};
}

float orthoDepthPerMetre(const glm::mat4& m) { return glm::length(glm::vec3(m[0][2], m[1][2], m[2][2])); }

void addSkyViews(ShadowPlan& plan, const ShadowBounds& bounds, int count, int resolution, const glm::dvec3& up) {
    count = std::clamp(count, 0, kMaxSkyViewCount);
    plan.skyFirstLayer = int(plan.views.size());
    plan.skyDirections.clear();
    // Cosine-distributed directions over the hemisphere around `up`: a disk spiral (golden angle)
    // lifted onto the hemisphere (Malley's method), so an upward surface's irradiance-weighted sky
    // visibility is the plain mean of the views' answers.
    glm::dvec3 z = glm::normalize(up);
    glm::dvec3 x = glm::normalize(glm::cross(z, std::abs(z.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0)));
    glm::dvec3 y = glm::cross(z, x);
    for (int i = 0; i < count; ++i) {
        double r = std::sqrt((i + 0.5) / count), phi = i * 2.399963229728653;
        glm::dvec3 d = r * std::cos(phi) * x + r * std::sin(phi) * y + std::sqrt(1.0 - r * r) * z;
        OrthoView v = orthoView(bounds, -d, resolution);
        plan.views.push_back(v.matrix);
        plan.skyDirections.push_back(glm::vec4(glm::vec3(d), float(1.0 / glm::dot(d, z))));
        // Half a light view's offsets: less of the contact occlusion next to an occluder is lost to them
        // (bench/quality scene 1: SSIM 0.9913 -> 0.9916), and with the rasterizer's slope-scaled bias a lone
        // curved open surface still never occludes itself (a quarter does: tests/renderer
        // test_ambient_occlusion.cpp).
        plan.skyNormalOffset = 0.5f * v.normalOffset;
        plan.skyDepthBias = 0.5f * v.depthBias;
        plan.skyDepthPerMetre = orthoDepthPerMetre(v.matrix);
    }
}

ShadowPlan planShadows(const std::vector<Light>& lights, const glm::dvec3& sceneMin, const glm::dvec3& sceneMax, int resolution,
                       int maxLights, int maxViews) {
    return planShadows(lights, ShadowBounds{sceneMin, sceneMax, sceneMin, sceneMax}, resolution, maxLights, maxViews);
}

ShadowBounds visibleShadowBounds(const Camera& camera, const glm::dvec3& sceneMin, const glm::dvec3& sceneMax) {
    ShadowBounds b{sceneMin, sceneMax, sceneMin, sceneMax};
    const Intrinsics& K = camera.intrinsics;
    const glm::dmat4 toCamera = camera.worldToCamera, toWorld = glm::inverse(toCamera);
    double farthest = 0.0;
    for (int i = 0; i < 8; ++i) {
        glm::dvec3 corner(i & 1 ? sceneMax.x : sceneMin.x, i & 2 ? sceneMax.y : sceneMin.y, i & 4 ? sceneMax.z : sceneMin.z);
        farthest = std::max(farthest, (toCamera * glm::dvec4(corner, 1.0)).z);
    }
    double zFar = std::min(farthest, K.zfar), zNear = std::min(K.znear, zFar);
    if (!(zFar > 0.0) || K.fx <= 0.0 || K.fy <= 0.0) return b;
    glm::dvec3 lo(1e300), hi(-1e300);
    for (int i = 0; i < 8; ++i) {
        double z = i & 4 ? zFar : zNear;
        double u = i & 1 ? K.width : 0.0, v = i & 2 ? K.height : 0.0;
        glm::dvec3 p(z * (u - 0.5 - K.cx) / K.fx, z * (v - 0.5 - K.cy) / K.fy, z);  // frame edges are at -0.5 and W - 0.5
        glm::dvec3 w(toWorld * glm::dvec4(p, 1.0));
        lo = glm::min(lo, w);
        hi = glm::max(hi, w);
    }
    // Padded so a flat scene (sceneMin.z == sceneMax.z) seen to its far corner is not lost to rounding.
    const double pad = 1e-6 * (1.0 + glm::length(sceneMax - sceneMin));
    lo = glm::max(lo - pad, sceneMin);
    hi = glm::min(hi + pad, sceneMax);
    if (lo.x > hi.x || lo.y > hi.y || lo.z > hi.z) return b;
    b.visibleMin = lo;
    b.visibleMax = hi;
    return b;
}

uint32_t scaledShadowResolution(uint32_t side, float scale) {
    double target = std::clamp(double(side) * double(scale), 256.0, 4096.0);
    if (!(target > 0.0)) target = side;  // NaN scale
    uint32_t result = 256;
    while (result < 4096 && double(result) * 1.4142135623730951 < target) result *= 2;
    return result;
}

ShadowPlan planShadows(const std::vector<Light>& lights, const ShadowBounds& bounds, int resolution, int maxLights, int maxViews) {
    const glm::dvec3& sceneMin = bounds.sceneMin;
    const glm::dvec3& sceneMax = bounds.sceneMax;
    ShadowPlan plan;
    // Refused, not dropped: a light the shaders do not see, or one without its shadow, would
    // silently change the picture (limits in docs/scene-format.md).
    if (int(lights.size()) > maxLights)
        throw InputError(
            "", "",
            "the frame has " + std::to_string(lights.size()) + " lights; the renderer draws at most " + std::to_string(maxLights),
            "merge lights, or light the scene partly with the environment");
    glm::dvec3 center = 0.5 * (sceneMin + sceneMax);
    double radius = std::max(1e-3, 0.5 * glm::length(sceneMax - sceneMin));
    for (size_t i = 0; i < lights.size(); ++i) {
        const Light& light = lights[i];
        plan.firstLayer.push_back(-1);
        plan.viewCount.push_back(0);
        plan.normalOffset.push_back(0.0f);
        plan.depthBias.push_back(0.0f);
        if (!light.castsShadows || int(i) >= maxLights) continue;
        const double lightToCenter = glm::length(center - light.position);
        const bool cube = light.type == LightType::Point && radius >= kSingleViewMaxSine * lightToCenter;
        int needed = cube ? 6 : 1;
        if (int(plan.views.size()) + needed > maxViews)
            throw InputError("", "",
                             "the frame's shadow-casting lights (up to light " + std::to_string(i + 1) + " of " +
                                 std::to_string(lights.size()) + ") need more than the renderer's " + std::to_string(maxViews) +
                                 " shadow layers (a directional or spot light takes 1, a point light 1, or 6 when it lies "
                                 "within the bounding sphere of the scene's objects)",
                             "set \"cast_shadows\": false on some lights");
        plan.firstLayer.back() = int(plan.views.size());
        plan.viewCount.back() = needed;

        if (light.type == LightType::Directional) {
            OrthoView v = orthoView(bounds, light.direction, resolution);
            plan.views.push_back(v.matrix);
            plan.normalOffset.back() = v.normalOffset;
            plan.depthBias.back() = v.depthBias;
            continue;
        }
        double distance = glm::length(center - light.position) + radius;
        double farPlane = std::max(distance, 0.1);
        double nearPlane = std::clamp(farPlane * 1e-3, 0.005, 0.05);
        double typical = std::max(glm::length(center - light.position), nearPlane);
        if (light.type == LightType::Spot) {
            double half = std::min(double(light.outerConeAngle) + 0.05, 1.45);
            double t = std::tan(half);
            plan.views.push_back(glm::mat4(perspective(t, nearPlane, farPlane) * lightFrame(light.position, light.direction)));
            plan.normalOffset.back() = float(1.5 * 2.0 * typical * t / resolution);
        } else if (!cube) {
            // The cone around the bounding sphere, a few texels wider so filtering stays inside.
            double sine = radius / lightToCenter;
            double t = sine / std::sqrt(1.0 - sine * sine) * (1.0 + 4.0 / resolution);
            double nearToScene = std::max(0.5 * (lightToCenter - radius), nearPlane);
            plan.views.push_back(
                glm::mat4(perspective(t, nearToScene, farPlane) * lightFrame(light.position, center - light.position)));
            plan.normalOffset.back() = float(1.5 * 2.0 * typical * t / resolution);
        } else {
            // Slightly wider than 90 degrees so filtering at face edges stays inside a face.
            double t = 1.0 + 4.0 / resolution;
            const glm::dvec3 axes[6] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
            for (auto& a : axes) plan.views.push_back(glm::mat4(perspective(t, nearPlane, farPlane) * lightFrame(light.position, a)));
            plan.normalOffset.back() = float(1.5 * 2.0 * typical * t / resolution);
        }
        plan.depthBias.back() = 1e-5f;
    }
    return plan;
}

}  // namespace sg::vk
