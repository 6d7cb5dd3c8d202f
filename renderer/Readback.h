#pragma once
// Host-side conversion of the copied attachments into the public FrameBuffers.
#include "renderer/FrameTargets.h"
#include "renderer/Renderer.h"

namespace sg::vk {

// Planar depth from reversed-Z: the projection stores d = a + b / z with a = -n/(f-n), b = n f/(f-n).
struct ReversedZ {
    double a = 0, b = 0;
    static ReversedZ fromNearFar(double n, double f) { return {-n / (f - n), n * f / (f - n)}; }
};

void readMainTargets(const MainTargets& t, const ReversedZ& z, FrameBuffers& out);
// Crops object i's coverage mask (layer i of the readback) to its box.
AmodalMask readSilhouette(const SilhouetteTargets& t, uint32_t index);

}  // namespace sg::vk
