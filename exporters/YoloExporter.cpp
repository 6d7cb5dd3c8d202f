// YOLO labels in the Ultralytics layout (https://docs.ultralytics.com/datasets/detect/,
// /segment/, /pose/): one labels/<stem>.txt per images/<stem>.<ext>, one row per instance,
// class index = position in DatasetInfo::categories, coordinates normalized by the image size
// on pixel edges (a box covering columns x0..x1-1 has center (x0 + x1) / 2 / W, width (x1 - x0) / W).
#include "core/Text.h"
#include "exporters/FormatExporter.h"
#include "exporters/InstanceMasks.h"

#include <algorithm>
#include <cctype>

namespace sg {

namespace {

// The name of the mirror keypoint (left <-> right), or "" when the name has no side.
std::string mirrorName(const std::string& name) {
    std::string l = asciiLower(name);
    const std::pair<std::string, std::string> swaps[] = {{"left", "right"}, {"right", "left"}};
    for (auto& [a, b] : swaps) {
        auto pos = l.find(a);
        if (pos != std::string::npos) return l.substr(0, pos) + b + l.substr(pos + a.size());
    }
    return "";
}

class YoloExporter : public FormatExporter {
public:
    std::string name() const override { return "yolo"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        const int W = f.labels.width, H = f.labels.height;
        const std::string& task = f.options.yoloTask;
        size_t kptCount = 0;
        for (const Category& c : f.info.categories) kptCount = std::max(kptCount, c.keypoints.size());
        std::string text;
        for (const InstanceLabel& l : f.labels.instances) {
            int cls = -1;
            for (size_t c = 0; c < f.info.categories.size(); ++c)
                if (f.info.categories[c].id == l.categoryId) cls = int(c);
            if (cls < 0) continue;
            std::string row = std::to_string(cls);
            if (task == "segment") {
                Polygon poly = singlePolygon(visiblePolygons(labelIdImage(f.buffers, l), l));
                for (auto v : poly) row += " " + fixed6(double(v.x) / W) + " " + fixed6(double(v.y) / H);
            } else {
                row += " " + fixed6(0.5 * (l.box.x0 + l.box.x1) / W) + " " + fixed6(0.5 * (l.box.y0 + l.box.y1) / H) + " " +
                       fixed6(double(l.box.width()) / W) + " " + fixed6(double(l.box.height()) / H);
                if (task == "pose") {
                    const Category& cat = f.info.categories[size_t(cls)];
                    for (size_t k = 0; k < kptCount; ++k) {
                        const KeypointLabel* found = nullptr;
                        if (k < cat.keypoints.size())
                            for (const auto& kp : l.keypoints)
                                if (kp.name == cat.keypoints[k]) found = &kp;
                        int v = found ? found->cocoVisibility() : 0;
                        if (v == 0) {
                            row += " 0.000000 0.000000 0";
                        } else {
                            // Pixel-edge coordinates: pixel center u sits at u + 0.5.
                            row += " " + fixed6((found->pixel.x + 0.5) / W) + " " + fixed6((found->pixel.y + 0.5) / H) + " " +
                                   std::to_string(v);
                        }
                    }
                }
            }
            text += row + "\n";
        }
        writeFrameText(f.root, "labels/" + f.stem + ".txt", text, f.files);
        record["yolo"] = {{"image", f.rgbPath}, {"val", isValFrame(f.frame, f.info.seed, f.options.valFraction)}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        info_ = &ctx.info;
        options_ = &ctx.options;
        train_.clear();
        val_.clear();
    }

    void addFrame(const nlohmann::json& record) override {
        const auto& y = record.at("yolo");
        std::string line = "./" + y.at("image").get<std::string>() + "\n";
        (y.at("val").get<bool>() ? val_ : train_) += line;
    }

    nlohmann::json endFinish() override {
        writeTextCreatingDirs(root_, "train.txt", train_);
        bool separateVal = options_->valFraction > 0;
        if (separateVal) writeTextCreatingDirs(root_, "val.txt", val_);
        // No `path:` key: Ultralytics then resolves train/val against this file's folder, so the
        // dataset stays valid when moved (an absolute path would also differ between shards/merge).
        std::string yaml = "# synthgen " + info_->version + " (Ultralytics YOLO dataset)\n";
        yaml += "train: train.txt\n";
        yaml += std::string("val: ") + (separateVal ? "val.txt" : "train.txt") + "\n";
        yaml += "nc: " + std::to_string(info_->categories.size()) + "\n";
        yaml += "names:\n";
        for (size_t c = 0; c < info_->categories.size(); ++c)
            yaml += "  " + std::to_string(c) + ": " + nlohmann::json(info_->categories[c].name).dump() + "\n";
        if (options_->yoloTask == "pose") {
            // All categories share one keypoint layout in YOLO; use the longest list.
            const Category* widest = nullptr;
            for (const Category& c : info_->categories)
                if (!widest || c.keypoints.size() > widest->keypoints.size()) widest = &c;
            size_t n = widest ? widest->keypoints.size() : 0;
            yaml += "kpt_shape: [" + std::to_string(n) + ", 3]\n";
            yaml += "flip_idx: [";
            for (size_t k = 0; k < n; ++k) {
                size_t mirror = k;
                std::string m = mirrorName(widest->keypoints[k]);
                for (size_t j = 0; j < n && !m.empty(); ++j)
                    if (asciiLower(widest->keypoints[j]) == m) mirror = j;
                yaml += (k ? ", " : "") + std::to_string(mirror);
            }
            yaml += "]\n";
        }
        writeTextCreatingDirs(root_, "data.yaml", yaml);
        nlohmann::json entry{
            {"data", "data.yaml"}, {"labels", "labels/{frame:06d}.txt"}, {"train", "train.txt"}, {"task", options_->yoloTask}};
        if (separateVal) entry["val"] = "val.txt";
        return entry;
    }

private:
    std::filesystem::path root_;
    const DatasetInfo* info_ = nullptr;
    const ExportOptions* options_ = nullptr;
    std::string train_, val_;
};

}  // namespace

std::unique_ptr<FormatExporter> makeYoloExporter() { return std::make_unique<YoloExporter>(); }

}  // namespace sg
