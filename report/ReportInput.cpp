#include "report/ReportInput.h"

#include "core/InputError.h"
#include "core/JsonReader.h"
#include "datasets/DatasetReaders.h"
#include "datasets/Validate.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace fs = std::filesystem;

namespace sg::report {

namespace {

// The synthgen manifest of a DATASET argument (a dataset folder, or a file in it or in its coco/
// folder); empty when there is none (a real dataset).
fs::path findManifest(const fs::path& path) {
    fs::path dir = fs::is_directory(path) ? path : path.parent_path();
    for (const fs::path& candidate : {dir, dir.parent_path()})
        if (fs::exists(candidate / "manifest.json") && fs::exists(candidate / ".synthgen")) return candidate / "manifest.json";
    return {};
}

// validate's findings, one warning per kind: how many, and the first few.
std::vector<std::string> summarizeIssues(const std::vector<DatasetIssue>& issues) {
    std::map<std::string, std::vector<const DatasetIssue*>> byKind;
    for (const DatasetIssue& issue : issues) byKind[issue.kind].push_back(&issue);
    std::vector<std::string> lines;
    for (const auto& [kind, list] : byKind) {
        std::string line = "validate: " + kind + " x " + std::to_string(list.size()) + ": " + list[0]->text();
        for (size_t i = 1; i < std::min<size_t>(list.size(), 3); ++i) line += " | " + list[i]->text();
        lines.push_back(line);
    }
    return lines;
}

struct FrameRecord {
    std::string variant;
    std::vector<std::string> groups;  // groups present in the frame
};

// frames.jsonl: what the generator sampled per frame (variant, groups present), by frame index.
std::map<int64_t, FrameRecord> readFrameRecords(const fs::path& framesFile) {
    std::map<int64_t, FrameRecord> records;
    std::ifstream in(framesFile);
    std::string line;
    while (std::getline(in, line)) {
        Json j = Json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("frame") || !j["frame"].is_number_integer()) continue;
        const Json& sampled = j.contains("sampled") && j["sampled"].is_object() ? j["sampled"] : j;
        FrameRecord& r = records[j["frame"].get<int64_t>()];
        for (const Json* holder : {static_cast<const Json*>(&j), &sampled})
            if (holder->contains("variant") && (*holder)["variant"].is_string()) r.variant = (*holder)["variant"].get<std::string>();
        if (sampled.contains("groups") && sampled["groups"].is_object())
            for (const auto& [name, g] : sampled["groups"].items())
                if (g.is_object() && g.value("present", false)) r.groups.push_back(name);
    }
    return records;
}

std::optional<double> numberIn(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

ReportAnnotation flatten(const DatasetAnnotation& a, size_t image, size_t category) {
    ReportAnnotation r;
    r.id = a.sourceId;
    r.image = image;
    r.category = category;
    if (a.box) {
        r.x = a.box->x;
        r.y = a.box->y;
        r.w = a.box->w;
        r.h = a.box->h;
    }
    r.area = a.area.value_or(r.w * r.h);
    r.visibleFraction = numberIn(a.extra, "visib_fract");
    r.truncation = numberIn(a.extra, "truncation");
    if (auto pose = a.extra.find("pose"); pose != a.extra.end() && pose->is_object() && pose->contains("t") &&
                                          (*pose)["t"].is_array() && (*pose)["t"].size() == 3 && (*pose)["t"][2].is_number())
        r.distance = (*pose)["t"][2].get<double>();
    if (auto parent = a.extra.find("parent_id"); parent != a.extra.end() && parent->is_number_integer())
        r.parentId = parent->get<int64_t>();
    r.keypoints = a.keypoints;
    r.segmentation = a.segmentation;
    r.attributes = a.attributes;
    return r;
}

}  // namespace

ReportDataset readReportDataset(const fs::path& path) {
    if (!fs::exists(path))
        throw InputError(path.string(), "", "no such file or folder",
                         "give a dataset folder, a COCO json file, a YOLO data.yaml or a VOC folder");
    Dataset source = readDataset(path);
    fs::path manifest = findManifest(path);
    ReportDataset d;
    d.source = path;
    // Named after its folder; a json file after its stem, or its dataset folder when the stem says nothing.
    fs::path normal = fs::absolute(path).lexically_normal();
    if (!normal.has_filename()) normal = normal.parent_path();
    d.name = fs::is_regular_file(normal) ? normal.stem().string() : normal.filename().string();
    if (fs::is_regular_file(normal) && (d.name == "annotations" || d.name == "instances")) {
        fs::path dir = normal.parent_path();
        d.name = (dir.filename() == "coco" || dir.filename() == "annotations" ? dir.parent_path() : dir).filename().string();
    }
    if (!manifest.empty()) d.manifest = parseJsonFile(manifest);
    std::map<int64_t, FrameRecord> records;
    if (!manifest.empty() && fs::exists(manifest.parent_path() / "frames.jsonl"))
        records = readFrameRecords(manifest.parent_path() / "frames.jsonl");

    std::map<std::string, size_t> categoryIndex;
    for (const DatasetCategory& c : source.categories) {
        categoryIndex[c.name] = d.categories.size();
        d.categories.push_back({c.sourceId, c.name, c.supercategory, c.keypoints});
    }
    for (const DatasetImage& im : source.images) {
        ReportImage image{im.sourceId, im.path, im.fileName, im.width, im.height, {}, {}};
        int64_t frame = im.extra.contains("frame_index") && im.extra["frame_index"].is_number_integer()
                            ? im.extra["frame_index"].get<int64_t>()
                            : im.sourceId - 1;
        if (auto r = records.find(frame); r != records.end()) {
            image.variant = r->second.variant;
            image.groups = r->second.groups;
        }
        for (const DatasetAnnotation& a : im.annotations)
            if (auto c = categoryIndex.find(a.category); c != categoryIndex.end())
                d.annotations.push_back(flatten(a, d.images.size(), c->second));
        d.images.push_back(std::move(image));
    }
    // The reader's issues and validate's checks (masks against boxes left to `synthgen validate`:
    // decoding every mask would cost more than the whole report).
    ValidateResult checked = validateDataset(source, {.checkMasks = false});
    d.warnings = summarizeIssues(checked.issues);
    return d;
}

}  // namespace sg::report
