#pragma once
// The dataset on disk: the contract between `synthgen generate` / `synthgen merge` and the
// format writers.
//
// Typical use (generate):
//   DatasetWriter writer(outDir, info, options);          // creates or reopens outDir
//   auto done = writer.completedFrames();                 // --resume: skip these
//   parallel for frame in shard range, frame not in done:
//       writer.writeFrame(frame, scene, buffers, labels); // thread-safe for different frames
//   writer.finish();                                      // aggregate files + manifest
//
// Crash safety: writeFrame writes every per-frame file atomically (temp + rename), and LAST its
// record `.synthgen/frames/<frame:06d>.json`, which is the frame's commit marker. A frame without
// a record does not exist (its files, if any, are overwritten when it is written again).
// finish() reads only records, sorted by frame index, and derives every id from them
// (image_id = frame index + 1, annotation ids 1.. in frame order), so the result is byte-identical
// however frames were ordered, threaded, resumed or split into shards and merged.
//
// Layout (docs/formats.md):
//   manifest.json                      what is where (every export with its path)
//   images/<frame>.png|jpg             RGB (shared by COCO, YOLO and VOC)
//   labels/<frame>.txt                 YOLO rows (Ultralytics finds them by images/ -> labels/)
//   instance/<frame>.png               16-bit instance ids
//   semantic/<frame>.png               category ids (8-bit, 16-bit when a category id > 255)
//   depth/<frame>.png                  16-bit depth in millimetres; depth_exr/<frame>.exr float metres
//   normals/<frame>.exr                float32 RGB camera-frame normals; normals_png/: 8-bit (n+1)/2
//   coco/annotations.json, yolo data.yaml + train.txt/val.txt, voc/Annotations/<frame>.xml,
//   bop/<split>/<scene>/{scene_camera,scene_gt,scene_gt_info}.json + rgb/ depth/ mask/ mask_visib/,
//   bop/models/, bop/camera.json
//   frames.jsonl                       per-frame sampled values (when writeFrame got some)
//   .synthgen/dataset.json             DatasetInfo + options (checked on reopen and merge)
//   .synthgen/frames/<frame>.json      per-frame records (commit markers)
#include "core/Camera.h"
#include "core/FrameBuffers.h"
#include "exporters/InspectionOptions.h"
#include "labels/Labels.h"
#include "scenes/Scene.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace sg {

struct DatasetInfo {
    std::string version;       // synthgen version
    std::string scenarioHash;  // hash of the scenario (or scene) file content
    uint64_t seed = 0;
    int64_t totalFrames = 0;  // frames of the whole dataset (all shards)
    int shardIndex = 0;       // this writer's shard, 0-based
    int shardCount = 1;
    int width = 640, height = 480;
    std::vector<Category> categories;
    // The camera model. Intrinsics that vary per frame are written per frame too
    // (BOP scene_camera.json, per-frame records); this one goes to the manifest and bop/camera.json.
    Intrinsics camera;
    std::string scenarioSource;  // scenario file name, for the manifest
    // Merged into manifest.json (our own keys win on a clash). Keep it the same for every shard:
    // mergeDatasets writes the first part's, so a shard-specific value (e.g. a frame range) would
    // make the merged manifest differ from a single run's. The manifest's "shard" block already
    // records each shard's index, count and frame range.
    nlohmann::json extraManifest = nlohmann::json::object();
    // Sequences (--sequence-length): frame f is frame f % sequenceLength of sequence
    // f / sequenceLength; 0 = single frames. frameInterval: simulated seconds between frames.
    int64_t sequenceLength = 0;
    double frameInterval = 1.0 / 30.0;
};

// Where a frame lies in its sequence (info.sequenceLength > 0).
struct SequencePosition {
    int64_t sequence = 0;  // 0-based sequence index
    int64_t frame = 0;     // 0-based frame within the sequence
    int64_t length = 0;    // frames of this sequence (the last one may be shorter)
};
SequencePosition sequencePosition(const DatasetInfo& info, int64_t frameIndex);

enum class RgbFormat { Png, Jpeg };
enum class CocoSegmentation { Rle, Polygon };

struct ExportOptions {
    // Formats by name: "coco", "yolo", "voc", "bop", "mot" (needs sequences), "classify", "mvtec". Use
    // parseFormatList for user input.
    std::vector<std::string> formats{"coco", "yolo"};

    RgbFormat rgbFormat = RgbFormat::Png;
    int jpegQuality = 95;
    bool instanceImages = true;  // instance/<frame>.png
    bool semanticImages = true;  // semantic/<frame>.png
    bool depthPng = true;        // depth/<frame>.png, uint16 millimetres
    bool depthExr = false;       // depth_exr/<frame>.exr, float32 metres
    bool normalsExr = false;     // normals/<frame>.exr
    bool normalsPng = false;     // normals_png/<frame>.png

    CocoSegmentation cocoSegmentation = CocoSegmentation::Rle;
    std::string yoloTask = "detect";  // "detect", "segment" or "pose"
    // Share of frames put in the YOLO/COCO "val" list, chosen by a hash of the frame index
    // (deterministic, independent of sharding). 0 = val list equals the train list.
    double valFraction = 0.0;
    double bopDepthScale = 1.0;  // BOP depth PNG value * depth_scale = millimetres
    std::string bopSplit = "train_pbr";
    int bopImagesPerScene = 1000;  // frame f -> scene f / N, image f % N (as BOP's own PBR sets)
    InspectionOptions inspection;  // image-level classes, "classify" and "mvtec" exports, part crops
};

// Parses "coco,yolo,bop"; throws InputError naming the unknown name and the known ones.
std::vector<std::string> parseFormatList(const std::string& text);
// Names writeFrame/finish understand.
std::vector<std::string> knownFormats();

// OpenCV's distortion coefficients by name ({"k1", "k2", "p1", "p2", "k3"}), as dataset.json
// and `synthgen render`'s camera.json write them.
nlohmann::json distortionJson(const Distortion& d);

// Frame range [begin, end) of shard `index` of `count` (contiguous, sizes differ by at most 1).
struct FrameRange {
    int64_t begin = 0, end = 0;
};
FrameRange shardFrameRange(int64_t totalFrames, int index, int count);

class DatasetWriter {
public:
    // Creates outDir, or reopens it when it holds the same dataset (same version, scenario hash,
    // seed, frame count, resolution, formats): then completedFrames() lists what is already done.
    // Throws InputError when outDir holds a different dataset.
    DatasetWriter(const std::filesystem::path& outDir, const DatasetInfo& info, const ExportOptions& opts);
    ~DatasetWriter();
    DatasetWriter(const DatasetWriter&) = delete;
    DatasetWriter& operator=(const DatasetWriter&) = delete;

    // Writes one frame. Thread-safe for different frame indices. `sampled` (optional) is the record
    // of sampled values of this frame; finish() writes them to frames.jsonl in frame order.
    void writeFrame(int64_t frameIndex, const Scene& scene, const FrameBuffers& buffers, const FrameLabels& labels,
                    const nlohmann::json& sampled = nullptr);

    // Frames whose record exists (on disk at construction, or written since).
    std::set<int64_t> completedFrames() const;

    // Builds the aggregate files (COCO json, YOLO data.yaml and lists, BOP scene jsons, models,
    // frames.jsonl, manifest.json) from all records, in frame-index order.
    void finish();

    const std::filesystem::path& outDir() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Joins shard outputs (each a DatasetWriter folder holding a frame range) into `out`, equal to
// a single-process run. Refuses, naming the wrong part: parts from a different version, scenario
// hash, seed, frame count or options; a frame present in two parts; frames missing from all parts.
void mergeDatasets(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out);

}  // namespace sg
