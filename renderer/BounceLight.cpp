#include "renderer/BounceLight.h"

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

BouncePlan planBounce(const std::vector<Light>& lights, const ShadowPlan& shadows, int taps, float radius) {
    BouncePlan plan;
    if (taps <= 0 || !(radius > 0.0f)) return plan;
    for (size_t i = 0; i < lights.size() && i < shadows.firstLayer.size(); ++i) {
        if (lights[i].type != LightType::Directional || shadows.firstLayer[i] < 0) continue;
        plan.light = int(i);
        break;
    }
    if (plan.light < 0) return plan;
    plan.worldToLightClip = shadows.views[size_t(shadows.firstLayer[size_t(plan.light)])];
    plan.lightClipToWorld = glm::inverse(plan.worldToLightClip);
    plan.towardsLight = -glm::normalize(glm::vec3(lights[size_t(plan.light)].direction));
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
    return plan;
}

}  // namespace sg::vk
