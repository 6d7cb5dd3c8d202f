// Back faces of closed loaded meshes are culled when the camera sees only their outside
// (renderer/README.md, "Culling" in "Attachments and conventions"): nothing visible may change, and a camera inside such a mesh, or
// a near plane cutting into it, must still see its inside.
#include "RenderTestUtil.h"

using namespace sg;
using namespace sgtest;

namespace {

// A built-in shape as a loaded mesh would arrive: a plain mesh, no primitive record, double-sided.
Object loadedMesh(const PrimitiveShape& shape, const glm::dmat4& modelToWorld) {
    auto material = matteGrey();
    auto doubleSided = std::make_shared<Material>(*material);
    doubleSided->doubleSided = true;
    Object o = primitiveObject(shape, modelToWorld, doubleSided);
    o.primitive.reset();
    return o;
}

Scene litScene(const Camera& camera) {
    Scene s;
    s.camera = camera;
    s.environment.color = glm::vec3(0.3f);
    Light sun;
    sun.direction = glm::normalize(glm::dvec3(0.3, 0.2, -1.0));
    s.lights.push_back(sun);
    return s;
}

}  // namespace

TEST_CASE("a closed loaded mesh seen from outside looks the same as an open one that is not culled") {
    // The open twin lacks the two triangles at the sphere's bottom pole, which the camera above
    // cannot see: it is drawn with every face, the closed one without its back faces.
    Scene closed = litScene(lookingDown(320, 240, 300, 4.0));
    closed.objects.push_back(loadedMesh(sphere(1.0, 48), glm::dmat4(1.0)));
    Scene open = closed;
    auto holed = std::make_shared<Mesh>(*open.objects[0].parts[0].mesh);
    holed->indices.erase(holed->indices.begin(), holed->indices.begin() + 6);
    open.objects[0].parts[0].mesh = holed;
    Renderer renderer(validated());
    FrameBuffers withCulling = renderer.render(closed), without = renderer.render(open);
    REQUIRE(maskOf(without.instanceId, 1).count > 15000);
    checkSameLabels(withCulling, without);
    CHECK(withCulling.rgb.pixels == without.rgb.pixels);
    requireCleanValidation(renderer);
}

TEST_CASE("a camera inside a closed loaded mesh sees its inside") {
    // A room modelled as a closed box wound outward, the camera in its middle: every pixel is a wall.
    Scene room = litScene(headOnCamera(160, 120, 100, 1.0));
    room.objects.push_back(loadedMesh(box({4, 4, 3}), glm::translate(glm::dmat4(1.0), glm::dvec3(0, 0, 1.0))));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(room);
    CHECK(maskOf(fb.instanceId, 1).count == 160 * 120);
    requireCleanValidation(renderer);
}

TEST_CASE("a near plane cutting into a closed loaded mesh shows its inside where it cuts") {
    // The camera 2 cm above a 1 m box's top, looking down, its near plane 5 cm away: the plane lies
    // 3 cm inside the box, so the box's top is clipped away in the middle of the frame and the
    // camera looks at the inside of its bottom (1.02 m away), not through it.
    Camera camera = headOnCamera(160, 120, 100, 0.52);
    camera.intrinsics.znear = 0.05;
    Scene scene = litScene(camera);
    scene.objects.push_back(loadedMesh(box({1, 1, 1}), glm::dmat4(1.0)));
    Renderer renderer(validated());
    FrameBuffers fb = renderer.render(scene);
    REQUIRE(fb.instanceId.at(80, 60) == 1);
    CHECK(fb.depth.at(80, 60) == Approx(1.02).epsilon(1e-3));
    requireCleanValidation(renderer);
}
