// `synthgen report` end to end in a real browser: the page is opened by headless Chromium, which
// takes a screenshot (must not be blank) and dumps the DOM after the scripts ran. The counts on
// the page must equal those computed here straight from the COCO files, and the page must log no
// script error (a deliberately broken page proves the check can fail).
#include "support/RunCommand.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path testDir(const std::string& name) {
    fs::path d = fs::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "report" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string readText(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// A 64x48 gray picture of value `base` with a brighter rectangle, so brightness is known.
void writePicture(const fs::path& file, int base, int x0, int y0) {
    const int w = 64, h = 48;
    std::vector<uint8_t> rgb(size_t(w) * h * 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            bool inside = x >= x0 && x < x0 + 20 && y >= y0 && y < y0 + 14;
            uint8_t v = uint8_t(inside ? base + 30 : base);
            uint8_t* p = &rgb[(size_t(y) * w + x) * 3];
            p[0] = v;
            p[1] = uint8_t(v / 2 + 20);
            p[2] = uint8_t(255 - v);
        }
    fs::create_directories(file.parent_path());
    REQUIRE(stbi_write_png(file.c_str(), w, h, 3, rgb.data(), w * 3));
}

json polygonAnnotation(int id, int image, int category, int x0, int y0) {
    json a = {{"id", id},
              {"image_id", image},
              {"category_id", category},
              {"iscrowd", 0},
              {"bbox", {x0, y0, 20, 14}},
              {"area", 280},
              {"segmentation", json::array({json::array({x0, y0, x0 + 20, y0, x0 + 20, y0 + 14, x0, y0 + 14})})}};
    return a;
}

// "Synthetic" set: dark pictures, a part class with keypoints, a defect class (RLE, parent_id,
// attributes) with a sparse id, and a category no annotation uses.
json makeSyntheticSet(const fs::path& dir) {
    json coco = {{"images", json::array()},
                 {"annotations", json::array()},
                 {"categories",
                  {{{"id", 1}, {"name", "part"}, {"supercategory", "part"}, {"keypoints", {"tip", "base"}}},
                   {{"id", 5}, {"name", "defect/scratch"}, {"supercategory", "defect"}},
                   {{"id", 7}, {"name", "unused"}, {"supercategory", "unused"}}}}};
    int annotationId = 1;
    for (int i = 0; i < 4; ++i) {
        std::string name = "images/s" + std::to_string(i) + ".png";
        writePicture(dir / name, 50 + 5 * i, 4 + 8 * i, 6 + 4 * i);
        coco["images"].push_back({{"id", i + 1}, {"file_name", name}, {"width", 64}, {"height", 48}});
        json part = polygonAnnotation(annotationId++, i + 1, 1, 4 + 8 * i, 6 + 4 * i);
        part["keypoints"] = {4 + 8 * i + 2, 6 + 4 * i + 2, 2, 4 + 8 * i + 10, 6 + 4 * i + 10, 1};
        part["num_keypoints"] = 2;
        coco["annotations"].push_back(part);
        if (i % 2 == 0) {
            // Uncompressed RLE: column 11, rows 5..9 (485 zeros = 10 columns of 48 + 5 rows).
            coco["annotations"].push_back({{"id", annotationId++},
                                           {"image_id", i + 1},
                                           {"category_id", 5},
                                           {"iscrowd", 0},
                                           {"bbox", {11, 5, 1, 5}},
                                           {"area", 5},
                                           {"parent_id", annotationId - 2},
                                           {"attributes", {{"type", "scratch"}, {"length_mm", 1.5 + i}, {"severity", "minor"}}},
                                           {"segmentation", {{"size", {48, 64}}, {"counts", {533, 5, 2534}}}}});
        }
    }
    std::ofstream(dir / "annotations.json") << coco.dump();
    return coco;
}

// "Real" set: bright pictures, one class, one box that leaves the image.
json makeRealSet(const fs::path& dir) {
    json coco = {{"images", json::array()},
                 {"annotations", json::array()},
                 {"categories", {{{"id", 3}, {"name", "part"}, {"supercategory", "part"}}}}};
    for (int i = 0; i < 3; ++i) {
        std::string name = "images/r" + std::to_string(i) + ".png";
        writePicture(dir / name, 190 + 4 * i, 30, 20);
        coco["images"].push_back({{"id", 10 + i}, {"file_name", name}, {"width", 64}, {"height", 48}});
        coco["annotations"].push_back(polygonAnnotation(100 + i, 10 + i, 3, 30, 20));
        if (i == 0) coco["annotations"].push_back(polygonAnnotation(200, 10, 3, 2, 2));
    }
    // A planted problem for validate: a box that leaves the 64x48 image.
    coco["annotations"].push_back(polygonAnnotation(300, 11, 3, 50, 40));
    std::ofstream(dir / "annotations.json") << coco.dump();
    return coco;
}

// The text of the element with this id in the dumped DOM ("" when absent).
std::string elementText(const std::string& dom, const std::string& id) {
    std::smatch m;
    if (std::regex_search(dom, m, std::regex("id=\"" + id + "\"[^>]*>([^<]*)<"))) return m[1];
    return "";
}

struct Browsed {
    std::string dom, log;
};

Browsed openInChromium(const fs::path& page, const fs::path& work) {
    std::string flags = "--headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 ";
    std::string url = "file://" + fs::absolute(page).string();
    auto r = runCommand("(chromium " + flags + "--dump-dom '" + url + "' > '" + (work / "dom.html").string() + "' 2> '" +
                        (work / "chromium.log").string() + "')");
    INFO(readText(work / "chromium.log"));
    REQUIRE(r.exitCode == 0);
    return {readText(work / "dom.html"), readText(work / "chromium.log")};
}

bool consoleErrors(const std::string& log) {
    return log.find(":CONSOLE(") != std::string::npos || log.find("Uncaught") != std::string::npos;
}

}  // namespace

TEST_CASE("report page: counts in Chromium's DOM equal the COCO files', no script errors, screenshot not blank") {
    fs::path dir = testDir("page");
    json synth = makeSyntheticSet(dir / "synth");
    json real = makeRealSet(dir / "real");
    auto r = runCommand(synthgenBinary() + " report '" + (dir / "synth" / "annotations.json").string() + "' '" +
                        (dir / "real").string() + "' --out '" + (dir / "out").string() + "'");
    INFO(r.output);
    REQUIRE(r.exitCode == 0);
    REQUIRE(fs::exists(dir / "out" / "index.html"));
    std::string html = readText(dir / "out" / "index.html");
    CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // no network: only the SVG namespace
    CHECK(html.find("https://") == std::string::npos);

    Browsed b = openInChromium(dir / "out" / "index.html", dir);
    INFO(b.log);
    CHECK_FALSE(consoleErrors(b.log));
    CHECK(b.dom.find("data-ready=\"1\"") != std::string::npos);  // the page's script ran to its end
    // The page's error hook marks <html> and writes into #script-errors; neither happened.
    CHECK(b.dom.find("<html lang=\"en\" data-script-errors") == std::string::npos);
    CHECK(b.dom.find("<pre id=\"script-errors\" hidden=\"\"></pre>") != std::string::npos);

    // Counts computed here from the COCO json, independently of the program's readers.
    int k = 0;
    for (const json* coco : {&synth, &real}) {
        std::string d = "d" + std::to_string(k++);
        CHECK(elementText(b.dom, d + "-images") == std::to_string((*coco)["images"].size()));
        CHECK(elementText(b.dom, d + "-instances") == std::to_string((*coco)["annotations"].size()));
        CHECK(elementText(b.dom, d + "-categories") == std::to_string((*coco)["categories"].size()));
        std::map<int, int> instances;
        std::map<int, std::set<int>> images;
        for (const auto& a : (*coco)["annotations"]) {
            instances[a["category_id"]]++;
            images[a["category_id"]].insert(a["image_id"].get<int>());
        }
        for (const auto& c : (*coco)["categories"]) {
            int id = c["id"];
            std::string cell = d + "-class-" + std::to_string(id);
            CHECK(elementText(b.dom, cell + "-instances") == std::to_string(instances[id]));
            CHECK(elementText(b.dom, cell + "-images") == std::to_string(images[id].size()));
        }
    }
    // Every synthetic picture is darker than every real one: the brightness samples do not
    // overlap, so their KS statistic is exactly 1. The real set is one shade brighter per image.
    CHECK(elementText(b.dom, "ks-brightness-1") == "1");
    // The gallery shows the rare defect class and offers it in the filter.
    CHECK(b.dom.find("<figure data-classes=\"|defect/scratch|part|\"") != std::string::npos);
    CHECK(b.dom.find("<option value=\"defect/scratch\">") != std::string::npos);
    CHECK(elementText(b.dom, "gallery-shown") == "7 images shown");
    CHECK(elementText(b.dom, "d0-defect-images") == "50 %");
    // validate's finding on the planted box is a warning on the page.
    CHECK(b.dom.find("validate: box_outside_image x 1") != std::string::npos);

    // Screenshot: decoded with stb_image; a blank or failed page is one flat colour.
    fs::path shot = dir / "shot.png";
    auto s = runCommand("(chromium --headless --no-sandbox --disable-gpu --window-size=1200,1600 --screenshot='" + shot.string() +
                        "' 'file://" + fs::absolute(dir / "out" / "index.html").string() + "' > /dev/null 2>&1)");
    REQUIRE(s.exitCode == 0);
    int w = 0, h = 0, c = 0;
    unsigned char* px = stbi_load(shot.c_str(), &w, &h, &c, 3);
    REQUIRE(px != nullptr);
    CHECK(w == 1200);
    std::set<uint32_t> colours;
    size_t notBackground = 0;
    for (int i = 0; i < w * h; ++i) {
        const unsigned char* p = px + size_t(i) * 3;
        colours.insert(uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2]);
        if (!(p[0] == 0xfa && p[1] == 0xfa && p[2] == 0xfa)) ++notBackground;
    }
    stbi_image_free(px);
    CHECK(colours.size() > 100);
    CHECK(notBackground > size_t(w) * h / 10);
}

TEST_CASE("the browser check catches a page with a script error") {
    fs::path dir = testDir("broken");
    std::ofstream(dir / "broken.html") << "<!DOCTYPE html><html><body><script>notDefinedAnywhere();</script></body></html>";
    Browsed b = openInChromium(dir / "broken.html", dir);
    CHECK(consoleErrors(b.log));
}

TEST_CASE("report: a missing dataset is one clear message and exit code 2, no page") {
    fs::path dir = testDir("missing");
    auto r = runCommand(synthgenBinary() + " report '" + (dir / "nothing-here").string() + "' --out '" + (dir / "out").string() + "'");
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("nothing-here: no such file or folder") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "out" / "index.html"));
    auto u = runCommand(synthgenBinary() + " report '" + dir.string() + "'");
    CHECK(u.exitCode == 2);
    CHECK(u.output.find("missing --out DIR") != std::string::npos);
}
