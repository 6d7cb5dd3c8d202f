#pragma once
// A part's sharp edges, where chips usually happen: triangle edges (vertices welded by position)
// whose two triangles' normals differ by more than a given angle. Model frame.
#include "core/KeyedRng.h"
#include "scenes/Scene.h"

#include <functional>
#include <vector>

namespace sg {

struct SharpEdges {
    struct Edge {
        glm::dvec3 a, b;
        glm::dvec3 normal;  // the mean of its two triangles' normals (the edge's outward bisector)
    };
    std::vector<Edge> edges;
    std::vector<double> cumulative;  // running total of the edges' lengths

    bool empty() const { return edges.empty(); }
    // A point uniform by length over the edges, the edge's bisector there and its direction.
    void sample(KeyedRng& rng, glm::dvec3& point, glm::dvec3& normal, glm::dvec3& direction) const;
};

// The sharp edges of the mesh parts `use` accepts, with more than `minAngleDegrees` between normals.
SharpEdges findSharpEdges(const Object& part, const std::function<bool(const MeshPart&)>& use, double minAngleDegrees);

}  // namespace sg
