#include "app/GeneratePipeline.h"
#include "app/GenerateFrame.h"
#include "app/KeepFreedMemory.h"
#include "app/SequenceSimulation.h"

#include "labels/Labels.h"
#include "randomization/SampleFrame.h"
#include "renderer/Renderer.h"
#include "sensor/LensDistortion.h"
#include "sensor/SensorEffects.h"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace sg {

namespace {

// The preset and the settings it stands for, so a dataset says how it was rendered (manifest.json).
// A setting added to the presets belongs here too.
nlohmann::json renderQualityJson(RenderQuality q) {
    const RenderSettings s = renderSettingsFor(q);
    // Floats as the decimals they were written as (0.3, not 0.30000001192092896).
    auto decimal = [](float v) { return std::round(double(v) * 1e6) / 1e6; };
    // The device renders the largest sample count it supports up to this one (1 = no anti-aliasing).
    return {{"preset", renderQualityName(q)},
            {"color_samples_up_to", s.colorSamples},
            {"shadow_filter_taps", s.shadowFilterTaps},
            {"shadow_filter_radius_texels", decimal(s.shadowFilterRadius)},
            {"shadow_resolution_scale", decimal(s.shadowResolutionScale)},
            {"sky_visibility_views", s.skyVisibilityViews},
            {"sky_occlusion_distance_m", decimal(s.skyOcclusionDistance)},
            {"burley_diffuse", s.burleyDiffuse},
            {"bounce_samples", s.bounceSamples},
            {"bounce_radius_m", decimal(s.bounceRadius)},
            {"indirect_downsample", s.indirectDownsample},
            {"pixel_filter_sigma_px", decimal(s.pixelFilterSigma)}};
}

// A blocking queue with a capacity: producers wait when it is full, so a fast stage cannot run
// ahead of a slow one and pile frames up in memory.
template <class T>
class BoundedQueue {
public:
    explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}
    void push(T item) {
        std::unique_lock lock(mutex_);
        notFull_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
        items_.push_back(std::move(item));
        notEmpty_.notify_one();
    }
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        notEmpty_.wait(lock, [&] { return !items_.empty() || closed_; });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        notFull_.notify_one();
        return item;
    }
    // Non-blocking variants (a pool of spare items): false / nullopt instead of waiting.
    bool tryPush(T item) {
        std::lock_guard lock(mutex_);
        if (items_.size() >= capacity_ || closed_) return false;
        items_.push_back(std::move(item));
        notEmpty_.notify_one();
        return true;
    }
    std::optional<T> tryPop() {
        std::lock_guard lock(mutex_);
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        notFull_.notify_one();
        return item;
    }
    // No more pushes; pops drain what is left, then return nullopt.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        notEmpty_.notify_all();
        notFull_.notify_all();
    }

private:
    size_t capacity_;
    std::deque<T> items_;
    bool closed_ = false;
    std::mutex mutex_;
    std::condition_variable notEmpty_, notFull_;
};

// A killed run leaves the temporaries of the files it was writing ("<file>.tmp.<pid>", see
// core/AtomicFile.h); they are never part of the dataset, so a resumed run removes them.
void removeStaleTemporaries(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return;
    std::vector<std::filesystem::path> stale;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().filename().string();
        auto pos = name.rfind(".tmp.");
        if (pos == std::string::npos || pos + 5 >= name.size()) continue;
        if (name.find_first_not_of("0123456789", pos + 5) != std::string::npos) continue;
        stale.push_back(it->path());
    }
    for (const auto& p : stale) std::filesystem::remove(p, ec);
}

}  // namespace

GenerateResult runGenerate(Scenario& scenario, const std::filesystem::path& outDir, const GenerateOptions& opt,
                           const std::atomic<bool>& stop, const std::function<void(const GenerateProgress&)>& report,
                           double reportSeconds) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    keepFreedMemoryForReuse();
    scenario.frameCount = opt.totalFrames;

    DatasetInfo info;
    info.version = SYNTHGEN_VERSION;
    info.scenarioHash = scenario.hash;
    info.seed = opt.seed;
    info.totalFrames = opt.totalFrames;
    info.shardIndex = opt.shardIndex;
    info.shardCount = opt.shardCount;
    info.width = scenario.width;
    info.height = scenario.height;
    info.categories = scenario.categories;
    {
        FrameRecord r;
        info.camera = sampleFrame(scenario, opt.seed, 0, r).camera.intrinsics;  // frame 0: the same for every shard
    }
    info.scenarioSource = scenario.file;
    info.sequenceLength = opt.sequenceLength;
    info.frameInterval = opt.frameInterval;
    info.extraManifest = {{"scenario", scenario.canonical},
                          {"frame_range", {opt.range.begin, opt.range.end}},
                          {"render_quality", renderQualityJson(opt.quality)}};
    DatasetWriter writer(outDir, info, opt.exportOptions);

    if (opt.resume) removeStaleTemporaries(outDir);
    std::vector<int64_t> todo;
    GenerateResult result;
    {
        std::set<int64_t> done = opt.resume ? writer.completedFrames() : std::set<int64_t>{};
        for (int64_t f = opt.range.begin; f < opt.range.end; ++f) {
            if (done.count(f)) ++result.progress.skipped;
            else todo.push_back(f);
        }
    }
    result.progress.todo = int64_t(todo.size());

    // Renderers are made here, before any thread starts, so a missing driver fails the run at once.
    std::vector<std::unique_ptr<Renderer>> renderers;
    renderers.push_back(std::make_unique<Renderer>(RendererOptions{.device = opt.device}));
    const int renderThreads = opt.renderThreads > 0 ? opt.renderThreads : (renderers[0]->device().type == "cpu" ? 2 : 1);
    while (int(renderers.size()) < std::min<int64_t>(renderThreads, std::max<int64_t>(1, int64_t(todo.size()))))
        renderers.push_back(std::make_unique<Renderer>(RendererOptions{.device = opt.device}));
    std::atomic<int> renderersLeft{int(renderers.size())};
    const int workers = std::max(1, opt.workerThreads);
    BoundedQueue<SampledFrame> sampledQueue(2);
    BoundedQueue<RenderedFrame> renderedQueue(size_t(workers) + 1);
    DistortionMapCache maps;
    // Frame buffers travel render -> worker -> back: a 640x480 frame is ~7 MB, and fresh
    // allocations per frame cost page faults on the render thread.
    BoundedQueue<FrameBuffers> spareBuffers(size_t(workers) + 4);
    auto recycle = [&](FrameBuffers&& b) {
        b.amodal.clear();
        spareBuffers.tryPush(std::move(b));
    };

    std::atomic<bool> abort{false};
    std::atomic<size_t> nextTodo{0};
    std::atomic<int64_t> written{0};
    std::mutex errorMutex;
    std::exception_ptr firstError;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(errorMutex);
        if (!firstError) firstError = e;
        abort = true;
    };

    bool anyDrop = false;
    for (const auto& v : scenario.variants)
        for (const auto& g : v.body.groups) anyDrop |= g.placement.drop;
    const int samplers = anyDrop ? workers : 1;  // physics settling is the costly part of sampling
    std::atomic<int> samplersLeft{samplers};
    // Sequences: a sampler takes all todo frames of one sequence (one simulation) at a time.
    const std::vector<std::vector<int64_t>> sequenceTodo = opt.sequenceLength > 0 ? groupFramesBySequence(todo, opt.sequenceLength)
                                                                                  : std::vector<std::vector<int64_t>>{};

    std::vector<std::thread> threads;
    for (int s = 0; s < samplers; ++s)
        threads.emplace_back([&] {
            try {
                while (opt.sequenceLength > 0) {
                    if (stop || abort) break;
                    size_t i = nextTodo++;
                    if (i >= sequenceTodo.size()) break;
                    simulateSequence(scenario, opt.seed, opt.sequenceLength, opt.frameInterval, sequenceTodo[i],
                                     [&](SequenceFrame&& q) {
                                         if (stop || abort) return false;
                                         sampledQueue.push(SampledFrame{q.frame, std::move(q.scene), std::move(q.record)});
                                         return true;
                                     });
                }
                for (;;) {
                    if (opt.sequenceLength > 0) break;
                    if (stop || abort) break;
                    size_t i = nextTodo++;
                    if (i >= todo.size()) break;
                    sampledQueue.push(sampleSettledFrame(scenario, opt.seed, todo[i]));
                }
            } catch (...) {
                fail(std::current_exception());
            }
            if (--samplersLeft == 0) sampledQueue.close();
        });

    for (auto& owned : renderers)
        threads.emplace_back([&, renderer = owned.get()] {
            try {
                RenderSettings settings = renderSettingsFor(opt.quality);
                settings.amodalMasks = opt.amodalMasks;
                settings.normals = opt.exportOptions.normalsExr || opt.exportOptions.normalsPng;
                while (auto sf = sampledQueue.pop()) {
                    if (abort) continue;  // drain so samplers never block forever
                    RenderedFrame rf;
                    if (auto spare = spareBuffers.tryPop()) rf.buffers = std::move(*spare);
                    rf.sampled = std::move(*sf);
                    renderSampledFrame(*renderer, settings, rf);
                    renderedQueue.push(std::move(rf));
                }
            } catch (...) {
                fail(std::current_exception());
                while (sampledQueue.pop()) {
                }
            }
            if (--renderersLeft == 0) renderedQueue.close();
        });

    for (int w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            try {
                while (auto rf = renderedQueue.pop()) {
                    if (abort) continue;
                    Scene& scene = rf->sampled.scene;
                    FrameBuffers buffers = finishFrameBuffers(*rf, maps);
                    if (!scene.camera.intrinsics.distortion.isZero()) recycle(std::move(rf->buffers));
                    FrameLabels labels = computeLabels(scene, buffers);
                    // Objects keep their index over a sequence: the instance id is the track id.
                    if (opt.sequenceLength > 0)
                        for (auto& l : labels.instances) l.trackId = int64_t(l.objectIndex) + 1;
                    writer.writeFrame(rf->sampled.frame, scene, buffers, labels, rf->sampled.record.values);
                    ++written;
                    if (scene.camera.intrinsics.distortion.isZero()) recycle(std::move(buffers));
                }
            } catch (...) {
                fail(std::current_exception());
                while (renderedQueue.pop()) {
                }
            }
        });

    // The calling thread reports progress until every stage has drained.
    std::atomic<bool> finished{false};
    std::thread joiner([&] {
        for (auto& t : threads) t.join();
        finished = true;
    });
    auto snapshot = [&] {
        result.progress.done = written;
        result.progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return result.progress;
    };
    auto lastReport = Clock::now();
    while (!finished) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (report && std::chrono::duration<double>(Clock::now() - lastReport).count() >= reportSeconds) {
            report(snapshot());
            lastReport = Clock::now();
        }
    }
    joiner.join();
    if (firstError) std::rethrow_exception(firstError);
    snapshot();
    result.interrupted = result.progress.done < result.progress.todo;
    if (!result.interrupted) writer.finish();
    if (report) report(result.progress);
    return result;
}

}  // namespace sg
