// `synthgen generate --sequence-length` end to end, through the real binary: stable track ids,
// falling objects moving between frames, MOTChallenge gt.txt/seqinfo.ini against the MOT16 spec and
// against the COCO boxes of the same frames, determinism, and shards merged == one process.
#include "core/AtomicFile.h"
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "sequences";

// Two cubes dropped from 0.3 m above a fixed floor. settle_time 0.01 s ends the settle right after
// release, so the sequence shows them falling: at 0.1 s per frame they drop ~6 cm from frame 0
// to 1 and ~16 cm more to frame 2, before reaching the floor (~0.25 s).
const char* kScenario = R"({
  "resolution": [160, 120],
  "assets": {
    "cubes": {"category": "cube", "primitive": {"type": "box", "size": [0.06, 0.06, 0.06]}},
    "floor": {"primitive": {"type": "box", "size": [1.0, 1.0, 0.02]}}
  },
  "groups": [
    {"name": "floor", "assets": "floor", "count": 1, "distractor": true, "pose": "fixed",
     "placement": {"mode": "volume", "min": [0, 0, -0.01], "max": [0, 0, -0.01]},
     "material": {"rgb": [0.4, 0.4, 0.4]}},
    {"name": "parts", "assets": "cubes", "count": 2, "pose": "upright",
     "placement": {"mode": "scatter", "min": [-0.12, -0.12, 0], "max": [0.12, 0.12, 0], "drop": true, "drop_height": 0.3},
     "material": {"hsv": [{"uniform": [0, 360]}, 0.8, 0.9]}}
  ],
  "physics": {"settle_time": 0.01},
  "lights": [{"name": "key", "intensity": 15, "distance": 1.5, "elevation": 60}],
  "camera": {"fov": 60, "look_at": {"target": [0, 0, 0.15], "distance": 1.1, "elevation": 40}}
})";

int run(const std::vector<std::string>& args, std::string* output = nullptr) {
    fs::create_directories(kRoot);
    fs::path errFile = kRoot / ("stderr-" + std::to_string(getpid()) + ".txt");
    int code = waitExitCode(spawnSynthgen(args, errFile));
    std::string err = sg::readTextFile(errFile);
    if (output) *output = err;
    if (code != 0) UNSCOPED_INFO("synthgen output: " << err);
    return code;
}

fs::path scenarioFile() {
    fs::create_directories(kRoot);
    fs::path p = kRoot / "scenario.json";
    sg::writeFileAtomic(p, std::string_view(kScenario));
    return p;
}

fs::path fresh(const std::string& name) {
    fs::path p = kRoot / name;
    fs::remove_all(p);
    return p;
}

// 6 frames in sequences of 4: sequence 0 = frames 0..3, sequence 1 = frames 4..5 (a short last one).
std::vector<std::string> generateArgs(const fs::path& out, int seed = 3) {
    return {"generate",
            scenarioFile().string(),
            "--out",
            out.string(),
            "--frames",
            "6",
            "--seed",
            std::to_string(seed),
            "--formats",
            "coco,mot",
            "--sequence-length",
            "4",
            "--frame-interval",
            "0.1",
            "--threads",
            "2",
            "--quiet"};
}

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

nlohmann::json coco(const fs::path& dir) { return nlohmann::json::parse(sg::readTextFile(dir / "coco/annotations.json")); }

// Every file under dir/sub (relative path -> bytes).
std::map<std::string, std::string> files(const fs::path& dir, const std::string& sub) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir / sub))
        if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = sg::readTextFile(e.path());
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, sep)) out.push_back(item);
    return out;
}

bool isInteger(const std::string& s) {
    if (s.empty()) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    return i < s.size() && s.find_first_not_of("0123456789", i) == std::string::npos;
}

}  // namespace

TEST_CASE("a sequence keeps track ids and video ids stable while the dropped objects fall") {
    fs::path out = fresh("stable");
    REQUIRE(run(generateArgs(out)) == 0);
    nlohmann::json c = coco(out);
    REQUIRE(c.contains("videos"));
    REQUIRE(c["videos"].size() == 2);

    std::map<int64_t, nlohmann::json> images;  // image id -> image
    for (const auto& im : c["images"]) images[im["id"]] = im;
    REQUIRE(images.size() == 6);
    for (const auto& [id, im] : images) {
        int64_t frame = im["frame_index"];
        CHECK(im["video_id"] == frame / 4 + 1);
        CHECK(im["frame_id"] == frame % 4);
    }
    // (video, track) -> object name, and frame -> track -> bbox.
    std::map<std::pair<int64_t, int64_t>, std::string> names;
    std::map<int64_t, std::map<int64_t, std::vector<double>>> boxes;
    for (const auto& a : c["annotations"]) {
        REQUIRE(a.contains("track_id"));
        const auto& im = images.at(a["image_id"]);
        CHECK(a["video_id"] == im["video_id"]);
        CHECK(a["track_id"] == a["instance_id"]);
        auto key = std::make_pair(a["video_id"].get<int64_t>(), a["track_id"].get<int64_t>());
        auto [it, inserted] = names.emplace(key, a["object_name"].get<std::string>());
        CHECK(it->second == a["object_name"].get<std::string>());  // one object per track
        boxes[im["frame_index"]][a["track_id"]] = a["bbox"].get<std::vector<double>>();
    }
    // Both cubes of sequence 0 are labeled in every frame of it, under the same track ids.
    REQUIRE(boxes[0].size() == 2);
    for (int f = 1; f < 4; ++f) {
        std::set<int64_t> a, b;
        for (const auto& [t, _] : boxes[0]) a.insert(t);
        for (const auto& [t, _] : boxes[f]) b.insert(t);
        CHECK(a == b);
    }
    // Falling: seen from above at 40 degrees, a cube that drops moves down the image (y grows).
    for (const auto& [track, box0] : boxes[0]) {
        const auto& box1 = boxes[1].at(track);
        const auto& box2 = boxes[2].at(track);
        double y0 = box0[1] + box0[3] / 2, y1 = box1[1] + box1[3] / 2, y2 = box2[1] + box2[3] / 2;
        INFO("track " << track << " box centre y: " << y0 << " -> " << y1 << " -> " << y2);
        CHECK(y1 > y0 + 1.0);
        CHECK(y2 > y1 + 1.0);
    }
    // The record tells where each frame lies in its sequence.
    nlohmann::json rec = nlohmann::json::parse(sg::readTextFile(out / ".synthgen/frames/000005.json"));
    CHECK(rec["sequence"]["id"] == 1);
    CHECK(rec["sequence"]["frame"] == 1);
    CHECK(rec["sequence"]["length"] == 2);
}

TEST_CASE("MOT gt.txt and seqinfo.ini follow the MOTChallenge layout and the boxes equal the COCO boxes") {
    fs::path out = fresh("mot");
    REQUIRE(run(generateArgs(out)) == 0);
    nlohmann::json c = coco(out);
    std::set<int> categoryIds;
    for (const auto& cat : c["categories"]) categoryIds.insert(cat["id"].get<int>());
    // (video id, 0-based frame id, track id) -> COCO annotation
    std::map<int64_t, nlohmann::json> images;
    for (const auto& im : c["images"]) images[im["id"]] = im;
    std::map<std::tuple<int64_t, int64_t, int64_t>, nlohmann::json> cocoByKey;
    for (const auto& a : c["annotations"]) {
        const auto& im = images.at(a["image_id"]);
        cocoByKey[{im["video_id"], im["frame_id"], a["track_id"]}] = a;
    }

    size_t rowsSeen = 0;
    const int lengths[2] = {4, 2};
    for (int s = 0; s < 2; ++s) {
        char name[32];
        std::snprintf(name, sizeof name, "seq-%06d", s);
        fs::path seq = out / "mot" / name;
        // seqinfo.ini: an [Sequence] section with the keys MOT16/17 sequences carry.
        std::map<std::string, std::string> ini;
        auto lines = split(sg::readTextFile(seq / "seqinfo.ini"), '\n');
        REQUIRE(!lines.empty());
        CHECK(lines[0] == "[Sequence]");
        for (size_t i = 1; i < lines.size(); ++i) {
            auto eq = lines[i].find('=');
            if (eq != std::string::npos) ini[lines[i].substr(0, eq)] = lines[i].substr(eq + 1);
        }
        CHECK(ini["name"] == name);
        CHECK(ini["imDir"] == "img1");
        CHECK(ini["frameRate"] == "10");  // 1 / 0.1 s
        CHECK(ini["seqLength"] == std::to_string(lengths[s]));
        CHECK(ini["imWidth"] == "160");
        CHECK(ini["imHeight"] == "120");
        CHECK(ini["imExt"] == ".png");
        // img1/ holds frames 000001.. of the sequence: the same bytes as the dataset's images.
        for (int k = 1; k <= lengths[s]; ++k) {
            char img[32], global[32];
            std::snprintf(img, sizeof img, "%06d.png", k);
            std::snprintf(global, sizeof global, "%06d.png", s * 4 + k - 1);
            REQUIRE(fs::exists(seq / "img1" / img));
            CHECK(sg::readTextFile(seq / "img1" / img) == sg::readTextFile(out / "images" / global));
        }
        std::set<std::pair<int64_t, int64_t>> frameIds;
        for (const std::string& line : split(sg::readTextFile(seq / "gt/gt.txt"), '\n')) {
            if (line.empty()) continue;
            INFO(name << " gt.txt line: " << line);
            auto f = split(line, ',');
            REQUIRE(f.size() == 9);  // frame,id,bb_left,bb_top,bb_width,bb_height,conf,class,visibility
            for (int i = 0; i < 8; ++i) REQUIRE(isInteger(f[size_t(i)]));
            int64_t frame = std::stoll(f[0]), id = std::stoll(f[1]);
            CHECK(frame >= 1);
            CHECK(frame <= lengths[s]);
            CHECK(id >= 1);
            CHECK(std::stoll(f[4]) > 0);
            CHECK(std::stoll(f[5]) > 0);
            CHECK(f[6] == "1");
            CHECK(categoryIds.count(std::stoi(f[7])) == 1);
            double vis = std::stod(f[8]);
            CHECK(vis >= 0.0);
            CHECK(vis <= 1.0);
            CHECK(frameIds.insert({frame, id}).second);  // one row per object and frame
            auto it = cocoByKey.find({s + 1, frame - 1, id});
            REQUIRE(it != cocoByKey.end());
            const auto& a = it->second;
            CHECK(a["bbox"][0].get<int64_t>() == std::stoll(f[2]));
            CHECK(a["bbox"][1].get<int64_t>() == std::stoll(f[3]));
            CHECK(a["bbox"][2].get<int64_t>() == std::stoll(f[4]));
            CHECK(a["bbox"][3].get<int64_t>() == std::stoll(f[5]));
            CHECK(a["category_id"].get<int>() == std::stoi(f[7]));
            CHECK(a["visib_fract"].get<double>() == Approx(vis).margin(1e-6));
            ++rowsSeen;
        }
    }
    // Every COCO annotation has its MOT row.
    CHECK(rowsSeen == c["annotations"].size());
    CHECK(rowsSeen > 0);
}

TEST_CASE("the same seed twice gives identical MOT files") {
    fs::path a = fresh("repeat-a"), b = fresh("repeat-b");
    REQUIRE(run(generateArgs(a, 11)) == 0);
    REQUIRE(run(generateArgs(b, 11)) == 0);
    auto fa = files(a, "mot"), fb = files(b, "mot");
    REQUIRE(fa.size() == fb.size());
    CHECK(fa.count("mot/seq-000000/gt/gt.txt") == 1);
    for (const auto& [path, bytes] : fa) {
        INFO(path);
        REQUIRE(fb.count(path) == 1);
        CHECK(fb.at(path) == bytes);
    }
}

TEST_CASE("two shards split inside a sequence, merged, equal one process") {
    // Shard 0 = frames 0..2, shard 1 = frames 3..5: frame 3 is the last frame of sequence 0, so
    // shard 1 must re-simulate sequence 0 from its start to make it.
    fs::path whole = fresh("whole"), p0 = fresh("part0"), p1 = fresh("part1"), merged = fresh("merged");
    REQUIRE(run(generateArgs(whole)) == 0);
    REQUIRE(run(plus(generateArgs(p0), {"--shard", "0/2"})) == 0);
    REQUIRE(run(plus(generateArgs(p1), {"--shard", "1/2"})) == 0);
    REQUIRE(run({"merge", p0.string(), p1.string(), "--out", merged.string()}) == 0);
    for (const std::string sub : {"mot", "coco", "images"}) {
        auto fw = files(whole, sub), fm = files(merged, sub);
        CHECK(fw.size() == fm.size());
        for (const auto& [path, bytes] : fw) {
            INFO(path);
            REQUIRE(fm.count(path) == 1);
            CHECK(fm.at(path) == bytes);
        }
    }
}

TEST_CASE("the mot format without a sequence length is refused with a fix") {
    fs::path out = fresh("refused");
    std::string output;
    CHECK(run({"generate", scenarioFile().string(), "--out", out.string(), "--frames", "2", "--formats", "mot", "--quiet"}, &output) ==
          2);
    CHECK(output.find("--sequence-length") != std::string::npos);
}
