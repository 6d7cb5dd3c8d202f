// chip_bench [FRAMES] [REPETITIONS]: samples FRAMES frames of 4 example parts (flange, bracket;
// examples/parts), every part with one defect, once with chips and once with dents (no mesh cut),
// alternating; prints the median CPU time per frame of each and the difference per chipped part.
#include "BenchTiming.h"
#include "randomization/SampleFrame.h"

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace sg;

namespace {

Scenario partsWith(const std::string& family) {
    std::string text = R"({"assets": {
        "flange":  {"category": "part/flange", "mesh": "examples/parts/flange.obj", "unit_scale": 0.001},
        "bracket": {"category": "part/bracket", "mesh": "examples/parts/bracket.obj", "unit_scale": 0.001}},
      "groups": [{"name": "parts", "assets": {"flange": 1, "bracket": 1}, "count": 4,
        "placement": {"mode": "volume", "min": [-0.2, -0.2, 0], "max": [0.2, 0.2, 0]},
        "defects": {"probability": 1, "families": {")" +
                       family + R"(": 1}}}]})";
    return parseScenario(Json::parse(text), "chip_bench", SYNTHGEN_SOURCE_DIR, 640, 480);
}

double cpuPerFrame(const Scenario& sc, int frames, int repetition) {
    double t0 = cpuSeconds();
    for (int f = 0; f < frames; ++f) {
        FrameRecord r;
        sampleFrame(sc, uint64_t(repetition), f, r);
    }
    return (cpuSeconds() - t0) / frames;
}

}  // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::atoi(argv[1]) : 50, reps = argc > 2 ? std::atoi(argv[2]) : 5;
    Scenario chips = partsWith("chip"), dents = partsWith("dent");
    std::vector<double> chipTimes, dentTimes;
    for (int r = 0; r < reps; ++r) {
        chipTimes.push_back(cpuPerFrame(chips, frames, r));
        dentTimes.push_back(cpuPerFrame(dents, frames, r));
    }
    const double c = median(chipTimes) * 1e3, d = median(dentTimes) * 1e3;
    std::printf("sampling 4 parts a frame: chips %.2f ms, dents %.2f ms (median of %d x %d frames)\n", c, d, reps, frames);
    std::printf("cost of a chip: %.2f ms per chipped part\n", (c - d) / 4);
    return 0;
}
