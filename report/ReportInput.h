#pragma once
// Reads one dataset for the report through the dataset readers (datasets/DatasetReaders.h) and
// flattens it into the report's view. A DATASET argument is a synthgen dataset folder (its COCO
// export is read, plus manifest.json and frames.jsonl for the requested rates), a folder holding
// annotations.json or coco/annotations.json, or a COCO json file.
#include "report/ReportDataset.h"

#include <filesystem>

namespace sg::report {

// Throws InputError naming the file, the JSON path and a fix when the dataset cannot be read.
// Entries the reader had to leave out become warnings on the page.
ReportDataset readReportDataset(const std::filesystem::path& path);

}  // namespace sg::report
