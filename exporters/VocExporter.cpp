// Pascal VOC XML annotations (VOC2012 devkit, "Annotation" section): one voc/Annotations/<stem>.xml
// per image. VOC boxes are 1-based inclusive pixel indices: a box covering 0-based columns
// x0..x1-1 is written xmin = x0 + 1, xmax = x1 (docs/formats.md).
#include "exporters/FormatExporter.h"

namespace sg {

// Objects seen less than this are "difficult" (VOC: hard to recognize without context).
constexpr double kVocDifficultVisibleFraction = 0.25;

namespace {

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

class VocExporter : public FormatExporter {
public:
    std::string name() const override { return "voc"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        std::string x = "<annotation>\n";
        std::filesystem::path rgb(f.rgbPath);
        x += "  <folder>" + xmlEscape(rgb.parent_path().string()) + "</folder>\n";
        x += "  <filename>" + xmlEscape(rgb.filename().string()) + "</filename>\n";
        x += "  <source><database>synthgen</database></source>\n";
        x += "  <size><width>" + std::to_string(f.labels.width) + "</width><height>" + std::to_string(f.labels.height) +
             "</height><depth>3</depth></size>\n";
        x += "  <segmented>0</segmented>\n";
        for (const InstanceLabel& l : f.labels.instances) {
            std::string name = l.category >= 0 && l.category < int(f.scene.categories.size())
                                   ? f.scene.categories[size_t(l.category)].name
                                   : std::to_string(l.categoryId);
            x += "  <object>\n";
            x += "    <name>" + xmlEscape(name) + "</name>\n";
            x += "    <pose>Unspecified</pose>\n";
            x += "    <truncated>" + std::string(l.truncated ? "1" : "0") + "</truncated>\n";
            x += "    <occluded>" + std::string(l.visibleFraction < 1.0 ? "1" : "0") + "</occluded>\n";
            x += "    <difficult>" + std::string(l.visibleFraction < kVocDifficultVisibleFraction ? "1" : "0") + "</difficult>\n";
            x += "    <bndbox><xmin>" + std::to_string(l.box.x0 + 1) + "</xmin><ymin>" + std::to_string(l.box.y0 + 1) +
                 "</ymin><xmax>" + std::to_string(l.box.x1) + "</xmax><ymax>" + std::to_string(l.box.y1) + "</ymax></bndbox>\n";
            x += "  </object>\n";
        }
        x += "</annotation>\n";
        writeFrameText(f.root, "voc/Annotations/" + f.stem + ".xml", x, f.files);
        record["voc"] = {{"stem", f.stem}, {"val", isValFrame(f.frame, f.info.seed, f.options.valFraction)}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        separateVal_ = ctx.options.valFraction > 0;
        train_.clear();
        val_.clear();
        all_.clear();
    }

    void addFrame(const nlohmann::json& record) override {
        const auto& v = record.at("voc");
        std::string line = v.at("stem").get<std::string>() + "\n";
        all_ += line;
        (v.at("val").get<bool>() ? val_ : train_) += line;
    }

    nlohmann::json endFinish() override {
        writeTextCreatingDirs(root_, "voc/ImageSets/Main/trainval.txt", all_);
        writeTextCreatingDirs(root_, "voc/ImageSets/Main/train.txt", separateVal_ ? train_ : all_);
        writeTextCreatingDirs(root_, "voc/ImageSets/Main/val.txt", separateVal_ ? val_ : all_);
        return {{"annotations", "voc/Annotations/{frame:06d}.xml"}, {"image_sets", "voc/ImageSets/Main"}};
    }

private:
    std::filesystem::path root_;
    bool separateVal_ = false;
    std::string train_, val_, all_;
};

}  // namespace

std::unique_ptr<FormatExporter> makeVocExporter() { return std::make_unique<VocExporter>(); }

}  // namespace sg
