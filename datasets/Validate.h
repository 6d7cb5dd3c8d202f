#pragma once
// `synthgen validate`: the checks any labeled dataset should pass, real or synthetic. The
// readers' issues (missing or unreadable images, image size vs labels, duplicate ids, unknown
// categories, out-of-range YOLO classes, malformed entries) plus:
//   box_outside_image, zero_area_box, mask_outside_box (mask pixels beyond the box by more than
//   one pixel), empty_mask, keypoint_outside_image, class_imbalance (largest / smallest class
//   count above a threshold).
#include "datasets/Dataset.h"

#include <map>
#include <string>
#include <vector>

namespace sg {

struct ValidateOptions {
    double imbalanceThreshold = 100.0;  // largest / smallest annotated class count
    bool checkMasks = true;             // decode masks to compare them with their boxes
};

struct ValidateResult {
    std::vector<DatasetIssue> issues;  // reader issues first, then the checks, in dataset order
    std::map<std::string, size_t> classCounts;
    size_t images = 0, annotations = 0;
};

ValidateResult validateDataset(const Dataset& ds, const ValidateOptions& options = {});

}  // namespace sg
