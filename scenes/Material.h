#pragma once
// glTF 2.0 metallic-roughness material. Factors multiply the textures, as in the glTF spec.
#include "core/Image.h"

#include <glm/glm.hpp>

#include <memory>
#include <string>

namespace sg {

// An 8-bit RGBA texture as decoded from its file. Color textures (base color, emissive) hold
// sRGB-encoded values; data textures (metallic-roughness, normal, occlusion) hold linear values.
struct Texture {
    std::string source;  // file path or "<embedded>" name, for messages and caching
    ImageU8 image;       // always 4 channels
};

struct Material {
    std::string name;
    glm::vec4 baseColor{0.8f, 0.8f, 0.8f, 1.0f};  // linear RGBA
    float metallic = 0.0f;
    float roughness = 0.5f;
    glm::vec3 emissive{0.0f};  // linear RGB radiance multiplier
    float normalScale = 1.0f;
    float occlusionStrength = 1.0f;
    bool doubleSided = false;

    std::shared_ptr<const Texture> baseColorTexture;          // sRGB
    std::shared_ptr<const Texture> metallicRoughnessTexture;  // G = roughness, B = metallic
    std::shared_ptr<const Texture> normalTexture;             // tangent space
    std::shared_ptr<const Texture> emissiveTexture;           // sRGB
    std::shared_ptr<const Texture> occlusionTexture;          // R channel
};

}  // namespace sg
