#include "core/Camera.h"

#include <cmath>

namespace sg {

glm::dmat4 Camera::cameraToWorld() const { return glm::inverse(worldToCamera); }

glm::dvec3 Camera::position() const { return glm::dvec3(cameraToWorld()[3]); }

Intrinsics intrinsicsFromVerticalFov(double yfov, int width, int height) {
    Intrinsics K;
    K.width = width;
    K.height = height;
    // The image spans height pixels edge to edge, i.e. from -0.5 to height-0.5.
    K.fy = 0.5 * height / std::tan(0.5 * yfov);
    K.fx = K.fy;
    K.cx = 0.5 * (width - 1);
    K.cy = 0.5 * (height - 1);
    return K;
}

glm::dmat4 lookAtCameraToWorld(const glm::dvec3& eye, const glm::dvec3& target, const glm::dvec3& up) {
    glm::dvec3 z = glm::normalize(target - eye);
    glm::dvec3 upN = glm::normalize(up);
    if (std::abs(glm::dot(z, upN)) > 0.999999) {
        // Looking straight along `up`: any roll is as good as another; pick a stable one.
        upN = std::abs(z.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
    }
    glm::dvec3 x = glm::normalize(glm::cross(z, upN));  // right
    glm::dvec3 y = glm::cross(z, x);                    // down
    glm::dmat4 m(1.0);
    m[0] = glm::dvec4(x, 0);
    m[1] = glm::dvec4(y, 0);
    m[2] = glm::dvec4(z, 0);
    m[3] = glm::dvec4(eye, 1);
    return m;
}

glm::dvec2 projectPinhole(const Intrinsics& K, const glm::dvec3& p) { return {K.fx * p.x / p.z + K.cx, K.fy * p.y / p.z + K.cy}; }

glm::dvec2 distortNormalized(const Distortion& d, const glm::dvec2& xy) {
    double x = xy.x, y = xy.y;
    double r2 = x * x + y * y;
    double radial = 1 + d.k1 * r2 + d.k2 * r2 * r2 + d.k3 * r2 * r2 * r2;
    double xd = x * radial + 2 * d.p1 * x * y + d.p2 * (r2 + 2 * x * x);
    double yd = y * radial + d.p1 * (r2 + 2 * y * y) + 2 * d.p2 * x * y;
    return {xd, yd};
}

glm::dvec2 project(const Intrinsics& K, const glm::dvec3& p) {
    glm::dvec2 n = distortNormalized(K.distortion, {p.x / p.z, p.y / p.z});
    return {K.fx * n.x + K.cx, K.fy * n.y + K.cy};
}

}  // namespace sg
