#pragma once
// Label writers for a Dataset (datasets/Dataset.h): the inverse of the readers, so reading what
// they wrote gives back the same boxes, masks, keypoints and attributes with only ids renumbered.
// They write label files only; the caller has put each image at root / image.fileName.
// Every file is written atomically (core/AtomicFile.h).
#include "datasets/Dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace sg {

struct DatasetWriteOptions {
    bool provenance = true;      // COCO images carry a "provenance" object
    bool dropCrowd = false;      // YOLO / VOC: leave crowd regions out instead of refusing them
    bool polygonsToRle = false;  // COCO: write polygon masks as compressed RLE (the pixels their fill covers)
};

// What a writer could not express in its format (attributes in YOLO, masks in VOC, ...): one
// line per kind with a count, for the manifest and the console. Never silent.
using WriteNotes = std::vector<std::string>;

// COCO: one file per split, <dir>/instances_<split>.json, or <dir>/annotations.json for images
// without a split. file_name is the image's fileName (relative to `root`). Returns the files.
std::vector<std::filesystem::path> writeCocoFiles(const Dataset& ds, const std::filesystem::path& root,
                                                  const std::filesystem::path& dir, const DatasetWriteOptions& options,
                                                  WriteNotes& notes);
// YOLO: labels beside the images (Ultralytics' images/ -> labels/ rule), <split>.txt lists and
// data.yaml at `root`. Task: pose when categories have keypoints, segment when any mask, else detect.
void writeYoloFiles(const Dataset& ds, const std::filesystem::path& root, const DatasetWriteOptions& options, WriteNotes& notes);
// Pascal VOC: <dir>/Annotations/<stem>.xml, <dir>/ImageSets/Main/<split>.txt (and trainval.txt).
void writeVocFiles(const Dataset& ds, const std::filesystem::path& root, const std::filesystem::path& dir,
                   const DatasetWriteOptions& options, WriteNotes& notes);

// A coordinate as text: at most 10 decimals, trailing zeros removed ("0.5", "12", "0.1234567891").
std::string formatCoordinate(double v);

}  // namespace sg
