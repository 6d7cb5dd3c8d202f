#include "sensor/LensDistortion.h"

#include <algorithm>
#include <cmath>

namespace sg {

glm::dvec2 undistortNormalized(const Distortion& d, const glm::dvec2& xd, bool* converged) {
    if (d.isZero()) {
        if (converged) *converged = true;
        return xd;
    }
    glm::dvec2 p = xd;
    bool ok = false;
    for (int it = 0; it < 50; ++it) {
        double x = p.x, y = p.y, r2 = x * x + y * y;
        double R = 1 + d.k1 * r2 + d.k2 * r2 * r2 + d.k3 * r2 * r2 * r2;
        double dR = d.k1 + 2 * d.k2 * r2 + 3 * d.k3 * r2 * r2;  // dR/d(r2)
        glm::dvec2 f = distortNormalized(d, p) - xd;
        if (std::abs(f.x) < 1e-14 && std::abs(f.y) < 1e-14) {
            ok = true;
            break;
        }
        double a = R + x * dR * 2 * x + 2 * d.p1 * y + 6 * d.p2 * x;  // d x' / dx
        double b = x * dR * 2 * y + 2 * d.p1 * x + 2 * d.p2 * y;      // d x' / dy
        double c = y * dR * 2 * x + 2 * d.p1 * x + 2 * d.p2 * y;      // d y' / dx
        double e = R + y * dR * 2 * y + 6 * d.p1 * y + 2 * d.p2 * x;  // d y' / dy
        double det = a * e - b * c;
        glm::dvec2 step;
        if (std::abs(det) < 1e-12) {
            step = f;  // fixed-point step where the Jacobian degenerates
        } else {
            step = {(e * f.x - b * f.y) / det, (-c * f.x + a * f.y) / det};
        }
        p -= step;
        if (!std::isfinite(p.x) || !std::isfinite(p.y)) break;
    }
    if (!ok) {
        glm::dvec2 f = distortNormalized(d, p) - xd;
        ok = std::isfinite(p.x) && std::abs(f.x) < 1e-9 && std::abs(f.y) < 1e-9;
    }
    if (converged) *converged = ok;
    return p;
}

Intrinsics renderIntrinsicsFor(const Intrinsics& K, double maxGrowth) {
    Intrinsics r = K;
    r.distortion = {};
    if (K.distortion.isZero()) return r;
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    auto visit = [&](double u, double v) {
        bool ok = false;
        glm::dvec2 n = undistortNormalized(K.distortion, {(u - K.cx) / K.fx, (v - K.cy) / K.fy}, &ok);
        if (!ok) return;
        double x = K.fx * n.x + K.cx, y = K.fy * n.y + K.cy;
        minX = std::min(minX, x);
        maxX = std::max(maxX, x);
        minY = std::min(minY, y);
        maxY = std::max(maxY, y);
    };
    // The footprint's extreme points lie on the image border for usual lenses; a coarse interior
    // grid guards against odd tangential terms.
    for (int u = 0; u < K.width; ++u) {
        visit(u - 0.5, -0.5);
        visit(u - 0.5, K.height - 0.5);
    }
    for (int v = 0; v < K.height; ++v) {
        visit(-0.5, v - 0.5);
        visit(K.width - 0.5, v - 0.5);
    }
    for (int v = 0; v <= 8; ++v)
        for (int u = 0; u <= 8; ++u) visit(-0.5 + K.width * u / 8.0, -0.5 + K.height * v / 8.0);
    if (minX > maxX) return r;
    // Limit growth so a wild model cannot ask for a gigantic canvas.
    double gx = (maxGrowth - 1) * K.width / 2, gy = (maxGrowth - 1) * K.height / 2;
    minX = std::max(minX, -0.5 - gx);
    minY = std::max(minY, -0.5 - gy);
    maxX = std::min(maxX, K.width - 0.5 + gx);
    maxY = std::min(maxY, K.height - 0.5 + gy);
    // One pixel of margin so bilinear lookups at the border have both neighbours.
    int x0 = int(std::floor(minX + 0.5)) - 1, y0 = int(std::floor(minY + 0.5)) - 1;
    int x1 = int(std::ceil(maxX - 0.5)) + 1, y1 = int(std::ceil(maxY - 0.5)) + 1;
    r.width = x1 - x0 + 1;
    r.height = y1 - y0 + 1;
    r.cx = K.cx - x0;
    r.cy = K.cy - y0;
    return r;
}

DistortionMap makeDistortionMap(const Intrinsics& K, const Intrinsics& R) {
    DistortionMap m;
    m.width = K.width;
    m.height = K.height;
    m.sourceX.assign(size_t(K.width) * K.height, -1.f);
    m.sourceY.assign(size_t(K.width) * K.height, -1.f);
    for (int v = 0; v < K.height; ++v) {
        for (int u = 0; u < K.width; ++u) {
            bool ok = false;
            glm::dvec2 n = undistortNormalized(K.distortion, {(u - K.cx) / K.fx, (v - K.cy) / K.fy}, &ok);
            if (!ok) continue;
            double sx = R.fx * n.x + R.cx, sy = R.fy * n.y + R.cy;
            if (sx < -0.5 || sy < -0.5 || sx >= R.width - 0.5 || sy >= R.height - 0.5) continue;
            m.sourceX[size_t(v) * K.width + u] = float(sx);
            m.sourceY[size_t(v) * K.width + u] = float(sy);
        }
    }
    return m;
}

namespace {

template <class T>
Image<T> remapNearest(const Image<T>& src, const DistortionMap& m) {
    Image<T> out(m.width, m.height, src.channels, T{});
    if (src.empty()) return Image<T>{};
    for (size_t i = 0; i < m.sourceX.size(); ++i) {
        float sx = m.sourceX[i], sy = m.sourceY[i];
        if (sx < -0.5f) continue;
        int x = std::clamp(int(std::floor(sx + 0.5f)), 0, src.width - 1);
        int y = std::clamp(int(std::floor(sy + 0.5f)), 0, src.height - 1);
        const T* s = &src.pixels[(size_t(y) * src.width + x) * src.channels];
        T* d = &out.pixels[i * src.channels];
        for (int c = 0; c < src.channels; ++c) d[c] = s[c];
    }
    return out;
}

ImageU8 remapBilinear(const ImageU8& src, const DistortionMap& m) {
    ImageU8 out(m.width, m.height, src.channels, 0);
    const int C = src.channels;
    for (size_t i = 0; i < m.sourceX.size(); ++i) {
        float sx = m.sourceX[i], sy = m.sourceY[i];
        if (sx < -0.5f) continue;
        float fx = std::clamp(sx, 0.0f, float(src.width - 1)), fy = std::clamp(sy, 0.0f, float(src.height - 1));
        int x0 = std::min(int(fx), src.width - 1), y0 = std::min(int(fy), src.height - 1);
        int x1 = std::min(x0 + 1, src.width - 1), y1 = std::min(y0 + 1, src.height - 1);
        float ax = fx - x0, ay = fy - y0;
        for (int c = 0; c < C; ++c) {
            float a = src.at(x0, y0, c), b = src.at(x1, y0, c), cc = src.at(x0, y1, c), d = src.at(x1, y1, c);
            float v = (a * (1 - ax) + b * ax) * (1 - ay) + (cc * (1 - ax) + d * ax) * ay;
            out.pixels[i * C + c] = uint8_t(std::clamp(int(v + 0.5f), 0, 255));
        }
    }
    return out;
}

}  // namespace

FrameBuffers applyDistortion(const FrameBuffers& in, const DistortionMap& m) {
    FrameBuffers out;
    out.rgb = remapBilinear(in.rgb, m);
    out.instanceId = remapNearest(in.instanceId, m);
    if (!in.defectId.empty()) out.defectId = remapNearest(in.defectId, m);
    out.depth = remapNearest(in.depth, m);
    out.normals = remapNearest(in.normals, m);
    auto remapMask = [&](const AmodalMask& a) {
        AmodalMask r;
        if (a.mask.empty()) return r;
        int minX = m.width, minY = m.height, maxX = -1, maxY = -1;
        std::vector<uint8_t> full;
        full.assign(size_t(m.width) * m.height, 0);
        for (size_t i = 0; i < m.sourceX.size(); ++i) {
            float sx = m.sourceX[i], sy = m.sourceY[i];
            if (sx < -0.5f) continue;
            int x = int(std::floor(sx + 0.5f)) - a.x0, y = int(std::floor(sy + 0.5f)) - a.y0;
            if (x < 0 || y < 0 || x >= a.mask.width || y >= a.mask.height || !a.mask.at(x, y)) continue;
            full[i] = 1;
            int u = int(i % size_t(m.width)), v = int(i / size_t(m.width));
            minX = std::min(minX, u);
            maxX = std::max(maxX, u);
            minY = std::min(minY, v);
            maxY = std::max(maxY, v);
        }
        if (maxX >= 0) {
            r.x0 = minX;
            r.y0 = minY;
            r.mask = ImageU8(maxX - minX + 1, maxY - minY + 1, 1, 0);
            for (int v = minY; v <= maxY; ++v)
                for (int u = minX; u <= maxX; ++u) r.mask.at(u - minX, v - minY) = full[size_t(v) * m.width + u];
        }
        return r;
    };
    for (const auto& a : in.amodal) out.amodal.push_back(remapMask(a));
    for (const auto& a : in.defectAmodal) out.defectAmodal.push_back(remapMask(a));
    return out;
}

}  // namespace sg
