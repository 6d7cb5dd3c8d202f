#pragma once
// Readers for real (and synthgen) datasets into the format-neutral model of datasets/Dataset.h.
// Each is the mirror of its exporter (docs/formats.md): the same box, keypoint and mask
// conventions, converted into the model's pixel-edge coordinates.
//
// Errors: a source that cannot be read at all (no such file, broken JSON/XML/YAML, no images
// list) throws InputError naming file, entry and fix. A broken entry (an annotation naming an
// unknown category, a missing image, a bad box) is left out and recorded in Dataset::issues,
// so `mix` can refuse (or, with --skip-invalid, skip and report) and `validate` can list them.
#include "datasets/Dataset.h"

#include <filesystem>
#include <optional>

namespace sg {

struct DatasetReadOptions {
    // Folder the image file names are relative to; empty = found from the common layouts.
    std::filesystem::path imageRoot;
    // Read each image file's header to learn (and check) its size. Off only in tests of label
    // parsing; every real read keeps it on.
    bool readImageHeaders = true;
};

// COCO instances / keypoints JSON file.
Dataset readCocoDataset(const std::filesystem::path& jsonFile, const DatasetReadOptions& options = {});
// YOLO / Ultralytics dataset described by a data.yaml (detect, segment or pose).
Dataset readYoloDataset(const std::filesystem::path& dataYaml, const DatasetReadOptions& options = {});
// Pascal VOC folder (Annotations/*.xml, JPEGImages/, ImageSets/Main/*.txt), or a synthgen voc/ folder.
Dataset readVocDataset(const std::filesystem::path& folder, const DatasetReadOptions& options = {});

// Any SOURCE: a COCO JSON file, a data.yaml, a VOC folder, or a dataset folder (a synthgen
// output, which is read through its COCO export, or a folder holding one of the above).
Dataset readDataset(const std::filesystem::path& source, const DatasetReadOptions& options = {});
// Which reader readDataset would use and on which file; throws InputError when none fits.
std::pair<DatasetFormat, std::filesystem::path> detectDatasetSource(const std::filesystem::path& source);

// Width and height from an image file's header (no decode); nullopt when unreadable.
std::optional<std::pair<int, int>> readImageSize(const std::filesystem::path& file);

}  // namespace sg
