#include "physics/CollisionShapes.h"

#include <BulletCollision/CollisionShapes/btConvexPolyhedron.h>
#include <BulletCollision/CollisionShapes/btShapeHull.h>
#include <LinearMath/btConvexHullComputer.h>

#include <algorithm>
#include <cmath>

namespace sg {

namespace {

constexpr double kPi = 3.14159265358979323846;

btVector3 toBt(const glm::dvec3& v) { return btVector3(btScalar(v.x), btScalar(v.y), btScalar(v.z)); }
glm::dvec3 toGlm(const btVector3& v) { return glm::dvec3(v.x(), v.y(), v.z()); }

// Boxes get polyhedral features: face contacts then yield a full contact patch in one step
// (SAT + clipping) instead of one GJK point per step, so piles rock less. Hulls do not: the
// clipping path ignores their margin (hulls are shrunk by it, see convexHullShape) and
// Bullet's margin-shifted polyhedron did not come out shifted in tests.
//
// Bullet's default margin (4 cm) is meant for metre-sized bodies; parts here are centimetres.
// Box and cylinder shapes keep their outer size whatever the margin; cones and hulls are
// compensated (hulls) or inflated by at most this much (cones).
double marginFor(double innerRadius) { return std::clamp(0.1 * innerRadius, 1e-4, 0.004); }

bool nearlyEqual(double a, double b) { return std::abs(a - b) <= 1e-6 * std::max(std::abs(a), std::abs(b)); }

// Volume, centre and inertia tensor (about the centre, unit density) of a closed polyhedron
// given as triangles, by summing signed tetrahedra from the origin (Blow & Binstock).
struct PolyhedronMass {
    double volume = 0.0;
    glm::dvec3 center{0.0};
    glm::dmat3 inertiaUnitDensity{0.0};
};

PolyhedronMass polyhedronMass(const std::vector<glm::dvec3>& tri) {
    const glm::dmat3 canonical(2, 1, 1, 1, 2, 1, 1, 1, 2);  // / 120
    PolyhedronMass m;
    glm::dmat3 covariance(0.0);
    glm::dvec3 firstMoment(0.0);
    for (size_t i = 0; i + 2 < tri.size(); i += 3) {
        glm::dmat3 a(tri[i], tri[i + 1], tri[i + 2]);  // columns
        double det = glm::determinant(a);
        covariance += det / 120.0 * (a * canonical * glm::transpose(a));
        m.volume += det / 6.0;
        firstMoment += det / 6.0 * (tri[i] + tri[i + 1] + tri[i + 2]) / 4.0;
    }
    if (m.volume < 0) {  // faces wound inward: flip everything
        m.volume = -m.volume;
        covariance = -covariance;
        firstMoment = -firstMoment;
    }
    if (m.volume <= 0) return m;
    m.center = firstMoment / m.volume;
    covariance -= m.volume * glm::outerProduct(m.center, m.center);
    double trace = covariance[0][0] + covariance[1][1] + covariance[2][2];
    m.inertiaUnitDensity = glm::dmat3(trace) - covariance;
    return m;
}

// Triangles (fan per face) of a hull computed by btConvexHullComputer.
std::vector<glm::dvec3> hullTriangles(const btConvexHullComputer& hull) {
    std::vector<glm::dvec3> tri;
    for (int f = 0; f < hull.faces.size(); ++f) {
        const btConvexHullComputer::Edge* first = &hull.edges[hull.faces[f]];
        int v0 = first->getSourceVertex();
        const btConvexHullComputer::Edge* e = first->getNextEdgeOfFace();
        while (e->getTargetVertex() != v0) {
            tri.push_back(toGlm(hull.vertices[v0]));
            tri.push_back(toGlm(hull.vertices[e->getSourceVertex()]));
            tri.push_back(toGlm(hull.vertices[e->getTargetVertex()]));
            e = e->getNextEdgeOfFace();
        }
    }
    return tri;
}

void computeHull(btConvexHullComputer& hull, const std::vector<glm::dvec3>& points, double shrink) {
    hull.compute(&points[0].x, sizeof(glm::dvec3), int(points.size()), btScalar(shrink), btScalar(0.25));
}

// A solid box of half extents `half` centered on the body origin.
void setBoxShape(BodyShape& s, const glm::dvec3& half, double mass) {
    double minHalf = std::min({half.x, half.y, half.z});
    auto box = std::make_unique<btBoxShape>(toBt(half));
    box->setMargin(btScalar(std::min(marginFor(minHalf), 0.9 * minHalf)));
    box->initializePolyhedralFeatures();
    s.shape = std::move(box);
    glm::dvec3 d = half * 2.0;
    s.principalInertia = mass / 12.0 * glm::dvec3(d.y * d.y + d.z * d.z, d.x * d.x + d.z * d.z, d.x * d.x + d.y * d.y);
    s.innerRadius = minHalf;
}

// A box around the points, for degenerate (flat or empty) hulls.
BodyShape boundingBoxShape(const std::vector<glm::dvec3>& points, double mass) {
    BodyShape s;
    glm::dvec3 lo(1e300), hi(-1e300);
    for (const auto& p : points) {
        lo = glm::min(lo, p);
        hi = glm::max(hi, p);
    }
    glm::dvec3 half = glm::max((hi - lo) * 0.5, glm::dvec3(0.00025));
    setBoxShape(s, half, mass);
    s.bodyOriginInModel = (hi + lo) * 0.5;
    return s;
}

// One convex hull of the points, in a body frame at its centre of mass along its principal axes.
// Hulls with many vertices are reduced with btShapeHull (support points in a fixed set of
// directions), which slightly shrinks round shapes.
BodyShape convexHullShape(const std::vector<glm::dvec3>& points, double mass) {
    if (points.size() < 4) return boundingBoxShape(points, mass);
    btConvexHullComputer exact;
    computeHull(exact, points, 0.0);
    PolyhedronMass pm = polyhedronMass(hullTriangles(exact));
    if (exact.vertices.size() < 4 || pm.volume < 1e-12) return boundingBoxShape(points, mass);

    BodyShape s;
    s.bodyOriginInModel = pm.center;
    btMatrix3x3 inertia, rot;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) inertia[r][c] = btScalar(pm.inertiaUnitDensity[c][r]);
    inertia.diagonalize(rot, btScalar(1e-9), 32);
    glm::dmat3 R;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) R[c][r] = rot[r][c];
    if (glm::determinant(R) < 0) R[2] = -R[2];
    s.bodyRotationInModel = R;
    double density = mass / pm.volume;
    s.principalInertia = density * glm::dvec3(inertia[0][0], inertia[1][1], inertia[2][2]);

    // Inscribed radius: nearest face plane to the centre.
    std::vector<glm::dvec3> tri = hullTriangles(exact);
    double inner = 1e300;
    for (size_t i = 0; i + 2 < tri.size(); i += 3) {
        glm::dvec3 n = glm::cross(tri[i + 1] - tri[i], tri[i + 2] - tri[i]);
        double len = glm::length(n);
        if (len > 0) inner = std::min(inner, std::abs(glm::dot(n / len, tri[i] - pm.center)));
    }
    s.innerRadius = inner;

    std::vector<glm::dvec3> hullPoints;
    for (int i = 0; i < exact.vertices.size(); ++i) hullPoints.push_back(toGlm(exact.vertices[i]));
    constexpr int kMaxHullVertices = 100;
    if (hullPoints.size() > size_t(kMaxHullVertices)) {
        btConvexHullShape full;
        for (const auto& p : hullPoints) full.addPoint(toBt(p), false);
        full.recalcLocalAabb();
        full.setMargin(0);
        btShapeHull reduced(&full);
        reduced.buildHull(0, 1);
        hullPoints.clear();
        for (int i = 0; i < reduced.numVertices(); ++i) hullPoints.push_back(toGlm(reduced.getVertexPointer()[i]));
    }
    // Shrink by the margin so that hull + margin is the true surface.
    btConvexHullComputer shrunk;
    computeHull(shrunk, hullPoints, marginFor(inner));
    double margin = marginFor(inner);
    if (shrunk.vertices.size() < 4) {
        computeHull(shrunk, hullPoints, 0.0);
        margin = 1e-4;
    }
    auto hull = std::make_unique<btConvexHullShape>();
    glm::dmat3 toBody = glm::transpose(R);
    for (int i = 0; i < shrunk.vertices.size(); ++i) hull->addPoint(toBt(toBody * (toGlm(shrunk.vertices[i]) - pm.center)), false);
    hull->setMargin(btScalar(margin));
    hull->recalcLocalAabb();  // after the margin: the cached bounds include it
    s.shape = std::move(hull);
    return s;
}

std::vector<glm::dvec3> meshPoints(const Mesh& mesh, const glm::dmat4& partToModel, const glm::dvec3& scale) {
    std::vector<glm::dvec3> pts;
    pts.reserve(mesh.vertices.size());
    for (const auto& v : mesh.vertices) pts.push_back(scale * glm::dvec3(partToModel * glm::dvec4(glm::dvec3(v.position), 1.0)));
    return pts;
}

BodyShape staticTriangleMesh(const Object& object, const glm::dvec3& scale) {
    BodyShape s;
    auto tm = std::make_unique<btTriangleMesh>(true, false);
    for (const auto& part : object.parts) {
        if (!part.mesh) continue;
        std::vector<glm::dvec3> pts = meshPoints(*part.mesh, part.partToModel, scale);
        const auto& idx = part.mesh->indices;
        for (size_t i = 0; i + 2 < idx.size(); i += 3)
            tm->addTriangle(toBt(pts[idx[i]]), toBt(pts[idx[i + 1]]), toBt(pts[idx[i + 2]]), false);
    }
    if (tm->getNumTriangles() == 0) return s;
    s.shape = std::make_unique<btBvhTriangleMeshShape>(tm.get(), true);
    s.triangles = std::move(tm);
    return s;
}

// Exact shapes; nullopt-like empty result when the scale distorts a shape Bullet cannot stretch.
BodyShape primitiveShape(const PrimitiveShape& p, const glm::dvec3& signedScale, bool dynamic, double mass) {
    BodyShape s;
    const glm::dvec3 sc = glm::abs(signedScale);
    const bool uniformXY = nearlyEqual(sc.x, sc.y);
    const bool uniform = uniformXY && nearlyEqual(sc.x, sc.z);
    switch (p.kind) {
        case PrimitiveKind::Box: {
            setBoxShape(s, p.size * sc * 0.5, mass);
            return s;
        }
        case PrimitiveKind::Plane: {
            // A slab whose top face is the plane: thin for a dynamic sheet, thick for a floor.
            double t = dynamic ? 0.001 : 0.02;
            glm::dvec3 half(p.size.x * sc.x * 0.5, p.size.y * sc.y * 0.5, t * 0.5);
            auto box = std::make_unique<btBoxShape>(toBt(half));
            box->setMargin(btScalar(std::min(marginFor(t * 0.5), 0.9 * t * 0.5)));
            box->initializePolyhedralFeatures();
            s.shape = std::move(box);
            s.bodyOriginInModel = glm::dvec3(0, 0, -t * 0.5);
            glm::dvec3 d = half * 2.0;
            s.principalInertia = mass / 12.0 * glm::dvec3(d.y * d.y + d.z * d.z, d.x * d.x + d.z * d.z, d.x * d.x + d.y * d.y);
            s.innerRadius = t * 0.5;
            return s;
        }
        case PrimitiveKind::Sphere: {
            if (!uniform) break;
            double r = p.radius * sc.x;
            s.shape = std::make_unique<btSphereShape>(btScalar(r));
            s.principalInertia = glm::dvec3(0.4 * mass * r * r);
            s.innerRadius = r;
            s.round = true;
            return s;
        }
        case PrimitiveKind::Cylinder: {
            if (!uniformXY) break;
            double r = p.radius * sc.x, h = p.height * sc.z;
            auto cyl = std::make_unique<btCylinderShapeZ>(btVector3(btScalar(r), btScalar(r), btScalar(h * 0.5)));
            double inner = std::min(r, h * 0.5);
            cyl->setMargin(btScalar(std::min(marginFor(inner), 0.9 * inner)));
            s.shape = std::move(cyl);
            double ixx = mass * (3 * r * r + h * h) / 12.0;
            s.principalInertia = glm::dvec3(ixx, ixx, 0.5 * mass * r * r);
            s.innerRadius = inner;
            s.round = true;
            return s;
        }
        case PrimitiveKind::Cone: {
            if (!uniformXY) break;
            double r = p.radius * sc.x, h = p.height * sc.z;
            double inner = r * h / (r + std::sqrt(r * r + h * h));
            auto cone = std::make_unique<btConeShapeZ>(btScalar(r), btScalar(h));
            // The margin inflates a cone (Bullet does not compensate it), so keep it tiny.
            cone->setMargin(btScalar(std::min(0.0002, 0.1 * inner)));
            // Bullet's cone is centred on its bounding box like ours; its centre of mass is h/4
            // above the base, so the body frame sits there and the cone is a shifted child.
            s.bodyOriginInModel = glm::dvec3(0, 0, -0.25 * h);
            auto compound = std::make_unique<btCompoundShape>(false, 1);
            btTransform local;
            local.setIdentity();
            local.setOrigin(btVector3(0, 0, btScalar(0.25 * h)));
            compound->addChildShape(local, cone.get());
            s.children.push_back(std::move(cone));
            s.shape = std::move(compound);
            double ixx = mass * (3.0 / 20.0 * r * r + 3.0 / 80.0 * h * h);
            s.principalInertia = glm::dvec3(ixx, ixx, 0.3 * mass * r * r);
            s.innerRadius = inner;
            s.round = true;
            return s;
        }
        case PrimitiveKind::Capsule: {
            if (!uniform) break;
            double r = p.radius * sc.x, h = p.height * sc.x;
            s.shape = std::make_unique<btCapsuleShapeZ>(btScalar(r), btScalar(h));
            // Cylinder part plus two hemispheres (parallel-axis theorem for the caps).
            double vc = kPi * r * r * h, vs = 4.0 / 3.0 * kPi * r * r * r;
            double mc = mass * vc / (vc + vs), ms = mass * vs / (vc + vs);
            double izz = mc * r * r / 2 + ms * 0.4 * r * r;
            double ixx = mc * (h * h / 12 + r * r / 4) + ms * (0.4 * r * r + h * h / 4 + 3.0 / 8.0 * h * r);
            s.principalInertia = glm::dvec3(ixx, ixx, izz);
            s.innerRadius = r;
            s.round = true;
            return s;
        }
        case PrimitiveKind::Torus: {
            // A closed ring of capsules between points on the centre circle. With 24 segments the
            // tube's centre line sags inward by R(1 - cos(7.5 deg)) = 0.86 % of R between joints.
            // Non-uniform scale: the ring is stretched, the tube radius uses the mean scale.
            const int n = 24;
            double r = p.minorRadius * std::cbrt(sc.x * sc.y * sc.z);
            auto compound = std::make_unique<btCompoundShape>(false, n);
            for (int i = 0; i < n; ++i) {
                double a0 = 2 * kPi * i / n, a1 = 2 * kPi * (i + 1) / n;
                glm::dvec3 p0 = sc * glm::dvec3(p.radius * std::cos(a0), p.radius * std::sin(a0), 0);
                glm::dvec3 p1 = sc * glm::dvec3(p.radius * std::cos(a1), p.radius * std::sin(a1), 0);
                glm::dvec3 axis = p1 - p0;
                double len = glm::length(axis);
                auto cap = std::make_unique<btCapsuleShapeX>(btScalar(r), btScalar(len));
                btTransform local;
                local.setIdentity();
                local.setOrigin(toBt((p0 + p1) * 0.5));
                btQuaternion q(btVector3(0, 0, 1), btScalar(std::atan2(axis.y, axis.x)));
                local.setRotation(q);
                compound->addChildShape(local, cap.get());
                s.children.push_back(std::move(cap));
            }
            s.shape = std::move(compound);
            double R = p.radius * std::sqrt(sc.x * sc.y);
            s.principalInertia = glm::dvec3(mass * (R * R / 2 + 5.0 / 8.0 * r * r), mass * (R * R / 2 + 5.0 / 8.0 * r * r),
                                            mass * (R * R + 0.75 * r * r));
            s.innerRadius = r;
            s.round = true;
            return s;
        }
    }
    // The scale stretches a round shape: a convex hull of the stretched primitive mesh.
    PrimitiveShape coarse = p;
    coarse.segments = std::min(p.segments, 32);
    BodyShape hull = convexHullShape(meshPoints(*makePrimitiveMesh(coarse), glm::dmat4(1.0), signedScale), mass);
    hull.round = true;
    return hull;
}

}  // namespace

ModelPose decomposeModelMatrix(const glm::dmat4& m) {
    ModelPose pose;
    pose.translation = glm::dvec3(m[3]);
    glm::dvec3 c0(m[0]), c1(m[1]), c2(m[2]);
    pose.scale = glm::dvec3(glm::length(c0), glm::length(c1), glm::length(c2));
    // Gram-Schmidt: drops any shear, keeps the directions of the first columns.
    glm::dvec3 x = glm::normalize(c0);
    glm::dvec3 y = glm::normalize(c1 - glm::dot(c1, x) * x);
    glm::dvec3 z = glm::cross(x, y);
    if (glm::dot(z, c2) < 0) {
        // Mirrored: keep a proper rotation and move the mirror into scale.x.
        x = -x;
        pose.scale.x = -pose.scale.x;
        z = glm::cross(x, y);
    }
    pose.rotation = glm::dmat3(x, y, z);
    return pose;
}

glm::dmat4 composeModelMatrix(const ModelPose& pose) {
    glm::dmat4 m(1.0);
    for (int c = 0; c < 3; ++c) m[c] = glm::dvec4(pose.rotation[c] * pose.scale[c], 0.0);
    m[3] = glm::dvec4(pose.translation, 1.0);
    return m;
}

std::vector<glm::dvec3> scaledModelPoints(const Object& object, const glm::dvec3& scale) {
    std::vector<glm::dvec3> pts;
    for (const auto& part : object.parts) {
        if (!part.mesh) continue;
        auto p = meshPoints(*part.mesh, part.partToModel, scale);
        pts.insert(pts.end(), p.begin(), p.end());
    }
    if (pts.empty() && object.primitive) {
        PrimitiveShape coarse = *object.primitive;
        coarse.segments = std::min(coarse.segments, 32);
        pts = meshPoints(*makePrimitiveMesh(coarse), glm::dmat4(1.0), scale);
    }
    return pts;
}

BodyShape buildBodyShape(const Object& object, const glm::dvec3& scale, bool dynamic, double mass) {
    if (object.primitive) return primitiveShape(*object.primitive, scale, dynamic, mass);
    if (!dynamic) return staticTriangleMesh(object, scale);
    std::vector<glm::dvec3> pts = scaledModelPoints(object, scale);
    if (pts.empty()) return {};
    return convexHullShape(pts, mass);
}

}  // namespace sg
