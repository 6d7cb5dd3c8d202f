#include "report/ReportInput.h"

#include "core/InputError.h"
#include "core/JsonReader.h"

#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace sg::report {

namespace {

struct Located {
    fs::path cocoFile;
    fs::path root;
    fs::path manifest;  // empty when there is none
};

Located locate(const fs::path& path) {
    if (!fs::exists(path))
        throw InputError(path.string(), "", "no such file or folder", "give a dataset folder or a COCO json file");
    if (fs::is_regular_file(path)) {
        fs::path dir = path.parent_path();
        fs::path root = dir.filename() == "coco" || dir.filename() == "annotations" ? dir.parent_path() : dir;
        fs::path manifest = fs::exists(root / "manifest.json") ? root / "manifest.json" : fs::path();
        return {path, root, manifest};
    }
    for (const char* candidate : {"coco/annotations.json", "annotations.json"})
        if (fs::exists(path / candidate))
            return {path / candidate, path, fs::exists(path / "manifest.json") ? path / "manifest.json" : fs::path()};
    throw InputError(path.string(), "", "no COCO annotations found (looked for coco/annotations.json and annotations.json)",
                     "give a synthgen dataset generated with --formats coco, or the COCO json file itself");
}

double numberOr(const Json& j, const char* key, double fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

ReportSegmentation readSegmentation(const Json& seg) {
    ReportSegmentation s;
    if (seg.is_array()) {
        for (const Json& poly : seg)
            if (poly.is_array()) s.polygons.push_back(poly.get<std::vector<double>>());
    } else if (seg.is_object() && seg.contains("counts") && seg.contains("size")) {
        s.rleHeight = seg["size"][0].get<int>();
        s.rleWidth = seg["size"][1].get<int>();
        const Json& counts = seg["counts"];
        s.runs = counts.is_string() ? decodeRleCounts(counts.get<std::string>()) : counts.get<std::vector<uint32_t>>();
    }
    return s;
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

}  // namespace

std::vector<uint32_t> decodeRleCounts(const std::string& s) {
    std::vector<uint32_t> counts;
    size_t p = 0;
    while (p < s.size()) {
        int64_t x = 0;
        int k = 0;
        bool more = true;
        while (more && p < s.size()) {
            int64_t c = int64_t(s[p]) - 48;
            x |= (c & 0x1f) << (5 * k);
            more = (c & 0x20) != 0;
            ++p;
            ++k;
            if (!more && (c & 0x10)) x |= int64_t(-1) << (5 * k);
        }
        if (counts.size() > 2) x += counts[counts.size() - 2];
        counts.push_back(uint32_t(x));
    }
    return counts;
}

ReportDataset readReportDataset(const fs::path& path) {
    Located where = locate(path);
    ReportDataset d;
    d.source = path;
    d.name = fs::absolute(path).lexically_normal().filename().string();
    if (d.name.empty()) d.name = fs::absolute(path).lexically_normal().parent_path().filename().string();
    if (!where.manifest.empty()) d.manifest = parseJsonFile(where.manifest);
    Json coco = parseJsonFile(where.cocoFile);
    const std::string file = where.cocoFile.string();
    for (const char* key : {"images", "annotations", "categories"})
        if (!coco.contains(key) || !coco[key].is_array())
            throw InputError(file, std::string("/") + key, "missing or not an array", "a COCO file holds images, annotations and categories arrays");

    std::map<int64_t, size_t> categoryIndex, imageIndex;
    for (const Json& c : coco["categories"]) {
        ReportCategory cat;
        cat.id = c.at("id").get<int64_t>();
        cat.name = c.value("name", std::to_string(cat.id));
        cat.supercategory = c.value("supercategory", "");
        if (c.contains("keypoints") && c["keypoints"].is_array()) cat.keypoints = c["keypoints"].get<std::vector<std::string>>();
        categoryIndex[cat.id] = d.categories.size();
        d.categories.push_back(std::move(cat));
    }
    std::map<int64_t, FrameRecord> records;
    if (fs::exists(where.root / "frames.jsonl")) records = readFrameRecords(where.root / "frames.jsonl");
    for (const Json& im : coco["images"]) {
        ReportImage image;
        image.id = im.at("id").get<int64_t>();
        image.fileName = im.value("file_name", "");
        image.file = where.root / image.fileName;
        image.width = im.value("width", 0);
        image.height = im.value("height", 0);
        int64_t frame = im.value("frame_index", image.id - 1);
        if (auto r = records.find(frame); r != records.end()) {
            image.variant = r->second.variant;
            image.groups = r->second.groups;
        }
        imageIndex[image.id] = d.images.size();
        d.images.push_back(std::move(image));
    }
    size_t unknown = 0;
    for (const Json& a : coco["annotations"]) {
        auto im = imageIndex.find(a.value("image_id", int64_t(-1)));
        auto cat = categoryIndex.find(a.value("category_id", int64_t(-1)));
        if (im == imageIndex.end() || cat == categoryIndex.end()) {
            ++unknown;
            continue;
        }
        ReportAnnotation r;
        r.id = a.value("id", int64_t(0));
        r.image = im->second;
        r.category = cat->second;
        if (a.contains("bbox") && a["bbox"].is_array() && a["bbox"].size() == 4) {
            r.x = a["bbox"][0].get<double>();
            r.y = a["bbox"][1].get<double>();
            r.w = a["bbox"][2].get<double>();
            r.h = a["bbox"][3].get<double>();
        }
        r.area = numberOr(a, "area", r.w * r.h);
        if (a.contains("visib_fract")) r.visibleFraction = numberOr(a, "visib_fract", 0);
        if (a.contains("truncation")) r.truncation = numberOr(a, "truncation", 0);
        if (a.contains("pose") && a["pose"].contains("t")) r.distance = a["pose"]["t"][2].get<double>();
        if (a.contains("keypoints") && a["keypoints"].is_array()) r.keypoints = a["keypoints"].get<std::vector<double>>();
        if (a.contains("segmentation")) r.segmentation = readSegmentation(a["segmentation"]);
        if (a.contains("attributes") && a["attributes"].is_object()) r.attributes = a["attributes"];
        if (a.contains("parent_id") && a["parent_id"].is_number_integer()) r.parentId = a["parent_id"].get<int64_t>();
        d.annotations.push_back(std::move(r));
    }
    if (unknown)
        d.warnings.push_back(std::to_string(unknown) + " annotations name an image or category id that the file does not list; they are left out");
    return d;
}

}  // namespace sg::report
