#include "report/Report.h"

#include "core/AtomicFile.h"
#include "exporters/ImageEncoding.h"
#include "report/DatasetAnalysis.h"
#include "report/ImagePass.h"
#include "report/ReportPage.h"

#include <algorithm>
#include <map>
#include <set>

namespace fs = std::filesystem;

namespace sg::report {

namespace {

// `count` indices spread evenly over [0, n) (all of them when count <= 0 or count >= n).
std::vector<size_t> evenlySpread(size_t n, int count) {
    std::vector<size_t> picked;
    if (count <= 0 || size_t(count) >= n) {
        for (size_t i = 0; i < n; ++i) picked.push_back(i);
        return picked;
    }
    for (size_t k = 0; k < size_t(count); ++k) picked.push_back(k * n / size_t(count));
    return picked;
}

// Gallery images: each class in turn, rarest first, adds images that hold it (spread over the
// dataset) until the gallery is full; every class gets at least one image.
std::vector<size_t> chooseGallery(const ReportDataset& d, const DatasetAnalysis& a, int size) {
    std::vector<std::vector<size_t>> imagesOfClass(d.categories.size());
    for (const ReportAnnotation& ann : d.annotations)
        if (imagesOfClass[ann.category].empty() || imagesOfClass[ann.category].back() != ann.image)
            imagesOfClass[ann.category].push_back(ann.image);
    std::vector<size_t> order = classesRarestFirst(d, a);
    size_t classes = std::count_if(order.begin(), order.end(), [&](size_t c) { return !imagesOfClass[c].empty(); });
    size_t perClass = std::max<size_t>(1, classes ? size_t(std::max(size, 1)) / classes : 1);
    std::vector<size_t> gallery;
    std::set<size_t> chosen;
    for (size_t c : order) {
        std::vector<size_t>& images = imagesOfClass[c];
        std::sort(images.begin(), images.end());
        images.erase(std::unique(images.begin(), images.end()), images.end());
        size_t added = 0, want = gallery.size() < size_t(size) ? perClass : 1;
        for (size_t k : evenlySpread(images.size(), int(std::min(images.size(), want * 4)))) {
            if (added >= want) break;
            if (chosen.insert(images[k]).second) {
                gallery.push_back(images[k]);
                ++added;
            }
        }
    }
    if (gallery.empty())  // no annotations at all: show the first images
        for (size_t i = 0; i < std::min<size_t>(d.images.size(), size_t(size)); ++i) gallery.push_back(i);
    return gallery;
}

// Instances cut out for each class's strip: spread over the class, boxes of at least 4 x 4 px.
std::map<size_t, std::vector<size_t>> chooseCrops(const ReportDataset& d, int perClass) {
    std::vector<std::vector<size_t>> ofClass(d.categories.size());
    for (size_t i = 0; i < d.annotations.size(); ++i)
        if (d.annotations[i].w >= 4 && d.annotations[i].h >= 4) ofClass[d.annotations[i].category].push_back(i);
    std::map<size_t, std::vector<size_t>> crops;
    for (size_t c = 0; c < ofClass.size(); ++c)
        for (size_t k : evenlySpread(ofClass[c].size(), perClass)) crops[c].push_back(ofClass[c][k]);
    return crops;
}

// One strip image of crops side by side, 2 px apart on white.
ImageU8 joinCrops(const std::vector<const ImageU8*>& crops) {
    int width = 0, height = 0;
    for (const ImageU8* c : crops) {
        width += c->width + 2;
        height = std::max(height, c->height);
    }
    ImageU8 strip(std::max(width - 2, 1), std::max(height, 1), 3, 255);
    int x = 0;
    for (const ImageU8* c : crops) {
        for (int y = 0; y < c->height; ++y) std::copy_n(&c->at(0, y), size_t(c->width) * 3, &strip.at(x, y));
        x += c->width + 2;
    }
    return strip;
}

}  // namespace

ReportResult writeReport(const std::vector<ReportDataset>& datasets, const ReportOptions& options) {
    fs::create_directories(options.outDir / "thumbs");
    fs::create_directories(options.outDir / "crops");
    std::vector<DatasetPage> pages(datasets.size());
    std::map<std::pair<size_t, size_t>, ImageTask> taskOf;  // (dataset, image) -> task
    std::vector<std::map<size_t, std::vector<size_t>>> cropsOf(datasets.size());
    for (size_t k = 0; k < datasets.size(); ++k) {
        const ReportDataset& d = datasets[k];
        DatasetPage& page = pages[k];
        page.dataset = &d;
        page.analysis = analyzeDataset(d);
        for (size_t i : evenlySpread(d.images.size(), options.statsImages)) taskOf[{k, i}].stats = true;
        page.gallery = chooseGallery(d, page.analysis, options.galleryImages);
        for (size_t i : page.gallery) {
            std::string thumb = "thumbs/d" + std::to_string(k) + "-" + std::to_string(i) + ".jpg";
            taskOf[{k, i}].thumbnail = thumb;
            page.thumbnails.push_back(thumb);
        }
        cropsOf[k] = chooseCrops(d, options.cropsPerClass);
        for (const auto& [category, annotations] : cropsOf[k])
            for (size_t a : annotations) taskOf[{k, d.annotations[a].image}].crops.push_back(a);
    }
    std::vector<ImageTask> tasks;
    for (auto& [key, task] : taskOf) {
        task.dataset = key.first;
        task.image = key.second;
        tasks.push_back(std::move(task));
    }
    ImagePassOptions passOptions{.outDir = options.outDir, .threads = options.threads, .progress = options.progress};
    ImagePassResult pass = runImagePass(datasets, tasks, passOptions);

    std::vector<std::string> warnings;
    for (size_t k = 0; k < datasets.size(); ++k) {
        pages[k].imageStats = std::move(pass.stats[k]);
        for (const std::string& w : datasets[k].warnings) warnings.push_back(datasets[k].name + ": " + w);
        for (const auto& [category, annotations] : cropsOf[k]) {
            std::vector<const ImageU8*> crops;
            for (size_t a : annotations)
                if (auto it = pass.crops.find({k, a}); it != pass.crops.end()) crops.push_back(&it->second);
            if (crops.empty()) continue;
            std::string file = "crops/d" + std::to_string(k) + "-c" + std::to_string(category) + ".jpg";
            writeFileAtomic(options.outDir / file, encodeJpeg(joinCrops(crops), 85));
            pages[k].cropStrips.push_back({category, file, int(crops.size())});
        }
    }
    for (const std::string& u : pass.unreadable) warnings.push_back("unreadable image " + u);
    writeFileAtomic(options.outDir / "index.html", renderReportPage(pages, warnings, options.version));
    return {tasks.size(), pass.unreadable};
}

}  // namespace sg::report
