#pragma once
// Format-neutral annotations of one rendered frame: what every exporter reads.
//
// Conventions (docs/formats.md, docs/conventions.md):
//  - PixelBox is on pixel edges: a box covering pixel columns x0..x1 inclusive has
//    x0 = x0, x1 = x1 + 1 (exclusive end), so width = x1 - x0 = number of covered columns.
//  - Keypoint and projected-box coordinates are in OpenCV pixel coordinates (pixel centers at
//    integers, the image spans [-0.5, W-0.5] x [-0.5, H-0.5]).
//  - Poses are object-to-camera (OpenCV camera frame), metres.
#include "core/FrameBuffers.h"
#include "core/Image.h"
#include "scenes/Scene.h"

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sg {

// Half-open pixel box on pixel edges: covers columns [x0, x1) and rows [y0, y1).
struct PixelBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    int width() const { return x1 - x0; }
    int height() const { return y1 - y0; }
    bool empty() const { return x1 <= x0 || y1 <= y0; }
    bool operator==(const PixelBox&) const = default;
};

// Per-category filters. An instance that fails any filter is left out of the labels.
struct LabelFilter {
    int64_t minVisiblePixels = 1;     // values < 1 act as 1: a fully hidden object never gets a box
    double minVisibleFraction = 0.0;  // visible / amodal pixels
    bool keepTruncated = true;        // false: drop objects that are partly outside the frame
    // An object counts as truncated when its truncation (share outside the frame) exceeds this.
    double truncationThreshold = 0.0;
};

struct LabelOptions {
    LabelFilter defaults;
    std::map<int, LabelFilter> perCategory;  // key: index into Scene::categories

    // Keypoint depth test: a keypoint at camera depth z is visible when the rendered depth d at
    // its pixel is 0 (background) or z <= d + tolerance, tolerance = abs + rel * z.
    // The default covers depth quantization and the gap between a keypoint placed on a curved
    // surface and the flat triangles that approximate it.
    double keypointDepthToleranceAbs = 0.005;  // metres
    double keypointDepthToleranceRel = 0.01;

    // Truncation is estimated by rasterizing the object's projected triangles on a canvas that
    // covers the whole projected extent; the canvas is subsampled so it never exceeds this many
    // samples (the result is a fraction, so a coarser grid only rounds it).
    int64_t truncationMaxSamples = 4 * 640 * 480;

    // Also label objects without a category (category -1; categoryId 0), e.g. for `synthgen render`
    // of a glTF scene, which has no categories. Datasets leave them out.
    bool includeUnlabeled = false;

    const LabelFilter& filterFor(int categoryIndex) const {
        auto it = perCategory.find(categoryIndex);
        return it == perCategory.end() ? defaults : it->second;
    }
};

enum class KeypointState { OutsideFrame, Hidden, Visible };

struct KeypointLabel {
    std::string name;
    glm::dvec2 pixel{0};  // projected position (with distortion); meaningless when behind the camera
    double depth = 0;     // camera-frame Z of the keypoint, metres
    KeypointState state = KeypointState::OutsideFrame;
    // COCO visibility flag: 0 = outside (not labeled), 1 = labeled but hidden, 2 = visible.
    int cocoVisibility() const { return state == KeypointState::Visible ? 2 : state == KeypointState::Hidden ? 1 : 0; }
};

// Where the amodal (whole-object) mask came from.
enum class AmodalSource {
    Rendered,     // FrameBuffers::amodal: the renderer drew the object alone (exact)
    Rasterized,   // no amodal render: the object's triangles rasterized on the CPU at pixel centers
    VisibleOnly,  // surface defects without RenderSettings::amodalMasks: amodal = visible
};

struct InstanceLabel {
    uint32_t instanceId = 0;  // objectIndex + 1; the value in FrameBuffers::instanceId
    int objectIndex = 0;      // index into Scene::objects
    int category = -1;        // index into Scene::categories
    int categoryId = 0;       // Scene::categories[category].id (what files carry)
    std::string name;         // object name
    nlohmann::json attributes = nlohmann::json::object();
    int64_t trackId = -1;  // stable id across a sequence; -1 = single frames (set by sequence code)
    // A defect is an instance of its own ("defect/..." category) on a part: the part's instanceId.
    // 0 = not a defect.
    uint32_t parentInstanceId = 0;

    // Visible part (from the instance id image).
    int64_t visiblePixels = 0;
    PixelBox box;  // tight box of the visible pixels

    // Whole object, occluders removed, clipped to the image.
    AmodalSource amodalSource = AmodalSource::Rendered;
    int64_t amodalPixels = 0;
    PixelBox amodalBox;
    AmodalMask amodalMask;       // cropped to amodalBox (x0, y0 = amodalBox.x0, y0)
    double visibleFraction = 0;  // visiblePixels / amodalPixels, in [0, 1]

    // Share of the object's projected silhouette outside the image, in [0, 1].
    double truncation = 0;
    bool truncated = false;  // truncation > filter's truncationThreshold

    // 6D pose: p_camera = R * (scale * p_model) + t. R is a rotation; scale holds the per-axis
    // scale of modelToWorld (1 for rigid objects).
    glm::dmat3 R{1.0};
    glm::dvec3 t{0};
    glm::dvec3 scale{1.0};

    // Model-space axis-aligned box of the object's geometry, and its 8 corners in the camera frame
    // (corner i has x = max when i & 1, y = max when i & 2, z = max when i & 4) with their projection.
    glm::dvec3 modelBoundsMin{0}, modelBoundsMax{0};
    std::array<glm::dvec3, 8> box3dCamera{};
    std::array<glm::dvec2, 8> box3dPixels{};
    bool box3dInFront = true;  // all corners have Z > 0 (else their projection is meaningless)

    std::vector<KeypointLabel> keypoints;  // in Object::keypoints order
};

struct FrameLabels {
    int width = 0, height = 0;
    std::vector<InstanceLabel> instances;  // sorted by instance id; only labeled objects that pass the filters
};

// Computes every instance's labels. One pass over the id image gives all boxes and pixel counts.
FrameLabels computeLabels(const Scene& scene, const FrameBuffers& buffers, const LabelOptions& options = {});

// Per-pixel category id (Category::id; 0 = background or an unlabeled object).
ImageU16 semanticMask(const Scene& scene, const FrameBuffers& buffers);

// Binary visible mask (1/0) of one instance over the whole frame.
ImageU8 visibleMask(const FrameBuffers& buffers, uint32_t instanceId);
// Binary amodal mask of one instance over the whole frame.
ImageU8 amodalMaskFull(const InstanceLabel& label, int width, int height);

// Model-space bounds of all parts of an object (vertices transformed by partToModel).
void objectModelBounds(const Object& object, glm::dvec3& boundsMin, glm::dvec3& boundsMax);

}  // namespace sg
