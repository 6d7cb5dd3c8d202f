#include "labels/Labels.h"

#include "labels/DefectLabels.h"
#include "labels/Silhouette.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sg {

namespace {

struct PixelStats {
    int64_t count = 0;
    int x0 = std::numeric_limits<int>::max(), y0 = std::numeric_limits<int>::max();
    int x1 = -1, y1 = -1;  // inclusive while accumulating
};

PixelBox toBox(const PixelStats& s) {
    if (s.count == 0) return {};
    return {s.x0, s.y0, s.x1 + 1, s.y1 + 1};
}

// The object's whole silhouette clipped to the image, from the renderer's amodal pass when
// present, else from the CPU rasterizer. The visible pixels are OR-ed in so that
// visible ⊆ amodal holds by construction (the two come from different passes).
void fillAmodal(InstanceLabel& label, const Scene& scene, const FrameBuffers& buffers, const PixelBox& visibleBox) {
    const int W = buffers.instanceId.width, H = buffers.instanceId.height;
    AmodalMask rasterized;
    const AmodalMask* sourcePtr = nullptr;
    if (buffers.amodal.size() == scene.objects.size()) {
        label.amodalSource = AmodalSource::Rendered;
        sourcePtr = &buffers.amodal[size_t(label.objectIndex)];
    } else {
        label.amodalSource = AmodalSource::Rasterized;
        rasterized = rasterizeSilhouetteInImage(scene.objects[size_t(label.objectIndex)], scene.camera, W, H);
        sourcePtr = &rasterized;
    }
    const AmodalMask& source = *sourcePtr;
    // Box of the union (source clipped to the image, plus the visible box).
    int bx0 = visibleBox.x0, by0 = visibleBox.y0, bx1 = visibleBox.x1, by1 = visibleBox.y1;
    for (int y = 0; y < source.mask.height; ++y) {
        int fy = source.y0 + y;
        if (fy < 0 || fy >= H) continue;
        for (int x = 0; x < source.mask.width; ++x) {
            int fx = source.x0 + x;
            if (fx < 0 || fx >= W || !source.mask.at(x, y)) continue;
            bx0 = std::min(bx0, fx);
            by0 = std::min(by0, fy);
            bx1 = std::max(bx1, fx + 1);
            by1 = std::max(by1, fy + 1);
        }
    }
    AmodalMask out;
    out.x0 = bx0;
    out.y0 = by0;
    if (bx1 > bx0 && by1 > by0) out.mask = ImageU8(bx1 - bx0, by1 - by0, 1, 0);
    int64_t count = 0;
    for (int y = by0; y < by1; ++y) {
        for (int x = bx0; x < bx1; ++x) {
            int sx = x - source.x0, sy = y - source.y0;
            bool on = buffers.instanceId.at(x, y) == label.instanceId ||
                      (sx >= 0 && sy >= 0 && sx < source.mask.width && sy < source.mask.height && source.mask.at(sx, sy));
            if (on) {
                out.mask.at(x - bx0, y - by0) = 1;
                ++count;
            }
        }
    }
    label.amodalPixels = count;
    label.amodalBox = count ? PixelBox{bx0, by0, bx1, by1} : PixelBox{};
    label.amodalMask = std::move(out);
}

void fillPose(InstanceLabel& label, const Object& object, const Camera& camera) {
    glm::dmat4 m = camera.worldToCamera * object.modelToWorld;
    for (int c = 0; c < 3; ++c) {
        glm::dvec3 col(m[c]);
        double s = glm::length(col);
        label.scale[c] = s;
        glm::dvec3 unit = s > 0 ? col / s : col;
        label.R[c] = unit;
    }
    label.t = glm::dvec3(m[3]);

    objectModelBounds(object, label.modelBoundsMin, label.modelBoundsMax);
    label.box3dInFront = true;
    for (int i = 0; i < 8; ++i) {
        glm::dvec3 corner((i & 1) ? label.modelBoundsMax.x : label.modelBoundsMin.x,
                          (i & 2) ? label.modelBoundsMax.y : label.modelBoundsMin.y,
                          (i & 4) ? label.modelBoundsMax.z : label.modelBoundsMin.z);
        glm::dvec3 pc(m * glm::dvec4(corner, 1.0));
        label.box3dCamera[size_t(i)] = pc;
        if (pc.z > 0) {
            label.box3dPixels[size_t(i)] = project(camera.intrinsics, pc);
        } else {
            label.box3dInFront = false;
            label.box3dPixels[size_t(i)] = glm::dvec2(std::numeric_limits<double>::quiet_NaN());
        }
    }
}

void fillKeypoints(InstanceLabel& label, const Object& object, const Camera& camera, const FrameBuffers& buffers,
                   const LabelOptions& options) {
    const int W = buffers.instanceId.width, H = buffers.instanceId.height;
    glm::dmat4 m = camera.worldToCamera * object.modelToWorld;
    for (const Keypoint& kp : object.keypoints) {
        KeypointLabel out;
        out.name = kp.name;
        glm::dvec3 pc(m * glm::dvec4(kp.position, 1.0));
        out.depth = pc.z;
        if (pc.z <= 0) {
            out.state = KeypointState::OutsideFrame;
            label.keypoints.push_back(out);
            continue;
        }
        out.pixel = project(camera.intrinsics, pc);
        // The image covers [-0.5, W - 0.5) x [-0.5, H - 0.5) in pixel-center coordinates.
        if (!(out.pixel.x >= -0.5 && out.pixel.x < W - 0.5 && out.pixel.y >= -0.5 && out.pixel.y < H - 0.5)) {
            out.state = KeypointState::OutsideFrame;
            label.keypoints.push_back(out);
            continue;
        }
        int px = std::clamp(int(std::floor(out.pixel.x + 0.5)), 0, W - 1);
        int py = std::clamp(int(std::floor(out.pixel.y + 0.5)), 0, H - 1);
        double rendered = buffers.depth.empty() ? 0.0 : double(buffers.depth.at(px, py));
        double tolerance = options.keypointDepthToleranceAbs + options.keypointDepthToleranceRel * pc.z;
        bool visible = rendered <= 0.0 || pc.z <= rendered + tolerance;
        out.state = visible ? KeypointState::Visible : KeypointState::Hidden;
        label.keypoints.push_back(out);
    }
}

}  // namespace

void objectModelBounds(const Object& object, glm::dvec3& boundsMin, glm::dvec3& boundsMax) {
    boundsMin = glm::dvec3(std::numeric_limits<double>::max());
    boundsMax = glm::dvec3(std::numeric_limits<double>::lowest());
    bool any = false;
    for (const MeshPart& part : object.parts) {
        if (!part.mesh) continue;
        for (const Vertex& v : part.mesh->vertices) {
            glm::dvec3 p(part.partToModel * glm::dvec4(glm::dvec3(v.position), 1.0));
            boundsMin = glm::min(boundsMin, p);
            boundsMax = glm::max(boundsMax, p);
            any = true;
        }
    }
    if (!any) boundsMin = boundsMax = glm::dvec3(0);
}

FrameLabels computeLabels(const Scene& scene, const FrameBuffers& buffers, const LabelOptions& options) {
    FrameLabels frame;
    const ImageU32& ids = buffers.instanceId;
    frame.width = ids.width;
    frame.height = ids.height;
    const size_t objectCount = scene.objects.size();

    // One pass over the id image: pixel counts and boxes of every instance.
    std::vector<PixelStats> stats(objectCount + 1);
    for (int y = 0; y < ids.height; ++y) {
        const uint32_t* row = ids.pixels.data() + size_t(y) * size_t(ids.width);
        for (int x = 0; x < ids.width; ++x) {
            uint32_t id = row[x];
            if (id == 0 || id > objectCount) continue;
            PixelStats& s = stats[id];
            ++s.count;
            if (x < s.x0) s.x0 = x;
            if (x > s.x1) s.x1 = x;
            if (y < s.y0) s.y0 = y;
            s.y1 = y;  // rows arrive in increasing order
        }
    }

    for (size_t i = 0; i < objectCount; ++i) {
        const Object& object = scene.objects[i];
        bool labeled = object.category >= 0 && object.category < int(scene.categories.size());
        if (!labeled && !options.includeUnlabeled) continue;
        const PixelStats& s = stats[i + 1];
        const LabelFilter& filter = labeled ? options.filterFor(object.category) : options.defaults;
        if (s.count < std::max<int64_t>(1, filter.minVisiblePixels)) continue;

        InstanceLabel label;
        label.instanceId = uint32_t(i + 1);
        label.objectIndex = int(i);
        label.category = object.category;
        label.categoryId = labeled ? scene.categories[size_t(object.category)].id : 0;
        label.name = object.name;
        label.attributes = object.attributes;
        label.visiblePixels = s.count;
        label.box = toBox(s);

        fillAmodal(label, scene, buffers, label.box);
        label.visibleFraction = label.amodalPixels > 0 ? double(label.visiblePixels) / double(label.amodalPixels) : 0.0;
        if (label.visibleFraction < filter.minVisibleFraction) continue;

        if (objectHasTriangles(object)) {
            label.truncation = silhouetteTruncation(object, scene.camera, ids.width, ids.height, options.truncationMaxSamples);
            label.truncated = label.truncation > filter.truncationThreshold;
        } else {
            // No geometry to project (e.g. buffers from elsewhere): only the border contact is known.
            const PixelBox& a = label.amodalBox;
            label.truncation = 0;
            label.truncated = a.x0 == 0 || a.y0 == 0 || a.x1 == ids.width || a.y1 == ids.height;
        }
        if (label.truncated && !filter.keepTruncated) continue;

        fillPose(label, object, scene.camera);
        fillKeypoints(label, object, scene.camera, buffers, options);
        frame.instances.push_back(std::move(label));
    }
    appendDefectLabels(scene, buffers, options, frame);  // ids above every object's: the order holds
    return frame;
}

ImageU16 semanticMask(const Scene& scene, const FrameBuffers& buffers) {
    const ImageU32& ids = buffers.instanceId;
    std::vector<uint16_t> lut(scene.objects.size() + 1, 0);
    for (size_t i = 0; i < scene.objects.size(); ++i) {
        int c = scene.objects[i].category;
        if (c >= 0 && c < int(scene.categories.size())) lut[i + 1] = uint16_t(scene.categories[size_t(c)].id);
    }
    ImageU16 out(ids.width, ids.height, 1, 0);
    for (size_t p = 0; p < ids.pixels.size(); ++p) {
        uint32_t id = ids.pixels[p];
        out.pixels[p] = id < lut.size() ? lut[id] : 0;
    }
    paintDefectCategories(scene, buffers, out);
    return out;
}

ImageU8 visibleMask(const FrameBuffers& buffers, uint32_t instanceId) {
    const ImageU32& ids = buffers.instanceId;
    ImageU8 out(ids.width, ids.height, 1, 0);
    for (size_t p = 0; p < ids.pixels.size(); ++p) out.pixels[p] = ids.pixels[p] == instanceId ? 1 : 0;
    return out;
}

ImageU8 amodalMaskFull(const InstanceLabel& label, int width, int height) {
    ImageU8 out(width, height, 1, 0);
    const AmodalMask& a = label.amodalMask;
    for (int y = 0; y < a.mask.height; ++y)
        for (int x = 0; x < a.mask.width; ++x) {
            int fx = a.x0 + x, fy = a.y0 + y;
            if (fx >= 0 && fy >= 0 && fx < width && fy < height && a.mask.at(x, y)) out.at(fx, fy) = 1;
        }
    return out;
}

}  // namespace sg
