#pragma once
// GPU copies of meshes and textures, keyed by the identity of the shared Mesh/Texture. Each entry
// keeps a weak_ptr: once the scene lets go of a mesh or texture, its GPU copy is evicted at the
// next frame, so device memory stays flat while scenes change every frame.
#include "renderer/Upload.h"
#include "scenes/Material.h"
#include "scenes/Mesh.h"
#include "scenes/MeshEnclosure.h"

#include <memory>
#include <optional>
#include <unordered_map>

namespace sg::vk {

struct GpuMesh {
    Buffer vertices;
    Buffer indices;
    uint32_t indexCount = 0;
    glm::vec3 boundsMin{0}, boundsMax{0};
};

struct GpuTexture {
    Image image;
    glm::vec4 mean{1.0f};  // the average texel (the last mip level), linear: what the texture reflects overall
};

class GpuCache {
public:
    const GpuMesh& mesh(const std::shared_ptr<const Mesh>& mesh, Uploader& up);
    // Whether a mesh uploaded by mesh() is closed, and its winding: computed on first use and kept
    // with its GPU copy (back-face culling of loaded meshes and the sky-visibility views need it, and
    // it costs more than building a shape).
    MeshEnclosure enclosure(const std::shared_ptr<const Mesh>& mesh);
    const GpuTexture& texture(const std::shared_ptr<const Texture>& texture, bool srgb, Uploader& up);
    // Drops GPU copies whose Mesh/Texture no longer exists. Call only when no frame is in flight.
    void evictExpired();

    size_t meshCount() const { return meshes_.size(); }
    size_t textureCount() const { return textures_.size(); }
    uint64_t deviceBytes() const;

private:
    struct MeshEntry {
        std::weak_ptr<const Mesh> source;
        GpuMesh gpu;
        std::optional<MeshEnclosure> enclosure;
    };
    struct TextureKey {
        const Texture* texture;
        bool srgb;
        bool operator==(const TextureKey& o) const { return texture == o.texture && srgb == o.srgb; }
    };
    struct TextureKeyHash {
        size_t operator()(const TextureKey& k) const { return std::hash<const void*>()(k.texture) ^ size_t(k.srgb); }
    };
    struct TextureEntry {
        std::weak_ptr<const Texture> source;
        GpuTexture gpu;
    };
    std::unordered_map<const Mesh*, MeshEntry> meshes_;
    std::unordered_map<TextureKey, TextureEntry, TextureKeyHash> textures_;
};

}  // namespace sg::vk
