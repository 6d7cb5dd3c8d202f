#pragma once
// The HTML of the report page, from what Report.cpp gathered. One function per section.
#include "report/DatasetAnalysis.h"
#include "report/ImageStatistics.h"
#include "report/ReportDataset.h"

#include <string>
#include <vector>

namespace sg::report {

struct CropStrip {
    size_t category = 0;
    std::string file;  // relative to the page
    int count = 0;     // crops in the strip
};

struct DatasetPage {
    const ReportDataset* dataset = nullptr;
    DatasetAnalysis analysis;
    std::vector<ImageStats> imageStats;   // the sampled images
    std::vector<size_t> gallery;          // image indices, rarest class first
    std::vector<std::string> thumbnails;  // one per gallery image, relative to the page
    std::vector<CropStrip> cropStrips;
};

std::string renderReportPage(const std::vector<DatasetPage>& pages, const std::vector<std::string>& warnings,
                             const std::string& version);

}  // namespace sg::report
