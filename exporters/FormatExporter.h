#pragma once
// One exporter per label format, behind one small interface so DatasetWriter can select them by
// name (--formats) and a new format (e.g. MOT) is one more file plus one line in
// makeFormatExporter (exporters/FormatExporter.cpp).
//
// Two phases, matching the dataset's crash-safety design:
//  - writeFrame: writes the frame's per-frame files of this format (atomically) and puts what the
//    aggregate files will need into the frame record (record[name()]). Called concurrently for
//    different frames: must not touch shared state (except under its own lock).
//  - finish: sees every frame record once, in frame-index order, and writes the aggregate files.
#include "exporters/DatasetWriter.h"
#include "exporters/Rle.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <string_view>
#include <memory>
#include <string>
#include <vector>

namespace sg {

// What one frame offers every exporter (encoded once, shared).
struct FrameContext {
    int64_t frame = 0;
    std::string stem;  // zero-padded frame index, the base name of its files
    const Scene& scene;
    const FrameBuffers& buffers;
    const FrameLabels& labels;
    const DatasetInfo& info;
    const ExportOptions& options;
    std::filesystem::path root;
    std::string rgbPath;                                  // relative to root
    const std::vector<uint8_t>& rgbBytes;                 // encoded RGB (PNG or JPEG)
    std::string rgbExtension;                             // ".png" or ".jpg"
    const std::vector<uint8_t>* depthPngBytes = nullptr;  // uint16 mm PNG when it was encoded
    const std::vector<Rle>& visibleRles;                  // per labels.instances entry
    std::vector<std::string>& files;                      // append every file written (relative to root)
};

struct FinishContext {
    std::filesystem::path root;
    const DatasetInfo& info;
    const ExportOptions& options;
    // Every frame's single-label class (InspectionOptions::classRule), by frame index.
    const std::map<int64_t, std::string>& imageClasses;
};

class FormatExporter {
public:
    virtual ~FormatExporter() = default;
    virtual std::string name() const = 0;
    virtual void writeFrame(FrameContext& frame, nlohmann::json& record) = 0;
    virtual void beginFinish(const FinishContext& ctx) = 0;
    virtual void addFrame(const nlohmann::json& record) = 0;
    // Writes the aggregate files; returns this format's manifest entry (paths relative to root).
    virtual nlohmann::json endFinish() = 0;
};

std::unique_ptr<FormatExporter> makeFormatExporter(const std::string& name);

// Helpers shared by the exporters.
std::string frameStem(int64_t frame);
// Per-frame files: written to a temp file and renamed (a killed process never leaves half a file),
// but not flushed one by one: DatasetWriter::writeFrame flushes the file system once (syncfs)
// before it writes the frame's record, so the record still never points at data that a power
// loss could lose, at one disk flush per frame instead of one per file.
void writeFrameFile(const std::filesystem::path& root, const std::string& relative, std::span<const uint8_t> bytes,
                    std::vector<std::string>& files);
void writeFrameText(const std::filesystem::path& root, const std::string& relative, const std::string& text,
                    std::vector<std::string>& files);
// Writes a file without flushing it (temp + rename), creating its folder when missing; see
// writeFrameFile.
void writeFileRenamed(const std::filesystem::path& path, std::span<const uint8_t> bytes);
// Flushes the file system holding `root` (syncfs).
void syncFileSystem(const std::filesystem::path& root);
// Aggregate files (finish): atomic and flushed (writeFileAtomic).
void writeTextCreatingDirs(const std::filesystem::path& root, const std::string& relative, const std::string& text);
// Deterministic train/val assignment from the frame index and seed.
bool isValFrame(int64_t frame, uint64_t seed, double valFraction);
nlohmann::json categoryJson(const Category& c);
// A large file written piece by piece (COCO annotations of thousands of frames), with the same
// all-or-nothing guarantee as writeFileAtomic: temp file, fsync, rename on commit().
class AtomicTextStream {
public:
    explicit AtomicTextStream(std::filesystem::path path);
    ~AtomicTextStream();
    AtomicTextStream(const AtomicTextStream&) = delete;
    AtomicTextStream& operator=(const AtomicTextStream&) = delete;
    void write(std::string_view text);
    void commit();

private:
    std::filesystem::path path_, tmp_;
    std::FILE* file_ = nullptr;
};

// Places an existing file of the dataset at a second path (hard link, else a copy), replacing
// whatever is there: the classify and mvtec layouts reuse images without writing them twice.
void linkDatasetFile(const std::filesystem::path& root, const std::string& from, const std::string& to);

// "%.6f" formatting (YOLO rows), locale independent.
std::string fixed6(double v);

}  // namespace sg
