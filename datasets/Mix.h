#pragma once
// `synthgen mix`: several synthetic and real datasets in, one dataset out. Categories are mapped
// by name (aliases, "supercategory/name" paths), never by id; splits are chosen per group so a
// video or sequence never crosses train/val/test; val and test are real-only by default; the
// synthetic : real ratio of train is chosen deterministically from the seed; every output image
// records where it came from. See docs/mixing.md.
#include "datasets/DatasetReaders.h"
#include "datasets/DatasetWriters.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sg {

enum class FileMode { Copy, Hardlink, Symlink };
enum class UnmappedPolicy { Error, Drop, Keep };

struct MixOptions {
    std::vector<std::string> sources;
    std::filesystem::path out;
    std::vector<std::string> formats{"coco"};  // any of coco, yolo, voc
    // Output categories. Empty: the synthetic sources' categories (the first source's when all are real).
    std::vector<std::string> categories;
    std::map<std::string, std::string> aliases;  // source category name -> output category name
    UnmappedPolicy unmapped = UnmappedPolicy::Error;
    // Train composition: ratio synthetic : real (e.g. 3:1), or absolute counts.
    std::optional<std::pair<double, double>> ratio;
    std::optional<size_t> syntheticCount, realCount;
    double valFraction = 0.1, testFraction = 0.0;  // of the real images, by whole groups
    bool syntheticInEval = false;                  // also split synthetic images into val/test
    bool stratify = false;                         // keep each class's share equal across splits
    std::string groupField;                        // group by this COCO image field (e.g. video_id)
    std::string groupPattern;                      // or by this regex's first capture on the image file name
    uint64_t seed = 0;
    FileMode files = FileMode::Hardlink;
    bool skipInvalid = false;
    bool dropCrowd = false;
    bool cocoRle = false;  // COCO output: polygons become compressed RLE
    DatasetReadOptions read;
};

struct MixSplitCount {
    size_t synthetic = 0, real = 0, annotations = 0;
};

struct MixReport {
    std::map<std::string, MixSplitCount> splits;
    std::vector<std::string> notes;    // what was worked around or could not be expressed
    std::vector<std::string> skipped;  // entries left out with --skip-invalid
    size_t droppedAnnotations = 0;     // of unmapped categories (--unmapped drop)
};

// Reads, maps, splits and writes; throws InputError (and writes nothing) on bad input.
MixReport mixDatasets(const MixOptions& options);

// Splits one pool of images (by group) into train/val/test; exposed for tests. `classes[i]` are
// the category names of image i's annotations; `groups[i]` its group key.
std::vector<std::string> assignSplits(const std::vector<std::string>& groups, const std::vector<std::vector<std::string>>& classes,
                                      double valFraction, double testFraction, bool stratify, uint64_t seed);

}  // namespace sg
