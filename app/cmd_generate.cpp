// synthgen generate [SCENARIO] --out DIR --frames N --seed S --formats coco,yolo,... : the main job.
#include "app/CommandOptions.h"
#include "app/Commands.h"
#include "app/GeneratePipeline.h"
#include "app/QualityOption.h"
#include "core/InputError.h"
#include "core/JsonReader.h"
#include "randomization/Scenario.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sg::app {

namespace {

// Set from the signal handler: the one piece of process-wide state, because signals are.
std::atomic<bool> gStopRequested{false};
std::atomic<int> gStopSignal{0};

extern "C" void onStopSignal(int sig) {
    gStopRequested.store(true);
    gStopSignal.store(sig);
    // A second Ctrl-C ends the process at once.
    std::signal(sig, SIG_DFL);
}

[[noreturn]] void usageError(const std::string& problem, const std::string& fix) { commandLineError("generate", problem, fix); }

std::optional<std::string> env(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) return std::nullopt;
    return std::string(v);
}

std::string formatDuration(double s) {
    if (!(s >= 0) || s > 1e7) return "?";
    int t = int(s + 0.5);
    char buf[32];
    if (t >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
    else std::snprintf(buf, sizeof buf, "%d:%02d", t / 60, t % 60);
    return buf;
}

std::string shellQuote(const std::string& s) {
    if (s.find_first_of(" \t'\"$\\*?;&|<>()") == std::string::npos && !s.empty()) return s;
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

struct Args {
    std::optional<std::string> scenario;
    std::string out = "synthgen-output";
    int64_t frames = 50;
    uint64_t seed = 0;
    std::string formats = "coco,yolo";
    int width = 0, height = 0;
    int threads = 0;
    int renderThreads = 0;
    std::optional<std::pair<int, int>> shard;
    std::optional<int> shards;
    std::optional<std::pair<int64_t, int64_t>> frameRange;
    bool resume = false, overwrite = false, quiet = false, amodal = false;
    std::string device;
    std::optional<int> jpegQuality;
    bool depthExr = false, normals = false, noInstance = false, noSemantic = false, noDepth = false;
    std::string yoloTask = "detect";
    bool cocoPolygons = false;
    double valFraction = 0;
    int64_t sequenceLength = 0;
    std::optional<double> frameInterval;
    InspectionOptions inspection;
    std::optional<RenderQuality> quality;  // else the scenario's, else the default
};

// Declares generate's options into `cli`, bound to `a`; the same declarations write --help.
void declareOptions(CommandOptions& cli, Args& a) {
    constexpr int64_t kMaxFrames = int64_t(1) << 40;
    cli.positional("SCENARIO", "scenario file, or a JSON/glTF scene (default: the built-in demo)", [&a](const std::string& s) {
        // Any non-option is the scenario, even "" (which then fails to load, naming no file).
        if (a.scenario) usageError("two scenario files given (\"" + *a.scenario + "\" and \"" + s + "\")", "give one scenario");
        a.scenario = s;
    });
    cli.text({"--out", "-o"}, "DIR", "output folder (default: synthgen-output)", a.out)
        .integer({"--frames", "-n"}, "N", "frames in the whole dataset (default: 50)", a.frames, 1, kMaxFrames)
        .integer("--seed", "S", "random seed; same seed = byte-identical dataset (default: 0)", a.seed, 0, INT64_MAX)
        .text("--formats", "LIST",
              "comma-separated: coco, yolo, voc, bop, mot, classify, mvtec (default:\ncoco,yolo; mot needs --sequence-length)",
              a.formats)
        .integer("--width", "W", "output width (default: the scenario's, 640)", a.width, 16, 16384)
        .integer("--height", "H", "output height (default: the scenario's, 480)", a.height, 16, 16384)
        .integer({"--threads", "-j"}, "T", "label/encode/write threads (default: number of cores)", a.threads, 1, 256)
        .integer("--render-threads", "R", "render threads, one Vulkan device each (default: 2 on a CPU device,\n1 on a GPU)",
                 a.renderThreads, 1, 16)
        .text("--shard", "I/N", "make only shard I (0-based) of N contiguous frame ranges into --out",
              [&a](const std::string&, const std::string& v) {
                  auto slash = v.find('/');
                  if (slash == std::string::npos)
                      usageError("--shard expects I/N, got \"" + v + "\"", "write e.g. --shard 0/4 (shard 0 of 4)");
                  int n = int(wholeNumberIn("generate", "--shard count", v.substr(slash + 1), 1, 1000000));
                  a.shard = {int(wholeNumberIn("generate", "--shard index", v.substr(0, slash), 0, n - 1)), n};
              })
        .integer("--shards", "N", "shard count when the index comes from JOB_COMPLETION_INDEX (Kubernetes)", a.shards, 1, 1000000)
        .text("--frame-range", "A:B", "make only frames A..B-1 of the dataset (e.g. to regenerate one frame)",
              [&a](const std::string&, const std::string& v) {
                  auto colon = v.find(':');
                  if (colon == std::string::npos)
                      usageError("--frame-range expects A:B, got \"" + v + "\"",
                                 "write e.g. --frame-range 137:138 for frame 137 alone");
                  int64_t b = wholeNumberIn("generate", "--frame-range start", v.substr(0, colon), 0, kMaxFrames);
                  a.frameRange = {b, wholeNumberIn("generate", "--frame-range end", v.substr(colon + 1), b + 1, kMaxFrames)};
              })
        .flag("--resume", "keep frames already complete in --out, make the rest", a.resume)
        .flag("--overwrite", "delete --out first if it holds a dataset", a.overwrite)
        .text("--device", "D", "Vulkan device index or name substring (see 'synthgen devices')", a.device)
        .optionalText("--jpeg", "Q", "write RGB as JPEG with quality Q (default 95) instead of PNG",
                      [&a](const std::string& typed, const std::optional<std::string>& q) {
                          a.jpegQuality = q ? int(wholeNumberIn("generate", typed, *q, 1, 100)) : 95;
                      })
        .flag("--depth-exr", "also write float depth (EXR)", a.depthExr)
        .flag("--normals", "also write normals (EXR + PNG)", a.normals)
        .flag("--no-instance", "skip the instance id images", a.noInstance)
        .flag("--no-semantic", "skip the semantic images", a.noSemantic)
        .flag("--no-depth", "skip the depth PNGs", a.noDepth)
        .flag("--amodal", "render exact amodal masks (one extra draw per object)", a.amodal)
        .text("--yolo-task", "T", "detect, segment or pose (default: detect)",
              [&a](const std::string&, const std::string& v) {
                  if (v != "detect" && v != "segment" && v != "pose")
                      usageError("unknown --yolo-task \"" + v + "\"", "use detect, segment or pose");
                  a.yoloTask = v;
              })
        .flag("--coco-polygons", "COCO segmentation as polygons on pixel edges instead of compressed RLE", a.cocoPolygons)
        .number("--val-fraction", "F", "share of frames in the validation list (default: 0)", a.valFraction, 0, 1)
        .integer("--sequence-length", "L",
                 "frames s*L..s*L+L-1 are one physics simulation (sequence s): the first is\n"
                 "sampled and settled as usual, each next one steps it by --frame-interval;\n"
                 "track ids stay stable, COCO gets video_id/frame_id/track_id (docs/physics.md)",
                 a.sequenceLength, 1, kMaxFrames)
        .text("--frame-interval", "S", "simulated seconds between sequence frames (default: 1/30)",
              [&a](const std::string& typed, const std::string& v) { a.frameInterval = numberIn("generate", typed, v, 1e-4, 3600); })
        .text("--image-class", "RULE",
              "each image's single-label class: defective (any defect, else good) or\n"
              "rarest (its category present in the fewest images) (default: defective)",
              [&a](const std::string&, const std::string& v) {
                  if (v != "defective" && v != "rarest") usageError("unknown --image-class \"" + v + "\"", "use defective or rarest");
                  a.inspection.classRule = v;
              })
        .text("--splits", "T,V[,TE]", "train, val, test shares of classify and mvtec (default: 0.8,0.2)",
              [&a](const std::string& typed, const std::string& v) { a.inspection.splitShares = parseSplitShares(v, typed); })
        .flag("--part-crops", "classify and mvtec get one square crop per labeled part, not whole frames", a.inspection.partCrops)
        .integer("--crop-size", "N", "crop side in pixels (default: 224)", a.inspection.cropSize, 8, 4096)
        .number("--crop-margin", "F", "crop margin, a share of the box's longer side (default: 0.1)", a.inspection.cropMargin, 0, 10)
        .text("--mvtec-object", "NAME", "MVTec object folder for whole frames (default: part)", a.inspection.mvtecObject)
        .number("--mvtec-good-test", "F", "share of good images held out for MVTec test/good (default: 0.2)",
                a.inspection.mvtecGoodTestShare, 0, 1)
        .flag({"--quiet", "-q"}, "no progress output", a.quiet);
    declareQualityOption(cli, "generate", a.quality);
    cli.notes(
        "Shards also come from the environment when --shard is not given: Slurm job arrays\n"
        "(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) and Kubernetes Indexed Jobs\n"
        "(JOB_COMPLETION_INDEX of --shards or SYNTHGEN_SHARD_COUNT). Join parts with 'synthgen merge'.");
}

// Combinations no single option can check.
void checkCombinations(const Args& a) {
    if (a.shard && a.frameRange) usageError("--shard and --frame-range together", "use one of them");
    if (a.resume && a.overwrite) usageError("--resume and --overwrite together", "use one of them");
    if (a.frameInterval && a.sequenceLength == 0)
        usageError("--frame-interval without --sequence-length", "add --sequence-length L (frames per sequence)");
}

// The shard from the command line, else from Slurm or Kubernetes variables.
std::pair<int, int> resolveShard(const Args& a) {
    if (a.shard) return *a.shard;
    if (auto id = env("SLURM_ARRAY_TASK_ID")) {
        auto count = env("SLURM_ARRAY_TASK_COUNT");
        if (!count)
            usageError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not",
                       "submit with sbatch --array, or pass --shard I/N");
        int n = int(wholeNumberIn("generate", "SLURM_ARRAY_TASK_COUNT", *count, 1, 1000000));
        int64_t min = env("SLURM_ARRAY_TASK_MIN")
                          ? wholeNumberIn("generate", "SLURM_ARRAY_TASK_MIN", *env("SLURM_ARRAY_TASK_MIN"), 0, INT32_MAX)
                          : 0;
        int idx = int(wholeNumberIn("generate", "SLURM_ARRAY_TASK_ID", *id, 0, INT32_MAX) - min);
        if (idx < 0 || idx >= n)
            usageError("Slurm task " + *id + " is not within an array of " + std::to_string(n) + " tasks from " + std::to_string(min),
                       "submit a contiguous array such as --array=0-" + std::to_string(n - 1));
        return {idx, n};
    }
    if (auto id = env("JOB_COMPLETION_INDEX")) {
        std::optional<int> n = a.shards;
        if (!n && env("SYNTHGEN_SHARD_COUNT"))
            n = int(wholeNumberIn("generate", "SYNTHGEN_SHARD_COUNT", *env("SYNTHGEN_SHARD_COUNT"), 1, 1000000));
        if (!n)
            usageError("JOB_COMPLETION_INDEX is set but the shard count is not",
                       "pass --shards N or set SYNTHGEN_SHARD_COUNT (= the Job's completions)");
        int idx = int(wholeNumberIn("generate", "JOB_COMPLETION_INDEX", *id, 0, *n - 1));
        return {idx, *n};
    }
    if (a.shards) usageError("--shards given without a shard index", "use --shard I/N, or run under a Kubernetes Indexed Job");
    return {0, 1};
}

}  // namespace

int cmdGenerate(int argc, char** argv) {
    Args a;
    // Generate's messages also say what to write, and its help wins wherever --help stands.
    CommandOptions cli("generate", "[SCENARIO] [options]",
                       "Renders and labels a dataset of N frames. SCENARIO is a scenario file (docs/scenario-format.md) or a\n"
                       "plain scene file (JSON or glTF: the same scene every frame); without one, the built-in demo scenario.\n",
                       CommandLine::Hints::WhatToWrite);
    declareOptions(cli, a);
    cli.helpAnywhere();
    try {
        if (!cli.parse(argc, argv)) return 0;
        checkCombinations(a);
        auto [shardIndex, shardCount] = resolveShard(a);
        if (shardCount > a.frames)
            usageError(std::to_string(shardCount) + " shards for " + std::to_string(a.frames) + " frames",
                       "use at most one shard per frame");

        Scenario scenario = a.scenario ? loadScenario(*a.scenario, a.width, a.height)
                                       : parseScenario(parseJsonText(builtinDemoScenarioJson(), "<built-in demo>"), "<built-in demo>",
                                                       std::filesystem::current_path(), a.width, a.height);
        if (!a.scenario) scenario.file = "<built-in demo>";

        GenerateOptions o;
        o.totalFrames = a.frames;
        o.seed = a.seed;
        o.shardIndex = shardIndex;
        o.shardCount = shardCount;
        o.range = shardFrameRange(a.frames, shardIndex, shardCount);
        if (a.frameRange) {
            if (a.frameRange->second > a.frames)
                usageError("--frame-range ends after the dataset's last frame",
                           "keep B <= --frames (" + std::to_string(a.frames) + ")");
            o.range = {a.frameRange->first, a.frameRange->second};
        }
        o.resume = a.resume;
        unsigned hw = std::max(1u, std::thread::hardware_concurrency());
        o.workerThreads = a.threads > 0 ? a.threads : int(hw);
        o.renderThreads = a.renderThreads;
        o.device = a.device;
        o.amodalMasks = a.amodal;
        o.quality = a.quality ? *a.quality : scenario.quality.value_or(kDefaultRenderQuality);
        o.sequenceLength = a.sequenceLength;
        if (a.frameInterval) o.frameInterval = *a.frameInterval;
        ExportOptions& e = o.exportOptions;
        e.formats = parseFormatList(a.formats);
        if (a.jpegQuality) {
            e.rgbFormat = RgbFormat::Jpeg;
            e.jpegQuality = *a.jpegQuality;
        }
        e.depthExr = a.depthExr;
        e.normalsExr = e.normalsPng = a.normals;
        e.instanceImages = !a.noInstance;
        e.semanticImages = !a.noSemantic;
        e.depthPng = !a.noDepth;
        e.yoloTask = a.yoloTask;
        if (a.cocoPolygons) e.cocoSegmentation = CocoSegmentation::Polygon;
        e.valFraction = a.valFraction;
        e.inspection = a.inspection;

        namespace fs = std::filesystem;
        fs::path out = a.out;
        if (fs::exists(out) && !fs::is_directory(out)) usageError("--out " + a.out + " is a file", "give a folder");
        bool nonEmpty = fs::exists(out) && fs::directory_iterator(out) != fs::directory_iterator();
        if (nonEmpty && a.overwrite) {
            if (!fs::exists(out / ".synthgen"))
                usageError("--overwrite refuses to delete " + a.out + ": it does not look like a synthgen dataset",
                           "delete it yourself or choose another --out");
            fs::remove_all(out);
            nonEmpty = false;
        }
        if (nonEmpty && !a.resume)
            usageError("output folder " + a.out + " is not empty",
                       "add --resume to finish the dataset in it, --overwrite to replace it, or choose another --out");

        const bool tty = isatty(STDERR_FILENO);
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);

        if (!a.quiet)
            std::fprintf(stderr, "synthgen generate: %s, frames %lld..%lld of %lld (shard %d/%d), seed %llu, %dx%d -> %s\n",
                         scenario.file.c_str(), (long long)o.range.begin, (long long)o.range.end - 1, (long long)a.frames, shardIndex,
                         shardCount, (unsigned long long)a.seed, scenario.width, scenario.height, a.out.c_str());
        double lastLine = -1e9;
        auto report = [&](const GenerateProgress& p) {
            if (a.quiet) return;
            double fps = p.seconds > 0 ? p.done / p.seconds : 0;
            double eta = fps > 0 ? (p.todo - p.done) / fps : -1;
            if (tty) {
                std::fprintf(stderr, "\r  %lld/%lld frames  %.1f frames/s  ETA %s   ", (long long)p.done, (long long)p.todo, fps,
                             formatDuration(eta).c_str());
                std::fflush(stderr);
            } else if (p.seconds - lastLine >= 10 || p.done == p.todo) {
                // Not a terminal (a log file): one line per interval.
                std::fprintf(stderr, "synthgen generate: %lld/%lld frames, %.1f frames/s, ETA %s\n", (long long)p.done,
                             (long long)p.todo, fps, formatDuration(eta).c_str());
                lastLine = p.seconds;
            }
        };
        GenerateResult r = runGenerate(scenario, out, o, gStopRequested, report, tty ? 0.25 : 1.0);
        if (tty && !a.quiet) std::fputc('\n', stderr);
        if (r.interrupted) {
            std::string cmd = "synthgen";
            // Appended piecewise: `" " + shellQuote(...)` here trips a false GCC 12 -Wrestrict warning.
            for (int i = 0; i < argc; ++i) {
                cmd += ' ';
                cmd += shellQuote(argv[i]);
            }
            if (!a.resume) cmd += " --resume";
            std::fprintf(stderr,
                         "synthgen generate: stopped (%s) after %lld of %lld frames; the folder holds complete frames only.\n"
                         "  resume with: %s\n",
                         gStopSignal == SIGTERM ? "SIGTERM" : "interrupt", (long long)r.progress.done, (long long)r.progress.todo,
                         cmd.c_str());
            return 130;
        }
        if (!a.quiet)
            std::fprintf(
                stderr, "synthgen generate: %lld frames written%s in %.1f s (%.1f frames/s) -> %s\n", (long long)r.progress.done,
                r.progress.skipped ? (" (" + std::to_string(r.progress.skipped) + " already complete)").c_str() : "",
                r.progress.seconds, r.progress.seconds > 0 ? r.progress.done / r.progress.seconds : 0.0, out.string().c_str());
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "synthgen generate: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "synthgen generate: error: %s\n", e.what());
        return 1;
    }
}

}  // namespace sg::app
