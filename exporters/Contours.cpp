#include "exporters/Contours.h"

#include <cstdint>
#include <limits>

namespace sg {

namespace {

// Directions in screen coordinates (y down): right, down, left, up. Turning right is d + 1.
const int DX[4] = {1, 0, -1, 0};
const int DY[4] = {0, 1, 0, -1};

// 4-connected component label per pixel (-1 = background).
std::vector<int> labelPieces(const ImageU8& mask, int& count) {
    const int W = mask.width, H = mask.height;
    std::vector<int> label(size_t(W) * size_t(H), -1);
    std::vector<int> stack;
    count = 0;
    for (int start = 0; start < W * H; ++start) {
        if (!mask.pixels[size_t(start)] || label[size_t(start)] >= 0) continue;
        label[size_t(start)] = count;
        stack.push_back(start);
        while (!stack.empty()) {
            int p = stack.back();
            stack.pop_back();
            int x = p % W, y = p / W;
            const int nx[4] = {x + 1, x - 1, x, x};
            const int ny[4] = {y, y, y + 1, y - 1};
            for (int k = 0; k < 4; ++k) {
                if (nx[k] < 0 || ny[k] < 0 || nx[k] >= W || ny[k] >= H) continue;
                int q = ny[k] * W + nx[k];
                if (mask.pixels[size_t(q)] && label[size_t(q)] < 0) {
                    label[size_t(q)] = count;
                    stack.push_back(q);
                }
            }
        }
        ++count;
    }
    return label;
}

int64_t dist2(glm::ivec2 a, glm::ivec2 b) {
    int64_t dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

// Inserts ring `b` into ring `a` via a zero-width bridge between their nearest vertices.
Polygon bridge(const Polygon& a, const Polygon& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    size_t bestI = 0, bestJ = 0;
    int64_t best = std::numeric_limits<int64_t>::max();
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j) {
            int64_t d = dist2(a[i], b[j]);
            if (d < best) {
                best = d;
                bestI = i;
                bestJ = j;
            }
        }
    Polygon out;
    out.reserve(a.size() + b.size() + 2);
    for (size_t i = 0; i <= bestI; ++i) out.push_back(a[i]);
    for (size_t k = 0; k <= b.size(); ++k) out.push_back(b[(bestJ + k) % b.size()]);
    for (size_t i = bestI; i < a.size(); ++i) out.push_back(a[i]);
    return out;
}

}  // namespace

double signedArea(const Polygon& p) {
    int64_t twice = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const auto& a = p[i];
        const auto& b = p[(i + 1) % p.size()];
        twice += int64_t(a.x) * b.y - int64_t(b.x) * a.y;
    }
    return double(twice) / 2.0;
}

MaskContours traceContours(const ImageU8& mask) {
    const int W = mask.width, H = mask.height;
    const int CW = W + 1;  // corners per row
    auto fg = [&](int x, int y) { return x >= 0 && y >= 0 && x < W && y < H && mask.at(x, y) != 0; };
    // Boundary edges, directed with the foreground on their right: out[corner] holds a bit per direction.
    std::vector<uint8_t> out(size_t(CW) * size_t(H + 1), 0);
    // The foreground pixel on the right of each edge (to know which piece a ring borders).
    auto pixelRightOf = [&](int cx, int cy, int d) -> glm::ivec2 {
        switch (d) {
            case 0: return {cx, cy};          // moving right along a top side: pixel below
            case 1: return {cx - 1, cy};      // moving down along a right side: pixel left
            case 2: return {cx - 1, cy - 1};  // moving left along a bottom side: pixel above
            default: return {cx, cy - 1};     // moving up along a left side: pixel right
        }
    };
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            if (!fg(x, y)) continue;
            if (!fg(x, y - 1)) out[size_t(y) * CW + x] |= 1 << 0;          // top: (x,y) -> (x+1,y)
            if (!fg(x + 1, y)) out[size_t(y) * CW + x + 1] |= 1 << 1;      // right: (x+1,y) -> (x+1,y+1)
            if (!fg(x, y + 1)) out[size_t(y + 1) * CW + x + 1] |= 1 << 2;  // bottom: (x+1,y+1) -> (x,y+1)
            if (!fg(x - 1, y)) out[size_t(y + 1) * CW + x] |= 1 << 3;      // left: (x,y+1) -> (x,y)
        }
    int pieces = 0;
    std::vector<int> label = labelPieces(mask, pieces);
    MaskContours result;
    result.outer.resize(size_t(pieces));
    for (int cy = 0; cy <= H; ++cy)
        for (int cx = 0; cx <= W; ++cx) {
            while (out[size_t(cy) * CW + cx]) {
                uint8_t bits = out[size_t(cy) * CW + cx];
                int d = 0;
                while (!(bits & (1 << d))) ++d;
                glm::ivec2 px = pixelRightOf(cx, cy, d);
                int piece = label[size_t(px.y) * W + px.x];
                Polygon ring;
                const int startDir = d;
                int x = cx, y = cy, prevDir = -1;
                for (;;) {
                    out[size_t(y) * CW + x] &= uint8_t(~(1 << d));
                    if (d != prevDir) ring.push_back({x, y});
                    prevDir = d;
                    x += DX[d];
                    y += DY[d];
                    uint8_t next = out[size_t(y) * CW + x];
                    bool atStart = x == cx && y == cy;
                    if (atStart) next |= uint8_t(1 << startDir);
                    // At a saddle two edges leave: turn right to stay with the same piece.
                    int right = (d + 1) & 3, left = (d + 3) & 3;
                    int chosen = (next & (1 << right)) ? right : (next & (1 << d)) ? d : (next & (1 << left)) ? left : -1;
                    if (chosen < 0 || (atStart && chosen == startDir)) break;
                    d = chosen;
                }
                if (ring.size() >= 2) {
                    // Drop the first vertex if the last and first edges are collinear.
                    glm::ivec2 a = ring.back(), b = ring[0], c = ring[1];
                    if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) == 0) ring.erase(ring.begin());
                }
                if (signedArea(ring) > 0) {
                    result.outer[size_t(piece)] = std::move(ring);
                } else {
                    result.holes.push_back(std::move(ring));
                    result.holeOwner.push_back(piece);
                }
            }
        }
    return result;
}

std::vector<Polygon> polygonsWithBridgedHoles(const MaskContours& contours) {
    std::vector<Polygon> out = contours.outer;
    for (size_t h = 0; h < contours.holes.size(); ++h) {
        Polygon& owner = out[size_t(contours.holeOwner[h])];
        owner = bridge(owner, contours.holes[h]);
    }
    return out;
}

Polygon singlePolygon(const std::vector<Polygon>& pieces) {
    Polygon out;
    for (const Polygon& p : pieces) out = bridge(out, p);
    return out;
}

}  // namespace sg
