// Which reader a SOURCE needs, and synthgen's own datasets read as what they are (synthetic).
#include "core/InputError.h"
#include "datasets/DatasetReaders.h"

#include <algorithm>
#include <set>

namespace sg {

namespace fs = std::filesystem;

namespace {

// COCO files a dataset folder holds in the usual places: annotations/instances_*.json (COCO's
// own), annotations.json or _annotations.coco.json (dataset hubs), coco/annotations.json (synthgen).
std::vector<fs::path> cocoFilesIn(const fs::path& dir) {
    for (const char* folder : {"annotations", "coco"}) {  // coco/instances_<split>.json: a `synthgen mix` output
        std::vector<fs::path> files;
        if (fs::is_directory(dir / folder))
            for (const auto& f : fs::directory_iterator(dir / folder)) {
                std::string n = f.path().filename().string();
                if (f.path().extension() == ".json" && (n.rfind("instances_", 0) == 0 || n.rfind("person_keypoints_", 0) == 0))
                    files.push_back(f.path());
            }
        std::sort(files.begin(), files.end());
        if (!files.empty()) return files;
    }
    for (const char* name : {"coco/annotations.json", "annotations.json", "_annotations.coco.json", "annotations/annotations.json"})
        if (fs::is_regular_file(dir / name)) return {dir / name};
    return {};
}

// The synthgen dataset folder a path belongs to (manifest.json beside it or one level up).
bool isSynthgenDataset(const fs::path& datasetDir) {
    return fs::is_regular_file(datasetDir / "manifest.json") && fs::is_directory(datasetDir / ".synthgen");
}

void appendDataset(Dataset& into, Dataset&& part) {
    for (auto& c : part.categories)
        if (!into.findCategory(c.name)) into.categories.push_back(std::move(c));
    for (auto& im : part.images) into.images.push_back(std::move(im));
    for (auto& i : part.issues) into.issues.push_back(std::move(i));
    for (auto& n : part.notes) into.notes.push_back(std::move(n));
}

void markSynthetic(Dataset& ds) {
    ds.synthetic = true;
    for (auto& im : ds.images) im.provenance.synthetic = true;
}

}  // namespace

std::pair<DatasetFormat, fs::path> detectDatasetSource(const fs::path& source) {
    std::error_code ec;
    if (!fs::exists(source, ec))
        throw InputError(source.string(), "", "no such file or folder",
                         "give a dataset folder, a COCO JSON file, a YOLO data.yaml or a VOC folder");
    if (fs::is_regular_file(source)) {
        std::string ext = source.extension().string();
        if (ext == ".json") return {DatasetFormat::Coco, source};
        if (ext == ".yaml" || ext == ".yml") return {DatasetFormat::Yolo, source};
        throw InputError(source.string(), "", "not a dataset file (expected .json for COCO or .yaml for YOLO)",
                         "give a COCO JSON file, a YOLO data.yaml, or the dataset's folder");
    }
    if (isSynthgenDataset(source)) {
        if (auto files = cocoFilesIn(source); !files.empty()) return {DatasetFormat::Coco, files.front()};
        if (fs::is_regular_file(source / "data.yaml")) return {DatasetFormat::Yolo, source / "data.yaml"};
        if (fs::is_directory(source / "voc" / "Annotations")) return {DatasetFormat::Voc, source / "voc"};
    }
    // A folder with several exports (a `synthgen mix` output) is read through COCO, the richest.
    if (auto files = cocoFilesIn(source); !files.empty()) return {DatasetFormat::Coco, files.front()};
    if (fs::is_directory(source / "Annotations")) return {DatasetFormat::Voc, source};
    if (fs::is_regular_file(source / "data.yaml")) return {DatasetFormat::Yolo, source / "data.yaml"};
    if (fs::is_directory(source / "voc" / "Annotations")) return {DatasetFormat::Voc, source / "voc"};
    throw InputError(source.string(), "",
                     "no dataset found here (looked for data.yaml, Annotations/, annotations/instances_*.json, annotations.json, "
                     "coco/annotations.json)",
                     "give the COCO JSON file, the data.yaml or the VOC folder itself");
}

Dataset readDataset(const fs::path& source, const DatasetReadOptions& options) {
    auto [format, file] = detectDatasetSource(source);
    Dataset ds;
    std::set<std::string> filesRead{file.string()};
    if (format == DatasetFormat::Coco && fs::is_directory(source)) {
        // A COCO folder may hold one file per split (instances_train2017.json, instances_val2017.json).
        std::vector<fs::path> files = cocoFilesIn(source);
        for (const auto& f : files) filesRead.insert(f.string());
        ds = readCocoDataset(files.front(), options);
        for (size_t i = 1; i < files.size(); ++i) appendDataset(ds, readCocoDataset(files[i], options));
    } else if (format == DatasetFormat::Coco) {
        ds = readCocoDataset(file, options);
    } else if (format == DatasetFormat::Yolo) {
        ds = readYoloDataset(file, options);
    } else {
        ds = readVocDataset(file, options);
    }
    ds.source = source.string();
    for (auto& im : ds.images)
        if (filesRead.count(im.provenance.source)) im.provenance.source = ds.source;  // not one a mix recorded
    fs::path datasetDir = fs::is_directory(source) ? source : file.parent_path();
    if (isSynthgenDataset(datasetDir) || isSynthgenDataset(datasetDir.parent_path())) markSynthetic(ds);
    return ds;
}

}  // namespace sg
