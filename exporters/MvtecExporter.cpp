// `mvtec`: the MVTec AD folder layout (Bergmann et al., CVPR 2019) that anomalib's MVTec and
// Folder data modules read (docs/formats.md, "mvtec"):
//   mvtec/<object>/train/good/<stem>.png                     good images for training
//   mvtec/<object>/test/good/<stem>.png                      the held-out share of good images
//   mvtec/<object>/test/<defect_type>/<stem>.png             defective images
//   mvtec/<object>/ground_truth/<defect_type>/<stem>_mask.png  0/255, the union of its defects
// <object> is InspectionOptions::mvtecObject for whole frames, the part's category for crops.
// <defect_type> is the defect family without "defect/" ("crack"), or "combined" when an image
// holds several families (as in MVTec AD's own objects). With crops, mvtec/crops.jsonl keeps each
// crop's provenance (frame, instance, boxes), as classify/crops.jsonl does.
#include "exporters/FormatExporter.h"
#include "exporters/ImageEncoding.h"
#include "exporters/ImageTags.h"
#include "exporters/PartCrops.h"

#include <set>

namespace sg {

namespace {

std::string defectType(const std::vector<std::string>& tags) {
    std::set<std::string> families;
    for (const auto& t : tags)
        if (isDefectCategory(t)) families.insert(defectFamily(t));
    if (families.size() > 1) return "combined";
    return families.empty() ? "" : safeClassName(families.begin()->substr(std::string("defect/").size()));
}

std::string stemOf(const std::string& path) { return std::filesystem::path(path).stem().string(); }
std::string extensionOf(const std::string& path) { return std::filesystem::path(path).extension().string(); }

class MvtecExporter : public FormatExporter {
public:
    std::string name() const override { return "mvtec"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        if (f.options.inspection.partCrops) {
            writePartCrops(f, record);  // writes the crops' masks too
            return;
        }
        nlohmann::json entry{{"image", f.rgbPath}, {"mask", nullptr}};
        if (hasDefectTag(record.at("image_labels").at("tags").get<std::vector<std::string>>())) {
            std::string mask = "defect_masks/" + f.stem + ".png";
            ImageU8 m = defectUnionMask(f.buffers, labeledDefectIds(f.labels, f.info.categories));
            writeFrameFile(f.root, mask, encodePng(m, PngFilter::None, PngCompression::Runs), f.files);
            entry["mask"] = mask;
        }
        record["mvtec"] = std::move(entry);
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        info_ = &ctx.info;
        options_ = &ctx.options.inspection;
        objects_ = nlohmann::json::object();
        cropsTable_.clear();
        std::filesystem::remove_all(root_ / "mvtec");  // everything in it is rebuilt from the records
    }

    void addFrame(const nlohmann::json& record) override {
        int64_t frame = record.at("frame");
        if (!options_->partCrops) {
            const auto& e = record.at("mvtec");
            place(frame, options_->mvtecObject, e.at("image"), e.at("mask"), record.at("image_labels").at("tags"));
            return;
        }
        for (const auto& crop : record.at("part_crops")) {
            const Category* c = categoryWithId(info_->categories, crop.at("category_id"));
            auto [image, mask] = place(frame, c ? c->name : "part", crop.at("image"), crop.at("mask"), crop.at("tags"));
            nlohmann::json row = crop;
            row["image"] = image;
            row["mask"] = mask.empty() ? nlohmann::json(nullptr) : nlohmann::json(mask);
            row["source"] = crop.at("image");
            row["frame"] = frame;
            cropsTable_ += row.dump() + "\n";
        }
    }

    nlohmann::json endFinish() override {
        if (options_->partCrops) writeTextCreatingDirs(root_, "mvtec/crops.jsonl", cropsTable_);
        return {{"root", "mvtec"},
                {"crops", options_->partCrops ? nlohmann::json("mvtec/crops.jsonl") : nlohmann::json(nullptr)},
                {"layout", "MVTec AD: <object>/{train/good, test/<type>, ground_truth/<type>/<stem>_mask.png}"},
                {"objects", objects_},
                {"good_test_share", options_->mvtecGoodTestShare},
                {"images", options_->partCrops ? "part crops" : "frames"}};
    }

private:
    // Links one image (and its mask) into its object's folders and counts it; returns their paths
    // relative to mvtec/ (mask "" when it has none).
    std::pair<std::string, std::string> place(int64_t frame, const std::string& object, const std::string& image,
                                              const nlohmann::json& mask, const nlohmann::json& tags) {
        std::string folder = safeClassName(object);
        std::string type = defectType(tags.get<std::vector<std::string>>());
        std::string dir = !type.empty()                                              ? "test/" + type
                          : goodHeldOut(frame, *info_, options_->mvtecGoodTestShare) ? "test/good"
                                                                                     : "train/good";
        std::string imageIn = folder + "/" + dir + "/" + stemOf(image) + extensionOf(image), maskIn;
        linkDatasetFile(root_, image, "mvtec/" + imageIn);
        if (!type.empty() && mask.is_string()) {
            maskIn = folder + "/ground_truth/" + type + "/" + stemOf(image) + "_mask.png";
            linkDatasetFile(root_, mask.get<std::string>(), "mvtec/" + maskIn);
        }
        nlohmann::json& o = objects_[folder];
        o["name"] = object;
        o[dir] = o.value(dir, 0) + 1;
        return {imageIn, maskIn};
    }

    std::filesystem::path root_;
    const DatasetInfo* info_ = nullptr;
    const InspectionOptions* options_ = nullptr;
    nlohmann::json objects_;
    std::string cropsTable_;  // mvtec/crops.jsonl: one row per crop, as classify/crops.jsonl
};

}  // namespace

std::unique_ptr<FormatExporter> makeMvtecExporter() { return std::make_unique<MvtecExporter>(); }

}  // namespace sg
