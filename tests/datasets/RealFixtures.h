#pragma once
// Test datasets in COCO, YOLO and Pascal VOC made from real photographs (the textures Debian's
// assimp-testmodels installs) and hand-written labels: sparse and 0-based category ids, an
// unused placeholder category, a 64-bit annotation id, polygons, a compressed RLE ring (a mask
// with a hole), a crowd region as uncompressed RLE, keypoints with a skeleton, attributes and
// extra fields, classes that alias ("scratch" under supercategory "defect", "dent" under
// "damage") and one that maps to nothing ("rust"). Each function writes a fresh copy.
#include "core/AtomicFile.h"
#include "exporters/Rle.h"
#include "support/RunCommand.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fixtures {

namespace fs = std::filesystem;
using nlohmann::json;

inline const fs::path kRoot = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "datasets";

// Real photographs: 400x400, 400x400, 768x768, 800x446 JPEGs.
inline fs::path photo(int k) {
    const char* files[] = {"IRRMesh/crackedground_1-6.jpg", "IRRMesh/brownground_1-1.jpg", "OBJ/drkwood2.jpg", "3DS/CWALL02.jpg"};
    return fs::path("/usr/share/assimp/models") / files[k % 4];
}

inline fs::path fresh(const std::string& name) {
    fs::path p = kRoot / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

inline void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

inline void copyPhoto(int k, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy_file(photo(k), to, fs::copy_options::overwrite_existing);
}

// The ring mask of the COCO fixture: pixels whose centers lie between radius 20 and 50 of (200, 200).
inline bool inRing(int x, int y) {
    double dx = x + 0.5 - 200, dy = y + 0.5 - 200, r2 = dx * dx + dy * dy;
    return r2 >= 20.0 * 20.0 && r2 < 50.0 * 50.0;
}

inline std::string ringCounts() {
    sg::ImageU8 m(400, 400, 1, 0);
    for (int y = 0; y < 400; ++y)
        for (int x = 0; x < 400; ++x) m.at(x, y) = inRing(x, y);
    return sg::rleToString(sg::encodeRle(m));
}

inline const uint64_t kBigId = 9007199254740993ull;  // 2^53 + 1: not representable as a double

// COCO's own layout: annotations/instances_val.json beside val/.
inline json cocoJson() {
    json cats = json::array({
        {{"id", 0}, {"name", "scratch"}, {"supercategory", "defect"}},
        {{"id", 5}, {"name", "dent"}, {"supercategory", "damage"}},
        {{"id", 17},
         {"name", "person"},
         {"supercategory", "person"},
         {"keypoints", {"nose", "left_eye", "right_eye"}},
         {"skeleton", {{1, 2}, {1, 3}}}},
        {{"id", 3}, {"name", "rust"}, {"supercategory", "defect"}},
        {{"id", 42}, {"name", "placeholder"}, {"supercategory", "placeholder"}},
    });
    json images = json::array({
        {{"id", 1001}, {"file_name", "a.jpg"}, {"width", 400}, {"height", 400}, {"license", 1}},
        {{"id", 1002}, {"file_name", "b.jpg"}, {"width", 400}, {"height", 400}},
        {{"id", 1003}, {"file_name", "c.jpg"}, {"width", 768}, {"height", 768}},
    });
    json anns = json::array({
        {{"id", kBigId},
         {"image_id", 1001},
         {"category_id", 0},
         {"bbox", {10, 20, 30, 40}},
         {"area", 1200},
         {"iscrowd", 0},
         {"segmentation", {{10, 20, 40, 20, 40, 60, 10, 60}}},
         {"attributes", {{"severity", 2}}},
         {"reviewer", "anna"}},
        {{"id", 2},
         {"image_id", 1001},
         {"category_id", 5},
         {"bbox", {150, 150, 100, 100}},
         {"iscrowd", 0},
         {"segmentation", {{"size", {400, 400}}, {"counts", ringCounts()}}}},
        {{"id", 3},
         {"image_id", 1002},
         {"category_id", 17},
         {"bbox", {90, 80, 40, 60}},
         {"iscrowd", 0},
         {"num_keypoints", 2},
         {"keypoints", {100.5, 100.5, 2, 110, 95, 1, 0, 0, 0}},
         {"segmentation", {{90, 80, 110, 80, 110, 140, 90, 140}, {115, 100, 130, 100, 130, 140}}}},
        {{"id", 4},
         {"image_id", 1002},
         {"category_id", 0},
         {"bbox", {0, 0, 3, 2}},
         {"iscrowd", 1},
         {"segmentation", {{"size", {400, 400}}, {"counts", {0, 2, 398, 2, 398, 2, 400 * 400 - 2 - 398 - 2 - 398 - 2}}}}},
        {{"id", 5}, {"image_id", 1003}, {"category_id", 3}, {"bbox", {300.5, 200.25, 50, 60}}, {"iscrowd", 0}},
    });
    return {{"info", {{"description", "hand-written test set"}}},
            {"licenses", json::array({{{"id", 1}, {"name", "test"}}})},
            {"images", images},
            {"annotations", anns},
            {"categories", cats}};
}

inline fs::path writeCoco(const std::string& name, const json& j = cocoJson()) {
    fs::path root = fresh(name);
    copyPhoto(0, root / "val" / "a.jpg");
    copyPhoto(1, root / "val" / "b.jpg");
    copyPhoto(2, root / "val" / "c.jpg");
    write(root / "annotations" / "instances_val.json", j.dump(1));
    return root / "annotations" / "instances_val.json";
}

// YOLO segment: `path:` points one folder too high, names as an index map, a download script,
// a polygon with a hole joined by a zero-width bridge (outer 160..240 px, hole 180..220 px).
inline const char* kYoloRing = "1 0.4 0.4 0.6 0.4 0.6 0.6 0.4 0.6 0.4 0.4 0.45 0.45 0.45 0.55 0.55 0.55 0.55 0.45 0.45 0.45\n";

inline fs::path writeYoloSegment(const std::string& name) {
    fs::path root = fresh(name) / "realyolo";
    copyPhoto(0, root / "images" / "train" / "a.jpg");
    copyPhoto(1, root / "images" / "val" / "b.jpg");
    write(root / "labels" / "train" / "a.txt", std::string("0 0.1 0.1 0.2 0.1 0.2 0.2 0.1 0.2\n") + kYoloRing);
    write(root / "labels" / "val" / "b.txt", "0 0.25 0.25 0.3 0.25 0.3 0.3\n");
    write(root / "data.yaml",
          "# hand-written (Ultralytics layout)\n"
          "path: ../datasets/realyolo  # written for Ultralytics' datasets_dir, one folder too high here\n"
          "train: images/train\n"
          "val: images/val\n"
          "names:\n"
          "  0: scratch\n"
          "  1: 'dent'\n"
          "download: |\n"
          "  print('nothing to download')\n");
    return root / "data.yaml";
}

// YOLO pose: a list file, kpt_shape [3, 3], flip_idx.
inline fs::path writeYoloPose(const std::string& name) {
    fs::path root = fresh(name);
    copyPhoto(3, root / "images" / "a.jpg");
    write(root / "labels" / "a.txt", "0 0.5 0.5 0.2 0.3 0.45 0.4 2 0.5 0.42 1 0 0 0\n");
    write(root / "train.txt", "./images/a.jpg\n");
    write(root / "data.yaml", "train: train.txt\nval: train.txt\nnc: 1\nnames: ['person']\nkpt_shape: [3, 3]\nflip_idx: [0, 2, 1]\n");
    return root / "data.yaml";
}

// Pascal VOC: JPEGImages/, ImageSets/Main, objects with pose/truncated/difficult and parts.
inline fs::path writeVoc(const std::string& name) {
    fs::path root = fresh(name);
    copyPhoto(0, root / "JPEGImages" / "a.jpg");
    copyPhoto(2, root / "JPEGImages" / "b.jpg");
    write(root / "Annotations" / "a.xml",
          "<?xml version=\"1.0\"?>\n<annotation>\n  <folder>VOC2012</folder>\n  <filename>a.jpg</filename>\n"
          "  <source><database>hand &amp; written</database></source>\n"
          "  <size><width>400</width><height>400</height><depth>3</depth></size>\n  <segmented>0</segmented>\n"
          "  <object><name>scratch</name><pose>Frontal</pose><truncated>1</truncated><difficult>0</difficult>\n"
          "    <bndbox><xmin>11</xmin><ymin>21</ymin><xmax>40</xmax><ymax>60</ymax></bndbox></object>\n"
          "  <!-- a person with parts -->\n"
          "  <object><name>person</name><pose>Left</pose><truncated>0</truncated><difficult>1</difficult>\n"
          "    <bndbox><xmin>100</xmin><ymin>50</ymin><xmax>200</xmax><ymax>300</ymax></bndbox>\n"
          "    <part><name>head</name><bndbox><xmin>120</xmin><ymin>50</ymin><xmax>160</xmax><ymax>90</ymax></bndbox></part>\n"
          "    <part><name>hand</name><bndbox><xmin>100</xmin><ymin>150</ymin><xmax>110</xmax><ymax>160</ymax></bndbox></part>\n"
          "  </object>\n</annotation>\n");
    write(root / "Annotations" / "b.xml",
          "<annotation><folder>VOC2012</folder><filename>b.jpg</filename><size><width>768</width><height>768</height><depth>3</"
          "depth></size>"
          "<object><name>dent</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>768</xmax><ymax>10.5</ymax></bndbox></object></"
          "annotation>\n");
    write(root / "ImageSets" / "Main" / "train.txt", "a\n");
    write(root / "ImageSets" / "Main" / "val.txt", "b\n");
    return root;
}

// A small synthgen dataset generated by the built binary: categories defect/scratch and
// defect/dent, sequences of 2 frames (video_id groups). Generated once per test process.
inline fs::path synthgenDataset() {
    static fs::path out;
    if (!out.empty()) return out;
    fs::path root = fresh("synthetic-" + std::to_string(getpid()));  // ctest may run test cases in parallel
    write(root / "scenario.json", R"({
  "resolution": [160, 120],
  "assets": {
    "scratches": {"category": "defect/scratch", "primitive": {"type": "box", "size": [0.08, 0.08, 0.08]}},
    "dents": {"category": "defect/dent", "primitive": {"type": "sphere", "radius": 0.04, "segments": 16}},
    "floor": {"primitive": {"type": "box", "size": [1.0, 1.0, 0.02]}}
  },
  "groups": [
    {"name": "floor", "assets": "floor", "count": 1, "distractor": true, "pose": "fixed",
     "placement": {"mode": "volume", "min": [0, 0, -0.01], "max": [0, 0, -0.01]}},
    {"name": "parts", "assets": {"scratches": 1, "dents": 1}, "count": {"uniform": [2, 4]}, "pose": "upright",
     "placement": {"mode": "scatter", "min": [-0.2, -0.2, 0], "max": [0.2, 0.2, 0]}}
  ],
  "lights": [{"name": "key", "intensity": 15, "distance": 1.5, "elevation": 60}],
  "camera": {"fov": 50, "look_at": {"distance": 0.9, "elevation": 60}}
})");
    CommandResult r = runCommand(synthgenBinary() + " generate " + (root / "scenario.json").string() + " --out " +
                                 (root / "data").string() + " --frames 12 --seed 3 --sequence-length 2 --formats coco,yolo,voc");
    if (r.exitCode != 0) throw std::runtime_error("synthgen generate failed: " + r.output);
    out = root / "data";
    return out;
}

}  // namespace fixtures
