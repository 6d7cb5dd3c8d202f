// YOLO / Ultralytics reader (docs.ultralytics.com/datasets/detect, /segment, /pose), the mirror
// of exporters/YoloExporter.cpp: rows normalized by the image size on pixel edges; detect
// `c cx cy w h`, segment `c x1 y1 ...` (box = the polygon's bounds, as Ultralytics derives it),
// pose `c cx cy w h x1 y1 v1 ...`. Image sizes come from the image files (YOLO labels hold none).
#include "core/InputError.h"
#include "datasets/DatasetReaders.h"
#include "datasets/SimpleYaml.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

namespace sg {

namespace fs = std::filesystem;

namespace {

bool isImageFile(const fs::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* x : {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp", ".gif", ".tga", ".dng", ".mpo", ".pfm"})
        if (e == x) return true;
    return false;
}

// Ultralytics img2label_paths: the last /images/ becomes /labels/, the extension .txt.
fs::path labelPathFor(const fs::path& image) {
    std::string s = image.string();
    size_t k = s.rfind("/images/");
    if (k != std::string::npos) s.replace(k, 8, "/labels/");
    return fs::path(s).replace_extension(".txt");
}

std::vector<double> parseNumbers(const std::string& line, bool& ok) {
    std::vector<double> v;
    const char* p = line.data();
    const char* end = p + line.size();
    ok = true;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
        if (p >= end) break;
        double x = 0;
        auto r = std::from_chars(p, end, x);
        if (r.ec != std::errc() || !std::isfinite(x)) {
            ok = false;
            return v;
        }
        v.push_back(x);
        p = r.ptr;
        if (p < end && *p != ' ' && *p != '\t' && *p != '\r') {
            ok = false;
            return v;
        }
    }
    return v;
}

class YoloReader {
public:
    YoloReader(const fs::path& yaml, const DatasetReadOptions& options) : yaml_(yaml), options_(options) {}

    Dataset read() {
        Json y = parseSimpleYamlFile(yaml_);
        ds_.format = DatasetFormat::Yolo;
        ds_.source = yaml_.string();
        yamlDir_ = yaml_.parent_path().empty() ? fs::path(".") : yaml_.parent_path();
        ds_.root = resolveRoot(y);
        readNames(y);
        readKeypointShape(y);
        for (auto& [key, value] : y.items())
            if (key != "path" && key != "train" && key != "val" && key != "test" && key != "nc" && key != "names" &&
                key != "kpt_shape" && key != "flip_idx" && key != "kpt_names")
                ds_.extra[key] = value;
        bool anySplit = false;
        for (const char* split : {"train", "val", "test"})
            if (y.contains(split) && !y[split].is_null()) {
                anySplit = true;
                readSplit(split, y[split]);
            }
        ds_.notes = notes_;
        if (!anySplit)
            throw InputError(yaml_.string(), "/train", "no train, val or test entry",
                             "add e.g. 'train: images/train' and 'val: images/val'");
        if (ds_.yoloTask.empty()) ds_.yoloTask = sawPolygon_ ? "segment" : "detect";
        return std::move(ds_);
    }

private:
    void issue(std::string kind, std::string file, std::string entry, std::string message, std::string fix) {
        ds_.issues.push_back({std::move(kind), std::move(file), std::move(entry), std::move(message), std::move(fix)});
    }

    // `path:` as Ultralytics reads it, relative to the yaml's folder here so the dataset can move.
    // A relative `path` that leads nowhere (typically one folder too high, "../datasets/x"
    // written for Ultralytics' datasets_dir) falls back to the yaml's own folder.
    fs::path resolveRoot(const Json& y) {
        if (!y.contains("path") || y["path"].is_null()) return yamlDir_;
        if (!y["path"].is_string()) throw InputError(yaml_.string(), "/path", "'path' is not a string", "write the dataset folder");
        fs::path p = y["path"].get<std::string>();
        fs::path candidate = p.is_absolute() ? p : yamlDir_ / p;
        if (fs::is_directory(candidate)) return candidate;
        notes_.push_back("path '" + p.string() + "' does not exist; using the folder of " + yaml_.string());
        return yamlDir_;
    }

    void readNames(const Json& y) {
        if (!y.contains("names"))
            throw InputError(yaml_.string(), "/names", "missing 'names'", "list the class names, e.g. names: [scratch, dent]");
        const Json& n = y["names"];
        std::map<int64_t, std::string> byIndex;
        if (n.is_array()) {
            for (size_t i = 0; i < n.size(); ++i) byIndex[int64_t(i)] = n[i].is_string() ? n[i].get<std::string>() : n[i].dump();
        } else if (n.is_object()) {
            for (auto& [k, v] : n.items()) {
                char* end = nullptr;
                long long idx = std::strtoll(k.c_str(), &end, 10);
                if (!end || *end || idx < 0)
                    throw InputError(yaml_.string(), "/names/" + k, "class index '" + k + "' is not a whole number >= 0",
                                     "write names as '0: name' lines or as a list");
                byIndex[idx] = v.is_string() ? v.get<std::string>() : v.dump();
            }
        } else {
            throw InputError(yaml_.string(), "/names", "'names' is neither a list nor an index: name map",
                             "write names: [a, b] or '0: a' lines");
        }
        int64_t expected = 0;
        for (auto& [idx, name] : byIndex)
            if (idx != expected++)
                throw InputError(
                    yaml_.string(), "/names",
                    "class indices are not 0.." + std::to_string(byIndex.size() - 1) + " (index " + std::to_string(idx) + ")",
                    "number the classes from 0 without gaps");
        if (y.contains("nc") && !(y["nc"].is_number_integer() && y["nc"].get<int64_t>() == int64_t(byIndex.size())))
            throw InputError(yaml_.string(), "/nc",
                             "nc is " + y["nc"].dump() + " but names lists " + std::to_string(byIndex.size()) + " classes",
                             "make nc equal to the number of names (or remove nc)");
        std::set<std::string> seen;
        for (auto& [idx, name] : byIndex) {
            if (!seen.insert(name).second)
                throw InputError(yaml_.string(), "/names/" + std::to_string(idx), "class name \"" + name + "\" appears twice",
                                 "give every class its own name");
            DatasetCategory c;
            c.name = name;
            c.sourceId = idx;
            auto slash = name.rfind('/');
            c.supercategory = slash == std::string::npos ? name : name.substr(0, slash);
            ds_.categories.push_back(std::move(c));
        }
    }

    void readKeypointShape(const Json& y) {
        if (!y.contains("kpt_shape") || y["kpt_shape"].is_null()) return;
        const Json& k = y["kpt_shape"];
        if (!k.is_array() || k.size() != 2 || !k[0].is_number_integer() || !k[1].is_number_integer() || k[0].get<int>() <= 0 ||
            (k[1].get<int>() != 2 && k[1].get<int>() != 3))
            throw InputError(yaml_.string(), "/kpt_shape", "kpt_shape must be [K, 2] or [K, 3]", "write e.g. kpt_shape: [17, 3]");
        kpts_ = k[0].get<int>();
        kptDims_ = k[1].get<int>();
        ds_.yoloTask = "pose";
        std::vector<std::string> names;
        const Json* kn = y.contains("kpt_names") ? &y["kpt_names"] : nullptr;
        if (kn && kn->is_object() && !kn->empty()) kn = &kn->begin().value();  // {class: [names]}: one schema for all
        if (kn && kn->is_array() && int(kn->size()) == kpts_)
            for (const auto& v : *kn) names.push_back(v.is_string() ? v.get<std::string>() : v.dump());
        else
            for (int i = 0; i < kpts_; ++i) names.push_back(std::to_string(i));
        std::vector<int> flip;
        if (y.contains("flip_idx") && y["flip_idx"].is_array())
            for (const auto& v : y["flip_idx"]) flip.push_back(v.is_number_integer() ? v.get<int>() : -1);
        for (auto& c : ds_.categories) {
            c.keypoints = names;
            c.flipIndex = flip;
        }
    }

    // One train/val/test entry: a folder, a .txt list, or a list of those.
    void readSplit(const std::string& split, const Json& value) {
        std::vector<std::string> entries;
        if (value.is_string()) entries.push_back(value.get<std::string>());
        else if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); }))
            for (const auto& v : value) entries.push_back(v.get<std::string>());
        else
            throw InputError(yaml_.string(), "/" + split, "'" + split + "' must be a path or a list of paths",
                             "write e.g. " + split + ": images/" + split);
        for (const auto& e : entries) {
            fs::path p = resolveEntry(split, e);
            // "val: train.txt" is the usual way to say "no separate val set": read the list once.
            if (!entries_.insert(p.string()).second) {
                notes_.push_back(split + " names " + e + " again; its images are read once, as " + splitOfEntry_[p.string()]);
                continue;
            }
            splitOfEntry_[p.string()] = split;
            std::vector<fs::path> images;
            if (fs::is_directory(p)) {
                for (const auto& f : fs::recursive_directory_iterator(p))
                    if (f.is_regular_file() && isImageFile(f.path())) images.push_back(f.path());
                std::sort(images.begin(), images.end());
            } else {
                std::ifstream in(p);
                std::string line;
                while (std::getline(in, line)) {
                    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
                    if (line.empty()) continue;
                    fs::path ip = line;
                    if (line.rfind("./", 0) == 0) ip = p.parent_path() / line.substr(2);
                    else if (!ip.is_absolute()) ip = p.parent_path() / ip;
                    images.push_back(ip.lexically_normal());
                }
            }
            for (const auto& image : images) addImage(split, image, p);
        }
    }

    fs::path resolveEntry(const std::string& split, const std::string& e) {
        fs::path p = e;
        std::vector<fs::path> tried;
        if (p.is_absolute()) tried.push_back(p);
        else {
            tried.push_back(ds_.root / p);
            tried.push_back(yamlDir_ / p);
            fs::path stripped = p;  // "../images/train" written one folder too high
            while (!stripped.empty() && *stripped.begin() == "..") stripped = stripped.lexically_relative("..");
            if (stripped != p) tried.push_back(yamlDir_ / stripped);
        }
        for (size_t k = 0; k < tried.size(); ++k)
            if (fs::exists(tried[k])) {
                if (k > 0)
                    notes_.push_back(split + " '" + e + "' not found under 'path'; using " + tried[k].lexically_normal().string());
                return tried[k].lexically_normal();
            }
        std::string list;
        for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t.string();
        throw InputError(yaml_.string(), "/" + split, "'" + e + "' not found (looked at " + list + ")",
                         "correct the path; relative paths are resolved against 'path' and the folder of data.yaml");
    }

    void addImage(const std::string& split, const fs::path& image, const fs::path& listedIn) {
        DatasetImage im;
        im.path = image;
        fs::path rel = image.lexically_relative(ds_.root);
        im.fileName = (!rel.empty() && *rel.begin() != "..") ? rel.generic_string() : image.generic_string();
        im.sourceId = int64_t(ds_.images.size());
        im.split = split;
        im.provenance = {yaml_.string(), im.fileName, im.fileName, false};
        if (!seen_.insert(im.path.lexically_normal().string()).second) {
            issue("image_in_two_splits", listedIn.string(), im.fileName,
                  "the image is listed twice (here and in an earlier split or list)",
                  "list each image in one split only (an image in train and val leaks into the evaluation)");
            return;
        }
        std::error_code ec;
        if (!fs::exists(image, ec)) {
            issue("missing_image", listedIn.string(), im.fileName, "image file " + image.string() + " does not exist",
                  "restore the file or remove it from the list");
            return;
        }
        auto size = readImageSize(image);
        if (!size) {
            issue("unreadable_image", image.string(), "", "not a readable image",
                  "replace the file (JPEG, PNG, BMP, TGA, GIF are read)");
            return;
        }
        im.width = size->first;
        im.height = size->second;
        readLabels(im);
        ds_.images.push_back(std::move(im));
    }

    void readLabels(DatasetImage& im) {
        fs::path lp = labelPathFor(im.path);
        std::ifstream in(lp);
        if (!in) return;  // no label file: an image without objects (Ultralytics' background image)
        std::string line;
        int lineNo = 0;
        const double W = im.width, H = im.height;
        while (std::getline(in, line)) {
            ++lineNo;
            std::string entry = "line " + std::to_string(lineNo);
            bool ok = true;
            std::vector<double> v = parseNumbers(line, ok);
            if (ok && v.empty()) continue;
            if (!ok) {
                issue("bad_row", lp.string(), entry, "not a row of numbers: \"" + line.substr(0, 60) + "\"",
                      "write 'class cx cy w h' (or a segment / pose row)");
                continue;
            }
            if (v[0] != std::floor(v[0]) || v[0] < 0 || v[0] >= double(ds_.categories.size())) {
                issue("class_out_of_range", lp.string(), entry,
                      "class " + line.substr(0, line.find(' ')) + " is not in 0.." + std::to_string(ds_.categories.size() - 1) +
                          " (data.yaml names)",
                      "correct the class index or add the class to names");
                continue;
            }
            DatasetAnnotation a;
            a.sourceId = lineNo;
            a.category = ds_.categories[size_t(v[0])].name;
            if (kpts_ > 0) {
                if (v.size() != size_t(5 + kpts_ * kptDims_)) {
                    issue("bad_row", lp.string(), entry,
                          "a pose row has " + std::to_string(v.size()) + " numbers, kpt_shape needs " +
                              std::to_string(5 + kpts_ * kptDims_),
                          "write 'class cx cy w h' and K keypoints of " + std::to_string(kptDims_) + " numbers");
                    continue;
                }
                a.box = BoxXYWH{(v[1] - v[3] / 2) * W, (v[2] - v[4] / 2) * H, v[3] * W, v[4] * H};
                for (int k = 0; k < kpts_; ++k) {
                    double x = v[size_t(5 + k * kptDims_)], y = v[size_t(6 + k * kptDims_)];
                    double vis = kptDims_ == 3 ? v[size_t(7 + k * kptDims_)] : (x == 0 && y == 0 ? 0 : 2);
                    a.keypoints.insert(a.keypoints.end(), {x * W, y * H, vis});
                }
            } else if (v.size() == 5) {
                a.box = BoxXYWH{(v[1] - v[3] / 2) * W, (v[2] - v[4] / 2) * H, v[3] * W, v[4] * H};
            } else if (v.size() >= 7 && v.size() % 2 == 1) {
                sawPolygon_ = true;
                std::vector<double> poly;
                double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
                for (size_t i = 1; i + 1 < v.size(); i += 2) {
                    double x = v[i] * W, y = v[i + 1] * H;
                    poly.push_back(x);
                    poly.push_back(y);
                    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
                }
                a.box = BoxXYWH{x0, y0, x1 - x0, y1 - y0};
                a.segmentation.kind = Segmentation::Kind::Polygons;
                a.segmentation.polygons.push_back(std::move(poly));
            } else {
                issue("bad_row", lp.string(), entry,
                      "a row with " + std::to_string(v.size()) + " numbers is neither a box (5) nor a polygon (1 + 2n, n >= 3)",
                      "write 'class cx cy w h' or 'class x1 y1 x2 y2 x3 y3 ...'");
                continue;
            }
            im.annotations.push_back(std::move(a));
        }
    }

    fs::path yaml_, yamlDir_;
    DatasetReadOptions options_;
    Dataset ds_;
    int kpts_ = 0, kptDims_ = 3;
    bool sawPolygon_ = false;
    std::set<std::string> seen_;
    std::set<std::string> entries_;
    std::map<std::string, std::string> splitOfEntry_;
    std::vector<std::string> notes_;
};

}  // namespace

Dataset readYoloDataset(const fs::path& dataYaml, const DatasetReadOptions& options) { return YoloReader(dataYaml, options).read(); }

}  // namespace sg
