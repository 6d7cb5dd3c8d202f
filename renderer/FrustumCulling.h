#pragma once
// Conservative frustum culling of a mesh's bounding box. On CPU rasterizers every draw's vertices
// are shaded on one driver thread before clipping, so a draw that cannot reach a view (a shadow
// cube face, the camera) is worth skipping on the host. Never culls anything that could touch the
// view: output is identical with or without it.
#include <glm/glm.hpp>

namespace sg::vk {

// True when the box [boundsMin, boundsMax] (model space) lies entirely outside one plane of the
// Vulkan clip volume -w <= x <= w, -w <= y <= w, 0 <= z <= w of modelToClip. Holds for
// perspective and orthographic views, standard or reversed depth.
bool outsideClipVolume(const glm::dmat4& modelToClip, const glm::vec3& boundsMin, const glm::vec3& boundsMax);

}  // namespace sg::vk
