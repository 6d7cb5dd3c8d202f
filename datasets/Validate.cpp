#include "datasets/Validate.h"

#include "datasets/Masks.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {

std::string num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%g", v);
    return b;
}

// Pixel bounds [x0, x1) x [y0, y1) of a mask's set pixels; false when empty.
bool maskBounds(const ImageU8& m, int& x0, int& y0, int& x1, int& y1) {
    x0 = m.width, y0 = m.height, x1 = 0, y1 = 0;
    for (int y = 0; y < m.height; ++y)
        for (int x = 0; x < m.width; ++x)
            if (m.at(x, y)) x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x + 1), y1 = std::max(y1, y + 1);
    return x1 > x0;
}

// The RLE's bounds without decoding: runs of ones give columns and rows directly.
bool rleBounds(const Rle& r, int& x0, int& y0, int& x1, int& y1) {
    x0 = r.width, y0 = r.height, x1 = 0, y1 = 0;
    uint64_t pos = 0;
    for (size_t i = 0; i < r.counts.size(); ++i) {
        uint64_t c = r.counts[i];
        if (i % 2 == 1 && c > 0) {
            uint64_t first = pos, last = pos + c - 1;
            int cx0 = int(first / uint64_t(r.height)), cx1 = int(last / uint64_t(r.height));
            x0 = std::min(x0, cx0), x1 = std::max(x1, cx1 + 1);
            if (cx0 != cx1) y0 = 0, y1 = r.height;  // the run wraps a column
            else y0 = std::min(y0, int(first % uint64_t(r.height))), y1 = std::max(y1, int(last % uint64_t(r.height)) + 1);
        }
        pos += c;
    }
    return x1 > x0;
}

}  // namespace

ValidateResult validateDataset(const Dataset& ds, const ValidateOptions& options) {
    ValidateResult r;
    r.issues = ds.issues;
    r.images = ds.images.size();
    for (const auto& c : ds.categories) r.classCounts[c.name] = 0;
    for (const auto& im : ds.images) {
        const double W = im.width, H = im.height;
        for (size_t k = 0; k < im.annotations.size(); ++k) {
            const DatasetAnnotation& a = im.annotations[k];
            ++r.annotations;
            ++r.classCounts[a.category];
            std::string entry = im.fileName + " annotation " + std::to_string(k + 1) + " (" + a.category + ", source id " +
                                std::to_string(a.sourceId) + ")";
            auto add = [&](const char* kind, const std::string& message, const std::string& fix) {
                r.issues.push_back({kind, ds.source, entry, message, fix});
            };
            if (a.box) {
                const BoxXYWH& b = *a.box;
                const double eps = 1e-6;
                if (b.w <= 0 || b.h <= 0)
                    add("zero_area_box", "box [" + num(b.x) + ", " + num(b.y) + ", " + num(b.w) + ", " + num(b.h) + "] has no area",
                        "remove the annotation or correct its box");
                if (b.x < -eps || b.y < -eps || b.x + b.w > W + eps || b.y + b.h > H + eps)
                    add("box_outside_image",
                        "box [" + num(b.x) + ", " + num(b.y) + ", " + num(b.w) + ", " + num(b.h) + "] (x, y, w, h) leaves the " +
                            std::to_string(im.width) + "x" + std::to_string(im.height) + " image",
                        "clip the box to the image");
            }
            for (size_t i = 0; i + 2 < a.keypoints.size(); i += 3) {
                double x = a.keypoints[i], y = a.keypoints[i + 1], v = a.keypoints[i + 2];
                if (v > 0 && (x < 0 || y < 0 || x > W || y > H)) {
                    add("keypoint_outside_image",
                        "keypoint " + std::to_string(i / 3 + 1) + " at (" + num(x) + ", " + num(y) + ") with v " + num(v) +
                            " is outside the image",
                        "mark it v 0 (not labeled) or correct it");
                    break;
                }
            }
            if (options.checkMasks && a.box && a.segmentation.kind != Segmentation::Kind::None) {
                int x0, y0, x1, y1;
                bool any = a.segmentation.kind == Segmentation::Kind::Rle
                               ? rleBounds(a.segmentation.rle, x0, y0, x1, y1)
                               : maskBounds(decodeSegmentation(a.segmentation, im.width, im.height), x0, y0, x1, y1);
                const BoxXYWH& b = *a.box;
                if (!any && !a.iscrowd && b.w > 0 && b.h > 0)
                    add("empty_mask", "the mask covers no pixel (no pixel center inside it) but the box has an area",
                        "correct the mask or remove the annotation");
                else if (any && (x0 < b.x - 1 || y0 < b.y - 1 || x1 > b.x + b.w + 1 || y1 > b.y + b.h + 1))
                    add("mask_outside_box",
                        "mask pixels span columns " + std::to_string(x0) + ".." + std::to_string(x1 - 1) + ", rows " +
                            std::to_string(y0) + ".." + std::to_string(y1 - 1) + "; the box is [" + num(b.x) + ", " + num(b.y) + ", " +
                            num(b.w) + ", " + num(b.h) + "]",
                        "recompute the box from the mask");
            }
        }
    }
    size_t largest = 0, smallest = SIZE_MAX;
    std::string largestName, smallestName;
    for (const auto& [name, n] : r.classCounts) {
        if (n == 0) continue;  // unused placeholder categories are no imbalance
        if (n > largest) largest = n, largestName = name;
        if (n < smallest) smallest = n, smallestName = name;
    }
    if (largest && double(largest) / double(smallest) > options.imbalanceThreshold)
        r.issues.push_back({"class_imbalance", ds.source, "",
                            "\"" + largestName + "\" has " + std::to_string(largest) + " annotations, \"" + smallestName + "\" " +
                                std::to_string(smallest) + " (ratio " + num(double(largest) / double(smallest)) + " > " +
                                num(options.imbalanceThreshold) + ")",
                            "add examples of the rare classes (or raise --imbalance-threshold)"});
    return r;
}

}  // namespace sg
