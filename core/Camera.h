#pragma once
// The camera model, written once for the whole project (docs/conventions.md):
//  - camera frame as in OpenCV: +X right, +Y down, +Z forward (the optical axis);
//  - pinhole intrinsics K = [fx 0 cx; 0 fy cy; 0 0 1] with pixel centers at integer coordinates,
//    so the top-left pixel's center is (0, 0) and the image spans [-0.5, W-0.5] x [-0.5, H-0.5];
//  - OpenCV distortion (k1, k2, p1, p2, k3) applied to normalized coordinates;
//  - depth = planar Z in the camera frame, in metres.
#include <glm/glm.hpp>

namespace sg {

struct Distortion {
    double k1 = 0, k2 = 0, p1 = 0, p2 = 0, k3 = 0;
    bool isZero() const { return k1 == 0 && k2 == 0 && p1 == 0 && p2 == 0 && k3 == 0; }
};

struct Intrinsics {
    int width = 640;
    int height = 480;
    double fx = 600, fy = 600;
    double cx = 319.5, cy = 239.5;
    Distortion distortion;
    double znear = 0.05;  // metres; geometry nearer than this is clipped
    double zfar = 100.0;  // metres
};

struct Camera {
    Intrinsics intrinsics;
    // Rigid transform taking world points to the OpenCV camera frame.
    glm::dmat4 worldToCamera{1.0};

    glm::dmat4 cameraToWorld() const;
    glm::dvec3 position() const;
};

// K for a vertical field of view (radians) at a resolution, principal point at the image center.
Intrinsics intrinsicsFromVerticalFov(double yfov, int width, int height);
// Camera-to-world of an OpenCV camera at `eye` looking at `target`; `up` is the world's up
// direction (the camera's -Y ends up as close to it as possible).
glm::dmat4 lookAtCameraToWorld(const glm::dvec3& eye, const glm::dvec3& target, const glm::dvec3& up);

// Pinhole projection (no distortion) of a camera-frame point to pixel coordinates.
glm::dvec2 projectPinhole(const Intrinsics& K, const glm::dvec3& pCamera);
// OpenCV distortion of normalized image coordinates (x/z, y/z).
glm::dvec2 distortNormalized(const Distortion& d, const glm::dvec2& xy);
// Full projection including distortion.
glm::dvec2 project(const Intrinsics& K, const glm::dvec3& pCamera);

}  // namespace sg
