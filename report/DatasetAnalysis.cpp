#include "report/DatasetAnalysis.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sg::report {

namespace {

void addDefect(DatasetAnalysis& a, const ReportCategory& category, const ReportAnnotation& ann) {
    a.defectFamilies[category.name]++;
    for (const char* key : {"length_mm", "width_mm", "depth_mm", "area_mm2"}) {
        auto it = ann.attributes.find(key);
        if (it != ann.attributes.end() && it->is_number()) a.defectSizes[key].push_back(it->get<double>());
    }
    if (auto it = ann.attributes.find("severity"); it != ann.attributes.end())
        a.defectSeverities[it->is_string() ? it->get<std::string>() : it->dump()]++;
    if (ann.parentId) a.defectsWithParent++;
}

}  // namespace

DatasetAnalysis analyzeDataset(const ReportDataset& d) {
    DatasetAnalysis a;
    a.perClass.assign(d.categories.size(), {});
    std::vector<int64_t> perImage(d.images.size(), 0);
    std::vector<std::set<size_t>> classesOfImage(d.images.size());
    std::vector<bool> hasDefect(d.images.size(), false);
    for (const ReportAnnotation& ann : d.annotations) {
        const ReportImage& im = d.images[ann.image];
        const ReportCategory& cat = d.categories[ann.category];
        a.perClass[ann.category].instances++;
        classesOfImage[ann.image].insert(ann.category);
        perImage[ann.image]++;
        if (im.width > 0 && im.height > 0) {
            a.relativeSize.push_back(std::sqrt(std::max(0.0, ann.w * ann.h) / (double(im.width) * im.height)));
            double cx = (ann.x + ann.w / 2) / im.width, cy = (ann.y + ann.h / 2) / im.height;
            int col = std::clamp(int(cx * DatasetAnalysis::kCenterColumns), 0, DatasetAnalysis::kCenterColumns - 1);
            int row = std::clamp(int(cy * DatasetAnalysis::kCenterRows), 0, DatasetAnalysis::kCenterRows - 1);
            a.centerGrid[size_t(row) * DatasetAnalysis::kCenterColumns + col]++;
        }
        if (ann.w > 0 && ann.h > 0) a.aspectLog2.push_back(std::log2(ann.w / ann.h));
        if (ann.visibleFraction) a.visibleFraction.push_back(*ann.visibleFraction);
        if (ann.truncation) a.truncation.push_back(*ann.truncation);
        if (ann.distance) a.distance.push_back(*ann.distance);
        for (size_t k = 2; k < ann.keypoints.size(); k += 3) {
            int v = int(ann.keypoints[k]);
            if (v >= 0 && v <= 2) a.keypointStates[size_t(v)]++;
        }
        if (cat.isDefect()) {
            addDefect(a, cat, ann);
            hasDefect[ann.image] = true;
        }
    }
    for (size_t i = 0; i < d.images.size(); ++i) {
        a.instancesPerImage.push_back(double(perImage[i]));
        for (size_t c : classesOfImage[i]) a.perClass[c].images++;
        if (hasDefect[i]) a.imagesWithDefects++;
        a.variantFrames[d.images[i].variant]++;
        for (const std::string& g : d.images[i].groups) a.groupFrames[g]++;
    }
    return a;
}

std::vector<size_t> classesRarestFirst(const ReportDataset& d, const DatasetAnalysis& a) {
    std::vector<size_t> order(d.categories.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) {
        if (a.perClass[x].instances != a.perClass[y].instances) return a.perClass[x].instances < a.perClass[y].instances;
        return d.categories[x].name < d.categories[y].name;
    });
    return order;
}

}  // namespace sg::report
