#include "scenes/AssimpImport.h"

#include "core/InputError.h"

#include <assimp/GltfMaterial.h>
#include <assimp/postprocess.h>

#include <algorithm>
#include <cmath>

namespace sg {

glm::dmat4 toGlm(const aiMatrix4x4& m) {
    // aiMatrix4x4 is row-major (a1..a4 = first row); glm is column-major.
    glm::dmat4 r;
    for (int row = 0; row < 4; ++row)
        for (int col = 0; col < 4; ++col) r[col][row] = m[row][col];
    return r;
}

namespace {

std::shared_ptr<const Mesh> convertMesh(const aiMesh* am) {
    if (!(am->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || am->mNumFaces == 0) return nullptr;
    auto m = std::make_shared<Mesh>();
    m->name = am->mName.C_Str();
    m->vertices.resize(am->mNumVertices);
    for (unsigned i = 0; i < am->mNumVertices; ++i) {
        Vertex& v = m->vertices[i];
        v.position = {am->mVertices[i].x, am->mVertices[i].y, am->mVertices[i].z};
        if (am->mNormals) {
            glm::vec3 n(am->mNormals[i].x, am->mNormals[i].y, am->mNormals[i].z);
            float len = glm::length(n);
            v.normal = (std::isfinite(len) && len > 1e-12f) ? n / len : glm::vec3(0, 0, 1);
        }
        if (am->mTextureCoords[0]) v.uv = {am->mTextureCoords[0][i].x, am->mTextureCoords[0][i].y};
    }
    m->indices.reserve(size_t(am->mNumFaces) * 3);
    for (unsigned f = 0; f < am->mNumFaces; ++f) {
        const aiFace& face = am->mFaces[f];
        if (face.mNumIndices != 3) continue;  // points and lines left over after triangulation
        m->indices.insert(m->indices.end(), {face.mIndices[0], face.mIndices[1], face.mIndices[2]});
    }
    if (m->indices.empty()) return nullptr;
    computeTangents(*m);
    return m;
}

float roughnessFromShininess(float ns) {
    // Phong exponent -> GGX alpha = sqrt(2 / (n + 2)) -> perceptual roughness = sqrt(alpha).
    return std::clamp(std::pow(2.0f / (std::max(ns, 0.0f) + 2.0f), 0.25f), 0.05f, 1.0f);
}

class MaterialConverter {
public:
    MaterialConverter(const aiScene* scene, const std::filesystem::path& modelPath, const std::string& file,
                      const std::string& jsonPath, AssetCache& cache)
        : scene_(scene), modelPath_(modelPath), file_(file), jsonPath_(jsonPath), cache_(cache) {}

    std::shared_ptr<const Material> convert(const aiMaterial* am) {
        auto m = std::make_shared<Material>();
        aiString name;
        if (am->Get(AI_MATKEY_NAME, name) == AI_SUCCESS) m->name = name.C_Str();

        aiColor4D c;
        if (am->Get(AI_MATKEY_BASE_COLOR, c) == AI_SUCCESS) {
            m->baseColor = {c.r, c.g, c.b, c.a};
        } else if (am->Get(AI_MATKEY_COLOR_DIFFUSE, c) == AI_SUCCESS) {
            m->baseColor = {c.r, c.g, c.b, 1.0f};
            float opacity = 1.0f;
            if (am->Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS) m->baseColor.a = std::clamp(opacity, 0.0f, 1.0f);
        }
        m->baseColor = glm::clamp(m->baseColor, glm::vec4(0.0f), glm::vec4(1.0f));

        float f;
        bool pbr = false;
        if (am->Get(AI_MATKEY_METALLIC_FACTOR, f) == AI_SUCCESS) {
            m->metallic = std::clamp(f, 0.0f, 1.0f);
            pbr = true;
        }
        if (am->Get(AI_MATKEY_ROUGHNESS_FACTOR, f) == AI_SUCCESS) {
            m->roughness = std::clamp(f, 0.0f, 1.0f);
            pbr = true;
        }
        if (!pbr && am->Get(AI_MATKEY_SHININESS, f) == AI_SUCCESS && f > 0) m->roughness = roughnessFromShininess(f);

        aiColor3D e;
        if (am->Get(AI_MATKEY_COLOR_EMISSIVE, e) == AI_SUCCESS) {
            float strength = 1.0f;
            am->Get(AI_MATKEY_EMISSIVE_INTENSITY, strength);
            m->emissive = glm::max(glm::vec3(e.r, e.g, e.b) * strength, glm::vec3(0.0f));
        }
        int twoSided = 0;
        if (am->Get(AI_MATKEY_TWOSIDED, twoSided) == AI_SUCCESS) m->doubleSided = twoSided != 0;

        m->baseColorTexture = texture(am, aiTextureType_BASE_COLOR);
        if (!m->baseColorTexture) m->baseColorTexture = texture(am, aiTextureType_DIFFUSE);
        m->metallicRoughnessTexture = texture(am, aiTextureType_UNKNOWN);  // glTF's metallicRoughnessTexture
        m->normalTexture = texture(am, aiTextureType_NORMALS);
        m->emissiveTexture = texture(am, aiTextureType_EMISSIVE);
        // The glTF importer stores occlusion as a lightmap.
        m->occlusionTexture = texture(am, aiTextureType_AMBIENT_OCCLUSION);
        if (!m->occlusionTexture) m->occlusionTexture = texture(am, aiTextureType_LIGHTMAP);
        if (m->normalTexture) am->Get(AI_MATKEY_GLTF_TEXTURE_SCALE(aiTextureType_NORMALS, 0), m->normalScale);
        if (m->occlusionTexture) am->Get(AI_MATKEY_GLTF_TEXTURE_STRENGTH(aiTextureType_LIGHTMAP, 0), m->occlusionStrength);
        // A texture without a factor means factor 1 (a black emissive factor would hide it).
        if (m->emissiveTexture && m->emissive == glm::vec3(0.0f)) m->emissive = glm::vec3(1.0f);
        return m;
    }

private:
    std::shared_ptr<const Texture> texture(const aiMaterial* am, aiTextureType type) {
        if (am->GetTextureCount(type) == 0) return nullptr;
        aiString p;
        if (am->GetTexture(type, 0, &p) != AI_SUCCESS || p.length == 0) return nullptr;
        std::string written = p.C_Str();
        std::string where = jsonPath_.empty() ? "" : jsonPath_;
        std::string who = " (texture \"" + written + "\" of mesh file " + modelPath_.filename().string() + ")";
        if (const aiTexture* t = scene_->GetEmbeddedTexture(p.C_Str())) {
            std::string key = modelPath_.string() + "#" + written;
            if (t->mHeight == 0) {  // compressed (PNG, JPEG, ...) bytes, mWidth of them
                try {
                    return cache_.textureFromMemory(key, reinterpret_cast<const unsigned char*>(t->pcData), t->mWidth, file_, where);
                } catch (const InputError& e) {
                    warn("embedded texture \"" + written + "\" of mesh file " + modelPath_.string() +
                         " is unreadable; the material uses its color factors instead");
                    return nullptr;
                }
            }
            auto tex = std::make_shared<Texture>();
            tex->source = key;
            tex->image = ImageU8(int(t->mWidth), int(t->mHeight), 4);
            for (size_t i = 0; i < size_t(t->mWidth) * t->mHeight; ++i) {
                const aiTexel& x = t->pcData[i];
                uint8_t* d = &tex->image.pixels[i * 4];
                d[0] = x.r, d[1] = x.g, d[2] = x.b, d[3] = x.a;
            }
            return tex;
        }
        std::replace(written.begin(), written.end(), '\\', '/');  // files written on Windows
        std::filesystem::path tp = written;
        if (tp.is_relative()) tp = modelPath_.parent_path() / tp;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(tp, ec)) {
            // Exporters often keep the author's absolute paths; try the file name next to the model.
            std::filesystem::path nextTo = modelPath_.parent_path() / std::filesystem::path(written).filename();
            if (!std::filesystem::is_regular_file(nextTo, ec)) {
                // A third-party file's broken texture reference is not the scene author's error:
                // render with the material's factors and say so.
                warn("texture \"" + written + "\" referenced by mesh file " + modelPath_.string() + " not found (also looked for " +
                     nextTo.string() + "); the material uses its color factors instead");
                return nullptr;
            }
            tp = nextTo;
        }
        try {
            return cache_.texture(tp, file_, where);
        } catch (const InputError& e) {
            warn(std::string(e.what()) + " (referenced by mesh file " + modelPath_.string() +
                 "; the material uses its color factors instead)");
            return nullptr;
        }
    }

    void warn(const std::string& w) {
        // The glTF importer reports one base color texture under two types; say it once.
        if (std::find(warnings_.begin(), warnings_.end(), w) == warnings_.end()) warnings_.push_back(w);
    }

public:
    std::vector<std::string> warnings_;

private:
    const aiScene* scene_;
    std::filesystem::path modelPath_;
    std::string file_, jsonPath_;
    AssetCache& cache_;
};

}  // namespace

ImportedFile importWithAssimp(const std::filesystem::path& path, const std::string& file, const std::string& jsonPath,
                              AssetCache& cache) {
    ImportedFile out;
    out.importer = std::make_unique<Assimp::Importer>();
    Assimp::Importer& imp = *out.importer;
    // Drop points and lines: we render triangles only.
    imp.SetPropertyInteger(AI_CONFIG_PP_SBP_REMOVE, aiPrimitiveType_POINT | aiPrimitiveType_LINE);
    // Keep hard edges when normals have to be generated.
    imp.SetPropertyFloat(AI_CONFIG_PP_GSN_MAX_SMOOTHING_ANGLE, 80.0f);
    const unsigned flags = aiProcess_Triangulate | aiProcess_GenSmoothNormals | aiProcess_JoinIdenticalVertices |
                           aiProcess_SortByPType | aiProcess_ValidateDataStructure | aiProcess_ImproveCacheLocality |
                           aiProcess_FindInvalidData | aiProcess_FlipUVs;
    out.scene = imp.ReadFile(path.string(), flags);
    if (!out.scene) {
        std::string err = imp.GetErrorString();
        // Assimp refuses files whose meshes have no faces (point clouds) before we see them.
        if (err.find("No meshes remaining") != std::string::npos || err.find("contains no faces") != std::string::npos)
            throw InputError(file, jsonPath, "no triangles in mesh file " + path.string() + " (" + err + ")",
                             "use a file with surface geometry (point clouds and line drawings cannot be rendered)");
        throw InputError(file, jsonPath, "cannot read mesh file " + path.string() + (err.empty() ? "" : ": " + err),
                         "check that the file is a complete, valid mesh file (OBJ, glTF/GLB, PLY, STL, FBX, ...); "
                         "open it in a 3D viewer or re-export it");
    }
    if (out.scene->mNumMeshes == 0)  // Assimp marks such files incomplete; say what is really wrong
        throw InputError(file, jsonPath, "no triangles in mesh file " + path.string() + " (it holds no meshes)",
                         "use a file with surface geometry (this one may hold only cameras, lights or empty nodes)");
    if (out.scene->mFlags & AI_SCENE_FLAGS_INCOMPLETE) {
        throw InputError(file, jsonPath, "mesh file " + path.string() + " was read only partially (Assimp marked it incomplete)",
                         "re-export the file; it may be truncated or use features the importer does not support");
    }
    MaterialConverter mc(out.scene, path, file, jsonPath, cache);
    for (unsigned i = 0; i < out.scene->mNumMaterials; ++i) out.materials.push_back(mc.convert(out.scene->mMaterials[i]));
    out.warnings = mc.warnings_;
    bool anyTriangles = false;
    for (unsigned i = 0; i < out.scene->mNumMeshes; ++i) {
        out.meshes.push_back(convertMesh(out.scene->mMeshes[i]));
        anyTriangles = anyTriangles || out.meshes.back();
    }
    if (!anyTriangles)
        throw InputError(file, jsonPath, "no triangles in mesh file " + path.string(),
                         "use a file with surface geometry (point clouds and line drawings cannot be rendered)");
    return out;
}

}  // namespace sg
