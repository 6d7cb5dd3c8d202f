// quality_bench [FRAMES] [THREADS] [ROUNDS] [SCENARIO]: the whole `generate` pipeline (640x480,
// 20 objects, RGB PNG + instance PNG + depth PNG + COCO + YOLO, as generate_bench) at each quality
// preset (renderer/RenderQuality.h), the presets alternating within each round so a slow spell of
// a shared machine hits them alike. Prints per preset the median frames/s, the CPU time per frame
// (all threads) and the median of the per-round ratios to draft.
#include "BenchTiming.h"
#include "app/GeneratePipeline.h"
#include "renderer/RenderQuality.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace sg;

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 100;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    const std::string scenarioFile = argc > 4 ? std::string(argv[4]) : "scenario-20-objects.json";
    Scenario sc = loadScenario(std::string(SYNTHGEN_SOURCE_DIR) + "/bench/generate/" + scenarioFile);
    const RenderQuality presets[] = {RenderQuality::Draft, RenderQuality::Standard, RenderQuality::High};
    constexpr int kPresets = 3;

    std::vector<double> fps[kPresets], cpuMs[kPresets], ofDraft[kPresets];
    for (int round = 0; round < rounds; ++round) {
        double draftFps = 0;
        for (int p = 0; p < kPresets; ++p) {
            auto out = std::filesystem::temp_directory_path() / ("synthgen-quality-bench-" + std::to_string(p));
            std::filesystem::remove_all(out);
            GenerateOptions o;
            o.totalFrames = frames;
            o.seed = 1;
            o.range = {0, frames};
            o.workerThreads = threads;
            o.quality = presets[p];
            o.exportOptions.formats = {"coco", "yolo"};
            o.exportOptions.semanticImages = false;
            std::atomic<bool> stop{false};
            double c0 = cpuSeconds();
            GenerateResult r = runGenerate(sc, out, o, stop, nullptr);
            double rate = r.progress.done / r.progress.seconds;
            fps[p].push_back(rate);
            cpuMs[p].push_back(1000 * (cpuSeconds() - c0) / frames);
            if (p == 0) draftFps = rate;
            ofDraft[p].push_back(rate / draftFps);
            std::filesystem::remove_all(out);
        }
    }
    std::printf("generate end to end, %s, 640x480, %d frames, %d worker threads, %d alternating rounds\n", scenarioFile.c_str(),
                frames, threads, rounds);
    std::printf("%-10s %14s %12s %14s %16s\n", "preset", "frames/s", "range", "of draft", "CPU ms/frame");
    for (int p = 0; p < kPresets; ++p) {
        auto [lo, hi] = std::minmax_element(fps[p].begin(), fps[p].end());
        std::printf("%-10s %14.1f %5.1f..%-5.1f %13.0f%% %16.1f\n", renderQualityName(presets[p]), median(fps[p]), *lo, *hi,
                    100 * median(ofDraft[p]), median(cpuMs[p]));
    }
    return 0;
}
