// What a BOP user does with our ground truth (as bop_toolkit's renderer does): read every
// models/obj_*.ply (with Assimp, not our writer's code), place it at its scene_gt pose in front of
// the scene_camera K, render it, and compare with mask/ (the model alone) and mask_visib/ (the
// model among everything else the frame held). Two scenarios: the built-in demo, whose scale is
// drawn per instance, and one made of a mesh file with a per-instance scale.
#include "core/AtomicFile.h"
#include "exporters/DatasetWriter.h"
#include "labels/Labels.h"
#include "randomization/SampleFrame.h"
#include "randomization/Scenario.h"
#include "renderer/Renderer.h"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <catch2/catch.hpp>
#include <stb_image.h>

#include <fstream>
#include <map>

using namespace sg;
namespace fs = std::filesystem;

namespace {

const int W = 320, H = 240;

// A model as a BOP reader sees it: Assimp's reading of the PLY, millimetres -> metres.
std::shared_ptr<Mesh> readPlyModel(const fs::path& path) {
    Assimp::Importer importer;
    const aiScene* s = importer.ReadFile(path.string(), aiProcess_Triangulate);
    REQUIRE(s);
    REQUIRE(s->mNumMeshes == 1);
    const aiMesh* m = s->mMeshes[0];
    auto mesh = std::make_shared<Mesh>();
    for (unsigned i = 0; i < m->mNumVertices; ++i) {
        Vertex v{};
        v.position = glm::vec3(m->mVertices[i].x, m->mVertices[i].y, m->mVertices[i].z) * 0.001f;
        if (m->mNormals) v.normal = glm::vec3(m->mNormals[i].x, m->mNormals[i].y, m->mNormals[i].z);
        mesh->vertices.push_back(v);
    }
    for (unsigned f = 0; f < m->mNumFaces; ++f)
        for (unsigned k = 0; k < 3; ++k) mesh->indices.push_back(m->mFaces[f].mIndices[k]);
    return mesh;
}

ImageU8 readMaskPng(const fs::path& path) {
    int w = 0, h = 0, n = 0;
    uint8_t* p = stbi_load(path.string().c_str(), &w, &h, &n, 1);
    REQUIRE(p);
    ImageU8 m(w, h, 1, 0);
    for (size_t i = 0; i < m.pixels.size(); ++i) m.pixels[i] = p[i] ? 1 : 0;
    stbi_image_free(p);
    return m;
}

glm::dmat4 poseOf(const nlohmann::json& gt) {
    glm::dmat4 T(1.0);
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) T[c][r] = gt.at("cam_R_m2c")[size_t(3 * r + c)].get<double>();
        T[3][r] = gt.at("cam_t_m2c")[size_t(r)].get<double>() / 1000.0;
    }
    return T;
}

struct MaskAgreement {
    int64_t expected = 0, rendered = 0, differing = 0;
};

MaskAgreement compare(const ImageU8& expected, const FrameBuffers& b, uint32_t id) {
    MaskAgreement a;
    for (size_t p = 0; p < expected.pixels.size(); ++p) {
        const bool e = expected.pixels[p] != 0, r = b.instanceId.pixels[p] == id;
        a.expected += e;
        a.rendered += r;
        a.differing += e != r;
    }
    return a;
}

// The masks agree up to pixels whose centers lie on a triangle edge: the model file holds
// millimetres to 6 decimals and the pose composes differently, so one or two may flip (1 pixel
// of ~60 masks when this was written); a wrong model scale differs by whole rings of pixels.
void requireAgreement(const MaskAgreement& a, const std::string& what) {
    INFO(what << ": " << a.expected << " px in the file, " << a.rendered << " rendered, " << a.differing << " differ");
    CHECK(a.expected > 0);
    CHECK(a.differing <= 2);
}

// Renders the scenario's frames, writes them as BOP, then re-renders every model at its pose.
void checkBopModelsReproduceMasks(const Scenario& scenario, const std::string& name, int frames) {
    const fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp/exporters/bop-models" / name;
    fs::remove_all(dir);
    Renderer renderer;
    DatasetInfo info;
    info.version = "test";
    info.scenarioHash = name;
    info.totalFrames = frames;
    info.width = W;
    info.height = H;
    info.categories = scenario.categories;
    ExportOptions options;
    options.formats = {"bop"};
    std::vector<Scene> scenes;
    std::vector<FrameBuffers> originals;
    {
        FrameRecord record;
        info.camera = sampleFrame(scenario, 7, 0, record).camera.intrinsics;
        DatasetWriter writer(dir, info, options);
        for (int f = 0; f < frames; ++f) {
            scenes.push_back(sampleFrame(scenario, 7, f, record));
            RenderSettings settings;
            settings.amodalMasks = true;
            originals.push_back(renderer.render(scenes.back(), settings));
            writer.writeFrame(f, scenes.back(), originals.back(), computeLabels(scenes.back(), originals.back()));
        }
        writer.finish();
    }
    const fs::path sceneDir = dir / "bop/train_pbr/000000";
    auto sceneGt = nlohmann::json::parse(readTextFile(sceneDir / "scene_gt.json"));
    auto sceneCamera = nlohmann::json::parse(readTextFile(sceneDir / "scene_camera.json"));
    auto objIds = nlohmann::json::parse(readTextFile(dir / "bop/obj_ids.json"));
    std::map<int, std::shared_ptr<Mesh>> models;
    size_t instances = 0;
    for (int f = 0; f < frames; ++f) {
        const std::string im = std::to_string(f);
        const auto& gts = sceneGt.at(im);
        const auto& K = sceneCamera.at(im).at("cam_K");
        Scene placed;
        placed.camera.worldToCamera = glm::dmat4(1.0);  // poses are model -> camera
        Intrinsics& k = placed.camera.intrinsics;
        k = scenes[size_t(f)].camera.intrinsics;
        k.fx = K[0].get<double>();
        k.cx = K[2].get<double>();
        k.fy = K[4].get<double>();
        k.cy = K[5].get<double>();
        for (const auto& gt : gts) {
            const int objId = gt.at("obj_id").get<int>();
            if (!models.count(objId)) {
                char file[32];
                std::snprintf(file, sizeof file, "obj_%06d.ply", objId);
                models[objId] = readPlyModel(dir / "bop/models" / file);
            }
            Object o;
            o.parts.push_back({models[objId], std::make_shared<Material>(), glm::dmat4(1.0)});
            o.modelToWorld = poseOf(gt);
            o.category = 0;
            placed.objects.push_back(std::move(o));
        }
        // Everything the frame held that is not in scene_gt (table, distractors, filtered
        // instances) still hides what lies behind it.
        const Scene& original = scenes[size_t(f)];
        placed.categories = original.categories;
        for (size_t i = 0; i < original.objects.size(); ++i) {
            Object o = original.objects[i];
            o.modelToWorld = original.camera.worldToCamera * o.modelToWorld;
            placed.objects.push_back(std::move(o));
        }
        const size_t n = gts.size();
        // The scene_gt objects are [0, n); the originals follow. An original that is a scene_gt
        // instance must not hide its own model: drop it (the labels' objects are labeled ones).
        FrameLabels labels = computeLabels(original, originals[size_t(f)]);
        REQUIRE(labels.instances.size() == n);
        for (auto it = labels.instances.rbegin(); it != labels.instances.rend(); ++it)
            placed.objects.erase(placed.objects.begin() + std::ptrdiff_t(n + size_t(it->objectIndex)));
        const FrameBuffers together = renderer.render(placed, {});
        for (size_t g = 0; g < n; ++g) {
            char stem[32];
            std::snprintf(stem, sizeof stem, "%06d_%06zu.png", f, g);
            Scene alone = placed;
            alone.objects = {placed.objects[g]};
            const FrameBuffers single = renderer.render(alone, {});
            const std::string what = name + " frame " + im + " gt " + std::to_string(g) + " obj_id " +
                                     std::to_string(gts[g].at("obj_id").get<int>());
            requireAgreement(compare(readMaskPng(sceneDir / "mask" / stem), single, 1), what + " mask/");
            requireAgreement(compare(readMaskPng(sceneDir / "mask_visib" / stem), together, uint32_t(g) + 1), what + " mask_visib/");
            ++instances;
        }
    }
    CHECK(instances > 5);
    CHECK(objIds.size() == models.size());
}

}  // namespace

TEST_CASE("BOP models at their scene_gt poses reproduce mask/ and mask_visib/ (demo: a scale drawn per instance)") {
    Scenario demo = parseScenario(Json::parse(builtinDemoScenarioJson()), "demo", fs::current_path(), W, H);
    checkBopModelsReproduceMasks(demo, "demo", 2);
}

TEST_CASE("BOP models at their scene_gt poses reproduce mask/ and mask_visib/ (a mesh file, a scale drawn per instance)") {
    const fs::path dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp/exporters/bop-mesh-scenario";
    fs::create_directories(dir);
    // An asymmetric wedge (no symmetry hides a wrong pose), 4 cm long.
    std::ofstream(dir / "wedge.obj") << "v 0 0 0\nv 0.04 0 0\nv 0 0.02 0\nv 0 0 0.01\n"
                                        "f 1 3 2\nf 1 2 4\nf 1 4 3\nf 2 3 4\n";
    const char* scenario = R"({
      "version": 1, "resolution": [320, 240], "categories": ["wedge"],
      "assets": {"wedge": {"category": "wedge", "mesh": "wedge.obj"}},
      "groups": [{"name": "parts", "assets": "wedge", "count": 8, "pose": "uniform", "scale": {"uniform": [0.6, 1.6]},
                  "placement": {"mode": "volume", "min": [-0.06, -0.05, 0], "max": [0.06, 0.05, 0.04]}}],
      "camera": {"fov": 45, "look_at": {"target": [0, 0, 0.02], "distance": 0.3, "elevation": 70, "azimuth": 30}}
    })";
    checkBopModelsReproduceMasks(parseScenario(Json::parse(scenario), "wedge.json", dir, W, H), "mesh", 2);
}
