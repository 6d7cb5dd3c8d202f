// labels_bench: ms per 640x480 frame with 20 objects for each label/encoding stage, median of
// several runs. Run: build/bench/labels/labels_bench [runs]
// The frame is synthetic (rectangles and discs at known depths, a noisy RGB picture with smooth
// regions like a render), so the numbers do not depend on the renderer.
#include "exporters/DatasetWriter.h"
#include "exporters/ImageEncoding.h"
#include "exporters/Rle.h"
#include "labels/Labels.h"
#include "labels/Silhouette.h"
#include "scenes/Primitives.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace sg;

namespace {

struct Frame {
    Scene scene;
    FrameBuffers buffers;
};

Frame makeFrame(int objects) {
    const int W = 640, H = 480;
    Frame f;
    f.scene.camera.intrinsics = Intrinsics{};
    Category c;
    c.id = 1;
    c.name = "part";
    c.keypoints = {"a", "b", "c", "d"};
    f.scene.categories = {c};
    f.buffers.rgb = ImageU8(W, H, 3);
    f.buffers.instanceId = ImageU32(W, H, 1, 0);
    f.buffers.depth = ImageF32(W, H, 1, 0.0f);
    f.buffers.normals = ImageF32(W, H, 3, 0.0f);
    std::mt19937 rng(1);
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            f.buffers.depth.at(x, y) = 5.0f;  // a floor everywhere
            for (int k = 0; k < 3; ++k)
                f.buffers.rgb.at(x, y, k) = uint8_t(
                    std::clamp(90 + 60 * std::sin(x * 0.02 + k) + 40 * std::cos(y * 0.015) + int(rng() % 9), 0.0, 255.0));
        }
    PrimitiveShape shape;
    shape.kind = PrimitiveKind::Box;
    shape.size = glm::dvec3(0.1);
    auto mesh = makePrimitiveMesh(shape);
    for (int i = 0; i < objects; ++i) {
        Object o;
        o.category = 0;
        o.parts.push_back({mesh, nullptr, glm::dmat4(1.0)});
        double cx = 40 + (i % 5) * 130, cy = 40 + (i / 5) * 110, r = 30 + (i * 7) % 30;
        float z = 1.0f + 0.1f * float(i);
        o.modelToWorld[3] = glm::dvec4((cx - 319.5) * z / 600, (cy - 239.5) * z / 600, z, 1);
        o.keypoints = {{"a", {0.05, 0, 0}}, {"b", {-0.05, 0, 0}}, {"c", {0, 0.05, 0}}, {"d", {0, 0, -0.05}}};
        f.scene.objects.push_back(o);
        AmodalMask am;
        am.x0 = int(cx - r);
        am.y0 = int(cy - r);
        am.mask = ImageU8(int(2 * r), int(2 * r), 1, 0);
        for (int y = am.y0; y < am.y0 + am.mask.height; ++y)
            for (int x = am.x0; x < am.x0 + am.mask.width; ++x) {
                if (x < 0 || y < 0 || x >= W || y >= H || std::hypot(x - cx, y - cy) >= r) continue;
                am.mask.at(x - am.x0, y - am.y0) = 1;
                if (z < f.buffers.depth.at(x, y)) {
                    f.buffers.depth.at(x, y) = z;
                    f.buffers.instanceId.at(x, y) = uint32_t(i + 1);
                    f.buffers.normals.at(x, y, 2) = -1;
                }
            }
        f.buffers.amodal.push_back(std::move(am));
    }
    return f;
}

double threadCpuMs() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
}

// Median thread CPU time: the machine is shared, so wall time would measure the neighbours.
double medianMs(int runs, const std::function<void()>& fn) {
    std::vector<double> ms;
    fn();  // warm up
    for (int r = 0; r < runs; ++r) {
        double t0 = threadCpuMs();
        fn();
        ms.push_back(threadCpuMs() - t0);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    Frame f = makeFrame(20);
    FrameLabels labels = computeLabels(f.scene, f.buffers);
    std::printf("labels_bench: 640x480, %zu objects, %zu labeled, median of %d runs (ms/frame)\n", f.scene.objects.size(),
                labels.instances.size(), runs);
    size_t sink = 0;
    std::vector<uint32_t> ids;
    for (const auto& l : labels.instances) ids.push_back(l.instanceId);

    std::vector<uint8_t> out;
    auto row = [&](const char* name, double ms, bool showBytes = false) {
        if (showBytes) std::printf("  %-48s %7.2f   (%zu bytes)\n", name, ms, out.size());
        else std::printf("  %-48s %7.2f\n", name, ms);
    };
    row("computeLabels (boxes, amodal, pose, keypoints)",
        medianMs(runs, [&] { sink += computeLabels(f.scene, f.buffers).instances.size(); }));
    LabelOptions noTrunc;
    row("  of which truncation raster (20 objects)", medianMs(runs, [&] {
            for (const auto& o : f.scene.objects)
                sink += size_t(1000 * silhouetteTruncation(o, f.scene.camera, 640, 480, noTrunc.truncationMaxSamples));
        }));
    std::vector<PixelBox> boxes;
    for (const auto& l : labels.instances) boxes.push_back(l.box);
    row("COCO RLE, all instances, over their label boxes", medianMs(runs, [&] {
            for (const auto& r : encodeRleByInstance(f.buffers.instanceId, ids, boxes)) sink += rleToString(r).size();
        }));
    ImageU16 sem = semanticMask(f.scene, f.buffers);
    row("semantic mask", medianMs(runs, [&] { sink += semanticMask(f.scene, f.buffers).pixels.size(); }));
    row("PNG RGB8 (with per-pixel noise, worst case)", medianMs(runs, [&] { out = encodePng(f.buffers.rgb); }), true);
    ImageU8 smooth = f.buffers.rgb;
    for (int y = 0; y < 480; ++y)
        for (int x = 0; x < 640; ++x)
            for (int k = 0; k < 3; ++k) {
                uint32_t id = f.buffers.instanceId.at(x, y);
                smooth.at(x, y,
                          k) = uint8_t(id ? 40 + (id * 37 + uint32_t(k) * 60) % 180 + (y % 64) / 8 : 90 + 60 * std::sin(x * 0.02 + k));
            }
    row("PNG RGB8 (flat-shaded objects, smooth background)", medianMs(runs, [&] { out = encodePng(smooth); }), true);
    row("JPEG RGB q95 (flat-shaded)", medianMs(runs, [&] { out = encodeJpeg(smooth, 95); }), true);
    // The filters and coders DatasetWriter uses (exporters/ImageEncoding.h).
    row("PNG instance ids (16-bit, run coder)", medianMs(runs, [&] { out = encodeInstancePng(f.buffers.instanceId); }), true);
    row("PNG instance ids (16-bit, libdeflate)",
        medianMs(runs, [&] { out = encodeInstancePng(f.buffers.instanceId, PngFilter::None, PngCompression::General); }), true);
    ImageU8 sem8(640, 480, 1, 0);
    for (size_t i = 0; i < sem.pixels.size(); ++i) sem8.pixels[i] = uint8_t(sem.pixels[i]);
    row("PNG semantic (8-bit, run coder)", medianMs(runs, [&] { out = encodePng(sem8, PngFilter::None, PngCompression::Runs); }),
        true);
    row("PNG depth mm (16-bit, UP filter)", medianMs(runs, [&] { out = encodeDepthPng(f.buffers.depth); }), true);
    row("JPEG RGB q95", medianMs(runs, [&] { out = encodeJpeg(f.buffers.rgb, 95); }), true);
    row("EXR depth float32", medianMs(runs, [&] { out = encodeExr(f.buffers.depth, {"Z"}); }), true);
    row("EXR normals float32 RGB", medianMs(runs, [&] { out = encodeExr(f.buffers.normals, {"R", "G", "B"}); }), true);

    // The whole per-frame write as generate does it (COCO + YOLO, RGB/instance/semantic/depth PNGs,
    // atomic writes with fsync), wall time: it includes the file system.
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "synthgen-labels-bench";
    std::filesystem::remove_all(dir);
    DatasetInfo info;
    info.version = "bench";
    info.totalFrames = 1000;
    info.categories = f.scene.categories;
    ExportOptions options;
    options.formats = {"coco", "yolo"};
    {
        DatasetWriter writer(dir, info, options);
        int64_t frame = 0;
        std::vector<double> ms;
        for (int r = 0; r < runs; ++r) {
            auto t0 = std::chrono::steady_clock::now();
            writer.writeFrame(frame++, f.scene, f.buffers, labels);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        }
        std::sort(ms.begin(), ms.end());
        double cpu = medianMs(runs, [&] { writer.writeFrame(frame++, f.scene, f.buffers, labels); });
        std::printf("  %-48s %7.2f wall, %.2f CPU\n", "DatasetWriter::writeFrame (coco,yolo + 4 PNGs)", ms[ms.size() / 2], cpu);
    }
    std::filesystem::remove_all(dir);
    std::printf("(checksum %zu)\n", sink);
    return 0;
}
