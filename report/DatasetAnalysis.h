#pragma once
// The label statistics of one dataset that the report charts: counts per class, box sizes,
// aspect ratios and centers, instances per image, visibility, keypoint states, distances and
// defect attributes. Pure arithmetic on the annotations; no image is read.
#include "report/ReportDataset.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sg::report {

struct ClassCount {
    int64_t instances = 0;
    int64_t images = 0;  // images holding at least one instance
};

struct DatasetAnalysis {
    std::vector<ClassCount> perClass;  // by category index
    // Per instance:
    std::vector<double> relativeSize;  // sqrt(box area / image area)
    std::vector<double> aspectLog2;    // log2(box width / box height); 0 = square
    std::vector<double> visibleFraction, truncation, distance;
    // Per image:
    std::vector<double> instancesPerImage;
    // Box centers on a kCenterColumns x kCenterRows grid over the image (row-major, top row first).
    static constexpr int kCenterColumns = 32, kCenterRows = 24;
    std::vector<int64_t> centerGrid = std::vector<int64_t>(size_t(kCenterColumns) * kCenterRows, 0);
    std::array<int64_t, 3> keypointStates{};  // COCO v = 0 outside, 1 hidden, 2 visible
    // Defects (categories named defect/...):
    std::map<std::string, int64_t> defectFamilies;           // category name -> instances
    std::map<std::string, std::vector<double>> defectSizes;  // length_mm, width_mm, depth_mm, area_mm2
    std::map<std::string, int64_t> defectSeverities;         // severity as written -> instances
    int64_t imagesWithDefects = 0;
    int64_t defectsWithParent = 0;
    // Variants (synthgen frames.jsonl): name -> frames; "" = base scenario.
    std::map<std::string, int64_t> variantFrames;
    std::map<std::string, int64_t> groupFrames;  // scenario group -> frames it is present in
};

DatasetAnalysis analyzeDataset(const ReportDataset& dataset);

// Category indices ordered rarest first (fewest instances; ties by name).
std::vector<size_t> classesRarestFirst(const ReportDataset& dataset, const DatasetAnalysis& analysis);

}  // namespace sg::report
