// A glTF 2.0 file as a scene: nodes -> objects in our +Z-up world, the camera in OpenCV
// convention with K from yfov, lights, materials. The test writes its own small .gltf so every
// expected value is known exactly.
#include "TestUtil.h"

#include "core/AtomicFile.h"
#include "scenes/GltfScene.h"
#include "scenes/SceneJson.h"

#include <cmath>
#include <cstring>

using namespace sg;
using Catch::Matchers::Contains;

namespace {

constexpr double kPi = 3.14159265358979323846;

std::string base64(const std::vector<uint8_t>& bytes) {
    static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < bytes.size(); i += 3) {
        uint32_t n = uint32_t(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= uint32_t(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= bytes[i + 2];
        out += tbl[(n >> 18) & 63];
        out += tbl[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? tbl[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? tbl[n & 63] : '=';
    }
    return out;
}

// One triangle (0,0,0), (1,0,0), (0,1,0) with uvs (0,0.25), (1,0.25), (0,0.5).
std::string triangleBuffer() {
    const float data[15] = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0.25f, 1, 0.25f, 0, 0.5f};
    std::vector<uint8_t> bytes(sizeof(data));
    std::memcpy(bytes.data(), data, sizeof(data));
    return "data:application/octet-stream;base64," + base64(bytes);
}

const double kYfov = 0.7, kAspect = 1.5, kPitch = -20.0 * kPi / 180.0;

Json testGltf(bool withCamera) {
    Json g = Json::parse(R"({
      "asset": {"version": "2.0"},
      "scene": 0,
      "scenes": [{"nodes": [0, 1, 2, 3, 5, 6]}],
      "nodes": [
        {"name": "Camera", "camera": 0, "translation": [0, 1, 5]},
        {"name": "Widget", "mesh": 0, "translation": [1, 2, 3]},
        {"name": "Rotated", "mesh": 0, "rotation": [0, 0.70710678118654752, 0, 0.70710678118654752], "scale": [2, 2, 2]},
        {"name": "Parent", "translation": [0, 0, -2], "children": [4]},
        {"name": "Child", "mesh": 1, "translation": [1, 0, 0]},
        {"name": "Lamp", "translation": [0, 3, 0], "extensions": {"KHR_lights_punctual": {"light": 0}}},
        {"name": "Sun", "extensions": {"KHR_lights_punctual": {"light": 1}}}
      ],
      "cameras": [{"type": "perspective", "perspective": {"yfov": 0.7, "aspectRatio": 1.5, "znear": 0.1, "zfar": 50}}],
      "meshes": [
        {"name": "tri", "primitives": [{"attributes": {"POSITION": 0, "TEXCOORD_0": 1}, "material": 0}]},
        {"name": "two", "primitives": [{"attributes": {"POSITION": 0}, "material": 0}, {"attributes": {"POSITION": 0}, "material": 1}]}
      ],
      "materials": [
        {"name": "red", "pbrMetallicRoughness": {"baseColorFactor": [1, 0, 0, 1], "metallicFactor": 0.25, "roughnessFactor": 0.75}},
        {"name": "blue", "pbrMetallicRoughness": {"baseColorFactor": [0, 0, 1, 1]}}
      ],
      "accessors": [
        {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3", "min": [0, 0, 0], "max": [1, 1, 0]},
        {"bufferView": 1, "componentType": 5126, "count": 3, "type": "VEC2"}
      ],
      "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36}, {"buffer": 0, "byteOffset": 36, "byteLength": 24}],
      "buffers": [{"byteLength": 60}],
      "extensionsUsed": ["KHR_lights_punctual"],
      "extensions": {"KHR_lights_punctual": {"lights": [
        {"type": "point", "color": [1, 0.5, 0.5], "intensity": 3415},
        {"type": "directional", "intensity": 1366}
      ]}}
    })");
    g["buffers"][0]["uri"] = triangleBuffer();
    // Pitch the camera down by 20 degrees about its x axis.
    g["nodes"][0]["rotation"] = {std::sin(kPitch / 2), 0, 0, std::cos(kPitch / 2)};
    if (!withCamera) {
        g.erase("cameras");
        g["nodes"][0].erase("camera");
    }
    return g;
}

Scene loadTestGltf(bool withCamera, const SceneLoadOptions& opts = {}) {
    auto dir = sgtest::tempDir(withCamera ? "gltf-camera" : "gltf-nocamera");
    writeFileAtomic(dir / "scene.gltf", testGltf(withCamera).dump());
    return loadScene(dir / "scene.gltf", opts);
}

const Object& objectNamed(const Scene& s, const std::string& name) {
    for (const auto& o : s.objects)
        if (o.name == name) return o;
    FAIL("no object named " << name);
    return s.objects.front();
}

glm::dvec3 apply(const glm::dmat4& m, glm::dvec3 p) { return glm::dvec3(m * glm::dvec4(p, 1)); }

void checkVec(glm::dvec3 a, glm::dvec3 b, double tol = 1e-6) {
    INFO("got (" << a.x << ", " << a.y << ", " << a.z << "), expected (" << b.x << ", " << b.y << ", " << b.z << ")");
    CHECK(glm::length(a - b) < tol);
}

}  // namespace

TEST_CASE("glTF scene: every mesh node becomes one object, named after its node") {
    Scene s = loadTestGltf(true);
    REQUIRE(s.objects.size() == 3);
    CHECK(s.objects[0].name == "Widget");
    CHECK(s.objects[1].name == "Rotated");
    CHECK(s.objects[2].name == "Child");
    for (const auto& o : s.objects) CHECK(o.category == -1);
}

TEST_CASE("glTF scene: node transforms land in our +Z-up world as (x, y, z) -> (x, -z, y)") {
    Scene s = loadTestGltf(true);
    // Widget: glTF translation (1, 2, 3); model point (a, b, c) -> glTF (1+a, 2+b, 3+c) -> ours (1+a, -3-c, 2+b).
    const glm::dmat4& w = objectNamed(s, "Widget").modelToWorld;
    checkVec(apply(w, {0, 0, 0}), {1, -3, 2});
    checkVec(apply(w, {1, 0, 0}), {2, -3, 2});
    checkVec(apply(w, {0, 1, 0}), {1, -3, 3});
    checkVec(apply(w, {0, 0, 1}), {1, -4, 2});
    // Rotated: 90 degrees about glTF +Y and scale 2: model x -> glTF -2z -> ours (0, 2, 0).
    const glm::dmat4& r = objectNamed(s, "Rotated").modelToWorld;
    checkVec(apply(r, {1, 0, 0}), {0, 2, 0});
    checkVec(apply(r, {0, 1, 0}), {0, 0, 2});
    // Child of Parent: glTF (0, 0, -2) + (1, 0, 0) -> ours (1, 2, 0).
    checkVec(apply(objectNamed(s, "Child").modelToWorld, {0, 0, 0}), {1, 2, 0});
}

TEST_CASE("glTF scene: a mesh with two materials gives one object with two parts") {
    Scene s = loadTestGltf(true);
    const Object& child = objectNamed(s, "Child");
    REQUIRE(child.parts.size() == 2);
    CHECK(child.parts[0].material->baseColor == glm::vec4(1, 0, 0, 1));
    CHECK(child.parts[1].material->baseColor == glm::vec4(0, 0, 1, 1));
    const Material& red = *objectNamed(s, "Widget").parts[0].material;
    CHECK(red.name == "red");
    CHECK(red.metallic == 0.25f);
    CHECK(red.roughness == 0.75f);
}

TEST_CASE("glTF scene: texture coordinates keep glTF's orientation") {
    Scene s = loadTestGltf(true);
    const Mesh& m = *objectNamed(s, "Widget").parts[0].mesh;
    REQUIRE(m.vertices.size() == 3);
    for (const auto& v : m.vertices) CHECK(v.uv.y == Approx(v.position.y > 0.5f ? 0.5f : 0.25f));
}

TEST_CASE("glTF scene: the camera's yfov gives fy = (H/2) / tan(yfov/2) at the default resolution") {
    Scene s = loadTestGltf(true);
    const Intrinsics& K = s.camera.intrinsics;
    CHECK(K.width == 640);
    CHECK(K.height == int(std::lround(640 / kAspect)));  // 427: the glTF aspect ratio is kept
    CHECK(K.fy == Approx(0.5 * K.height / std::tan(kYfov / 2)).epsilon(1e-5));
    CHECK(K.fx == Approx(K.fy));
    CHECK(K.cx == Approx(319.5));
    CHECK(K.cy == Approx(0.5 * (K.height - 1)));
    CHECK(K.znear == Approx(0.1));
    CHECK(K.zfar == Approx(50));
}

TEST_CASE("glTF scene: --width/--height set the resolution, yfov still sets the vertical focal length") {
    SceneLoadOptions o;
    o.width = 800;
    o.height = 600;
    Intrinsics K = loadTestGltf(true, o).camera.intrinsics;
    CHECK(K.width == 800);
    CHECK(K.height == 600);
    CHECK(K.fy == Approx(300 / std::tan(kYfov / 2)).epsilon(1e-5));
    SceneLoadOptions w;
    w.width = 1500;
    Intrinsics K2 = loadTestGltf(true, w).camera.intrinsics;
    CHECK(K2.height == 1000);
}

TEST_CASE("glTF scene: the camera pose is converted to OpenCV (x right, y down, z forward)") {
    Scene s = loadTestGltf(true);
    glm::dmat4 c2w = s.camera.cameraToWorld();
    double sn = std::sin(20 * kPi / 180), cs = std::cos(20 * kPi / 180);
    // glTF position (0, 1, 5) -> ours (0, -5, 1); the camera looks along +Y pitched 20 degrees down.
    checkVec(glm::dvec3(c2w[3]), {0, -5, 1});
    checkVec(glm::dvec3(c2w[0]), {1, 0, 0});      // right
    checkVec(glm::dvec3(c2w[1]), {0, -sn, -cs});  // down
    checkVec(glm::dvec3(c2w[2]), {0, cs, -sn});   // forward
    // A point straight ahead projects to the principal point.
    glm::dvec3 ahead = glm::dvec3(0, -5, 1) + 3.0 * glm::dvec3(0, cs, -sn);
    glm::dvec2 px = projectPinhole(s.camera.intrinsics, apply(s.camera.worldToCamera, ahead));
    CHECK(px.x == Approx(s.camera.intrinsics.cx));
    CHECK(px.y == Approx(s.camera.intrinsics.cy));
}

// KHR_lights_punctual gives candela (point) and lux (directional); at 683 lm/W, 3415 cd is
// 5 W/sr and 1366 lx is 2 W/m², synthgen's radiometric units (docs/scene-format.md).
TEST_CASE("glTF scene: KHR_lights_punctual lights are placed in the world, photometric units converted") {
    Scene s = loadTestGltf(true);
    REQUIRE(s.lights.size() == 2);
    const Light* point = nullptr;
    const Light* sun = nullptr;
    for (const auto& l : s.lights) (l.type == LightType::Point ? point : sun) = &l;
    REQUIRE(point);
    REQUIRE(sun);
    checkVec(point->position, {0, 0, 3});
    CHECK(point->intensity == Approx(5));
    CHECK(point->color.g == Approx(0.5));
    CHECK(sun->type == LightType::Directional);
    checkVec(sun->direction, {0, 1, 0});  // glTF -Z -> ours +Y
    CHECK(sun->intensity == Approx(2));
}

TEST_CASE("glTF scene without a camera: one is placed that sees the whole scene") {
    Scene s = loadTestGltf(false);
    const Intrinsics& K = s.camera.intrinsics;
    CHECK(K.width == 640);
    CHECK(K.height == 480);
    for (const auto& o : s.objects)
        for (const auto& p : o.parts)
            for (const auto& v : p.mesh->vertices) {
                glm::dvec3 c = apply(s.camera.worldToCamera * o.modelToWorld * p.partToModel, glm::dvec3(v.position));
                REQUIRE(c.z > K.znear);
                REQUIRE(c.z < K.zfar);
                glm::dvec2 px = projectPinhole(K, c);
                CHECK(px.x > -0.5);
                CHECK(px.x < K.width - 0.5);
                CHECK(px.y > -0.5);
                CHECK(px.y < K.height - 0.5);
            }
}

TEST_CASE("a third-party .glb loads as a scene with a default camera and light") {
    Scene s = loadScene(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF-Binary/BoxTextured.glb");
    REQUIRE(s.objects.size() == 1);
    CHECK(s.objects[0].parts[0].material->baseColorTexture);
    CHECK(s.lights.size() == 1);
    glm::dvec3 c = apply(s.camera.worldToCamera * s.objects[0].modelToWorld, {0, 0, 0});
    CHECK(c.z > 0);
}

TEST_CASE("a glTF file with no mesh nodes is rejected") {
    auto dir = sgtest::tempDir("gltf-empty");
    sgtest::writeFile(dir / "empty.gltf", R"({"asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"name": "n"}]})");
    std::string msg = sgtest::inputErrorOf([&] { loadScene(dir / "empty.gltf"); });
    CHECK_THAT(msg, Contains("empty.gltf") && Contains("Fix: "));
}
