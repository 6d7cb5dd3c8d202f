#pragma once
// Environment lighting computed on the CPU: SH9 irradiance (diffuse) from an equirectangular
// image or a flat color. The specular part samples the environment's mip chain by roughness.
#include "core/Image.h"

#include <glm/glm.hpp>

#include <array>

namespace sg::vk {

// Irradiance coefficients in the environment's own frame, premultiplied by the clamped-cosine
// factors (pi, 2pi/3, pi/4), so that E(n) = sum_i sh[i] * Y_i(n) with the basis of mesh.frag.
using IrradianceSh = std::array<glm::vec3, 9>;

IrradianceSh irradianceShFlat(const glm::vec3& radiance);
// `equirect` is 3-channel linear RGB; its center column faces +X, row 0 is +Z (see common.glsl).
IrradianceSh irradianceShEquirect(const ImageF32& equirect);

}  // namespace sg::vk
