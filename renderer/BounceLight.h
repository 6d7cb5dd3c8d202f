#pragma once
// One-bounce indirect light from a directional light (the sun): a reflective shadow map (Dachsbacher
// and Stamminger 2005, "Reflective Shadow Maps"). The first directional light that casts shadows
// renders, through its shadow view, the diffuse albedo, world normal and depth of every surface it
// reaches first. Each texel is then a small Lambertian emitter of flux albedo * E * (texel area in
// the light's view plane), E being the light's irradiance. mesh.frag gathers, at every shaded point,
// the light of a fixed spiral of such texels within a radius in metres. Whether anything lies
// between a texel and the point is not tested: that is the approximation (light may leak through a
// thin wall); the spiral is the same at every pixel, so the estimate has no noise.
#include "renderer/ShaderTypes.h"
#include "renderer/Shadows.h"
#include "scenes/Scene.h"

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace sg::vk {

// The map's side in texels. It covers the light's shadow view (fitted to the visible part of the
// scene); a texel per few centimetres is finer than any tap spacing.
constexpr uint32_t kBounceMapSide = 512;

struct BouncePlan {
    int light = -1;  // the scene light whose bounce is gathered; -1 = none this frame
    glm::mat4 worldToLightClip{1.0f}, lightClipToWorld{1.0f};
    glm::vec3 towardsLight{0.0f, 0.0f, 1.0f};
    float texelDepth = 0.0f;  // a level-0 texel's side in the light view's depth units
    // Two level-0 texels' side in metres: no emitter counts as nearer a point than this. The map
    // places a surface only to within its bilinear footprint: taps straddling the edge of a raised
    // surface blend its depth with the floor's into a point in the air between them, which would
    // otherwise light the surfaces it floats next to in bright lines.
    float nearestEmitter = 0.0f;
    // xy: offset in the map's uv; z: the area the tap stands for in the light's view plane (m^2),
    // divided by pi (a Lambertian emitter's radiant intensity is flux / pi times the cosine); w: the
    // map's mip level whose texels are nearest that area's side (a whole number).
    std::vector<glm::vec4> taps;
};

// The bounce of the first directional light with a shadow view, gathered from `taps` (at most
// kMaxBounceTaps) points within `radius` metres; no light (plan.light == -1) when taps or radius are
// not positive or no directional light casts shadows.
BouncePlan planBounce(const std::vector<Light>& lights, const ShadowPlan& shadows, int taps, float radius);

// The gather pattern: `count` points on a spiral over a disk of `radius`, denser towards the centre
// (radius grows with the square of the index) where the bounce between surfaces close together
// changes fastest. xy: the point (metres), z: the area of the disk it stands for (m^2); the areas
// sum to the disk's.
std::vector<glm::vec3> bounceSpiral(int count, float radius);

}  // namespace sg::vk
