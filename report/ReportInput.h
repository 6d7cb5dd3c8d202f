#pragma once
// Reads one dataset for the report through the dataset readers (datasets/DatasetReaders.h) and
// flattens it into the report's view. A DATASET argument is anything readDataset reads: a synthgen
// dataset folder (its COCO export, plus manifest.json and frames.jsonl for the requested rates),
// a COCO json file, a YOLO data.yaml, a VOC folder, or a folder holding one of them. validate's
// findings (datasets/Validate.h) become warnings on the page.
#include "report/ReportDataset.h"

#include <filesystem>

namespace sg::report {

// Throws InputError naming the file, the JSON path and a fix when the dataset cannot be read.
ReportDataset readReportDataset(const std::filesystem::path& path);

}  // namespace sg::report
