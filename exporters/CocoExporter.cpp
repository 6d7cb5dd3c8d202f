// COCO detection / keypoint format (https://cocodataset.org/#format-data).
// bbox = [x, y, width, height] on pixel edges (covered columns x..x+width-1); keypoints in the
// same pixel-edge coordinates (pixel center of column u is u + 0.5), v = 0/1/2; segmentation as
// compressed RLE (pycocotools rleToString) or polygons with vertices on pixel corners.
#include "exporters/FormatExporter.h"
#include "exporters/InstanceMasks.h"

#include <map>

namespace sg {

namespace {

nlohmann::json boxJson(const PixelBox& b) { return {b.x0, b.y0, b.width(), b.height()}; }

nlohmann::json rowMajor(const glm::dmat3& R) {
    nlohmann::json j = nlohmann::json::array();
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) j.push_back(R[c][r]);
    return j;
}

class CocoExporter : public FormatExporter {
public:
    std::string name() const override { return "coco"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        nlohmann::json image{
            {"file_name", f.rgbPath}, {"width", f.labels.width}, {"height", f.labels.height}, {"frame_index", f.frame}};
        // Sequences: "COCO video" / TAO fields. video_id = sequence + 1 (ids start at 1 like
        // image ids), frame_id = 0-based frame within the video; track ids are per video.
        if (f.info.sequenceLength > 0) {
            SequencePosition sp = sequencePosition(f.info, f.frame);
            image["video_id"] = sp.sequence + 1;
            image["frame_id"] = sp.frame;
        }
        nlohmann::json annotations = nlohmann::json::array();
        for (size_t k = 0; k < f.labels.instances.size(); ++k) {
            const InstanceLabel& l = f.labels.instances[k];
            nlohmann::json a;
            a["category_id"] = l.categoryId;
            a["bbox"] = boxJson(l.box);
            a["area"] = l.visiblePixels;
            a["iscrowd"] = 0;
            if (f.options.cocoSegmentation == CocoSegmentation::Rle) {
                a["segmentation"] = {{"size", {f.labels.height, f.labels.width}}, {"counts", rleToString(f.visibleRles[k])}};
            } else {
                nlohmann::json polys = nlohmann::json::array();
                for (const Polygon& p : visiblePolygons(labelIdImage(f.buffers, l), l)) {
                    nlohmann::json flat = nlohmann::json::array();
                    for (auto v : p) {
                        flat.push_back(v.x);
                        flat.push_back(v.y);
                    }
                    polys.push_back(flat);
                }
                a["segmentation"] = polys;
            }
            a["instance_id"] = l.instanceId;
            a["object_name"] = l.name;
            a["attributes"] = l.attributes;
            // Resolved to the parent's annotation id (parent_id) when the frame is added.
            if (l.parentInstanceId != 0) a["parent_instance_id"] = l.parentInstanceId;
            a["amodal_bbox"] = boxJson(l.amodalBox);
            a["amodal_area"] = l.amodalPixels;
            a["visib_fract"] = l.visibleFraction;
            a["truncation"] = l.truncation;
            a["pose"] = {{"R", rowMajor(l.R)}, {"t", {l.t.x, l.t.y, l.t.z}}, {"scale", {l.scale.x, l.scale.y, l.scale.z}}};
            if (l.trackId >= 0) a["track_id"] = l.trackId;
            if (l.parentInstanceId != 0) a["parent_instance_id"] = l.parentInstanceId;
            if (f.info.sequenceLength > 0) a["video_id"] = sequencePosition(f.info, f.frame).sequence + 1;
            // Keypoints follow the category's keypoint list; object keypoints are matched by name.
            const Category* cat = l.category >= 0 && l.category < int(f.scene.categories.size())
                                      ? &f.scene.categories[size_t(l.category)]
                                      : nullptr;
            if (cat && !cat->keypoints.empty()) {
                nlohmann::json kps = nlohmann::json::array();
                int labeled = 0;
                for (const std::string& kname : cat->keypoints) {
                    const KeypointLabel* found = nullptr;
                    for (const auto& kp : l.keypoints)
                        if (kp.name == kname) found = &kp;
                    int v = found ? found->cocoVisibility() : 0;
                    if (v == 0) {
                        kps.insert(kps.end(), {0, 0, 0});
                    } else {
                        kps.insert(kps.end(), {found->pixel.x + 0.5, found->pixel.y + 0.5, v});
                        ++labeled;
                    }
                }
                a["keypoints"] = kps;
                a["num_keypoints"] = labeled;
            }
            annotations.push_back(std::move(a));
        }
        record["coco"] = {{"image", std::move(image)}, {"annotations", std::move(annotations)}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        imageClasses_ = &ctx.imageClasses;
        categories_ = nlohmann::json::array();
        for (const Category& c : ctx.info.categories) categories_.push_back(categoryJson(c));
        info_ = {{"description", "synthgen dataset"},
                 {"version", ctx.info.version},
                 {"scenario_hash", ctx.info.scenarioHash},
                 {"seed", ctx.info.seed}};
        stream_ = std::make_unique<AtomicTextStream>(root_ / "coco/annotations.json");
        stream_->write("{\"annotations\":[");
        images_.clear();
        videos_.clear();
        nextAnnotationId_ = 1;
        first_ = true;
    }

    void addFrame(const nlohmann::json& record) override {
        const auto& coco = record.at("coco");
        int64_t imageId = record.at("frame").get<int64_t>() + 1;
        nlohmann::json image = coco.at("image");
        image["id"] = imageId;
        // Image-level labels (docs/formats.md): multi-label tags and the single-label class.
        image["tags"] = record.at("image_labels").at("tags");
        image["class"] = imageClasses_->at(record.at("frame").get<int64_t>());
        if (image.contains("video_id") && (videos_.empty() || videos_.back() != image.at("video_id").get<int64_t>()))
            videos_.push_back(image.at("video_id").get<int64_t>());
        images_.push_back(image.dump());
        std::map<int64_t, int64_t> idOfInstance;  // this frame's instance id -> annotation id
        for (const auto& a0 : coco.at("annotations")) {
            nlohmann::json a = a0;
            a["id"] = nextAnnotationId_++;
            idOfInstance[a.at("instance_id").get<int64_t>()] = a["id"].get<int64_t>();
            // A defect's parent part precedes it (lower instance id); null when the part was filtered out.
            if (a.contains("parent_instance_id")) {
                auto parent = idOfInstance.find(a.at("parent_instance_id").get<int64_t>());
                a["parent_id"] = parent == idOfInstance.end() ? nlohmann::json(nullptr) : nlohmann::json(parent->second);
            }
            a["image_id"] = imageId;
            stream_->write(first_ ? "\n" : ",\n");
            first_ = false;
            stream_->write(a.dump());
        }
    }

    nlohmann::json endFinish() override {
        stream_->write("],\n\"categories\":");
        stream_->write(categories_.dump());
        stream_->write(",\n\"images\":[");
        for (size_t i = 0; i < images_.size(); ++i) {
            stream_->write(i ? ",\n" : "\n");
            stream_->write(images_[i]);
        }
        if (!videos_.empty()) {
            nlohmann::json videos = nlohmann::json::array();
            for (int64_t v : videos_) {
                char name[32];
                std::snprintf(name, sizeof name, "seq-%06lld", static_cast<long long>(v - 1));  // = the MOT folder name
                videos.push_back({{"id", v}, {"name", name}});
            }
            stream_->write("],\n\"videos\":");
            stream_->write(videos.dump());
            stream_->write(",\n\"info\":");
        } else {
            stream_->write("],\n\"info\":");
        }
        stream_->write(info_.dump());
        stream_->write(",\n\"licenses\":[]}\n");
        stream_->commit();
        stream_.reset();
        return {{"annotations", "coco/annotations.json"}};
    }

private:
    std::filesystem::path root_;
    const std::map<int64_t, std::string>* imageClasses_ = nullptr;
    nlohmann::json categories_, info_;
    std::unique_ptr<AtomicTextStream> stream_;
    std::vector<std::string> images_;
    std::vector<int64_t> videos_;  // in frame order, each once (a sequence is a contiguous frame range)
    int64_t nextAnnotationId_ = 1;
    bool first_ = true;
};

}  // namespace

std::unique_ptr<FormatExporter> makeCocoExporter() { return std::make_unique<CocoExporter>(); }

}  // namespace sg
