#include "randomization/ExactFrequency.h"

#include "core/KeyedRng.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sg {

uint64_t keyedPermutation(uint64_t index, uint64_t n, uint64_t key) {
    if (n <= 1) return 0;
    // Outside the domain there is nothing to permute (and cycle walking might never come back).
    if (index >= n) return index;
    int bits = 0;
    while ((uint64_t(1) << bits) < n) ++bits;
    if (bits < 2) bits = 2;
    if (bits & 1) ++bits;  // balanced halves
    const int half = bits / 2;
    const uint64_t mask = (uint64_t(1) << half) - 1;
    uint64_t x = index;
    // Cycle walking: a permutation of [0, 2^bits) restricted to [0, n) by re-applying it until
    // the value lands inside; still a bijection on [0, n).
    do {
        uint64_t l = x >> half, r = x & mask;
        for (uint64_t round = 0; round < 4; ++round) {
            uint64_t f = mix64(key ^ mix64(r ^ (round << 56))) & mask;
            uint64_t nl = r, nr = l ^ f;
            l = nl;
            r = nr;
        }
        x = (l << half) | r;
    } while (x >= n);
    return x;
}

std::vector<int64_t> exactCounts(const std::vector<double>& p, int64_t n) {
    std::vector<int64_t> counts(p.size(), 0);
    std::vector<double> frac(p.size(), 0);
    int64_t used = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        double want = p[i] * double(n);
        counts[i] = int64_t(std::floor(want + 1e-9));
        frac[i] = want - double(counts[i]);
        used += counts[i];
    }
    std::vector<size_t> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return frac[a] > frac[b]; });
    for (size_t k = 0; used < n && !order.empty(); k = (k + 1) % order.size(), ++used) counts[order[k]]++;
    return counts;
}

size_t exactBucket(const std::vector<double>& p, int64_t frame, int64_t n, uint64_t key) {
    if (p.size() <= 1 || n <= 0) return 0;
    uint64_t pos = keyedPermutation(uint64_t(frame), uint64_t(n), key);
    std::vector<int64_t> counts = exactCounts(p, n);
    int64_t acc = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
        acc += counts[i];
        if (int64_t(pos) < acc) return i;
    }
    return counts.size() - 1;
}

bool exactlyInFraction(double fraction, int64_t frame, int64_t n, uint64_t key) {
    return exactBucket({fraction, 1.0 - fraction}, frame, n, key) == 0;
}

}  // namespace sg
