#pragma once
// (scenario, seed, frame index) -> Scene, plus a record of every sampled value.
// Every draw is keyed by (seed, frame, entity, parameter): entities are named by the scenario's
// own names ("group:parts#3", "light:key#0", "camera"), never by position in the file, so any frame
// can be made alone, in any order, on any shard, and reordering the file changes nothing else.
#include "core/SensorSettings.h"
#include "randomization/Scenario.h"

#include <cstdint>
#include <vector>

namespace sg {

struct FrameRecord {
    Json values = Json::object();  // every sampled value, by entity (written to frames.jsonl)
    std::string variant;           // name of the variant this frame drew
    SensorSettings sensor;         // sampled sensor effects (applied after rendering)
    std::vector<int> dropObjects;  // objects to settle with physics (placement "drop")
    double settleTime = 2.0;       // seconds of simulated time at most
};

// The variant of a frame: exact counts over scenario.frameCount frames (see ExactFrequency.h).
size_t variantOfFrame(const Scenario& scenario, uint64_t seed, int64_t frameIndex);

Scene sampleFrame(const Scenario& scenario, uint64_t seed, int64_t frameIndex, FrameRecord& record);

// Linear RGB of an HSV color given in display (sRGB) space: hue in degrees, s and v in [0, 1].
glm::dvec3 hsvToLinearRgb(double hueDegrees, double s, double v);

}  // namespace sg
