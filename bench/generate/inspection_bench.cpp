// inspection_bench [FRAMES] [THREADS] [REPETITIONS]: what the inspection exports cost `generate`.
// Runs the whole pipeline on the 20-object scenario at 640x480 three ways, alternating so a slow
// spell of a shared machine hits all alike: COCO alone; COCO + classify + mvtec on whole frames;
// COCO + classify + mvtec with per-part crops (224 x 224). Prints the median frames/s of each and
// the median of the per-round ratios to COCO alone, in frames/s and in CPU time per frame.
#include "BenchTiming.h"
#include "app/GeneratePipeline.h"
#include "randomization/Scenario.h"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace sg;

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 60;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
    const int repetitions = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    Scenario sc = loadScenario(std::string(SYNTHGEN_SOURCE_DIR) + "/bench/generate/scenario-20-objects.json");
    sc.frameCount = frames;

    struct Config {
        const char* name;
        std::vector<std::string> formats;
        bool crops;
        std::vector<double> fps, ratio, cpuMs, cpuRatio;
    };
    std::vector<Config> configs = {{"coco", {"coco"}, false, {}, {}, {}, {}},
                                   {"coco + classify + mvtec (frames)", {"coco", "classify", "mvtec"}, false, {}, {}, {}, {}},
                                   {"coco + classify + mvtec (part crops)", {"coco", "classify", "mvtec"}, true, {}, {}, {}, {}}};
    // Every run writes a folder of its own, all removed at the end: deleting thousands of files
    // between runs would slow the next run's file creation (ext4 passes over just-freed inodes),
    // and most of all the run that creates the most files (part crops).
    const auto outRoot = std::filesystem::temp_directory_path() / "synthgen-inspection-bench";
    std::filesystem::remove_all(outRoot);
    for (int rep = 0; rep < repetitions; ++rep) {
        for (Config& c : configs) {
            auto out = outRoot / (std::to_string(rep) + "-" + std::to_string(&c - configs.data()));
            GenerateOptions o;
            o.totalFrames = frames;
            o.seed = 1;
            o.range = {0, frames};
            o.workerThreads = threads;
            o.exportOptions.formats = c.formats;
            o.exportOptions.inspection.partCrops = c.crops;
            std::atomic<bool> stop{false};
            double c0 = cpuSeconds();
            GenerateResult r = runGenerate(sc, out, o, stop, nullptr);
            c.cpuMs.push_back(1000 * (cpuSeconds() - c0) / frames);
            c.fps.push_back(r.progress.done / r.progress.seconds);
            c.ratio.push_back(c.fps.back() / configs[0].fps.back());
            c.cpuRatio.push_back(c.cpuMs.back() / configs[0].cpuMs.back());
        }
    }
    std::filesystem::remove_all(outRoot);
    std::printf("640x480, 20 objects, %d frames, %d worker threads, %d alternating rounds\n", frames, threads, repetitions);
    for (const Config& c : configs)
        std::printf("  %-38s %6.1f frames/s (%.1f..%.1f)  = %5.1f%% of coco alone (median of per-round ratios)\n", c.name,
                    median(c.fps), *std::min_element(c.fps.begin(), c.fps.end()), *std::max_element(c.fps.begin(), c.fps.end()),
                    100.0 * median(c.ratio));
    std::printf("CPU per frame, all threads (steadier than frames/s on a loaded machine):\n");
    for (const Config& c : configs)
        std::printf("  %-38s %6.1f ms  = %5.1f%% of coco alone (median of per-round ratios)\n", c.name, median(c.cpuMs),
                    100.0 * median(c.cpuRatio));
    return 0;
}
