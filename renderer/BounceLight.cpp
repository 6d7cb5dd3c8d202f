#include "renderer/BounceLight.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace sg::vk {

std::vector<glm::vec3> bounceSpiral(int count, float radius) {
    constexpr double kGoldenAngle = 2.39996322972865332;  // pi (3 - sqrt 5): successive points never line up
    std::vector<glm::vec3> points;
    for (int i = 0; i < count; ++i) {
        // Point i stands for the ring between radii R (i/n)^2 and R ((i+1)/n)^2 and sits inside it.
        double inner = double(i) / count, outer = double(i + 1) / count, middle = (i + 0.5) / count;
        double r = radius * middle * middle;
        double area = M_PI * radius * radius * (std::pow(outer, 4) - std::pow(inner, 4));
        double angle = kGoldenAngle * i;
        points.emplace_back(float(r * std::cos(angle)), float(r * std::sin(angle)), float(area));
    }
    return points;
}

namespace {

double luminance(const glm::dvec3& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

// The share of a light's colour x intensity that a surface facing it at `point` receives: all of a
// directional light's, falloff / d^2 of a point or spot light's.
double reachAt(const Light& light, const glm::dvec3& point) {
    if (light.type == LightType::Directional) return 1.0;
    const glm::dvec3 offset = point - light.position;
    const double distance2 = std::max(glm::dot(offset, offset), 1e-12);
    if (light.type == LightType::Point) return 1.0 / distance2;
    const double cosine = glm::dot(offset / std::sqrt(distance2), glm::normalize(light.direction));
    const double cosInner = std::cos(double(light.innerConeAngle)), cosOuter = std::cos(double(light.outerConeAngle));
    return std::clamp((cosine - cosOuter) / std::max(cosInner - cosOuter, 1e-4), 0.0, 1.0) / distance2;
}

glm::dvec3 irradianceAt(const Light& light, const glm::dvec3& point) {
    return glm::dvec3(light.color) * double(light.intensity) * reachAt(light, point);
}

// Which light's map, and the colour x intensity to give it (renderer/BounceLight.h).
void chooseBouncingLight(BouncePlan& plan, const std::vector<Light>& lights, const ShadowPlan& shadows, const glm::dvec3& middle) {
    double brightest = -1.0;
    glm::dvec3 total(0.0);
    for (size_t i = 0; i < lights.size() && i < shadows.firstLayer.size(); ++i) {
        if (shadows.firstLayer[i] < 0) continue;
        const glm::dvec3 e = irradianceAt(lights[i], middle);
        total += e;
        if (luminance(e) > brightest) {
            brightest = luminance(e);
            plan.light = int(i);
        }
    }
    if (plan.light < 0) return;
    const Light& light = lights[size_t(plan.light)];
    const double reach = reachAt(light, middle);
    plan.color = reach > 0.0 ? glm::vec3(total / reach) : light.color * light.intensity;
}

// A sun's map is its orthographic shadow view: taps are offsets in that view's uv.
void planSunMap(BouncePlan& plan, const Light& light, const ShadowPlan& shadows, int taps, float radius) {
    plan.worldToLightClip = shadows.views[size_t(shadows.firstLayer[size_t(plan.light)])];
    plan.lightClipToWorld = glm::inverse(plan.worldToLightClip);
    plan.towardsLight = -glm::normalize(glm::vec3(light.direction));
    // The orthographic view's clip x and y axes in metres: uv = clip * 0.5 + 0.5, so one metre along
    // the view plane is 0.5 / |axis| of uv.
    const float metresPerClipX = glm::length(glm::vec3(plan.lightClipToWorld[0]));
    const float metresPerClipY = glm::length(glm::vec3(plan.lightClipToWorld[1]));
    const float texelSide = 2.0f * std::sqrt(metresPerClipX * metresPerClipY) / float(kBounceMapSide);
    plan.texelDepth = texelSide * orthoDepthPerMetre(plan.worldToLightClip);
    plan.nearestEmitter = 2.0f * texelSide;
    for (const glm::vec3& p : bounceSpiral(std::min(taps, kMaxBounceTaps), radius)) {
        float level = std::round(std::max(0.0f, std::log2(std::sqrt(p.z) / texelSide)));
        plan.taps.emplace_back(0.5f * p.x / metresPerClipX, 0.5f * p.y / metresPerClipY, p.z / float(M_PI), level);
    }
}

// A point or spot light's map is a cube atlas around it, reaching the scene's farthest corner; its
// depth is the distance from the light, so taps stay in metres.
void planCubeAtlas(BouncePlan& plan, const Light& light, int taps, float radius, const glm::dvec3& sceneMin,
                   const glm::dvec3& sceneMax) {
    plan.cubeAtlas = true;
    // The box's farthest point from the light: on each axis, the farther of its two sides.
    double far = glm::length(glm::max(glm::abs(sceneMin - light.position), glm::abs(sceneMax - light.position)));
    // Depth is D32: 1 cm to the far corner resolves millimetres at 10 m.
    const double near = 0.01;
    far = std::max(far * 1.01, 2.0 * near);
    for (int f = 0; f < 6; ++f) {
        plan.faceToClip[size_t(f)] = cubeFaceToClip(f, light.position, near, far);
        plan.faceLit[size_t(f)] = light.type != LightType::Spot || spotReachesCubeFace(f, light.direction, light.outerConeAngle);
    }
    const float texelSide = 2.0f / float(kBounceCubeFaceSide);  // at the face's centre, per metre
    plan.texelDepth = texelSide;
    plan.nearestEmitter = 2.0f * texelSide;
    for (const glm::vec3& p : bounceSpiral(std::min(taps, kMaxBounceTaps), radius))
        plan.taps.emplace_back(p.x, p.y, p.z / float(M_PI), 0.0f);
}

}  // namespace

BouncePlan planBounce(const std::vector<Light>& lights, const ShadowPlan& shadows, int taps, float radius, const glm::dvec3& sceneMin,
                      const glm::dvec3& sceneMax) {
    BouncePlan plan;
    if (taps <= 0 || !(radius > 0.0f)) return plan;
    chooseBouncingLight(plan, lights, shadows, 0.5 * (sceneMin + sceneMax));
    if (plan.light < 0) return plan;
    const Light& light = lights[size_t(plan.light)];
    if (light.type == LightType::Directional) planSunMap(plan, light, shadows, taps, radius);
    else planCubeAtlas(plan, light, taps, radius, sceneMin, sceneMax);
    return plan;
}

glm::mat4 cubeFaceToClip(int face, const glm::dvec3& position, double near, double far) {
    const int k = face / 2;
    const double sign = face % 2 ? -1.0 : 1.0;
    glm::dmat4 view(0.0);  // rows: clip x axis, clip y axis, the axis the face looks along
    view[k][2] = sign;
    view[(k + 1) % 3][0] = 1.0;
    view[(k + 2) % 3][1] = 1.0;
    view[3][3] = 1.0;
    view = view * glm::translate(glm::dmat4(1.0), -position);
    return glm::mat4(perspective(1.0, near, far) * view);  // 90 degrees: tan 45 = 1
}

bool spotReachesCubeFace(int face, const glm::dvec3& direction, double outerAngle) {
    // Every direction in a face lies within acos(1 / sqrt 3) of its axis (the corners), every one in
    // the cone within outerAngle of the cone's: they share one only if the axes are that close.
    const double kFaceCornerAngle = std::acos(1.0 / std::sqrt(3.0));
    glm::dvec3 axis(0.0);
    axis[face / 2] = face % 2 ? -1.0 : 1.0;
    const double cosine = glm::dot(glm::normalize(direction), axis);
    return std::acos(std::clamp(cosine, -1.0, 1.0)) <= outerAngle + kFaceCornerAngle + 1e-6;
}

glm::vec2 bounceTexelSide(const BouncePlan& plan, uint32_t level) {
    const float side = plan.texelDepth * float(1u << level);
    return plan.cubeAtlas ? glm::vec2(0.0f, side) : glm::vec2(side, 0.0f);
}

}  // namespace sg::vk
