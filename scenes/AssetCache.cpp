#include "scenes/AssetCache.h"

#include "core/InputError.h"
#include "scenes/AssimpImport.h"

#include <stb_image.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

namespace sg {

namespace {

std::string canonicalKey(const std::filesystem::path& p) {
    std::error_code ec;
    auto c = std::filesystem::weakly_canonical(p, ec);
    return ec ? std::filesystem::absolute(p).lexically_normal().string() : c.string();
}

void requireFile(const std::filesystem::path& p, const std::string& file, const std::string& jsonPath) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec))
        throw InputError(file, jsonPath, "file \"" + p.string() + "\" not found",
                         "check the path; relative paths are resolved against the folder of the scene file");
}

std::vector<unsigned char> readBytes(const std::filesystem::path& p, const std::string& file, const std::string& jsonPath) {
    requireFile(p, file, jsonPath);
    std::ifstream in(p, std::ios::binary);
    if (!in) throw InputError(file, jsonPath, "cannot open \"" + p.string() + "\"", "check the file's permissions");
    return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

[[noreturn]] void failImage(const std::string& what, const std::string& source, const std::string& file, const std::string& jsonPath) {
    const char* why = stbi_failure_reason();
    throw InputError(file, jsonPath,
                     "unreadable or corrupt " + what + " \"" + source + "\"" + (why ? std::string(" (") + why + ")" : ""),
                     "use an intact PNG, JPEG, TGA, BMP or (for environments) Radiance .hdr file; "
                     "re-save the image in an image editor");
}

void checkSize(int w, int h, const std::string& what, const std::string& source, const std::string& file,
               const std::string& jsonPath) {
    if (w <= 0 || h <= 0 || w > 16384 || h > 16384)
        throw InputError(file, jsonPath, what + " \"" + source + "\" is " + std::to_string(w) + "x" + std::to_string(h) + " pixels",
                         "use an image between 1 and 16384 pixels on each side");
}

float srgbToLinear(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

std::shared_ptr<Texture> decodeTexture(const unsigned char* bytes, size_t size, const std::string& source, const std::string& file,
                                       const std::string& jsonPath) {
    int w = 0, h = 0, n = 0;
    if (size == 0 || size > size_t(INT32_MAX)) failImage("texture", source, file, jsonPath);
    stbi_uc* px = stbi_load_from_memory(bytes, int(size), &w, &h, &n, 4);
    if (!px) failImage("texture", source, file, jsonPath);
    std::unique_ptr<stbi_uc, void (*)(void*)> guard(px, stbi_image_free);
    checkSize(w, h, "texture", source, file, jsonPath);
    auto t = std::make_shared<Texture>();
    t->source = source;
    t->image = ImageU8(w, h, 4);
    std::copy(px, px + size_t(w) * h * 4, t->image.pixels.begin());
    return t;
}

}  // namespace

std::filesystem::path resolveAssetPath(const std::string& written, const std::filesystem::path& baseDir, const std::string& file,
                                       const std::string& jsonPath) {
    if (written.empty())
        throw InputError(file, jsonPath, "empty file name",
                         "write the path of the file, relative to the scene file's folder or absolute");
    std::filesystem::path p(written);
    if (p.is_relative()) p = baseDir / p;
    std::error_code ec;
    auto st = std::filesystem::status(p, ec);
    if (!std::filesystem::exists(st))
        throw InputError(file, jsonPath, "file \"" + written + "\" not found (looked for " + p.lexically_normal().string() + ")",
                         "check the path; relative paths are resolved against the folder of " +
                             (file.empty() ? std::string("the scene file") : std::filesystem::path(file).filename().string()));
    if (!std::filesystem::is_regular_file(st))
        throw InputError(file, jsonPath, "\"" + written + "\" is not a regular file (a folder?)", "give the path of a file");
    return p;
}

std::shared_ptr<const Model> AssetCache::model(const std::filesystem::path& path, const std::string& file,
                                               const std::string& jsonPath) {
    std::lock_guard lock(mutex_);
    std::string key = canonicalKey(path);
    if (auto it = models_.find(key); it != models_.end()) return it->second;
    requireFile(path, file, jsonPath);  // a clear "not found" before Assimp's own message
    ImportedFile imported = importWithAssimp(key, file, jsonPath, *this);

    auto model = std::make_shared<Model>();
    model->source = key;
    model->warnings = imported.warnings;
    auto defaultMaterial = std::make_shared<const Material>();
    // Walk the file's node tree: each node's meshes are placed by the node's accumulated transform.
    std::vector<std::pair<const aiNode*, glm::dmat4>> stack{{imported.scene->mRootNode, glm::dmat4(1.0)}};
    while (!stack.empty()) {
        auto [node, parent] = stack.back();
        stack.pop_back();
        if (!node) continue;
        glm::dmat4 world = parent * toGlm(node->mTransformation);
        for (unsigned i = 0; i < node->mNumMeshes; ++i) {
            unsigned mi = node->mMeshes[i];
            if (mi >= imported.meshes.size() || !imported.meshes[mi]) continue;
            MeshPart part;
            part.mesh = imported.meshes[mi];
            unsigned mat = imported.scene->mMeshes[mi]->mMaterialIndex;
            part.material = mat < imported.materials.size() ? imported.materials[mat] : defaultMaterial;
            part.partToModel = world;
            model->parts.push_back(part);
        }
        // Push children in reverse so parts come out in file order.
        for (unsigned c = node->mNumChildren; c-- > 0;) stack.push_back({node->mChildren[c], world});
    }
    if (model->parts.empty())
        throw InputError(file, jsonPath, "no triangles in mesh file " + key + " (no node uses a triangle mesh)",
                         "use a file with surface geometry placed in its scene");
    glm::dvec3 lo(1e300), hi(-1e300);
    for (const auto& p : model->parts) {
        glm::dvec3 a = p.mesh->boundsMin(), b = p.mesh->boundsMax();
        for (int c = 0; c < 8; ++c) {
            glm::dvec3 corner((c & 1) ? b.x : a.x, (c & 2) ? b.y : a.y, (c & 4) ? b.z : a.z);
            glm::dvec3 w = glm::dvec3(p.partToModel * glm::dvec4(corner, 1.0));
            lo = glm::min(lo, w);
            hi = glm::max(hi, w);
        }
    }
    for (int k = 0; k < 3; ++k)
        if (!std::isfinite(lo[k]) || !std::isfinite(hi[k]))
            throw InputError(file, jsonPath, "mesh file " + key + " has non-finite vertex coordinates",
                             "repair or re-export the mesh");
    model->boundsMin = lo;
    model->boundsMax = hi;
    models_[key] = model;
    return model;
}

std::shared_ptr<const Texture> AssetCache::texture(const std::filesystem::path& path, const std::string& file,
                                                   const std::string& jsonPath) {
    std::lock_guard lock(mutex_);
    std::string key = canonicalKey(path);
    if (auto it = textures_.find(key); it != textures_.end()) return it->second;
    auto bytes = readBytes(path, file, jsonPath);
    auto t = decodeTexture(bytes.data(), bytes.size(), key, file, jsonPath);
    textures_[key] = t;
    return t;
}

std::shared_ptr<const Texture> AssetCache::textureFromMemory(const std::string& key, const unsigned char* bytes, size_t size,
                                                             const std::string& file, const std::string& jsonPath) {
    std::lock_guard lock(mutex_);
    if (auto it = textures_.find(key); it != textures_.end()) return it->second;
    auto t = decodeTexture(bytes, size, key, file, jsonPath);
    textures_[key] = t;
    return t;
}

std::shared_ptr<const ImageF32> AssetCache::environmentImage(const std::filesystem::path& path, const std::string& file,
                                                             const std::string& jsonPath) {
    std::lock_guard lock(mutex_);
    std::string key = canonicalKey(path);
    if (auto it = environments_.find(key); it != environments_.end()) return it->second;
    auto bytes = readBytes(path, file, jsonPath);
    if (bytes.empty() || bytes.size() > size_t(INT32_MAX)) failImage("environment image", key, file, jsonPath);
    int w = 0, h = 0, n = 0;
    auto img = std::make_shared<ImageF32>();
    if (stbi_is_hdr_from_memory(bytes.data(), int(bytes.size()))) {
        float* px = stbi_loadf_from_memory(bytes.data(), int(bytes.size()), &w, &h, &n, 3);
        if (!px) failImage("environment image", key, file, jsonPath);
        std::unique_ptr<float, void (*)(void*)> guard(px, stbi_image_free);
        checkSize(w, h, "environment image", key, file, jsonPath);
        *img = ImageF32(w, h, 3);
        for (size_t i = 0; i < img->pixels.size(); ++i) img->pixels[i] = std::isfinite(px[i]) ? std::max(px[i], 0.0f) : 0.0f;
    } else {
        stbi_uc* px = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &n, 3);
        if (!px) failImage("environment image", key, file, jsonPath);
        std::unique_ptr<stbi_uc, void (*)(void*)> guard(px, stbi_image_free);
        checkSize(w, h, "environment image", key, file, jsonPath);
        float lut[256];
        for (int i = 0; i < 256; ++i) lut[i] = srgbToLinear(i / 255.0f);
        *img = ImageF32(w, h, 3);
        for (size_t i = 0; i < img->pixels.size(); ++i) img->pixels[i] = lut[px[i]];
    }
    environments_[key] = img;
    return img;
}

std::shared_ptr<const ImageU8> AssetCache::image(const std::filesystem::path& path, const std::string& file,
                                                 const std::string& jsonPath) {
    std::lock_guard lock(mutex_);
    std::string key = canonicalKey(path);
    if (auto it = images_.find(key); it != images_.end()) return it->second;
    auto bytes = readBytes(path, file, jsonPath);
    if (bytes.empty() || bytes.size() > size_t(INT32_MAX)) failImage("image", key, file, jsonPath);
    int w = 0, h = 0, n = 0;
    // Decode once to learn the channel count, keeping alpha only when the file has it.
    stbi_uc* px = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &n, 0);
    if (!px) failImage("image", key, file, jsonPath);
    std::unique_ptr<stbi_uc, void (*)(void*)> guard(px, stbi_image_free);
    checkSize(w, h, "image", key, file, jsonPath);
    int channels = (n == 2 || n == 4) ? 4 : 3;
    auto img = std::make_shared<ImageU8>(w, h, channels);
    for (size_t i = 0; i < size_t(w) * h; ++i) {
        const stbi_uc* s = px + i * n;
        uint8_t* d = &img->pixels[i * channels];
        if (n <= 2) {
            d[0] = d[1] = d[2] = s[0];
            if (channels == 4) d[3] = s[1];
        } else {
            d[0] = s[0], d[1] = s[1], d[2] = s[2];
            if (channels == 4) d[3] = s[3];
        }
    }
    images_[key] = img;
    return img;
}

std::shared_ptr<const Mesh> AssetCache::primitiveMesh(const PrimitiveShape& s) {
    std::lock_guard lock(mutex_);
    std::ostringstream k;
    k.precision(17);
    k << primitiveKindName(s.kind) << ' ' << s.size.x << ' ' << s.size.y << ' ' << s.size.z << ' ' << s.radius << ' ' << s.height
      << ' ' << s.minorRadius << ' ' << s.segments;
    if (auto it = primitives_.find(k.str()); it != primitives_.end()) return it->second;
    std::shared_ptr<const Mesh> m = makePrimitiveMesh(s);
    primitives_[k.str()] = m;
    return m;
}

}  // namespace sg
