#pragma once
// Frames painted by hand, standing in for the renderer: every pixel value is known exactly, so
// labels and exports can be checked against analytic answers.
#include "renderer/Renderer.h"
#include "scenes/Primitives.h"
#include "scenes/Scene.h"

#include <algorithm>

namespace sgtest {

struct HandBuiltFrame {
    sg::Scene scene;
    sg::FrameBuffers buffers;
    std::vector<sg::ImageU8> amodalFull;  // per object, whole frame

    HandBuiltFrame(int width, int height) {
        scene.camera.intrinsics.width = width;
        scene.camera.intrinsics.height = height;
        scene.camera.intrinsics.fx = scene.camera.intrinsics.fy = 500;
        scene.camera.intrinsics.cx = 0.5 * (width - 1);
        scene.camera.intrinsics.cy = 0.5 * (height - 1);
        sg::Category widget;
        widget.id = 1;
        widget.name = "widget";
        widget.supercategory = "widget";
        widget.keypoints = {"left_tip", "right_tip", "center"};
        widget.skeleton = {{0, 2}, {1, 2}};
        sg::Category crack;
        crack.id = 7;
        crack.name = "defect/crack";
        crack.supercategory = "defect";
        scene.categories = {widget, crack};
        buffers.rgb = sg::ImageU8(width, height, 3, 0);
        for (size_t i = 0; i < buffers.rgb.pixels.size(); ++i) buffers.rgb.pixels[i] = uint8_t((i * 7) % 251);
        buffers.instanceId = sg::ImageU32(width, height, 1, 0);
        buffers.depth = sg::ImageF32(width, height, 1, 0.0f);
        buffers.normals = sg::ImageF32(width, height, 3, 0.0f);
    }

    int width() const { return buffers.instanceId.width; }
    int height() const { return buffers.instanceId.height; }

    // Adds an object (no geometry unless given) and returns its instance id.
    uint32_t addObject(int category, const std::string& name = "") {
        sg::Object o;
        o.name = name.empty() ? "object" + std::to_string(scene.objects.size()) : name;
        o.category = category;
        o.modelToWorld[3] = glm::dvec4(0, 0, 2, 1);
        scene.objects.push_back(o);
        amodalFull.emplace_back(width(), height(), 1, 0);
        return uint32_t(scene.objects.size());
    }

    // Paints covered pixels [x0, x1) x [y0, y1) (clipped to the frame) at depth z, with a z-test
    // like a renderer: nearer surfaces win.
    void paintRect(uint32_t id, int x0, int y0, int x1, int y1, float z) {
        for (int y = std::max(0, y0); y < std::min(height(), y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width(), x1); ++x) paintPixel(id, x, y, z);
    }

    void paintPixel(uint32_t id, int x, int y, float z) {
        amodalFull[id - 1].at(x, y) = 1;
        float& d = buffers.depth.at(x, y);
        if (d == 0 || z < d) {
            d = z;
            buffers.instanceId.at(x, y) = id;
            buffers.normals.at(x, y, 2) = -1.0f;
        }
    }

    // A ring (torus seen from its axis): pixels with rInner <= distance from (cx, cy) < rOuter.
    void paintRing(uint32_t id, double cx, double cy, double rInner, double rOuter, float z) {
        for (int y = 0; y < height(); ++y)
            for (int x = 0; x < width(); ++x) {
                double d = std::hypot(x - cx, y - cy);
                if (d >= rInner && d < rOuter) paintPixel(id, x, y, z);
            }
    }

    // Fills buffers.amodal from what was painted (as the renderer's amodal pass would).
    void finalize() {
        buffers.amodal.clear();
        for (const auto& full : amodalFull) {
            sg::AmodalMask a;
            int x0 = width(), y0 = height(), x1 = -1, y1 = -1;
            for (int y = 0; y < height(); ++y)
                for (int x = 0; x < width(); ++x)
                    if (full.at(x, y)) {
                        x0 = std::min(x0, x);
                        x1 = std::max(x1, x);
                        y0 = std::min(y0, y);
                        y1 = std::max(y1, y);
                    }
            if (x1 >= 0) {
                a.x0 = x0;
                a.y0 = y0;
                a.mask = sg::ImageU8(x1 - x0 + 1, y1 - y0 + 1, 1, 0);
                for (int y = y0; y <= y1; ++y)
                    for (int x = x0; x <= x1; ++x) a.mask.at(x - x0, y - y0) = full.at(x, y);
            }
            buffers.amodal.push_back(a);
        }
    }
};

}  // namespace sgtest
