// `classify`: image classification in the ImageNet folder layout that torchvision's
// datasets.ImageFolder and Ultralytics' classify mode read (docs/formats.md, "classify"):
//   classify/{train,val,test}/<class>/<stem>.png   one folder per class, per split
//   classify/multilabel.csv                         image path, one 0/1 column per tag
//   classify/crops.jsonl                            per-part crops: provenance of every crop
// Images are links to images/ (or crops/), placed at finish: the classes of the "rarest" rule
// depend on the whole dataset, and a merge rebuilds the layout from the frame records.
#include "exporters/FormatExporter.h"
#include "exporters/ImageTags.h"
#include "exporters/PartCrops.h"

#include "core/InputError.h"

#include <algorithm>
#include <map>
#include <set>

namespace sg {

namespace {

// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string fileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

class ClassifyExporter : public FormatExporter {
public:
    std::string name() const override { return "classify"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        if (f.options.inspection.partCrops) writePartCrops(f, record);
        record["classify"] = {{"image", f.rgbPath}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        info_ = &ctx.info;
        options_ = &ctx.options.inspection;
        imageClasses_ = &ctx.imageClasses;
        items_.clear();
        std::filesystem::remove_all(root_ / "classify");  // everything in it is rebuilt from the records
    }

    void addFrame(const nlohmann::json& record) override {
        int64_t frame = record.at("frame");
        std::string split = splitOf(frame, *info_, options_->splitShares);
        if (!options_->partCrops) {
            items_.push_back({frame, split, record.at("classify").at("image"),
                              record.at("image_labels").at("tags").get<std::vector<std::string>>(), imageClasses_->at(frame),
                              nullptr});
            return;
        }
        for (const auto& crop : record.at("part_crops"))
            items_.push_back({frame, split, crop.at("image"), crop.at("tags").get<std::vector<std::string>>(), "", crop});
    }

    nlohmann::json endFinish() override {
        if (options_->partCrops) {
            std::vector<std::vector<std::string>> tags;
            for (const Item& it : items_) tags.push_back(it.tags);
            std::vector<std::string> classes = assignClasses(tags, options_->classRule, info_->categories);
            for (size_t k = 0; k < items_.size(); ++k) items_[k].cls = classes[k];
        }
        std::map<std::string, std::string> folderOf = classFolders();
        std::set<std::string> allTags;
        for (const Item& it : items_) allTags.insert(it.tags.begin(), it.tags.end());

        std::string csv = "image";
        for (const auto& t : allTags) csv += "," + csvField(t);
        csv += "\n";
        std::string cropsTable;
        nlohmann::json counts = nlohmann::json::object();
        for (const Item& it : items_) {
            std::string inLayout = it.split + "/" + folderOf.at(it.cls) + "/" + fileName(it.image);
            linkDatasetFile(root_, it.image, "classify/" + inLayout);
            nlohmann::json& inSplit = counts[it.split];
            inSplit[folderOf.at(it.cls)] = inSplit.is_object() ? inSplit.value(folderOf.at(it.cls), 0) + 1 : 1;
            csv += csvField(inLayout);
            for (const auto& t : allTags) csv += std::binary_search(it.tags.begin(), it.tags.end(), t) ? ",1" : ",0";
            csv += "\n";
            if (!it.crop.is_null()) {
                nlohmann::json row = it.crop;
                row["image"] = inLayout;
                row["source"] = it.crop.at("image");
                row["frame"] = it.frame;
                row["class"] = it.cls;
                row.erase("mask");
                cropsTable += row.dump() + "\n";
            }
        }
        writeTextCreatingDirs(root_, "classify/multilabel.csv", csv);
        nlohmann::json classes = nlohmann::json::object();
        for (const auto& [cls, folder] : folderOf) classes[folder] = cls;
        nlohmann::json entry{{"root", "classify"},
                             {"layout", "ImageFolder: <split>/<class folder>/<image>"},
                             {"classes", classes},
                             {"counts", counts},
                             {"multilabel", "classify/multilabel.csv"},
                             {"tags", allTags},
                             {"class_rule", options_->classRule},
                             {"split_shares", options_->splitShares},
                             {"images", options_->partCrops ? "part crops" : "frames"}};
        if (options_->partCrops) {
            writeTextCreatingDirs(root_, "classify/crops.jsonl", cropsTable);
            entry["crops"] = "classify/crops.jsonl";
        }
        return entry;
    }

private:
    struct Item {
        int64_t frame;
        std::string split, image;
        std::vector<std::string> tags;  // sorted
        std::string cls;
        nlohmann::json crop;  // the part_crops row, or null for a whole frame
    };

    // Class -> its folder name; two classes must not share a folder.
    std::map<std::string, std::string> classFolders() const {
        std::map<std::string, std::string> folderOf, classOf;
        for (const Item& it : items_) {
            std::string folder = safeClassName(it.cls);
            auto [at, added] = classOf.emplace(folder, it.cls);
            if (!added && at->second != it.cls)
                throw InputError("", "/categories",
                                 "the classes \"" + at->second + "\" and \"" + it.cls + "\" both become the folder \"" + folder + "\"",
                                 "rename one of the categories so they differ in letters, digits, '.', '_' or '-'");
            folderOf[it.cls] = folder;
        }
        return folderOf;
    }

    std::filesystem::path root_;
    const DatasetInfo* info_ = nullptr;
    const InspectionOptions* options_ = nullptr;
    const std::map<int64_t, std::string>* imageClasses_ = nullptr;
    std::vector<Item> items_;
};

}  // namespace

std::unique_ptr<FormatExporter> makeClassifyExporter() { return std::make_unique<ClassifyExporter>(); }

}  // namespace sg
