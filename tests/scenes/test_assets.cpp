// Real third-party assets (Debian's assimp-testmodels package) load through the AssetCache.
#include "TestUtil.h"

#include "scenes/AssetCache.h"

#include <stb_image_write.h>

#include <cmath>
#include <fstream>
#include <thread>

using namespace sg;
using Catch::Matchers::Contains;

namespace {

std::shared_ptr<const Model> loadModel(const std::string& relative) {
    static AssetCache cache;  // shared across tests on purpose: also exercises cache hits
    return cache.model(sgtest::kAssimpModels + "/" + relative, "test.json", "/objects/0/mesh");
}

// Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian), read without a decoder.
std::pair<int, int> pngSize(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char b[24] = {};
    in.read(reinterpret_cast<char*>(b), 24);
    auto be = [&](int o) { return int(b[o]) << 24 | int(b[o + 1]) << 16 | int(b[o + 2]) << 8 | int(b[o + 3]); };
    return {be(16), be(20)};
}

const std::string kCesiumLogo = sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/CesiumLogoFlat.png";

size_t triangles(const Model& m) {
    size_t n = 0;
    for (const auto& p : m.parts) n += p.mesh->triangleCount();
    return n;
}

// Every index in range, every normal unit length, every position finite.
void checkWellFormed(const Model& m) {
    REQUIRE_FALSE(m.parts.empty());
    for (const auto& p : m.parts) {
        REQUIRE(p.mesh);
        REQUIRE(p.material);
        REQUIRE(p.mesh->indices.size() % 3 == 0);
        for (uint32_t i : p.mesh->indices) REQUIRE(i < p.mesh->vertices.size());
        for (const auto& v : p.mesh->vertices) {
            REQUIRE(std::isfinite(v.position.x + v.position.y + v.position.z));
            REQUIRE(glm::length(v.normal) == Approx(1.0f).margin(1e-3));
        }
    }
    for (int k = 0; k < 3; ++k) CHECK(m.boundsMin[k] <= m.boundsMax[k]);
}

}  // namespace

TEST_CASE("glTF 2.0 (.gltf with external texture) loads with its material and texture") {
    auto m = loadModel("glTF2/BoxTextured-glTF/BoxTextured.gltf");
    checkWellFormed(*m);
    CHECK(triangles(*m) == 12);  // a cube
    // The unit cube of the sample, centered at the origin.
    for (int k = 0; k < 3; ++k) {
        CHECK(m->boundsMin[k] == Approx(-0.5).margin(1e-5));
        CHECK(m->boundsMax[k] == Approx(0.5).margin(1e-5));
    }
    const Material& mat = *m->parts[0].material;
    REQUIRE(mat.baseColorTexture);
    CHECK(mat.baseColorTexture->image.channels == 4);
    auto [w, h] = pngSize(kCesiumLogo);
    CHECK(mat.baseColorTexture->image.width == w);
    CHECK(mat.baseColorTexture->image.height == h);
    CHECK(mat.baseColorTexture->source == kCesiumLogo);
    CHECK(mat.metallic == 0.0f);  // the file's metallicFactor
}

TEST_CASE("glTF 2.0 binary (.glb) with an embedded texture loads") {
    auto m = loadModel("glTF2/BoxTextured-glTF-Binary/BoxTextured.glb");
    checkWellFormed(*m);
    CHECK(triangles(*m) == 12);
    REQUIRE(m->parts[0].material->baseColorTexture);
    CHECK(m->parts[0].material->baseColorTexture->image.width == pngSize(kCesiumLogo).first);
}

TEST_CASE("OBJ texture coordinates are turned to glTF orientation (v = 0 at the top of the image)") {
    // OBJ puts v = 0 at the bottom of the image; we store glTF's convention, v' = 1 - v.
    auto dir = sgtest::tempDir("obj-uv");
    sgtest::writeFile(dir / "tri.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0.25\nvt 1 0.25\nvt 0 0.5\nf 1/1 2/2 3/3\n");
    AssetCache cache;
    auto m = cache.model(dir / "tri.obj", "s.json", "/objects/0/mesh");
    REQUIRE(m->parts.size() == 1);
    for (const auto& v : m->parts[0].mesh->vertices) {
        float expected = v.position.y > 0.5f ? 0.5f : 0.75f;
        CHECK(v.uv.y == Approx(expected));
    }
}

TEST_CASE("a glTF with many nodes keeps each node's placement") {
    auto m = loadModel("glTF2/2CylinderEngine-glTF-Binary/2CylinderEngine.glb");
    checkWellFormed(*m);
    CHECK(m->parts.size() > 10);
    CHECK(triangles(*m) > 10000);
    // Parts are placed by different node transforms, not all at the identity.
    int moved = 0;
    for (const auto& p : m->parts) moved += p.partToModel != glm::dmat4(1.0);
    CHECK(moved > 0);
}

TEST_CASE("OBJ with an .mtl file and Windows-style texture paths loads its textures") {
    auto m = loadModel("OBJ/spider.obj");
    checkWellFormed(*m);
    CHECK(triangles(*m) > 1000);
    int textured = 0;
    for (const auto& p : m->parts) textured += p.material->baseColorTexture != nullptr;
    CHECK(textured > 0);
    bool diffuseColor = false;
    for (const auto& p : m->parts) diffuseColor = diffuseColor || p.material->baseColor.r == Approx(0.827451f);
    CHECK(diffuseColor);  // Kd of material "Skin"
}

TEST_CASE("PLY loads, binary and ASCII") {
    auto ascii = loadModel("PLY/cube.ply");
    auto binary = loadModel("PLY/cube_binary.ply");
    checkWellFormed(*ascii);
    checkWellFormed(*binary);
    CHECK(triangles(*ascii) == 12);
    CHECK(triangles(*binary) == 12);
    for (int k = 0; k < 3; ++k)
        CHECK(ascii->boundsMax[k] - ascii->boundsMin[k] == Approx(binary->boundsMax[k] - binary->boundsMin[k]));
    auto wuson = loadModel("PLY/Wuson.ply");
    checkWellFormed(*wuson);
    CHECK(triangles(*wuson) > 1000);
}

TEST_CASE("STL loads, binary and ASCII, to the same geometry") {
    auto binary = loadModel("STL/Spider_binary.stl");
    auto ascii = loadModel("STL/Spider_ascii.stl");
    checkWellFormed(*binary);
    checkWellFormed(*ascii);
    CHECK(triangles(*binary) > 1000);
    CHECK(triangles(*binary) == triangles(*ascii));
    for (int k = 0; k < 3; ++k) {
        CHECK(binary->boundsMin[k] == Approx(ascii->boundsMin[k]).margin(1e-3));
        CHECK(binary->boundsMax[k] == Approx(ascii->boundsMax[k]).margin(1e-3));
    }
}

TEST_CASE("FBX loads") {
    auto box = loadModel("FBX/box.fbx");
    checkWellFormed(*box);
    CHECK(triangles(*box) == 12);
    auto spider = loadModel("FBX/spider.fbx");
    checkWellFormed(*spider);
    CHECK(triangles(*spider) > 1000);
}

TEST_CASE("a point cloud file is rejected: no triangles") {
    std::string msg = sgtest::inputErrorOf([] { loadModel("OBJ/point_cloud.obj"); });
    CHECK_THAT(msg, Contains("test.json") && Contains("/objects/0/mesh") && Contains("no triangles") && Contains("Fix: "));
}

TEST_CASE("a texture missing next to a third-party mesh file becomes a warning, not an error") {
    // Their files often name textures by the author's absolute paths; the scene author cannot fix those.
    auto dir = sgtest::tempDir("missing-texture");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/BoxTextured.gltf", dir / "box.gltf");
    std::filesystem::copy_file(sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/BoxTextured0.bin", dir / "BoxTextured0.bin");
    AssetCache cache;
    auto m = cache.model(dir / "box.gltf", "s.json", "/objects/0/mesh");
    CHECK(triangles(*m) == 12);
    CHECK_FALSE(m->parts[0].material->baseColorTexture);
    REQUIRE(m->warnings.size() == 1);
    CHECK_THAT(m->warnings[0], Contains("CesiumLogoFlat.png") && Contains("not found"));
}

TEST_CASE("the cache returns the same model to concurrent callers") {
    AssetCache cache;
    std::shared_ptr<const Model> a, b;
    std::string path = sgtest::kAssimpModels + "/glTF2/BoxTextured-glTF/BoxTextured.gltf";
    std::thread t1([&] { a = cache.model(path, "s.json", "/a"); });
    std::thread t2([&] { b = cache.model(path, "s.json", "/b"); });
    t1.join();
    t2.join();
    REQUIRE(a);
    CHECK(a == b);
}

TEST_CASE("environment images: Radiance HDR as stored, 8-bit decoded from sRGB to linear") {
    auto dir = sgtest::tempDir("env-images");
    const float hdr[6] = {0.5f, 2.0f, 100.0f, 0.0f, 0.25f, 1.0f};
    REQUIRE(stbi_write_hdr((dir / "sky.hdr").c_str(), 2, 1, 3, hdr));
    const unsigned char ldr[6] = {0, 128, 255, 255, 188, 10};
    REQUIRE(stbi_write_png((dir / "sky.png").c_str(), 2, 1, 3, ldr, 6));
    AssetCache cache;
    auto h = cache.environmentImage(dir / "sky.hdr", "s.json", "/environment/image");
    REQUIRE(h->width == 2);
    REQUIRE(h->channels == 3);
    // Radiance RGBE keeps 8 mantissa bits relative to the largest channel of each pixel.
    CHECK(h->at(0, 0, 2) == Approx(100.0f).epsilon(0.01));
    CHECK(h->at(0, 0, 1) == Approx(2.0f).margin(0.5));
    CHECK(h->at(1, 0, 2) == Approx(1.0f).epsilon(0.01));
    auto l = cache.environmentImage(dir / "sky.png", "s.json", "/environment/image");
    CHECK(l->at(0, 0, 0) == 0.0f);
    CHECK(l->at(0, 0, 1) == Approx(std::pow((128 / 255.0 + 0.055) / 1.055, 2.4)).epsilon(1e-5));
    CHECK(l->at(0, 0, 2) == Approx(1.0f));
    CHECK(l->at(1, 0, 2) == Approx(10 / 255.0 / 12.92).epsilon(1e-5));  // linear toe of the sRGB curve
}

TEST_CASE("background photos keep their channels as stored") {
    auto dir = sgtest::tempDir("photos");
    const unsigned char gray[4] = {10, 20, 30, 40};
    REQUIRE(stbi_write_png((dir / "gray.png").c_str(), 2, 2, 1, gray, 2));
    AssetCache cache;
    auto img = cache.image(dir / "gray.png", "s.json", "/environment/background");
    REQUIRE(img->channels == 3);
    CHECK(img->at(1, 1, 0) == 40);
    CHECK(img->at(1, 1, 2) == 40);
}
