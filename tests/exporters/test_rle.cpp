#include "SpecDecoders.h"
#include "exporters/Rle.h"

#include <catch2/catch.hpp>

#include <random>

using namespace sg;

// pycocotools maskApi.c rleToString: count i (0-based) is stored as cnts[i] - cnts[i-2] when
// i > 2, i.e. from the FOURTH count on; each value goes out in 5-bit groups, low group first,
// 0x20 = "more groups follow", 0x10 of the last group = sign, each group + 48 as a character.
TEST_CASE("RLE counts strings match values worked out by hand from pycocotools rleToString") {
    Rle r;
    r.height = 2;
    r.width = 5;
    r.counts = {3, 2};
    CHECK(rleToString(r) == "32");  // '0' + 3, '0' + 2
    r.counts = {40};
    // 40 = 0b101000: low 5 bits 8 with the continue bit 0x20 -> 8 + 32 + 48 = 'X'; then 1 -> '1'.
    CHECK(rleToString(r) == "X1");
}

TEST_CASE("RLE strings store counts from the fourth on as the difference to the count two before") {
    Rle r;
    r.height = 6;
    r.width = 7;
    r.counts = {7, 2, 9, 4, 20};
    // 7 -> '7', 2 -> '2'; the third count is stored as is (i = 2 is not > 2): 9 -> '9'.
    // Fourth: 4 - 2 = 2 -> '2'. Fifth: 20 - 9 = 11 -> '0' + 11 = ';'.
    // (A delta from the third count on would give "7222;"; no deltas at all "7294d0".)
    CHECK(rleToString(r) == "7292;");
    r.height = 7;
    r.width = 11;
    r.counts = {40, 30, 2, 5};
    // 40 -> "X1" (above). 30 = 0b11110: its 0x10 bit would read as a sign, so a second group
    // follows: 30 | 0x20 = 62 -> 'n', then 0 -> '0'. 2 -> '2'. Fourth: 5 - 30 = -25, whose low
    // 5 bits are 7 (-25 = -32 + 7) and the rest -1: 7 has no sign bit, so a group follows:
    // 7 | 0x20 = 39 -> 'W'; then -1: low bits 31 (sign bit set), rest -1 -> stop: 31 -> 'O'.
    CHECK(rleToString(r) == "X1n02WO");
    r.counts = {0, 5, 3, 2};
    // Third stored as is: 3; fourth: 2 - 5 = -3, low 5 bits 29 with the sign bit and nothing
    // left (-3 >> 5 = -1): one group, 29 + 48 = 'M'.
    CHECK(rleToString(r) == "053M");
    // The independent decoder reads the same counts back.
    CHECK(spec::cocoCountsFromString("7292;") == std::vector<uint32_t>{7, 2, 9, 4, 20});
    CHECK(spec::cocoCountsFromString("X1n02WO") == std::vector<uint32_t>{40, 30, 2, 5});
}

TEST_CASE("RLE strings decode (independent spec decoder) to exactly the masks, per instance, with or without boxes") {
    std::mt19937 rng(42);
    for (int trial = 0; trial < 20; ++trial) {
        int w = 1 + int(rng() % 70), h = 1 + int(rng() % 50);
        ImageU32 ids(w, h, 1, 0);
        // Blobs of a few instances plus noise, so runs of every length and both ends occur.
        for (int k = 0; k < 6; ++k) {
            int x0 = int(rng() % uint32_t(w)), y0 = int(rng() % uint32_t(h));
            int x1 = std::min(w, x0 + 1 + int(rng() % 30)), y1 = std::min(h, y0 + 1 + int(rng() % 30));
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x) ids.at(x, y) = uint32_t(k + 1);
        }
        for (int i = 0; i < w * h / 10; ++i) ids.pixels[rng() % ids.pixels.size()] = uint32_t(1 + rng() % 7);
        if (trial == 0) std::fill(ids.pixels.begin(), ids.pixels.end(), 3u);  // full mask
        if (trial == 1) ids.pixels[0] = 2;                                    // first pixel set
        std::vector<uint32_t> wanted = {1, 2, 3, 4, 5, 6, 7, 9};              // 9: absent
        std::vector<Rle> rles = encodeRleByInstance(ids, wanted);
        // Given any boxes that hold each instance (here the whole frame; above, the tight ones
        // found by a first pass), the result is the same.
        std::vector<Rle> boxed = encodeRleByInstance(ids, wanted, std::vector<PixelBox>(wanted.size(), PixelBox{0, 0, w, h}));
        REQUIRE(boxed.size() == wanted.size());
        for (size_t k = 0; k < wanted.size(); ++k) CHECK(boxed[k].counts == rles[k].counts);
        for (size_t k = 0; k < wanted.size(); ++k) {
            std::vector<uint32_t> counts = spec::cocoCountsFromString(rleToString(rles[k]));
            CHECK(counts == rles[k].counts);
            ImageU8 decoded = spec::maskFromCounts(counts, h, w);
            ImageU8 expected(w, h, 1, 0);
            for (size_t p = 0; p < ids.pixels.size(); ++p) expected.pixels[p] = ids.pixels[p] == wanted[k];
            CHECK(decoded.pixels == expected.pixels);
            CHECK(encodeRle(expected).counts == rles[k].counts);
        }
    }
}

TEST_CASE("RLE of an empty mask is one run of zeros; of a full mask, zero zeros then all ones") {
    ImageU8 empty(4, 3, 1, 0), full(4, 3, 1, 1);
    CHECK(encodeRle(empty).counts == std::vector<uint32_t>{12});
    CHECK(encodeRle(full).counts == std::vector<uint32_t>{0, 12});
}
