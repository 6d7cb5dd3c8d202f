#pragma once
// Labels of surface defects (scenes/Defect.h): each defect the renderer drew is an instance of its
// own "defect/..." category whose pixels come from FrameBuffers::defectId, with the part it sits
// on as parent. The part keeps its whole mask, so a defect's mask lies inside its parent's.
#include "labels/Labels.h"

namespace sg {

// Appends a label for every defect with visible pixels that passes its category's filters.
void appendDefectLabels(const Scene& scene, const FrameBuffers& buffers, const LabelOptions& options, FrameLabels& frame);

// The id image a label's pixels are read from: defectId for a defect, instanceId otherwise.
const ImageU32& labelIdImage(const FrameBuffers& buffers, const InstanceLabel& label);

// Paints each defect's category id (Category::id) over the semantic mask where the defect is visible.
void paintDefectCategories(const Scene& scene, const FrameBuffers& buffers, ImageU16& semantic);

}  // namespace sg
