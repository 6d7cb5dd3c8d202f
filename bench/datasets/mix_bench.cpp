// mix_bench [RUNS] [DIR]: builds a real COCO set (10,000 images, 100,000 polygon annotations)
// and a synthgen-style set (10,000 images, 100,000 compressed-RLE annotations), then times
// mixDatasets (read both, map categories, split, hard-link the images, write COCO) RUNS times
// and prints each run and the median. Image files are hard links to one photo-sized JPEG and
// one PNG (the bench measures the mix, not the disk's write speed for 20,000 distinct files).
#include "core/AtomicFile.h"
#include "datasets/Mix.h"
#include "exporters/ImageEncoding.h"
#include "exporters/Rle.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr int kImages = 10000, kPerImage = 10, W = 640, H = 480;

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void writeBytes(const fs::path& p, const std::vector<uint8_t>& bytes) { sg::writeFileAtomic(p, std::span<const uint8_t>(bytes)); }

fs::path makeReal(const fs::path& root) {
    sg::ImageU8 rgb(W, H, 3, 90);
    fs::create_directories(root / "images");
    writeBytes(root / "photo.jpg", sg::encodeJpeg(rgb, 90));
    json images = json::array(), anns = json::array();
    int64_t id = 1;
    for (int i = 0; i < kImages; ++i) {
        std::string name = "real_" + std::to_string(i) + ".jpg";
        fs::create_hard_link(root / "photo.jpg", root / "images" / name);
        images.push_back({{"id", i + 1}, {"file_name", name}, {"width", W}, {"height", H}, {"video_id", i / 20}});
        for (int k = 0; k < kPerImage; ++k) {
            double x = 10 + 60 * k, y = 20 + (i % 300);
            anns.push_back({{"id", id++},
                            {"image_id", i + 1},
                            {"category_id", k % 2 ? 7 : 3},
                            {"bbox", {x, y, 40, 30}},
                            {"area", 1200},
                            {"iscrowd", 0},
                            {"segmentation", {{x, y, x + 40, y, x + 40, y + 30, x + 20, y + 35, x, y + 30}}}});
        }
    }
    json cats = json::array(
        {{{"id", 3}, {"name", "scratch"}, {"supercategory", "defect"}}, {{"id", 7}, {"name", "dent"}, {"supercategory", "defect"}}});
    sg::writeFileAtomic(root / "annotations.json", json{{"images", images}, {"annotations", anns}, {"categories", cats}}.dump());
    return root / "annotations.json";
}

fs::path makeSynthetic(const fs::path& root) {
    fs::create_directories(root / "images");
    fs::create_directories(root / "coco");
    fs::create_directories(root / ".synthgen");
    sg::writeFileAtomic(root / "manifest.json", "{}");
    writeBytes(root / "frame.png", sg::encodePng(sg::ImageU8(W, H, 3, 120)));
    json images = json::array(), anns = json::array();
    int64_t id = 1;
    for (int i = 0; i < kImages; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "images/%06d.png", i);
        fs::create_hard_link(root / "frame.png", root / name);
        images.push_back({{"id", i + 1}, {"file_name", name}, {"width", W}, {"height", H}, {"frame_index", i}});
        for (int k = 0; k < kPerImage; ++k) {
            int x0 = 5 + 60 * k, y0 = 10 + (i % 400), w = 40, h = 50;
            sg::Rle r{H, W, {}};  // a w x h box: column-major runs
            r.counts.push_back(uint32_t(x0 * H + y0));
            for (int c = 0; c < w; ++c) {
                r.counts.push_back(uint32_t(h));
                r.counts.push_back(uint32_t(c + 1 < w ? H - h : W * H - (x0 + c) * H - y0 - h));
            }
            anns.push_back({{"id", id++},
                            {"image_id", i + 1},
                            {"category_id", k % 2 + 1},
                            {"bbox", {x0, y0, w, h}},
                            {"area", w * h},
                            {"iscrowd", 0},
                            {"segmentation", {{"size", {H, W}}, {"counts", sg::rleToString(r)}}},
                            {"instance_id", k + 1}});
        }
    }
    json cats = json::array({{{"id", 1}, {"name", "defect/dent"}, {"supercategory", "defect"}},
                             {{"id", 2}, {"name", "defect/scratch"}, {"supercategory", "defect"}}});
    sg::writeFileAtomic(root / "coco" / "annotations.json",
                        json{{"images", images}, {"annotations", anns}, {"categories", cats}}.dump());
    return root;
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    fs::path dir = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "synthgen-mix-bench";
    fs::remove_all(dir);
    auto t0 = std::chrono::steady_clock::now();
    fs::path real = makeReal(dir / "real");
    fs::path synthetic = makeSynthetic(dir / "synthetic");
    std::printf("mix_bench: sources written in %.1f s: %d real + %d synthetic images, %d annotations\n", seconds(t0), kImages, kImages,
                2 * kImages * kPerImage);
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        sg::MixOptions o;
        o.sources = {synthetic.string(), real.string()};
        o.out = dir / "out";
        fs::remove_all(o.out);
        o.valFraction = 0.1;
        o.files = sg::FileMode::Hardlink;
        auto t = std::chrono::steady_clock::now();
        sg::MixReport report = sg::mixDatasets(o);
        times.push_back(seconds(t));
        std::printf("mix_bench: run %d: %.2f s (train %zu + %zu, val %zu real)\n", r + 1, times.back(),
                    report.splits["train"].synthetic, report.splits["train"].real, report.splits["val"].real);
    }
    std::sort(times.begin(), times.end());
    std::printf(
        "mix_bench: median %.2f s over %d runs (10,000 real + 10,000 synthetic images, 200,000 annotations, hard links, COCO out)\n",
        times[times.size() / 2], runs);
    fs::remove_all(dir);
    return 0;
}
