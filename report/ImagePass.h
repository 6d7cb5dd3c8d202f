#pragma once
// The one pass over image files: each chosen image is decoded once, on several threads, and gives
// its pixel statistics, its gallery thumbnail and its instance crops as asked.
#include "core/Image.h"
#include "report/ImageStatistics.h"
#include "report/ReportDataset.h"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sg::report {

struct ImageTask {
    size_t dataset = 0, image = 0;
    bool stats = false;         // compute ImageStats
    std::string thumbnail;      // JPEG path relative to the output folder; "" = none
    std::vector<size_t> crops;  // annotation indices whose box is cut out
};

struct ImagePassResult {
    std::vector<std::vector<ImageStats>> stats;          // per dataset, images asked for stats
    std::map<std::pair<size_t, size_t>, ImageU8> crops;  // (dataset, annotation) -> RGB crop
    std::vector<std::string> unreadable;                 // "file: reason"
};

struct ImagePassOptions {
    std::filesystem::path outDir;
    int thumbnailWidth = 320;
    int cropHeight = 72;
    int threads = 0;  // 0 = one per hardware thread
    // Called now and then with (tasks done, tasks); from worker threads, one at a time.
    std::function<void(size_t, size_t)> progress;
};

ImagePassResult runImagePass(const std::vector<ReportDataset>& datasets, const std::vector<ImageTask>& tasks,
                             const ImagePassOptions& options);

// Reads an image file as 8-bit RGB; empty with `error` set when it cannot be read.
ImageU8 loadRgb(const std::filesystem::path& file, std::string& error);
// Resizes to the given size (stb_image_resize).
ImageU8 resizeImage(const ImageU8& image, int width, int height);

}  // namespace sg::report
