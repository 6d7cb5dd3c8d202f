#include "app/SequenceSimulation.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <optional>

namespace sg {

namespace {

uint64_t splitMix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

}  // namespace

#ifdef SYNTHGEN_HAVE_PHYSICS
PhysicsWorld settleDropObjects(Scene& scene, FrameRecord& record) {
    // Masses are changed for building the world only, then restored in the scene.
    std::vector<double> masses;
    for (auto& o : scene.objects) masses.push_back(o.physics.mass);
    std::vector<bool> dropped(scene.objects.size(), false);
    for (int i : record.dropObjects) dropped[size_t(i)] = true;
    for (size_t i = 0; i < scene.objects.size(); ++i)
        if (!dropped[i]) scene.objects[i].physics.mass = 0;
        else if (scene.objects[i].physics.mass <= 0) scene.objects[i].physics.mass = 1;
    SettleOptions opts;
    opts.maxSeconds = record.settleTime;
    opts.floorZ = -1.0;
    PhysicsWorld world(scene, opts.physics);
    for (size_t i = 0; i < scene.objects.size(); ++i) scene.objects[i].physics.mass = masses[i];
    SettleReport rep = world.settle(opts);
    world.writeBack(scene);
    // Wall time is left out on purpose: the record must be the same on every run.
    record.values["physics"] = {{"converged", rep.converged},
                                {"simulated_seconds", rep.simulatedSeconds},
                                {"steps", rep.steps},
                                {"not_at_rest", rep.notAtRest},
                                {"fell_out", rep.fellOut}};
    return world;
}
#endif

std::vector<std::vector<int64_t>> groupFramesBySequence(const std::vector<int64_t>& frames, int64_t sequenceLength) {
    std::vector<std::vector<int64_t>> groups;
    const int64_t L = std::max<int64_t>(1, sequenceLength);
    for (int64_t f : frames) {
        if (groups.empty() || groups.back().back() / L != f / L) groups.emplace_back();
        groups.back().push_back(f);
    }
    return groups;
}

glm::dmat4 cameraPathPose(const CameraMotion& motion, const glm::dmat4& firstCameraToWorld, double t) {
    glm::dmat4 toCenter = glm::translate(glm::dmat4(1.0), motion.orbitCenter);
    glm::dmat4 orbit = toCenter * glm::rotate(glm::dmat4(1.0), motion.orbitRadPerSecond * t, glm::dvec3(0, 0, 1)) *
                       glm::inverse(toCenter);
    return glm::translate(glm::dmat4(1.0), motion.velocity * t) * orbit * firstCameraToWorld;
}

void simulateSequence(const Scenario& scenario, uint64_t seed, int64_t sequenceLength, double frameInterval,
                      const std::vector<int64_t>& wanted, const std::function<bool(SequenceFrame&&)>& emit) {
    if (wanted.empty()) return;
    const int64_t L = std::max<int64_t>(1, sequenceLength);
    const int64_t sequence = wanted.front() / L;
    const int64_t first = sequence * L;
    FrameRecord record;
    Scene scene = sampleFrame(scenario, seed, first, record);
    std::vector<bool> dropped(scene.objects.size(), false);
    for (int i : record.dropObjects) dropped[size_t(i)] = true;
    const CameraMotion& motion = scenario.variants[variantOfFrame(scenario, seed, first)].body.cameraMotion;
    const glm::dmat4 firstCameraToWorld = scene.camera.cameraToWorld();

#ifdef SYNTHGEN_HAVE_PHYSICS
    // The same rule as a single generated frame, settled in the world the sequence continues in,
    // so contacts carry over (docs/physics.md). A short settle_time (e.g. 0.01 s) starts the
    // sequence while the objects still fall.
    std::optional<PhysicsWorld> world;
    if (!record.dropObjects.empty()) world.emplace(settleDropObjects(scene, record));
#else
    if (!record.dropObjects.empty())
        record.values["physics"] = {{"converged", false}, {"note", "built without physics: objects do not move"}};
#endif

    size_t next = 0;
    const int64_t lastK = wanted.back() - first;
    for (int64_t k = 0; k <= lastK && next < wanted.size(); ++k) {
#ifdef SYNTHGEN_HAVE_PHYSICS
        if (k > 0 && world) {
            world->step(frameInterval);
            world->writeBack(scene);
        }
#endif
        if (wanted[next] != first + k) continue;
        ++next;
        SequenceFrame sf;
        sf.frame = first + k;
        sf.scene = scene;
        sf.record = record;
        // Sensor noise is fresh every frame, as a real camera's; frame 0 keeps the sampled key.
        if (k > 0) sf.record.sensor.noiseKey = splitMix64(record.sensor.noiseKey ^ splitMix64(uint64_t(k)));
        sf.record.values["sequence"] = {{"id", sequence}, {"frame", k}, {"time", double(k) * frameInterval}};
        if (!motion.isStill()) {
            sf.scene.camera.worldToCamera = glm::inverse(cameraPathPose(motion, firstCameraToWorld, double(k) * frameInterval));
            glm::dvec3 c = sf.scene.camera.position();
            sf.record.values["sequence"]["camera_position"] = {c.x, c.y, c.z};
        }
        if (sf.record.values.contains("objects"))
            for (auto& o : sf.record.values["objects"]) {
                if (!o.contains("instance_id")) continue;
                size_t idx = o["instance_id"].get<size_t>() - 1;
                if (idx < scene.objects.size() && dropped[idx]) {
                    glm::dvec3 p(scene.objects[idx].modelToWorld[3]);
                    o["position_in_sequence"] = {p.x, p.y, p.z};
                }
            }
        if (!emit(std::move(sf))) return;
    }
}

}  // namespace sg
