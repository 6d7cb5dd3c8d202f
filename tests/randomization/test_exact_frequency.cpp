#include "randomization/ExactFrequency.h"

#include <catch2/catch.hpp>

#include <set>

using namespace sg;

TEST_CASE("the keyed permutation is a bijection of 0..n-1 for awkward sizes") {
    for (uint64_t n : {1u, 2u, 3u, 7u, 50u, 1000u, 1025u}) {
        std::set<uint64_t> seen;
        for (uint64_t i = 0; i < n; ++i) {
            uint64_t p = keyedPermutation(i, n, 42);
            REQUIRE(p < n);
            seen.insert(p);
        }
        CHECK(seen.size() == n);
    }
}

TEST_CASE("different keys give different permutations") {
    int same = 0;
    for (uint64_t i = 0; i < 1000; ++i) same += keyedPermutation(i, 1000, 1) == keyedPermutation(i, 1000, 2);
    CHECK(same < 20);
}

TEST_CASE("exact counts are floor(p*n) plus the remainder by largest fraction, summing to n") {
    CHECK(exactCounts({0.02, 0.98}, 1000) == std::vector<int64_t>{20, 980});
    CHECK(exactCounts({0.5, 0.5}, 7) == std::vector<int64_t>{4, 3});
    auto c = exactCounts({0.1, 0.25, 0.65}, 13);  // 1.3, 3.25, 8.45 -> 1, 3, 9
    CHECK(c == std::vector<int64_t>{1, 3, 9});
}

TEST_CASE("bucket assignment hits the exact counts over the dataset, each frame computed alone") {
    const std::vector<double> p{0.02, 0.13, 0.85};
    for (int64_t n : {50, 1000, 777}) {
        std::vector<int64_t> got(3, 0);
        for (int64_t f = 0; f < n; ++f) got[exactBucket(p, f, n, 99)]++;
        CHECK(got == exactCounts(p, n));
    }
}

TEST_CASE("exactlyInFraction selects exactly round(fraction * n) frames") {
    int64_t in = 0;
    for (int64_t f = 0; f < 500; ++f) in += exactlyInFraction(0.1, f, 500, 7);
    CHECK(in == 50);
}
