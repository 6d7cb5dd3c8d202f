#pragma once
// Image-level labels (docs/formats.md, "Image-level labels"): what a whole image (a frame, or a
// crop of one part) holds, as multi-label tags and as one single-label class, plus the
// deterministic train/val/test split the classification and anomaly exports share.
//
// Tags of an image, sorted and unique:
//   - the category name of every labeled instance on it (labels already passed the category's
//     filter: visible pixels >= its minimum), e.g. "widget", "defect/crack/hairline";
//   - the family of every defect on it: "defect/" + the first component after it ("defect/crack");
//   - the scenario variant sampled for the frame, as "variant/<name>" (none for "base").
#include "exporters/DatasetWriter.h"
#include "labels/Labels.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sg {

// A defect is an instance whose category name starts with "defect/".
bool isDefectCategory(const std::string& categoryName);
// "defect/crack/hairline" -> "defect/crack"; "" for a category that is not a defect.
std::string defectFamily(const std::string& categoryName);
// The category with this id, or nullptr.
const Category* categoryWithId(const std::vector<Category>& categories, int id);
// The frame's variant tag ("variant/glare"), or "" for the base variant or no record.
std::string variantTag(const nlohmann::json& sampled);

// Tags of the given instances (see above) plus `variant` when not empty.
std::vector<std::string> tagsOf(const std::vector<const InstanceLabel*>& instances, const std::vector<Category>& categories,
                                const std::string& variant);
// Tags of a whole frame: every labeled instance.
std::vector<std::string> frameTags(const FrameLabels& labels, const std::vector<Category>& categories, const nlohmann::json& sampled);

// True when the tags name a defect.
bool hasDefectTag(const std::vector<std::string>& tags);
// One class per image from every image's tags (InspectionOptions::classRule: "defective" or
// "rarest"). "rarest" counts images per category name over all of them, so it needs them all.
std::vector<std::string> assignClasses(const std::vector<std::vector<std::string>>& tags, const std::string& rule,
                                       const std::vector<Category>& categories);

// A folder name for a class or tag path: "/" -> "__", anything outside [A-Za-z0-9._-] -> "_".
std::string safeClassName(const std::string& path);

// "train", "val" or "test" for a frame, from InspectionOptions::splitShares (train, val, test),
// keyed by frame index (by sequence index for sequences) and seed: the same under any shard split.
std::string splitOf(int64_t frame, const DatasetInfo& info, const std::vector<double>& shares);
// True when a good frame goes to MVTec's test/good rather than train/good (same keying).
bool goodHeldOut(int64_t frame, const DatasetInfo& info, double share);

}  // namespace sg
