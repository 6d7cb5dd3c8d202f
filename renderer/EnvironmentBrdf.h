#pragma once
// The environment BRDF of the split-sum approximation (Karis 2013, "Real Shading in Unreal Engine
// 4"): for a viewer at N.V and a roughness, the scale A and bias B such that the GGX specular
// reflection of a uniform environment of radiance L is L (F0 A + B) under Schlick's Fresnel.
// Integrated numerically once per renderer (8 ms of CPU here) into a small table that mesh.frag reads
// bilinearly. Karis' analytic fit for mobile, used before, strays from this integral by -70..+28 % on
// dielectrics and -41..+47 % on metals over roughness 0.3-1 and N.V 0.1-1 (worst when roughest: low
// at grazing angles, high head-on), and is 15 % low on metals of roughness 0.5 at N.V 0.5.
#include <glm/glm.hpp>

#include <vector>

namespace sg::vk {

// Single-scattering GGX with the height-correlated Smith visibility, alpha = roughness^2 (the
// specular model of mesh.frag's direct light), by `samples` GGX-distributed half vectors (a
// Hammersley set: deterministic).
glm::vec2 environmentBrdf(double nDotV, double roughness, int samples);

// side x side entries, row-major: row j is roughness (j + 0.5) / side, column i is N.V (i + 0.5) /
// side, so that a texture of them sampled at uv = (N.V, roughness) hits each entry at its texel's
// centre.
constexpr int kEnvironmentBrdfSide = 32;
std::vector<glm::vec2> environmentBrdfTable(int side = kEnvironmentBrdfSide, int samples = 512);

}  // namespace sg::vk
