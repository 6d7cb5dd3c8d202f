#include "exporters/DatasetWriter.h"

#include "core/AtomicFile.h"
#include "core/InputError.h"
#include "core/JsonReader.h"
#include "core/Text.h"
#include "exporters/FormatExporter.h"
#include "exporters/ImageEncoding.h"
#include "exporters/ImageTags.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <sstream>

namespace sg {

namespace fs = std::filesystem;

nlohmann::json distortionJson(const Distortion& d) { return {{"k1", d.k1}, {"k2", d.k2}, {"p1", d.p1}, {"p2", d.p2}, {"k3", d.k3}}; }

namespace {

const char* kRecordsDir = ".synthgen/frames";
const char* kInfoFile = ".synthgen/dataset.json";

nlohmann::json intrinsicsJson(const Intrinsics& K) {
    return {{"model", "opencv_pinhole"},
            {"width", K.width},
            {"height", K.height},
            {"fx", K.fx},
            {"fy", K.fy},
            {"cx", K.cx},
            {"cy", K.cy},
            {"K", {K.fx, 0.0, K.cx, 0.0, K.fy, K.cy, 0.0, 0.0, 1.0}},
            {"distortion", distortionJson(K.distortion)},
            {"znear", K.znear},
            {"zfar", K.zfar}};
}

Intrinsics intrinsicsFromJson(const nlohmann::json& j) {
    Intrinsics K;
    K.width = j.at("width");
    K.height = j.at("height");
    K.fx = j.at("fx");
    K.fy = j.at("fy");
    K.cx = j.at("cx");
    K.cy = j.at("cy");
    const auto& d = j.at("distortion");
    K.distortion = {d.at("k1"), d.at("k2"), d.at("p1"), d.at("p2"), d.at("k3")};
    K.znear = j.at("znear");
    K.zfar = j.at("zfar");
    return K;
}

nlohmann::json categoryFullJson(const Category& c) {
    nlohmann::json sk = nlohmann::json::array();
    for (auto [a, b] : c.skeleton) sk.push_back({a, b});
    return {{"id", c.id}, {"name", c.name}, {"supercategory", c.supercategory}, {"keypoints", c.keypoints}, {"skeleton", sk}};
}

Category categoryFromJson(const nlohmann::json& j) {
    Category c;
    c.id = j.at("id");
    c.name = j.at("name");
    c.supercategory = j.at("supercategory");
    c.keypoints = j.at("keypoints").get<std::vector<std::string>>();
    for (const auto& p : j.at("skeleton")) c.skeleton.push_back({p.at(0).get<int>(), p.at(1).get<int>()});
    return c;
}

nlohmann::json optionsJson(const ExportOptions& o) {
    return {{"formats", o.formats},
            {"rgb_format", o.rgbFormat == RgbFormat::Png ? "png" : "jpeg"},
            {"jpeg_quality", o.jpegQuality},
            {"instance_images", o.instanceImages},
            {"semantic_images", o.semanticImages},
            {"depth_png", o.depthPng},
            {"depth_exr", o.depthExr},
            {"normals_exr", o.normalsExr},
            {"normals_png", o.normalsPng},
            {"coco_segmentation", o.cocoSegmentation == CocoSegmentation::Rle ? "rle" : "polygon"},
            {"yolo_task", o.yoloTask},
            {"val_fraction", o.valFraction},
            {"bop_depth_scale", o.bopDepthScale},
            {"bop_split", o.bopSplit},
            {"bop_images_per_scene", o.bopImagesPerScene},
            {"inspection", inspectionOptionsJson(o.inspection)}};
}

ExportOptions optionsFromJson(const nlohmann::json& j) {
    ExportOptions o;
    o.formats = j.at("formats").get<std::vector<std::string>>();
    o.rgbFormat = j.at("rgb_format") == "png" ? RgbFormat::Png : RgbFormat::Jpeg;
    o.jpegQuality = j.at("jpeg_quality");
    o.instanceImages = j.at("instance_images");
    o.semanticImages = j.at("semantic_images");
    o.depthPng = j.at("depth_png");
    o.depthExr = j.at("depth_exr");
    o.normalsExr = j.at("normals_exr");
    o.normalsPng = j.at("normals_png");
    o.cocoSegmentation = j.at("coco_segmentation") == "rle" ? CocoSegmentation::Rle : CocoSegmentation::Polygon;
    o.yoloTask = j.at("yolo_task");
    o.valFraction = j.at("val_fraction");
    o.bopDepthScale = j.at("bop_depth_scale");
    o.bopSplit = j.at("bop_split");
    o.bopImagesPerScene = j.at("bop_images_per_scene");
    if (j.contains("inspection")) o.inspection = inspectionOptionsFromJson(j.at("inspection"));
    return o;
}

// What identifies a dataset: two folders with equal identity hold parts of the same dataset.
nlohmann::json identityJson(const DatasetInfo& info, const ExportOptions& opts) {
    nlohmann::json cats = nlohmann::json::array();
    for (const Category& c : info.categories) cats.push_back(categoryFullJson(c));
    nlohmann::json id = {{"version", info.version},
                         {"scenario_hash", info.scenarioHash},
                         {"seed", info.seed},
                         {"total_frames", info.totalFrames},
                         {"width", info.width},
                         {"height", info.height},
                         {"categories", cats},
                         {"camera", intrinsicsJson(info.camera)},
                         {"scenario", info.scenarioSource},
                         {"extra_manifest", info.extraManifest},
                         {"options", optionsJson(opts)}};
    // Only sequence runs carry the key, so single-frame datasets keep their identity.
    if (info.sequenceLength > 0) id["sequence"] = {{"length", info.sequenceLength}, {"frame_interval", info.frameInterval}};
    return id;
}

nlohmann::json infoFileJson(const DatasetInfo& info, const ExportOptions& opts) {
    return {{"identity", identityJson(info, opts)}, {"shard", {{"index", info.shardIndex}, {"count", info.shardCount}}}};
}

void infoFromFileJson(const nlohmann::json& j, DatasetInfo& info, ExportOptions& opts) {
    const auto& id = j.at("identity");
    info.version = id.at("version");
    info.scenarioHash = id.at("scenario_hash");
    info.seed = id.at("seed");
    info.totalFrames = id.at("total_frames");
    info.width = id.at("width");
    info.height = id.at("height");
    info.categories.clear();
    for (const auto& c : id.at("categories")) info.categories.push_back(categoryFromJson(c));
    info.camera = intrinsicsFromJson(id.at("camera"));
    info.scenarioSource = id.at("scenario");
    info.extraManifest = id.at("extra_manifest");
    info.sequenceLength = id.contains("sequence") ? id.at("sequence").at("length").get<int64_t>() : 0;
    if (id.contains("sequence")) info.frameInterval = id.at("sequence").at("frame_interval");
    info.shardIndex = j.at("shard").at("index");
    info.shardCount = j.at("shard").at("count");
    opts = optionsFromJson(id.at("options"));
}

// The first top-level key whose value differs, for messages.
std::string firstDifference(const nlohmann::json& a, const nlohmann::json& b) {
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key()) || b.at(it.key()) != it.value()) return it.key();
    for (auto it = b.begin(); it != b.end(); ++it)
        if (!a.contains(it.key())) return it.key();
    return "";
}

// Shards may carry shard-specific extra manifest fields; they do not decide whether parts belong
// together (the merged manifest takes the first part's, see DatasetInfo::extraManifest).
nlohmann::json withoutExtra(nlohmann::json identity) {
    identity.erase("extra_manifest");
    return identity;
}

std::set<int64_t> scanRecords(const fs::path& root) {
    std::set<int64_t> frames;
    std::error_code ec;
    fs::path dir = root / kRecordsDir;
    if (!fs::is_directory(dir, ec)) return frames;
    for (const auto& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (e.path().extension() != ".json" || name.find(".tmp") != std::string::npos) continue;
        std::string stem = e.path().stem().string();
        if (stem.empty() || !std::all_of(stem.begin(), stem.end(), ::isdigit)) continue;
        frames.insert(std::stoll(stem));
    }
    return frames;
}

}  // namespace

std::vector<std::string> parseFormatList(const std::string& text) {
    std::vector<std::string> out;
    std::vector<std::string> known = knownFormats();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item.empty()) continue;
        item = asciiLower(item);
        if (std::find(known.begin(), known.end(), item) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            std::string near = closestName(item, known);
            throw InputError("", "--formats", "unknown format \"" + item + "\"",
                             (near.empty() ? "" : "did you mean \"" + near + "\"? ") + "Known formats: " + list);
        }
        if (std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    return out;
}

SequencePosition sequencePosition(const DatasetInfo& info, int64_t frameIndex) {
    if (info.sequenceLength <= 0) return {frameIndex, 0, 1};
    SequencePosition p;
    p.sequence = frameIndex / info.sequenceLength;
    p.frame = frameIndex % info.sequenceLength;
    p.length = std::min(info.sequenceLength, info.totalFrames - p.sequence * info.sequenceLength);
    return p;
}

FrameRange shardFrameRange(int64_t totalFrames, int index, int count) {
    if (count < 1 || index < 0 || index >= count) return {};
    return {totalFrames * index / count, totalFrames * (index + 1) / count};
}

struct DatasetWriter::Impl {
    fs::path root;
    DatasetInfo info;
    ExportOptions options;
    std::vector<std::unique_ptr<FormatExporter>> exporters;
    mutable std::mutex mutex;
    std::set<int64_t> completed;
};

DatasetWriter::DatasetWriter(const fs::path& outDir, const DatasetInfo& info, const ExportOptions& opts)
    : impl_(std::make_unique<Impl>()) {
    impl_->root = outDir;
    impl_->info = info;
    impl_->options = opts;
    for (const std::string& f : opts.formats) {
        auto e = makeFormatExporter(f);
        if (!e) parseFormatList(f);  // throws the user-facing message
        impl_->exporters.push_back(std::move(e));
    }
    if (opts.yoloTask != "detect" && opts.yoloTask != "segment" && opts.yoloTask != "pose")
        throw InputError("", "--yolo-task", "unknown YOLO task \"" + opts.yoloTask + "\"", "use detect, segment or pose");
    bool yolo = std::find(opts.formats.begin(), opts.formats.end(), "yolo") != opts.formats.end();
    bool anyKeypoints = std::any_of(info.categories.begin(), info.categories.end(),
                                    [](const Category& c) { return !c.keypoints.empty(); });
    if (yolo && opts.yoloTask == "pose" && !anyKeypoints)
        throw InputError("", "--yolo-task", "YOLO pose needs keypoints, but no category defines any",
                         "add keypoint names to a category in the scenario, or use --yolo-task detect or segment");
    checkInspectionOptions(opts.inspection);
    bool mot = std::find(opts.formats.begin(), opts.formats.end(), "mot") != opts.formats.end();
    if (mot && info.sequenceLength <= 0)
        throw InputError("", "--formats", "the MOT format needs sequences (tracks over consecutive frames)",
                         "add --sequence-length L, or leave mot out of --formats");
    bool bop = std::find(opts.formats.begin(), opts.formats.end(), "bop") != opts.formats.end();
    if (bop && !info.camera.distortion.isZero())
        throw InputError("", "--formats",
                         "BOP cannot express lens distortion (its cam_K is a pinhole camera), so models "
                         "rendered at the ground-truth poses would not match the distorted images",
                         "set the camera's distortion to 0 for BOP output, or leave bop out of --formats");
    fs::create_directories(outDir / kRecordsDir);
    fs::path infoPath = outDir / kInfoFile;
    nlohmann::json mine = infoFileJson(info, opts);
    if (fs::exists(infoPath)) {
        nlohmann::json theirs = nlohmann::json::parse(readTextFile(infoPath));
        if (theirs != mine) {
            std::string key = firstDifference(theirs.at("identity"), mine.at("identity"));
            if (key.empty()) key = "shard";
            throw InputError(outDir.string(), "", "this folder holds a different dataset (its " + key + " differs)",
                             "use a new --out folder, or remove this one; --resume only continues the same run");
        }
        impl_->completed = scanRecords(outDir);
        // A killed run can leave temp files of writes it never renamed; they belong to no frame.
        std::vector<fs::path> stale;
        for (const auto& e : fs::recursive_directory_iterator(outDir))
            if (e.is_regular_file() && e.path().filename().string().find(".tmp.") != std::string::npos) stale.push_back(e.path());
        for (const auto& p : stale) {
            std::error_code ec;
            fs::remove(p, ec);
        }
    } else {
        writeFileAtomic(infoPath, std::string_view(mine.dump(2) + "\n"));
    }
}

DatasetWriter::~DatasetWriter() = default;

const fs::path& DatasetWriter::outDir() const { return impl_->root; }

std::set<int64_t> DatasetWriter::completedFrames() const {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    return impl_->completed;
}

void DatasetWriter::writeFrame(int64_t frameIndex, const Scene& scene, const FrameBuffers& buffers, const FrameLabels& labels,
                               const nlohmann::json& sampled) {
    const ExportOptions& o = impl_->options;
    const fs::path& root = impl_->root;
    std::string stem = frameStem(frameIndex);
    std::vector<std::string> files;

    // RGB, shared by every format that needs an image.
    std::vector<uint8_t> rgb = o.rgbFormat == RgbFormat::Png ? encodePng(buffers.rgb) : encodeJpeg(buffers.rgb, o.jpegQuality);
    std::string ext = o.rgbFormat == RgbFormat::Png ? ".png" : ".jpg";
    std::string rgbPath = "images/" + stem + ext;
    writeFrameFile(root, rgbPath, rgb, files);

    if (o.instanceImages) {
        writeFrameFile(root, "instance/" + stem + ".png", encodeInstancePng(buffers.instanceId), files);
    }
    if (o.semanticImages) {
        ImageU16 sem = semanticMask(scene, buffers);
        int maxId = 0;
        for (const Category& c : impl_->info.categories) maxId = std::max(maxId, c.id);
        if (maxId < 256) {
            ImageU8 sem8(sem.width, sem.height, 1, 0);
            for (size_t i = 0; i < sem.pixels.size(); ++i) sem8.pixels[i] = uint8_t(sem.pixels[i]);
            writeFrameFile(root, "semantic/" + stem + ".png", encodePng(sem8, PngFilter::None, PngCompression::Runs), files);
        } else {
            writeFrameFile(root, "semantic/" + stem + ".png", encodePng16(sem, PngFilter::None, PngCompression::Runs), files);
        }
    }
    std::vector<uint8_t> depthPng;
    if (o.depthPng && !buffers.depth.empty()) {
        depthPng = encodeDepthPng(buffers.depth);
        writeFrameFile(root, "depth/" + stem + ".png", depthPng, files);
    }
    if (o.depthExr && !buffers.depth.empty())
        writeFrameFile(root, "depth_exr/" + stem + ".exr", encodeExr(buffers.depth, {"Z"}), files);
    if (o.normalsExr && !buffers.normals.empty())
        writeFrameFile(root, "normals/" + stem + ".exr", encodeExr(buffers.normals, {"R", "G", "B"}), files);
    if (o.normalsPng && !buffers.normals.empty()) {
        ImageU8 n8(buffers.normals.width, buffers.normals.height, 3, 0);
        for (size_t i = 0; i < n8.pixels.size(); ++i) {
            float v = buffers.normals.pixels[i];
            n8.pixels[i] = uint8_t(std::clamp(std::lround((double(v) + 1.0) * 0.5 * 255.0), 0L, 255L));
        }
        writeFrameFile(root, "normals_png/" + stem + ".png", encodePng(n8), files);
    }

    std::vector<Rle> rles;
    if (std::find(o.formats.begin(), o.formats.end(), "coco") != o.formats.end() && o.cocoSegmentation == CocoSegmentation::Rle) {
        std::vector<uint32_t> ids;
        std::vector<PixelBox> boxes;
        for (const auto& l : labels.instances) {
            ids.push_back(l.instanceId);
            boxes.push_back(l.box);
        }
        rles = encodeRleByInstance(buffers.instanceId, ids, boxes);
        // Defects are drawn on their part: their pixels are in the defect id image.
        for (size_t k = 0; k < labels.instances.size(); ++k)
            if (labels.instances[k].parentInstanceId != 0 && !buffers.defectId.empty())
                rles[k] = encodeRleByInstance(buffers.defectId, {ids[k]}, {boxes[k]}).at(0);
    }

    nlohmann::json record;
    record["image_labels"] = {{"tags", frameTags(labels, impl_->info.categories, sampled)}};
    FrameContext ctx{frameIndex, stem, scene,   buffers, labels, impl_->info,
                     o,          root, rgbPath, rgb,     ext,    depthPng.empty() ? nullptr : &depthPng,
                     rles,       files};
    for (auto& e : impl_->exporters) e->writeFrame(ctx, record);

    record["frame"] = frameIndex;
    record["stem"] = stem;
    record["files"] = files;
    if (impl_->info.sequenceLength > 0) {
        SequencePosition sp = sequencePosition(impl_->info, frameIndex);
        record["sequence"] = {{"id", sp.sequence}, {"frame", sp.frame}, {"length", sp.length}};
    }
    if (!sampled.is_null()) record["sampled"] = sampled;
    // Last: the record is the frame's commit marker. One flush makes every file above durable
    // before the record exists (see writeFrameFile).
    syncFileSystem(root);
    writeFileAtomic(root / kRecordsDir / (stem + ".json"), std::string_view(record.dump()));
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->completed.insert(frameIndex);
}

void DatasetWriter::finish() {
    const fs::path& root = impl_->root;
    const DatasetInfo& info = impl_->info;
    std::set<int64_t> frames = scanRecords(root);
    // Image classes. The "rarest" rule needs every frame's tags first (one more pass over the
    // records); the others are decided frame by frame below.
    const std::string& rule = impl_->options.inspection.classRule;
    std::map<int64_t, std::string> imageClasses;
    auto tagsOf = [](const nlohmann::json& record) { return record.at("image_labels").at("tags").get<std::vector<std::string>>(); };
    if (rule == "rarest") {
        std::vector<std::vector<std::string>> tags;
        for (int64_t f : frames)
            tags.push_back(tagsOf(nlohmann::json::parse(readTextFile(root / kRecordsDir / (frameStem(f) + ".json")))));
        std::vector<std::string> classes = assignClasses(tags, rule, info.categories);
        size_t k = 0;
        for (int64_t f : frames) imageClasses[f] = classes[k++];
    }
    FinishContext ctx{root, info, impl_->options, imageClasses};
    for (auto& e : impl_->exporters) e->beginFinish(ctx);
    std::unique_ptr<AtomicTextStream> sampledStream;
    for (int64_t f : frames) {
        nlohmann::json record = nlohmann::json::parse(readTextFile(root / kRecordsDir / (frameStem(f) + ".json")));
        if (!imageClasses.count(f)) imageClasses[f] = assignClasses({tagsOf(record)}, rule, info.categories).at(0);
        for (auto& e : impl_->exporters) e->addFrame(record);
        if (!sampledStream) sampledStream = std::make_unique<AtomicTextStream>(root / "frames.jsonl");
        nlohmann::json line{{"frame", f}, {"tags", record.at("image_labels").at("tags")}, {"class", imageClasses.at(f)}};
        if (record.contains("sampled")) line["sampled"] = record.at("sampled");
        sampledStream->write(line.dump() + "\n");
    }
    if (sampledStream) sampledStream->commit();

    nlohmann::json exports = nlohmann::json::object();
    const ExportOptions& o = impl_->options;
    std::string ext = o.rgbFormat == RgbFormat::Png ? "png" : "jpg";
    exports["rgb"] = {{"path", "images/{frame:06d}." + ext}, {"format", ext}};
    if (o.instanceImages)
        exports["instance"] = {{"path", "instance/{frame:06d}.png"}, {"format", "png uint16, 0 = background, object i -> i + 1"}};
    if (o.semanticImages)
        exports["semantic"] = {{"path", "semantic/{frame:06d}.png"}, {"format", "png, category id per pixel, 0 = background"}};
    if (o.depthPng)
        exports["depth"] = {{"path", "depth/{frame:06d}.png"},
                            {"format", "png uint16, planar Z in millimetres, 0 = no hit or beyond 65.535 m"}};
    if (o.depthExr)
        exports["depth_exr"] = {{"path", "depth_exr/{frame:06d}.exr"}, {"format", "OpenEXR float32 channel Z, planar Z in metres"}};
    if (o.normalsExr)
        exports["normals"] = {{"path", "normals/{frame:06d}.exr"},
                              {"format", "OpenEXR float32 R,G,B = camera-frame (OpenCV) unit normal x,y,z"}};
    if (o.normalsPng) exports["normals_png"] = {{"path", "normals_png/{frame:06d}.png"}, {"format", "png RGB8 = (n + 1) / 2 * 255"}};
    for (auto& e : impl_->exporters) exports[e->name()] = e->endFinish();

    nlohmann::json classes = nlohmann::json::array();
    for (const Category& c : info.categories) classes.push_back(categoryJson(c));
    nlohmann::json manifest = info.extraManifest.is_object() ? info.extraManifest : nlohmann::json::object();
    manifest["synthgen_version"] = info.version;
    manifest["scenario_hash"] = info.scenarioHash;
    manifest["scenario_file"] = info.scenarioSource;
    manifest["seed"] = info.seed;
    manifest["frame_count"] = info.totalFrames;
    manifest["frames_written"] = frames.size();
    manifest["resolution"] = {{"width", info.width}, {"height", info.height}};
    manifest["camera"] = intrinsicsJson(info.camera);
    manifest["classes"] = classes;
    manifest["exports"] = exports;
    manifest["formats"] = o.formats;
    if (frames.size() && std::filesystem::exists(root / "frames.jsonl")) manifest["frames_record"] = "frames.jsonl";
    if (info.sequenceLength > 0)
        manifest["sequences"] = {{"length", info.sequenceLength},
                                 {"frame_interval", info.frameInterval},
                                 {"count", (info.totalFrames + info.sequenceLength - 1) / info.sequenceLength}};
    if (info.shardCount > 1) {
        FrameRange r = shardFrameRange(info.totalFrames, info.shardIndex, info.shardCount);
        manifest["shard"] = {{"index", info.shardIndex}, {"count", info.shardCount}, {"frames", {r.begin, r.end}}};
    }
    writeFileAtomic(root / "manifest.json", std::string_view(manifest.dump(2) + "\n"));
}

void mergeDatasets(const std::vector<fs::path>& parts, const fs::path& out) {
    if (parts.empty()) throw InputError("", "", "no parts to merge", "name the shard folders: synthgen merge PART... --out DIR");
    DatasetInfo info;
    ExportOptions opts;
    nlohmann::json firstIdentity;
    std::map<int64_t, fs::path> owner;
    for (size_t i = 0; i < parts.size(); ++i) {
        fs::path infoPath = parts[i] / kInfoFile;
        if (!fs::exists(infoPath))
            throw InputError(parts[i].string(), "", "not a synthgen dataset folder (no " + std::string(kInfoFile) + ")",
                             "name folders written by synthgen generate --shard");
        nlohmann::json j = nlohmann::json::parse(readTextFile(infoPath));
        if (i == 0) {
            infoFromFileJson(j, info, opts);
            firstIdentity = j.at("identity");
        } else if (withoutExtra(j.at("identity")) == withoutExtra(firstIdentity) &&
                   j.at("shard").at("index").get<int>() < info.shardIndex) {
            // The lowest shard's extra manifest fields win, whatever order the parts came in.
            infoFromFileJson(j, info, opts);
        } else if (withoutExtra(j.at("identity")) != withoutExtra(firstIdentity)) {
            std::string key = firstDifference(withoutExtra(j.at("identity")), withoutExtra(firstIdentity));
            throw InputError(parts[i].string(), "",
                             "belongs to a different dataset than " + parts[0].string() + " (" + key + " differs)",
                             "merge only the shards of one run (same version, scenario, seed, frame count and options)");
        }
        for (int64_t f : scanRecords(parts[i])) {
            auto [it, inserted] = owner.emplace(f, parts[i]);
            if (!inserted)
                throw InputError(parts[i].string(), "", "frame " + std::to_string(f) + " is also in " + it->second.string(),
                                 "merge each shard once; shards must not overlap");
        }
    }
    std::vector<int64_t> missing;
    for (int64_t f = 0; f < info.totalFrames; ++f)
        if (!owner.count(f)) missing.push_back(f);
    if (!missing.empty()) {
        std::string list;
        for (size_t k = 0; k < missing.size() && k < 10; ++k) list += (k ? ", " : "") + std::to_string(missing[k]);
        if (missing.size() > 10) list += ", ...";
        throw InputError(
            "", "",
            std::to_string(missing.size()) + " of " + std::to_string(info.totalFrames) + " frames are in no part (" + list + ")",
            "finish the missing shards (synthgen generate --shard I/N --resume) and merge all of them");
    }
    for (const auto& [f, part] : owner)
        if (f >= info.totalFrames)
            throw InputError(
                part.string(), "",
                "holds frame " + std::to_string(f) + " beyond the dataset's " + std::to_string(info.totalFrames) + " frames",
                "merge only shards of this run");

    info.shardIndex = 0;
    info.shardCount = 1;
    fs::create_directories(out);
    auto place = [](const fs::path& from, const fs::path& to) {
        std::error_code ec;
        fs::create_directories(to.parent_path(), ec);
        fs::remove(to, ec);
        fs::create_hard_link(from, to, ec);
        if (ec) fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    };
    for (const fs::path& part : parts) {
        std::error_code ec;
        fs::path models = part / ".synthgen/models";
        if (fs::is_directory(models, ec))
            for (const auto& e : fs::directory_iterator(models))
                if (e.path().extension() == ".ply") place(e.path(), out / ".synthgen/models" / e.path().filename());
    }
    // Writing the merged dataset's info first makes `out` reopenable by DatasetWriter below.
    {
        std::error_code ec;
        fs::remove(out / kInfoFile, ec);
    }
    DatasetWriter writer(out, info, opts);
    for (const auto& [f, part] : owner) {
        fs::path recordPath = part / kRecordsDir / (frameStem(f) + ".json");
        nlohmann::json record = nlohmann::json::parse(readTextFile(recordPath));
        for (const auto& rel : record.at("files")) place(part / rel.get<std::string>(), out / rel.get<std::string>());
        place(recordPath, out / kRecordsDir / (frameStem(f) + ".json"));
    }
    writer.finish();
}

}  // namespace sg
