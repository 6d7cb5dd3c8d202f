// Loss-free round trips: COCO -> COCO, YOLO -> YOLO, VOC -> VOC through `mix` with one source.
// Everything but ids must come back: boxes, masks decoded pixel for pixel, keypoints,
// attributes and extra fields.
#include "RealFixtures.h"
#include "datasets/Masks.h"
#include "datasets/Mix.h"

#include <catch2/catch.hpp>

using namespace fixtures;

namespace {

sg::Dataset roundTrip(const fs::path& source, const std::string& format, const std::string& name) {
    sg::MixOptions o;
    o.sources = {source.string()};
    o.out = kRoot / name;
    fs::remove_all(o.out);
    o.formats = {format};
    o.valFraction = 0;
    o.files = sg::FileMode::Copy;
    sg::mixDatasets(o);
    fs::path written = format == "coco" ? o.out : format == "yolo" ? o.out / "data.yaml" : o.out / "voc";
    return sg::readDataset(written);
}

const sg::DatasetImage& original(const sg::Dataset& in, const sg::DatasetImage& out) {
    for (const auto& im : in.images)
        if (fs::path(im.fileName).filename() == fs::path(out.fileName).filename()) return im;
    throw std::runtime_error("no source image for " + out.fileName);
}

size_t differentPixels(const sg::ImageU8& a, const sg::ImageU8& b) {
    if (a.width != b.width || a.height != b.height) return SIZE_MAX;
    size_t n = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) n += a.pixels[i] != b.pixels[i];
    return n;
}

// Same labels, ids aside; `tolerance` for coordinates that pass through normalized text (YOLO).
void requireSameLabels(const sg::Dataset& in, const sg::Dataset& out, double tolerance) {
    REQUIRE(out.images.size() == in.images.size());
    REQUIRE(out.annotationCount() == in.annotationCount());
    for (const auto& o : out.images) {
        const sg::DatasetImage& i = original(in, o);
        CHECK(o.width == i.width);
        CHECK(o.height == i.height);
        REQUIRE(o.annotations.size() == i.annotations.size());
        for (size_t k = 0; k < o.annotations.size(); ++k) {
            const auto& a = i.annotations[k];
            const auto& b = o.annotations[k];
            CHECK(b.category == a.category);
            REQUIRE(bool(b.box) == bool(a.box));
            CHECK(b.box->x == Approx(a.box->x).margin(tolerance));
            CHECK(b.box->y == Approx(a.box->y).margin(tolerance));
            CHECK(b.box->w == Approx(a.box->w).margin(tolerance));
            CHECK(b.box->h == Approx(a.box->h).margin(tolerance));
            CHECK(b.iscrowd == a.iscrowd);
            CHECK(b.area == a.area);
            CHECK(int(b.segmentation.kind) == int(a.segmentation.kind));
            CHECK(b.segmentation.compressed == a.segmentation.compressed);
            CHECK(differentPixels(sg::decodeSegmentation(a.segmentation, i.width, i.height),
                                  sg::decodeSegmentation(b.segmentation, o.width, o.height)) == 0);
            REQUIRE(b.keypoints.size() == a.keypoints.size());
            for (size_t p = 0; p < a.keypoints.size(); ++p) CHECK(b.keypoints[p] == Approx(a.keypoints[p]).margin(tolerance));
            CHECK(b.attributes == a.attributes);
            CHECK(b.extra == a.extra);
        }
    }
    REQUIRE(out.categories.size() == in.categories.size());
    for (const auto& c : in.categories) {
        const sg::DatasetCategory* d = out.findCategory(c.name);
        REQUIRE(d != nullptr);
        CHECK(d->keypoints == c.keypoints);
        CHECK(d->skeleton == c.skeleton);
    }
}

}  // namespace

TEST_CASE("COCO -> COCO keeps boxes, RLE and polygon masks pixel for pixel, crowds, keypoints, attributes and extra fields",
          "[datasets][roundtrip]") {
    sg::Dataset in = sg::readDataset(writeCoco("rt-coco-in"));
    sg::Dataset out = roundTrip(kRoot / "rt-coco-in" / "annotations" / "instances_val.json", "coco", "rt-coco-out");
    REQUIRE(in.issues.empty());
    REQUIRE(out.issues.empty());
    requireSameLabels(in, out, 0.0);
    CHECK(out.extra["info"] == in.extra["info"]);
    // Ids were renumbered; the originals are in each image's provenance.
    for (const auto& im : out.images) {
        CHECK(im.provenance.originalFile == original(in, im).fileName);
        CHECK(im.provenance.originalId == std::to_string(original(in, im).sourceId));
        CHECK_FALSE(im.provenance.synthetic);
    }
}

TEST_CASE("YOLO -> YOLO keeps segment polygons (a bridged hole included) and pose keypoints", "[datasets][roundtrip]") {
    sg::Dataset in = sg::readDataset(writeYoloSegment("rt-yolo-in"));
    sg::Dataset out = roundTrip(kRoot / "rt-yolo-in" / "realyolo" / "data.yaml", "yolo", "rt-yolo-out");
    REQUIRE(out.issues.empty());
    CHECK(out.yoloTask == "segment");
    requireSameLabels(in, out, 1e-7);
    sg::Dataset poseIn = sg::readDataset(writeYoloPose("rt-pose-in"));
    sg::Dataset poseOut = roundTrip(kRoot / "rt-pose-in" / "data.yaml", "yolo", "rt-pose-out");
    CHECK(poseOut.yoloTask == "pose");
    requireSameLabels(poseIn, poseOut, 1e-7);
    CHECK(poseOut.categories[0].flipIndex == std::vector<int>{0, 2, 1});
    // The label text itself is unchanged: same numbers, same precision.
    std::string text = sg::readTextFile(kRoot / "rt-pose-out" / "labels" / "train" / "a.txt");
    CHECK(text == "0 0.5 0.5 0.2 0.3 0.45 0.4 2 0.5 0.42 1 0 0 0\n");
    std::string ring = sg::readTextFile(kRoot / "rt-yolo-out" / "labels" / "train" / "a.txt");
    CHECK(ring.substr(ring.find('\n') + 1) == kYoloRing);
}

TEST_CASE("VOC -> VOC keeps boxes (fractional ones too), pose/truncated/difficult, parts and image fields", "[datasets][roundtrip]") {
    sg::Dataset in = sg::readDataset(writeVoc("rt-voc-in"));
    sg::Dataset out = roundTrip(kRoot / "rt-voc-in", "voc", "rt-voc-out");
    REQUIRE(out.issues.empty());
    // Image-level fields (source, segmented) come back too; folder/file names are the mix's.
    for (const auto& o : out.images) {
        json a = original(in, o).extra, b = o.extra;
        a.erase("voc_stem"), b.erase("voc_stem");
        CHECK(a == b);
    }
    requireSameLabels(in, out, 0.0);
}

TEST_CASE("COCO -> COCO with --coco-rle: polygons become compressed RLE of exactly the pixels their fill covers",
          "[datasets][roundtrip]") {
    sg::Dataset in = sg::readDataset(writeCoco("rt-rle-in"));
    sg::MixOptions o;
    o.sources = {(kRoot / "rt-rle-in" / "annotations" / "instances_val.json").string()};
    o.out = kRoot / "rt-rle-out";
    fs::remove_all(o.out);
    o.valFraction = 0;
    o.cocoRle = true;
    sg::mixDatasets(o);
    sg::Dataset out = sg::readDataset(o.out);
    size_t converted = 0;
    for (const auto& im : out.images) {
        const sg::DatasetImage& i = original(in, im);
        for (size_t k = 0; k < im.annotations.size(); ++k) {
            const auto& a = i.annotations[k];
            const auto& b = im.annotations[k];
            if (a.segmentation.kind == sg::Segmentation::Kind::None) continue;
            CHECK(b.segmentation.kind == sg::Segmentation::Kind::Rle);
            converted += a.segmentation.kind == sg::Segmentation::Kind::Polygons;
            CHECK(differentPixels(sg::decodeSegmentation(a.segmentation, i.width, i.height),
                                  sg::decodeSegmentation(b.segmentation, im.width, im.height)) == 0);
        }
    }
    CHECK(converted == 2);
    // The scratch rectangle [10, 40] x [20, 60] covers exactly 30 x 40 pixel centers.
    for (const auto& im : out.images)
        if (im.provenance.originalFile == "a.jpg") {
            sg::ImageU8 m = sg::decodeSegmentation(im.annotations[0].segmentation, im.width, im.height);
            size_t set = 0;
            for (auto v : m.pixels) set += v;
            CHECK(set == 30 * 40);
            CHECK(m.at(10, 20) == 1);
            CHECK(m.at(39, 59) == 1);
            CHECK(m.at(40, 59) == 0);
        }
}
