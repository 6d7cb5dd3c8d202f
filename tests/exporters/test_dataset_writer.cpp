#include "DatasetFixtures.h"
#include "core/InputError.h"
#include "exporters/FormatExporter.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

using namespace sg;
using namespace sgtest;

namespace {

const int64_t kFrames = 7;

std::map<std::string, std::string> singleRun(const std::string& name) {
    auto dir = freshDir(name);
    HandBuiltFrame f = richFrame();
    DatasetWriter w(dir, infoFor(f, kFrames), allFormats());
    for (int64_t i = 0; i < kFrames; ++i) writeOne(w, i);
    w.finish();
    return readTree(dir);
}

}  // namespace

TEST_CASE("Frames written in any order and from two threads give a byte-identical dataset") {
    auto reference = singleRun("order-ref");
    auto dir = freshDir("order-shuffled");
    HandBuiltFrame f = richFrame();
    DatasetWriter w(dir, infoFor(f, kFrames), allFormats());
    std::thread t1([&] {
        for (int64_t i = kFrames - 1; i >= 0; i -= 2) writeOne(w, i);
    });
    std::thread t2([&] {
        for (int64_t i = kFrames - 2; i >= 0; i -= 2) writeOne(w, i);
    });
    t1.join();
    t2.join();
    w.finish();
    auto shuffled = readTree(dir);
    CHECK(shuffled.size() == reference.size());
    for (const auto& [path, bytes] : reference) {
        INFO(path);
        REQUIRE(shuffled.count(path) == 1);
        CHECK(shuffled.at(path) == bytes);
    }
}

TEST_CASE("An interrupted run resumed in a new writer equals an uninterrupted run") {
    auto reference = singleRun("resume-ref");
    auto dir = freshDir("resume");
    HandBuiltFrame f = richFrame();
    {
        DatasetWriter w(dir, infoFor(f, kFrames), allFormats());
        for (int64_t i = 0; i < 3; ++i) writeOne(w, i);
        // A frame cut off before its record: files without the commit marker.
        writeFileAtomic(dir / "images/000004.png", std::string_view("half-written"));
        // And a temp file a killed write never renamed.
        writeFileAtomic(dir / "labels/000005.txt.tmp.99999", std::string_view("0 0.5"));
    }
    DatasetWriter w(dir, infoFor(f, kFrames), allFormats());
    CHECK(w.completedFrames() == std::set<int64_t>{0, 1, 2});
    for (int64_t i = 0; i < kFrames; ++i)
        if (!w.completedFrames().count(i)) writeOne(w, i);
    w.finish();
    CHECK(readTree(dir) == reference);
}

TEST_CASE("Three shards merged equal a single-process run") {
    auto reference = singleRun("merge-ref");
    HandBuiltFrame f = richFrame();
    std::vector<std::filesystem::path> parts;
    for (int s = 0; s < 3; ++s) {
        auto dir = freshDir("merge-part" + std::to_string(s));
        DatasetInfo info = infoFor(f, kFrames);
        info.shardIndex = s;
        info.shardCount = 3;
        // Shard-specific extra manifest fields do not stop the merge; the lowest shard's are kept.
        if (s > 0) info.extraManifest = {{"note", "shard " + std::to_string(s)}};
        DatasetWriter w(dir, info, allFormats());
        FrameRange r = shardFrameRange(kFrames, s, 3);
        for (int64_t i = r.begin; i < r.end; ++i) writeOne(w, i);
        w.finish();
        parts.push_back(dir);
    }
    auto out = freshDir("merge-out");
    std::filesystem::remove_all(out);
    mergeDatasets({parts[2], parts[0], parts[1]}, out);
    auto merged = readTree(out);
    CHECK(merged.size() == reference.size());
    for (const auto& [path, bytes] : reference) {
        INFO(path);
        REQUIRE(merged.count(path) == 1);
        CHECK(merged.at(path) == bytes);
    }
}

TEST_CASE("Shard ranges are contiguous and cover every frame once") {
    int64_t next = 0;
    for (int s = 0; s < 4; ++s) {
        FrameRange r = shardFrameRange(10, s, 4);
        CHECK(r.begin == next);
        CHECK(r.end - r.begin >= 2);
        next = r.end;
    }
    CHECK(next == 10);
}

TEST_CASE("Merge refuses parts of another dataset, overlapping parts and missing frames, naming the part") {
    HandBuiltFrame f = richFrame();
    auto makePart = [&](const std::string& name, int64_t begin, int64_t end, uint64_t seed) {
        auto dir = freshDir(name);
        DatasetInfo info = infoFor(f, 4);
        info.seed = seed;
        DatasetWriter w(dir, info, allFormats());
        for (int64_t i = begin; i < end; ++i) writeOne(w, i);
        w.finish();
        return dir;
    };
    auto a = makePart("refuse-a", 0, 2, 42);
    auto b = makePart("refuse-b", 2, 4, 42);
    auto other = makePart("refuse-other-seed", 2, 4, 43);
    auto overlap = makePart("refuse-overlap", 1, 3, 42);
    auto out = freshDir("refuse-out");

    auto messageOf = [&](std::vector<std::filesystem::path> parts) {
        try {
            mergeDatasets(parts, out);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    std::string m = messageOf({a, other});
    CHECK(m.find("refuse-other-seed") != std::string::npos);
    CHECK(m.find("seed") != std::string::npos);
    m = messageOf({a, overlap});
    CHECK(m.find("refuse-overlap") != std::string::npos);
    CHECK(m.find("frame 1") != std::string::npos);
    m = messageOf({a});
    CHECK(m.find("2, 3") != std::string::npos);
    CHECK(messageOf({a, b}) == "no error");
}

TEST_CASE("Reopening a folder that holds a different dataset is refused") {
    auto dir = freshDir("reopen");
    HandBuiltFrame f = richFrame();
    { DatasetWriter w(dir, infoFor(f, 3), allFormats()); }
    DatasetInfo changed = infoFor(f, 3);
    changed.scenarioHash = "different";
    CHECK_THROWS_AS(DatasetWriter(dir, changed, allFormats()), InputError);
    CHECK_NOTHROW(DatasetWriter(dir, infoFor(f, 3), allFormats()));
}

TEST_CASE("Format lists are parsed by name; unknown names are rejected with the known ones") {
    CHECK(parseFormatList("coco, YOLO,bop,coco") == std::vector<std::string>{"coco", "yolo", "bop"});
    try {
        parseFormatList("coco,yollo");
        FAIL("no error");
    } catch (const InputError& e) {
        std::string m = e.what();
        CHECK(m.find("yollo") != std::string::npos);
        CHECK(m.find("\"yolo\"") != std::string::npos);
    }
}

TEST_CASE("The manifest names every export, and each named path exists") {
    auto dir = freshDir("manifest");
    HandBuiltFrame f = richFrame();
    DatasetWriter w(dir, infoFor(f, 2), allFormats());
    writeOne(w, 0);
    writeOne(w, 1);
    w.finish();
    auto m = nlohmann::json::parse(readTextFile(dir / "manifest.json"));
    CHECK(m.at("synthgen_version") == "0.1.0-test");
    CHECK(m.at("scenario_hash") == "abc123");
    CHECK(m.at("seed") == 42);
    CHECK(m.at("frame_count") == 2);
    CHECK(m.at("resolution").at("width") == 96);
    CHECK(m.at("camera").at("fx") == 500.0);
    CHECK(m.at("classes").size() == 2);
    const auto& e = m.at("exports");
    for (const char* key : {"rgb", "instance", "semantic", "depth", "depth_exr", "normals", "coco", "yolo", "voc", "bop"})
        CHECK(e.contains(key));
    auto exists = [&](std::string p) {
        auto pos = p.find("{frame:06d}");
        if (pos != std::string::npos) p.replace(pos, 11, "000001");
        return std::filesystem::exists(dir / p);
    };
    CHECK(exists(e.at("rgb").at("path")));
    CHECK(exists(e.at("depth_exr").at("path")));
    CHECK(exists(e.at("coco").at("annotations")));
    CHECK(exists(e.at("yolo").at("data")));
    CHECK(exists(e.at("yolo").at("labels")));
    CHECK(exists(e.at("voc").at("annotations")));
    CHECK(exists(e.at("bop").at("models")));
    CHECK(exists(m.at("frames_record")));
    // frames.jsonl: one line per frame, in frame order, with the image-level labels (the rich frame
    // shows widgets and "defect/crack" objects) and the sampled values.
    std::string jsonl = readTextFile(dir / "frames.jsonl");
    const std::string labels = "\"tags\":[\"defect/crack\",\"widget\"]}\n";
    CHECK(jsonl == "{\"class\":\"defective\",\"frame\":0,\"sampled\":{\"shift\":0}," + labels +
                       "{\"class\":\"defective\",\"frame\":1,\"sampled\":{\"shift\":1}," + labels);
}

TEST_CASE("YOLO pose without any keypoint category, or an unknown YOLO task, is refused up front") {
    HandBuiltFrame f = richFrame();
    DatasetInfo info = infoFor(f, 1);
    for (auto& c : info.categories) c.keypoints.clear();
    ExportOptions o = allFormats();
    o.yoloTask = "pose";
    CHECK_THROWS_AS(DatasetWriter(freshDir("pose-no-kp"), info, o), InputError);
    o.yoloTask = "obb";
    CHECK_THROWS_AS(DatasetWriter(freshDir("bad-task"), infoFor(f, 1), o), InputError);
}

TEST_CASE("linkDatasetFile places a file at a new path, creating its folders, and replaces one already there") {
    auto dir = freshDir("link-dataset-file");
    writeTextCreatingDirs(dir, "images/a.png", "first");
    writeTextCreatingDirs(dir, "images/b.png", "second");
    auto read = [&](const std::string& relative) {
        std::ifstream in(dir / relative, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    linkDatasetFile(dir, "images/a.png", "layout/train/good/a.png");  // folders missing
    CHECK(read("layout/train/good/a.png") == "first");
    linkDatasetFile(dir, "images/b.png", "layout/train/good/b.png");  // folder there
    CHECK(read("layout/train/good/b.png") == "second");
    linkDatasetFile(dir, "images/b.png", "layout/train/good/a.png");  // target there: replaced
    CHECK(read("layout/train/good/a.png") == "second");
    CHECK(read("images/a.png") == "first");  // the source of the replaced link is untouched
    CHECK_THROWS(linkDatasetFile(dir, "images/missing.png", "layout/x.png"));
    CHECK_FALSE(std::filesystem::exists(dir / "layout/x.png"));
}
