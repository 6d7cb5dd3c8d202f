// `mix`: category mapping by name (aliases, supercategory paths, unmapped ones stop the run),
// ratios and counts, group-safe and stratified splits, provenance, and nothing written on error.
#include "RealFixtures.h"
#include "core/InputError.h"
#include "datasets/Mix.h"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace fixtures;

namespace {

// 20 real photos in 5 videos of 4 frames (video_id), alternating "scratch" (supercategory defect)
// and "dent" (supercategory damage) boxes.
fs::path writeRealVideos(const std::string& name, bool videoIds = true) {
    fs::path root = fresh(name);
    json images = json::array(), anns = json::array();
    for (int i = 0; i < 20; ++i) {
        std::string file = "v" + std::to_string(i / 4) + "_f" + std::to_string(i % 4) + ".jpg";
        copyPhoto(i % 2, root / "images" / file);
        images.push_back({{"id", 100 + i}, {"file_name", file}, {"width", 400}, {"height", 400}});
        if (videoIds) images.back()["video_id"] = i / 4;
        anns.push_back(
            {{"id", i + 1}, {"image_id", 100 + i}, {"category_id", i % 2 ? 5 : 0}, {"bbox", {10, 10, 50, 50}}, {"iscrowd", 0}});
    }
    json cats = json::array(
        {{{"id", 0}, {"name", "scratch"}, {"supercategory", "defect"}}, {{"id", 5}, {"name", "dent"}, {"supercategory", "damage"}}});
    write(root / "annotations.json", json{{"images", images}, {"annotations", anns}, {"categories", cats}}.dump());
    return root / "annotations.json";
}

sg::MixOptions options(std::vector<std::string> sources, const std::string& out) {
    sg::MixOptions o;
    o.sources = std::move(sources);
    o.out = kRoot / out;
    fs::remove_all(o.out);
    return o;
}

json cocoOf(const fs::path& out, const std::string& split) {
    return json::parse(sg::readTextFile(out / "coco" / ("instances_" + split + ".json")));
}

std::vector<std::string> classNames(const fs::path& datasetDir) {
    std::vector<std::string> names;
    json manifest = json::parse(sg::readTextFile(datasetDir / "manifest.json"));
    for (const auto& c : manifest["classes"]) names.push_back(c["name"]);
    return names;
}

}  // namespace

TEST_CASE("mix: a category that maps to nothing stops the run with the list, and nothing is written", "[datasets][mix]") {
    sg::MixOptions o = options({synthgenDataset().string(), writeCoco("mix-unmapped").string()}, "mix-unmapped-out");
    try {
        sg::mixDatasets(o);
        FAIL("no error");
    } catch (const sg::InputError& e) {
        std::string m = e.what();
        CHECK(m.find("3 categories map to no output category") != std::string::npos);
        CHECK(m.find("\"dent\" (1 annotations)") != std::string::npos);
        CHECK(m.find("\"person\" (1 annotations)") != std::string::npos);
        CHECK(m.find("\"rust\" (1 annotations)") != std::string::npos);
        CHECK(m.find("placeholder") == std::string::npos);    // unused: no reason to stop
        CHECK(m.find("\"scratch\" (") == std::string::npos);  // defect + scratch = defect/scratch
        CHECK(e.fix.find("--alias") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(o.out));
    for (const auto& f : fs::directory_iterator(kRoot))
        CHECK(f.path().filename().string().find("mix-unmapped-out.partial") == std::string::npos);
}

TEST_CASE("mix: categories by name, with an alias, a supercategory path and unmapped ones dropped", "[datasets][mix]") {
    sg::MixOptions o = options({synthgenDataset().string(), writeCoco("mix-alias").string()}, "mix-alias-out");
    o.aliases["dent"] = "defect/dent";
    o.unmapped = sg::UnmappedPolicy::Drop;
    o.valFraction = 0;
    sg::MixReport r = sg::mixDatasets(o);
    CHECK(r.droppedAnnotations == 2);  // person and rust
    CHECK(classNames(o.out) == std::vector<std::string>{"defect/dent", "defect/scratch"});
    CHECK(classNames(synthgenDataset()) == std::vector<std::string>{"defect/dent", "defect/scratch"});
    json coco = cocoOf(o.out, "train");
    std::map<int, std::string> names;
    for (const auto& c : coco["categories"]) names[c["id"]] = c["name"];
    std::map<std::string, int> realByCategory;
    std::set<int> realImages;
    for (const auto& im : coco["images"])
        if (!im["provenance"]["synthetic"].get<bool>()) realImages.insert(im["id"].get<int>());
    for (const auto& a : coco["annotations"])
        if (realImages.count(a["image_id"].get<int>())) ++realByCategory[names[a["category_id"]]];
    CHECK(realByCategory == std::map<std::string, int>{{"defect/scratch", 2}, {"defect/dent", 1}});
}

TEST_CASE("mix: --unmapped keep adds the categories with their keypoint schema", "[datasets][mix]") {
    sg::MixOptions o = options({synthgenDataset().string(), writeCoco("mix-keep").string()}, "mix-keep-out");
    o.aliases["dent"] = "defect/dent";
    o.unmapped = sg::UnmappedPolicy::Keep;
    sg::mixDatasets(o);
    std::vector<std::string> expected = classNames(synthgenDataset());
    expected.push_back("person");
    expected.push_back("rust");
    CHECK(classNames(o.out) == expected);
    json person = json::parse(sg::readTextFile(o.out / "manifest.json"))["classes"][2];
    CHECK(person["keypoints"] == json({"nose", "left_eye", "right_eye"}));
    CHECK(person["skeleton"] == json({{1, 2}, {1, 3}}));
}

TEST_CASE("mix: real-only val and test by whole videos, the train ratio, provenance in COCO and the manifest", "[datasets][mix]") {
    sg::MixOptions o = options({synthgenDataset().string(), writeRealVideos("mix-videos").string()}, "mix-videos-out");
    o.aliases["dent"] = "defect/dent";
    o.valFraction = 0.2;
    o.testFraction = 0.2;
    o.ratio = {{2.0, 1.0}};
    o.seed = 7;
    sg::MixReport r = sg::mixDatasets(o);
    // 20 real images in 5 videos: 1 video each for val and test, 3 (12 images) for train; 12
    // synthetic frames allow 2:1 only with 6 of those real images.
    CHECK(r.splits["train"].synthetic == 12);
    CHECK(r.splits["train"].real == 6);
    CHECK(r.splits["val"].synthetic == 0);
    CHECK(r.splits["val"].real == 4);
    CHECK(r.splits["test"].real == 4);
    json manifest = json::parse(sg::readTextFile(o.out / "manifest.json"));
    std::map<std::string, std::set<std::string>> splitsOfVideo;
    for (const auto& im : manifest["images"]) {
        const json& p = im["provenance"];
        if (p["synthetic"]) {
            CHECK(im["split"] == "train");
            CHECK(p["source"] == synthgenDataset().string());
        } else {
            CHECK(p["source"] == (kRoot / "mix-videos" / "annotations.json").string());
            std::string original = p["original_file"];
            splitsOfVideo[original.substr(0, 2)].insert(im["split"]);
            // original id = the source's image id for that file
            int frame = std::stoi(original.substr(1, 1)) * 4 + std::stoi(original.substr(4, 1));
            CHECK(p["original_id"] == std::to_string(100 + frame));
        }
        CHECK(fs::exists(o.out / im["file"].get<std::string>()));
    }
    for (const auto& [video, splits] : splitsOfVideo) CHECK(splits.size() == 1);
    // The COCO images entries carry the same provenance.
    for (const char* split : {"train", "val", "test"}) {
        json coco = cocoOf(o.out, split);
        for (const auto& im : coco["images"]) {
            CHECK(im.contains("provenance"));
            CHECK(im["provenance"]["synthetic"] ==
                  (std::string(split) == "train" && im["file_name"].get<std::string>().find(".png") != std::string::npos));
        }
    }
    // Hard links by default: the output image is the source file.
    std::string firstReal;
    for (const auto& im : manifest["images"])
        if (!im["provenance"]["synthetic"]) {
            firstReal = im["file"];
            break;
        }
    CHECK(fs::hard_link_count(o.out / firstReal) >= 2);
    // Deterministic: the same seed gives the same bytes.
    sg::MixOptions again = o;
    again.out = kRoot / "mix-videos-again";
    fs::remove_all(again.out);
    sg::mixDatasets(again);
    for (const char* split : {"train", "val", "test"}) {
        json a = cocoOf(o.out, split), b = cocoOf(again.out, split);
        CHECK(a["images"].size() == b["images"].size());
        for (size_t i = 0; i < a["images"].size(); ++i) CHECK(a["images"][i]["file_name"] == b["images"][i]["file_name"]);
    }
}

TEST_CASE("mix: --group-pattern keeps the videos named in file names whole", "[datasets][mix]") {
    sg::MixOptions o = options({writeRealVideos("mix-pattern", false).string()}, "mix-pattern-out");
    o.groupPattern = "^(v[0-9]+)_f";
    o.valFraction = 0.2;
    o.testFraction = 0.2;
    o.seed = 11;
    sg::MixReport r = sg::mixDatasets(o);
    CHECK(r.splits["val"].real == 4);
    CHECK(r.splits["test"].real == 4);
    json manifest = json::parse(sg::readTextFile(o.out / "manifest.json"));
    std::map<std::string, std::set<std::string>> splitsOfVideo;
    for (const auto& im : manifest["images"]) {
        std::string original = im["provenance"]["original_file"];
        splitsOfVideo[original.substr(0, 2)].insert(im["split"]);
        CHECK(im["group"] == "0|re=" + original.substr(0, 2));
    }
    CHECK(splitsOfVideo.size() == 5);
    for (const auto& [video, splits] : splitsOfVideo) CHECK(splits.size() == 1);
}

TEST_CASE("mix: synthetic sequences split into val/test stay whole; absolute train counts", "[datasets][mix]") {
    sg::MixOptions o = options({synthgenDataset().string(), writeRealVideos("mix-counts").string()}, "mix-counts-out");
    o.aliases["dent"] = "defect/dent";
    o.syntheticInEval = true;
    o.valFraction = 0.25;
    o.testFraction = 0.25;
    sg::mixDatasets(o);
    json manifest = json::parse(sg::readTextFile(o.out / "manifest.json"));
    std::map<std::string, std::set<std::string>> splitsOfGroup;
    size_t syntheticEval = 0;
    for (const auto& im : manifest["images"]) {
        splitsOfGroup[im["group"]].insert(im["split"]);
        syntheticEval += im["provenance"]["synthetic"] && im["split"] != "train";
    }
    for (const auto& [g, s] : splitsOfGroup) CHECK(s.size() == 1);
    // 12 frames in 6 sequences of 2; val and test each take whole sequences until they hold
    // round(0.25 * 12) = 3 frames: 2 sequences (4 frames) each.
    CHECK(syntheticEval == 8);
    sg::MixOptions c = options({synthgenDataset().string(), writeRealVideos("mix-counts2").string()}, "mix-counts2-out");
    c.aliases["dent"] = "defect/dent";
    c.syntheticCount = 5;
    c.realCount = 3;
    sg::MixReport r = sg::mixDatasets(c);
    CHECK(r.splits["train"].synthetic == 5);
    CHECK(r.splits["train"].real == 3);
    c.out = kRoot / "mix-counts3-out";
    c.syntheticCount = 13;
    CHECK_THROWS_WITH(sg::mixDatasets(c), Catch::Contains("--synthetic 13 asks for more synthetic train images than there are (12)"));
}

TEST_CASE("mix: broken real entries stop the run naming file, entry and fix; --skip-invalid skips and lists them", "[datasets][mix]") {
    json j = cocoJson();
    j["annotations"].push_back({{"id", 77}, {"image_id", 1001}, {"category_id", 99}, {"bbox", {1, 1, 2, 2}}});
    j["images"].push_back({{"id", 1004}, {"file_name", "gone.jpg"}, {"width", 10}, {"height", 10}});
    fs::path coco = writeCoco("mix-broken", j);
    sg::MixOptions o = options({coco.string()}, "mix-broken-out");
    try {
        sg::mixDatasets(o);
        FAIL("no error");
    } catch (const sg::InputError& e) {
        std::string m = e.what();
        CHECK(m.find("2 broken entries (1 missing_image, 1 unknown_category)") != std::string::npos);
        CHECK(m.find("instances_val.json: /annotations/5 (id 77): category_id 99 is not in \"categories\". Fix: add the category or "
                     "correct category_id") != std::string::npos);
        CHECK(m.find("/images/3 (id 1004): image file") != std::string::npos);
        CHECK(e.fix.find("--skip-invalid") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(o.out));
    o.skipInvalid = true;
    sg::MixReport r = sg::mixDatasets(o);
    CHECK(r.skipped.size() == 2);
    CHECK(r.splits["train"].real + r.splits["val"].real == 3);
}

TEST_CASE("assignSplits: groups never cross splits; stratification puts a rare class in every split", "[datasets][mix]") {
    std::vector<std::string> groups;
    std::vector<std::vector<std::string>> classes;
    // 60 groups of 3 images; class "rare" in 6 groups only.
    for (int g = 0; g < 60; ++g)
        for (int k = 0; k < 3; ++k) {
            groups.push_back("g" + std::to_string(g));
            classes.push_back(g % 10 == 0 ? std::vector<std::string>{"rare", "common"} : std::vector<std::string>{"common"});
        }
    for (bool stratify : {false, true}) {
        std::vector<std::string> s = sg::assignSplits(groups, classes, 0.2, 0.2, stratify, 5);
        std::map<std::string, std::set<std::string>> of;
        std::map<std::string, int> images, rare;
        for (size_t i = 0; i < s.size(); ++i) {
            of[groups[i]].insert(s[i]);
            ++images[s[i]];
            rare[s[i]] += classes[i].size() == 2;
        }
        for (const auto& [g, set] : of) CHECK(set.size() == 1);
        CHECK(images["val"] == Approx(36).margin(3));
        CHECK(images["test"] == Approx(36).margin(3));
        if (stratify) {
            // 18 rare images: 20 % each to val and test (one or two groups of 3), the rest train.
            CHECK(rare["val"] >= 3);
            CHECK(rare["test"] >= 3);
            CHECK(rare["train"] >= 9);
        }
    }
}

TEST_CASE("synthgen mix command: exit 2 and one message on bad input, 0 and a summary on success", "[datasets][mix][cli]") {
    fs::path coco = writeCoco("mix-cli");
    CommandResult bad = runCommand(synthgenBinary() + " mix " + synthgenDataset().string() + " " + coco.string() + " --out " +
                                   (kRoot / "mix-cli-out").string());
    CHECK(bad.exitCode == 2);
    CHECK(bad.output.find("map to no output category") != std::string::npos);
    fs::remove_all(kRoot / "mix-cli-out");
    CommandResult good = runCommand(synthgenBinary() + " mix " + synthgenDataset().string() + " " + coco.string() +
                                    " --alias dent=defect/dent --unmapped drop" +
                                    " --formats coco,yolo,voc --drop-crowd --files copy --out " + (kRoot / "mix-cli-out").string());
    INFO(good.output);
    CHECK(good.exitCode == 0);
    CHECK(good.output.find("train 12 synthetic + ") != std::string::npos);
    CHECK(fs::exists(kRoot / "mix-cli-out" / "data.yaml"));
    CHECK(fs::exists(kRoot / "mix-cli-out" / "voc" / "ImageSets" / "Main" / "train.txt"));
    CommandResult usage = runCommand(synthgenBinary() + " mix --ratio 3 x --out y");
    CHECK(usage.exitCode == 2);
    CHECK(usage.output.find("--ratio expects SYNTHETIC:REAL") != std::string::npos);
}
