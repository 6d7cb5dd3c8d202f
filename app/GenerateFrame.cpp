#include "app/GenerateFrame.h"
#include "app/SequenceSimulation.h"

#include "sensor/SensorEffects.h"

namespace sg {

namespace {

bool sameIntrinsics(const Intrinsics& a, const Intrinsics& b) {
    return a.width == b.width && a.height == b.height && a.fx == b.fx && a.fy == b.fy && a.cx == b.cx && a.cy == b.cy &&
           a.distortion.k1 == b.distortion.k1 && a.distortion.k2 == b.distortion.k2 && a.distortion.p1 == b.distortion.p1 &&
           a.distortion.p2 == b.distortion.p2 && a.distortion.k3 == b.distortion.k3;
}

}  // namespace

std::shared_ptr<const DistortionMap> DistortionMapCache::get(const Intrinsics& K, const Intrinsics& R) {
    std::lock_guard lock(mutex_);
    for (const auto& e : entries_)
        if (sameIntrinsics(e.K, K) && sameIntrinsics(e.R, R)) return e.map;
    auto map = std::make_shared<const DistortionMap>(makeDistortionMap(K, R));
    if (entries_.size() >= 4) entries_.pop_front();
    entries_.push_back({K, R, map});
    return map;
}

void settleDrops(Scene& scene, FrameRecord& record) {
    if (record.dropObjects.empty()) return;
#ifdef SYNTHGEN_HAVE_PHYSICS
    settleDropObjects(scene, record);
    std::vector<bool> dropped(scene.objects.size(), false);
    for (int i : record.dropObjects) dropped[size_t(i)] = true;
    for (auto& o : record.values["objects"]) {
        size_t idx = o["instance_id"].get<size_t>() - 1;
        if (idx < scene.objects.size() && dropped[idx]) {
            glm::dvec3 p(scene.objects[idx].modelToWorld[3]);
            o["settled_position"] = {p.x, p.y, p.z};
        }
    }
#else
    record.values["physics"] = {{"converged", false}, {"note", "built without physics: objects were not settled"}};
#endif
}

SampledFrame sampleSettledFrame(const Scenario& scenario, uint64_t seed, int64_t frame) {
    SampledFrame sf;
    sf.frame = frame;
    sf.scene = sampleFrame(scenario, seed, frame, sf.record);
    settleDrops(sf.scene, sf.record);
    return sf;
}

void renderSampledFrame(Renderer& renderer, const RenderSettings& settings, RenderedFrame& rf) {
    const Intrinsics& K = rf.sampled.scene.camera.intrinsics;
    rf.renderK = renderIntrinsicsFor(K);
    if (K.distortion.isZero()) {
        renderer.render(rf.sampled.scene, settings, rf.buffers);
    } else {
        Scene pinhole = rf.sampled.scene;
        pinhole.camera.intrinsics = rf.renderK;
        renderer.render(pinhole, settings, rf.buffers);
    }
}

FrameBuffers finishFrameBuffers(RenderedFrame& rf, DistortionMapCache& maps) {
    const Intrinsics& K = rf.sampled.scene.camera.intrinsics;
    FrameBuffers buffers;
    if (K.distortion.isZero()) buffers = std::move(rf.buffers);
    else buffers = applyDistortion(rf.buffers, *maps.get(K, rf.renderK));
    applySensorEffects(buffers.rgb, rf.sampled.record.sensor);
    return buffers;
}

GeneratedFrame generateFrame(const Scenario& scenario, uint64_t seed, int64_t frame, Renderer& renderer,
                             const RenderSettings& settings, DistortionMapCache& maps) {
    RenderedFrame rf;
    rf.sampled = sampleSettledFrame(scenario, seed, frame);
    renderSampledFrame(renderer, settings, rf);
    GeneratedFrame g;
    g.buffers = finishFrameBuffers(rf, maps);
    g.labels = computeLabels(rf.sampled.scene, g.buffers);
    g.frame = frame;
    g.scene = std::move(rf.sampled.scene);
    g.record = std::move(rf.sampled.record);
    return g;
}

}  // namespace sg
