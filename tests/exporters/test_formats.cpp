#include "DatasetFixtures.h"
#include "SpecDecoders.h"
#include "exporters/ImageEncoding.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>
#include <stb_image.h>

#include <map>
#include <regex>
#include <sstream>

using namespace sg;
using namespace sgtest;

namespace {

struct Written {
    std::filesystem::path dir;
    HandBuiltFrame frame;
    FrameLabels labels;
};

Written writeSingle(const std::string& name, HandBuiltFrame f, ExportOptions o = allFormats()) {
    o.valFraction = 0;
    Written w{freshDir(name), std::move(f), {}};
    w.labels = computeLabels(w.frame.scene, w.frame.buffers);
    DatasetWriter writer(w.dir, infoFor(w.frame, 1), o);
    writer.writeFrame(0, w.frame.scene, w.frame.buffers, w.labels);
    writer.finish();
    return w;
}

ImageU8 instanceMask(const HandBuiltFrame& f, uint32_t id) {
    ImageU8 m(f.width(), f.height(), 1, 0);
    for (size_t p = 0; p < m.pixels.size(); ++p) m.pixels[p] = f.buffers.instanceId.pixels[p] == id;
    return m;
}

ImageU8 loadGray(const std::filesystem::path& p) {
    std::string bytes = readTextFile(p);
    int w, h, n;
    uint8_t* d = stbi_load_from_memory(reinterpret_cast<const uint8_t*>(bytes.data()), int(bytes.size()), &w, &h, &n, 1);
    if (!d) throw std::runtime_error("cannot decode " + p.string());
    ImageU8 img(w, h, 1);
    std::copy(d, d + size_t(w) * size_t(h), img.pixels.begin());
    stbi_image_free(d);
    return img;
}

std::vector<std::vector<double>> yoloRows(const std::filesystem::path& p) {
    std::vector<std::vector<double>> rows;
    std::istringstream in(readTextFile(p));
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::vector<double> row;
        double v;
        while (ls >> v) row.push_back(v);
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST_CASE("COCO: ids, exact boxes and areas, RLE decoding to exactly the instance masks, extra fields") {
    Written w = writeSingle("coco", richFrame());
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    REQUIRE(coco.at("images").size() == 1);
    CHECK(coco["images"][0]["id"] == 1);
    CHECK(coco["images"][0]["width"] == 96);
    CHECK(coco["images"][0]["file_name"] == "images/000000.png");
    CHECK(std::filesystem::exists(w.dir / coco["images"][0]["file_name"].get<std::string>()));
    const auto& anns = coco.at("annotations");
    REQUIRE(anns.size() == w.labels.instances.size());
    REQUIRE(anns.size() == 8);  // 9 labeled objects, one fully hidden
    for (size_t k = 0; k < anns.size(); ++k) {
        const auto& a = anns[k];
        const InstanceLabel& l = w.labels.instances[k];
        CHECK(a["id"] == k + 1);
        CHECK(a["image_id"] == 1);
        CHECK(a["iscrowd"] == 0);
        CHECK(a["category_id"] == l.categoryId);
        CHECK(a["bbox"] == nlohmann::json{l.box.x0, l.box.y0, l.box.width(), l.box.height()});
        ImageU8 expected = instanceMask(w.frame, l.instanceId);
        int64_t count = 0;
        for (auto v : expected.pixels) count += v;
        CHECK(a["area"] == count);
        CHECK(a["segmentation"]["size"] == nlohmann::json{64, 96});
        ImageU8 decoded = spec::maskFromCounts(spec::cocoCountsFromString(a["segmentation"]["counts"]), 64, 96);
        CHECK(decoded.pixels == expected.pixels);
        CHECK(a.contains("amodal_bbox"));
        CHECK(a["visib_fract"].get<double>() == Approx(l.visibleFraction));
        CHECK(a["attributes"]["color"] == "red");
        CHECK(a["pose"]["t"][2].get<double>() == Approx(2.0));
    }
    const auto& cats = coco.at("categories");
    REQUIRE(cats.size() == 2);
    CHECK(cats[0]["keypoints"].size() == 3);
    CHECK(cats[0]["skeleton"] == nlohmann::json{{1, 3}, {2, 3}});  // 1-based
    CHECK(cats[1]["name"] == "defect/crack");
    CHECK(cats[1]["supercategory"] == "defect");
}

TEST_CASE("COCO keypoints: pixel-edge coordinates, v from the keypoint state, num_keypoints") {
    Written w = writeSingle("coco-kp", richFrame());
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    const auto& a = coco["annotations"][0];  // object `left` has the keypoints
    REQUIRE(a["keypoints"].size() == 9);
    CHECK(a["keypoints"][0].get<double>() == Approx(3.5));  // pixel center 3 -> 3.5 on pixel edges
    CHECK(a["keypoints"][1].get<double>() == Approx(15.5));
    CHECK(a["keypoints"][2] == 2);
    CHECK(a["keypoints"][5] == 1);  // hidden behind the occluder
    CHECK(a["keypoints"][6] == 0);  // outside: 0, 0, 0
    CHECK(a["keypoints"][8] == 0);
    CHECK(a["num_keypoints"] == 2);
}

TEST_CASE("COCO polygons (on request) fill to exactly the mask, the ring's hole included") {
    ExportOptions o = allFormats();
    o.cocoSegmentation = CocoSegmentation::Polygon;
    Written w = writeSingle("coco-poly", richFrame(), o);
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    for (size_t k = 0; k < coco["annotations"].size(); ++k) {
        auto polys = coco["annotations"][k]["segmentation"].get<std::vector<std::vector<double>>>();
        for (const auto& p : polys) CHECK(p.size() >= 6);
        CHECK(spec::fillEvenOdd(polys, 96, 64).pixels == instanceMask(w.frame, w.labels.instances[k].instanceId).pixels);
    }
}

TEST_CASE("YOLO detect: data.yaml, matching stems, rows normalized on pixel edges") {
    Written w = writeSingle("yolo", richFrame());
    std::string yaml = readTextFile(w.dir / "data.yaml");
    CHECK(yaml.find("nc: 2\n") != std::string::npos);
    CHECK(yaml.find("  0: \"widget\"\n") != std::string::npos);
    CHECK(yaml.find("  1: \"defect/crack\"\n") != std::string::npos);
    CHECK(yaml.find("train: train.txt") != std::string::npos);
    CHECK(readTextFile(w.dir / "train.txt") == "./images/000000.png\n");
    auto rows = yoloRows(w.dir / "labels/000000.txt");
    REQUIRE(rows.size() == w.labels.instances.size());
    for (size_t k = 0; k < rows.size(); ++k) {
        const PixelBox& b = w.labels.instances[k].box;
        REQUIRE(rows[k].size() == 5);
        CHECK(rows[k][0] == (w.labels.instances[k].categoryId == 1 ? 0 : 1));
        CHECK(rows[k][1] == Approx((b.x0 + b.x1) / 2.0 / 96).margin(1e-6));
        CHECK(rows[k][2] == Approx((b.y0 + b.y1) / 2.0 / 64).margin(1e-6));
        CHECK(rows[k][3] == Approx(b.width() / 96.0).margin(1e-6));
        CHECK(rows[k][4] == Approx(b.height() / 64.0).margin(1e-6));
        for (size_t i = 1; i < 5; ++i) CHECK((rows[k][i] >= 0 && rows[k][i] <= 1));
    }
}

TEST_CASE("YOLO segment rows are one polygon per instance that fills to the mask (holes bridged)") {
    ExportOptions o = allFormats();
    o.yoloTask = "segment";
    Written w = writeSingle("yolo-seg", richFrame(), o);
    auto rows = yoloRows(w.dir / "labels/000000.txt");
    REQUIRE(rows.size() == w.labels.instances.size());
    for (size_t k = 0; k < rows.size(); ++k) {
        std::vector<double> poly;
        for (size_t i = 1; i + 1 < rows[k].size(); i += 2) {
            poly.push_back(rows[k][i] * 96);
            poly.push_back(rows[k][i + 1] * 64);
        }
        CHECK(spec::fillEvenOdd({poly}, 96, 64).pixels == instanceMask(w.frame, w.labels.instances[k].instanceId).pixels);
    }
}

TEST_CASE("YOLO pose rows carry kpt_shape keypoints with visibility, data.yaml has kpt_shape and flip_idx") {
    ExportOptions o = allFormats();
    o.yoloTask = "pose";
    Written w = writeSingle("yolo-pose", richFrame(), o);
    std::string yaml = readTextFile(w.dir / "data.yaml");
    CHECK(yaml.find("kpt_shape: [3, 3]") != std::string::npos);
    CHECK(yaml.find("flip_idx: [1, 0, 2]") != std::string::npos);  // left_tip <-> right_tip
    auto rows = yoloRows(w.dir / "labels/000000.txt");
    REQUIRE(rows[0].size() == 5 + 9);
    CHECK(rows[0][5] == Approx(3.5 / 96).margin(1e-6));
    CHECK(rows[0][7] == 2);
    CHECK(rows[0][10] == 1);
    CHECK(rows[0][13] == 0);
    for (const auto& r : rows) CHECK(r.size() == 14);
}

TEST_CASE("VOC boxes are 1-based inclusive pixel indices, with truncated and difficult flags") {
    Written w = writeSingle("voc", richFrame());
    std::string xml = readTextFile(w.dir / "voc/Annotations/000000.xml");
    std::regex box("<xmin>(\\d+)</xmin><ymin>(\\d+)</ymin><xmax>(\\d+)</xmax><ymax>(\\d+)</ymax>");
    size_t k = 0;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), box); it != std::sregex_iterator(); ++it, ++k) {
        REQUIRE(k < w.labels.instances.size());
        const PixelBox& b = w.labels.instances[k].box;
        CHECK(std::stoi((*it)[1]) == b.x0 + 1);
        CHECK(std::stoi((*it)[2]) == b.y0 + 1);
        CHECK(std::stoi((*it)[3]) == b.x1);
        CHECK(std::stoi((*it)[4]) == b.y1);
    }
    CHECK(k == w.labels.instances.size());
    CHECK(xml.find("<filename>000000.png</filename>") != std::string::npos);
    CHECK(xml.find("<truncated>1</truncated>") != std::string::npos);
    CHECK(xml.find("<name>defect/crack</name>") != std::string::npos);
}

TEST_CASE("BOP: scene files, boxes as max-min, pixel counts, masks, millimetres, depth and models") {
    Written w = writeSingle("bop", richFrame());
    std::filesystem::path scene = w.dir / "bop/train_pbr/000000";
    auto gt = nlohmann::json::parse(readTextFile(scene / "scene_gt.json"));
    auto info = nlohmann::json::parse(readTextFile(scene / "scene_gt_info.json"));
    auto cam = nlohmann::json::parse(readTextFile(scene / "scene_camera.json"));
    auto objIds = nlohmann::json::parse(readTextFile(w.dir / "bop/obj_ids.json"));
    REQUIRE(gt.at("0").size() == w.labels.instances.size());
    CHECK(cam["0"]["cam_K"] == nlohmann::json{500.0, 0.0, 47.5, 0.0, 500.0, 31.5, 0.0, 0.0, 1.0});
    CHECK(cam["0"]["depth_scale"] == 1.0);
    for (size_t k = 0; k < w.labels.instances.size(); ++k) {
        const InstanceLabel& l = w.labels.instances[k];
        // obj_id names the geometry; obj_ids.json names its category.
        const std::string objId = std::to_string(gt["0"][k]["obj_id"].get<int>());
        CHECK(objIds[objId]["category_id"] == l.categoryId);
        CHECK(gt["0"][k]["cam_t_m2c"][2].get<double>() == Approx(2000.0));
        const auto& gi = info["0"][k];
        CHECK(gi["bbox_visib"] == nlohmann::json{l.box.x0, l.box.y0, l.box.width() - 1, l.box.height() - 1});
        CHECK(gi["px_count_visib"] == l.visiblePixels);
        CHECK(gi["px_count_all"] == l.amodalPixels);
        CHECK(gi["visib_fract"].get<double>() == Approx(l.visibleFraction));
        char stemBuf[32];
        std::snprintf(stemBuf, sizeof stemBuf, "000000_%06d.png", int(k));
        std::string stem = stemBuf;
        ImageU8 visib = loadGray(scene / "mask_visib" / stem);
        ImageU8 expected = instanceMask(w.frame, l.instanceId);
        for (auto& v : expected.pixels) v = v ? 255 : 0;
        CHECK(visib.pixels == expected.pixels);
        ImageU8 full = loadGray(scene / "mask" / stem);
        ImageU8 amodal = amodalMaskFull(l, 96, 64);
        for (auto& v : amodal.pixels) v = v ? 255 : 0;
        CHECK(full.pixels == amodal.pixels);
    }
    // Depth PNG: uint16 millimetres (x depth_scale 1).
    std::string depthBytes = readTextFile(scene / "depth/000000.png");
    int dw, dh, dn;
    uint16_t* d = stbi_load_16_from_memory(reinterpret_cast<const uint8_t*>(depthBytes.data()), int(depthBytes.size()), &dw, &dh, &dn,
                                           1);
    REQUIRE(d);
    CHECK(d[size_t(12) * 96 + 2] == 2000);
    CHECK(d[0] == 0);
    stbi_image_free(d);
    // Models in millimetres with their info.
    auto models = nlohmann::json::parse(readTextFile(w.dir / "bop/models/models_info.json"));
    CHECK(models["1"]["size_x"].get<double>() == Approx(100.0));
    CHECK(models["1"]["min_x"].get<double>() == Approx(-50.0));
    CHECK(models["1"]["diameter"].get<double>() == Approx(100.0 * std::sqrt(3.0)));
    std::string ply = readTextFile(w.dir / "bop/models/obj_000001.ply");
    CHECK(ply.rfind("ply\nformat ascii 1.0\n", 0) == 0);
    CHECK(std::filesystem::exists(w.dir / "bop/camera.json"));
}

TEST_CASE("BOP: one obj_id per distinct geometry and category, numbered in order of first appearance") {
    HandBuiltFrame f = richFrame();
    // Instances 1 and 2 (category 0) share the 10 cm box; instance 2 is drawn at twice the size.
    f.scene.objects[1].modelToWorld = f.scene.objects[1].modelToWorld * glm::scale(glm::dmat4(1.0), glm::dvec3(2.0));
    Written w = writeSingle("bop_obj_ids", f);
    auto gt = nlohmann::json::parse(readTextFile(w.dir / "bop/train_pbr/000000/scene_gt.json"))["0"];
    auto objIds = nlohmann::json::parse(readTextFile(w.dir / "bop/obj_ids.json"));
    auto info = nlohmann::json::parse(readTextFile(w.dir / "bop/models/models_info.json"));
    auto manifest = nlohmann::json::parse(readTextFile(w.dir / "manifest.json"))["exports"]["bop"];
    REQUIRE(w.labels.instances.size() >= 3);
    REQUIRE(w.labels.instances[0].instanceId == 1);
    REQUIRE(w.labels.instances[1].instanceId == 2);
    CHECK(gt[0]["obj_id"] == 1);
    CHECK(gt[1]["obj_id"] == 2);  // same mesh, other scale: another model
    CHECK(info["1"]["size_x"].get<double>() == Approx(100.0));
    CHECK(info["2"]["size_x"].get<double>() == Approx(200.0));
    CHECK(objIds["2"]["scale"] == nlohmann::json{2.0, 2.0, 2.0});
    CHECK(objIds["2"]["category_id"] == w.labels.instances[1].categoryId);
    // Every instance of the same box, scale and category shares one obj_id; ids are 1..N, each
    // with its model file, and the manifest maps each to its category.
    std::map<std::string, int> idOf;
    int maxId = 0;
    for (size_t k = 0; k < w.labels.instances.size(); ++k) {
        const InstanceLabel& l = w.labels.instances[k];
        int id = gt[k]["obj_id"].get<int>();
        CHECK(id <= maxId + 1);  // first appearance gets the next number
        maxId = std::max(maxId, id);
        std::string key = objIds[std::to_string(id)]["model"].get<std::string>() + "/" + std::to_string(l.categoryId);
        auto [it, inserted] = idOf.emplace(key, id);
        CHECK(it->second == id);
        CHECK(manifest["category_of_obj_id"][std::to_string(id)] == l.categoryId);
    }
    CHECK(int(objIds.size()) == maxId);
    CHECK(manifest["model_count"] == maxId);
    CHECK(manifest["obj_ids"] == "bop/obj_ids.json");
    for (int id = 1; id <= maxId; ++id) {
        char name[32];
        std::snprintf(name, sizeof name, "obj_%06d.ply", id);
        CHECK(std::filesystem::exists(w.dir / "bop/models" / name));
    }
}

TEST_CASE("BOP with a distorted camera is refused at the start, naming the fix") {
    HandBuiltFrame f = richFrame();
    DatasetInfo info = infoFor(f, 1);
    info.camera.distortion.k1 = -0.1;
    ExportOptions o = allFormats();
    CHECK_THROWS_WITH(DatasetWriter(freshDir("bop_distorted"), info, o),
                      Catch::Contains("BOP cannot express lens distortion") && Catch::Contains("distortion to 0"));
    o.formats = {"coco"};
    CHECK_NOTHROW(DatasetWriter(freshDir("coco_distorted"), info, o));
}

TEST_CASE("Cross-format consistency: COCO, YOLO, VOC and BOP boxes agree up to their conventions") {
    Written w = writeSingle("cross", richFrame());
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    auto rows = yoloRows(w.dir / "labels/000000.txt");
    auto info = nlohmann::json::parse(readTextFile(w.dir / "bop/train_pbr/000000/scene_gt_info.json"));
    std::string xml = readTextFile(w.dir / "voc/Annotations/000000.xml");
    std::regex box("<xmin>(\\d+)</xmin><ymin>(\\d+)</ymin><xmax>(\\d+)</xmax><ymax>(\\d+)</ymax>");
    std::vector<std::array<int, 4>> voc;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), box); it != std::sregex_iterator(); ++it)
        voc.push_back({std::stoi((*it)[1]), std::stoi((*it)[2]), std::stoi((*it)[3]), std::stoi((*it)[4])});
    size_t n = coco["annotations"].size();
    REQUIRE(rows.size() == n);
    REQUIRE(voc.size() == n);
    REQUIRE(info["0"].size() == n);
    for (size_t k = 0; k < n; ++k) {
        auto c = coco["annotations"][k]["bbox"].get<std::vector<double>>();  // x, y, w, h on pixel edges
        // YOLO: center and size normalized.
        CHECK(rows[k][1] * 96 - rows[k][3] * 96 / 2 == Approx(c[0]).margin(1e-3));
        CHECK(rows[k][3] * 96 == Approx(c[2]).margin(1e-3));
        CHECK(rows[k][4] * 64 == Approx(c[3]).margin(1e-3));
        // VOC: 1-based inclusive -> xmin - 1 = x, xmax = x + w.
        CHECK(voc[k][0] - 1 == c[0]);
        CHECK(voc[k][2] == c[0] + c[2]);
        CHECK(voc[k][3] == c[1] + c[3]);
        // BOP: [x, y, max-min]: w_bop = w_coco - 1.
        auto b = info["0"][k]["bbox_visib"].get<std::vector<double>>();
        CHECK(b[0] == c[0]);
        CHECK(b[2] + 1 == c[2]);
        CHECK(b[3] + 1 == c[3]);
    }
}

TEST_CASE("An empty frame writes an image entry, no annotations and an empty YOLO label file") {
    HandBuiltFrame f(32, 24);
    f.addObject(0);
    f.finalize();
    Written w = writeSingle("empty", f);
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    CHECK(coco["images"].size() == 1);
    CHECK(coco["annotations"].empty());
    CHECK(readTextFile(w.dir / "labels/000000.txt").empty());
    CHECK(nlohmann::json::parse(readTextFile(w.dir / "bop/train_pbr/000000/scene_gt.json"))["0"].empty());
}

TEST_CASE("A frame with 120 instances exports 120 annotations with exact masks") {
    HandBuiltFrame f(160, 120);
    for (int i = 0; i < 120; ++i) {
        uint32_t id = f.addObject(i % 2);
        int x = (i % 12) * 13 + 1, y = (i / 12) * 12 + 1;
        f.paintRect(id, x, y, x + 1 + i % 11, y + 1 + i % 10, 2.0f);
    }
    f.finalize();
    ExportOptions o;
    o.formats = {"coco", "yolo"};
    Written w = writeSingle("many", f, o);
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    REQUIRE(coco["annotations"].size() == 120);
    for (size_t k = 0; k < 120; ++k) {
        const auto& a = coco["annotations"][k];
        ImageU8 decoded = spec::maskFromCounts(spec::cocoCountsFromString(a["segmentation"]["counts"]), 120, 160);
        CHECK(decoded.pixels == instanceMask(w.frame, uint32_t(k + 1)).pixels);
    }
    CHECK(yoloRows(w.dir / "labels/000000.txt").size() == 120);
}

TEST_CASE("Per-frame images: 16-bit instance ids, semantic classes, depth in mm, EXR depth in metres") {
    Written w = writeSingle("images", richFrame());
    std::string inst = readTextFile(w.dir / "instance/000000.png");
    int iw, ih, in;
    uint16_t* ids = stbi_load_16_from_memory(reinterpret_cast<const uint8_t*>(inst.data()), int(inst.size()), &iw, &ih, &in, 1);
    REQUIRE(ids);
    for (size_t p = 0; p < size_t(iw) * size_t(ih); ++p) REQUIRE(ids[p] == w.frame.buffers.instanceId.pixels[p]);
    stbi_image_free(ids);
    ImageU8 sem = loadGray(w.dir / "semantic/000000.png");
    ImageU16 expected = semanticMask(w.frame.scene, w.frame.buffers);
    for (size_t p = 0; p < sem.pixels.size(); ++p) REQUIRE(sem.pixels[p] == expected.pixels[p]);
    std::string exr = readTextFile(w.dir / "depth_exr/000000.exr");
    spec::ExrFile f = spec::readExr(std::vector<uint8_t>(exr.begin(), exr.end()));
    CHECK(f.data.at("Z") == w.frame.buffers.depth.pixels);
    std::string rgb = readTextFile(w.dir / "images/000000.png");
    int rw, rh, rn;
    uint8_t* px = stbi_load_from_memory(reinterpret_cast<const uint8_t*>(rgb.data()), int(rgb.size()), &rw, &rh, &rn, 3);
    REQUIRE(px);
    CHECK(std::equal(w.frame.buffers.rgb.pixels.begin(), w.frame.buffers.rgb.pixels.end(), px));
    stbi_image_free(px);
}

// COCO evaluation rules (cocoeval.py): detections by descending score, each matched to the
// unmatched ground truth of its category with the highest IoU >= the threshold; AP = mean over
// recall 0, 0.01, ..., 1 of the best precision at that recall or above.
static double cocoAp(const std::vector<std::vector<double>>& iou /* [detection][gt], by score */, size_t gts, double threshold) {
    std::vector<bool> taken(gts, false);
    std::vector<double> precision, recall;
    size_t tp = 0;
    for (size_t d = 0; d < iou.size(); ++d) {
        size_t best = gts;
        double bestIou = threshold;
        for (size_t g = 0; g < gts; ++g)
            if (!taken[g] && iou[d][g] >= bestIou) {
                bestIou = iou[d][g];
                best = g;
            }
        if (best < gts) taken[best] = true;
        tp += best < gts;
        precision.push_back(double(tp) / double(d + 1));
        recall.push_back(double(tp) / double(gts));
    }
    double sum = 0;
    for (int r = 0; r <= 100; ++r) {
        double p = 0;
        for (size_t k = 0; k < recall.size(); ++k)
            if (recall[k] >= r / 100.0 - 1e-12) p = std::max(p, precision[k]);
        sum += p;
    }
    return sum / 101.0;
}

TEST_CASE("COCO evaluation of the exported masks against hand-built ground truth with known overlaps") {
    Written w = writeSingle("coco-ap", richFrame());
    auto coco = nlohmann::json::parse(readTextFile(w.dir / "coco/annotations.json"));
    // The two touching boxes of richFrame, as exported: a = x 12..17, b = x 18..25, y 30..39.
    std::vector<ImageU8> detections(2);
    for (const auto& a : coco["annotations"]) {
        ImageU8 m = spec::maskFromCounts(spec::cocoCountsFromString(a["segmentation"]["counts"]), 64, 96);
        if (a["bbox"] == nlohmann::json{12, 30, 6, 10}) detections[0] = m;
        if (a["bbox"] == nlohmann::json{18, 30, 8, 10}) detections[1] = m;
    }
    REQUIRE(!detections[0].pixels.empty());
    REQUIRE(!detections[1].pixels.empty());
    // Hand-built ground truth: g0 = box a exactly (60 px); g1 = box b moved 2 px right
    // (x 20..27): it overlaps b in 6 x 10 = 60 px of a 80 + 80 - 60 = 100 px union, IoU 0.6.
    auto rect = [](int x0, int y0, int x1, int y1) {
        ImageU8 m(96, 64, 1, 0);
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x) m.at(x, y) = 1;
        return m;
    };
    std::vector<ImageU8> truth{rect(12, 30, 18, 40), rect(20, 30, 28, 40)};
    auto iouOf = [](const ImageU8& a, const ImageU8& b) {
        int64_t inter = 0, uni = 0;
        for (size_t p = 0; p < a.pixels.size(); ++p) {
            inter += a.pixels[p] && b.pixels[p];
            uni += a.pixels[p] || b.pixels[p];
        }
        return double(inter) / double(uni);
    };
    std::vector<std::vector<double>> iou(2, std::vector<double>(2));
    for (size_t d = 0; d < 2; ++d)
        for (size_t g = 0; g < 2; ++g) iou[d][g] = iouOf(detections[d], truth[g]);
    CHECK(iou[0][0] == 1.0);
    CHECK(iou[1][1] == 0.6);
    CHECK(iou[0][1] == 0.0);
    CHECK(iou[1][0] == 0.0);  // touching, not overlapping
    // At IoU 0.5 both match: AP 1. At 0.75 only a does: precision 1 up to recall 0.5, then none
    // (b is a false positive, g1 missed): 51 of the 101 recall points, AP = 51 / 101.
    CHECK(cocoAp(iou, 2, 0.5) == Approx(1.0));
    CHECK(cocoAp(iou, 2, 0.75) == Approx(51.0 / 101.0));
}
