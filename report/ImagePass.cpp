#include "report/ImagePass.h"

#include "core/AtomicFile.h"
#include "exporters/ImageEncoding.h"

#include <stb_image.h>
#include <stb_image_resize.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <mutex>
#include <thread>

namespace sg::report {

ImageU8 loadRgb(const std::filesystem::path& file, std::string& error) {
    int w = 0, h = 0, c = 0;
    unsigned char* data = stbi_load(file.c_str(), &w, &h, &c, 3);
    if (!data) {
        error = file.string() + ": " + (stbi_failure_reason() ? stbi_failure_reason() : "cannot be read");
        return {};
    }
    ImageU8 image;
    image.width = w;
    image.height = h;
    image.channels = 3;
    image.pixels.assign(data, data + size_t(w) * size_t(h) * 3);
    stbi_image_free(data);
    return image;
}

ImageU8 resizeImage(const ImageU8& image, int width, int height) {
    ImageU8 out(std::max(width, 1), std::max(height, 1), image.channels);
    stbir_resize_uint8(image.pixels.data(), image.width, image.height, 0, out.pixels.data(), out.width, out.height, 0, image.channels);
    return out;
}

namespace {

ImageU8 cropBox(const ImageU8& image, const ReportAnnotation& a, int cropHeight) {
    int x0 = std::clamp(int(std::floor(a.x)), 0, image.width - 1), y0 = std::clamp(int(std::floor(a.y)), 0, image.height - 1);
    int x1 = std::clamp(int(std::ceil(a.x + a.w)), x0 + 1, image.width),
        y1 = std::clamp(int(std::ceil(a.y + a.h)), y0 + 1, image.height);
    ImageU8 box(x1 - x0, y1 - y0, 3);
    for (int y = y0; y < y1; ++y) std::copy_n(&image.at(x0, y), size_t(x1 - x0) * 3, &box.at(0, y - y0));
    int width = std::clamp(int(std::lround(double(box.width) * cropHeight / box.height)), cropHeight / 4, cropHeight * 2);
    return resizeImage(box, width, cropHeight);
}

}  // namespace

ImagePassResult runImagePass(const std::vector<ReportDataset>& datasets, const std::vector<ImageTask>& tasks,
                             const ImagePassOptions& options) {
    ImagePassResult result;
    result.stats.resize(datasets.size());
    // Each task's statistics land in its own slot, so the order never depends on the threads.
    std::vector<ImageStats> stats(tasks.size());
    std::vector<char> statsValid(tasks.size(), 0);
    std::mutex mutex;
    std::atomic<size_t> next{0};
    size_t done = 0;
    auto doTasks = [&] {
        for (size_t t = next++; t < tasks.size(); t = next++) {
            const ImageTask& task = tasks[t];
            const ReportDataset& d = datasets[task.dataset];
            std::string error;
            ImageU8 image = loadRgb(d.images[task.image].file, error);
            std::map<std::pair<size_t, size_t>, ImageU8> crops;
            std::vector<uint8_t> jpeg;
            if (!image.empty()) {
                if (task.stats) {
                    stats[t] = computeImageStats(image);
                    statsValid[t] = 1;
                }
                if (!task.thumbnail.empty()) {
                    int h = std::max(1, int(std::lround(double(image.height) * options.thumbnailWidth / image.width)));
                    jpeg = encodeJpeg(resizeImage(image, options.thumbnailWidth, h), 85);
                    writeFileAtomic(options.outDir / task.thumbnail, jpeg);
                }
                for (size_t a : task.crops) crops[{task.dataset, a}] = cropBox(image, d.annotations[a], options.cropHeight);
            }
            std::lock_guard lock(mutex);
            if (!error.empty()) result.unreadable.push_back(error);
            result.crops.merge(crops);
            ++done;
            if (options.progress) options.progress(done, tasks.size());
        }
    };
    std::exception_ptr failure;
    auto work = [&] {
        try {
            doTasks();
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            next = tasks.size();
        }
    };
    int threads = options.threads > 0 ? options.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::jthread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back(work);
    work();
    pool.clear();
    if (failure) std::rethrow_exception(failure);
    for (size_t t = 0; t < tasks.size(); ++t)
        if (statsValid[t]) result.stats[tasks[t].dataset].push_back(stats[t]);
    std::sort(result.unreadable.begin(), result.unreadable.end());
    return result;
}

}  // namespace sg::report
