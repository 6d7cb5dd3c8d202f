// COCO reader (cocodataset.org/#format-data), the mirror of exporters/CocoExporter.cpp: boxes are
// already pixel-edge [x, y, w, h], keypoints pixel-edge triplets, masks polygons or RLE. Every
// field this reader does not interpret is kept in `extra` so a COCO -> COCO round trip keeps it.
#include "core/InputError.h"
#include "core/JsonReader.h"
#include "datasets/DatasetReaders.h"
#include "datasets/Masks.h"

#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace sg {

namespace fs = std::filesystem;

namespace {

// COCO ids are integers, sometimes written as 3.0 by tools; anything else is no id.
std::optional<int64_t> idOf(const Json* v) {
    if (!v) return std::nullopt;
    if (v->is_number_integer()) return v->get<int64_t>();
    if (v->is_number_float()) {
        double d = v->get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return int64_t(d);
    }
    return std::nullopt;
}

std::string idText(const Json& entry) {
    auto it = entry.find("id");
    return it != entry.end() ? " (id " + it->dump() + ")" : "";
}

bool finiteNumbers(const Json& a, size_t minSize) {
    if (!a.is_array() || a.size() < minSize) return false;
    for (const auto& v : a)
        if (!v.is_number() || !std::isfinite(v.get<double>())) return false;
    return true;
}

// The split a COCO file name implies: instances_val2017.json -> "val".
std::string splitFromFileName(const std::string& stem) {
    for (const char* s : {"train", "val", "test"})
        if (stem.find(s) != std::string::npos) return s;
    return "";
}

// Folders where the images of a COCO file usually are, most specific first: COCO's own
// annotations/instances_<split>.json beside <split>/ (or images/<split>/); annotations.json
// beside images/ (file names then usually lack the folder); the file inside the image folder;
// a synthgen dataset's coco/ folder (file names start with images/).
std::vector<fs::path> imageRootCandidates(const fs::path& jsonFile) {
    fs::path dir = jsonFile.parent_path();
    if (dir.empty()) dir = ".";
    std::vector<fs::path> c{dir, dir.parent_path(), dir / "images", dir.parent_path() / "images"};
    std::string stem = jsonFile.stem().string();
    auto us = stem.rfind('_');
    if (us != std::string::npos) {
        std::string split = stem.substr(us + 1);
        c.push_back(dir.parent_path() / split);
        c.push_back(dir.parent_path() / "images" / split);
        c.push_back(dir / split);
    }
    return c;
}

fs::path locateImageRoot(const fs::path& jsonFile, const Json& images, const DatasetReadOptions& options) {
    if (!options.imageRoot.empty()) return options.imageRoot;
    std::vector<fs::path> candidates = imageRootCandidates(jsonFile);
    // The first candidate holding any of the first few listed images wins.
    size_t tries = 0;
    for (const auto& im : images) {
        if (!im.is_object() || !im.contains("file_name") || !im["file_name"].is_string()) continue;
        std::string name = im["file_name"].get<std::string>();
        for (const auto& root : candidates)
            if (fs::exists(root / name)) return root;
        if (++tries == 20) break;
    }
    if (tries == 0) return candidates.front();
    std::string tried;
    for (const auto& c : candidates) tried += (tried.empty() ? "" : ", ") + c.string();
    throw InputError(jsonFile.string(), "/images", "none of the first listed images was found (looked under " + tried + ")",
                     "pass the image folder with --images DIR");
}

class CocoReader {
public:
    CocoReader(const fs::path& file, const DatasetReadOptions& options) : file_(file), options_(options) {}

    Dataset read() {
        Json j = parseJsonFile(file_);
        if (!j.is_object())
            throw InputError(file_.string(), "", "a COCO file is a JSON object, this is " + describeJsonType(j),
                             "check that this is a COCO annotation file");
        for (const char* key : {"images", "categories"})
            if (!j.contains(key) || !j[key].is_array())
                throw InputError(
                    file_.string(), std::string("/") + key,
                    j.contains(key) ? std::string("\"") + key + "\" is not an array" : std::string("missing \"") + key + "\" list",
                    "a COCO instances file has \"images\", \"annotations\" and \"categories\" arrays");
        if (j.contains("annotations") && !j["annotations"].is_array())
            throw InputError(file_.string(), "/annotations", "\"annotations\" is not an array", "write it as a list of objects");
        ds_.format = DatasetFormat::Coco;
        ds_.source = file_.string();
        ds_.root = locateImageRoot(file_, j["images"], options_);
        readCategories(j["categories"]);
        readImages(j["images"]);
        if (j.contains("annotations")) readAnnotations(j["annotations"]);
        for (auto& [key, value] : j.items())
            if (key != "images" && key != "annotations" && key != "categories") ds_.extra[key] = value;
        ds_.images = std::move(images_);
        return std::move(ds_);
    }

private:
    void issue(std::string kind, std::string entry, std::string message, std::string fix) {
        ds_.issues.push_back({std::move(kind), file_.string(), std::move(entry), std::move(message), std::move(fix)});
    }

    void readCategories(const Json& list) {
        std::set<std::string> names;
        for (size_t i = 0; i < list.size(); ++i) {
            const Json& c = list[i];
            std::string entry = "/categories/" + std::to_string(i) + (c.is_object() ? idText(c) : "");
            std::optional<int64_t> id = c.is_object() ? idOf(c.contains("id") ? &c["id"] : nullptr) : std::nullopt;
            if (!id || !c.contains("name") || !c["name"].is_string()) {
                issue("bad_entry", entry, "a category needs an integer \"id\" and a string \"name\"", "add them or remove the entry");
                continue;
            }
            DatasetCategory cat;
            cat.sourceId = *id;
            cat.name = c["name"].get<std::string>();
            if (categoryById_.count(*id)) {
                issue("duplicate_id", entry, "category id " + std::to_string(*id) + " is used twice",
                      "give every category its own id");
                continue;
            }
            if (!names.insert(cat.name).second) {
                issue("duplicate_category_name", entry, "category name \"" + cat.name + "\" is used twice",
                      "merge the two categories or rename one");
                continue;
            }
            for (auto& [key, value] : c.items()) {
                if (key == "id" || key == "name") continue;
                if (key == "supercategory" && value.is_string()) cat.supercategory = value.get<std::string>();
                else if (key == "keypoints" && value.is_array() &&
                         std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); }))
                    for (const auto& k : value) cat.keypoints.push_back(k.get<std::string>());
                else if (key == "skeleton" && value.is_array() &&
                         std::all_of(value.begin(), value.end(), [](const Json& e) { return finiteNumbers(e, 2) && e.size() == 2; }))
                    for (const auto& e : value) cat.skeleton.push_back({e[0].get<int>(), e[1].get<int>()});
                else cat.extra[key] = value;
            }
            categoryById_[*id] = ds_.categories.size();
            ds_.categories.push_back(std::move(cat));
        }
    }

    void readImages(const Json& list) {
        std::string split = splitFromFileName(file_.stem().string());
        for (size_t i = 0; i < list.size(); ++i) {
            const Json& im = list[i];
            std::string entry = "/images/" + std::to_string(i) + (im.is_object() ? idText(im) : "");
            std::optional<int64_t> id = im.is_object() ? idOf(im.contains("id") ? &im["id"] : nullptr) : std::nullopt;
            if (!id || !im.contains("file_name") || !im["file_name"].is_string()) {
                issue("bad_entry", entry, "an image needs an integer \"id\" and a string \"file_name\"",
                      "add them or remove the entry");
                continue;
            }
            if (imageById_.count(*id)) {
                issue("duplicate_id", entry, "image id " + std::to_string(*id) + " is used twice", "give every image its own id");
                continue;
            }
            DatasetImage out;
            out.sourceId = *id;
            out.fileName = im["file_name"].get<std::string>();
            out.path = ds_.root / out.fileName;
            out.split = split;
            std::optional<int64_t> w = idOf(im.contains("width") ? &im["width"] : nullptr);
            std::optional<int64_t> h = idOf(im.contains("height") ? &im["height"] : nullptr);
            if (!w || !h || *w <= 0 || *h <= 0 || *w > 1000000 || *h > 1000000) {
                issue("bad_entry", entry, "\"width\" and \"height\" must be positive whole numbers", "write the image's pixel size");
                continue;
            }
            out.width = int(*w);
            out.height = int(*h);
            if (!checkImageFile(out, entry)) {
                imageById_[*id] = SIZE_MAX;  // known but dropped: its annotations go silently with it
                continue;
            }
            for (auto& [key, value] : im.items())
                if (key != "id" && key != "file_name" && key != "width" && key != "height") out.extra[key] = value;
            if (out.extra.contains("video_id")) out.group = "video:" + out.extra["video_id"].dump();
            out.provenance = {file_.string(), out.fileName, std::to_string(*id), false};
            // A dataset written by `synthgen mix` says where each image came from; keep that.
            if (out.extra.contains("provenance") && out.extra["provenance"].is_object()) {
                const Json& p = out.extra["provenance"];
                out.provenance.source = p.value("source", out.provenance.source);
                out.provenance.originalFile = p.value("original_file", out.provenance.originalFile);
                out.provenance.originalId = p.value("original_id", out.provenance.originalId);
                out.provenance.synthetic = p.value("synthetic", false);
                out.extra.erase("provenance");
            }
            imageById_[*id] = images_.size();
            images_.push_back(std::move(out));
        }
    }

    bool checkImageFile(const DatasetImage& im, const std::string& entry) {
        if (!options_.readImageHeaders) return true;
        std::error_code ec;
        if (!fs::exists(im.path, ec)) {
            issue("missing_image", entry, "image file " + im.path.string() + " does not exist",
                  "restore the file, correct \"file_name\", or pass the image folder with --images DIR");
            return false;
        }
        auto size = readImageSize(im.path);
        if (!size) {
            issue("unreadable_image", entry, "image file " + im.path.string() + " is not a readable image",
                  "replace the file (JPEG, PNG, BMP, TGA, GIF are read)");
            return false;
        }
        if (size->first != im.width || size->second != im.height) {
            issue("image_size_mismatch", entry,
                  "labels say " + std::to_string(im.width) + "x" + std::to_string(im.height) + ", the file " + im.path.string() +
                      " is " + std::to_string(size->first) + "x" + std::to_string(size->second),
                  "correct \"width\"/\"height\" (and the labels, if the image was resized)");
            return false;
        }
        return true;
    }

    bool readSegmentation(const Json& s, const DatasetImage& im, DatasetAnnotation& a, const std::string& entry) {
        Segmentation& seg = a.segmentation;
        if (s.is_array()) {
            if (s.empty()) return true;  // no mask
            seg.kind = Segmentation::Kind::Polygons;
            for (const auto& p : s) {
                if (!finiteNumbers(p, 6) || p.size() % 2) {
                    issue("bad_segmentation", entry + "/segmentation",
                          "a polygon must be a list of at least 3 x, y pairs of finite numbers", "fix or remove the polygon");
                    return false;
                }
                seg.polygons.push_back(p.get<std::vector<double>>());
            }
            return true;
        }
        if (!s.is_object() || !s.contains("counts") || !s.contains("size") || !finiteNumbers(s["size"], 2) || s["size"].size() != 2) {
            issue("bad_segmentation", entry + "/segmentation",
                  "segmentation must be a list of polygons or an RLE {\"size\": [h, w], \"counts\": ...}", "fix the entry");
            return false;
        }
        seg.kind = Segmentation::Kind::Rle;
        seg.rle.height = s["size"][0].get<int>();
        seg.rle.width = s["size"][1].get<int>();
        const Json& counts = s["counts"];
        if (counts.is_string()) {
            seg.compressed = true;
            auto c = rleCountsFromString(counts.get<std::string>());
            if (!c) {
                issue("bad_segmentation", entry + "/segmentation/counts", "the RLE counts string is not valid pycocotools encoding",
                      "re-encode the mask with pycocotools mask.encode");
                return false;
            }
            seg.rle.counts = std::move(*c);
        } else if (counts.is_array() && std::all_of(counts.begin(), counts.end(),
                                                    [](const Json& v) { return v.is_number_integer() && v.get<int64_t>() >= 0; })) {
            seg.compressed = false;
            for (const auto& v : counts) seg.rle.counts.push_back(uint32_t(v.get<int64_t>()));
        } else {
            issue("bad_segmentation", entry + "/segmentation/counts", "RLE counts must be a string or a list of non-negative integers",
                  "fix the entry");
            return false;
        }
        if (seg.rle.height != im.height || seg.rle.width != im.width) {
            issue("mask_size_mismatch", entry + "/segmentation/size",
                  "RLE size is " + std::to_string(seg.rle.height) + "x" + std::to_string(seg.rle.width) + " (h x w), the image is " +
                      std::to_string(im.height) + "x" + std::to_string(im.width),
                  "encode the mask at the image's size");
            return false;
        }
        uint64_t total = 0;
        for (uint32_t c : seg.rle.counts) total += c;
        if (total != uint64_t(im.width) * uint64_t(im.height)) {
            issue(
                "bad_segmentation", entry + "/segmentation/counts",
                "RLE runs cover " + std::to_string(total) + " pixels, the image has " + std::to_string(uint64_t(im.width) * im.height),
                "re-encode the mask with pycocotools mask.encode");
            return false;
        }
        return true;
    }

    void readAnnotations(const Json& list) {
        std::set<int64_t> ids;
        for (size_t i = 0; i < list.size(); ++i) {
            const Json& a = list[i];
            std::string entry = "/annotations/" + std::to_string(i) + (a.is_object() ? idText(a) : "");
            if (!a.is_object()) {
                issue("bad_entry", entry, "an annotation is a JSON object, this is " + describeJsonType(a), "fix or remove it");
                continue;
            }
            std::optional<int64_t> id = idOf(a.contains("id") ? &a["id"] : nullptr);
            std::optional<int64_t> imageId = idOf(a.contains("image_id") ? &a["image_id"] : nullptr);
            std::optional<int64_t> categoryId = idOf(a.contains("category_id") ? &a["category_id"] : nullptr);
            if (!id || !imageId || !categoryId) {
                issue("bad_entry", entry, "an annotation needs integer \"id\", \"image_id\" and \"category_id\"",
                      "add them or remove the entry");
                continue;
            }
            if (!ids.insert(*id).second) {
                issue("duplicate_id", entry, "annotation id " + std::to_string(*id) + " is used twice",
                      "give every annotation its own id");
                continue;
            }
            auto im = imageById_.find(*imageId);
            if (im == imageById_.end()) {
                issue("unknown_image_id", entry, "image_id " + std::to_string(*imageId) + " is not in \"images\"",
                      "add the image or remove the annotation");
                continue;
            }
            if (im->second == SIZE_MAX) continue;  // its image was dropped (reported there)
            auto cat = categoryById_.find(*categoryId);
            if (cat == categoryById_.end()) {
                issue("unknown_category", entry, "category_id " + std::to_string(*categoryId) + " is not in \"categories\"",
                      "add the category or correct category_id");
                continue;
            }
            DatasetImage& image = images_[im->second];
            const DatasetCategory& category = ds_.categories[cat->second];
            DatasetAnnotation out;
            out.sourceId = *id;
            out.category = category.name;
            bool ok = true;
            for (auto& [key, value] : a.items()) {
                if (key == "id" || key == "image_id" || key == "category_id" || key == "num_keypoints") continue;
                if (key == "bbox") {
                    if (!finiteNumbers(value, 4) || value.size() != 4 || value[2].get<double>() < 0 || value[3].get<double>() < 0) {
                        issue("bad_box", entry + "/bbox",
                              "bbox must be [x, y, width, height], 4 finite numbers, width and height >= 0", "correct the box");
                        ok = false;
                        break;
                    }
                    out.box = BoxXYWH{value[0].get<double>(), value[1].get<double>(), value[2].get<double>(), value[3].get<double>()};
                } else if (key == "segmentation") {
                    if (!(ok = readSegmentation(value, image, out, entry))) break;
                } else if (key == "iscrowd" && value.is_number_integer() && (value.get<int>() == 0 || value.get<int>() == 1)) {
                    out.iscrowd = value.get<int>() == 1;
                } else if (key == "area" && value.is_number() && std::isfinite(value.get<double>())) {
                    out.area = value.get<double>();
                } else if (key == "keypoints") {
                    if (!finiteNumbers(value, 0) || value.size() % 3 ||
                        (!category.keypoints.empty() && value.size() != 3 * category.keypoints.size())) {
                        issue("bad_keypoints", entry + "/keypoints",
                              "keypoints must be x, y, v triplets, one per keypoint of category \"" + category.name + "\" (" +
                                  std::to_string(category.keypoints.size()) + ")",
                              "write one triplet per name in the category's \"keypoints\"");
                        ok = false;
                        break;
                    }
                    out.keypoints = value.get<std::vector<double>>();
                } else if (key == "attributes" && value.is_object() && !value.empty()) {
                    out.attributes = value;
                } else {
                    out.extra[key] = value;
                }
            }
            if (ok) image.annotations.push_back(std::move(out));
        }
    }

    fs::path file_;
    DatasetReadOptions options_;
    Dataset ds_;
    std::vector<DatasetImage> images_;
    std::unordered_map<int64_t, size_t> imageById_;
    std::unordered_map<int64_t, size_t> categoryById_;
};

}  // namespace

Dataset readCocoDataset(const fs::path& jsonFile, const DatasetReadOptions& options) { return CocoReader(jsonFile, options).read(); }

}  // namespace sg
