// Settle time per frame: N mixed objects dropped into a bin until at rest (median of several runs,
// each with a different drop seed). Usage: physics_bench [runs]
#include "physics/PhysicsWorld.h"

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace sg;

namespace {

Object primitive(const std::string& name, PrimitiveShape shape, double mass) {
    Object o;
    o.name = name;
    o.primitive = shape;
    o.parts.push_back(MeshPart{makePrimitiveMesh(shape), std::make_shared<Material>(), glm::dmat4(1.0)});
    o.physics.mass = mass;
    return o;
}

// A bin whose floor area grows with the count so piles stay a few layers deep, as in a scenario.
Scene binScene(int count, uint64_t seed) {
    Scene scene;
    double side = count <= 10 ? 0.25 : count <= 30 ? 0.3 : 0.4;
    for (auto& o : makeBin({0, 0, 0}, {side, side, 0.2}, 0.01)) scene.objects.push_back(o);
    std::vector<int> movable;
    for (int i = 0; i < count; ++i) {
        PrimitiveShape s;
        s.segments = 24;
        switch (i % 5) {
            case 0:
                s.kind = PrimitiveKind::Box;
                s.size = {0.04, 0.03, 0.02};
                break;
            case 1:
                s.kind = PrimitiveKind::Sphere;
                s.radius = 0.02;
                break;
            case 2:
                s.kind = PrimitiveKind::Cylinder;
                s.radius = 0.015;
                s.height = 0.05;
                break;
            case 3:
                s.kind = PrimitiveKind::Capsule;
                s.radius = 0.012;
                s.height = 0.03;
                break;
            case 4:
                s.kind = PrimitiveKind::Box;
                s.size = {0.05, 0.02, 0.02};
                break;
        }
        Object o = primitive("obj" + std::to_string(i), s, 0.05);
        if (i % 10 == 9) o.primitive.reset();  // every tenth one is a convex-hull mesh
        movable.push_back(int(scene.objects.size()));
        scene.objects.push_back(o);
    }
    DropArea area;
    area.center = {0, 0, 0.01};
    area.halfExtent = {side / 2 - 0.04, side / 2 - 0.04};
    placeForDrop(scene, movable, area, KeyedRng(seed, 0, 0, "bench"));
    return scene;
}

// CPU time of this thread: the machine may be shared, so wall time alone overstates the cost.
double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) * 1e-6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::printf("physics settle bench: bin pile, timeStep 1/240 s, default SettleOptions, %d runs each\n", runs);
    std::printf("%8s %10s %10s %8s %12s %10s %10s\n", "objects", "wall ms", "cpu ms", "sim s", "cpu ms/step", "converged",
                "max pen mm");
    for (int count : {10, 30, 100}) {
        std::vector<double> wall, cpu, sim, perStep, pen;
        int converged = 0;
        for (int r = 0; r < runs; ++r) {
            Scene scene = binScene(count, uint64_t(r + 1));
            double cpu0 = threadCpuMs();
            SettleReport rep = settle(scene, SettleOptions{});
            double cpuMs = threadCpuMs() - cpu0;
            wall.push_back(rep.wallMs);
            cpu.push_back(cpuMs);
            sim.push_back(rep.simulatedSeconds);
            perStep.push_back(cpuMs / double(std::max<int64_t>(1, rep.steps)));
            pen.push_back(maxPenetration(scene).depth * 1000);
            converged += rep.converged ? 1 : 0;
        }
        std::printf("%8d %10.1f %10.1f %8.3f %12.3f %7d/%-2d %10.3f\n", count, median(wall), median(cpu), median(sim), median(perStep),
                    converged, runs, *std::max_element(pen.begin(), pen.end()));
    }
    return 0;
}
