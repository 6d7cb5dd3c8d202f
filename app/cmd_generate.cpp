// synthgen generate [SCENARIO] --out DIR --frames N --seed S --formats coco,yolo,... : the main job.
#include "app/Commands.h"
#include "app/CommandLine.h"
#include "app/GeneratePipeline.h"
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

const char* kUsage = R"(usage: synthgen generate [SCENARIO] [options]

Renders and labels a dataset of N frames. SCENARIO is a scenario file (docs/scenario-format.md) or a
plain scene file (JSON or glTF: the same scene every frame); without one, the built-in demo scenario.

options:
  --out DIR            output folder (default: synthgen-output)
  --frames N           frames in the whole dataset (default: 50)
  --seed S             random seed; same seed = byte-identical dataset (default: 0)
  --formats LIST       comma-separated: coco, yolo, voc, bop, mot, classify, mvtec (default:
                       coco,yolo; mot needs --sequence-length)
  --width W --height H output resolution (default: the scenario's, 640x480)
  --threads T          label/encode/write threads (default: number of cores)
  --render-threads R   render threads, one Vulkan device each (default: 2 on a CPU device, 1 on a GPU)
  --shard I/N          make only shard I (0-based) of N contiguous frame ranges into --out
  --shards N           shard count when the index comes from JOB_COMPLETION_INDEX (Kubernetes)
  --frame-range A:B    make only frames A..B-1 of the dataset (e.g. to regenerate one frame)
  --resume             keep frames already complete in --out, make the rest
  --overwrite          delete --out first if it holds a dataset
  --device D           Vulkan device index or name substring (see 'synthgen devices')
  --jpeg [Q]           write RGB as JPEG with quality Q (default 95) instead of PNG
  --depth-exr          also write float depth (EXR)    --normals  also write normals (EXR + PNG)
  --no-instance --no-semantic --no-depth               skip those image outputs
  --amodal             render exact amodal masks (one extra draw per object)
  --yolo-task T        detect, segment or pose (default: detect)
  --coco-polygons      COCO segmentation as polygons on pixel edges instead of compressed RLE
  --val-fraction F     share of frames in the validation list (default: 0)
  --sequence-length L  frames s*L..s*L+L-1 are one physics simulation (sequence s): the first is
                       sampled and settled as usual, each next one steps it by --frame-interval;
                       track ids stay stable, COCO gets video_id/frame_id/track_id (docs/physics.md)
  --frame-interval S   simulated seconds between sequence frames (default: 1/30)
  --image-class RULE   each image's single-label class: defective (any defect, else good) or
                       rarest (its category present in the fewest images) (default: defective)
  --splits T,V[,TE]    train, val, test shares of classify and mvtec (default: 0.8,0.2)
  --part-crops         classify and mvtec get one square crop per labeled part, not whole frames
  --crop-size N        crop side in pixels (default: 224)   --crop-margin F  (default: 0.1)
  --mvtec-object NAME  MVTec object folder for whole frames (default: part)
  --mvtec-good-test F  share of good images held out for MVTec test/good (default: 0.2)
  --quiet              no progress output

Shards also come from the environment when --shard is not given: Slurm job arrays
(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) and Kubernetes Indexed Jobs
(JOB_COMPLETION_INDEX of --shards or SYNTHGEN_SHARD_COUNT). Join parts with 'synthgen merge'.
)";

[[noreturn]] void usageError(const std::string& problem, const std::string& fix) {
    commandLineError("generate", problem, fix);
}

// For options and for the Slurm/Kubernetes variables alike, so both read the same way.
int64_t parseInt(const std::string& flag, const std::string& text, int64_t min, int64_t max) {
    std::optional<long long> v = parseWholeNumber(text);
    if (!v) usageError(flag + " expects a whole number, got \"" + text + "\"", "write e.g. " + flag + " " + std::to_string(std::max<int64_t>(min, 1)));
    if (*v < min || *v > max) usageError(flag + " " + text + " is out of range", "use a value from " + std::to_string(min) + " to " + std::to_string(max));
    return *v;
}

double parseDouble(const std::string& flag, const std::string& text, double min, double max) {
    try {
        size_t used = 0;
        double v = std::stod(text, &used);
        if (used != text.size() || !(v >= min && v <= max)) throw std::invalid_argument("range");
        return v;
    } catch (const std::logic_error&) {
        usageError(flag + " expects a number from " + std::to_string(min) + " to " + std::to_string(max) + ", got \"" + text + "\"", "fix the value");
    }
}

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
};

Args parseArgs(CommandLine& cl) {
    constexpr int64_t kMaxFrames = int64_t(1) << 40;
    Args a;
    std::string v;  // values that are checked or split before they are kept
    std::optional<std::string> quality;
    while (cl.next()) {
        const std::string& s = cl.current();  // as typed, so errors name -n as -n
        if (cl.option({"--out", "-o"}, a.out)) {}
        else if (cl.option({"--frames", "-n"}, v)) a.frames = parseInt(s, v, 1, kMaxFrames);
        else if (cl.option("--seed", v)) a.seed = uint64_t(parseInt(s, v, 0, INT64_MAX));
        else if (cl.option("--formats", a.formats)) {}
        else if (cl.option("--width", v)) a.width = int(parseInt(s, v, 16, 16384));
        else if (cl.option("--height", v)) a.height = int(parseInt(s, v, 16, 16384));
        else if (cl.option({"--threads", "-j"}, v)) a.threads = int(parseInt(s, v, 1, 256));
        else if (cl.option("--render-threads", v)) a.renderThreads = int(parseInt(s, v, 1, 16));
        else if (cl.option("--shards", v)) a.shards = int(parseInt(s, v, 1, 1000000));
        else if (cl.option("--shard", v)) {
            auto slash = v.find('/');
            if (slash == std::string::npos) usageError("--shard expects I/N, got \"" + v + "\"", "write e.g. --shard 0/4 (shard 0 of 4)");
            int n = int(parseInt("--shard count", v.substr(slash + 1), 1, 1000000));
            int idx = int(parseInt("--shard index", v.substr(0, slash), 0, n - 1));
            a.shard = {idx, n};
        } else if (cl.option("--frame-range", v)) {
            auto colon = v.find(':');
            if (colon == std::string::npos) usageError("--frame-range expects A:B, got \"" + v + "\"", "write e.g. --frame-range 137:138 for frame 137 alone");
            int64_t b = parseInt("--frame-range start", v.substr(0, colon), 0, kMaxFrames);
            int64_t e = parseInt("--frame-range end", v.substr(colon + 1), b + 1, kMaxFrames);
            a.frameRange = {b, e};
        } else if (cl.flag("--resume")) a.resume = true;
        else if (cl.flag("--overwrite")) a.overwrite = true;
        else if (cl.flag({"--quiet", "-q"})) a.quiet = true;
        else if (cl.option("--device", a.device)) {}
        else if (cl.flag("--amodal")) a.amodal = true;
        else if (cl.optionalValue("--jpeg", quality)) a.jpegQuality = quality ? int(parseInt(s, *quality, 1, 100)) : 95;
        else if (cl.flag("--depth-exr")) a.depthExr = true;
        else if (cl.flag("--normals")) a.normals = true;
        else if (cl.flag("--no-instance")) a.noInstance = true;
        else if (cl.flag("--no-semantic")) a.noSemantic = true;
        else if (cl.flag("--no-depth")) a.noDepth = true;
        else if (cl.flag("--coco-polygons")) a.cocoPolygons = true;
        else if (cl.option("--yolo-task", a.yoloTask)) {
            if (a.yoloTask != "detect" && a.yoloTask != "segment" && a.yoloTask != "pose")
                usageError("unknown --yolo-task \"" + a.yoloTask + "\"", "use detect, segment or pose");
        } else if (cl.option("--val-fraction", v)) a.valFraction = parseDouble(s, v, 0, 1);
        else if (cl.option("--sequence-length", v)) a.sequenceLength = parseInt(s, v, 1, kMaxFrames);
        else if (cl.option("--frame-interval", v)) a.frameInterval = parseDouble(s, v, 1e-4, 3600);
        else if (cl.option("--image-class", a.inspection.classRule)) {
            if (a.inspection.classRule != "defective" && a.inspection.classRule != "rarest")
                usageError("unknown --image-class \"" + a.inspection.classRule + "\"", "use defective or rarest");
        } else if (cl.option("--splits", v)) a.inspection.splitShares = parseSplitShares(v, s);
        else if (cl.flag("--part-crops")) a.inspection.partCrops = true;
        else if (cl.option("--crop-size", v)) a.inspection.cropSize = int(parseInt(s, v, 8, 4096));
        else if (cl.option("--crop-margin", v)) a.inspection.cropMargin = parseDouble(s, v, 0, 10);
        else if (cl.option("--mvtec-object", a.inspection.mvtecObject)) {}
        else if (cl.option("--mvtec-good-test", v)) a.inspection.mvtecGoodTestShare = parseDouble(s, v, 0, 1);
        else if (!s.empty() && s[0] == '-') usageError("unknown option " + s, "check the spelling");
        // Anything else is the scenario, even "" (which then fails to load, naming no file).
        else if (a.scenario) usageError("two scenario files given (\"" + *a.scenario + "\" and \"" + s + "\")", "give one scenario");
        else a.scenario = s;
    }
    if (a.shard && a.frameRange) usageError("--shard and --frame-range together", "use one of them");
    if (a.resume && a.overwrite) usageError("--resume and --overwrite together", "use one of them");
    if (a.frameInterval && a.sequenceLength == 0)
        usageError("--frame-interval without --sequence-length", "add --sequence-length L (frames per sequence)");
    return a;
}

// The shard from the command line, else from Slurm or Kubernetes variables.
std::pair<int, int> resolveShard(const Args& a) {
    if (a.shard) return *a.shard;
    if (auto id = env("SLURM_ARRAY_TASK_ID")) {
        auto count = env("SLURM_ARRAY_TASK_COUNT");
        if (!count) usageError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not", "submit with sbatch --array, or pass --shard I/N");
        int n = int(parseInt("SLURM_ARRAY_TASK_COUNT", *count, 1, 1000000));
        int64_t min = env("SLURM_ARRAY_TASK_MIN") ? parseInt("SLURM_ARRAY_TASK_MIN", *env("SLURM_ARRAY_TASK_MIN"), 0, INT32_MAX) : 0;
        int idx = int(parseInt("SLURM_ARRAY_TASK_ID", *id, 0, INT32_MAX) - min);
        if (idx < 0 || idx >= n)
            usageError("Slurm task " + *id + " is not within an array of " + std::to_string(n) + " tasks from " + std::to_string(min),
                       "submit a contiguous array such as --array=0-" + std::to_string(n - 1));
        return {idx, n};
    }
    if (auto id = env("JOB_COMPLETION_INDEX")) {
        std::optional<int> n = a.shards;
        if (!n && env("SYNTHGEN_SHARD_COUNT")) n = int(parseInt("SYNTHGEN_SHARD_COUNT", *env("SYNTHGEN_SHARD_COUNT"), 1, 1000000));
        if (!n) usageError("JOB_COMPLETION_INDEX is set but the shard count is not", "pass --shards N or set SYNTHGEN_SHARD_COUNT (= the Job's completions)");
        int idx = int(parseInt("JOB_COMPLETION_INDEX", *id, 0, *n - 1));
        return {idx, *n};
    }
    if (a.shards) usageError("--shards given without a shard index", "use --shard I/N, or run under a Kubernetes Indexed Job");
    return {0, 1};
}

}  // namespace

int cmdGenerate(int argc, char** argv) {
    // Generate's messages also say what to write, and its help wins wherever --help stands.
    CommandLine cl(argc, argv, "generate", kUsage, CommandLine::Hints::WhatToWrite);
    if (cl.helpAnywhere()) return 0;
    try {
        Args a = parseArgs(cl);
        auto [shardIndex, shardCount] = resolveShard(a);
        if (shardCount > a.frames)
            usageError(std::to_string(shardCount) + " shards for " + std::to_string(a.frames) + " frames", "use at most one shard per frame");

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
                usageError("--frame-range ends after the dataset's last frame", "keep B <= --frames (" + std::to_string(a.frames) + ")");
            o.range = {a.frameRange->first, a.frameRange->second};
        }
        o.resume = a.resume;
        unsigned hw = std::max(1u, std::thread::hardware_concurrency());
        o.workerThreads = a.threads > 0 ? a.threads : int(hw);
        o.renderThreads = a.renderThreads;
        o.device = a.device;
        o.amodalMasks = a.amodal;
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
        if (fs::exists(out) && !fs::is_directory(out))
            usageError("--out " + a.out + " is a file", "give a folder");
        bool nonEmpty = fs::exists(out) && fs::directory_iterator(out) != fs::directory_iterator();
        if (nonEmpty && a.overwrite) {
            if (!fs::exists(out / ".synthgen"))
                usageError("--overwrite refuses to delete " + a.out + ": it does not look like a synthgen dataset", "delete it yourself or choose another --out");
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
                         scenario.file.c_str(), (long long)o.range.begin, (long long)o.range.end - 1, (long long)a.frames,
                         shardIndex, shardCount, (unsigned long long)a.seed, scenario.width, scenario.height, a.out.c_str());
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
            std::fprintf(stderr, "synthgen generate: %lld frames written%s in %.1f s (%.1f frames/s) -> %s\n",
                         (long long)r.progress.done,
                         r.progress.skipped ? (" (" + std::to_string(r.progress.skipped) + " already complete)").c_str() : "",
                         r.progress.seconds, r.progress.seconds > 0 ? r.progress.done / r.progress.seconds : 0.0,
                         out.string().c_str());
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
