// Sky visibility and bounce light computed at a fraction of the resolution
// (RenderSettings::indirectDownsample) and interpolated between gathered points on the same
// surface, against the same light computed at every pixel (whose own tests hold it to geometry and
// the view-factor integral): the two agree wherever a pixel lies away from a silhouette, and the
// labels do not change. A crease between two faces of one object is no silhouette: the gathered
// points' normals keep its faces apart.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

// A white box 0.3 m tall standing on a red floor under a grey sky and a sun 50 degrees from the
// zenith, or a point light 16 m away, seen from 2 m at a slant: floor, two faces and the top, contact
// occlusion along the box's foot, the floor's red bounce on the box's faces.
Scene boxOnRedFloorAtASlant(LightType lightType = LightType::Directional) {
    Scene s;
    s.camera = headOnCamera(240, 180, 400, 2.0);
    s.camera.worldToCamera = glm::inverse(lookAtCameraToWorld({-1.4, -1.0, 1.1}, {0, 0, 0.12}, {0, 0, 1}));
    s.environment.color = glm::vec3(0.3f);
    Light light;
    const double tilt = 50.0 * 3.14159265358979 / 180.0;
    light.direction = glm::dvec3(std::sin(tilt), 0.3, -std::cos(tilt));  // a sun towards +X: it lights the -X side the camera sees
    light.intensity = 2.0f;
    if (lightType == LightType::Point) {  // on the +X side: the camera sees the faces turned away from it
        light.type = LightType::Point;
        // Far enough that its 20 taps, like the sun's, cross the outlines of the box and its shadow in
        // the map slowly as the point moves: a lamp within a metre or two draws faint streaks there in
        // the gather at every pixel (up to 15/255 here at (1, 0.3, 1.2); 6 at 64 taps), which would
        // be measured instead of the interpolation.
        light.position = glm::dvec3(10.0, 3.0, 12.0);
        light.intensity = 500.0f;  // 2 W/m^2 at the box's top
    }
    s.lights.push_back(light);
    auto red = greyMaterial(1.0, 1.0, 0.0);
    red->baseColor = glm::vec4(0.9f, 0.1f, 0.1f, 1.0f);
    s.objects.push_back(primitiveObject(plane(6, 6), glm::dmat4(1.0), red));
    s.objects.push_back(
        primitiveObject(box(glm::dvec3(0.3)), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 0.15)), greyMaterial(0.8, 1.0, 0.0)));
    return s;
}

RenderSettings indirectLight(int downsample) {
    RenderSettings s;
    s.skyVisibilityViews = 8;
    s.skyOcclusionDistance = 0.1f;
    s.bounceSamples = 20;
    s.indirectDownsample = downsample;
    return s;
}

// Whether every pixel within `radius` of (x, y) shows the same object.
bool awayFromSilhouettes(const ImageU32& ids, int x, int y, int radius) {
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            int u = std::clamp(x + dx, 0, ids.width - 1), v = std::clamp(y + dy, 0, ids.height - 1);
            if (ids.at(u, v) != ids.at(x, y)) return false;
        }
    return true;
}

}  // namespace

TEST_CASE("indirect light at a quarter of the resolution matches every pixel's own away from silhouettes") {
    // Under a sun (bounce light from its view) and a point light (from the cube atlas around it).
    const LightType lightType = GENERATE(LightType::Directional, LightType::Point);
    Scene scene = boxOnRedFloorAtASlant(lightType);
    Renderer renderer(validated());
    FrameBuffers perPixel = renderer.render(scene, indirectLight(1));
    FrameBuffers quarter = renderer.render(scene, indirectLight(4));
    requireCleanValidation(renderer);
    int inside = 0, boxPixels = 0, worst = 0;
    double sum = 0;
    for (int y = 0; y < perPixel.rgb.height; ++y)
        for (int x = 0; x < perPixel.rgb.width; ++x) {
            if (perPixel.instanceId.at(x, y) == 2u) ++boxPixels;
            // A gathered pixel's width from any other object: within it the nearest gathered points
            // on the pixel's own surface lie on one side only, and interpolation becomes extrapolation.
            if (!awayFromSilhouettes(perPixel.instanceId, x, y, 4)) continue;
            ++inside;
            for (int c = 0; c < 3; ++c) {
                int d = std::abs(int(perPixel.rgb.at(x, y, c)) - int(quarter.rgb.at(x, y, c)));
                worst = std::max(worst, d);
                sum += d;
            }
        }
    INFO((lightType == LightType::Point ? "point light" : "sun")
         << ": pixels away from silhouettes " << inside << ", box pixels " << boxPixels << ", largest difference " << worst
         << ", mean " << sum / (3.0 * inside));
    REQUIRE(boxPixels > 4000);
    REQUIRE(inside > 35000);
    // 7 here, at the foot of the faces, where the red floor's bounce rises steeply towards the
    // contact; 12 if the gathered points' normals are ignored (the crease between the two faces).
    CHECK(worst <= 9);
    CHECK(sum / (3.0 * inside) < 0.1);
}

TEST_CASE("indirect light at a fraction of the resolution changes no label") {
    checkChangesRgbOnly(boxOnRedFloorAtASlant(), indirectLight(1), indirectLight(4));
}
