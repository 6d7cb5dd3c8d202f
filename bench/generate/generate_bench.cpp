// generate_bench [FRAMES] [THREADS] [REPETITIONS] [SCENARIO]: end-to-end `generate` frames/s (640x480, 20 objects, RGB PNG +
// instance PNG + depth PNG + COCO + YOLO) next to the raw render + readback rate of the same
// scenes (sampled outside the timed region). Prints medians over 3 repetitions (raw and end to end
// alternating), then what each host stage costs per frame on one thread (the work generate
// overlaps with rendering).
#include "BenchTiming.h"
#include "app/GeneratePipeline.h"
#include "exporters/ImageEncoding.h"
#include "exporters/Rle.h"
#include "labels/Labels.h"
#include "randomization/SampleFrame.h"
#include "renderer/Renderer.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <vector>

using namespace sg;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 100;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const int repetitions = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    // A fourth argument names another scenario (e.g. scenario-20-objects-defects.json, the same scenes
    // with surface defects on 20 % of the objects).
    const std::string scenarioFile = argc > 4 ? std::string(argv[4]) : "scenario-20-objects.json";
    Scenario sc = loadScenario(std::string(SYNTHGEN_SOURCE_DIR) + "/bench/generate/" + scenarioFile);
    sc.frameCount = frames;
    const uint64_t seed = 1;

    std::vector<Scene> scenes;
    auto sampleStart = Clock::now();
    for (int f = 0; f < frames; ++f) {
        FrameRecord r;
        scenes.push_back(sampleFrame(sc, seed, f, r));
    }
    const double sampleMs = 1000 * std::chrono::duration<double>(Clock::now() - sampleStart).count() / frames;
    size_t triangles = 0;
    for (const auto& o : scenes[0].objects)
        for (const auto& p : o.parts) triangles += p.mesh->triangleCount();

    std::vector<double> raw, e2e, rawCpu, e2eCpu;
    // Host stages, per frame on this thread: label extraction and each encoder.
    struct Stage {
        const char* name;
        std::function<void(const Scene&, const FrameBuffers&)> run;
        std::vector<double> ms;
    };
    std::vector<Stage> stages;
    FrameLabels labels;  // from the computeLabels stage, for the COCO RLE stage (it scans the label boxes)
    stages.push_back({"computeLabels", [&](const Scene& s, const FrameBuffers& b) { labels = computeLabels(s, b); }, {}});
    stages.push_back({"RGB PNG", [](const Scene&, const FrameBuffers& b) { encodePng(b.rgb); }, {}});
    stages.push_back({"instance PNG (16-bit)", [](const Scene&, const FrameBuffers& b) { encodeInstancePng(b.instanceId); }, {}});
    stages.push_back({"depth PNG (16-bit mm)", [](const Scene&, const FrameBuffers& b) { encodeDepthPng(b.depth); }, {}});
    stages.push_back({"COCO RLE",
                      [&](const Scene&, const FrameBuffers& b) {
                          std::vector<uint32_t> ids;
                          std::vector<PixelBox> boxes;
                          for (const auto& l : labels.instances) {
                              ids.push_back(l.instanceId);
                              boxes.push_back(l.box);
                          }
                          encodeRleByInstance(b.instanceId, ids, boxes);
                      },
                      {}});
    Renderer renderer;
    // What generate renders for these exports: no normals (RenderSettings::normals off).
    RenderSettings settings;
    settings.normals = false;
    renderer.render(scenes[0], settings);  // pipeline compilation outside the timing
    // Raw and end-to-end runs alternate, so a slow spell of a shared machine hits both alike;
    // the ratio is the median of each pair's ratio.
    std::vector<double> ratios;
    for (int rep = 0; rep < repetitions; ++rep) {
        {
            auto t0 = Clock::now();
            double c0 = cpuSeconds();
            FrameBuffers out;
            for (const auto& s : scenes) renderer.render(s, settings, out);
            raw.push_back(frames / std::chrono::duration<double>(Clock::now() - t0).count());
            rawCpu.push_back(1000 * (cpuSeconds() - c0) / frames);
        }
        auto out = std::filesystem::temp_directory_path() / ("synthgen-generate-bench-" + std::to_string(rep));
        std::filesystem::remove_all(out);
        GenerateOptions o;
        o.totalFrames = frames;
        o.seed = seed;
        o.range = {0, frames};
        o.workerThreads = threads;
        o.exportOptions.formats = {"coco", "yolo"};
        o.exportOptions.semanticImages = false;  // RGB PNG + instance PNG + depth PNG + COCO + YOLO
        std::atomic<bool> stop{false};
        double c0 = cpuSeconds();
        GenerateResult r = runGenerate(sc, out, o, stop, nullptr);
        e2e.push_back(r.progress.done / r.progress.seconds);
        e2eCpu.push_back(1000 * (cpuSeconds() - c0) / frames);
        ratios.push_back(e2e.back() / raw.back());
        std::filesystem::remove_all(out);
    }
    {
        FrameBuffers out;
        for (int f = 0; f < std::min(frames, 20); ++f) {
            renderer.render(scenes[size_t(f)], settings, out);
            for (auto& st : stages) {
                auto t0 = Clock::now();
                st.run(scenes[size_t(f)], out);
                st.ms.push_back(1000 * std::chrono::duration<double>(Clock::now() - t0).count());
            }
        }
    }
    double rawFps = median(raw), e2eFps = median(e2e);
    std::printf("scene: %zu objects, %zu triangles, 640x480, %d frames, %d worker threads\n", scenes[0].objects.size(), triangles,
                frames, threads);
    std::printf("raw render + readback: %.1f frames/s (%.1f ms CPU per frame, all threads)\n", rawFps, median(rawCpu));
    std::printf("generate end to end (sample, render, labels, RGB/instance/depth PNG, COCO, YOLO): %.1f frames/s = %.0f%% of raw\n",
                e2eFps, 100.0 * median(ratios));
    std::printf("  (%d alternating runs; raw %.1f..%.1f, end to end %.1f..%.1f frames/s)\n", repetitions,
                *std::min_element(raw.begin(), raw.end()), *std::max_element(raw.begin(), raw.end()),
                *std::min_element(e2e.begin(), e2e.end()), *std::max_element(e2e.begin(), e2e.end()));
    std::printf("generate CPU per frame (all threads): %.1f ms\n", median(e2eCpu));
    std::printf("host stages, ms per frame on one thread (median of %zu frames):\n", stages[0].ms.size());
    std::printf("  %-24s %6.2f (mean)\n", "sampleFrame", sampleMs);
    for (const auto& st : stages) std::printf("  %-24s %6.2f\n", st.name, median(st.ms));
    return 0;
}
