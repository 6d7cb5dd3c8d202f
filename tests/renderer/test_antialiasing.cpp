// Anti-aliased RGB (RenderSettings::colorSamples): the colour is multisampled and resolved, every
// label stays the one sample at the pixel center. Evidence: the labels of the same scene rendered
// without anti-aliasing, and the exact area of each pixel square covered by a projected square
// (computed here on a fine sub-pixel grid, independently of the rasterizer).
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

constexpr double kDistance = 1.0;  // camera height above the square
constexpr double kF = 400.0;       // focal length in pixels

// The camera above the origin looking straight down (RenderTestUtil.h headOnCamera), a black
// flat environment, no lights.
Scene blackHeadOnScene() {
    Scene s;
    s.camera = headOnCamera(160, 120, kF, kDistance);
    s.environment.color = glm::vec3(0.0f);
    return s;
}

constexpr double kSide = 0.15;           // 60 px across
constexpr double kAngle = 0.3490658504;  // 20 degrees: no edge is axis-aligned

// A white (saturating emissive, black base) square turned by kAngle about the view axis, on black.
Scene whiteSquareOnBlack() {
    Scene s = blackHeadOnScene();
    auto white = std::make_shared<Material>();
    white->baseColor = glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
    white->emissive = glm::vec3(1000.0f);  // tone-mapped to 1.0: byte 255
    glm::dmat4 turned = glm::rotate(glm::dmat4(1.0), kAngle, glm::dvec3(0, 0, 1));
    s.objects.push_back(primitiveObject(plane(kSide, kSide), turned, white));
    return s;
}

// The square's outline in pixel coordinates (pixel centers at integers), from K alone.
Polygon projectedSquare(const Intrinsics& K) {
    std::vector<glm::dvec2> corners;
    for (int i = 0; i < 4; ++i) {
        double a = kAngle + i * 1.5707963267948966 + 0.7853981633974483;
        double r = kSide / std::sqrt(2.0);
        glm::dvec2 world(r * std::cos(a), r * std::sin(a));
        // camera x = world X, camera y = -world Y, depth kDistance
        corners.push_back({K.fx * world.x / kDistance + K.cx, K.fy * -world.y / kDistance + K.cy});
    }
    return convexHull(corners);
}

// Fraction of pixel (x, y)'s square [x-0.5, x+0.5] x [y-0.5, y+0.5] inside the polygon, on a 32x32 grid.
double coveredFraction(const Polygon& p, int x, int y) {
    constexpr int n = 32;
    int inside = 0;
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            if (insideDistance(p, {x - 0.5 + (i + 0.5) / n, y - 0.5 + (j + 0.5) / n}) > 0) ++inside;
    return double(inside) / (n * n);
}

struct EdgeError {
    double meanAbsError = 0;
    int edgePixels = 0;
};

// Mean |linear intensity - covered fraction| over pixels the edge crosses (coverage strictly
// between 0 and 1). White is linear 1 and black 0, so a correct box filter gives the coverage.
EdgeError edgeError(const ImageU8& rgb, const Polygon& square) {
    EdgeError e;
    for (int y = 0; y < rgb.height; ++y)
        for (int x = 0; x < rgb.width; ++x) {
            double c = coveredFraction(square, x, y);
            if (c <= 0.0 || c >= 1.0) continue;
            e.meanAbsError += std::abs(srgbToLinear(rgb.at(x, y, 0)) - c);
            ++e.edgePixels;
        }
    if (e.edgePixels) e.meanAbsError /= e.edgePixels;
    return e;
}

RenderSettings antialiased() {
    RenderSettings s;
    s.colorSamples = 8;  // the device's largest supported count up to 8 (4 on lavapipe)
    return s;
}

template <class T>
bool sameBytes(const Image<T>& a, const Image<T>& b) {
    // Vector equality, not memcmp: an empty image (no defects) has no data pointer to pass.
    return a.width == b.width && a.height == b.height && a.channels == b.channels && a.pixels == b.pixels;
}

// A lit scene with shadows, a sphere (curved edges), a box and a floor.
Scene litObjects() {
    Scene s = blackHeadOnScene();
    s.environment.color = glm::vec3(0.3f);
    Light sun;
    sun.direction = {0.3, 0.2, -1.0};
    s.lights.push_back(sun);
    s.objects.push_back(primitiveObject(plane(0.5, 0.4), glm::dmat4(1.0)));
    s.objects.push_back(primitiveObject(sphere(0.04, 24), glm::translate(glm::dmat4(1.0), glm::dvec3(-0.05, 0.02, 0.04))));
    glm::dmat4 boxPose = glm::rotate(glm::translate(glm::dmat4(1.0), glm::dvec3(0.06, -0.03, 0.03)), 0.5, glm::dvec3(0, 0, 1));
    s.objects.push_back(primitiveObject(box({0.05, 0.03, 0.06}), boxPose));
    return s;
}

// A plate with a scratch defect: instance ids carry the defect slot in their high bits.
Scene scratchedPlate() {
    Scene s = litObjects();
    Defect d;
    d.family = DefectFamily::Scratch;
    d.length = 0.1;
    d.width = 0.004;
    d.depth = 0.0002;
    d.color = {0.9f, 0.9f, 0.9f};
    s.objects[0].defects.push_back(d);
    return s;
}

}  // namespace

TEST_CASE("anti-aliasing leaves instance ids, defect ids, depth and normals identical byte for byte") {
    const bool copies = GENERATE(false, true);  // host-mapped targets and the copy path GPUs take
    RendererOptions options = validated();
    options.readbackCopies = copies;
    Renderer renderer(options);
    for (const Scene& scene : {whiteSquareOnBlack(), litObjects(), scratchedPlate()}) {
        FrameBuffers plain = renderer.render(scene);
        FrameBuffers smooth = renderer.render(scene, antialiased());
        REQUIRE(plain.instanceId.pixels.size() == size_t(scene.camera.intrinsics.width) * scene.camera.intrinsics.height);
        CHECK(sameBytes(plain.instanceId, smooth.instanceId));
        CHECK(sameBytes(plain.defectId, smooth.defectId));
        CHECK(sameBytes(plain.depth, smooth.depth));
        CHECK(sameBytes(plain.normals, smooth.normals));
        CHECK_FALSE(sameBytes(plain.rgb, smooth.rgb));  // the colour did change
    }
    requireCleanValidation(renderer);
}

TEST_CASE("the anti-aliased edge of a white square on black has each pixel's covered fraction as its linear intensity") {
    const bool copies = GENERATE(false, true);
    RendererOptions options = validated();
    options.readbackCopies = copies;
    Renderer renderer(options);
    Scene scene = whiteSquareOnBlack();
    const Polygon square = projectedSquare(scene.camera.intrinsics);
    EdgeError aliased = edgeError(renderer.render(scene).rgb, square);
    EdgeError smooth = edgeError(renderer.render(scene, antialiased()).rgb, square);
    INFO("edge pixels " << smooth.edgePixels << ", mean abs error without AA " << aliased.meanAbsError << ", with AA "
                        << smooth.meanAbsError);
    REQUIRE(smooth.edgePixels > 200);  // four edges of 60 px
    // One sample is all or nothing (mean error about 1/4); four samples per pixel quantize the
    // covered fraction to quarters (mean error about 1/16 to 1/12 with the standard positions).
    // The resolve averages linear values: averaging the sRGB bytes instead would miss by about 0.15.
    CHECK(aliased.meanAbsError > 0.15);
    CHECK(smooth.meanAbsError < 0.1);
    CHECK(smooth.meanAbsError < 0.5 * aliased.meanAbsError);
    requireCleanValidation(renderer);
}

TEST_CASE("anti-aliasing changes no pixel whose square lies wholly inside or wholly outside the white square") {
    Renderer renderer(validated());
    Scene scene = whiteSquareOnBlack();
    const Polygon square = projectedSquare(scene.camera.intrinsics);
    FrameBuffers plain = renderer.render(scene);
    FrameBuffers smooth = renderer.render(scene, antialiased());
    long inside = 0, outside = 0, changed = 0;
    for (int y = 0; y < plain.rgb.height; ++y)
        for (int x = 0; x < plain.rgb.width; ++x) {
            double c = coveredFraction(square, x, y);
            if (c > 0.0 && c < 1.0) continue;
            (c == 1.0 ? inside : outside)++;
            for (int k = 0; k < 3; ++k) changed += plain.rgb.at(x, y, k) != smooth.rgb.at(x, y, k);
        }
    REQUIRE(inside > 2500);  // about 60 x 60 px
    REQUIRE(outside > 10000);
    CHECK(changed == 0);
    CHECK(plain.rgb.at(80, 60, 0) == 255);  // the center is white, the corner black, in both
    CHECK(smooth.rgb.at(80, 60, 0) == 255);
    CHECK(smooth.rgb.at(0, 0, 0) == 0);
    requireCleanValidation(renderer);
}

TEST_CASE("switching anti-aliasing on, off and on again gives the same bytes each time") {
    Renderer renderer(validated());
    Scene scene = litObjects();
    FrameBuffers first = renderer.render(scene, antialiased());
    FrameBuffers plain = renderer.render(scene);
    FrameBuffers again = renderer.render(scene, antialiased());
    CHECK(sameBytes(first.rgb, again.rgb));
    CHECK_FALSE(sameBytes(first.rgb, plain.rgb));
    requireCleanValidation(renderer);
}
