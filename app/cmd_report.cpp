// synthgen report DATASET [DATASET...] --out DIR : one static page that shows the datasets.
#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "core/InputError.h"
#include "report/Report.h"
#include "report/ReportInput.h"

#include <chrono>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

namespace sg::app {

namespace {

// A one-line progress bar on a terminal, a line every 10 % otherwise. Called one at a time.
struct ProgressBar {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    int lastTenth = -1;
    void operator()(size_t done, size_t total);
};

void ProgressBar::operator()(size_t done, size_t total) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double rate = seconds > 0 ? double(done) / seconds : 0;
    if (isatty(STDERR_FILENO)) {
        int filled = total ? int(30 * done / total) : 30;
        std::fprintf(stderr, "\r  [%.*s%*s] %zu/%zu images  %.0f images/s ", filled, "##############################", 30 - filled, "",
                     done, total, rate);
        if (done == total) std::fputc('\n', stderr);
        return;
    }
    int tenth = total ? int(10 * done / total) : 10;
    if (tenth != lastTenth) {
        lastTenth = tenth;
        std::fprintf(stderr, "synthgen report: %zu/%zu images, %.0f images/s\n", done, total, rate);
    }
}

}  // namespace

int cmdReport(int argc, char** argv) {
    std::vector<std::string> datasets;
    std::string out;
    bool quiet = false;
    report::ReportOptions options;
    options.version = SYNTHGEN_VERSION;
    CommandOptions cli("report", "DATASET [DATASET...] --out DIR [options]",
                       "Writes DIR/index.html, a page that opens from the file system with no network: counts per class\n"
                       "and the class hierarchy, requested vs achieved rates (synthgen datasets), label distributions,\n"
                       "a gallery with boxes, masks and keypoints drawn over the pictures (rarest class first, filterable),\n"
                       "per-class instance crops, and per-image brightness, contrast, colour, sharpness and noise. With\n"
                       "several datasets (e.g. synthetic and real) every chart overlays them and each image statistic gets\n"
                       "the two-sample Kolmogorov-Smirnov statistic against the first dataset, largest gap first.\n\n"
                       "DATASET is a synthgen dataset folder (coco export), a folder holding annotations.json or\n"
                       "coco/annotations.json, or a COCO json file (images resolved against its folder, or the folder\n"
                       "above when the json sits in coco/ or annotations/).\n",
                       CommandLine::Hints::WhatToWrite);
    cli.positional("DATASET", "a dataset to show (several: side by side)", [&](const std::string& d) { datasets.push_back(d); });
    cli.text({"--out", "-o"}, "DIR", "output folder (required; index.html, thumbs/, crops/)", out)
        .integer("--stats-images", "N",
                 "images per dataset whose pixel statistics are computed, evenly spread\n(default 1000; 0 = all)", options.statsImages,
                 0, 100000000)
        .integer("--gallery", "N", "gallery images per dataset (default 36)", options.galleryImages, 1, 10000)
        .integer("--crops", "N", "instance crops per class (default 12)", options.cropsPerClass, 0, 1000)
        .integer("--threads", "T", "decoding threads (default: number of cores)", options.threads, 1, 1024)
        .flag("--quiet", "no progress output", quiet);
    try {
        if (!cli.parse(argc, argv)) return 0;
        if (datasets.empty()) commandLineError("report", "no dataset given", "write synthgen report DATASET [DATASET...] --out DIR");
        if (out.empty()) commandLineError("report", "missing --out DIR", "write --out DIR, the folder that gets index.html");

        std::vector<report::ReportDataset> read;
        for (const std::string& d : datasets) {
            if (!quiet) std::fprintf(stderr, "synthgen report: reading %s\n", d.c_str());
            read.push_back(report::readReportDataset(d));
        }
        auto start = std::chrono::steady_clock::now();
        if (!quiet) options.progress = ProgressBar{};
        options.outDir = out;
        report::ReportResult result = report::writeReport(read, options);
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!quiet)
            std::fprintf(stderr, "synthgen report: %s/index.html (%zu images read in %.1f s%s)\n", out.c_str(), result.imagesRead,
                         seconds, result.unreadable.empty() ? "" : ", some unreadable: see the page's warnings");
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen report: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen report: error: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
