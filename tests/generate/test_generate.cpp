// `synthgen generate` end to end, through the real binary: determinism across runs, shard splits
// and single frames; kill + resume; argument errors.
#include "core/AtomicFile.h"
#include "support/RunCommand.h"
#include "support/WaitForFiles.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "generate";

// Small and fast, but exercises every stage: several categories, a distractor, sampled materials
// and procedural textures, lights, a look-at camera with lens distortion, sensor noise, a variant.
const char* kScenario = R"({
  "resolution": [160, 120],
  "assets": {
    "cubes": {"category": "cube", "primitive": {"type": "box", "size": [0.08, 0.08, 0.08]}},
    "balls": {"category": "ball", "primitive": {"type": "sphere", "radius": 0.04, "segments": 16}},
    "floor": {"primitive": {"type": "box", "size": [1.0, 1.0, 0.02]}}
  },
  "groups": [
    {"name": "floor", "assets": "floor", "count": 1, "distractor": true, "pose": "fixed",
     "placement": {"mode": "volume", "min": [0, 0, -0.01], "max": [0, 0, -0.01]},
     "material": {"rgb": [0.4, 0.4, 0.4], "textures": {"procedural": ["checker", "noise"], "probability": 0.5}}},
    {"name": "parts", "assets": {"cubes": 1, "balls": 1}, "count": {"uniform": [2, 4]}, "pose": "upright",
     "placement": {"mode": "scatter", "min": [-0.25, -0.25, 0], "max": [0.25, 0.25, 0]},
     "material": {"hsv": [{"uniform": [0, 360]}, 0.8, 0.9], "roughness": {"uniform": [0.2, 0.8]}}}
  ],
  "lights": [{"name": "key", "intensity": {"uniform": [10, 20]}, "distance": 1.5, "elevation": 60}],
  "camera": {"fov": 50, "distortion": {"k1": -0.15, "k2": 0.02},
             "look_at": {"distance": {"uniform": [0.8, 1.0]}, "elevation": {"uniform": [45, 70]}}},
  "sensor": {"gaussian_noise": 2},
  "variants": [{"name": "dim", "weight": 0.1, "override": {"lights": [{"name": "key", "intensity": 2}]}}]
})";

struct Run {
    int code = -1;
    std::string err;
};

Run run(const std::vector<std::string>& args) {
    fs::create_directories(kRoot);
    fs::path errFile = kRoot / ("stderr-" + std::to_string(getpid()) + ".txt");
    Run r;
    r.code = waitExitCode(spawnSynthgen(args, errFile));
    r.err = sg::readTextFile(errFile);
    return r;
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

// Every file under dir (relative path -> bytes), optionally skipping some.
std::map<std::string, std::string> files(const fs::path& dir, const std::vector<std::string>& skip = {}) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::string rel = fs::relative(e.path(), dir).string();
        bool skipped = false;
        for (const auto& s : skip) skipped |= rel.rfind(s, 0) == 0;
        if (!skipped) out[rel] = sg::readTextFile(e.path());
    }
    return out;
}

std::vector<std::string> differences(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    std::vector<std::string> diff;
    for (const auto& [k, v] : a) {
        auto it = b.find(k);
        if (it == b.end()) diff.push_back(k + " only in the first");
        else if (it->second != v) diff.push_back(k + " differs");
    }
    for (const auto& [k, v] : b)
        if (!a.count(k)) diff.push_back(k + " only in the second");
    return diff;
}

std::vector<std::string> common(const fs::path& s, const std::string& out, int frames, int seed) {
    return {"generate",  s.string(),
            "--out",     out,
            "--frames",  std::to_string(frames),
            "--seed",    std::to_string(seed),
            "--formats", "coco,yolo,classify,mvtec",
            "--quiet"};
}

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// `synthgen merge PARTS... --out OUT`.
Run mergeInto(const std::vector<std::string>& parts, const fs::path& out) {
    std::vector<std::string> args{"merge"};
    args.insert(args.end(), parts.begin(), parts.end());
    args.push_back("--out");
    args.push_back(out.string());
    return run(args);
}

// Parts of a dataset that must match between a single run and merged shards: everything except
// the run's own bookkeeping (which records its shard).
const std::vector<std::string> kBookkeeping{"manifest.json", ".synthgen/dataset.json"};

}  // namespace

TEST_CASE("the same seed twice gives byte-identical datasets, whatever the thread counts") {
    fs::path s = scenarioFile();
    fs::path a = fresh("same-a"), b = fresh("same-b"), c = fresh("same-c");
    Run ra = run(plus(common(s, a, 8, 5), {"--threads", "1", "--render-threads", "1"}));
    REQUIRE(ra.code == 0);
    Run rb = run(plus(common(s, b, 8, 5), {"--threads", "3", "--render-threads", "3"}));
    REQUIRE(rb.code == 0);
    auto fa = files(a), fb = files(b);
    CHECK(fa.count("images/000007.png") == 1);
    CHECK(fa.count("coco/annotations.json") == 1);
    CHECK(differences(fa, fb).empty());
    INFO(differences(fa, fb).size());
    // And another seed really gives another dataset.
    REQUIRE(run(common(s, c, 8, 6)).code == 0);
    CHECK(files(c)["images/000000.png"] != fa["images/000000.png"]);
}

TEST_CASE("one run equals three shards merged, and any frame made alone equals the same frame of the run") {
    fs::path s = scenarioFile();
    const int frames = 140;
    fs::path whole = fresh("whole"), merged = fresh("merged"), single = fresh("frame137");
    REQUIRE(run(common(s, whole, frames, 3)).code == 0);
    std::vector<std::string> parts;
    for (int i = 0; i < 3; ++i) {
        fs::path part = fresh("part" + std::to_string(i));
        Run r = run(plus(common(s, part, frames, 3), {"--shard", std::to_string(i) + "/3"}));
        REQUIRE(r.code == 0);
        parts.push_back(part.string());
    }
    Run m = mergeInto(parts, merged);
    INFO(m.err);
    REQUIRE(m.code == 0);
    auto fw = files(whole, kBookkeeping), fm = files(merged, kBookkeeping);
    auto diff = differences(fw, fm);
    INFO((diff.empty() ? std::string() : diff.front()));
    CHECK(diff.empty());
    CHECK(fw.count("coco/annotations.json") == 1);
    CHECK(fw.count("classify/multilabel.csv") == 1);

    // Frame 137 alone.
    REQUIRE(run(plus(common(s, single, frames, 3), {"--frame-range", "137:138"})).code == 0);
    for (const char* f :
         {"images/000137.png", "instance/000137.png", "depth/000137.png", "labels/000137.txt", ".synthgen/frames/000137.json"}) {
        INFO(f);
        auto fsingle = files(single);
        REQUIRE(fsingle.count(f) == 1);
        CHECK(fsingle[f] == fw[f]);
    }
}

TEST_CASE("a run killed mid-way and resumed equals an uninterrupted run") {
    fs::path s = scenarioFile();
    const int frames = 120;
    fs::path full = fresh("uninterrupted"), killed = fresh("killed");
    REQUIRE(run(common(s, full, frames, 9)).code == 0);

    fs::path errFile = kRoot / "killed-stderr.txt";
    pid_t pid = spawnSynthgen(plus(common(s, killed, frames, 9), {"--threads", "2"}), errFile);
    // Poll the output for committed frames (records), then kill without warning.
    fs::path records = killed / ".synthgen" / "frames";
    bool started = waitForFiles(records, ".json", 3, std::chrono::seconds(120));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(started);
    size_t done = 0;
    for (const auto& e : fs::directory_iterator(records)) done += e.path().extension() == ".json";
    CHECK(done < size_t(frames));  // it really was stopped mid-run

    // Without --resume the folder is refused; with it, the run is finished.
    Run refused = run(common(s, killed, frames, 9));
    CHECK(refused.code == 2);
    CHECK_THAT(refused.err, Catch::Contains("--resume"));
    Run resumed = run(plus(common(s, killed, frames, 9), {"--resume"}));
    INFO(resumed.err);
    REQUIRE(resumed.code == 0);
    auto diff = differences(files(full), files(killed));
    INFO((diff.empty() ? std::string() : diff.front()));
    CHECK(diff.empty());
}

TEST_CASE("SIGINT stops cleanly with a message saying how to resume") {
    fs::path s = scenarioFile();
    fs::path out = fresh("sigint");
    fs::path errFile = kRoot / "sigint-stderr.txt";
    pid_t pid = spawnSynthgen(common(s, out, 2000, 1), errFile);
    fs::path records = out / ".synthgen" / "frames";
    bool started = waitForFiles(records, ".json", 1, std::chrono::seconds(120));
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(started);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    std::string err = sg::readTextFile(errFile);
    CHECK_THAT(err, Catch::Contains("resume with") && Catch::Contains("--resume"));
    // Only complete frames: every record's image exists.
    for (const auto& e : fs::directory_iterator(records)) {
        if (e.path().extension() != ".json") continue;
        CHECK(fs::exists(out / "images" / (e.path().stem().string() + ".png")));
    }
}

TEST_CASE("bad arguments and bad scenarios fail with exit code 2 and a clear message") {
    fs::path s = scenarioFile();
    Run r1 = run({"generate", "--frames", "abc", "--out", fresh("bad1").string()});
    CHECK(r1.code == 2);
    CHECK_THAT(r1.err, Catch::Contains("--frames"));
    Run r2 = run({"generate", "--shard", "3/3", "--out", fresh("bad2").string()});
    CHECK(r2.code == 2);
    CHECK_THAT(r2.err, Catch::Contains("--shard"));
    Run r3 = run({"generate", "--formats", "coco,yolk", "--out", fresh("bad3").string()});
    CHECK(r3.code == 2);
    CHECK_THAT(r3.err, Catch::Contains("yolk"));
    Run r4 = run({"generate", "--frobnicate", "--out", fresh("bad4").string()});
    CHECK(r4.code == 2);
    fs::path broken = kRoot / "broken.json";
    sg::writeFileAtomic(
        broken,
        std::string_view(
            R"({"assets": {"a": {"primitive": "box"}}, "groups": [{"name": "g", "assets": "a", "count": {"uniform": [3, 1]}}]})"));
    Run r5 = run({"generate", broken.string(), "--out", fresh("bad5").string()});
    CHECK(r5.code == 2);
    CHECK_THAT(r5.err, Catch::Contains("broken.json") && Catch::Contains("/groups/0/count/uniform"));
}

TEST_CASE("shards come from Slurm array variables when --shard is not given") {
    fs::path s = scenarioFile();
    fs::path a = fresh("slurm-part"), b = fresh("flag-part");
    setenv("SLURM_ARRAY_TASK_ID", "11", 1);
    setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    setenv("SLURM_ARRAY_TASK_MIN", "10", 1);
    Run ra = run(common(s, a, 8, 2));
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    unsetenv("SLURM_ARRAY_TASK_MIN");
    REQUIRE(ra.code == 0);
    REQUIRE(run(plus(common(s, b, 8, 2), {"--shard", "1/4"})).code == 0);
    auto fa = files(a), fb = files(b);
    CHECK(fa.count("images/000002.png") == 1);  // shard 1 of 4 over 8 frames = frames 2, 3
    CHECK(fa.count("images/000004.png") == 0);
    CHECK(differences(fa, fb).empty());
}

TEST_CASE("the built-in demo runs without a scenario file") {
    fs::path out = fresh("demo");
    Run r = run({"generate", "--out", out.string(), "--frames", "2", "--width", "160", "--height", "120", "--quiet"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    auto coco = nlohmann::json::parse(sg::readTextFile(out / "coco" / "annotations.json"));
    CHECK(coco["images"].size() == 2);
    CHECK(coco["annotations"].size() > 0);
    CHECK(coco["categories"].size() == 4);
}

TEST_CASE(
    "a Kubernetes Indexed Job pod (JOB_COMPLETION_INDEX) renders the same shard as --shard, with the count from --shards or "
    "SYNTHGEN_SHARD_COUNT") {
    fs::path s = scenarioFile();
    fs::path byFlag = fresh("k8s-flag"), byShards = fresh("k8s-shards"), byCount = fresh("k8s-count");
    REQUIRE(run(plus(common(s, byFlag, 8, 2), {"--shard", "2/4"})).code == 0);
    setenv("JOB_COMPLETION_INDEX", "2", 1);
    Run withShards = run(plus(common(s, byShards, 8, 2), {"--shards", "4"}));
    setenv("SYNTHGEN_SHARD_COUNT", "4", 1);
    Run withCount = run(common(s, byCount, 8, 2));
    unsetenv("SYNTHGEN_SHARD_COUNT");
    Run withoutCount = run(common(s, fresh("k8s-no-count"), 8, 2));
    unsetenv("JOB_COMPLETION_INDEX");
    INFO(withShards.err << withCount.err);
    REQUIRE(withShards.code == 0);
    REQUIRE(withCount.code == 0);
    auto flag = files(byFlag);
    CHECK(flag.count("images/000004.png") == 1);  // shard 2 of 4 over 8 frames = frames 4, 5
    CHECK(flag.count("images/000005.png") == 1);
    CHECK(flag.count("images/000003.png") == 0);
    CHECK(flag.count("images/000006.png") == 0);
    CHECK(differences(flag, files(byShards)).empty());
    CHECK(differences(flag, files(byCount)).empty());
    // An index without a count is refused, naming both ways to give it.
    CHECK(withoutCount.code == 2);
    CHECK(withoutCount.err.find("JOB_COMPLETION_INDEX") != std::string::npos);
    CHECK(withoutCount.err.find("--shards") != std::string::npos);
}

TEST_CASE("BOP of the demo: one run equals three shards merged (same obj_ids, each model once)") {
    auto demo = [](const fs::path& out, std::vector<std::string> extra) {
        return run(plus({"generate", "--out", out.string(), "--frames", "6", "--seed", "5", "--width", "160", "--height", "120",
                         "--formats", "bop", "--quiet"},
                        extra));
    };
    fs::path whole = fresh("bop-whole"), merged = fresh("bop-merged");
    REQUIRE(demo(whole, {}).code == 0);
    std::vector<std::string> parts;
    for (int i = 0; i < 3; ++i) {
        fs::path part = fresh("bop-part" + std::to_string(i));
        REQUIRE(demo(part, {"--shard", std::to_string(i) + "/3"}).code == 0);
        parts.push_back(part.string());
    }
    Run m = mergeInto(parts, merged);
    INFO(m.err);
    REQUIRE(m.code == 0);
    auto fw = files(whole, kBookkeeping), fm = files(merged, kBookkeeping);
    auto diff = differences(fw, fm);
    INFO((diff.empty() ? std::string() : diff.front()));
    CHECK(diff.empty());
    // One model file per obj_id, and one stored model per distinct geometry.
    auto objIds = nlohmann::json::parse(fw.at("bop/obj_ids.json"));
    std::set<std::string> hashes;
    size_t plyFiles = 0, stored = 0;
    for (const auto& [path, bytes] : fw) {
        plyFiles += path.rfind("bop/models/obj_", 0) == 0;
        stored += path.rfind(".synthgen/models/", 0) == 0;
    }
    for (const auto& [id, entry] : objIds.items()) hashes.insert(entry.at("model").get<std::string>());
    CHECK(plyFiles == objIds.size());
    CHECK(stored == hashes.size());
    CHECK(objIds.size() > 4);  // the demo's scale is drawn per instance: more models than categories
}
