#include "randomization/SharpEdges.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace sg {

namespace {

// Triangles in the model frame with their unit normals; tiny ones (poles of generated shapes) left out.
struct Triangle {
    glm::dvec3 p[3];
    glm::dvec3 normal;
};

std::vector<Triangle> modelTriangles(const Object& part, const std::function<bool(const MeshPart&)>& use) {
    std::vector<Triangle> out;
    for (const MeshPart& mp : part.parts) {
        if (!mp.mesh || !use(mp)) continue;
        const auto& v = mp.mesh->vertices;
        const auto& idx = mp.mesh->indices;
        for (size_t i = 0; i + 2 < idx.size(); i += 3) {
            Triangle t;
            for (int c = 0; c < 3; ++c) t.p[c] = glm::dvec3(mp.partToModel * glm::dvec4(glm::dvec3(v[idx[i + c]].position), 1.0));
            glm::dvec3 n = glm::cross(t.p[1] - t.p[0], t.p[2] - t.p[0]);
            double twiceArea = glm::length(n),
                   longest = std::max({glm::length(t.p[1] - t.p[0]), glm::length(t.p[2] - t.p[1]), glm::length(t.p[0] - t.p[2])});
            if (!(twiceArea > 1e-9 * longest * longest)) continue;
            t.normal = n / twiceArea;
            out.push_back(t);
        }
    }
    return out;
}

}  // namespace

SharpEdges findSharpEdges(const Object& part, const std::function<bool(const MeshPart&)>& use, double minAngleDegrees) {
    std::vector<Triangle> triangles = modelTriangles(part, use);
    glm::dvec3 lo(1e300), hi(-1e300);
    for (const Triangle& t : triangles)
        for (const glm::dvec3& p : t.p) lo = glm::min(lo, p), hi = glm::max(hi, p);
    const double cell = std::max(1e-30, std::max({hi.x - lo.x, hi.y - lo.y, hi.z - lo.z})) * 1e-7;
    using Key = std::array<long long, 3>;
    auto key = [&](const glm::dvec3& p) { return Key{std::llround(p.x / cell), std::llround(p.y / cell), std::llround(p.z / cell)}; };
    // Per undirected edge: the normals of the triangles sharing it.
    std::map<std::pair<Key, Key>, std::vector<glm::dvec3>> normalsOf;
    std::map<std::pair<Key, Key>, std::pair<glm::dvec3, glm::dvec3>> ends;
    for (const Triangle& t : triangles)
        for (int c = 0; c < 3; ++c) {
            Key a = key(t.p[c]), b = key(t.p[(c + 1) % 3]);
            auto edge = a < b ? std::make_pair(a, b) : std::make_pair(b, a);
            normalsOf[edge].push_back(t.normal);
            ends.try_emplace(edge, t.p[c], t.p[(c + 1) % 3]);
        }
    SharpEdges sharp;
    const double maxCos = std::cos(glm::radians(minAngleDegrees));
    double total = 0;
    for (const auto& [edge, normals] : normalsOf) {
        if (normals.size() != 2 || glm::dot(normals[0], normals[1]) > maxCos) continue;
        const auto& [a, b] = ends.at(edge);
        total += glm::length(b - a);
        sharp.edges.push_back({a, b, glm::normalize(normals[0] + normals[1])});
        sharp.cumulative.push_back(total);
    }
    return sharp;
}

void SharpEdges::sample(KeyedRng& rng, glm::dvec3& point, glm::dvec3& normal, glm::dvec3& direction) const {
    double x = rng.uniform() * cumulative.back();
    size_t i = std::min(size_t(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin()), edges.size() - 1);
    const Edge& e = edges[i];
    point = e.a + rng.uniform() * (e.b - e.a);
    normal = e.normal;
    direction = glm::normalize(e.b - e.a);
}

}  // namespace sg
