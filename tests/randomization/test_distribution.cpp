#include "randomization/Distribution.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace sg;

namespace {

NumberDistribution parse(const std::string& text, DistributionOptions o = {}) {
    return parseNumberDistribution(Json::parse(text), "s.json", "/x", o);
}

std::string errorOf(const std::string& text, DistributionOptions o = {}) {
    try {
        parse(text, o);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("a plain number is a constant") {
    auto d = parse("2.5");
    CHECK(d.isConstant());
    KeyedRng r(1, 2, 3, 4);
    CHECK(sampleNumber(d, r) == 2.5);
}

TEST_CASE("uniform draws stay in range and have the uniform mean and variance") {
    auto d = parse(R"({"uniform": [2, 6]})");
    KeyedRng r(1, 0, 0, "u");
    double sum = 0, sum2 = 0;
    const int n = 50000;
    for (int i = 0; i < n; ++i) {
        double x = sampleNumber(d, r);
        REQUIRE(x >= 2);
        REQUIRE(x <= 6);
        sum += x;
        sum2 += x * x;
    }
    double mean = sum / n;
    CHECK(mean == Approx(4).margin(0.03));
    CHECK(sum2 / n - mean * mean == Approx(16.0 / 12).margin(0.03));
}

TEST_CASE("integer uniform ranges include both ends equally often") {
    auto d = parse(R"({"uniform": [1, 4]})", {.integer = true});
    KeyedRng r(5, 0, 0, "count");
    std::map<double, int> seen;
    for (int i = 0; i < 40000; ++i) seen[sampleNumber(d, r)]++;
    REQUIRE(seen.size() == 4);
    for (double v : {1.0, 2.0, 3.0, 4.0}) CHECK(seen[v] == Approx(10000).epsilon(0.05));
}

TEST_CASE("a truncated normal never leaves its window and keeps its mean when symmetric") {
    auto d = parse(R"({"normal": {"mean": 1, "std": 2, "min": -1, "max": 3}})");
    KeyedRng r(7, 0, 0, "n");
    double sum = 0;
    const int n = 40000;
    for (int i = 0; i < n; ++i) {
        double x = sampleNumber(d, r);
        REQUIRE(x >= -1);
        REQUIRE(x <= 3);
        sum += x;
    }
    CHECK(sum / n == Approx(1).margin(0.03));
}

TEST_CASE("log-uniform draws are uniform in log space") {
    auto d = parse(R"({"log_uniform": [0.01, 100]})");
    KeyedRng r(9, 0, 0, "l");
    int below1 = 0;
    const int n = 40000;
    for (int i = 0; i < n; ++i) {
        double x = sampleNumber(d, r);
        REQUIRE(x >= 0.01);
        REQUIRE(x <= 100);
        below1 += x < 1;
    }
    // log10 range [-2, 2]: half the mass below 1.
    CHECK(double(below1) / n == Approx(0.5).margin(0.01));
}

TEST_CASE("choice frequencies follow the weights") {
    auto d = parse(R"({"choice": [10, 20, 30], "weights": [1, 2, 7]})");
    KeyedRng r(11, 0, 0, "c");
    std::map<double, int> seen;
    const int n = 50000;
    for (int i = 0; i < n; ++i) seen[sampleNumber(d, r)]++;
    CHECK(seen[10] / double(n) == Approx(0.1).margin(0.01));
    CHECK(seen[20] / double(n) == Approx(0.2).margin(0.01));
    CHECK(seen[30] / double(n) == Approx(0.7).margin(0.01));
}

TEST_CASE("impossible ranges are rejected up front with the JSON path") {
    CHECK_THAT(errorOf(R"({"uniform": [3, 1]})"), Catch::Contains("/x/uniform") && Catch::Contains("impossible range"));
    CHECK_THAT(errorOf(R"({"normal": {"mean": 0, "std": -1}})"), Catch::Contains("/x/normal/std"));
    CHECK_THAT(errorOf(R"({"normal": {"mean": 0, "std": 1, "min": 2, "max": 1}})"), Catch::Contains("impossible range"));
    CHECK_THAT(errorOf(R"({"normal": {"mean": 0, "std": 0.1, "min": 5, "max": 6}})"), Catch::Contains("outside the normal's mass"));
    CHECK_THAT(errorOf(R"({"log_uniform": [0, 1]})"), Catch::Contains("positive low end"));
    CHECK_THAT(errorOf(R"({"choice": []})"), Catch::Contains("non-empty"));
    CHECK_THAT(errorOf(R"({"choice": [1, 2], "weights": [1]})"), Catch::Contains("/x/weights"));
    CHECK_THAT(errorOf(R"({"choice": [1, 2], "weights": [0, 0]})"), Catch::Contains("all weights are zero"));
}

TEST_CASE("unknown keys, wrong types and values outside what the parameter allows are rejected") {
    CHECK_THAT(errorOf(R"({"uniform": [0, 1], "wieghts": [1]})"), Catch::Contains("wieghts"));
    CHECK_THAT(errorOf(R"({"unifrom": [0, 1]})"), Catch::Contains("not a distribution"));
    CHECK_THAT(errorOf(R"("0.5")"), Catch::Contains("expected a number or a distribution"));
    CHECK_THAT(errorOf(R"({"uniform": [0, 2]})", {.allowed = {.min = 0, .max = 1}}),
               Catch::Contains("above what this parameter allows"));
    CHECK_THAT(errorOf(R"({"uniform": [0.5, 2]})", {.integer = true}), Catch::Contains("whole number"));
    CHECK_THAT(errorOf(R"({"normal": {"mean": 0.5, "std": 1}})", {.allowed = {.min = 0, .minExclusive = true}}),
               Catch::Contains("add \"min\""));
}
