// Procedural textures: colors are the sRGB encoding of the linear colors (IEC 61966-2-1), pattern
// shapes follow their definitions.
#include "randomization/ProceduralTexture.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace sg;

namespace {

// The sRGB transfer function in single precision, rounded to the nearest 8-bit code.
uint8_t srgb8(float linear) {
    float c = std::fmin(std::fmax(linear, 0.0f), 1.0f);
    float s = c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
    return uint8_t(std::lround(s * 255.0f));
}

}  // namespace

TEST_CASE("a checker texture holds exactly the two colors, sRGB-encoded, for 3000 linear values") {
    // Spread over [0, 1] and dense near black, where the sRGB curve is steepest.
    for (int i = 0; i < 3000; ++i) {
        float a = i < 1000 ? float(i) / 1000.0f * 0.01f : float(i - 1000) / 2000.0f;
        ProceduralTextureSpec spec;
        spec.kind = "checker";
        spec.colorA = glm::vec3(a, 1.0f - a, 0.5f * a);
        spec.colorB = glm::vec3(-0.5f, 2.0f, 0.0f);  // clamped to [0, 1]
        spec.scale = 2;
        spec.size = 4;
        auto t = makeProceduralTexture(spec);
        const uint8_t* texelA = &t->image.at(0, 0);  // cell (0, 0) is colorA
        const uint8_t* texelB = &t->image.at(2, 0);
        INFO("linear " << a);
        REQUIRE(int(texelA[0]) == int(srgb8(a)));
        REQUIRE(int(texelA[1]) == int(srgb8(1.0f - a)));
        REQUIRE(int(texelA[2]) == int(srgb8(0.5f * a)));
        REQUIRE(int(texelB[0]) == 0);
        REQUIRE(int(texelB[1]) == 255);
        REQUIRE(int(texelA[3]) == 255);
    }
}

TEST_CASE("noise and grain textures blend the two colors and are the same for the same key") {
    for (const char* kind : {"noise", "grain"}) {
        ProceduralTextureSpec spec;
        spec.kind = kind;
        spec.colorA = glm::vec3(0.0f);
        spec.colorB = glm::vec3(1.0f);
        spec.key = 42;
        spec.size = 64;
        auto a = makeProceduralTexture(spec), b = makeProceduralTexture(spec);
        INFO(kind);
        CHECK(a->image.pixels == b->image.pixels);
        std::set<int> levels;
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) {
                const uint8_t* p = &a->image.at(x, y);
                CHECK((p[0] == p[1] && p[1] == p[2]));  // gray between black and white
                levels.insert(p[0]);
            }
        CHECK(levels.size() > 20);  // a blend, not two colors
        spec.key = 43;
        CHECK(makeProceduralTexture(spec)->image.pixels != a->image.pixels);
    }
}
