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

// withNormals = false leaves out.normals empty (their copy was not recorded).
void readMainTargets(const MainTargets& t, const ReversedZ& z, bool withNormals, FrameBuffers& out);
// Crops object i's coverage mask (slot i of the readback) to its box, looking only inside `rect`,
// the region its pass rendered and copied (the rest of the slot holds stale data).
AmodalMask readSilhouette(const SilhouetteTargets& t, uint32_t index, const VkRect2D& rect);

}  // namespace sg::vk
