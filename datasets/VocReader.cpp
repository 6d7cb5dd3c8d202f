// Pascal VOC reader (VOC2012 devkit annotation format), the mirror of exporters/VocExporter.cpp:
// bndbox holds 1-based inclusive pixel indices, so xmin..xmax become the pixel-edge box
// [xmin - 1, xmax]. pose/truncated/difficult/occluded become attributes; every other element
// of an object or of the annotation is kept (as text, nested elements as objects) in `extra`.
#include "core/InputError.h"
#include "core/JsonReader.h"
#include "datasets/DatasetReaders.h"
#include "datasets/SimpleXml.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>

namespace sg {

namespace fs = std::filesystem;

namespace {

// A child element's value under its name; a repeated element (VOC's <part>s) becomes a list
// (elementJson itself never returns one).
void addElement(Json& o, const std::string& name, Json v) {
    if (!o.contains(name)) o[name] = std::move(v);
    else if (o[name].is_array()) o[name].push_back(std::move(v));
    else o[name] = Json::array({o[name], std::move(v)});
}

// An element's content as JSON: text (a number when it reads as one) or, with children, an object.
Json elementJson(const XmlElement& e) {
    if (e.children.empty()) {
        double d = 0;
        const char* b = e.text.data();
        const char* end = b + e.text.size();
        auto r = std::from_chars(b, end, d);
        if (!e.text.empty() && r.ec == std::errc() && r.ptr == end && e.text.find_first_not_of("-0123456789") == std::string::npos) {
            long long i = 0;
            std::from_chars(b, end, i);
            return i;
        }
        return e.text;
    }
    Json o = Json::object();
    for (const auto& c : e.children) {
        Json v = elementJson(c);
        addElement(o, c.name, std::move(v));
    }
    return o;
}

std::optional<double> numberOf(const std::string& s) {
    double d = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), d);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

class VocReader {
public:
    VocReader(const fs::path& folder, const DatasetReadOptions& options) : root_(folder), options_(options) {}

    Dataset read() {
        fs::path annotations = root_ / "Annotations";
        if (!fs::is_directory(annotations))
            throw InputError(root_.string(), "", "no Annotations/ folder",
                             "give the VOC folder that holds Annotations/ (and JPEGImages/)");
        ds_.format = DatasetFormat::Voc;
        ds_.source = root_.string();
        ds_.root = root_;
        readSplits();
        std::vector<fs::path> files;
        for (const auto& f : fs::directory_iterator(annotations))
            if (f.is_regular_file() && f.path().extension() == ".xml") files.push_back(f.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) readFile(f);
        std::sort(ds_.categories.begin(), ds_.categories.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
        for (size_t i = 0; i < ds_.categories.size(); ++i) ds_.categories[i].sourceId = int64_t(i);
        return std::move(ds_);
    }

private:
    void issue(std::string kind, std::string file, std::string entry, std::string message, std::string fix) {
        ds_.issues.push_back({std::move(kind), std::move(file), std::move(entry), std::move(message), std::move(fix)});
    }

    // ImageSets/Main/{train,val,test}.txt: the split of each stem (trainval is train + val).
    void readSplits() {
        for (const char* split : {"train", "val", "test"}) {
            std::ifstream in(root_ / "ImageSets" / "Main" / (std::string(split) + ".txt"));
            std::string line;
            while (std::getline(in, line)) {
                std::string stem = line.substr(0, line.find_first_of(" \t\r"));
                if (!stem.empty()) splitOf_[stem] = split;
            }
        }
    }

    fs::path findImage(const std::string& folder, const std::string& filename) {
        for (const fs::path& p : {root_ / "JPEGImages" / filename, root_.parent_path() / folder / filename, root_ / folder / filename,
                                  root_ / filename, root_ / "images" / filename})
            if (fs::exists(p)) return p;
        return root_ / "JPEGImages" / filename;
    }

    void readFile(const fs::path& file) {
        XmlElement doc = parseXmlFile(file);  // not well-formed: an InputError naming the line
        if (doc.name != "annotation") {
            issue("bad_entry", file.string(), "<" + doc.name + ">", "the root element is not <annotation>",
                  "use the VOC annotation layout");
            return;
        }
        DatasetImage im;
        std::string filename = doc.childText("filename");
        if (filename.empty()) {
            issue("bad_entry", file.string(), "<annotation>", "no <filename>", "add the image's file name");
            return;
        }
        std::string folder = doc.childText("folder");
        im.path = options_.imageRoot.empty() ? findImage(folder, filename) : options_.imageRoot / filename;
        fs::path rel = im.path.lexically_relative(root_);
        im.fileName = (!rel.empty() && *rel.begin() != "..") ? rel.generic_string() : im.path.generic_string();
        im.sourceId = int64_t(ds_.images.size());
        std::string stem = file.stem().string();
        im.split = splitOf_.count(stem) ? splitOf_[stem] : "";
        im.provenance = {root_.string(), im.fileName, stem, false};
        const XmlElement* size = doc.child("size");
        auto w = size ? numberOf(size->childText("width")) : std::nullopt;
        auto h = size ? numberOf(size->childText("height")) : std::nullopt;
        if (!w || !h || *w <= 0 || *h <= 0) {
            issue("bad_entry", file.string(), "<size>", "width and height must be positive numbers",
                  "write the image's pixel size in <size>");
            return;
        }
        im.width = int(*w);
        im.height = int(*h);
        if (options_.readImageHeaders && !checkImage(im, file)) return;
        int objectIndex = 0;
        for (const auto& c : doc.children) {
            if (c.name == "object") {
                readObject(c, im, file, objectIndex++);
            } else if (c.name != "filename" && c.name != "folder" && c.name != "size") {
                addElement(im.extra, c.name, elementJson(c));
            }
        }
        if (size)
            for (const auto& c : size->children)
                if (c.name != "width" && c.name != "height") im.extra["size." + c.name] = elementJson(c);
        im.extra["voc_stem"] = stem;
        ds_.images.push_back(std::move(im));
    }

    bool checkImage(const DatasetImage& im, const fs::path& file) {
        if (!fs::exists(im.path)) {
            issue("missing_image", file.string(), "<filename>", "image file " + im.path.string() + " does not exist",
                  "restore the file (VOC keeps images in JPEGImages/) or pass --images DIR");
            return false;
        }
        auto s = readImageSize(im.path);
        if (!s) {
            issue("unreadable_image", file.string(), "<filename>", "image file " + im.path.string() + " is not a readable image",
                  "replace the file");
            return false;
        }
        if (s->first != im.width || s->second != im.height) {
            issue("image_size_mismatch", file.string(), "<size>",
                  "labels say " + std::to_string(im.width) + "x" + std::to_string(im.height) + ", the file is " +
                      std::to_string(s->first) + "x" + std::to_string(s->second),
                  "correct <size> (and the boxes, if the image was resized)");
            return false;
        }
        return true;
    }

    void readObject(const XmlElement& o, DatasetImage& im, const fs::path& file, int index) {
        std::string entry = "<object> " + std::to_string(index + 1) + " (line " + std::to_string(o.line) + ")";
        std::string name = o.childText("name");
        if (name.empty()) {
            issue("bad_entry", file.string(), entry, "an object without <name>", "add the class name");
            return;
        }
        const XmlElement* b = o.child("bndbox");
        std::optional<double> v[4];
        const char* keys[4] = {"xmin", "ymin", "xmax", "ymax"};
        for (int k = 0; k < 4 && b; ++k) v[k] = numberOf(b->childText(keys[k]));
        if (!b || !v[0] || !v[1] || !v[2] || !v[3] || *v[2] < *v[0] || *v[3] < *v[1]) {
            issue("bad_box", file.string(), entry, "<bndbox> needs numbers xmin <= xmax and ymin <= ymax (1-based inclusive pixels)",
                  "correct the box");
            return;
        }
        DatasetAnnotation a;
        a.sourceId = index;
        a.category = name;
        a.box = BoxXYWH{*v[0] - 1, *v[1] - 1, *v[2] - *v[0] + 1, *v[3] - *v[1] + 1};
        for (const auto& c : o.children) {
            if (c.name == "name" || c.name == "bndbox") continue;
            if (c.name == "pose" || c.name == "truncated" || c.name == "difficult" || c.name == "occluded")
                a.attributes[c.name] = elementJson(c);
            else addElement(a.extra, c.name, elementJson(c));
        }
        for (const auto& c : b->children)
            if (c.name != "xmin" && c.name != "ymin" && c.name != "xmax" && c.name != "ymax")
                a.extra["bndbox." + c.name] = elementJson(c);
        if (!names_.count(name)) {
            names_.insert(name);
            DatasetCategory cat;
            cat.name = name;
            auto slash = name.rfind('/');
            cat.supercategory = slash == std::string::npos ? name : name.substr(0, slash);
            ds_.categories.push_back(std::move(cat));
        }
        im.annotations.push_back(std::move(a));
    }

    fs::path root_;
    DatasetReadOptions options_;
    Dataset ds_;
    std::map<std::string, std::string> splitOf_;
    std::set<std::string> names_;
};

}  // namespace

Dataset readVocDataset(const fs::path& folder, const DatasetReadOptions& options) { return VocReader(folder, options).read(); }

}  // namespace sg
