#pragma once
// C++ mirrors of the shader interface blocks in shaders/common.glsl and mesh.frag (std140; only
// vec4/mat4 members so the C++ layout matches without padding rules).
#include <glm/glm.hpp>

#include <cstdint>

namespace sg::vk {

constexpr int kMaxLights = 8;
constexpr int kMaxShadowViews = 16;
// Sky-visibility views (ambient occlusion) come after the lights' views in the same array.
constexpr int kMaxSkyViews = 16;
// Points the one-bounce light gathers (renderer/BounceLight.h).
constexpr int kMaxBounceTaps = 64;

struct LightData {
    glm::vec4 position;  // w = type: 0 directional, 1 point, 2 spot
    glm::vec4 direction;
    glm::vec4 color;
    glm::vec4 cone;    // cos inner, cos outer
    glm::vec4 shadow;  // first layer (-1 = none), view count (6 = cube faces), depth bias, normal offset
};

struct FrameUniforms {
    glm::mat4 viewProj;
    glm::mat4 worldToCamera;
    glm::mat4 cameraToWorld;
    glm::vec4 cameraPosition;
    glm::vec4 intrinsics;
    glm::vec4 viewport;
    glm::vec4 envParams;
    glm::vec4 envColor;
    glm::vec4 backgroundParams;
    glm::vec4 sh[9];
    LightData lights[kMaxLights];
    glm::mat4 shadowMatrices[kMaxShadowViews + kMaxSkyViews];
    glm::vec4 shadowFilter;  // unused (the taps are ShaderVariant::shadowTaps), filter radius (shadow texels), unused, unused
    glm::vec4 sky;           // first sky layer, sky view count, depth bias, normal offset (m)
    glm::vec4 skyDirections[kMaxSkyViews];  // xyz: unit world direction towards the sky, w: cosine-pdf weight 1 / z
    glm::vec4 shading;                      // sky occlusion distance (sky-view depth units, 0 = any), indirect downsample, -, -
    glm::mat4 bounceToLightClip;            // world -> a sun's clip space (its reflective shadow map)
    glm::mat4 bounceFromLightClip;          // and back
    // Tap count (0 = no bounce), light index, nearest emitter distance^2 (m^2; a cube atlas: per m^2
    // from the light), 1 = a point or spot light's cube atlas / 0 = a sun's map (BouncePlan).
    glm::vec4 bounce;
    glm::vec4 bounceColor;                 // rgb: the colour x intensity the map's light is given (BouncePlan::color)
    glm::vec4 bounceTaps[kMaxBounceTaps];  // BouncePlan::taps
};

struct MaterialUniforms {
    glm::vec4 baseColor;
    glm::vec4 emissive;    // w = normal scale
    glm::vec4 params;      // metallic, roughness, occlusion strength, has normal texture
    glm::vec4 hasTexture;  // base color, metallic-roughness, emissive, occlusion
};

struct ObjectPush {
    glm::mat4 modelToWorld;
    glm::vec4 normalMatrix[3];
    glm::uvec4 ids;
};
static_assert(sizeof(ObjectPush) == 128, "push constants must stay within the guaranteed 128 bytes");

struct ShadowPush {
    glm::mat4 modelToShadowClip;
};

struct BouncePush {
    glm::mat4 modelToLightClip;
    glm::vec4 normalMatrix[3];  // w: a sun's direction towards it, x, y, z in turn
    glm::vec4 albedo;           // rgb: diffuse reflectance, linear; w: 0 for a sun, 1 + the face of a cube atlas
};
static_assert(sizeof(BouncePush) == 128, "push constants must stay within the guaranteed 128 bytes");

}  // namespace sg::vk
