#pragma once
// One frame of `synthgen generate`: sample (+ physics) -> render -> lens distortion and sensor
// effects -> labels. The pipeline (app/GeneratePipeline.cpp) runs the stages on different threads;
// generateFrame runs them all in one call (the Python module). Both go through these functions, so
// a frame is the same bytes whoever makes it.
#include "labels/Labels.h"
#include "randomization/SampleFrame.h"
#include "renderer/Renderer.h"
#include "scenes/Scene.h"
#include "sensor/LensDistortion.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

namespace sg {

struct SampledFrame {
    int64_t frame = 0;
    Scene scene;
    FrameRecord record;
};

struct RenderedFrame {
    SampledFrame sampled;
    FrameBuffers buffers;  // the pinhole canvas when the camera has distortion
    Intrinsics renderK;
};

// Distortion maps are costly (a Newton solve per pixel) and usually the same for every frame.
// Thread-safe.
class DistortionMapCache {
public:
    std::shared_ptr<const DistortionMap> get(const Intrinsics& K, const Intrinsics& R);

private:
    struct Entry {
        Intrinsics K, R;
        std::shared_ptr<const DistortionMap> map;
    };
    std::mutex mutex_;
    std::deque<Entry> entries_;
};

// Settles a sampled frame's "drop" objects (nothing to do when it has none) and records their
// settled positions in record.values.
void settleDrops(Scene& scene, FrameRecord& record);

// Stage 1: the frame's scene, sampled and settled.
SampledFrame sampleSettledFrame(const Scenario& scenario, uint64_t seed, int64_t frame);

// Stage 2: renders rf.sampled into rf.buffers (reusing its storage); a camera with distortion gets
// a pinhole canvas wide enough for every ray of the distorted image.
void renderSampledFrame(Renderer& renderer, const RenderSettings& settings, RenderedFrame& rf);

// Stage 3: lens distortion and sensor effects give the frame's final buffers. Without distortion
// they are moved out of rf.buffers; with it, rf.buffers (the canvas) is left for reuse.
FrameBuffers finishFrameBuffers(RenderedFrame& rf, DistortionMapCache& maps);

struct GeneratedFrame {
    int64_t frame = 0;
    Scene scene;
    FrameRecord record;
    FrameBuffers buffers;
    FrameLabels labels;
};

// All stages for one frame: equal to frame `frame` of `synthgen generate` (single frames, not
// sequences) with the same scenario (frameCount set to the dataset's size), seed and settings.
GeneratedFrame generateFrame(const Scenario& scenario, uint64_t seed, int64_t frame, Renderer& renderer,
                             const RenderSettings& settings, DistortionMapCache& maps);

}  // namespace sg
