#pragma once
// One format-neutral, in-memory labeled dataset: what the COCO, YOLO and Pascal VOC readers
// produce and what `synthgen mix`, `synthgen validate` and the dataset writers consume.
//
// Conventions are the project's (docs/conventions.md, docs/formats.md): boxes and keypoints in
// pixel-edge coordinates (the top-left pixel is the square [0, 1] x [0, 1]), boxes as COCO's
// [x, y, width, height]; polygons with vertices in the same coordinates; RLE column-major as
// pycocotools. Readers convert into these, writers convert out of them, so a round trip through
// one format changes nothing but ids.
#include "exporters/Rle.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sg {

enum class DatasetFormat { Coco, Yolo, Voc };
const char* datasetFormatName(DatasetFormat f);

// Box on pixel edges: covers [x, x + w] x [y, y + h] (COCO bbox).
struct BoxXYWH {
    double x = 0, y = 0, w = 0, h = 0;
};

// An instance's mask as the source wrote it. Polygons: each [x1, y1, x2, y2, ...] on pixel
// edges. RLE: pycocotools' column-major runs; `compressed` remembers whether the source wrote
// the counts as a string (compressed) or as a list of numbers (uncompressed, typical for crowds).
struct Segmentation {
    enum class Kind { None, Polygons, Rle };
    Kind kind = Kind::None;
    std::vector<std::vector<double>> polygons;
    Rle rle;
    bool compressed = true;
};

struct DatasetAnnotation {
    int64_t sourceId = 0;        // the id in the source (COCO ids can be 64-bit); row/object index otherwise
    std::string category;        // category name (hierarchy path such as "defect/scratch")
    std::optional<BoxXYWH> box;  // absent only when the source gives none
    Segmentation segmentation;
    bool iscrowd = false;
    std::optional<double> area;                            // COCO `area` as given (kept, not recomputed)
    std::vector<double> keypoints;                         // x1, y1, v1, ... in the category's keypoint order (COCO layout)
    nlohmann::json attributes = nlohmann::json::object();  // COCO "attributes"; VOC pose/truncated/difficult/occluded/...
    nlohmann::json extra = nlohmann::json::object();       // every other field of the source entry, verbatim
};

// Where an image came from; written into the mix manifest and the COCO `images` entries.
struct Provenance {
    std::string source;        // the SOURCE argument as given (dataset folder, JSON file, data.yaml)
    std::string originalFile;  // the image's path as the source names it
    std::string originalId;    // the image's id in the source (COCO id, or the file stem)
    bool synthetic = false;
};

struct DatasetImage {
    int64_t sourceId = 0;
    std::string fileName;        // as the source names it (relative, forward slashes)
    std::filesystem::path path;  // resolved file on disk
    int width = 0, height = 0;   // from the labels; checked against the file's header
    std::string split;           // "train", "val", "test" or "" (unsplit)
    std::string group;           // images sharing a group never land in different splits ("" = own group)
    Provenance provenance;
    std::vector<DatasetAnnotation> annotations;
    nlohmann::json extra = nlohmann::json::object();  // every other field of the COCO image entry
};

struct DatasetCategory {
    std::string name;           // unique within a dataset
    std::string supercategory;  // parent (COCO supercategory; synthgen: the parent path)
    int64_t sourceId = 0;
    std::vector<std::string> keypoints;
    std::vector<std::pair<int, int>> skeleton;  // 1-based keypoint indices, as COCO
    std::vector<int> flipIndex;                 // YOLO pose flip_idx (0-based), empty when unknown
    nlohmann::json extra = nlohmann::json::object();
};

// A problem with one entry of a source (or a check that failed): which file, which entry, what
// is wrong and how to fix it. Readers leave a broken entry out of the dataset and record it.
struct DatasetIssue {
    std::string kind;  // stable key, e.g. "missing_image", "unknown_category", "box_outside_image"
    std::string file;
    std::string entry;  // JSON path, "line N", XML element, ...
    std::string message;
    std::string fix;
    std::string text() const;  // "file: entry: message. Fix: fix"
};

struct Dataset {
    DatasetFormat format = DatasetFormat::Coco;
    std::string source;          // what the user named (provenance source)
    std::filesystem::path root;  // folder the image paths are relative to
    bool synthetic = false;      // written by synthgen (manifest.json found)
    std::string yoloTask;        // YOLO: "detect", "segment" or "pose"
    std::vector<DatasetCategory> categories;
    std::vector<DatasetImage> images;
    nlohmann::json extra = nlohmann::json::object();  // COCO top-level info/licenses/videos/...
    std::vector<DatasetIssue> issues;                 // entries the reader left out, and why
    std::vector<std::string> notes;                   // what the reader worked around (printed, not errors)

    const DatasetCategory* findCategory(const std::string& name) const;
    size_t annotationCount() const;
};

}  // namespace sg
