#pragma once
// Per-part crops (docs/formats.md, "Per-part crops"): one square image per labeled part (an
// instance whose category is not a defect), for classifiers and anomaly detectors that look at
// one part at a time. Shared by the `classify` and `mvtec` exports: the crops of a frame are
// written once, as per-frame files under crops/, and each export links them into its layout.
//
// Geometry, on pixel edges: the crop box is the part's amodal box grown to a square whose side is
// the box's longer side plus round(margin * longer side) on each end, centered on the box (the odd
// pixel of a split goes right / down). Output pixel (i, j) of an N x N crop samples the frame
// pixel whose center is nearest the output pixel's center: x = x0 + floor((i + 0.5) * side / N).
// Pixels outside the frame are black (RGB) and 0 (mask).
#include "exporters/FormatExporter.h"

#include <cstdint>
#include <vector>

namespace sg {

struct PartCrop {
    uint32_t instanceId = 0;
    int categoryId = 0;
    PixelBox amodalBox;
    PixelBox cropBox;                             // square; may reach past the frame's borders
    std::vector<uint32_t> defectIds;              // labeled defects whose parent is this part, by instance id
    std::vector<const InstanceLabel*> instances;  // the part, then its defects (for tags)
};

// The crop box of an amodal box (see above).
PixelBox squareCropBox(const PixelBox& amodal, double margin);
// The parts of a frame and the defects each carries, in instance-id order.
std::vector<PartCrop> planPartCrops(const FrameLabels& labels, const std::vector<Category>& categories, double margin);
// An N x N crop of `image` (1 or 3 channels) over `box` (see above).
ImageU8 cropResized(const ImageU8& image, const PixelBox& box, int size);
// The N x N crop of defectUnionMask over `box`, sampled like cropResized.
ImageU8 defectMaskCrop(const ImageU32& defectId, const PixelBox& box, int size, const std::vector<uint32_t>& defectIds);
// 255 where buffers.defectId (or, for defects that are whole objects, buffers.instanceId) holds
// one of `defectIds`, else 0: the union of their masks.
ImageU8 defectUnionMask(const FrameBuffers& buffers, const std::vector<uint32_t>& defectIds);
// The labeled defects of a frame, by instance id.
std::vector<uint32_t> labeledDefectIds(const FrameLabels& labels, const std::vector<Category>& categories);

// Writes the frame's crops (crops/<stem>_<instance:05d>.png) and, when the mvtec export is on,
// each defective crop's mask (crops/<stem>_<instance:05d>_mask.png), once however many exports
// ask, and returns their table (record["part_crops"]): instance_id, category_id, amodal_box and
// crop_box ([x, y, w, h] in frame pixels), amodal_box_in_crop ([x, y, w, h] in crop pixels), defects (instance ids), tags, image, mask
// (or null).
const nlohmann::json& writePartCrops(FrameContext& frame, nlohmann::json& record);

}  // namespace sg
