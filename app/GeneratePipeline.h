#pragma once
// The `synthgen generate` pipeline: sample (+ physics) -> render (each render thread owns a renderer)
// -> lens distortion, sensor effects, labels, encode and write (worker threads). Stages are joined
// by bounded queues, so encoding overlaps rendering and memory stays flat however long the run.
// Every frame is a pure function of (scenario, seed, frame index): the files do not depend on the
// thread count, on the order frames finish in, or on how the run is split into shards.
#include "exporters/DatasetWriter.h"
#include "randomization/Scenario.h"
#include "renderer/RenderQuality.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace sg {

struct GenerateOptions {
    int64_t totalFrames = 50;  // frames of the whole dataset
    uint64_t seed = 0;
    FrameRange range;  // frames this process makes (a shard, or a sub-range)
    int shardIndex = 0, shardCount = 1;
    bool resume = false;
    int workerThreads = 2;  // label + encode + write threads
    // Render threads, each with its own Renderer (Vulkan device). 0 = 2 on a CPU device (lavapipe
    // runs vertex work and readback on one driver thread per device; a second device keeps the
    // cores busy meanwhile), 1 on a GPU.
    int renderThreads = 0;
    std::string device;                             // renderer device (index or name substring)
    bool amodalMasks = false;                       // render exact amodal masks (one extra draw per object)
    RenderQuality quality = kDefaultRenderQuality;  // recorded in manifest.json ("render_quality")
    ExportOptions exportOptions;
    // Sequences (app/SequenceSimulation.h): 0 = single frames; L = frames [s*L, (s+1)*L) are one
    // simulation stepped by frameInterval seconds per frame.
    int64_t sequenceLength = 0;
    double frameInterval = 1.0 / 30.0;
};

struct GenerateProgress {
    int64_t done = 0;     // frames written by this run
    int64_t skipped = 0;  // frames already complete (resume)
    int64_t todo = 0;     // frames this run has to write
    double seconds = 0;   // since the pipeline started
};

struct GenerateResult {
    GenerateProgress progress;
    bool interrupted = false;
};

// Runs the pipeline over options.range into outDir. `stop` is polled: once true, no new frame is
// started; frames in flight are finished, so the folder holds complete frames only.
// `report` is called from the calling thread about every `reportSeconds`.
GenerateResult runGenerate(Scenario& scenario, const std::filesystem::path& outDir, const GenerateOptions& options,
                           const std::atomic<bool>& stop, const std::function<void(const GenerateProgress&)>& report,
                           double reportSeconds = 0.5);

}  // namespace sg
