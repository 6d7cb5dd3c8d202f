#pragma once
// Sequences (`synthgen generate --sequence-length L`): frames [s*L, (s+1)*L) are L consecutive
// frames of ONE simulation. Frame s*L is sampled as usual (scenario, seed, its frame index) and its
// "drop" objects settled; each later frame steps the same PhysicsWorld by the frame interval.
// Objects keep their index, so instance ids (= track ids) stay the same over the sequence.
//
// Determinism under sharding and resume: whoever needs frame s*L + k simulates from the sequence
// start, stepping frame by frame, so the frame is the same whichever process makes it and whatever
// other frames of the sequence it makes (a shard boundary inside a sequence only costs the
// re-simulation of the frames before it).
#include "randomization/SampleFrame.h"
#include "scenes/Scene.h"
#ifdef SYNTHGEN_HAVE_PHYSICS
#include "physics/PhysicsWorld.h"
#endif

#include <cstdint>
#include <functional>
#include <vector>

namespace sg {

struct SequenceFrame {
    int64_t frame = 0;
    Scene scene;
    FrameRecord record;
};

#ifdef SYNTHGEN_HAVE_PHYSICS
// Settles a sampled frame's "drop" objects (record.dropObjects, non-empty): only they move (one
// without a mass weighs 1 kg), everything else is held where the scenario put it. Writes the settled
// poses into `scene` and the outcome into record.values["physics"], and returns the world, which a
// sequence goes on stepping.
PhysicsWorld settleDropObjects(Scene& scene, FrameRecord& record);
#endif

// Camera-to-world at time t of a sequence whose first frame had `firstCameraToWorld`.
glm::dmat4 cameraPathPose(const CameraMotion& motion, const glm::dmat4& firstCameraToWorld, double t);

// Splits sorted frame indices into runs that belong to the same sequence (in order).
std::vector<std::vector<int64_t>> groupFramesBySequence(const std::vector<int64_t>& frames, int64_t sequenceLength);

// Simulates the sequence that holds `wanted` (sorted, non-empty, all of one sequence) and calls
// `emit` for each wanted frame in frame order; stops early when emit returns false.
// Only the first frame's "drop" objects move (as in single-frame generate); everything else is
// static, conveyor belts included (they carry what rests on them).
void simulateSequence(const Scenario& scenario, uint64_t seed, int64_t sequenceLength, double frameInterval,
                      const std::vector<int64_t>& wanted, const std::function<bool(SequenceFrame&&)>& emit);

}  // namespace sg
