// End to end on a frame the Vulkan renderer draws: every case of the brief in one scene, written
// in all formats, and every export checked against the rendered instance-id image.
#include "SpecDecoders.h"
#include "core/AtomicFile.h"
#include "exporters/DatasetWriter.h"
#include "labels/Labels.h"
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <regex>
#include <sstream>

using namespace sg;

namespace {

const int W = 320, H = 240;

Object primitive(PrimitiveShape shape, glm::dvec3 at, int category) {
    Object o;
    o.name = primitiveKindName(shape.kind);
    o.parts.push_back({makePrimitiveMesh(shape), std::make_shared<Material>(), glm::dmat4(1.0)});
    o.modelToWorld = glm::translate(glm::dmat4(1.0), at);
    o.primitive = shape;
    o.category = category;
    return o;
}

PrimitiveShape sphere(double r, int segments = 64) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Sphere;
    s.radius = r;
    s.segments = segments;
    return s;
}

PrimitiveShape cube(double size) {
    PrimitiveShape s;
    s.kind = PrimitiveKind::Box;
    s.size = glm::dvec3(size);
    return s;
}

// Camera frame = world frame (worldToCamera = identity), f = 200: at z = 4, 1 m = 50 px.
double xAt(double u, double z) { return (u - 159.5) * z / 200.0; }
double yAt(double v, double z) { return (v - 119.5) * z / 200.0; }

struct RenderedCase {
    Scene scene;
    FrameBuffers buffers;
    FrameLabels labels;
    uint32_t left, right, top, bottom, torus, boxA, boxB, dot, hidden;
};

RenderedCase build() {
    RenderedCase c;
    Scene& s = c.scene;
    s.camera.intrinsics.width = W;
    s.camera.intrinsics.height = H;
    s.camera.intrinsics.fx = s.camera.intrinsics.fy = 200;
    s.camera.intrinsics.cx = 159.5;
    s.camera.intrinsics.cy = 119.5;
    Category ball, ring, block;
    ball.id = 1;
    ball.name = "ball";
    ring.id = 2;
    ring.name = "ring";
    block.id = 3;
    block.name = "block";
    s.categories = {ball, ring, block};
    auto add = [&](Object o) {
        s.objects.push_back(std::move(o));
        return uint32_t(s.objects.size());
    };
    c.left = add(primitive(sphere(0.3), {xAt(2, 4), 0, 4}, 0));
    c.right = add(primitive(sphere(0.3), {xAt(317, 4), 0, 4}, 0));
    c.top = add(primitive(sphere(0.3), {-1, yAt(2, 4), 4}, 0));
    c.bottom = add(primitive(sphere(0.3), {1, yAt(237, 4), 4}, 0));
    PrimitiveShape torus;
    torus.kind = PrimitiveKind::Torus;
    torus.radius = 0.4;
    torus.minorRadius = 0.1;
    c.torus = add(primitive(torus, {0, 0, 4}, 1));  // axis along the view: a ring with a hole
    c.boxA = add(primitive(cube(0.4), {-1.6, -1.0, 4}, 2));
    c.boxB = add(primitive(cube(0.4), {-1.2, -1.0, 4}, 2));                     // touches boxA at x = -1.4
    c.dot = add(primitive(sphere(0.01, 16), {xAt(100, 5), yAt(40, 5), 5}, 0));  // 0.4 px radius
    c.hidden = add(primitive(sphere(0.2), {1.5, -1.0, 6}, 0));
    add(primitive(cube(0.5), {0.75, -0.5, 3}, -1));  // unlabeled occluder on the line of sight to `hidden`
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 23; ++i) add(primitive(sphere(0.04, 12), {xAt(20 + 12 * i, 4), yAt(170 + 12 * j, 4), 4}, 0));
    Renderer renderer;
    RenderSettings settings;
    settings.amodalMasks = true;
    c.buffers = renderer.render(s, settings);
    c.labels = computeLabels(s, c.buffers);
    return c;
}

const InstanceLabel* find(const FrameLabels& f, uint32_t id) {
    for (const auto& l : f.instances)
        if (l.instanceId == id) return &l;
    return nullptr;
}

ImageU8 maskOf(const FrameBuffers& b, uint32_t id) {
    ImageU8 m(W, H, 1, 0);
    for (size_t p = 0; p < m.pixels.size(); ++p) m.pixels[p] = b.instanceId.pixels[p] == id;
    return m;
}

}  // namespace

TEST_CASE("Rendered frame: border cuts, hidden, one-pixel, touching, ring and 100+ objects in labels and every format") {
    RenderedCase c = build();
    const FrameLabels& L = c.labels;

    // Labels.
    CHECK(L.instances.size() == 4 + 1 + 2 + 1 + 115);
    CHECK(find(L, c.hidden) == nullptr);
    CHECK(find(L, c.left)->box.x0 == 0);
    CHECK(find(L, c.right)->box.x1 == W);
    CHECK(find(L, c.top)->box.y0 == 0);
    CHECK(find(L, c.bottom)->box.y1 == H);
    for (uint32_t id : {c.left, c.right, c.top, c.bottom}) {
        CHECK(find(L, id)->truncated);
        CHECK(find(L, id)->truncation > 0.2);
    }
    CHECK(find(L, c.dot)->visiblePixels == 1);
    CHECK(find(L, c.dot)->box == PixelBox{100, 40, 101, 41});
    const PixelBox& a = find(L, c.boxA)->box;
    const PixelBox& b = find(L, c.boxB)->box;
    // In perspective the nearer faces make the two boxes' images touch or overlap; still two labels.
    CHECK(b.x0 <= a.x1);
    CHECK(a.x0 < b.x0);
    CHECK(a.x1 < b.x1);
    ImageU8 ring = maskOf(c.buffers, c.torus);
    CHECK(ring.at(159, 119) == 0);  // the hole
    CHECK(ring.at(159 + 20, 119) == 1);

    // Every format.
    std::filesystem::path dir = std::filesystem::path(SYNTHGEN_BINARY_DIR) / "test-tmp/exporters/rendered";
    std::filesystem::remove_all(dir);
    DatasetInfo info;
    info.version = "test";
    info.scenarioHash = "rendered";
    info.totalFrames = 1;
    info.width = W;
    info.height = H;
    info.categories = c.scene.categories;
    info.camera = c.scene.camera.intrinsics;
    ExportOptions o;
    o.formats = {"coco", "yolo", "voc", "bop"};
    o.yoloTask = "segment";
    {
        DatasetWriter w(dir, info, o);
        w.writeFrame(0, c.scene, c.buffers, L);
        w.finish();
    }
    auto coco = nlohmann::json::parse(readTextFile(dir / "coco/annotations.json"));
    const auto& anns = coco["annotations"];
    REQUIRE(anns.size() == L.instances.size());
    std::istringstream yolo(readTextFile(dir / "labels/000000.txt"));
    std::string xml = readTextFile(dir / "voc/Annotations/000000.xml");
    std::regex vocBox("<xmin>(\\d+)</xmin><ymin>(\\d+)</ymin><xmax>(\\d+)</xmax><ymax>(\\d+)</ymax>");
    auto vocIt = std::sregex_iterator(xml.begin(), xml.end(), vocBox);
    auto gtInfo = nlohmann::json::parse(readTextFile(dir / "bop/train_pbr/000000/scene_gt_info.json"))["0"];
    for (size_t k = 0; k < anns.size(); ++k, ++vocIt) {
        const InstanceLabel& l = L.instances[k];
        ImageU8 truth = maskOf(c.buffers, l.instanceId);
        INFO("instance " << l.instanceId);
        // COCO RLE decodes to the rendered mask; bbox and area agree with it.
        ImageU8 rle = spec::maskFromCounts(spec::cocoCountsFromString(anns[k]["segmentation"]["counts"]), H, W);
        CHECK(rle.pixels == truth.pixels);
        auto bb = anns[k]["bbox"].get<std::vector<int>>();
        CHECK(bb == std::vector<int>{l.box.x0, l.box.y0, l.box.width(), l.box.height()});
        CHECK(anns[k]["area"] == l.visiblePixels);
        // YOLO segment polygon fills to the mask (the torus hole included).
        std::string line;
        REQUIRE(std::getline(yolo, line));
        std::istringstream ls(line);
        double cls, v;
        ls >> cls;
        std::vector<double> poly;
        for (int i = 0; ls >> v; ++i) poly.push_back(v * (i % 2 == 0 ? W : H));
        CHECK(spec::fillEvenOdd({poly}, W, H).pixels == truth.pixels);
        // VOC 1-based inclusive, BOP max - min.
        REQUIRE(vocIt != std::sregex_iterator());
        CHECK(std::stoi((*vocIt)[1]) == bb[0] + 1);
        CHECK(std::stoi((*vocIt)[3]) == bb[0] + bb[2]);
        CHECK(gtInfo[k]["bbox_visib"] == nlohmann::json{bb[0], bb[1], bb[2] - 1, bb[3] - 1});
        CHECK(gtInfo[k]["px_count_all"] == l.amodalPixels);
    }
}
