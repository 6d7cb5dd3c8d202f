#include "datasets/Dataset.h"

#include "core/InputError.h"

namespace sg {

const char* datasetFormatName(DatasetFormat f) {
    switch (f) {
        case DatasetFormat::Coco: return "coco";
        case DatasetFormat::Yolo: return "yolo";
        case DatasetFormat::Voc: return "voc";
    }
    return "?";
}

std::string DatasetIssue::text() const { return InputError::format(file, entry, message, fix); }

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
