#pragma once
// Bullet rigid-body worlds built from a Scene: settling piles, stepping sequences, conveyors.
//
// Body i of a world is scene.objects[i]; objects keep their index (and so their instance/track id)
// for the whole life of the world. Units: metres, kilograms, seconds; world +Z up.
//
// Shapes (see docs/physics.md):
//   - primitives (Object::primitive set): exact Bullet shapes (box, sphere, cylinder, cone, capsule),
//     torus = ring of capsules, plane = thin box whose top face is the plane (static) ;
//   - other objects with mass > 0: one convex hull of all their mesh parts;
//   - other objects with mass 0: static triangle mesh (bins, tables, trays may be concave).
// Scale in Object::modelToWorld is baked into the shapes; poses written back keep the scale.
//
// Determinism: fixed time step, single thread, no solver randomization, bodies added in object
// order. The same Scene (same bytes) gives bit-identical resulting poses on every run.
//
// Friction and restitution of a contact are the geometric mean of the two objects' values
// (sqrt(mu_a * mu_b)), so two surfaces with mu = 0.3 slide with mu = 0.3.
#include "core/KeyedRng.h"
#include "scenes/Scene.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sg {

struct PhysicsOptions {
    double timeStep = 1.0 / 240.0;        // seconds per fixed step
    glm::dvec3 gravity{0.0, 0.0, -9.81};  // m/s^2
    int solverIterations = 20;
    // Resistance to rolling, so spheres and cylinders come to rest on flat floors (dimensionless,
    // Bullet's rolling friction, applied to round shapes only: sphere, cylinder, cone, capsule, torus).
    double rollingFriction = 0.002;
    bool continuousCollision = true;  // swept-sphere CCD against tunnelling through thin walls
};

struct PenetrationReport {
    double depth = 0.0;  // metres, >= 0: the deepest overlap over all object pairs (0 = none)
    int objectA = -1;    // indices into scene.objects of the deepest pair (-1 when none)
    int objectB = -1;
    std::string nameA, nameB;
};

struct SettleOptions {
    PhysicsOptions physics;
    double maxSeconds = 6.0;  // simulated-time limit
    // A body is at rest once its pose has stayed within linearThreshold * restSeconds (metres)
    // and angularThreshold * restSeconds (radians) of where it was for restSeconds: average
    // speeds over a window, so contact jitter in place does not count as motion.
    double linearThreshold = 0.01;  // m/s
    double angularThreshold = 0.1;  // rad/s
    double restSeconds = 0.2;
    // Objects whose centre falls below this height are reported (fell out of the world) and
    // do not keep the settle from converging.
    double floorZ = -10.0;
};

struct SettleReport {
    bool converged = false;  // every dynamic body at rest (or fell below floorZ) before maxSeconds
    double simulatedSeconds = 0.0;
    int64_t steps = 0;
    double wallMs = 0.0;
    std::vector<int> notAtRest;   // indices into scene.objects of dynamic bodies still moving at the end
    std::vector<int> fellOut;     // indices of objects below SettleOptions::floorZ at the end
    std::string summary() const;  // one line for logs and the per-frame record
};

// A live simulation of one Scene. Build it, step it, write poses back; the Scene passed to the
// constructor is not referenced afterwards.
class PhysicsWorld {
public:
    explicit PhysicsWorld(const Scene& scene, const PhysicsOptions& options = {});
    ~PhysicsWorld();
    PhysicsWorld(PhysicsWorld&&) noexcept;
    PhysicsWorld& operator=(PhysicsWorld&&) noexcept;
    PhysicsWorld(const PhysicsWorld&) = delete;
    PhysicsWorld& operator=(const PhysicsWorld&) = delete;

    // Advances by round(seconds / timeStep) fixed steps (at least one when seconds > 0).
    void step(double seconds);
    void stepOnce();
    double simulatedSeconds() const;
    int64_t steps() const;

    // Steps until every dynamic body is at rest (SettleOptions thresholds) or the time limit.
    // SettleOptions::physics is ignored here (the world already has its options).
    SettleReport settle(const SettleOptions& options = {});

    // Writes the current pose of every dynamic body into scene.objects[i].modelToWorld (scale and
    // mirroring of the original matrix kept). Static objects are not touched. The scene must have
    // the same number of objects as the one the world was built from.
    void writeBack(Scene& scene) const;

    size_t objectCount() const;
    bool isDynamic(int objectIndex) const;
    glm::dvec3 linearVelocity(int objectIndex) const;   // of the centre of mass, m/s, world frame
    glm::dvec3 angularVelocity(int objectIndex) const;  // rad/s, world frame

    // Deepest overlap between any two bodies in their current poses (static-static pairs skipped).
    PenetrationReport maxPenetration() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Builds a world from `scene`, settles it and writes the resulting poses back into `scene`.
SettleReport settle(Scene& scene, const SettleOptions& options = {});

// Deepest penetration between any two objects of `scene` (static-static pairs skipped), using
// the same collision shapes as PhysicsWorld and Bullet's narrow phase.
PenetrationReport maxPenetration(const Scene& scene);

// An open box (floor + 4 walls) from 5 static box primitives, mass 0, with render meshes.
// innerFloorCenter: the middle of the floor's top face (inside the bin); innerSize: inner x, y
// extent and wall height above the floor; walls are wallThickness thick and stand outside the
// inner volume. Object names are "<name>_floor", "<name>_wall_xneg", ... .
std::vector<Object> makeBin(const glm::dvec3& innerFloorCenter, const glm::dvec3& innerSize, double wallThickness,
                            std::shared_ptr<const Material> material = nullptr, const std::string& name = "bin");

// Radius of a sphere about the model origin (in world units, scale applied) that holds the whole object.
double boundingRadius(const Object& object);

// Where dropPile releases objects: x, y uniform over center.xy +- halfExtent, orientation uniform,
// bodies stacked upward from center.z so that their bounding spheres do not overlap.
struct DropArea {
    glm::dvec3 center{0.0};      // lowest release point (e.g. a little above the bin rim)
    glm::dvec2 halfExtent{0.1};  // keep it inside the bin's inner half size minus object radii
    double gap = 0.005;          // extra vertical space between consecutive bounding spheres
};

// Places scene.objects[i] for i in `objects` at keyed random poses over `area` (draws come from
// rng.child(i), so one object's pose depends only on rng and its index), scale kept.
void placeForDrop(Scene& scene, const std::vector<int>& objects, const DropArea& area, const KeyedRng& rng);

// placeForDrop, then settle(scene, options).
SettleReport dropPile(Scene& scene, const std::vector<int>& objects, const DropArea& area, const KeyedRng& rng,
                      const SettleOptions& options = {});

}  // namespace sg
