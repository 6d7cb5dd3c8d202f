// Ambient occlusion from sky-visibility shadow maps, against bounds from geometry: a floor point
// beside a box's side sees about half of the cosine-weighted sky (an infinite wall hides exactly
// half), a point far away sees all of it, and the option changes no label.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

// A 1 x 1 m box of the given height resting on a large grey floor under a uniform sky, no lights;
// the camera 6 m above looks straight down (1 px = 2 cm on the floor).
Scene boxOnFloor(double height = 0.5) {
    Scene s;
    s.camera = lookingDown(320, 240, 300, 6.0);
    s.environment.color = glm::vec3(1.0f);
    auto grey = matteGrey();
    s.objects.push_back(primitiveObject(plane(8, 8), glm::dmat4(1.0), grey));
    s.objects.push_back(primitiveObject(box({1, 1, height}), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 0.5 * height)), grey));
    return s;
}

// Floor radiance at a world point on z = 0 (tone curve is x - 0.04 in its linear part).
double floorValue(const Scene& s, const FrameBuffers& fb, glm::dvec3 p) {
    glm::dvec2 uv = projectPinhole(s.camera.intrinsics, glm::dvec3(s.camera.worldToCamera * glm::dvec4(p, 1.0)));
    int x = int(std::lround(uv.x)), y = int(std::lround(uv.y));
    REQUIRE(fb.instanceId.at(x, y) == 1);
    return srgbToLinear(fb.rgb.at(x, y, 1)) + 0.04;
}

// Jimenez et al. 2016's multi-bounce fit, written out independently of the shader.
double multiBounce(double v, double albedo) {
    double a = 2.0404 * albedo - 0.3324, b = -4.7951 * albedo + 0.6417, c = 2.7552 * albedo + 0.6903;
    return std::max(v, ((v * a + b) * v + c) * v);
}

}  // namespace

TEST_CASE("ambient occlusion darkens the floor beside a box and not far from it") {
    Scene scene = boxOnFloor();
    Renderer renderer(validated());
    RenderSettings ao;
    ao.skyVisibilityViews = 16;
    FrameBuffers off = renderer.render(scene), on = renderer.render(scene, ao);
    glm::dvec3 near(0.58, 0, 0), far(-2.9, -2.2, 0);
    double nearOff = floorValue(scene, off, near), farOff = floorValue(scene, off, far);
    double nearOn = floorValue(scene, on, near), farOn = floorValue(scene, on, far);
    INFO("near " << nearOn << " (off " << nearOff << "), far " << farOn << " (off " << farOff << ")");
    // Without occlusion the uniform sky lights the floor the same everywhere: albedo x sky = 0.5.
    CHECK(nearOff == Approx(0.5).epsilon(0.04));
    CHECK(farOff == Approx(nearOff).epsilon(0.01));
    // 8 cm from a wall 0.5 m high and 1 m wide the wall hides a bit under half of the cosine-weighted
    // sky: visibility 0.5..0.6 (16 directions add about 0.05 of sampling error), then the bounce fit.
    CHECK(nearOn / nearOff > multiBounce(0.45, 0.5));
    CHECK(nearOn / nearOff < multiBounce(0.65, 0.5));
    // 2.9 m from the box its top is 9.7 degrees up: under 1 % of the sky, and below the lowest of the
    // 16 directions (10 degrees), so none of them is blocked.
    CHECK(farOn == Approx(farOff).epsilon(0.015));
    requireCleanValidation(renderer);
}

TEST_CASE("with an occlusion distance only occluders that close darken a point") {
    Scene scene = boxOnFloor();
    Renderer renderer(validated());
    RenderSettings unlimited, shorter, longer;
    unlimited.skyVisibilityViews = shorter.skyVisibilityViews = longer.skyVisibilityViews = 16;
    // 8 cm from the box's side every blocked direction meets the box at least 8 cm away, and at
    // most 1.2 m away (the far top corner).
    shorter.skyOcclusionDistance = 0.05f;
    longer.skyOcclusionDistance = 2.0f;
    glm::dvec3 near(0.58, 0, 0);
    double off = floorValue(scene, renderer.render(scene), near);
    double any = floorValue(scene, renderer.render(scene, unlimited), near);
    double closer = floorValue(scene, renderer.render(scene, shorter), near);
    double within = floorValue(scene, renderer.render(scene, longer), near);
    INFO("off " << off << ", any distance " << any << ", 5 cm " << closer << ", 2 m " << within);
    REQUIRE(any / off < multiBounce(0.65, 0.5));
    CHECK(closer == Approx(off).epsilon(0.015));
    CHECK(within == Approx(any).epsilon(0.015));
    requireCleanValidation(renderer);
}

TEST_CASE("an occluder's distance is measured to the surface a point sees, not to its top") {
    // 8 cm from the side of a box 2 m tall, the side hides most of what it hides of the sky within
    // 0.3 m (a ray 75 degrees up meets it 0.31 m away), while the box's top is 2 m away in every
    // direction: measured to the top, nothing would be close enough to darken the point.
    RenderSettings unlimited, contact;
    unlimited.skyVisibilityViews = contact.skyVisibilityViews = 16;
    contact.skyOcclusionDistance = 0.3f;
    glm::dvec3 near(0.58, 0, 0);
    Scene upright = boxOnFloor(2.0);
    // From 30 m up (still 2 cm a pixel) the box's top edge hides no floor beyond x = 0.54 m.
    upright.camera = lookingDown(320, 240, 1500, 30.0);
    // The same box loaded as a plain mesh wound inside out, and mirrored by its transform: the
    // surface facing the point is found whichever way the rasterizer sees it wound.
    Scene inward = upright, mirrored = upright;
    auto insideOut = std::make_shared<Mesh>(*inward.objects[1].parts[0].mesh);
    for (size_t t = 0; t < insideOut->indices.size(); t += 3) std::swap(insideOut->indices[t + 1], insideOut->indices[t + 2]);
    inward.objects[1].parts[0].mesh = insideOut;
    inward.objects[1].primitive.reset();
    mirrored.objects[1].modelToWorld = glm::scale(mirrored.objects[1].modelToWorld, glm::dvec3(-1, 1, 1));
    Renderer renderer(validated());
    double off = floorValue(upright, renderer.render(upright), near);
    double any = floorValue(upright, renderer.render(upright, unlimited), near);
    REQUIRE(any / off < multiBounce(0.65, 0.5));
    for (const Scene* s : {&upright, &inward, &mirrored}) {
        double within = floorValue(*s, renderer.render(*s, contact), near);
        INFO("off " << off << ", any distance " << any << ", within 0.3 m " << within);
        // Darker than a point with half the sky, never darker than with every occluder counted.
        CHECK(within / off < multiBounce(0.65, 0.5));
        CHECK(within > any * 0.99);
    }
    requireCleanValidation(renderer);
}

TEST_CASE("ambient occlusion changes no label") {
    RenderSettings ao;
    ao.skyVisibilityViews = 16;
    checkChangesRgbOnly(boxOnFloor(), RenderSettings{}, ao);
}

namespace {

// The upper half of a sphere as a plain loaded mesh: open, curved, drawn from both sides.
Object openDome(const glm::dmat4& modelToWorld) {
    Object o = primitiveObject(sphere(1.5, 32), modelToWorld, matteGrey());
    auto dome = std::make_shared<Mesh>(*o.parts[0].mesh);
    std::vector<uint32_t> kept;
    for (size_t t = 0; t < dome->indices.size(); t += 3) {
        double z = 0.0;
        for (int k = 0; k < 3; ++k) z += dome->vertices[dome->indices[t + k]].position.z;
        if (z > 0.0) kept.insert(kept.end(), dome->indices.begin() + t, dome->indices.begin() + t + 3);
    }
    dome->indices = kept;
    o.parts[0].mesh = dome;
    o.primitive.reset();
    return o;
}

}  // namespace

TEST_CASE("ambient occlusion leaves a surface nothing hides from the sky unchanged") {
    // A lone plane, box or open dome, tilted about x: nothing hides any of the sky from any point
    // of theirs, so their sky visibility is 1 everywhere. A surface compared against its own depth in
    // the sky views (acne) would darken pixels. Computed at every pixel and at a quarter of the
    // resolution (RenderSettings::indirectDownsample, the `high` preset's).
    RenderSettings ao;
    ao.skyVisibilityViews = 8;
    ao.skyOcclusionDistance = 0.1f;
    ao.indirectDownsample = GENERATE(1, 4);
    Renderer renderer(validated());
    for (double degrees : {0.0, 20.0, 45.0, 70.0}) {
        glm::dmat4 tilt = glm::rotate(glm::dmat4(1.0), glm::radians(degrees), glm::dvec3(1, 0, 0));
        for (const Object& surface :
             {primitiveObject(plane(6, 6), tilt, matteGrey()), primitiveObject(box({3, 3, 0.5}), tilt, matteGrey()), openDome(tilt)}) {
            Scene s;
            s.camera = lookingDown(320, 240, 300, 6.0);
            s.environment.color = glm::vec3(1.0f);
            s.objects.push_back(surface);
            FrameBuffers off = renderer.render(s), on = renderer.render(s, ao);
            int pixels = 0, darkened = 0;
            double darkest = 1.0;
            for (int y = 0; y < 240; ++y)
                for (int x = 0; x < 320; ++x) {
                    if (off.instanceId.at(x, y) != 1) continue;
                    ++pixels;
                    double ratio = (srgbToLinear(on.rgb.at(x, y, 1)) + 0.04) / (srgbToLinear(off.rgb.at(x, y, 1)) + 0.04);
                    darkest = std::min(darkest, ratio);
                    if (ratio < 0.98) ++darkened;
                }
            INFO("indirect downsample " << ao.indirectDownsample << ", " << degrees << " degrees, " << surface.name
                                        << (surface.primitive ? "" : " (open mesh)") << ": " << darkened << " of " << pixels
                                        << " pixels darkened, darkest " << darkest);
            REQUIRE(pixels > 10000);
            CHECK(darkened == 0);
        }
    }
    requireCleanValidation(renderer);
}
