#pragma once
// Procedural textures generated into an sg::Texture (RGBA8, sRGB): noise, checker, stripes, grain.
// Pure functions of their parameters and key, so a frame's textures never depend on other frames.
#include "core/KeyedRng.h"
#include "scenes/Material.h"

#include <glm/glm.hpp>

#include <memory>
#include <string>

namespace sg {

struct ProceduralTextureSpec {
    std::string kind = "checker";          // "noise", "checker", "stripes", "grain"
    glm::vec3 colorA{0.8f}, colorB{0.2f};  // linear RGB
    double scale = 8;                      // pattern periods across the texture
    double angle = 0;                      // stripes, grain: radians
    uint64_t key = 0;                      // noise and grain randomness
    int size = 128;                        // pixels per side
};

std::shared_ptr<Texture> makeProceduralTexture(const ProceduralTextureSpec& spec);

}  // namespace sg
