// JSON scene format: transforms, camera, categories, materials, lights, the demo and the examples.
#include "TestUtil.h"

#include "core/AtomicFile.h"
#include "scenes/DemoScene.h"
#include "scenes/SceneJson.h"

#include <stb_image_write.h>

#include <cmath>

using namespace sg;
using Catch::Matchers::Contains;

namespace {

constexpr double kPi = 3.14159265358979323846;

Json baseScene() {
    return Json::parse(R"({
      "camera": {"fov_deg": 50, "look_at": {"eye": [1, -1, 1], "target": [0, 0, 0]}},
      "objects": [{"name": "box", "primitive": {"type": "box", "size": [0.1, 0.2, 0.3]}}]
    })");
}

Scene load(const Json& j, const SceneLoadOptions& opts = {}) {
    AssetCache cache;
    return loadSceneJsonText(j.dump(), "scene.json", sgtest::tempDir("json"), opts, cache);
}

glm::dmat4 transformOf(const Json& objectKeys) {
    Json j = baseScene();
    for (auto it = objectKeys.begin(); it != objectKeys.end(); ++it) j["objects"][0][it.key()] = it.value();
    return load(j).objects[0].modelToWorld;
}

void requireMatrixNear(const glm::dmat4& a, const glm::dmat4& b, double tol = 1e-12) {
    for (int c = 0; c < 4; ++c)
        for (int r = 0; r < 4; ++r) {
            INFO("column " << c << " row " << r);
            REQUIRE(a[c][r] == Approx(b[c][r]).margin(tol));
        }
}

// Builds a matrix from rows as written on paper.
glm::dmat4 rows(std::initializer_list<std::initializer_list<double>> rs) {
    glm::dmat4 m(0.0);
    int r = 0;
    for (auto row : rs) {
        int c = 0;
        for (double v : row) m[c++][r] = v;
        ++r;
    }
    return m;
}

}  // namespace

TEST_CASE("quaternion, Euler angles and a matrix give the same transform") {
    // 90 degrees about +Z, scale 2, then move to (1, 2, 3): x -> 2y, y -> -2x.
    glm::dmat4 expected = rows({{0, -2, 0, 1}, {2, 0, 0, 2}, {0, 0, 2, 3}, {0, 0, 0, 1}});
    double h = std::sqrt(0.5);
    requireMatrixNear(transformOf({{"position", {1, 2, 3}}, {"rotation", {h, 0, 0, h}}, {"scale", 2}}), expected);
    requireMatrixNear(transformOf({{"position", {1, 2, 3}}, {"euler_deg", {0, 0, 90}}, {"scale", {2, 2, 2}}}), expected);
    requireMatrixNear(transformOf({{"matrix", {0, -2, 0, 1, 2, 0, 0, 2, 0, 0, 2, 3, 0, 0, 0, 1}}}), expected);
    requireMatrixNear(transformOf({{"matrix", {{0, -2, 0, 1}, {2, 0, 0, 2}, {0, 0, 2, 3}, {0, 0, 0, 1}}}}), expected);
}

TEST_CASE("Euler angles rotate about fixed x, then y, then z") {
    // Rz(90) * Rx(90) maps x -> y, y -> z, z -> x: the 120 degree turn about (1, 1, 1),
    // whose quaternion is [0.5, 0.5, 0.5, 0.5].
    glm::dmat4 expected = rows({{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 0, 1}});
    requireMatrixNear(transformOf({{"euler_deg", {90, 0, 90}}}), expected);
    requireMatrixNear(transformOf({{"rotation", {0.5, 0.5, 0.5, 0.5}}}), expected);
}

TEST_CASE("non-uniform scale applies in model axes before rotation") {
    glm::dmat4 m = transformOf({{"euler_deg", {0, 0, 90}}, {"scale", {1, 2, 3}}});
    // Model x (scale 1) -> world y; model y (scale 2) -> world -x; model z (scale 3) -> world z.
    requireMatrixNear(m, rows({{0, -2, 0, 0}, {1, 0, 0, 0}, {0, 0, 3, 0}, {0, 0, 0, 1}}));
}

TEST_CASE("look_at and camera_to_world give the expected world-to-camera transform") {
    // Camera at (0, -2, 0) looking at the origin with +Z up: OpenCV x = world +x, y (down) =
    // world -z, z (forward) = world +y.
    Json a = baseScene();
    a["camera"] = {{"fov_deg", 50}, {"look_at", {{"eye", {0, -2, 0}}, {"target", {0, 0, 0}}, {"up", {0, 0, 1}}}}};
    Json b = baseScene();
    b["camera"] = {{"fov_deg", 50}, {"camera_to_world", {1, 0, 0, 0, 0, 0, 1, -2, 0, -1, 0, 0, 0, 0, 0, 1}}};
    for (const Json& j : {a, b}) {
        glm::dmat4 w2c = load(j).camera.worldToCamera;
        auto cam = [&](glm::dvec3 p) { return glm::dvec3(w2c * glm::dvec4(p, 1)); };
        glm::dvec3 o = cam({0, 0, 0}), x = cam({1, 0, 0}), z = cam({0, 0, 1});
        CHECK(o.x == Approx(0).margin(1e-12));
        CHECK(o.y == Approx(0).margin(1e-12));
        CHECK(o.z == Approx(2));
        CHECK(x.x == Approx(1));
        CHECK(x.z == Approx(2));
        CHECK(z.y == Approx(-1));
        CHECK(z.z == Approx(2));
    }
}

TEST_CASE("vertical field of view gives fy = (H/2) / tan(fov/2) and a centered principal point") {
    Json j = baseScene();
    j["camera"]["fov_deg"] = 60;
    j["camera"]["width"] = 640;
    j["camera"]["height"] = 480;
    Intrinsics K = load(j).camera.intrinsics;
    CHECK(K.width == 640);
    CHECK(K.height == 480);
    CHECK(K.fy == Approx(240.0 / std::tan(30.0 * kPi / 180.0)).epsilon(1e-12));
    CHECK(K.fx == Approx(K.fy).epsilon(1e-12));
    CHECK(K.cx == Approx(319.5));
    CHECK(K.cy == Approx(239.5));
}

TEST_CASE("pixel intrinsics are kept, and scaled when the resolution is overridden") {
    Json j = baseScene();
    j["camera"] = {{"width", 640},
                   {"height", 480},
                   {"fx", 500},
                   {"fy", 510},
                   {"cx", 300},
                   {"cy", 250},
                   {"near", 0.1},
                   {"far", 10},
                   {"distortion", {0.1, -0.05, 0.001, 0.002, 0.01}},
                   {"look_at", {{"eye", {1, 1, 1}}, {"target", {0, 0, 0}}}}};
    Intrinsics K = load(j).camera.intrinsics;
    CHECK(K.fx == 500);
    CHECK(K.fy == 510);
    CHECK(K.cx == 300);
    CHECK(K.cy == 250);
    CHECK(K.znear == 0.1);
    CHECK(K.zfar == 10);
    CHECK(K.distortion.k1 == 0.1);
    CHECK(K.distortion.k3 == 0.01);

    SceneLoadOptions twice;
    twice.width = 1280;  // height follows the aspect ratio
    Intrinsics K2 = load(j, twice).camera.intrinsics;
    CHECK(K2.width == 1280);
    CHECK(K2.height == 960);
    CHECK(K2.fx == Approx(1000));
    CHECK(K2.fy == Approx(1020));
    // Pixel edges scale, centers shift: (c + 0.5) * 2 - 0.5.
    CHECK(K2.cx == Approx(600.5));
    CHECK(K2.cy == Approx(500.5));
}

TEST_CASE("a field of view camera keeps its field of view at an overridden resolution") {
    Json j = baseScene();
    SceneLoadOptions o;
    o.width = 1920;
    o.height = 1080;
    Intrinsics K = load(j, o).camera.intrinsics;
    CHECK(K.width == 1920);
    CHECK(K.height == 1080);
    CHECK(K.fy == Approx(540.0 / std::tan(25.0 * kPi / 180.0)));
}

TEST_CASE("categories get ids 1..N in order and the parent path as supercategory") {
    Json j = baseScene();
    j["categories"] = Json::parse(R"(["defect/crack/hairline", "tool",
        {"name": "part/bolt", "keypoints": ["head", "tip", "mid"], "skeleton": [["head", "mid"], [1, 2]]}])");
    Scene s = load(j);
    REQUIRE(s.categories.size() == 3);
    CHECK(s.categories[0].id == 1);
    CHECK(s.categories[0].supercategory == "defect/crack");
    CHECK(s.categories[1].id == 2);
    CHECK(s.categories[1].supercategory == "tool");
    CHECK(s.categories[2].id == 3);
    CHECK(s.categories[2].keypoints == std::vector<std::string>{"head", "tip", "mid"});
    REQUIRE(s.categories[2].skeleton.size() == 2);
    CHECK(s.categories[2].skeleton[0] == std::pair<int, int>{0, 2});
    CHECK(s.categories[2].skeleton[1] == std::pair<int, int>{1, 2});
    CHECK(findCategory(s, "tool") == 1);
}

TEST_CASE("objects carry category, attributes, keypoints in category order, physics and shadows") {
    Json j = baseScene();
    j["categories"] = Json::parse(R"([{"name": "part/bolt", "keypoints": ["head", "tip"]}])");
    j["objects"][0].update(Json::parse(R"({"category": "part/bolt", "attributes": {"color": "red", "n": 3},
        "keypoints": {"tip": [0, 0, -0.05], "head": [0, 0, 0.05]},
        "physics": {"mass": 0, "friction": 0.9, "restitution": 0.2, "conveyor_velocity": [0.1, 0, 0]},
        "cast_shadows": false})"));
    Object o = load(j).objects[0];
    CHECK(o.category == 0);
    CHECK(o.attributes["color"] == "red");
    CHECK(o.attributes["n"] == 3);
    REQUIRE(o.keypoints.size() == 2);
    CHECK(o.keypoints[0].name == "head");
    CHECK(o.keypoints[0].position.z == Approx(0.05));
    CHECK(o.keypoints[1].name == "tip");
    CHECK(o.physics.mass == 0);
    CHECK(o.physics.friction == 0.9);
    CHECK(o.physics.restitution == 0.2);
    CHECK(o.physics.conveyorVelocity.x == 0.1);
    CHECK_FALSE(o.castsShadows);
}

TEST_CASE("a primitive object records its shape and a mesh of that shape") {
    Json j = baseScene();
    j["objects"][0]["primitive"] = {{"type", "torus"}, {"radius", 0.3}, {"minor_radius", 0.1}, {"segments", 16}};
    Object o = load(j).objects[0];
    REQUIRE(o.primitive);
    CHECK(o.primitive->kind == PrimitiveKind::Torus);
    CHECK(o.primitive->radius == 0.3);
    CHECK(o.primitive->minorRadius == 0.1);
    CHECK(o.primitive->segments == 16);
    REQUIRE(o.parts.size() == 1);
    CHECK(o.parts[0].mesh->boundsMax().x == Approx(0.4).epsilon(1e-6));
}

TEST_CASE("named and inline materials reach the object") {
    Json j = baseScene();
    j["materials"] = Json::parse(R"({"steel": {"base_color": [0.5, 0.6, 0.7], "metallic": 1, "roughness": 0.2}})");
    j["objects"][0]["material"] = "steel";
    j["objects"].push_back(Json::parse(R"({"name": "glow", "primitive": {"type": "sphere", "radius": 0.1},
        "material": {"base_color": [1, 0, 0, 0.5], "emissive": [2, 2, 0], "double_sided": true}})"));
    Scene s = load(j);
    const Material& a = *s.objects[0].parts[0].material;
    CHECK(a.name == "steel");
    CHECK(a.baseColor == glm::vec4(0.5f, 0.6f, 0.7f, 1.0f));
    CHECK(a.metallic == 1.0f);
    CHECK(a.roughness == 0.2f);
    const Material& b = *s.objects[1].parts[0].material;
    CHECK(b.baseColor.a == 0.5f);
    CHECK(b.emissive == glm::vec3(2, 2, 0));
    CHECK(b.doubleSided);
}

TEST_CASE("material textures are loaded from files next to the scene") {
    auto dir = sgtest::tempDir("material-textures");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/CesiumLogoFlat.png", dir / "logo.png");
    Json j = baseScene();
    j["objects"][0]["material"] = {{"base_color_texture", "logo.png"}, {"emissive_texture", "logo.png"}};
    writeFileAtomic(dir / "scene.json", j.dump());
    Scene s = loadScene(dir / "scene.json");
    const Material& m = *s.objects[0].parts[0].material;
    REQUIRE(m.baseColorTexture);
    CHECK(m.baseColorTexture->image.channels == 4);
    CHECK(m.baseColorTexture->image.width > 0);
    CHECK(m.emissiveTexture == m.baseColorTexture);  // one file, loaded once
    CHECK(m.emissive == glm::vec3(1.0f));            // a texture alone glows at factor 1
}

TEST_CASE("lights of each type are read with their geometry") {
    Json j = baseScene();
    j["lights"] = Json::parse(R"([
        {"type": "directional", "direction": [0, 0, -2], "intensity": 2, "color": [1, 0.9, 0.8]},
        {"type": "point", "position": [1, 2, 3], "intensity": 5, "cast_shadows": false},
        {"type": "spot", "position": [0, 0, 2], "target": [0, 0, 0], "inner_cone_deg": 10, "outer_cone_deg": 20}])");
    Scene s = load(j);
    REQUIRE(s.lights.size() == 3);
    CHECK(s.lights[0].type == LightType::Directional);
    CHECK(s.lights[0].direction.z == Approx(-1));
    CHECK(s.lights[0].color.g == 0.9f);
    CHECK(s.lights[1].type == LightType::Point);
    CHECK(s.lights[1].position == glm::dvec3(1, 2, 3));
    CHECK_FALSE(s.lights[1].castsShadows);
    CHECK(s.lights[2].type == LightType::Spot);
    CHECK(s.lights[2].direction.z == Approx(-1));
    CHECK(s.lights[2].innerConeAngle == Approx(10 * kPi / 180));
    CHECK(s.lights[2].outerConeAngle == Approx(20 * kPi / 180));
}

TEST_CASE("a scene without a lights key gets one default light; an empty list means none") {
    Json j = baseScene();
    CHECK(load(j).lights.size() == 1);
    j["lights"] = Json::array();
    CHECK(load(j).lights.empty());
}

TEST_CASE("environment color, intensity, rotation, HDR image and background photo") {
    auto dir = sgtest::tempDir("environment");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/CesiumLogoFlat.png", dir / "photo.png");
    Json j = baseScene();
    j["environment"] = {
        {"color", {0.1, 0.2, 0.3}}, {"intensity", 2}, {"rotation_deg", 90}, {"image", "photo.png"}, {"background", "photo.png"}};
    writeFileAtomic(dir / "scene.json", j.dump());
    Scene s = loadScene(dir / "scene.json");
    CHECK(s.environment.color == glm::vec3(0.1f, 0.2f, 0.3f));
    CHECK(s.environment.intensity == 2.0f);
    CHECK(s.environment.rotation == Approx(kPi / 2));
    REQUIRE(s.environment.image);
    CHECK(s.environment.image->channels == 3);
    REQUIRE(s.environment.background);
    CHECK(s.environment.background->width == s.environment.image->width);
}

TEST_CASE("the built-in demo scene parses and is identical to examples/scenes/demo.json") {
    std::string text = builtinDemoSceneJson();
    CHECK(text == readTextFile(std::filesystem::path(SYNTHGEN_SOURCE_DIR) / "examples/scenes/demo.json"));
    AssetCache cache;
    Scene s = loadSceneJsonText(text, "<built-in demo>", ".", {}, cache);
    CHECK(s.objects.size() >= 8);
    CHECK(s.objects.size() <= 12);
    CHECK(s.lights.size() >= 2);
    int unlabeled = 0, withKeypoints = 0;
    for (const auto& o : s.objects) {
        unlabeled += o.category < 0;
        withKeypoints += !o.keypoints.empty();
        CHECK(o.primitive.has_value());  // primitives only: no files needed
    }
    CHECK(unlabeled >= 1);
    CHECK(withKeypoints >= 1);
    int ball = findCategory(s, "part/bearing/ball");
    REQUIRE(ball >= 0);
    CHECK(s.categories[size_t(ball)].supercategory == "part/bearing");
    bool skeleton = false;
    for (const auto& c : s.categories) skeleton = skeleton || !c.skeleton.empty();
    CHECK(skeleton);
}

TEST_CASE("every example scene in examples/scenes loads") {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(SYNTHGEN_SOURCE_DIR) / "examples/scenes")) {
        if (e.path().extension() != ".json") continue;
        INFO(e.path());
        Scene s = loadScene(e.path());
        CHECK_FALSE(s.objects.empty());
        ++n;
    }
    CHECK(n >= 2);
}

TEST_CASE("the asset cache loads a file once however its path is spelled") {
    auto dir = sgtest::tempDir("cache");
    std::filesystem::create_directories(dir / "sub");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/CesiumLogoFlat.png", dir / "logo.png");
    AssetCache cache;
    auto a = cache.texture(dir / "logo.png", "s.json", "/x");
    auto b = cache.texture(dir / "sub" / ".." / "logo.png", "s.json", "/y");
    CHECK(a == b);
    PrimitiveShape box;
    CHECK(cache.primitiveMesh(box) == cache.primitiveMesh(box));
    PrimitiveShape other = box;
    other.size.x = 2;
    CHECK(cache.primitiveMesh(box) != cache.primitiveMesh(other));
}

TEST_CASE("the complete example in docs/scene-format.md loads") {
    // Keeps the documentation honest: the example is cut out of the Markdown and loaded with
    // stand-in asset files at the paths it names.
    std::string doc = readTextFile(std::filesystem::path(SYNTHGEN_SOURCE_DIR) / "docs/scene-format.md");
    size_t section = doc.find("## A complete example");
    REQUIRE(section != std::string::npos);
    size_t begin = doc.find("```json\n", section);
    REQUIRE(begin != std::string::npos);
    begin += 8;
    size_t end = doc.find("```", begin);
    REQUIRE(end != std::string::npos);

    auto dir = sgtest::tempDir("doc-example");
    for (const char* sub : {"textures", "meshes", "hdri"}) std::filesystem::create_directories(dir / sub);
    const unsigned char px[12] = {200, 100, 50, 255, 128, 128, 255, 255, 10, 20, 30, 255};
    for (const char* t : {"textures/paint_albedo.png", "textures/paint_mr.png", "textures/paint_normal.png"})
        REQUIRE(stbi_write_png((dir / t).c_str(), 3, 1, 4, px, 12));
    const float hdr[6] = {1, 2, 3, 4, 5, 6};
    REQUIRE(stbi_write_hdr((dir / "hdri/workshop.hdr").c_str(), 2, 1, 3, hdr));
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF-Binary/BoxTextured.glb", dir / "meshes/housing.glb");
    sgtest::writeFile(dir / "meshes/crack_decal.obj", "v 0 0 0\nv 0.01 0 0\nv 0 0.001 0\nf 1 2 3\n");
    writeFileAtomic(dir / "scene.json", doc.substr(begin, end - begin));

    Scene s = loadScene(dir / "scene.json");
    CHECK(s.objects.size() == 4);
    CHECK(s.categories.size() == 3);
    CHECK(s.lights.size() == 2);
    CHECK(s.camera.intrinsics.width == 1280);
    CHECK(s.environment.image);
    CHECK(s.exposure == 1.2f);
    CHECK(s.objects[1].parts[0].material->baseColorTexture);  // the glb's own embedded texture
}

TEST_CASE("problems inside a third-party mesh file reach Scene::warnings with the object's path") {
    auto dir = sgtest::tempDir("scene-warnings");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/BoxTextured.gltf", dir / "box.gltf");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/BoxTextured0.bin", dir / "BoxTextured0.bin");
    Json j = baseScene();
    j["objects"][0] = {{"name", "box"}, {"mesh", "box.gltf"}, {"up_axis", "y"}};
    writeFileAtomic(dir / "scene.json", j.dump());
    Scene s = loadScene(dir / "scene.json");
    REQUIRE(s.warnings.size() == 1);
    CHECK_THAT(s.warnings[0], Contains("/objects/0/mesh") && Contains("CesiumLogoFlat.png"));
}

TEST_CASE("up_axis y turns a +Y-up mesh file so its +Y is world +Z") {
    auto dir = sgtest::tempDir("up-axis");
    sgtest::writeFile(dir / "tri.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    Json j = baseScene();
    j["objects"][0] = {{"name", "tri"}, {"mesh", "tri.obj"}, {"up_axis", "y"}};
    writeFileAtomic(dir / "scene.json", j.dump());
    Scene s = loadScene(dir / "scene.json");
    const Object& o = s.objects[0];
    for (const auto& v : o.parts[0].mesh->vertices) {
        glm::dvec3 w = glm::dvec3(o.modelToWorld * o.parts[0].partToModel * glm::dvec4(glm::dvec3(v.position), 1));
        // (x, y, z) -> (x, -z, y)
        CHECK(w.x == Approx(v.position.x));
        CHECK(w.y == Approx(-v.position.z).margin(1e-12));
        CHECK(w.z == Approx(v.position.y));
    }
}

TEST_CASE("defects on a scene object are read in its model frame, their millimetres as metres, with their attributes") {
    Json j = baseScene();
    j["categories"] = Json::parse(R"(["part", "defect/contamination/fiber"])");
    j["objects"][0]["category"] = "part";
    j["objects"][0]["defects"] = Json::parse(R"([
      {"family": "scratch", "center": [0.01, 0, 0.15], "normal": [0, 0, 2], "tangent": [0, 1, 0], "length_mm": 12,
       "width_mm": 0.3, "depth_mm": 0.05, "curvature_per_m": -4, "color": [0.7, 0.7, 0.7], "roughness": 0.2, "seed": 9},
      {"family": "contamination", "style": "fiber", "center": [0, 0.1, 0], "normal": [0, 1, 0], "length_mm": 6,
       "width_mm": 0.05, "fibers": 2, "category": "defect/contamination/fiber", "attributes": {"severity": "reject"}}])");
    Scene s = load(j);
    REQUIRE(s.objects[0].defects.size() == 2);
    const Defect& scratch = s.objects[0].defects[0];
    CHECK(scratch.family == DefectFamily::Scratch);
    CHECK(scratch.center == glm::dvec3(0.01, 0, 0.15));
    CHECK(scratch.normal == glm::dvec3(0, 0, 1));
    CHECK(scratch.tangent == glm::dvec3(0, 1, 0));
    CHECK(scratch.length == Approx(0.012));
    CHECK(scratch.width == Approx(0.0003));
    CHECK(scratch.depth == Approx(0.00005));
    CHECK(scratch.curvature == -4);
    CHECK(scratch.roughness == Approx(0.2f));
    CHECK(scratch.seed == 9u);
    CHECK(scratch.category == -1);  // no category: drawn, not labeled
    CHECK(scratch.attributes.at("area_mm2").get<double>() == Approx(12 * 0.3));
    const Defect& fiber = s.objects[0].defects[1];
    CHECK(fiber.family == DefectFamily::Contamination);
    CHECK(fiber.style == ContaminationStyle::Fiber);
    CHECK(fiber.count == 2);
    CHECK(fiber.category == 1);
    CHECK(fiber.attributes.at("type") == "contamination");
    CHECK(fiber.attributes.at("style") == "fiber");
    CHECK(fiber.attributes.at("severity") == "reject");
}
