#pragma once
// Shadow-map views: one orthographic view per directional light (fitted to the scene bounds), one
// perspective view per spot light, six 90-degree views per point light (faces +X,-X,+Y,-Y,+Z,-Z,
// the order mesh.frag picks them in). All views share one 2D-array depth image.
#include "scenes/Scene.h"

#include <glm/glm.hpp>

#include <vector>

namespace sg::vk {

struct ShadowPlan {
    std::vector<glm::mat4> views;    // world -> shadow clip (depth 0..1)
    std::vector<int> firstLayer;     // per scene light: first layer, or -1 (no shadows)
    std::vector<float> normalOffset; // per scene light: world offset along the normal (m)
    std::vector<float> depthBias;    // per scene light: in shadow depth units
};

ShadowPlan planShadows(const std::vector<Light>& lights, const glm::dvec3& sceneMin, const glm::dvec3& sceneMax,
                       int resolution, int maxLights, int maxViews);

}  // namespace sg::vk
