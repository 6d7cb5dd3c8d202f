#pragma once
// Shadow-map views: one orthographic view per directional light (as wide as the part of the scene
// the camera sees, as deep as the whole scene), one
// perspective view per spot light. A point light outside the scene's bounding sphere gets one
// perspective view fitted to that sphere; one inside it gets six 90-degree views (faces
// +X,-X,+Y,-Y,+Z,-Z, the order mesh.frag picks them in). All views share one 2D-array depth image.
#include "scenes/Scene.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace sg::vk {

struct ShadowPlan {
    std::vector<glm::mat4> views;     // world -> shadow clip (depth 0..1)
    std::vector<int> firstLayer;      // per scene light: first layer, or -1 (no shadows)
    std::vector<int> viewCount;       // per scene light: 0, 1, or 6 (cube faces)
    std::vector<float> normalOffset;  // per scene light: world offset along the normal (m)
    std::vector<float> depthBias;     // per scene light: in shadow depth units
    // Sky visibility (ambient occlusion): views after the lights' ones, one per direction.
    int skyFirstLayer = -1;
    std::vector<glm::vec4> skyDirections;  // xyz towards the sky (world), w = 1 / cos to `up`
    float skyNormalOffset = 0.0f, skyDepthBias = 0.0f;
    float skyDepthPerMetre = 0.0f;  // shadow depth units per metre along a sky view (orthographic: linear)
};

// A point light sees the scene's bounding sphere in a cone of half-angle asin(radius / distance).
// Up to this sine (about 44 degrees) one view covers it at least as densely as a cube face would.
constexpr double kSingleViewMaxSine = 0.7;

ShadowPlan planShadows(const std::vector<Light>& lights, const glm::dvec3& sceneMin, const glm::dvec3& sceneMax, int resolution,
                       int maxLights, int maxViews);

// The scene's bounds and the part of them the camera can see. Directional lights fit their
// orthographic view's width to the visible part (so one texel covers less of the world and thin
// casters survive), and its depth range to the whole scene (casters outside the frame still cast).
struct ShadowBounds {
    glm::dvec3 sceneMin, sceneMax;
    glm::dvec3 visibleMin, visibleMax;
};
ShadowPlan planShadows(const std::vector<Light>& lights, const ShadowBounds& bounds, int resolution, int maxLights, int maxViews);

// The scene box intersected with the box around the camera frustum (cut at the scene's farthest
// corner); the scene box itself when they do not meet.
ShadowBounds visibleShadowBounds(const Camera& camera, const glm::dvec3& sceneMin, const glm::dvec3& sceneMax);

// An orthographic view along `direction` (the way light travels), as wide as the visible part of
// the scene and as deep as the whole scene, with its normal offset and depth bias.
struct OrthoView {
    glm::mat4 matrix;
    float normalOffset, depthBias;
};
OrthoView orthoView(const ShadowBounds& bounds, const glm::dvec3& direction, int resolution);

// Ambient occlusion from shadow maps: `count` (at most kMaxSkyViewCount) orthographic views looking
// down from cosine-distributed directions over the hemisphere around `up`. A surface point's sky
// visibility is the weighted share of these views that see it. Appended to `plan.views`.
constexpr int kMaxSkyViewCount = 16;
void addSkyViews(ShadowPlan& plan, const ShadowBounds& bounds, int count, int resolution, const glm::dvec3& up);

// A symmetric perspective with tan(half angle) = t, standard depth 0 (near) .. 1 (far), for a light's
// view whose z runs along its axis: clip = (x / t, y / t, depth, z).
glm::dmat4 perspective(double t, double n, double f);

// Depth units per metre along an orthographic view's direction (its depth is linear): the scale of
// the matrix's depth row.
float orthoDepthPerMetre(const glm::mat4& worldToClip);

// A shadow-map side scaled by `scale`, rounded to the nearest power of two in [256, 4096].
uint32_t scaledShadowResolution(uint32_t side, float scale);

}  // namespace sg::vk
