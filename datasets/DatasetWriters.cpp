#include "datasets/DatasetWriters.h"

#include "core/AtomicFile.h"
#include "core/InputError.h"
#include "datasets/Masks.h"
#include "datasets/SimpleXml.h"
#include "exporters/Contours.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace sg {

namespace fs = std::filesystem;

std::string formatCoordinate(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10f", v);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}

namespace {

// Images grouped by split, in dataset order ("" = no split).
std::map<std::string, std::vector<size_t>> imagesBySplit(const Dataset& ds) {
    std::map<std::string, std::vector<size_t>> out;
    for (size_t i = 0; i < ds.images.size(); ++i) out[ds.images[i].split].push_back(i);
    return out;
}

void note(WriteNotes& notes, const std::string& format, const std::string& what, size_t count) {
    if (count) notes.push_back(format + ": " + what + " (" + std::to_string(count) + " annotations)");
}

// Whole numbers written as integers (10, not 10.0), so COCO files read and written again keep their text.
nlohmann::json number(double v) {
    if (v == std::floor(v) && std::fabs(v) < 9.0e15) return int64_t(v);
    return v;
}

nlohmann::json numbers(const std::vector<double>& values) {
    nlohmann::json a = nlohmann::json::array();
    for (double v : values) a.push_back(number(v));
    return a;
}

nlohmann::json provenanceJson(const Provenance& p) {
    return {{"source", p.source}, {"original_file", p.originalFile}, {"original_id", p.originalId}, {"synthetic", p.synthetic}};
}

}  // namespace

std::vector<fs::path> writeCocoFiles(const Dataset& ds, const fs::path& root, const fs::path& dir, const DatasetWriteOptions& options,
                                     WriteNotes& notes) {
    nlohmann::json categories = nlohmann::json::array();
    std::map<std::string, int> categoryId;
    for (size_t i = 0; i < ds.categories.size(); ++i) {
        const DatasetCategory& c = ds.categories[i];
        nlohmann::json j = c.extra;
        j["id"] = int(i + 1);
        j["name"] = c.name;
        j["supercategory"] = c.supercategory.empty() ? c.name : c.supercategory;
        if (!c.keypoints.empty()) {
            j["keypoints"] = c.keypoints;
            nlohmann::json sk = nlohmann::json::array();
            for (auto [a, b] : c.skeleton) sk.push_back({a, b});
            j["skeleton"] = sk;
        }
        categories.push_back(j);
        categoryId[c.name] = int(i + 1);
    }
    std::vector<fs::path> files;
    int64_t annotationId = 0;
    // Image ids count over the whole dataset (in dataset order), so they stay unique across splits.
    std::vector<int64_t> imageId(ds.images.size());
    for (size_t i = 0; i < ds.images.size(); ++i) imageId[i] = int64_t(i + 1);
    for (const auto& [split, indices] : imagesBySplit(ds)) {
        nlohmann::json out = ds.extra;
        nlohmann::json images = nlohmann::json::array(), annotations = nlohmann::json::array();
        for (size_t i : indices) {
            const DatasetImage& im = ds.images[i];
            nlohmann::json j = im.extra;
            j["id"] = imageId[i];
            j["file_name"] = im.fileName;
            j["width"] = im.width;
            j["height"] = im.height;
            if (options.provenance && !im.provenance.source.empty()) j["provenance"] = provenanceJson(im.provenance);
            images.push_back(std::move(j));
            for (const DatasetAnnotation& a : im.annotations) {
                auto cat = categoryId.find(a.category);
                if (cat == categoryId.end()) throw std::logic_error("writeCocoFiles: annotation of unknown category " + a.category);
                nlohmann::json aj = a.extra;
                aj["id"] = ++annotationId;
                aj["image_id"] = imageId[i];
                aj["category_id"] = cat->second;
                if (a.box) aj["bbox"] = numbers({a.box->x, a.box->y, a.box->w, a.box->h});
                aj["iscrowd"] = a.iscrowd ? 1 : 0;
                if (a.area) aj["area"] = number(*a.area);
                Segmentation asRle;
                if (options.polygonsToRle && a.segmentation.kind == Segmentation::Kind::Polygons) {
                    asRle.kind = Segmentation::Kind::Rle;
                    asRle.rle = encodeRle(rasterizePolygons(a.segmentation.polygons, im.width, im.height));
                }
                const Segmentation& s = asRle.kind == Segmentation::Kind::Rle ? asRle : a.segmentation;
                if (s.kind == Segmentation::Kind::Polygons) {
                    nlohmann::json polys = nlohmann::json::array();
                    for (const auto& p : s.polygons) polys.push_back(numbers(p));
                    aj["segmentation"] = polys;
                } else if (s.kind == Segmentation::Kind::Rle) {
                    nlohmann::json counts = s.compressed ? nlohmann::json(rleToString(s.rle)) : nlohmann::json(s.rle.counts);
                    aj["segmentation"] = {{"size", {s.rle.height, s.rle.width}}, {"counts", counts}};
                }
                if (!a.keypoints.empty()) {
                    aj["keypoints"] = numbers(a.keypoints);
                    int labeled = 0;
                    for (size_t k = 2; k < a.keypoints.size(); k += 3) labeled += a.keypoints[k] > 0;
                    aj["num_keypoints"] = labeled;
                }
                if (!a.attributes.empty()) aj["attributes"] = a.attributes;
                annotations.push_back(std::move(aj));
            }
        }
        out["images"] = std::move(images);
        out["annotations"] = std::move(annotations);
        out["categories"] = categories;
        fs::path file = dir / (split.empty() ? "annotations.json" : "instances_" + split + ".json");
        fs::create_directories(dir);
        writeFileAtomic(file, out.dump());
        files.push_back(file);
    }
    (void)root;
    (void)notes;
    return files;
}

namespace {

// Several polygons as one YOLO row: each ring closed and joined to the first by a zero-width
// bridge (there and back), which adds no area under the even-odd rule.
std::vector<double> joinPolygons(const std::vector<std::vector<double>>& polys) {
    std::vector<double> out;
    for (size_t k = 0; k < polys.size(); ++k) {
        const auto& p = polys[k];
        out.insert(out.end(), p.begin(), p.end());
        if (polys.size() > 1) out.insert(out.end(), {p[0], p[1]});     // close this ring
        if (k > 0) out.insert(out.end(), {polys[0][0], polys[0][1]});  // back along the bridge
    }
    return out;
}

std::vector<double> maskPolygon(const Rle& rle) {
    auto mask = decodeRle(rle);
    if (!mask) return {};
    Polygon single = singlePolygon(polygonsWithBridgedHoles(traceContours(*mask)));
    std::vector<double> out;
    for (auto v : single) out.insert(out.end(), {double(v.x), double(v.y)});
    return out;
}

// The keypoint names every YOLO pose row follows (one list for all classes), or none.
std::vector<std::string> yoloKeypointSchema(const Dataset& ds, const DatasetCategory** owner) {
    std::vector<std::string> schema;
    for (const auto& c : ds.categories) {
        if (c.keypoints.empty()) continue;
        if (schema.empty()) {
            schema = c.keypoints;
            *owner = &c;
        } else if (c.keypoints != schema) {
            throw InputError("", "",
                             "YOLO pose holds one keypoint list for all classes, but \"" + (*owner)->name + "\" has " +
                                 std::to_string(schema.size()) + " keypoints and \"" + c.name + "\" has a different list",
                             "write COCO (--formats coco), or give the categories the same keypoint names");
        }
    }
    return schema;
}

}  // namespace

void writeYoloFiles(const Dataset& ds, const fs::path& root, const DatasetWriteOptions& options, WriteNotes& notes) {
    const DatasetCategory* schemaOwner = nullptr;
    std::vector<std::string> schema = yoloKeypointSchema(ds, &schemaOwner);
    bool anyMask = false;
    size_t crowds = 0;
    for (const auto& im : ds.images)
        for (const auto& a : im.annotations) {
            anyMask |= a.segmentation.kind != Segmentation::Kind::None;
            crowds += a.iscrowd;
        }
    if (crowds && !options.dropCrowd)
        throw InputError("", "", std::to_string(crowds) + " crowd regions (iscrowd 1) cannot be written as YOLO rows",
                         "pass --drop-crowd to leave them out of the YOLO labels, or write COCO");
    const std::string task = !schema.empty() ? "pose" : anyMask ? "segment" : "detect";
    std::map<std::string, size_t> classIndex;
    for (size_t i = 0; i < ds.categories.size(); ++i) classIndex[ds.categories[i].name] = i;
    size_t attributes = 0, rectangles = 0, dropped = 0;
    std::map<std::string, std::string> lists;
    for (const auto& im : ds.images) {
        std::string rows;
        const double W = im.width, H = im.height;
        for (const auto& a : im.annotations) {
            if (a.iscrowd) {
                ++dropped;
                continue;
            }
            attributes += !a.attributes.empty() || !a.extra.empty();
            BoxXYWH b = a.box.value_or(BoxXYWH{});
            std::string row = std::to_string(classIndex.at(a.category));
            auto add = [&](double v) { row += " " + formatCoordinate(v); };
            if (task == "segment") {
                std::vector<double> poly;
                if (a.segmentation.kind == Segmentation::Kind::Polygons) poly = joinPolygons(a.segmentation.polygons);
                else if (a.segmentation.kind == Segmentation::Kind::Rle) poly = maskPolygon(a.segmentation.rle);
                if (poly.size() < 6) {
                    ++rectangles;
                    poly = {b.x, b.y, b.x + b.w, b.y, b.x + b.w, b.y + b.h, b.x, b.y + b.h};
                }
                for (size_t k = 0; k < poly.size(); k += 2) add(poly[k] / W), add(poly[k + 1] / H);
            } else {
                add((b.x + b.w / 2) / W), add((b.y + b.h / 2) / H), add(b.w / W), add(b.h / H);
                if (task == "pose") {
                    for (size_t k = 0; k < schema.size(); ++k) {
                        bool has = 3 * k + 2 < a.keypoints.size() && a.keypoints[3 * k + 2] > 0;
                        if (has)
                            add(a.keypoints[3 * k] / W), add(a.keypoints[3 * k + 1] / H),
                                row += " " + formatCoordinate(a.keypoints[3 * k + 2]);
                        else row += " 0 0 0";
                    }
                }
            }
            rows += row + "\n";
        }
        fs::path imagePath = root / im.fileName;
        std::string s = imagePath.string();
        size_t k = s.rfind("/images/");
        if (k == std::string::npos) throw std::logic_error("writeYoloFiles: image " + im.fileName + " is not under an images/ folder");
        s.replace(k, 8, "/labels/");
        fs::path labelPath = fs::path(s).replace_extension(".txt");
        fs::create_directories(labelPath.parent_path());
        writeFileAtomic(labelPath, rows);
        lists[im.split.empty() ? "train" : im.split] += "./" + im.fileName + "\n";
    }
    note(notes, "yolo", "attributes and extra fields have no place in YOLO rows; left out", attributes);
    note(notes, "yolo", "boxes without a mask written as rectangle polygons (segment task)", rectangles);
    note(notes, "yolo", "crowd regions left out (--drop-crowd)", dropped);
    std::string yaml = "# Ultralytics YOLO dataset written by synthgen mix (" + task + ")\n";
    for (const auto& [split, text] : lists) {
        writeFileAtomic(root / (split + ".txt"), text);
        yaml += split + ": " + split + ".txt\n";
    }
    if (!lists.count("val")) yaml += "val: train.txt\n";
    yaml += "nc: " + std::to_string(ds.categories.size()) + "\nnames:\n";
    for (size_t i = 0; i < ds.categories.size(); ++i)
        yaml += "  " + std::to_string(i) + ": " + nlohmann::json(ds.categories[i].name).dump() + "\n";
    if (!schema.empty()) {
        yaml += "kpt_shape: [" + std::to_string(schema.size()) + ", 3]\n";
        if (schemaOwner->flipIndex.size() == schema.size()) {
            yaml += "flip_idx: [";
            for (size_t i = 0; i < schema.size(); ++i) yaml += (i ? ", " : "") + std::to_string(schemaOwner->flipIndex[i]);
            yaml += "]\n";
        }
        yaml += "kpt_names: " + nlohmann::json(schema).dump() + "\n";
    }
    writeFileAtomic(root / "data.yaml", yaml);
}

namespace {

std::string jsonText(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    if (v.is_number()) return formatCoordinate(v.get<double>());
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    return v.dump();
}

// The inverse of the VOC reader's elementJson: objects become nested elements, lists repeat.
void appendXml(std::string& x, const std::string& name, const nlohmann::json& v, const std::string& indent) {
    if (v.is_array()) {
        for (const auto& e : v) appendXml(x, name, e, indent);
    } else if (v.is_object()) {
        x += indent + "<" + name + ">\n";
        for (auto& [k, e] : v.items()) appendXml(x, k, e, indent + "  ");
        x += indent + "</" + name + ">\n";
    } else {
        x += indent + "<" + name + ">" + xmlEscape(jsonText(v)) + "</" + name + ">\n";
    }
}

}  // namespace

void writeVocFiles(const Dataset& ds, const fs::path& root, const fs::path& dir, const DatasetWriteOptions& options,
                   WriteNotes& notes) {
    size_t masks = 0, keypoints = 0, dropped = 0, crowds = 0;
    for (const auto& im : ds.images)
        for (const auto& a : im.annotations) crowds += a.iscrowd;
    if (crowds && !options.dropCrowd)
        throw InputError("", "", std::to_string(crowds) + " crowd regions (iscrowd 1) cannot be written as VOC objects",
                         "pass --drop-crowd to leave them out of the VOC labels, or write COCO");
    std::set<std::string> stems;
    std::map<std::string, std::string> lists;
    fs::create_directories(dir / "Annotations");
    for (const auto& im : ds.images) {
        fs::path file = im.fileName;
        std::string stem = file.stem().string();
        if (!stems.insert(stem).second)
            throw InputError("", "", "two images are named " + stem + " (VOC names annotation files by image stem)",
                             "give the images distinct names");
        fs::path folder = (root / file).parent_path().lexically_relative(dir.parent_path());
        std::string x = "<annotation>\n";
        x += "  <folder>" + xmlEscape(folder.generic_string()) + "</folder>\n";
        x += "  <filename>" + xmlEscape(file.filename().string()) + "</filename>\n";
        nlohmann::json size = {{"width", im.width}, {"height", im.height}, {"depth", 3}};
        nlohmann::json imageExtra = im.extra;
        for (auto& [k, v] : im.extra.items())
            if (k.rfind("size.", 0) == 0) {
                size[k.substr(5)] = v;
                imageExtra.erase(k);
            }
        imageExtra.erase("voc_stem");
        for (auto& [k, v] : imageExtra.items())
            if (v.is_string() || v.is_number() || v.is_object() || v.is_array()) appendXml(x, k, v, "  ");
        appendXml(x, "size", size, "  ");
        for (const auto& a : im.annotations) {
            if (a.iscrowd) {
                ++dropped;
                continue;
            }
            masks += a.segmentation.kind != Segmentation::Kind::None;
            keypoints += !a.keypoints.empty();
            BoxXYWH b = a.box.value_or(BoxXYWH{});
            x += "  <object>\n    <name>" + xmlEscape(a.category) + "</name>\n";
            for (auto& [k, v] : a.attributes.items()) appendXml(x, k, v, "    ");
            nlohmann::json box = {{"xmin", b.x + 1}, {"ymin", b.y + 1}, {"xmax", b.x + b.w}, {"ymax", b.y + b.h}};
            for (auto& [k, v] : a.extra.items())
                if (k.rfind("bndbox.", 0) == 0) box[k.substr(7)] = v;
                else appendXml(x, k, v, "    ");
            x += "    <bndbox>\n";
            for (const char* k : {"xmin", "ymin", "xmax", "ymax"})
                x += std::string("      <") + k + ">" + formatCoordinate(box[k].get<double>()) + "</" + k + ">\n";
            for (auto& [k, v] : box.items())
                if (k != "xmin" && k != "ymin" && k != "xmax" && k != "ymax") appendXml(x, k, v, "      ");
            x += "    </bndbox>\n  </object>\n";
        }
        x += "</annotation>\n";
        writeFileAtomic(dir / "Annotations" / (stem + ".xml"), x);
        lists[im.split.empty() ? "train" : im.split] += stem + "\n";
    }
    note(notes, "voc", "masks have no place in VOC XML; left out", masks);
    note(notes, "voc", "keypoints have no place in VOC XML; left out", keypoints);
    note(notes, "voc", "crowd regions left out (--drop-crowd)", dropped);
    fs::create_directories(dir / "ImageSets" / "Main");
    for (const auto& [split, text] : lists) writeFileAtomic(dir / "ImageSets" / "Main" / (split + ".txt"), text);
    if (lists.count("train") || lists.count("val"))
        writeFileAtomic(dir / "ImageSets" / "Main" / "trainval.txt", lists["train"] + lists["val"]);
}

}  // namespace sg
