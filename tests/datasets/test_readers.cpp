// The readers on hand-written real datasets: every feature read as the format specs define it
// (docs/formats.md), checked against the hand-written values and analytic masks.
#include "RealFixtures.h"
#include "core/InputError.h"
#include "datasets/DatasetReaders.h"
#include "datasets/Masks.h"
#include "datasets/SimpleYaml.h"

#include <catch2/catch.hpp>

using namespace fixtures;

namespace {

const sg::DatasetImage& imageNamed(const sg::Dataset& ds, const std::string& suffix) {
    for (const auto& im : ds.images)
        if (im.fileName.size() >= suffix.size() && im.fileName.compare(im.fileName.size() - suffix.size(), suffix.size(), suffix) == 0)
            return im;
    throw std::runtime_error("no image " + suffix);
}

}  // namespace

TEST_CASE("COCO reader: images found in COCO's own layout, sizes from the JPEG headers, sparse and 0-based ids", "[datasets][coco]") {
    sg::Dataset ds = sg::readDataset(writeCoco("coco-read").parent_path().parent_path());
    REQUIRE(ds.issues.empty());
    REQUIRE(ds.images.size() == 3);
    CHECK(ds.format == sg::DatasetFormat::Coco);
    CHECK_FALSE(ds.synthetic);
    CHECK(imageNamed(ds, "c.jpg").width == 768);
    CHECK(imageNamed(ds, "a.jpg").split == "val");
    REQUIRE(ds.categories.size() == 5);
    CHECK(ds.findCategory("scratch")->sourceId == 0);
    CHECK(ds.findCategory("placeholder") != nullptr);  // unused, still a category
    CHECK(ds.findCategory("person")->keypoints == std::vector<std::string>{"nose", "left_eye", "right_eye"});
    CHECK(ds.findCategory("person")->skeleton == std::vector<std::pair<int, int>>{{1, 2}, {1, 3}});
    CHECK(ds.extra["info"]["description"] == "hand-written test set");
}

TEST_CASE(
    "COCO reader: polygons, a compressed RLE ring with its hole, a crowd as uncompressed RLE, keypoints, attributes, extra fields, a "
    "64-bit id",
    "[datasets][coco]") {
    sg::Dataset ds = sg::readCocoDataset(writeCoco("coco-features"));
    const auto& a = imageNamed(ds, "a.jpg").annotations;
    REQUIRE(a.size() == 2);
    CHECK(uint64_t(a[0].sourceId) == kBigId);
    CHECK(a[0].category == "scratch");
    CHECK(a[0].box->x == 10);
    CHECK(a[0].box->h == 40);
    CHECK(a[0].segmentation.kind == sg::Segmentation::Kind::Polygons);
    CHECK(a[0].attributes["severity"] == 2);
    CHECK(a[0].extra["reviewer"] == "anna");
    CHECK(*a[0].area == 1200);
    // The ring, decoded, is exactly the analytic ring: the hole is empty.
    REQUIRE(a[1].segmentation.kind == sg::Segmentation::Kind::Rle);
    CHECK(a[1].segmentation.compressed);
    sg::ImageU8 ring = sg::decodeSegmentation(a[1].segmentation, 400, 400);
    REQUIRE(ring.width == 400);
    size_t wrong = 0;
    for (int y = 0; y < 400; ++y)
        for (int x = 0; x < 400; ++x) wrong += (ring.at(x, y) != 0) != inRing(x, y);
    CHECK(wrong == 0);
    CHECK(ring.at(200, 200) == 0);
    const auto& b = imageNamed(ds, "b.jpg").annotations;
    REQUIRE(b.size() == 2);
    CHECK(b[0].keypoints == std::vector<double>{100.5, 100.5, 2, 110, 95, 1, 0, 0, 0});
    CHECK(b[0].segmentation.polygons.size() == 2);
    CHECK(b[1].iscrowd);
    CHECK_FALSE(b[1].segmentation.compressed);
    sg::ImageU8 crowd = sg::decodeSegmentation(b[1].segmentation, 400, 400);
    CHECK(crowd.at(0, 0) == 1);
    CHECK(crowd.at(2, 1) == 1);
    CHECK(crowd.at(3, 0) == 0);
    CHECK(crowd.at(0, 2) == 0);
}

TEST_CASE("Polygon fill samples pixel centers, even-odd: a bridged hole stays empty", "[datasets][masks]") {
    // Outer square 2..8, hole 4..6, joined by a zero-width bridge.
    std::vector<std::vector<double>> ring{{2, 2, 8, 2, 8, 8, 2, 8, 2, 2, 4, 4, 4, 6, 6, 6, 6, 4, 4, 4}};
    sg::ImageU8 m = sg::rasterizePolygons(ring, 10, 10);
    int count = 0;
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 10; ++x) count += m.at(x, y);
    CHECK(count == 36 - 4);
    CHECK(m.at(4, 4) == 0);
    CHECK(m.at(2, 2) == 1);
    CHECK(m.at(8, 8) == 0);
}

TEST_CASE("YOLO reader: a data.yaml path one folder too high, names as a map, segment rows normalized on pixel edges",
          "[datasets][yolo]") {
    sg::Dataset ds = sg::readDataset(writeYoloSegment("yolo-read"));
    REQUIRE(ds.issues.empty());
    CHECK(ds.yoloTask == "segment");
    REQUIRE(ds.notes.size() == 1);
    CHECK(ds.notes[0].find("../datasets/realyolo") != std::string::npos);
    REQUIRE(ds.images.size() == 2);
    const auto& a = imageNamed(ds, "a.jpg");
    CHECK(a.split == "train");
    CHECK(a.width == 400);
    REQUIRE(a.annotations.size() == 2);
    CHECK(a.annotations[0].category == "scratch");
    CHECK(a.annotations[0].box->x == Approx(40));
    CHECK(a.annotations[0].box->w == Approx(40));
    sg::ImageU8 ring = sg::decodeSegmentation(a.annotations[1].segmentation, 400, 400);
    CHECK(ring.at(170, 170) == 1);
    CHECK(ring.at(200, 200) == 0);  // the hole
    CHECK(ring.at(150, 150) == 0);
    CHECK(ring.at(239, 239) == 1);
    CHECK(ring.at(240, 240) == 0);
    CHECK(imageNamed(ds, "b.jpg").split == "val");
}

TEST_CASE("YOLO reader: pose rows with kpt_shape and flip_idx; 'val: train.txt' read once", "[datasets][yolo]") {
    sg::Dataset ds = sg::readDataset(writeYoloPose("yolo-pose"));
    REQUIRE(ds.issues.empty());
    CHECK(ds.yoloTask == "pose");
    REQUIRE(ds.images.size() == 1);
    const auto& a = ds.images[0].annotations.at(0);
    // 800x446 photo: keypoint (0.45, 0.4) -> (360, 178.4)
    CHECK(a.keypoints[0] == Approx(360));
    CHECK(a.keypoints[1] == Approx(178.4));
    CHECK(a.keypoints[2] == 2);
    CHECK(a.keypoints[8] == 0);
    CHECK(a.box->w == Approx(160));
    CHECK(ds.categories[0].flipIndex == std::vector<int>{0, 2, 1});
}

TEST_CASE("VOC reader: 1-based inclusive boxes to pixel edges, pose/truncated/difficult as attributes, parts kept",
          "[datasets][voc]") {
    sg::Dataset ds = sg::readDataset(writeVoc("voc-read"));
    REQUIRE(ds.issues.empty());
    REQUIRE(ds.images.size() == 2);
    const auto& a = imageNamed(ds, "a.jpg");
    CHECK(a.split == "train");
    REQUIRE(a.annotations.size() == 2);
    CHECK(a.annotations[0].box->x == 10);
    CHECK(a.annotations[0].box->y == 20);
    CHECK(a.annotations[0].box->w == 30);
    CHECK(a.annotations[0].box->h == 40);
    CHECK(a.annotations[0].attributes["pose"] == "Frontal");
    CHECK(a.annotations[0].attributes["truncated"] == 1);
    CHECK(a.annotations[1].extra["part"].size() == 2);
    CHECK(a.annotations[1].extra["part"][1]["name"] == "hand");
    CHECK(a.extra["source"]["database"] == "hand & written");
    CHECK(imageNamed(ds, "b.jpg").annotations[0].box->h == Approx(10.5));
}

TEST_CASE("Simple YAML: the Ultralytics subset, and a clear error outside it", "[datasets][yaml]") {
    sg::Json y = sg::parseSimpleYaml(
        "names: ['a', \"b c\", d]\nnc: 3\nkpt_shape: [17, 3]\nflow: {0: x, 1: y}\nlist:\n  - one\n  - 2\n", "t.yaml");
    CHECK(y["names"] == sg::Json({"a", "b c", "d"}));
    CHECK(y["nc"] == 3);
    CHECK(y["flow"]["1"] == "y");
    CHECK(y["list"][1] == 2);
    try {
        sg::parseSimpleYaml("names:\n  0:\n    deeper: 1\n", "t.yaml");
        FAIL("no error");
    } catch (const sg::InputError& e) {
        CHECK(std::string(e.what()).find("t.yaml: line 2") != std::string::npos);
    }
}

TEST_CASE("Readers: a source that cannot be read names file, place and fix", "[datasets][errors]") {
    fs::path coco = writeCoco("coco-broken-json");
    write(coco, "{\"images\": [\n  {\"id\": 1,}\n]}");
    try {
        sg::readDataset(coco);
        FAIL("no error");
    } catch (const sg::InputError& e) {
        CHECK(std::string(e.what()).find("instances_val.json: malformed JSON at line 2") != std::string::npos);
    }
    fs::path voc = writeVoc("voc-broken-xml");
    write(voc / "Annotations" / "a.xml", "<annotation>\n<filename>a.jpg</filename>\n<size></sise>\n</annotation>");
    try {
        sg::readDataset(voc);
        FAIL("no error");
    } catch (const sg::InputError& e) {
        CHECK(std::string(e.what()).find("a.xml: line 3: not well-formed XML: </sise> closes <size>") != std::string::npos);
    }
    fs::path yaml = writeYoloSegment("yolo-broken-path");
    write(yaml, "train: images/nowhere\nnames: [a]\n");
    try {
        sg::readDataset(yaml);
        FAIL("no error");
    } catch (const sg::InputError& e) {
        CHECK(std::string(e.what()).find("data.yaml: /train: 'images/nowhere' not found") != std::string::npos);
        CHECK(e.fix.find("relative paths") != std::string::npos);
    }
}
