#include "physics/PhysicsWorld.h"

#include "physics/CollisionShapes.h"

#include <btBulletDynamicsCommon.h>

#include <chrono>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace sg {

namespace {

btVector3 toBt(const glm::dvec3& v) { return btVector3(btScalar(v.x), btScalar(v.y), btScalar(v.z)); }
glm::dvec3 toGlm(const btVector3& v) { return glm::dvec3(v.x(), v.y(), v.z()); }

btMatrix3x3 toBt(const glm::dmat3& m) {
    return btMatrix3x3(btScalar(m[0][0]), btScalar(m[1][0]), btScalar(m[2][0]), btScalar(m[0][1]), btScalar(m[1][1]),
                       btScalar(m[2][1]), btScalar(m[0][2]), btScalar(m[1][2]), btScalar(m[2][2]));
}
glm::dmat3 toGlm(const btMatrix3x3& m) {
    glm::dmat3 r;
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) r[col][row] = m[row][col];
    return r;
}

// Conveyor belts are kinematic bodies that never move: Bullet recomputes a kinematic body's
// velocity from its motion every step (zero here), so the belt velocity is put back right after,
// before the solver reads it for the friction of the contacts on the belt.
class ConveyorAwareWorld : public btDiscreteDynamicsWorld {
public:
    using btDiscreteDynamicsWorld::btDiscreteDynamicsWorld;
    std::vector<std::pair<btRigidBody*, btVector3>> belts;

    void saveKinematicState(btScalar timeStep) override {
        btDiscreteDynamicsWorld::saveKinematicState(timeStep);
        for (auto& [body, velocity] : belts) {
            body->setLinearVelocity(velocity);
            body->setAngularVelocity(btVector3(0, 0, 0));
        }
    }
};

}  // namespace

struct PhysicsWorld::Impl {
    struct Body {
        BodyShape shape;
        std::unique_ptr<btRigidBody> body;  // null: the object has no geometry
        ModelPose initialPose;
        bool dynamic = false;
    };

    PhysicsOptions options;
    std::vector<Body> bodies;  // index = object index
    std::vector<std::string> names;
    std::unique_ptr<btDefaultCollisionConfiguration> config;
    std::unique_ptr<btCollisionDispatcher> dispatcher;
    std::unique_ptr<btDbvtBroadphase> broadphase;
    std::unique_ptr<btSequentialImpulseConstraintSolver> solver;
    std::unique_ptr<ConveyorAwareWorld> world;
    int64_t stepCount = 0;

    Impl(const Scene& scene, const PhysicsOptions& opts) : options(opts) {
        if (!(options.timeStep > 0)) throw std::invalid_argument("PhysicsOptions::timeStep must be > 0");
        config = std::make_unique<btDefaultCollisionConfiguration>();
        dispatcher = std::make_unique<btCollisionDispatcher>(config.get());
        broadphase = std::make_unique<btDbvtBroadphase>();
        solver = std::make_unique<btSequentialImpulseConstraintSolver>();
        world = std::make_unique<ConveyorAwareWorld>(dispatcher.get(), broadphase.get(), solver.get(), config.get());
        world->setGravity(toBt(options.gravity));
        btContactSolverInfo& info = world->getSolverInfo();
        info.m_numIterations = options.solverIterations;
        info.m_solverMode &= ~SOLVER_RANDMIZE_ORDER;  // reproducible constraint order
        // Two friction directions, kept from step to step: resting piles creep much less (a 100-part
        // pile settles in about half the time) and stay reproducible.
        info.m_solverMode |= SOLVER_USE_2_FRICTION_DIRECTIONS | SOLVER_ENABLE_FRICTION_DIRECTION_CACHING;
        world->setForceUpdateAllAabbs(true);

        bodies.resize(scene.objects.size());
        for (const auto& o : scene.objects) names.push_back(o.name);
        for (size_t i = 0; i < scene.objects.size(); ++i) addBody(int(i), scene.objects[i]);
    }

    ~Impl() {
        // The world must forget the bodies before they are freed.
        for (auto& b : bodies)
            if (b.body) world->removeRigidBody(b.body.get());
    }

    void addBody(int index, const Object& object) {
        Body& b = bodies[size_t(index)];
        b.initialPose = decomposeModelMatrix(object.modelToWorld);
        const PhysicsProperties& ph = object.physics;
        bool belt = glm::length(ph.conveyorVelocity) > 0;
        b.dynamic = ph.mass > 0 && !belt;
        double mass = b.dynamic ? ph.mass : 0.0;
        b.shape = buildBodyShape(object, b.initialPose.scale, b.dynamic, mass);
        if (!b.shape.shape) return;

        btVector3 inertia = b.dynamic ? toBt(b.shape.principalInertia) : btVector3(0, 0, 0);
        btRigidBody::btRigidBodyConstructionInfo ci(btScalar(mass), nullptr, b.shape.shape.get(), inertia);
        // Bullet multiplies the two bodies' values; square roots make the product the geometric mean.
        ci.m_friction = btScalar(std::sqrt(std::max(0.0, ph.friction)));
        ci.m_restitution = btScalar(std::sqrt(std::max(0.0, ph.restitution)));
        ci.m_linearDamping = btScalar(ph.linearDamping);
        ci.m_angularDamping = btScalar(ph.angularDamping);
        if (b.shape.round) {
            ci.m_rollingFriction = btScalar(options.rollingFriction);
            ci.m_spinningFriction = btScalar(options.rollingFriction);  // or balls spin in place forever
        }
        ci.m_startWorldTransform = bodyWorldTransform(b);
        b.body = std::make_unique<btRigidBody>(ci);
        b.body->setUserIndex(index);
        if (b.dynamic) {
            // Settling has its own rest test; Bullet's sleeping would freeze bodies mid-slide.
            b.body->setActivationState(DISABLE_DEACTIVATION);
            if (options.continuousCollision && b.shape.innerRadius > 0) {
                b.body->setCcdMotionThreshold(btScalar(0.5 * b.shape.innerRadius));
                b.body->setCcdSweptSphereRadius(btScalar(0.8 * b.shape.innerRadius));
            }
        }
        if (belt) {
            b.body->setCollisionFlags(b.body->getCollisionFlags() | btCollisionObject::CF_KINEMATIC_OBJECT);
            b.body->setActivationState(DISABLE_DEACTIVATION);
            world->belts.emplace_back(b.body.get(), toBt(ph.conveyorVelocity));
        }
        world->addRigidBody(b.body.get());
    }

    // Body frame in the world = (model rotation, translation) * (body frame in the scaled model frame).
    static btTransform bodyWorldTransform(const Body& b) {
        glm::dmat3 rot = b.initialPose.rotation * b.shape.bodyRotationInModel;
        glm::dvec3 origin = b.initialPose.translation + b.initialPose.rotation * b.shape.bodyOriginInModel;
        btTransform t;
        t.setBasis(toBt(rot));
        t.setOrigin(toBt(origin));
        return t;
    }

    glm::dmat4 modelToWorld(const Body& b) const {
        const btTransform& t = b.body->getWorldTransform();
        glm::dmat3 bodyRot = toGlm(t.getBasis());
        glm::dvec3 bodyOrigin = toGlm(t.getOrigin());
        ModelPose pose = b.initialPose;
        pose.rotation = bodyRot * glm::transpose(b.shape.bodyRotationInModel);
        pose.translation = bodyOrigin - pose.rotation * b.shape.bodyOriginInModel;
        return composeModelMatrix(pose);
    }

    void stepOnce() {
        // maxSubSteps = 0: exactly one step of exactly timeStep, no interpolation.
        world->stepSimulation(btScalar(options.timeStep), 0);
        ++stepCount;
    }

    const Body& body(int i) const {
        if (i < 0 || size_t(i) >= bodies.size()) throw std::out_of_range("PhysicsWorld: object index out of range");
        return bodies[size_t(i)];
    }
};

PhysicsWorld::PhysicsWorld(const Scene& scene, const PhysicsOptions& options) : impl_(std::make_unique<Impl>(scene, options)) {}
PhysicsWorld::~PhysicsWorld() = default;
PhysicsWorld::PhysicsWorld(PhysicsWorld&&) noexcept = default;
PhysicsWorld& PhysicsWorld::operator=(PhysicsWorld&&) noexcept = default;

void PhysicsWorld::step(double seconds) {
    if (!(seconds > 0)) return;
    int64_t n = std::max<int64_t>(1, std::llround(seconds / impl_->options.timeStep));
    for (int64_t i = 0; i < n; ++i) impl_->stepOnce();
}

void PhysicsWorld::stepOnce() { impl_->stepOnce(); }
double PhysicsWorld::simulatedSeconds() const { return double(impl_->stepCount) * impl_->options.timeStep; }
int64_t PhysicsWorld::steps() const { return impl_->stepCount; }
size_t PhysicsWorld::objectCount() const { return impl_->bodies.size(); }
bool PhysicsWorld::isDynamic(int i) const { return impl_->body(i).dynamic && impl_->body(i).body; }

glm::dvec3 PhysicsWorld::linearVelocity(int i) const {
    const auto& b = impl_->body(i);
    return b.body ? toGlm(b.body->getLinearVelocity()) : glm::dvec3(0.0);
}

glm::dvec3 PhysicsWorld::angularVelocity(int i) const {
    const auto& b = impl_->body(i);
    return b.body ? toGlm(b.body->getAngularVelocity()) : glm::dvec3(0.0);
}

void PhysicsWorld::writeBack(Scene& scene) const {
    if (scene.objects.size() != impl_->bodies.size())
        throw std::invalid_argument("PhysicsWorld::writeBack: the scene has " + std::to_string(scene.objects.size()) +
                                    " objects, the world was built from " + std::to_string(impl_->bodies.size()));
    for (size_t i = 0; i < impl_->bodies.size(); ++i) {
        const auto& b = impl_->bodies[i];
        if (b.dynamic && b.body) scene.objects[i].modelToWorld = impl_->modelToWorld(b);
    }
}

SettleReport PhysicsWorld::settle(const SettleOptions& options) {
    auto start = std::chrono::steady_clock::now();
    SettleReport report;
    const double dt = impl_->options.timeStep;
    const int64_t maxSteps = std::llround(options.maxSeconds / dt);
    // Rest is judged on displacement over a window, not on instantaneous velocity: bodies with
    // line or point contacts (cones, cylinders on their side) jitter in place with velocity
    // spikes while their pose stays put. A body is at rest once it has stayed within
    // linearThreshold * restSeconds of an anchor pose (and turned less than
    // angularThreshold * restSeconds) for restSeconds; leaving that tolerance moves the anchor.
    const double maxDistance = options.linearThreshold * options.restSeconds;
    const double maxAngle = options.angularThreshold * options.restSeconds;
    const size_t n = impl_->bodies.size();
    std::vector<btTransform> anchor(n);
    std::vector<double> anchorTime(n, 0.0);
    for (size_t i = 0; i < n; ++i)
        if (impl_->bodies[i].body) anchor[i] = impl_->bodies[i].body->getWorldTransform();
    auto fell = [&](const Impl::Body& b) { return b.body->getWorldTransform().getOrigin().z() < options.floorZ; };
    auto atRest = [&](size_t i, double now) { return now - anchorTime[i] >= options.restSeconds - 0.5 * dt; };
    int64_t steps = 0;
    double now = 0.0;
    while (steps < maxSteps) {
        impl_->stepOnce();
        ++steps;
        now = double(steps) * dt;
        bool all = true;
        for (size_t i = 0; i < n; ++i) {
            const auto& b = impl_->bodies[i];
            if (!b.dynamic || !b.body) continue;
            const btTransform& t = b.body->getWorldTransform();
            double moved = double((t.getOrigin() - anchor[i].getOrigin()).length());
            double turned = double(t.getRotation().angleShortestPath(anchor[i].getRotation()));
            if (moved > maxDistance || turned > maxAngle) {
                anchor[i] = t;
                anchorTime[i] = now;
            }
            if (!atRest(i, now) && !fell(b)) all = false;
        }
        if (all) {
            report.converged = true;
            break;
        }
    }
    for (size_t i = 0; i < n; ++i) {
        const auto& b = impl_->bodies[i];
        if (!b.dynamic || !b.body) continue;
        if (fell(b)) report.fellOut.push_back(int(i));
        else if (!atRest(i, now)) report.notAtRest.push_back(int(i));
    }
    report.steps = steps;
    report.simulatedSeconds = now;
    report.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return report;
}

std::string SettleReport::summary() const {
    std::ostringstream s;
    s << (converged ? "settled" : "NOT settled") << " after " << simulatedSeconds << " s simulated (" << steps << " steps, " << wallMs
      << " ms wall)";
    auto list = [&](const char* what, const std::vector<int>& v) {
        if (v.empty()) return;
        s << "; " << what << ":";
        for (int i : v) s << ' ' << i;
    };
    list("still moving", notAtRest);
    list("fell out", fellOut);
    return s.str();
}

SettleReport settle(Scene& scene, const SettleOptions& options) {
    auto start = std::chrono::steady_clock::now();
    PhysicsWorld world(scene, options.physics);
    SettleReport report = world.settle(options);
    world.writeBack(scene);
    report.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return report;
}

PenetrationReport PhysicsWorld::maxPenetration() const {
    btDiscreteDynamicsWorld& w = *impl_->world;
    w.performDiscreteCollisionDetection();
    PenetrationReport report;
    btDispatcher* d = w.getDispatcher();
    for (int m = 0; m < d->getNumManifolds(); ++m) {
        const btPersistentManifold* manifold = d->getManifoldByIndexInternal(m);
        for (int p = 0; p < manifold->getNumContacts(); ++p) {
            double depth = -double(manifold->getContactPoint(p).getDistance());
            if (depth <= report.depth) continue;
            int a = manifold->getBody0()->getUserIndex(), b = manifold->getBody1()->getUserIndex();
            report.depth = depth;
            report.objectA = std::min(a, b);
            report.objectB = std::max(a, b);
        }
    }
    if (report.objectA >= 0) {
        report.nameA = impl_->names[size_t(report.objectA)];
        report.nameB = impl_->names[size_t(report.objectB)];
    }
    return report;
}

PenetrationReport maxPenetration(const Scene& scene) {
    PhysicsOptions options;
    options.continuousCollision = false;
    return PhysicsWorld(scene, options).maxPenetration();
}

}  // namespace sg
