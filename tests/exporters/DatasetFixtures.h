#pragma once
// Hand-built frames and dataset helpers shared by the exporter tests.
#include "HandBuiltFrame.h"
#include "core/AtomicFile.h"
#include "exporters/DatasetWriter.h"
#include "labels/Labels.h"

#include <filesystem>
#include <map>
#include <string>

namespace sgtest {

inline std::filesystem::path freshDir(const std::string& name) {
    std::filesystem::path p = std::filesystem::path(SYNTHGEN_BINARY_DIR) / "test-tmp" / "exporters" / name;
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    return p;
}

inline std::shared_ptr<const sg::Mesh> boxMesh(double s) {
    sg::PrimitiveShape shape;
    shape.kind = sg::PrimitiveKind::Box;
    shape.size = glm::dvec3(s);
    return sg::makePrimitiveMesh(shape);
}

// Every case of the brief in one 96 x 64 frame: objects cut by each border, a fully hidden object,
// a one-pixel object, two touching objects of the same class, a ring with a hole, keypoints, an
// unlabeled occluder. `shift` moves things so frames differ.
inline HandBuiltFrame richFrame(int shift = 0) {
    HandBuiltFrame f(96, 64);
    auto mesh = boxMesh(0.1);
    auto add = [&](int category) {
        uint32_t id = f.addObject(category);
        f.scene.objects.back().parts.push_back({mesh, nullptr, glm::dmat4(1.0)});
        f.scene.objects.back().attributes = {{"color", "red"}, {"index", int(id)}};
        return id;
    };
    uint32_t left = add(0), right = add(0), top = add(1), bottom = add(1);
    f.paintRect(left, -4, 10 + shift, 8, 20 + shift, 2.0f);
    f.paintRect(right, 90, 30, 100, 36, 2.0f);
    f.paintRect(top, 30 + shift, -2, 40 + shift, 5, 2.0f);
    f.paintRect(bottom, 50, 60, 58, 70, 2.0f);
    // Without geometry, truncation falls back to border contact: `bottom` is reported truncated.
    f.scene.objects[bottom - 1].parts.clear();
    uint32_t hidden = add(0), occluder = f.addObject(-1);
    f.paintRect(hidden, 62, 10, 66, 14, 3.0f);
    f.paintRect(occluder, 60, 8, 70, 18, 1.0f);
    uint32_t dot = add(0);
    f.paintPixel(dot, 20 + shift, 50, 2.0f);
    uint32_t a = add(1), b = add(1);
    f.paintRect(a, 12, 30, 18, 40, 2.0f);
    f.paintRect(b, 18, 30, 26, 40, 2.0f);
    uint32_t ring = add(0);
    f.paintRing(ring, 45.5, 40.5, 4, 9, 2.5f);
    // Keypoints of `left` (pixel u = 47.5 + 250 x at z = 2): visible, hidden (behind the occluder), outside.
    f.scene.objects[left - 1].keypoints = {{"left_tip", {(3 - 47.5) / 250.0, (15 + shift - 31.5) / 250.0, 0}},
                                           {"right_tip", {(64 - 47.5) / 250.0, (12 - 31.5) / 250.0, 0.5}},
                                           {"center", {(-20 - 47.5) / 250.0, 0, 0}}};
    (void)right;
    (void)top;
    (void)bottom;
    (void)hidden;
    (void)occluder;
    (void)dot;
    (void)a;
    (void)b;
    (void)ring;
    f.finalize();
    return f;
}

inline sg::DatasetInfo infoFor(const HandBuiltFrame& f, int64_t frames) {
    sg::DatasetInfo info;
    info.version = "0.1.0-test";
    info.scenarioHash = "abc123";
    info.seed = 42;
    info.totalFrames = frames;
    info.width = f.width();
    info.height = f.height();
    info.categories = f.scene.categories;
    info.camera = f.scene.camera.intrinsics;
    info.scenarioSource = "test";
    return info;
}

inline sg::ExportOptions allFormats() {
    sg::ExportOptions o;
    o.formats = {"coco", "yolo", "voc", "bop"};
    o.depthExr = true;
    o.normalsExr = true;
    o.valFraction = 0.3;
    return o;
}

inline void writeOne(sg::DatasetWriter& w, int64_t frame) {
    HandBuiltFrame f = richFrame(int(frame % 5));
    sg::FrameLabels labels = sg::computeLabels(f.scene, f.buffers);
    w.writeFrame(frame, f.scene, f.buffers, labels, nlohmann::json{{"shift", frame % 5}});
}

// Every file under root (relative path -> bytes).
inline std::map<std::string, std::string> readTree(const std::filesystem::path& root) {
    std::map<std::string, std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file()) out[std::filesystem::relative(e.path(), root).string()] = sg::readTextFile(e.path());
    return out;
}

}  // namespace sgtest
