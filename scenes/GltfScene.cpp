#include "scenes/GltfScene.h"

#include "core/InputError.h"
#include "scenes/AssimpImport.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace sg {

glm::dmat4 gltfToWorld() {
    // (x, y, z) in glTF (+Y up) -> (x, -z, y) in our +Z-up world: a +90 degree turn about X.
    glm::dmat4 m(0.0);
    m[0][0] = 1;   // x -> x
    m[1][2] = 1;   // y -> z
    m[2][1] = -1;  // z -> -y
    m[3][3] = 1;
    return m;
}

namespace {

constexpr double kPi = 3.14159265358979323846;
// Luminous efficacy of 555 nm light, lm/W: KHR_lights_punctual (lux, candela) to W/m², W/sr.
constexpr float kLumensPerWatt = 683.0f;

// Removes scale (and shear) from a node transform's rotation part; cameras and lights are rigid.
glm::dmat4 rigidPart(const glm::dmat4& m) {
    glm::dvec3 x = glm::normalize(glm::dvec3(m[0])), y = glm::dvec3(m[1]);
    y = glm::normalize(y - x * glm::dot(x, y));
    glm::dvec3 z = glm::cross(x, y);  // right-handed even if the node mirrors
    glm::dmat4 r(1.0);
    r[0] = glm::dvec4(x, 0);
    r[1] = glm::dvec4(y, 0);
    r[2] = glm::dvec4(z, 0);
    r[3] = m[3];
    return r;
}

struct NodeWalk {
    std::map<std::string, glm::dmat4> worldByName;  // world (our Z-up frame) transform of each named node
    std::vector<std::pair<const aiNode*, glm::dmat4>> meshNodes;
};

void walk(const aiNode* node, const glm::dmat4& parent, NodeWalk& out) {
    if (!node) return;
    glm::dmat4 world = parent * toGlm(node->mTransformation);
    out.worldByName.emplace(node->mName.C_Str(), world);
    if (node->mNumMeshes > 0) out.meshNodes.push_back({node, world});
    for (unsigned c = 0; c < node->mNumChildren; ++c) walk(node->mChildren[c], world, out);
}

glm::dvec3 transformPoint(const glm::dmat4& m, const glm::dvec3& p) { return glm::dvec3(m * glm::dvec4(p, 1.0)); }

}  // namespace

Scene loadGltfScene(const std::filesystem::path& file, const SceneLoadOptions& opts, AssetCache& cache) {
    const std::string fileName = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InputError(fileName, "", "scene file not found", "check the path of the glTF file");
    if (opts.width < 0 || opts.width > kMaxImageSide || opts.height < 0 || opts.height > kMaxImageSide)
        throw InputError("", "",
                         "requested resolution " + std::to_string(opts.width) + "x" + std::to_string(opts.height) + " is out of range",
                         "use --width/--height between 1 and " + std::to_string(kMaxImageSide));

    ImportedFile imported = importWithAssimp(file, fileName, "", cache);
    const aiScene* as = imported.scene;
    Scene scene;
    scene.source = fileName;
    for (const auto& w : imported.warnings) scene.warnings.push_back(fileName + ": " + w);

    NodeWalk nodes;
    walk(as->mRootNode, gltfToWorld(), nodes);

    auto defaultMaterial = std::make_shared<const Material>();
    for (const auto& [node, world] : nodes.meshNodes) {
        Object obj;
        obj.name = node->mName.length > 0 ? node->mName.C_Str() : "node_" + std::to_string(scene.objects.size());
        obj.modelToWorld = world;
        for (unsigned i = 0; i < node->mNumMeshes; ++i) {
            unsigned mi = node->mMeshes[i];
            if (mi >= imported.meshes.size() || !imported.meshes[mi]) continue;
            unsigned mat = as->mMeshes[mi]->mMaterialIndex;
            obj.parts.push_back(
                {imported.meshes[mi], mat < imported.materials.size() ? imported.materials[mat] : defaultMaterial, glm::dmat4(1.0)});
        }
        if (!obj.parts.empty()) scene.objects.push_back(std::move(obj));
    }
    if (scene.objects.empty())
        throw InputError(fileName, "/nodes", "the glTF scene has no node with a triangle mesh (nothing to render)",
                         "export the scene with its mesh objects (in Blender: check the export's \"Include\" settings)");

    // Output resolution: --width/--height, else 640 wide keeping the camera's aspect ratio.
    double aspect = (as->mNumCameras > 0 && as->mCameras[0]->mAspect > 0) ? as->mCameras[0]->mAspect : 4.0 / 3.0;
    int w = 640, h = int(std::lround(640 / aspect));
    if (opts.width > 0 && opts.height > 0) {
        w = opts.width, h = opts.height;
    } else if (opts.width > 0) {
        w = opts.width, h = int(std::lround(opts.width / aspect));
    } else if (opts.height > 0) {
        h = opts.height, w = int(std::lround(opts.height * aspect));
    }
    w = std::clamp(w, 1, kMaxImageSide);
    h = std::clamp(h, 1, kMaxImageSide);

    if (as->mNumCameras > 0) {
        const aiCamera* c = as->mCameras[0];
        if (c->mOrthographicWidth > 0)
            throw InputError(fileName, "/cameras/0", "orthographic cameras are not supported",
                             "use a perspective camera (synthgen models pinhole cameras)");
        // Assimp 5.2.5 stores yfov * aspectRatio in mHorizontalFOV (an angle times a ratio); undo it.
        double yfov = c->mAspect > 0 ? c->mHorizontalFOV / c->mAspect : c->mHorizontalFOV;
        if (!(yfov > 1e-4 && yfov < kPi))
            throw InputError(fileName, "/cameras/0/perspective/yfov", "camera yfov is out of range",
                             "use a vertical field of view between 0 and pi radians");
        scene.camera.intrinsics = intrinsicsFromVerticalFov(yfov, w, h);
        double znear = c->mClipPlaneNear, zfar = c->mClipPlaneFar;
        if (!(znear > 0) || !std::isfinite(znear)) znear = 0.05;
        if (!(zfar > znear) || !std::isfinite(zfar)) zfar = std::max(100.0, znear * 1e4);
        scene.camera.intrinsics.znear = znear;
        scene.camera.intrinsics.zfar = zfar;

        auto it = nodes.worldByName.find(c->mName.C_Str());
        glm::dmat4 nodeWorld = it != nodes.worldByName.end() ? it->second : gltfToWorld();
        // By the glTF spec a camera sits at its node's origin looking down the node's -Z with +Y up,
        // so the node transform alone is the glTF camera pose. (Assimp 5.2.5 also copies the
        // node's translation into aiCamera::mPosition; using it would count it twice.)
        const glm::dmat4 glToCv(glm::dvec4(1, 0, 0, 0), glm::dvec4(0, -1, 0, 0), glm::dvec4(0, 0, -1, 0), glm::dvec4(0, 0, 0, 1));
        glm::dmat4 camToWorld = rigidPart(nodeWorld) * glToCv;
        scene.camera.worldToCamera = glm::inverse(camToWorld);
    } else {
        // No camera: look at the bounding sphere of everything from the front (-Y), above and to
        // the right, with a 50 degree vertical field of view, so the whole scene fits in the frame.
        glm::dvec3 lo(1e300), hi(-1e300);
        for (const auto& o : scene.objects)
            for (const auto& p : o.parts) {
                glm::dvec3 a = p.mesh->boundsMin(), b = p.mesh->boundsMax();
                for (int k = 0; k < 8; ++k) {
                    glm::dvec3 corner((k & 1) ? b.x : a.x, (k & 2) ? b.y : a.y, (k & 4) ? b.z : a.z);
                    glm::dvec3 wp = transformPoint(o.modelToWorld * p.partToModel, corner);
                    lo = glm::min(lo, wp);
                    hi = glm::max(hi, wp);
                }
            }
        glm::dvec3 center = 0.5 * (lo + hi);
        double radius = std::max(0.5 * glm::length(hi - lo), 1e-3);
        double yfov = 50.0 * kPi / 180.0;
        double xfov = 2 * std::atan(std::tan(yfov / 2) * double(w) / h);
        double distance = radius / std::sin(0.5 * std::min(xfov, yfov)) * 1.05;
        glm::dvec3 eye = center + distance * glm::normalize(glm::dvec3(0.5, -1.0, 0.6));
        scene.camera.intrinsics = intrinsicsFromVerticalFov(yfov, w, h);
        scene.camera.intrinsics.znear = std::max(1e-3, (distance - radius) * 0.5);
        scene.camera.intrinsics.zfar = (distance + radius) * 2;
        scene.camera.worldToCamera = glm::inverse(lookAtCameraToWorld(eye, center, {0, 0, 1}));
    }

    for (unsigned i = 0; i < as->mNumLights; ++i) {
        const aiLight* al = as->mLights[i];
        Light l;
        switch (al->mType) {
            case aiLightSource_DIRECTIONAL: l.type = LightType::Directional; break;
            case aiLightSource_POINT: l.type = LightType::Point; break;
            case aiLightSource_SPOT: l.type = LightType::Spot; break;
            default: continue;  // area and ambient lights have no glTF equivalent
        }
        auto it = nodes.worldByName.find(al->mName.C_Str());
        glm::dmat4 world = rigidPart(it != nodes.worldByName.end() ? it->second : gltfToWorld());
        // KHR_lights_punctual: a light sits at its node's origin and shines down the node's -Z
        // (Assimp leaves a point light's direction zero, so use the spec rather than aiLight).
        l.position = transformPoint(world, {0, 0, 0});
        l.direction = glm::normalize(glm::dmat3(world) * glm::dvec3(0, 0, -1));
        // Assimp folds KHR_lights_punctual's intensity into the color; split it back out. The
        // extension's units are photometric (directional: lux; point and spot: candela), synthgen's
        // radiometric (W/m², W/sr): divide by the luminous efficacy 683 lm/W, as Blender's glTF
        // importer does, or every glTF light is 683 times too bright.
        glm::vec3 c(al->mColorDiffuse.r, al->mColorDiffuse.g, al->mColorDiffuse.b);
        float peak = std::max({c.r, c.g, c.b});
        l.intensity = std::isfinite(peak) ? std::max(peak, 0.0f) / kLumensPerWatt : 0.0f;
        l.color = peak > 0 ? c / peak : glm::vec3(1.0f);
        if (l.type == LightType::Spot) {
            l.outerConeAngle = std::clamp(al->mAngleOuterCone, 1e-3f, float(kPi / 2 - 1e-3));
            l.innerConeAngle = std::clamp(al->mAngleInnerCone, 0.0f, l.outerConeAngle);
        }
        scene.lights.push_back(l);
    }
    if (scene.lights.empty()) {
        Light sun;
        sun.type = LightType::Directional;
        // From behind the camera's left shoulder and above, so visible faces are lit.
        glm::dmat4 camToWorld = scene.camera.cameraToWorld();
        glm::dvec3 forward = glm::dvec3(camToWorld[2]), right = glm::dvec3(camToWorld[0]);
        sun.direction = glm::normalize(forward + 0.5 * right + glm::dvec3(0, 0, -1.5));
        scene.lights.push_back(sun);
    }
    scene.environment.color = glm::vec3(0.3f);
    return scene;
}

}  // namespace sg
