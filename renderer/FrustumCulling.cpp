#include "renderer/FrustumCulling.h"

#include <cmath>

namespace sg::vk {

namespace {
constexpr double kMargin = 1e-5;
}

bool outsideClipVolume(const glm::dmat4& modelToClip, const glm::vec3& boundsMin, const glm::vec3& boundsMax) {
    // One bit per plane a corner is outside of; the box is out if some plane has all eight corners.
    unsigned outsideAll = 0x3f;
    for (int corner = 0; corner < 8; ++corner) {
        glm::dvec4 c((corner & 1) ? boundsMax.x : boundsMin.x, (corner & 2) ? boundsMax.y : boundsMin.y,
                     (corner & 4) ? boundsMax.z : boundsMin.z, 1.0);
        glm::dvec4 p = modelToClip * c;
        // A margin: the GPU gets the matrix in float, so a corner that is a rounding error
        // outside in double may be inside there.
        double w = p.w + kMargin * std::abs(p.w) + kMargin;
        unsigned outside = 0;
        if (p.x < -w) outside |= 1;
        if (p.x > w) outside |= 2;
        if (p.y < -w) outside |= 4;
        if (p.y > w) outside |= 8;
        if (p.z < -kMargin * std::abs(p.w) - kMargin) outside |= 16;
        if (p.z > w) outside |= 32;
        outsideAll &= outside;
        if (!outsideAll) return false;
    }
    return true;
}

}  // namespace sg::vk
