// Image-level labels, the `classify` and `mvtec` exports and per-part crops, on hand-built frames
// whose content is known: two parts (a widget, half hidden behind an unlabeled occluder, and a
// bolt), and defects on them that change with the frame index.
#include "DatasetFixtures.h"
#include "SpecDecoders.h"
#include "core/InputError.h"
#include "exporters/ImageTags.h"
#include "exporters/PartCrops.h"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <fstream>
#include <set>
#include <sstream>

using namespace sg;
using namespace sgtest;
namespace fs = std::filesystem;

namespace {

// Categories: HandBuiltFrame's widget (id 1) and defect/crack (id 7), plus these two.
const int kBolt = 3, kScratch = 9;
// Known geometry (pixel edges).
const PixelBox kWidget{10, 10, 40, 40}, kBolt_{52, 20, 80, 44}, kOccluder{25, 5, 45, 45};
const uint8_t kBoltColor[3] = {250, 251, 252};

// Frame `frame` % 4: 0 no defect; 1 a crack on the widget; 2 a crack on the widget and a deep
// scratch on the bolt; 3 the scratch alone. Odd frames sample the variant "glare". With
// `boltEvery` > 1 the bolt is only in frames that are a multiple of it.
struct DefectFrame {
    HandBuiltFrame f{96, 64};
    FrameLabels labels;
    nlohmann::json sampled;
};

InstanceLabel defectLabel(uint32_t id, int category, int categoryId, uint32_t parent, const PixelBox& box) {
    InstanceLabel d;
    d.instanceId = id;
    d.objectIndex = -1;
    d.category = category;
    d.categoryId = categoryId;
    d.name = "defect" + std::to_string(id);
    d.parentInstanceId = parent;
    d.box = d.amodalBox = box;
    d.visiblePixels = d.amodalPixels = int64_t(box.width()) * box.height();
    d.visibleFraction = 1;
    return d;
}

DefectFrame defectFrame(int64_t frame, int boltEvery = 1) {
    DefectFrame d;
    HandBuiltFrame& f = d.f;
    Category bolt;
    bolt.id = kBolt;
    bolt.name = "bolt";
    Category scratch;
    scratch.id = kScratch;
    scratch.name = "defect/scratch/deep";
    f.scene.categories.push_back(bolt);     // index 2
    f.scene.categories.push_back(scratch);  // index 3
    f.scene.categories[0].keypoints.clear();
    f.scene.categories[0].skeleton.clear();
    auto mesh = boxMesh(0.1);
    uint32_t widget = f.addObject(0, "widget");
    f.scene.objects.back().parts.push_back({mesh, nullptr, glm::dmat4(1.0)});
    f.paintRect(widget, kWidget.x0, kWidget.y0, kWidget.x1, kWidget.y1, 2.0f);
    uint32_t occluder = f.addObject(-1, "occluder");
    f.paintRect(occluder, kOccluder.x0, kOccluder.y0, kOccluder.x1, kOccluder.y1, 1.0f);
    bool hasBolt = frame % boltEvery == 0;
    uint32_t boltId = f.addObject(2, "bolt");
    f.scene.objects.back().parts.push_back({mesh, nullptr, glm::dmat4(1.0)});
    if (hasBolt) {
        f.paintRect(boltId, kBolt_.x0, kBolt_.y0, kBolt_.x1, kBolt_.y1, 2.0f);
        for (int y = kBolt_.y0; y < kBolt_.y1; ++y)
            for (int x = kBolt_.x0; x < kBolt_.x1; ++x)
                for (int c = 0; c < 3; ++c) f.buffers.rgb.at(x, y, c) = kBoltColor[c];
    }
    f.finalize();
    d.labels = computeLabels(f.scene, f.buffers);
    d.sampled = {{"variant", frame % 2 ? "glare" : "base"}};

    // Defects: ids above every object's, drawn in the defect id image on their part.
    f.buffers.defectId = ImageU32(f.width(), f.height(), 1, 0);
    uint32_t next = uint32_t(f.scene.objects.size()) + 1;
    auto addDefect = [&](int category, int categoryId, uint32_t parent, PixelBox box) {
        for (int y = box.y0; y < box.y1; ++y)
            for (int x = box.x0; x < box.x1; ++x) f.buffers.defectId.at(x, y) = next;
        d.labels.instances.push_back(defectLabel(next++, category, categoryId, parent, box));
    };
    int kind = int(frame % 4);
    if (kind == 1 || kind == 2) addDefect(1, 7, widget, {12 + int(frame % 3), 14, 20, 16});
    if ((kind == 2 || kind == 3) && hasBolt) addDefect(3, kScratch, boltId, {60, 30, 61, 40});
    return d;
}

ExportOptions inspectionFormats(bool crops) {
    ExportOptions o;
    o.formats = {"coco", "classify", "mvtec"};
    o.inspection.partCrops = crops;
    o.inspection.cropSize = 48;
    o.inspection.splitShares = {0.5, 0.3, 0.2};
    o.inspection.mvtecGoodTestShare = 0.5;
    return o;
}

fs::path writeDataset(const std::string& name, int64_t frames, const ExportOptions& o, int boltEvery = 1) {
    auto dir = freshDir(name);
    DatasetWriter w(dir, infoFor(defectFrame(0).f, frames), o);
    for (int64_t i = 0; i < frames; ++i) {
        DefectFrame d = defectFrame(i, boltEvery);
        w.writeFrame(i, d.f.scene, d.f.buffers, d.labels, d.sampled);
    }
    w.finish();
    return dir;
}

nlohmann::json readJson(const fs::path& p) { return nlohmann::json::parse(readTextFile(p)); }

std::vector<nlohmann::json> readJsonLines(const fs::path& p) {
    std::vector<nlohmann::json> rows;
    std::istringstream in(readTextFile(p));
    for (std::string line; std::getline(in, line);) rows.push_back(nlohmann::json::parse(line));
    return rows;
}

ImageU8 loadImage(const fs::path& p, int channels) {
    std::string bytes = readTextFile(p);
    int w, h, n;
    uint8_t* px = stbi_load_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), int(bytes.size()), &w, &h, &n, channels);
    if (!px) throw std::runtime_error("cannot decode " + p.string());
    ImageU8 img(w, h, channels);
    std::copy(px, px + img.pixels.size(), img.pixels.begin());
    stbi_image_free(px);
    return img;
}

// COCO, read back: category names by id, annotations by image id.
struct Coco {
    std::map<int, std::string> names;
    std::map<int64_t, std::vector<nlohmann::json>> annotations;
    std::vector<nlohmann::json> images;
};

Coco readCoco(const fs::path& dir) {
    nlohmann::json j = readJson(dir / "coco/annotations.json");
    Coco c;
    for (const auto& cat : j.at("categories")) c.names[cat.at("id")] = cat.at("name");
    for (const auto& a : j.at("annotations")) c.annotations[a.at("image_id")].push_back(a);
    for (const auto& im : j.at("images")) c.images.push_back(im);
    return c;
}

bool isDefectAnnotation(const Coco& c, const nlohmann::json& a) { return c.names.at(a.at("category_id")).rfind("defect/", 0) == 0; }

std::vector<fs::path> filesUnder(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::exists(dir)) return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("Image-level tags name every labeled category, defect family and variant of the frame") {
    std::vector<std::set<std::string>> expected = {{"bolt", "widget"},
                                                   {"bolt", "defect/crack", "variant/glare", "widget"},
                                                   {"bolt", "defect/crack", "defect/scratch", "defect/scratch/deep", "widget"},
                                                   {"bolt", "defect/scratch", "defect/scratch/deep", "variant/glare", "widget"}};
    auto dir = writeDataset("tags", 8, inspectionFormats(false));
    Coco coco = readCoco(dir);
    REQUIRE(coco.images.size() == 8);
    auto lines = readJsonLines(dir / "frames.jsonl");
    REQUIRE(lines.size() == 8);
    for (int64_t i = 0; i < 8; ++i) {
        INFO("frame " << i);
        const auto& im = coco.images[size_t(i)];
        auto tags = im.at("tags").get<std::vector<std::string>>();
        CHECK(std::set<std::string>(tags.begin(), tags.end()) == expected[size_t(i % 4)]);
        CHECK(std::is_sorted(tags.begin(), tags.end()));
        CHECK(im.at("class") == (i % 4 ? "defective" : "good"));
        CHECK(lines[size_t(i)].at("tags") == im.at("tags"));
        CHECK(lines[size_t(i)].at("class") == im.at("class"));
        CHECK(lines[size_t(i)].at("sampled").at("variant") == (i % 2 ? "glare" : "base"));
        // The same tags from the COCO annotations of the image.
        std::set<std::string> fromCoco;
        for (const auto& a : coco.annotations[i + 1]) fromCoco.insert(coco.names.at(a.at("category_id")));
        for (const auto& t : tags)
            if (t.rfind("variant/", 0) != 0 && t != "defect/scratch") CHECK(fromCoco.count(t) == 1);
    }
}

TEST_CASE("Without defects every image is good, and the rarest rule picks the rarest category present") {
    ExportOptions o;
    o.formats = {"coco", "classify"};
    o.inspection.classRule = "rarest";
    o.inspection.splitShares = {1.0, 0.0, 0.0};
    // Frames 0, 4, 8: no defect (frame % 4 == 0). The bolt is in every third frame: 0, 3, 6, 9.
    auto dir = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "exporters" / "rarest";
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        DatasetWriter w(dir, infoFor(defectFrame(0).f, 12), o);
        for (int64_t i = 0; i < 12; ++i) {
            DefectFrame d = defectFrame(i, 3);
            // No defects at all: drop them and their image.
            d.labels.instances.erase(std::remove_if(d.labels.instances.begin(), d.labels.instances.end(),
                                                    [](const InstanceLabel& l) { return l.parentInstanceId != 0; }),
                                     d.labels.instances.end());
            d.f.buffers.defectId = {};
            w.writeFrame(i, d.f.scene, d.f.buffers, d.labels, d.sampled);
        }
        w.finish();
    }
    Coco coco = readCoco(dir);
    for (int64_t i = 0; i < 12; ++i) {
        INFO("frame " << i);
        // widget: 12 images, bolt: 4 images -> the bolt where it is, else the widget.
        CHECK(coco.images[size_t(i)].at("class") == (i % 3 == 0 ? "bolt" : "widget"));
        std::string file = frameStem(i) + ".png";
        CHECK(fs::exists(dir / "classify/train" / (i % 3 == 0 ? "bolt" : "widget") / file));
    }
    CHECK(assignClasses({{"good"}, {}}, "defective", {}) == std::vector<std::string>{"good", "good"});
    CHECK(assignClasses({{"a", "b"}, {"b"}, {}}, "rarest", {Category{1, "a"}, Category{2, "b"}}) ==
          std::vector<std::string>{"a", "b", "background"});
}

TEST_CASE("classify: one folder per class per split, a 0/1 tag table, class names mapped back") {
    auto dir = writeDataset("classify", 16, inspectionFormats(false));
    nlohmann::json m = readJson(dir / "manifest.json").at("exports").at("classify");
    CHECK(m.at("classes") == nlohmann::json{{"defective", "defective"}, {"good", "good"}});
    Coco coco = readCoco(dir);
    std::map<std::string, int> counted;
    for (const auto& p : filesUnder(dir / "classify"))
        if (p.extension() == ".png") {
            std::string split = p.parent_path().parent_path().filename(), cls = p.parent_path().filename();
            int64_t frame = std::stoll(p.stem().string());
            // The split is the frame's, and the image is the frame's RGB.
            CHECK(split == splitOf(frame, infoFor(defectFrame(0).f, 16), {0.5, 0.3, 0.2}));
            CHECK(readTextFile(p) == readTextFile(dir / "images" / p.filename()));
            bool defective = false;
            for (const auto& a : coco.annotations[frame + 1]) defective |= isDefectAnnotation(coco, a);
            CHECK(cls == (defective ? "defective" : "good"));
            ++counted[split + "/" + cls];
        }
    int total = 0;
    for (const auto& [k, n] : counted) total += n;
    CHECK(total == 16);
    // multilabel.csv: a header of tags, a row per image with 0/1 per tag.
    std::istringstream csv(readTextFile(dir / "classify/multilabel.csv"));
    std::string header, row;
    std::getline(csv, header);
    CHECK(header == "image,bolt,defect/crack,defect/scratch,defect/scratch/deep,variant/glare,widget");
    int rows = 0;
    while (std::getline(csv, row)) {
        ++rows;
        std::string path = row.substr(0, row.find(','));
        int64_t frame = std::stoll(fs::path(path).stem().string());
        std::string flags = row.substr(row.find(',') + 1);
        bool scratch = frame % 4 == 2 || frame % 4 == 3;
        std::string expected = std::string("1,") + (frame % 4 == 1 || frame % 4 == 2 ? "1" : "0") + "," + (scratch ? "1,1" : "0,0") +
                               "," + (frame % 2 ? "1" : "0") + ",1";
        CHECK(flags == expected);
        CHECK(fs::exists(dir / "classify" / path));
    }
    CHECK(rows == 16);
    CHECK(safeClassName("defect/crack/hair line") == "defect__crack__hair_line");
}

// Checks an MVTec object folder against the COCO file of the same dataset: every image is the
// frame's RGB, every test/<type> image has exactly one mask equal to the union of the image's COCO
// defect masks (0/255), every good image none. Returns each frame's folder type.
std::map<int64_t, std::string> checkMvtecAgainstCoco(const fs::path& dir, const std::string& objectName, int width, int height) {
    Coco coco = readCoco(dir);
    fs::path object = dir / "mvtec" / objectName;
    std::map<int64_t, std::string> types;
    for (const auto& p : filesUnder(object)) {
        std::string rel = fs::relative(p, object).string();
        if (rel.rfind("ground_truth/", 0) == 0) continue;
        int64_t frame = std::stoll(p.stem().string());
        INFO(rel);
        std::string type = p.parent_path().filename();
        types[frame] = type;
        CHECK(readTextFile(p) == readTextFile(dir / "images" / p.filename()));
        ImageU8 expected(width, height, 1, 0);
        for (const auto& a : coco.annotations[frame + 1])
            if (isDefectAnnotation(coco, a)) {
                ImageU8 m = spec::maskFromCounts(spec::cocoCountsFromString(a.at("segmentation").at("counts")), height, width);
                for (size_t k = 0; k < m.pixels.size(); ++k)
                    if (m.pixels[k]) expected.pixels[k] = 255;
            }
        std::vector<fs::path> masks;
        for (const auto& q : filesUnder(object / "ground_truth"))
            if (q.filename() == p.stem().string() + "_mask.png") masks.push_back(q);
        if (type == "good") {
            CHECK(masks.empty());
            CHECK(std::count(expected.pixels.begin(), expected.pixels.end(), 255) == 0);
            CHECK((rel.rfind("train/good/", 0) == 0 || rel.rfind("test/good/", 0) == 0));
        } else {
            CHECK(rel.rfind("test/" + type + "/", 0) == 0);
            REQUIRE(masks.size() == 1);
            CHECK(masks[0] == object / "ground_truth" / type / (p.stem().string() + "_mask.png"));
            ImageU8 mask = loadImage(masks[0], 1);
            CHECK(mask.pixels == expected.pixels);
            CHECK(std::count(mask.pixels.begin(), mask.pixels.end(), 255) > 0);
        }
    }
    return types;
}

TEST_CASE("mvtec: defect masks equal the union of the COCO defect masks; one mask per test image, none for good") {
    auto dir = writeDataset("mvtec", 12, inspectionFormats(false));
    auto types = checkMvtecAgainstCoco(dir, "part", 96, 64);
    CHECK(types.size() == 12);
    for (const auto& [frame, type] : types)
        CHECK(type == std::vector<std::string>{"good", "crack", "combined", "scratch"}[size_t(frame % 4)]);
}

TEST_CASE("mvtec: defects that are scene objects of their own (no parent, no defect id image) get their masks too") {
    // The rich frame's "defect/crack" objects are ordinary objects in the instance id image.
    auto dir = freshDir("mvtec-objects");
    ExportOptions o;
    o.formats = {"coco", "mvtec"};
    {
        DatasetWriter w(dir, infoFor(richFrame(), 3), o);
        for (int64_t i = 0; i < 3; ++i) writeOne(w, i);
        w.finish();
    }
    auto types = checkMvtecAgainstCoco(dir, "part", 96, 64);
    CHECK(types == std::map<int64_t, std::string>{{0, "crack"}, {1, "crack"}, {2, "crack"}});
}

TEST_CASE("Part crops re-project to the amodal box, and their defect labels follow the COCO parent links") {
    auto dir = writeDataset("crops", 8, inspectionFormats(true));
    Coco coco = readCoco(dir);
    auto rows = readJsonLines(dir / "classify/crops.jsonl");
    REQUIRE(rows.size() == 16);  // two parts per frame
    for (const auto& r : rows) {
        int64_t frame = r.at("frame");
        uint32_t instance = r.at("instance_id");
        INFO("frame " << frame << " instance " << instance);
        const nlohmann::json* part = nullptr;
        for (const auto& a : coco.annotations[frame + 1])
            if (a.at("instance_id") == instance) part = &a;
        REQUIRE(part);
        // The crop box and the amodal box in crop pixels give back the amodal box in the frame.
        std::vector<double> crop = r.at("crop_box"), inCrop = r.at("amodal_box_in_crop"), amodal = part->at("amodal_bbox");
        REQUIRE(crop[2] == crop[3]);
        double scale = crop[2] / 48.0;
        for (int k = 0; k < 4; ++k)
            CHECK(inCrop[size_t(k)] * scale + (k < 2 ? crop[size_t(k)] : 0.0) == Approx(amodal[size_t(k)]).margin(1e-9));
        // The widget is half hidden: its amodal box (not its visible box) is what the crop is around.
        PixelBox expectedAmodal = instance == 1 ? kWidget : kBolt_;
        CHECK(amodal == std::vector<double>{double(expectedAmodal.x0), double(expectedAmodal.y0), double(expectedAmodal.width()),
                                            double(expectedAmodal.height())});
        // The square is the longer side plus 10 % on each end, centred (odd pixel right/down).
        int longer = std::max(expectedAmodal.width(), expectedAmodal.height());
        int side = longer + 2 * int(std::lround(0.1 * longer));
        CHECK(crop == std::vector<double>{double(expectedAmodal.x0 - (side - expectedAmodal.width()) / 2),
                                          double(expectedAmodal.y0 - (side - expectedAmodal.height()) / 2), double(side),
                                          double(side)});
        // Crop pixels: the bolt's colour fills exactly the crop pixels whose sample falls in the bolt.
        ImageU8 img = loadImage(dir / "classify" / r.at("image").get<std::string>(), 3);
        CHECK(img.width == 48);
        if (instance == 3) {
            for (int j = 0; j < 48; ++j)
                for (int i = 0; i < 48; ++i) {
                    double x = crop[0] + (i + 0.5) * scale, y = crop[1] + (j + 0.5) * scale;
                    bool inside = x >= kBolt_.x0 && x < kBolt_.x1 && y >= kBolt_.y0 && y < kBolt_.y1;
                    bool colored = img.at(i, j, 0) == kBoltColor[0] && img.at(i, j, 1) == kBoltColor[1] &&
                                   img.at(i, j, 2) == kBoltColor[2];
                    if (inside != colored) FAIL_CHECK("crop pixel " << i << "," << j);
                }
        }
        // Defects: exactly the COCO annotations whose parent_id is this part's annotation.
        std::set<uint32_t> children;
        for (const auto& a : coco.annotations[frame + 1])
            if (a.contains("parent_id") && a.at("parent_id") == part->at("id")) children.insert(a.at("instance_id").get<uint32_t>());
        auto defects = r.at("defects").get<std::vector<uint32_t>>();
        CHECK(std::set<uint32_t>(defects.begin(), defects.end()) == children);
        CHECK(r.at("class") == (children.empty() ? "good" : "defective"));
        CHECK(fs::path(r.at("image").get<std::string>()).parent_path().filename() == (children.empty() ? "good" : "defective"));
    }
    // MVTec with crops: one object per part category; a defective crop's mask covers its defect.
    auto mvtecRows = readJsonLines(dir / "mvtec/crops.jsonl");
    REQUIRE(mvtecRows.size() == rows.size());
    for (size_t k = 0; k < rows.size(); ++k) {
        CHECK(mvtecRows[k].at("crop_box") == rows[k].at("crop_box"));
        CHECK(mvtecRows[k].at("source") == rows[k].at("source"));
        CHECK(fs::exists(dir / "mvtec" / mvtecRows[k].at("image").get<std::string>()));
        CHECK(mvtecRows[k].at("mask").is_null() == rows[k].at("defects").empty());
    }
    for (const auto& r : rows) {
        std::string object = r.at("instance_id") == 1 ? "widget" : "bolt";
        std::string stem = fs::path(r.at("image").get<std::string>()).stem();
        auto defects = r.at("defects").get<std::vector<uint32_t>>();
        std::string type = defects.empty() ? "" : object == "widget" ? "crack" : "scratch";
        INFO(stem);
        if (type.empty()) {
            CHECK((fs::exists(dir / "mvtec" / object / "train/good" / (stem + ".png")) ||
                   fs::exists(dir / "mvtec" / object / "test/good" / (stem + ".png"))));
        } else {
            CHECK(fs::exists(dir / "mvtec" / object / "test" / type / (stem + ".png")));
            ImageU8 mask = loadImage(dir / "mvtec" / object / "ground_truth" / type / (stem + "_mask.png"), 1);
            CHECK(mask.width == 48);
            CHECK(std::count(mask.pixels.begin(), mask.pixels.end(), 255) > 0);
            CHECK(std::count(mask.pixels.begin(), mask.pixels.end(), 0) + std::count(mask.pixels.begin(), mask.pixels.end(), 255) ==
                  48 * 48);
        }
    }
}

TEST_CASE("Three shards merged equal a single run for classify, mvtec and crops") {
    for (bool crops : {false, true}) {
        INFO("crops " << crops);
        ExportOptions o = inspectionFormats(crops);
        o.inspection.classRule = crops ? "rarest" : "defective";
        const int64_t frames = 10;
        auto reference = readTree(writeDataset(crops ? "merge-crops-ref" : "merge-frames-ref", frames, o));
        std::vector<fs::path> parts;
        for (int s = 0; s < 3; ++s) {
            auto dir = freshDir("inspection-part" + std::to_string(s));
            DatasetInfo info = infoFor(defectFrame(0).f, frames);
            info.shardIndex = s;
            info.shardCount = 3;
            DatasetWriter w(dir, info, o);
            FrameRange r = shardFrameRange(frames, s, 3);
            for (int64_t i = r.begin; i < r.end; ++i) {
                DefectFrame d = defectFrame(i);
                w.writeFrame(i, d.f.scene, d.f.buffers, d.labels, d.sampled);
            }
            w.finish();
            parts.push_back(dir);
        }
        auto out = freshDir("inspection-merged");
        fs::remove_all(out);
        mergeDatasets(parts, out);
        auto merged = readTree(out);
        CHECK(merged.size() == reference.size());
        for (const auto& [path, bytes] : reference) {
            INFO(path);
            REQUIRE(merged.count(path) == 1);
            CHECK(merged.at(path) == bytes);
        }
        CHECK(reference.count("classify/multilabel.csv") == 1);
        CHECK(reference.count("mvtec/" + std::string(crops ? "widget" : "part") + "/ground_truth/crack/" +
                              (crops ? "000001_00001" : "000001") + "_mask.png") == 1);
    }
}

TEST_CASE("Splits are keyed by frame, keep each sequence whole and follow the shares") {
    DatasetInfo info;
    info.seed = 7;
    std::map<std::string, int> n;
    for (int64_t f = 0; f < 10000; ++f) ++n[splitOf(f, info, {0.7, 0.2, 0.1})];
    CHECK(n["train"] == Approx(7000).margin(300));
    CHECK(n["val"] == Approx(2000).margin(300));
    CHECK(n["test"] == Approx(1000).margin(300));
    CHECK(splitOf(5, info, {1, 0, 0}) == "train");
    info.sequenceLength = 10;
    std::set<std::string> splitsOfSequence;
    for (int64_t s = 0; s < 50; ++s) {
        std::set<std::string> one;
        for (int64_t f = s * 10; f < s * 10 + 10; ++f) one.insert(splitOf(f, info, {0.5, 0.5, 0}));
        CHECK(one.size() == 1);
        splitsOfSequence.insert(*one.begin());
    }
    CHECK(splitsOfSequence.size() == 2);
}

TEST_CASE("Bad split shares and clashing class folders are refused with a clear message") {
    CHECK(parseSplitShares("0.7,0.2,0.1", "--splits") == std::vector<double>{0.7, 0.2, 0.1});
    CHECK(parseSplitShares("0.8,0.2", "--splits") == std::vector<double>{0.8, 0.2, 0.0});
    CHECK_THROWS_WITH(parseSplitShares("0.8,0.3", "--splits"), Catch::Contains("do not sum to 1"));
    CHECK_THROWS_WITH(parseSplitShares("a,1", "--splits"), Catch::Contains("\"a\" is not a share"));
    CHECK_THROWS_WITH(parseSplitShares("1", "--splits"), Catch::Contains("expected 2 or 3 shares"));
    // "a/b" and "a__b" would share a folder.
    ExportOptions o;
    o.formats = {"classify"};
    o.inspection.classRule = "rarest";
    HandBuiltFrame f(8, 8);
    f.scene.categories = {Category{1, "a/b"}, Category{2, "a__b"}};
    uint32_t first = f.addObject(0), second = f.addObject(1);
    f.paintRect(first, 0, 0, 4, 4, 1.0f);
    f.paintRect(second, 4, 4, 8, 8, 1.0f);
    f.finalize();
    auto dir = freshDir("clash");
    DatasetWriter w(dir, infoFor(f, 2), o);
    FrameLabels all = computeLabels(f.scene, f.buffers), onlyFirst = all, onlySecond = all;
    onlyFirst.instances.pop_back();
    onlySecond.instances.erase(onlySecond.instances.begin());
    w.writeFrame(0, f.scene, f.buffers, onlyFirst);
    w.writeFrame(1, f.scene, f.buffers, onlySecond);
    CHECK_THROWS_WITH(w.finish(), Catch::Contains("both become the folder \"a__b\""));
}
