// Every shader variant renders cleanly under validation, with checks that have closed-form answers:
// a constant environment image lights like the same flat color, a background photo passes through,
// textures reach the output, point and spot lights cast shadows.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

Scene topDownScene() {
    Scene s;
    s.camera.intrinsics.width = 160;
    s.camera.intrinsics.height = 120;
    s.camera.intrinsics.fx = s.camera.intrinsics.fy = 150;
    s.camera.intrinsics.cx = 79.5;
    s.camera.intrinsics.cy = 59.5;
    s.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({0, 0, 3}, {0, 0, 0}, {0, 1, 0}));
    s.environment.color = glm::vec3(0.0f);
    return s;
}

std::shared_ptr<Texture> solid(int w, int h, uint8_t r, uint8_t g, uint8_t b) {
    auto t = std::make_shared<Texture>();
    t->source = "test";
    t->image = ImageU8(w, h, 4, 255);
    for (int i = 0; i < w * h; ++i) {
        t->image.pixels[4 * i] = r;
        t->image.pixels[4 * i + 1] = g;
        t->image.pixels[4 * i + 2] = b;
    }
    return t;
}

glm::ivec2 pixelOf(const Scene& s, glm::dvec3 p) {
    glm::dvec2 uv = projectPinhole(s.camera.intrinsics, glm::dvec3(s.camera.worldToCamera * glm::dvec4(p, 1)));
    return glm::ivec2(int(std::lround(uv.x)), int(std::lround(uv.y)));
}

}  // namespace

TEST_CASE("a constant environment image lights and looks like the same flat environment") {
    Scene flat = topDownScene();
    flat.environment.color = glm::vec3(0.3f);
    flat.objects.push_back(primitiveObject(sphere(0.5, 48), glm::dmat4(1.0)));
    Scene image = flat;
    auto env = std::make_shared<ImageF32>(64, 32, 3, 0.3f);
    image.environment.image = env;
    image.environment.rotation = 0.7f;

    Renderer renderer(validated());
    FrameBuffers a = renderer.render(flat), b = renderer.render(image);
    int worst = 0;
    for (size_t i = 0; i < a.rgb.pixels.size(); ++i) worst = std::max(worst, std::abs(int(a.rgb.pixels[i]) - int(b.rgb.pixels[i])));
    // Same radiance everywhere: only the specular lookup's filtering and SH ringing may differ slightly.
    CHECK(worst <= 3);
    CHECK(a.rgb.at(0, 0, 0) == b.rgb.at(0, 0, 0));
    requireCleanValidation(renderer);
}

TEST_CASE("a background photo replaces the visible background pixel for pixel") {
    Scene scene = topDownScene();
    auto photo = std::make_shared<ImageU8>(160, 120, 3);
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 160; ++x) {
            photo->at(x, y, 0) = uint8_t(x);
            photo->at(x, y, 1) = uint8_t(y * 2);
            photo->at(x, y, 2) = 77;
        }
    scene.environment.background = photo;
    scene.objects.push_back(primitiveObject(box({0.2, 0.2, 0.2}), glm::dmat4(1.0)));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    long checked = 0;
    int worst = 0;
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 160; ++x) {
            if (fb.instanceId.at(x, y) != 0) continue;
            for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(fb.rgb.at(x, y, c)) - int(photo->at(x, y, c))));
            ++checked;
        }
    CHECK(checked > 15000);
    CHECK(worst <= 1);  // same-size photo: each pixel center samples its own texel
    requireCleanValidation(renderer);
}

TEST_CASE("all five material textures are sampled, base color and emissive decoded from sRGB") {
    Scene scene = topDownScene();
    scene.environment.color = glm::vec3(0.2f);
    auto m = std::make_shared<Material>();
    m->baseColor = glm::vec4(1.0f);
    m->baseColorTexture = solid(4, 4, 255, 0, 0);
    m->metallicRoughnessTexture = solid(4, 4, 0, 255, 0);  // roughness 1, metallic 0
    m->normalTexture = solid(4, 4, 128, 128, 255);
    m->occlusionTexture = solid(4, 4, 255, 255, 255);
    m->emissiveTexture = solid(8, 8, 0, 0, 188);  // sRGB 188 is linear 0.5
    m->emissive = glm::vec3(0.4f);
    scene.objects.push_back(primitiveObject(plane(4, 4), glm::dmat4(1.0), m));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    // Red from the base color texture under a grey environment; blue only from emission,
    // 0.4 * 0.5 = 0.2 linear. Green is nearly 0, so PBR Neutral's offset (x - 6.25 x^2 for the
    // smallest channel x) is nearly 0 too and blue passes through.
    double blue = srgbToLinear(fb.rgb.at(80, 60, 2));
    CHECK(blue == Approx(0.2).margin(0.01));
    CHECK(fb.rgb.at(80, 60, 0) > fb.rgb.at(80, 60, 1) + 40);
    requireCleanValidation(renderer);
}

TEST_CASE("point and spot lights cast shadows onto the floor") {
    // A point light inside the scene's bounding sphere renders six cube faces; one outside it a
    // single view fitted to the scene (renderer/Shadows.h).
    struct Case {
        const char* name;
        LightType type;
        double floorSize;
        glm::dvec3 position;
    };
    for (const Case& c : {Case{"point light, cube faces", LightType::Point, 8.0, {0.6, 0.0, 1.4}},
                          Case{"point light, one fitted view", LightType::Point, 1.0, {0.6, 0.0, 2.5}},
                          Case{"spot light", LightType::Spot, 8.0, {0.6, 0.0, 1.4}}}) {
        Scene scene = topDownScene();
        scene.objects.push_back(primitiveObject(plane(c.floorSize, c.floorSize), glm::dmat4(1.0)));
        glm::dvec3 blocker(0.3, 0.0, 0.7);
        scene.objects.push_back(primitiveObject(box({0.2, 0.2, 0.2}), glm::translate(glm::dmat4(1.0), blocker)));
        Light light;
        light.type = c.type;
        light.position = c.position;
        light.direction = glm::normalize(glm::dvec3(-0.3, 0.0, -1.0));
        light.intensity = float(6.0 * glm::dot(c.position, c.position) / 2.32);  // same irradiance at the floor
        light.innerConeAngle = 0.6f;
        light.outerConeAngle = 0.8f;
        scene.lights.push_back(light);
        Renderer renderer(validated());
        FrameBuffers fb = renderer.render(scene);

        // The blocker's shadow: the light ray through its center meets the floor here.
        glm::dvec3 d = blocker - light.position;
        glm::dvec3 shadowPoint = light.position + d * (light.position.z / -d.z);
        glm::dvec3 litPoint = shadowPoint + glm::dvec3(0, 0.4, 0);  // beside the shadow, similar distance
        glm::ivec2 s = pixelOf(scene, shadowPoint), l = pixelOf(scene, litPoint);
        INFO(c.name);
        REQUIRE(fb.instanceId.at(s.x, s.y) == 1);
        REQUIRE(fb.instanceId.at(l.x, l.y) == 1);
        double shadowed = srgbToLinear(fb.rgb.at(s.x, s.y, 1)), lit = srgbToLinear(fb.rgb.at(l.x, l.y, 1));
        INFO("shadowed " << shadowed << ", lit " << lit);
        CHECK(lit > 0.1);
        CHECK(shadowed < 0.1 * lit);
        requireCleanValidation(renderer);
    }
}

TEST_CASE("with normals off the normals buffer is empty and every other buffer is the same") {
    Scene scene = topDownScene();
    scene.environment.color = glm::vec3(0.3f);
    scene.objects.push_back(primitiveObject(box({0.6, 0.4, 0.3}), glm::translate(glm::dmat4(1.0), glm::dvec3(0.1, 0, 0.2))));
    Light sun;
    sun.direction = {0.3, 0.2, -1.0};
    scene.lights.push_back(sun);
    Renderer renderer(validated());
    FrameBuffers all = renderer.render(scene);
    RenderSettings noNormals;
    noNormals.normals = false;
    FrameBuffers some = renderer.render(scene, noNormals);
    REQUIRE(all.normals.width == 160);
    CHECK(some.normals.empty());
    CHECK(some.rgb.pixels == all.rgb.pixels);
    CHECK(some.instanceId.pixels == all.instanceId.pixels);
    CHECK(some.depth.pixels == all.depth.pixels);
    // Reusing the output of a frame with normals for one without them empties the normals too.
    renderer.render(scene, noNormals, all);
    CHECK(all.normals.empty());
    requireCleanValidation(renderer);
}

TEST_CASE("attachments read in place (CPU device) and copied out through a buffer (as on a GPU) give the same buffers") {
    // An odd width, so rows of the linear images may be padded beyond width * texel size.
    Scene scene = topDownScene();
    scene.camera.intrinsics.width = 161;
    scene.camera.intrinsics.height = 97;
    scene.environment.color = glm::vec3(0.3f);
    scene.objects.push_back(primitiveObject(box({0.6, 0.4, 0.3}), glm::translate(glm::dmat4(1.0), glm::dvec3(0.1, 0, 0.2))));
    scene.objects.push_back(primitiveObject(plane(3, 3), glm::dmat4(1.0)));
    Light sun;
    sun.direction = {0.3, 0.2, -1.0};
    scene.lights.push_back(sun);
    RendererOptions copies = validated();
    copies.readbackCopies = true;
    Renderer inPlace(validated()), copied(copies);
    FrameBuffers a = inPlace.render(scene), b = copied.render(scene);
    REQUIRE(a.rgb.width == 161);
    CHECK(a.rgb.pixels == b.rgb.pixels);
    CHECK(a.instanceId.pixels == b.instanceId.pixels);
    CHECK(a.depth.pixels == b.depth.pixels);
    CHECK(a.normals.pixels == b.normals.pixels);
    // Both saw the box and the floor.
    CHECK(std::count(a.instanceId.pixels.begin(), a.instanceId.pixels.end(), 1u) > 100);
    CHECK(std::count(a.instanceId.pixels.begin(), a.instanceId.pixels.end(), 2u) > 100);
    requireCleanValidation(inPlace);
    requireCleanValidation(copied);
}
