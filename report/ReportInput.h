#pragma once
// Reads one dataset for the report. A DATASET argument is a synthgen dataset folder (manifest.json
// + coco/annotations.json), a folder holding annotations.json or coco/annotations.json, or a COCO
// json file. Image paths are resolved against the dataset root (the folder of manifest.json, else
// the json's folder, else its parent when the json sits in coco/ or annotations/).
#include "report/ReportDataset.h"

#include <filesystem>

namespace sg::report {

// Throws InputError naming the file, the JSON path and a fix when the dataset cannot be read.
ReportDataset readReportDataset(const std::filesystem::path& path);

// COCO compressed RLE counts string (pycocotools rleFrString) -> run lengths.
std::vector<uint32_t> decodeRleCounts(const std::string& counts);

}  // namespace sg::report
