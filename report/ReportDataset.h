#pragma once
// What the report reads from one dataset: images, categories and annotations in COCO's terms
// (boxes on pixel edges, keypoints as x, y, v triples), plus the synthgen manifest when there is
// one). Filled by readReportDataset (ReportInput.h) from the format-neutral sg::Dataset that the
// dataset readers (datasets/DatasetReaders.h) produce.
#include "datasets/Dataset.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sg::report {

struct ReportCategory {
    int64_t id = 0;
    std::string name;  // full hierarchy path, e.g. "defect/crack"
    std::string supercategory;
    std::vector<std::string> keypoints;
    bool isDefect() const { return name.rfind("defect/", 0) == 0 || name == "defect"; }
};

struct ReportImage {
    int64_t id = 0;
    std::filesystem::path file;  // absolute or relative to the working folder
    std::string fileName;        // as the dataset names it
    int width = 0, height = 0;
    // From synthgen's frames.jsonl: the frame's variant ("" = base scenario or unknown) and the
    // scenario groups present in it.
    std::string variant;
    std::vector<std::string> groups;
};

struct ReportAnnotation {
    int64_t id = 0;
    size_t image = 0;                   // index into ReportDataset::images
    size_t category = 0;                // index into ReportDataset::categories
    double x = 0, y = 0, w = 0, h = 0;  // COCO bbox
    double area = 0;
    std::optional<double> visibleFraction, truncation;
    std::optional<double> distance;  // pose t.z in metres (synthgen)
    std::vector<double> keypoints;   // x, y, v triples (v: 0 outside, 1 hidden, 2 visible)
    Segmentation segmentation;       // datasets/Dataset.h: polygons or RLE
    nlohmann::json attributes = nlohmann::json::object();
    std::optional<int64_t> parentId;  // defects: the parent part's annotation id
};

struct ReportDataset {
    std::string name;  // shown on the page (the folder or file name)
    std::filesystem::path source;
    std::vector<ReportImage> images;
    std::vector<ReportCategory> categories;
    std::vector<ReportAnnotation> annotations;
    nlohmann::json manifest;            // synthgen manifest.json, null for other datasets
    std::vector<std::string> warnings;  // problems found while reading, shown on the page
};

}  // namespace sg::report
