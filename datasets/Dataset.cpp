#include "datasets/Dataset.h"

namespace sg {

const char* datasetFormatName(DatasetFormat f) {
    switch (f) {
    case DatasetFormat::Coco: return "coco";
    case DatasetFormat::Yolo: return "yolo";
    case DatasetFormat::Voc: return "voc";
    }
    return "?";
}

std::string DatasetIssue::text() const {
    std::string m;
    if (!file.empty()) m += file + ": ";
    if (!entry.empty()) m += entry + ": ";
    m += message;
    if (!fix.empty()) m += ". Fix: " + fix;
    return m;
}

const DatasetCategory* Dataset::findCategory(const std::string& name) const {
    for (const auto& c : categories)
        if (c.name == name) return &c;
    return nullptr;
}

size_t Dataset::annotationCount() const {
    size_t n = 0;
    for (const auto& im : images) n += im.annotations.size();
    return n;
}

}  // namespace sg
