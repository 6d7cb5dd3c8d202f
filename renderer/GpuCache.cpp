#include "renderer/GpuCache.h"

#include "core/Color.h"
#include "renderer/MipChain.h"

namespace sg::vk {

namespace {

// True when the entry was made for this very object (not for an earlier one at the same address).
template <class T>
bool sameObject(const std::weak_ptr<const T>& cached, const std::shared_ptr<const T>& current) {
    return !cached.owner_before(current) && !current.owner_before(cached) && !cached.expired();
}

}  // namespace

const GpuMesh& GpuCache::mesh(const std::shared_ptr<const Mesh>& mesh, Uploader& up) {
    auto it = meshes_.find(mesh.get());
    if (it != meshes_.end() && sameObject(it->second.source, mesh)) return it->second.gpu;
    if (mesh->vertices.empty() || mesh->indices.empty())
        throw std::runtime_error("renderer: mesh '" + mesh->name + "' has no triangles");
    for (uint32_t i : mesh->indices)
        if (i >= mesh->vertices.size())
            throw std::runtime_error("renderer: mesh '" + mesh->name + "' has a vertex index out of range");
    MeshEntry e;
    e.source = mesh;
    e.gpu.vertices = up.buffer(mesh->vertices.data(), mesh->vertices.size() * sizeof(Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT);
    e.gpu.indices = up.buffer(mesh->indices.data(), mesh->indices.size() * sizeof(uint32_t), VK_BUFFER_USAGE_INDEX_BUFFER_BIT);
    e.gpu.indexCount = uint32_t(mesh->indices.size());
    e.gpu.boundsMin = mesh->boundsMin();
    e.gpu.boundsMax = mesh->boundsMax();
    auto [pos, _] = meshes_.insert_or_assign(mesh.get(), std::move(e));
    return pos->second.gpu;
}

MeshEnclosure GpuCache::enclosure(const std::shared_ptr<const Mesh>& mesh) {
    MeshEntry& e = meshes_.at(mesh.get());
    if (!e.enclosure) e.enclosure = meshEnclosure(*mesh);
    return *e.enclosure;
}

const GpuTexture& GpuCache::texture(const std::shared_ptr<const Texture>& texture, bool srgb, Uploader& up) {
    TextureKey key{texture.get(), srgb};
    auto it = textures_.find(key);
    if (it != textures_.end() && sameObject(it->second.source, texture)) return it->second.gpu;
    const ImageU8& img = texture->image;
    if (img.width <= 0 || img.height <= 0 || img.channels != 4 || img.pixels.size() != img.pixelCount() * 4)
        throw std::runtime_error("renderer: texture '" + texture->source + "' is not a non-empty RGBA8 image");
    TextureEntry e;
    e.source = texture;
    auto levels = mipChainRgba8(img.pixels.data(), img.width, img.height, srgb);
    const uint8_t* last = levels.back().data();  // 1x1
    for (int c = 0; c < 4; ++c) e.gpu.mean[c] = srgb && c < 3 ? linearFromSrgb8(last[c]) : last[c] / 255.0f;
    e.gpu.image = up.image(levels, uint32_t(img.width), uint32_t(img.height),
                           srgb ? VK_FORMAT_R8G8B8A8_SRGB : VK_FORMAT_R8G8B8A8_UNORM);
    auto [pos, _] = textures_.insert_or_assign(key, std::move(e));
    return pos->second.gpu;
}

void GpuCache::evictExpired() {
    std::erase_if(meshes_, [](auto& kv) { return kv.second.source.expired(); });
    std::erase_if(textures_, [](auto& kv) { return kv.second.source.expired(); });
}

uint64_t GpuCache::deviceBytes() const {
    uint64_t total = 0;
    for (auto& [k, e] : meshes_) total += e.gpu.vertices.size + e.gpu.indices.size;
    for (auto& [k, e] : textures_) total += e.gpu.image.bytes;
    return total;
}

}  // namespace sg::vk
