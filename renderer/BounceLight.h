#pragma once
// One-bounce indirect light: a reflective shadow map (Dachsbacher and Stamminger 2005, "Reflective
// Shadow Maps"). One light that casts shadows renders the diffuse albedo, world normal and depth of
// every surface it reaches first. Each texel is then a small Lambertian emitter of the light it
// reflects: flux albedo * E * (texel area across the light's rays) for a sun of irradiance E, albedo
// * I * (texel solid angle) for a point or spot light of intensity I. shaders/indirect.glsl gathers, at every
// shaded point, the light of a fixed spiral of such texels within a radius in metres. Whether
// anything lies between a texel and the point is not tested: that is the approximation (light may
// leak through a thin wall); the spiral is the same at every pixel, so the estimate has no noise.
//
// Which light: of those that cast shadows, the one that gives the middle of the scene (its bounding
// box's centre) the most irradiance. The others bounce through its map: it is given their colour x
// intensity too, each weighted by the irradiance it gives that middle, as a share of what the chosen
// light's own would give there. Right for lights alike around the scene (a ring light), approximate
// where they light it from different sides (the chosen light's shadows stay in its map).
//
// A sun's map is its orthographic shadow view. A point or spot light's is a cube atlas: six 90-degree
// views from the light, kBounceCubeFaceSide square each, four across and two down in the map (the
// lower half unused). Face f = 2k + (negative ? 1 : 0) looks along world axis k, its clip x runs along
// axis (k+1) % 3 and its clip y along (k+2) % 3 (shaders/cube_atlas.glsl follows the same rule).
#include "renderer/ShaderTypes.h"
#include "renderer/Shadows.h"
#include "scenes/Scene.h"

#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace sg::vk {

// The map's side in texels. It covers the light's shadow view (fitted to the visible part of the
// scene); a texel per few centimetres is finer than any tap spacing.
constexpr uint32_t kBounceMapSide = 512;
// A cube face's side in the atlas: the map holds 4 x 4 such cells. At 1 m from the light a texel
// is 1.6 cm wide.
constexpr uint32_t kBounceCubeFaceSide = kBounceMapSide / 4;

struct BouncePlan {
    int light = -1;          // the scene light whose map is gathered; -1 = none this frame
    glm::vec3 color{0.0f};   // the colour x intensity its map's light is given (all the lights it stands for)
    bool cubeAtlas = false;  // a point or spot light's six faces, not a sun's one view
    // A sun's map: world -> the light's clip space and back, the direction towards it.
    glm::mat4 worldToLightClip{1.0f}, lightClipToWorld{1.0f};
    glm::vec3 towardsLight{0.0f, 0.0f, 1.0f};
    // A point or spot light's: world -> each face's clip space (depth 0 at `near`, 1 at the far corner).
    std::array<glm::mat4, 6> faceToClip{};
    std::array<bool, 6> faceLit{};  // whether the light reaches anything in the face (a spot's cone may not)
    // A level-0 texel's side in the map's depth units: the sun's view depth; for a cube face, metres
    // from the light, per metre (the texel widens with the distance).
    float texelDepth = 0.0f;
    // Two level-0 texels' side (metres; for a cube face, per metre from the light): no emitter counts
    // as nearer a point than this. The map places a surface only to within its bilinear footprint:
    // taps straddling the edge of a raised surface blend its depth with the floor's into a point in
    // the air between them, which would otherwise light the surfaces it floats next to in bright lines.
    float nearestEmitter = 0.0f;
    // A sun's: xy the offset in the map's uv, z the area the tap stands for in the light's view plane
    // (m^2), divided by pi (a Lambertian emitter's radiant intensity is flux / pi times the cosine), w
    // the map's mip level whose texels are nearest that area's side (a whole number). A point or spot
    // light's: xy the offset in metres in the plane through the shaded point across the light's ray,
    // z the same area / pi, w unused (the level depends on the point's distance from the light).
    std::vector<glm::vec4> taps;
};

// The bounce of the lights that cast shadows through the map of the one that lights the middle of
// the scene (sceneMin..sceneMax, which also bound what a cube atlas must reach) most, gathered from
// `taps` (at most kMaxBounceTaps) points within `radius` metres; no light (plan.light == -1) when taps
// or radius are not positive or no light casts shadows.
BouncePlan planBounce(const std::vector<Light>& lights, const ShadowPlan& shadows, int taps, float radius, const glm::dvec3& sceneMin,
                      const glm::dvec3& sceneMax);

// World -> clip space of cube face `face` of a light at `position`: 90-degree perspective, depth 0
// at `near`, 1 at `far` (not reversed).
glm::mat4 cubeFaceToClip(int face, const glm::dvec3& position, double near, double far);

// Whether a spot light whose cone has half-angle `outerAngle` around `direction` reaches anything in
// cube face `face` (a point light reaches every face).
bool spotReachesCubeFace(int face, const glm::dvec3& direction, double outerAngle);

// A texel's side at mip `level` in the map's depth units: x, plus y times the depth (a cube face's
// texels widen with the distance from the light). shaders/bounce_reduce.frag merges texels whose
// depths differ by what the slope of one surface across that side allows.
glm::vec2 bounceTexelSide(const BouncePlan& plan, uint32_t level);

// The gather pattern: `count` points on a spiral over a disk of `radius`, denser towards the centre
// (radius grows with the square of the index) where the bounce between surfaces close together
// changes fastest. xy: the point (metres), z: the area of the disk it stands for (m^2); the areas
// sum to the disk's.
std::vector<glm::vec3> bounceSpiral(int count, float radius);

}  // namespace sg::vk
