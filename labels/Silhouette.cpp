#include "labels/Silhouette.h"

#include <algorithm>
#include <cmath>

namespace sg {

namespace {

// A regular grid of sample points (x0 + i * step, y0 + j * step), i < nx, j < ny.
struct SampleGrid {
    int64_t x0 = 0, y0 = 0, step = 1, nx = 0, ny = 0;
};

// floor / ceil without a libm call (this runs per triangle); v must fit in an int64.
int64_t floorOf(double v) {
    int64_t i = int64_t(v);
    return i - (double(i) > v ? 1 : 0);
}
int64_t ceilOf(double v) {
    int64_t i = int64_t(v);
    return i + (double(i) < v ? 1 : 0);
}

// Marks every grid sample covered by any triangle (inclusive edges). Most triangles of a
// tessellated mesh cover a few samples or none, so the per-triangle setup is what counts.
std::vector<uint8_t> rasterize(const std::vector<glm::dvec2>& tris, const SampleGrid& g) {
    std::vector<uint8_t> covered(size_t(g.nx * g.ny), 0);
    const double s = double(g.step);
    const double gx0 = double(g.x0), gy0 = double(g.y0), lastI = double(g.nx - 1), lastJ = double(g.ny - 1);
    for (size_t t = 0; t + 2 < tris.size(); t += 3) {
        glm::dvec2 a = tris[t], b = tris[t + 1], c = tris[t + 2];
        double area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        if (area == 0 || !std::isfinite(area)) continue;
        if (area < 0) std::swap(b, c);
        // Sample index range of the triangle's box, clamped to the grid before any conversion.
        double fi0 = (std::min({a.x, b.x, c.x}) - gx0) / s, fi1 = (std::max({a.x, b.x, c.x}) - gx0) / s;
        double fj0 = (std::min({a.y, b.y, c.y}) - gy0) / s, fj1 = (std::max({a.y, b.y, c.y}) - gy0) / s;
        if (fi1 < 0 || fj1 < 0 || fi0 > lastI || fj0 > lastJ) continue;
        int64_t i0 = ceilOf(std::max(fi0, -1.0)), i1 = floorOf(std::min(fi1, lastI + 1));
        int64_t j0 = ceilOf(std::max(fj0, -1.0)), j1 = floorOf(std::min(fj1, lastJ + 1));
        i0 = std::max<int64_t>(i0, 0), j0 = std::max<int64_t>(j0, 0);
        i1 = std::min<int64_t>(i1, g.nx - 1), j1 = std::min<int64_t>(j1, g.ny - 1);
        if (i0 > i1 || j0 > j1) continue;
        // Edge p->q at (x, y): (q.x - p.x) * (y - p.y) - (q.y - p.y) * (x - p.x) >= 0 inside.
        const double abx = b.x - a.x, aby = b.y - a.y, bcx = c.x - b.x, bcy = c.y - b.y, cax = a.x - c.x, cay = a.y - c.y;
        for (int64_t j = j0; j <= j1; ++j) {
            double y = double(g.y0 + j * g.step);
            const double ab = abx * (y - a.y), bc = bcx * (y - b.y), ca = cax * (y - c.y);
            uint8_t* row = covered.data() + size_t(j * g.nx);
            for (int64_t i = i0; i <= i1; ++i) {
                double x = double(g.x0 + i * g.step);
                if (ab - aby * (x - a.x) >= 0 && bc - bcy * (x - b.x) >= 0 && ca - cay * (x - c.x) >= 0) row[i] = 1;
            }
        }
    }
    return covered;
}

}  // namespace

bool objectHasTriangles(const Object& object) {
    for (const MeshPart& part : object.parts)
        if (part.mesh && part.mesh->indices.size() >= 3) return true;
    return false;
}

std::vector<glm::dvec2> projectedTriangles(const Object& object, const Camera& camera, bool withDistortion) {
    std::vector<glm::dvec2> out;
    const double znear = std::max(camera.intrinsics.znear, 1e-6);
    auto proj = [&](const glm::dvec3& p) {
        return withDistortion ? project(camera.intrinsics, p) : projectPinhole(camera.intrinsics, p);
    };
    glm::dmat4 modelToCamera = camera.worldToCamera * object.modelToWorld;
    std::vector<glm::dvec3> cam;
    std::vector<glm::dvec2> projected;  // per vertex, valid where cam[v].z >= znear
    for (const MeshPart& part : object.parts) {
        if (!part.mesh) continue;
        glm::dmat4 m = modelToCamera * part.partToModel;
        cam.resize(part.mesh->vertices.size());
        projected.resize(cam.size());
        for (size_t v = 0; v < cam.size(); ++v) {
            cam[v] = glm::dvec3(m * glm::dvec4(glm::dvec3(part.mesh->vertices[v].position), 1.0));
            if (cam[v].z >= znear) projected[v] = proj(cam[v]);
        }
        const auto& idx = part.mesh->indices;
        out.reserve(out.size() + idx.size());
        for (size_t t = 0; t + 2 < idx.size(); t += 3) {
            glm::dvec3 tri[3] = {cam[idx[t]], cam[idx[t + 1]], cam[idx[t + 2]]};
            int inside = (tri[0].z >= znear) + (tri[1].z >= znear) + (tri[2].z >= znear);
            if (inside == 0) continue;
            if (inside == 3) {
                for (int k = 0; k < 3; ++k) out.push_back(projected[idx[t + k]]);
                continue;
            }
            // Sutherland-Hodgman against z >= znear: a triangle becomes a triangle or a quad.
            glm::dvec3 poly[4];
            int n = 0;
            for (int k = 0; k < 3; ++k) {
                const glm::dvec3& p = tri[k];
                const glm::dvec3& q = tri[(k + 1) % 3];
                bool pin = p.z >= znear, qin = q.z >= znear;
                if (pin) poly[n++] = p;
                if (pin != qin) {
                    double u = (znear - p.z) / (q.z - p.z);
                    glm::dvec3 r = p + u * (q - p);
                    r.z = znear;
                    poly[n++] = r;
                }
            }
            for (int k = 1; k + 1 < n; ++k) {
                out.push_back(proj(poly[0]));
                out.push_back(proj(poly[k]));
                out.push_back(proj(poly[k + 1]));
            }
        }
    }
    return out;
}

namespace {

// True when `test` holds for every corner of every part's bounding box, in the camera frame.
template <class CornerTest>
bool allBoundsCorners(const Object& object, const Camera& camera, CornerTest test) {
    const glm::dmat4 modelToCamera = camera.worldToCamera * object.modelToWorld;
    for (const MeshPart& part : object.parts) {
        if (!part.mesh || part.mesh->vertices.empty()) continue;
        const glm::dmat4 m = modelToCamera * part.partToModel;
        const glm::vec3 lo = part.mesh->boundsMin(), hi = part.mesh->boundsMax();
        for (int corner = 0; corner < 8; ++corner) {
            glm::dvec3 c((corner & 1) ? hi.x : lo.x, (corner & 2) ? hi.y : lo.y, (corner & 4) ? hi.z : lo.z);
            if (!test(glm::dvec3(m * glm::dvec4(c, 1.0)))) return false;
        }
    }
    return true;
}

// True when every part's bounding box lies in front of the near plane: nothing is clipped.
bool boundsInFront(const Object& object, const Camera& camera) {
    const double znear = std::max(camera.intrinsics.znear, 1e-6);
    return allBoundsCorners(object, camera, [znear](const glm::dvec3& p) { return p.z >= znear; });
}

// True when every part's bounding box is in front of the near plane and projects (pinhole)
// strictly inside (-1, width) x (-1, height). The projection of the box is the convex hull of its
// projected corners and holds the silhouette, so then no pixel-center sample lies outside.
bool boundsProjectInsideImage(const Object& object, const Camera& camera, int width, int height) {
    const double znear = std::max(camera.intrinsics.znear, 1e-6);
    return allBoundsCorners(object, camera, [&](const glm::dvec3& p) {
        if (!(p.z >= znear)) return false;
        glm::dvec2 uv = projectPinhole(camera.intrinsics, p);
        return uv.x > -1.0 && uv.x < double(width) && uv.y > -1.0 && uv.y < double(height);
    });
}

// Seen from outside, a closed surface's silhouette is covered by its triangles of either
// orientation alone: a ray that meets the surface enters through one and leaves through the other.
// Built-in primitives are closed and consistently wound, except the plane. Holds when nothing is
// clipped at the near plane (so the camera is outside) and the projection keeps orientation.
bool oneOrientationSuffices(const Object& object, const Camera& camera, bool withDistortion) {
    if (!object.primitive || object.primitive->kind == PrimitiveKind::Plane) return false;
    if (withDistortion && !camera.intrinsics.distortion.isZero()) return false;
    return boundsInFront(object, camera);
}

// Keeps the triangles with negative signed area (front faces of counter-clockwise meshes in image
// coordinates, y down), which halves the raster work.
void keepOneOrientation(std::vector<glm::dvec2>& tris) {
    size_t kept = 0;
    for (size_t t = 0; t + 2 < tris.size(); t += 3) {
        const glm::dvec2 &a = tris[t], &b = tris[t + 1], &c = tris[t + 2];
        if ((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x) > 0) continue;
        tris[kept++] = a;
        tris[kept++] = b;
        tris[kept++] = c;
    }
    tris.resize(kept);
}

}  // namespace

AmodalMask rasterizeSilhouetteInImage(const Object& object, const Camera& camera, int width, int height) {
    AmodalMask result;
    std::vector<glm::dvec2> tris = projectedTriangles(object, camera, true);
    if (oneOrientationSuffices(object, camera, true)) keepOneOrientation(tris);
    if (tris.empty()) return result;
    double minx = 1e300, miny = 1e300, maxx = -1e300, maxy = -1e300;
    for (const auto& p : tris) {
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
        minx = std::min(minx, p.x);
        maxx = std::max(maxx, p.x);
        miny = std::min(miny, p.y);
        maxy = std::max(maxy, p.y);
    }
    int x0 = int(std::max(0.0, std::ceil(std::max(minx, -1.0))));
    int y0 = int(std::max(0.0, std::ceil(std::max(miny, -1.0))));
    int x1 = int(std::min(double(width - 1), std::floor(std::min(maxx, double(width)))));
    int y1 = int(std::min(double(height - 1), std::floor(std::min(maxy, double(height)))));
    if (x0 > x1 || y0 > y1) return result;
    SampleGrid g{x0, y0, 1, x1 - x0 + 1, y1 - y0 + 1};
    std::vector<uint8_t> covered = rasterize(tris, g);
    result.x0 = x0;
    result.y0 = y0;
    result.mask = ImageU8(int(g.nx), int(g.ny), 1, 0);
    result.mask.pixels.assign(covered.begin(), covered.end());
    return result;
}

double silhouetteTruncation(const Object& object, const Camera& camera, int width, int height, int64_t maxSamples) {
    if (objectHasTriangles(object) && boundsProjectInsideImage(object, camera, width, height)) return 0.0;
    std::vector<glm::dvec2> tris = projectedTriangles(object, camera, false);
    if (tris.empty()) return 1.0;
    if (oneOrientationSuffices(object, camera, false)) keepOneOrientation(tris);
    const double limit = 1e7;  // pixels; beyond this the extent only changes the grid step
    double minx = limit, miny = limit, maxx = -limit, maxy = -limit;
    for (auto& p : tris) {
        p = glm::clamp(p, glm::dvec2(-limit), glm::dvec2(limit));
        minx = std::min(minx, p.x);
        maxx = std::max(maxx, p.x);
        miny = std::min(miny, p.y);
        maxy = std::max(maxy, p.y);
    }
    int64_t gx0 = int64_t(std::floor(minx)), gy0 = int64_t(std::floor(miny));
    double spanX = std::ceil(maxx) - double(gx0) + 1, spanY = std::ceil(maxy) - double(gy0) + 1;
    int64_t step = 1;
    double samples = spanX * spanY;
    if (samples > double(std::max<int64_t>(maxSamples, 1024)))
        step = int64_t(std::ceil(std::sqrt(samples / double(std::max<int64_t>(maxSamples, 1024)))));
    SampleGrid g{gx0, gy0, step, int64_t(spanX) / step + 1, int64_t(spanY) / step + 1};
    std::vector<uint8_t> covered = rasterize(tris, g);
    int64_t all = 0, outside = 0;
    for (int64_t j = 0; j < g.ny; ++j) {
        int64_t y = g.y0 + j * g.step;
        bool rowIn = y >= 0 && y < height;
        for (int64_t i = 0; i < g.nx; ++i) {
            if (!covered[size_t(j * g.nx + i)]) continue;
            ++all;
            int64_t x = g.x0 + i * g.step;
            if (!(rowIn && x >= 0 && x < width)) ++outside;
        }
    }
    if (all == 0) return 0.0;  // thinner than the sample grid: no measurable area anywhere
    return double(outside) / double(all);
}

}  // namespace sg
