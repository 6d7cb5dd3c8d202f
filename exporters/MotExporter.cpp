// MOTChallenge ground truth (MOT16/MOT17 layout, https://motchallenge.net/instructions/), one
// folder per sequence:
//   mot/<sequence>/gt/gt.txt     frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility
//   mot/<sequence>/seqinfo.ini   name, imDir, frameRate, seqLength, imWidth, imHeight, imExt
//   mot/<sequence>/img1/<k>.ext  the frame's RGB (a hard link to images/, a copy where links fail)
// frame is 1-based within the sequence (as the img1 file names), id is the track id (stable for
// one object over its sequence), the box is the COCO box of the same frame (pixel edges: covered
// columns bb_left..bb_left+bb_width-1), conf = 1 (the row counts), class = category id,
// visibility = visible / amodal pixels in [0, 1].
#include "exporters/FormatExporter.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sg {

namespace {

namespace fs = std::filesystem;

std::string sequenceName(int64_t sequence) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "seq-%06lld", static_cast<long long>(sequence));
    return buf;
}

// The image under img1/ without storing it twice: a hard link (temp name + rename, so a killed
// process never leaves a half file), else a plain copy of the encoded bytes.
void linkFrameImage(FrameContext& f, const std::string& relative) {
    fs::path target = f.root / relative;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::path tmp = target;
    tmp += ".tmp." + std::to_string(::getpid());
    fs::remove(tmp, ec);
    ec.clear();
    fs::create_hard_link(f.root / f.rgbPath, tmp, ec);
    if (ec) {
        writeFileRenamed(target, f.rgbBytes);
    } else {
        fs::rename(tmp, target, ec);
        if (ec) {
            fs::remove(tmp, ec);
            writeFileRenamed(target, f.rgbBytes);
        }
    }
    f.files.push_back(relative);
}

class MotExporter : public FormatExporter {
public:
    std::string name() const override { return "mot"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        SequencePosition sp = sequencePosition(f.info, f.frame);
        const std::string seq = sequenceName(sp.sequence);
        linkFrameImage(f, "mot/" + seq + "/img1/" + frameStem(sp.frame + 1) + f.rgbExtension);
        nlohmann::json rows = nlohmann::json::array();
        for (const InstanceLabel& l : f.labels.instances) {
            int64_t id = l.trackId >= 0 ? l.trackId : int64_t(l.instanceId);
            rows.push_back(
                {id, l.box.x0, l.box.y0, l.box.width(), l.box.height(), l.categoryId, std::clamp(l.visibleFraction, 0.0, 1.0)});
        }
        record["mot"] = {{"sequence", sp.sequence},
                         {"frame", sp.frame + 1},
                         {"length", sp.length},
                         {"image_extension", f.rgbExtension},
                         {"rows", std::move(rows)}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        width_ = ctx.info.width;
        height_ = ctx.info.height;
        frameRate_ = ctx.info.frameInterval > 0 ? 1.0 / ctx.info.frameInterval : 0.0;
        current_ = -1;
        gt_.clear();
        names_ = nlohmann::json::array();
    }

    // Records arrive in frame order and a sequence is a contiguous frame range, so each sequence
    // is complete once the next one starts.
    void addFrame(const nlohmann::json& record) override {
        const auto& m = record.at("mot");
        int64_t sequence = m.at("sequence");
        if (sequence != current_) {
            flush();
            current_ = sequence;
            length_ = m.at("length");
            extension_ = m.at("image_extension");
        }
        int64_t frame = m.at("frame");
        for (const auto& r : m.at("rows")) {
            char line[256];
            std::snprintf(line, sizeof line, "%lld,%lld,%lld,%lld,%lld,%lld,1,%lld,", static_cast<long long>(frame),
                          static_cast<long long>(r.at(0).get<int64_t>()), static_cast<long long>(r.at(1).get<int64_t>()),
                          static_cast<long long>(r.at(2).get<int64_t>()), static_cast<long long>(r.at(3).get<int64_t>()),
                          static_cast<long long>(r.at(4).get<int64_t>()), static_cast<long long>(r.at(5).get<int64_t>()));
            gt_ += line + fixed6(r.at(6).get<double>()) + "\n";
        }
    }

    nlohmann::json endFinish() override {
        flush();
        return {
            {"gt", "mot/{sequence}/gt/gt.txt"},
            {"seqinfo", "mot/{sequence}/seqinfo.ini"},
            {"images", "mot/{sequence}/img1/{frame_in_sequence_1based:06d}" + (extension_.empty() ? std::string(".png") : extension_)},
            {"columns", "frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility"},
            {"sequences", names_}};
    }

private:
    void flush() {
        if (current_ < 0) return;
        const std::string seq = sequenceName(current_);
        writeTextCreatingDirs(root_, "mot/" + seq + "/gt/gt.txt", gt_);
        char rate[32];
        if (std::abs(frameRate_ - std::round(frameRate_)) < 1e-6)
            std::snprintf(rate, sizeof rate, "%lld", static_cast<long long>(std::llround(frameRate_)));
        else std::snprintf(rate, sizeof rate, "%.6g", frameRate_);
        std::string ini = "[Sequence]\nname=" + seq + "\nimDir=img1\nframeRate=" + rate + "\nseqLength=" + std::to_string(length_) +
                          "\nimWidth=" + std::to_string(width_) + "\nimHeight=" + std::to_string(height_) + "\nimExt=" + extension_ +
                          "\n";
        writeTextCreatingDirs(root_, "mot/" + seq + "/seqinfo.ini", ini);
        names_.push_back(seq);
        gt_.clear();
        current_ = -1;
    }

    fs::path root_;
    int width_ = 0, height_ = 0;
    double frameRate_ = 0;
    int64_t current_ = -1, length_ = 0;
    std::string extension_;
    std::string gt_;
    nlohmann::json names_;
};

}  // namespace

std::unique_ptr<FormatExporter> makeMotExporter() { return std::make_unique<MotExporter>(); }

}  // namespace sg
