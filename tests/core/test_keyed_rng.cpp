#include "core/KeyedRng.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace sg;

TEST_CASE("a keyed draw depends only on its key, not on other draws") {
    KeyedRng a(42, 137, 3, "color");
    KeyedRng other(42, 136, 3, "color");
    (void)other.uniform();
    KeyedRng b(42, 137, 3, "color");
    CHECK(a.nextU64() == b.nextU64());
    CHECK(KeyedRng(42, 137, 3, "color").nextU64() != KeyedRng(42, 137, 3, "scale").nextU64());
    CHECK(KeyedRng(42, 137, 3, "color").nextU64() != KeyedRng(43, 137, 3, "color").nextU64());
}

TEST_CASE("uniform draws have the mean and variance of U(0,1)") {
    KeyedRng r(1, 2, 3, 4);
    const int n = 200000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        double u = r.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    CHECK(mean == Approx(0.5).margin(0.005));
    CHECK(var == Approx(1.0 / 12).margin(0.002));
}

TEST_CASE("normal draws have mean 0 and variance 1") {
    KeyedRng r(9, 9, 9, 9);
    const int n = 200000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        double x = r.normal();
        sum += x;
        sum2 += x * x;
    }
    CHECK(sum / n == Approx(0).margin(0.01));
    CHECK(sum2 / n == Approx(1).margin(0.02));
}

TEST_CASE("uniformInt covers its inclusive range evenly") {
    KeyedRng r(5, 0, 0, 0);
    int counts[3] = {0, 0, 0};
    for (int i = 0; i < 30000; ++i) counts[r.uniformInt(1, 3) - 1]++;
    for (int c : counts) CHECK(c == Approx(10000).margin(400));
}
