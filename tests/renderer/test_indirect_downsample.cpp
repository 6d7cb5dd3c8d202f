// Sky visibility and bounce light computed at a fraction of the resolution
// (RenderSettings::indirectDownsample) and interpolated between gathered points on the same
// surface, against the same light computed at every pixel (whose own tests hold it to geometry and
// the view-factor integral): the two agree wherever a pixel lies away from a silhouette, and the
// labels do not change. A crease between two faces of one object is no silhouette: the gathered
// points' normals keep its faces apart. The gathered light is smoothed over each surface before it is
// interpolated: one sky view's hard edge becomes a ramp about two gathered pixels wide each way.
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

// A 1 x 1 x 0.5 m box centred at y = 0.04 m on a rough metal floor under a uniform sky, no lights,
// seen from 6 m straight down (1 px = 2 cm, image row = 119.5 - 50 y). With one sky view its direction
// is (0, 1, 1) / sqrt(2) (Shadows.cpp addSkyViews: the spiral's first point), so the box hides the sky
// from the floor over y in [-0.96, -0.46] m: visibility 0 there, 1 beyond, the edge at image row 167.5,
// half way between the rows 165.5 and 169.5 that quarter-resolution pixels centre on. A metal's
// ambient light is specular only, which the visibility scales linearly.
Scene boxUnderOneSkyView() {
    Scene s;
    s.camera = lookingDown(320, 240, 300, 6.0);
    s.environment.color = glm::vec3(1.0f);
    s.objects.push_back(primitiveObject(plane(8, 8), glm::dmat4(1.0), greyMaterial(0.5, 1.0, 1.0)));
    s.objects.push_back(primitiveObject(box({1, 1, 0.5}), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0.04, 0.25)), matteGrey()));
    return s;
}

// Radiance before tone mapping from an sRGB byte: Khronos PBR Neutral subtracts 0.04 from
// x >= 0.08 and x - 6.25 x^2 from smaller x (no compression below 0.76).
double radiance(uint8_t v) {
    const double shown = srgbToLinear(v);
    return shown < 0.04 ? 0.4 * std::sqrt(shown) : shown + 0.04;
}

// Across a step in the floor's light down image column 160 (world x = 0), rows `first`..`last`: how
// many pixels lie strictly between 10 % and 90 % of the way from the radiance at `first` to that at
// `last`, and where the radiance crosses half way (linear interpolation between pixel rows).
struct Ramp {
    int width = 0;
    double middle = -1.0;
};
Ramp rampDownColumn(const ImageU8& rgb, int first, int last) {
    auto share = [&](int y) {
        const double low = radiance(rgb.at(160, first, 1)), high = radiance(rgb.at(160, last, 1));
        return (radiance(rgb.at(160, y, 1)) - low) / (high - low);
    };
    Ramp r;
    for (int y = first; y < last; ++y) {
        if (share(y) > 0.1 && share(y) < 0.9) ++r.width;
        if (r.middle < 0 && share(y) < 0.5 && share(y + 1) >= 0.5) r.middle = y + (0.5 - share(y)) / (share(y + 1) - share(y));
    }
    return r;
}

RenderSettings oneSkyView(int downsample) {
    RenderSettings s;
    s.skyVisibilityViews = 1;
    s.indirectDownsample = downsample;
    return s;
}

// The scene rendered with `settings(1)` (indirect light at every pixel) and `settings(4)`.
std::pair<FrameBuffers, FrameBuffers> perPixelAndQuarter(const Scene& scene, RenderSettings (*settings)(int)) {
    Renderer renderer(validated());
    FrameBuffers perPixel = renderer.render(scene, settings(1));
    FrameBuffers quarter = renderer.render(scene, settings(4));
    requireCleanValidation(renderer);
    return {std::move(perPixel), std::move(quarter)};
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

TEST_CASE("sky visibility at a quarter of the resolution turns one view's hard edge into a ramp centred on it") {
    auto [perPixel, quarter] = perPixelAndQuarter(boxUnderOneSkyView(), oneSkyView);
    // From 0.14 m beside the box (row 150) to 0.44 m beyond the edge (row 190): floor all the way.
    for (int y = 150; y <= 190; ++y) REQUIRE(perPixel.instanceId.at(160, y) == 1u);
    Ramp hard = rampDownColumn(perPixel.rgb, 150, 190), smooth = rampDownColumn(quarter.rgb, 150, 190);
    INFO("per pixel: width " << hard.width << ", middle " << hard.middle << "; quarter: width " << smooth.width << ", middle "
                             << smooth.middle);
    // Every pixel's own light: a step from one row to the next at the analytic edge.
    CHECK(hard.width <= 1);
    CHECK(hard.middle == Approx(167.5).margin(0.5));
    // Gathered at rows 161.5, 165.5, 169.5, 173.5 (visibility 0, 0, 1, 1), smoothed by a tent over 3 x 3
    // gathered pixels (1/4, 1/2, 1/4 each way: 0, 1/4, 3/4, 1) and interpolated bilinearly: a ramp from
    // row 161.5 to 173.5, 10 % at 163.1 and 90 % at 171.9 (rows 164..171 between: 8), half way at
    // 167.5. Interpolation alone would give 165.5 to 169.5: 4 rows.
    CHECK(smooth.width >= 7);
    CHECK(smooth.width <= 9);
    CHECK(smooth.middle == Approx(167.5).margin(0.5));
}

TEST_CASE("smoothing the gathered light carries none of it across an object's outline") {
    // The box's top sees the whole sky, the floor beside its -Y edge none: image column 160 crosses
    // from one to the other at row 144.5 (the top, 0.5 m nearer, projects larger).
    auto [perPixel, quarter] = perPixelAndQuarter(boxUnderOneSkyView(), oneSkyView);
    int top = 0, floor = 0;
    for (int y = 128; y <= 160; ++y) {
        const uint32_t id = perPixel.instanceId.at(160, y);
        top += id == 2u;
        floor += id == 1u;
        INFO("row " << y << ", object " << id);
        CHECK(std::abs(int(quarter.rgb.at(160, y, 1)) - int(perPixel.rgb.at(160, y, 1))) <= 1);
    }
    CHECK(top >= 10);
    CHECK(floor >= 10);
    CHECK(int(perPixel.rgb.at(160, 130, 1)) - int(perPixel.rgb.at(160, 158, 1)) > 100);  // lit top, dark floor
}
