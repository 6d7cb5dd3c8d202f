#pragma once
// `synthgen report`: one static page (index.html + thumbnails and crop strips beside it) that
// shows one or more datasets: overview and counts, label distributions, a preview gallery with
// the labels drawn over the pictures, and — for several datasets — the gaps between them.
//
// Typical use:
//   std::vector<ReportDataset> ds{readReportDataset("synthetic"), readReportDataset("real")};
//   writeReport(ds, {.outDir = "report"});
#include "report/ReportDataset.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace sg::report {

struct ReportOptions {
    std::filesystem::path outDir;
    // Images per dataset whose pixel statistics are computed, evenly spread over the dataset
    // (0 = every image). The KS statistics compare these samples.
    int statsImages = 1000;
    int galleryImages = 36;  // per dataset; every class appears, the rarest first
    int cropsPerClass = 12;  // instance crops in each class's strip
    int threads = 0;         // 0 = one per hardware thread
    std::string version;     // synthgen version, printed in the page footer
    // Progress of the image pass: (images done, images to do).
    std::function<void(size_t, size_t)> progress;
};

struct ReportResult {
    size_t imagesRead = 0;
    std::vector<std::string> unreadable;  // images that could not be decoded ("file: reason")
};

// Writes outDir/index.html, outDir/thumbs/*.jpg and outDir/crops/*.jpg. The page is written
// atomically and last, so a page that exists is complete.
ReportResult writeReport(const std::vector<ReportDataset>& datasets, const ReportOptions& options);

}  // namespace sg::report
