// Image-level tags on frames the Vulkan renderer draws (lavapipe on CPU-only machines): scenes
// whose content is known by construction, written through DatasetWriter, read back from COCO.
#include "core/AtomicFile.h"
#include "exporters/DatasetWriter.h"
#include "labels/Labels.h"
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

using namespace sg;

namespace {

Object placed(PrimitiveKind kind, double size, glm::dvec3 at, int category) {
    PrimitiveShape shape;
    shape.kind = kind;
    shape.size = glm::dvec3(size);
    shape.radius = size / 2;
    shape.segments = 24;
    Object o;
    o.name = primitiveKindName(kind);
    o.parts.push_back({makePrimitiveMesh(shape), std::make_shared<Material>(), glm::dmat4(1.0)});
    o.modelToWorld = glm::translate(glm::dmat4(1.0), at);
    o.primitive = shape;
    o.category = category;
    return o;
}

// A ball in plain view; a block either beside it or hidden behind an unlabeled wall; a ring far
// outside the field of view.
Scene knownScene(bool blockVisible) {
    Scene s;
    s.camera.intrinsics.width = 160;
    s.camera.intrinsics.height = 120;
    s.camera.intrinsics.fx = s.camera.intrinsics.fy = 100;
    s.camera.intrinsics.cx = 79.5;
    s.camera.intrinsics.cy = 59.5;
    s.categories = {Category{1, "ball"}, Category{2, "part/block"}, Category{3, "ring"}};
    s.objects.push_back(placed(PrimitiveKind::Sphere, 0.6, {-0.6, 0, 4}, 0));
    s.objects.push_back(placed(PrimitiveKind::Box, 0.5, {0.8, 0, 4}, 1));
    if (!blockVisible) s.objects.push_back(placed(PrimitiveKind::Box, 1.2, {0.8, 0, 3}, -1));
    s.objects.push_back(placed(PrimitiveKind::Sphere, 0.5, {30, 0, 4}, 2));
    return s;
}

}  // namespace

TEST_CASE("Rendered scenes: the image tags are the categories in view and the sampled variant, nothing hidden or outside") {
    auto dir = std::filesystem::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "exporters" / "rendered-tags";
    std::filesystem::remove_all(dir);
    Renderer renderer;
    DatasetInfo info;
    info.version = "test";
    info.totalFrames = 2;
    info.width = 160;
    info.height = 120;
    info.categories = knownScene(true).categories;
    ExportOptions o;
    o.formats = {"coco"};
    {
        DatasetWriter w(dir, info, o);
        for (int frame = 0; frame < 2; ++frame) {
            Scene s = knownScene(frame == 0);
            FrameBuffers b = renderer.render(s);
            w.writeFrame(frame, s, b, computeLabels(s, b), {{"variant", frame == 0 ? "base" : "glare"}});
        }
        w.finish();
    }
    auto coco = nlohmann::json::parse(readTextFile(dir / "coco/annotations.json"));
    REQUIRE(coco.at("images").size() == 2);
    CHECK(coco.at("images")[0].at("tags") == nlohmann::json{"ball", "part/block"});
    CHECK(coco.at("images")[1].at("tags") == nlohmann::json{"ball", "variant/glare"});
    for (const auto& im : coco.at("images")) CHECK(im.at("class") == "good");
    CHECK(renderer.validationMessages().empty());
}
