// Views the renderer derives on the host: shadow views, and frustum culling of bounding boxes.
// Culling is checked against a known perspective view: a camera at the origin looking down +Z,
// 90-degree field of view (|X| <= Z, |Y| <= Z), depth 0 at Z = 1, 1 at Z = 10.
#include "renderer/FrustumCulling.h"
#include "renderer/Shadows.h"

#include <catch2/catch.hpp>
#include <glm/gtc/matrix_transform.hpp>

using sg::vk::outsideClipVolume;

namespace {

glm::dmat4 projection() {
    const double n = 1.0, f = 10.0;
    glm::dmat4 p(0.0);
    p[0][0] = 1.0;
    p[1][1] = 1.0;
    p[2][2] = f / (f - n);
    p[3][2] = -f * n / (f - n);
    p[2][3] = 1.0;
    return p;
}

bool culled(glm::dvec3 center, double half = 0.5) {
    glm::dmat4 model = glm::translate(glm::dmat4(1.0), center);
    return outsideClipVolume(projection() * model, glm::vec3(-half), glm::vec3(half));
}

}  // namespace

TEST_CASE("a box inside the view is kept") { CHECK_FALSE(culled({0, 0, 5})); }

TEST_CASE("a box behind the camera is culled") { CHECK(culled({0, 0, -5})); }

TEST_CASE("a box beyond each side plane is culled, one crossing a side plane is kept") {
    CHECK(culled({6.2, 0, 5}));  // X from 5.7, Z at most 5.5: every corner right of X = Z
    CHECK(culled({-6.2, 0, 5}));
    CHECK(culled({0, 6.2, 5}));
    CHECK(culled({0, -6.2, 5}));
    CHECK_FALSE(culled({5, 0, 5}));  // straddles X = Z
    CHECK_FALSE(culled({0, -5, 5}));
}

TEST_CASE("a box in front of the near plane or past the far plane is culled, one crossing them is kept") {
    CHECK(culled({0, 0, 0.2}, 0.3));  // Z in 0.0 .. 0.5, near is 1
    CHECK(culled({0, 0, 11}));        // Z in 10.5 .. 11.5, far is 10
    CHECK_FALSE(culled({0, 0, 1}));   // Z in 0.5 .. 1.5
    CHECK_FALSE(culled({0, 0, 10}));  // Z in 9.5 .. 10.5
}

TEST_CASE("an orthographic view culls by its box") {
    glm::dmat4 ortho(1.0);
    ortho[2][2] = 0.5;  // z 0..2 -> depth 0..1
    CHECK_FALSE(outsideClipVolume(ortho, glm::vec3(0.5f, 0.5f, 0.5f), glm::vec3(0.9f, 0.9f, 1.5f)));
    CHECK(outsideClipVolume(ortho, glm::vec3(1.1f, 0.0f, 0.5f), glm::vec3(2.0f, 0.5f, 1.5f)));
    CHECK(outsideClipVolume(ortho, glm::vec3(0.0f, 0.0f, 2.1f), glm::vec3(0.5f, 0.5f, 3.0f)));
}

TEST_CASE("a point light outside the scene's bounding sphere gets one shadow view that contains the scene") {
    using namespace sg;
    glm::dvec3 lo(-0.5, -0.4, 0.0), hi(0.5, 0.4, 0.3);
    Light near, far;
    near.type = far.type = LightType::Point;
    near.position = {0.2, 0.1, 0.4};  // inside the scene box
    far.position = {1.0, -0.5, 2.0};
    vk::ShadowPlan plan = vk::planShadows({near, far}, lo, hi, 1024, 8, 16);
    REQUIRE(plan.viewCount == std::vector<int>{6, 1});
    REQUIRE(plan.firstLayer == std::vector<int>{0, 6});
    REQUIRE(plan.views.size() == 7);
    // Every corner of the scene box lands inside the single view's clip volume, none near its rim
    // by more than the filtering margin would allow.
    for (int corner = 0; corner < 8; ++corner) {
        glm::dvec4 c((corner & 1) ? hi.x : lo.x, (corner & 2) ? hi.y : lo.y, (corner & 4) ? hi.z : lo.z, 1.0);
        glm::dvec4 p = glm::dmat4(plan.views[6]) * c;
        INFO("corner " << corner);
        REQUIRE(p.w > 0.0);
        CHECK(std::abs(p.x / p.w) < 1.0);
        CHECK(std::abs(p.y / p.w) < 1.0);
        CHECK(p.z / p.w > 0.0);
        CHECK(p.z / p.w < 1.0);
    }
}

TEST_CASE("more lights than the shaders draw, or shadow views beyond the layers, are refused with the limit named") {
    using namespace sg;
    glm::dvec3 lo(-0.5, -0.4, 0.0), hi(0.5, 0.4, 0.3);
    Light sun, inside;
    inside.type = LightType::Point;
    inside.position = {0.2, 0.1, 0.2};  // within the bounding sphere: 6 views
    // 2 cube lights (12 layers) + 4 directional (4 layers) = 16 layers: all planned.
    vk::ShadowPlan full = vk::planShadows({inside, inside, sun, sun, sun, sun}, lo, hi, 512, 8, 16);
    CHECK(full.views.size() == 16);
    CHECK(full.firstLayer == std::vector<int>{0, 6, 12, 13, 14, 15});
    // One more directional light needs a 17th layer.
    CHECK_THROWS_WITH(vk::planShadows({inside, inside, sun, sun, sun, sun, sun}, lo, hi, 512, 8, 16),
                      Catch::Contains("16 shadow layers") && Catch::Contains("cast_shadows"));
    // ... unless it casts no shadow.
    Light unshadowed = sun;
    unshadowed.castsShadows = false;
    CHECK(vk::planShadows({inside, inside, sun, sun, sun, sun, unshadowed}, lo, hi, 512, 8, 16).views.size() == 16);
    // Nine lights: one more than the shaders hold.
    CHECK_THROWS_WITH(vk::planShadows(std::vector<Light>(9, unshadowed), lo, hi, 512, 8, 16),
                      Catch::Contains("9 lights") && Catch::Contains("at most 8"));
}
