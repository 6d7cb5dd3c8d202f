#pragma once
// Rare cases on purpose, honored exactly: "2% of frames with extreme backlight" means exactly
// round(0.02 * N) frames of an N-frame dataset, not 2% on average. Frames are assigned through a
// seed-keyed pseudo-random permutation of [0, N), so any frame's assignment is computable alone
// (no shared state, any shard split agrees) and the counts over the dataset are exact.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sg {

// Position of `index` in a pseudo-random permutation of [0, n) keyed by `key` (a small Feistel
// network with cycle walking; a bijection for every n).
uint64_t keyedPermutation(uint64_t index, uint64_t n, uint64_t key);

// Counts per bucket for n frames: floor(p * n) each, the remainder handed out by largest
// fractional part (ties to the lower index). Counts always sum to n.
std::vector<int64_t> exactCounts(const std::vector<double>& probabilities, int64_t n);

// The bucket of `frame` among n frames, so that bucket i receives exactly exactCounts(...)[i]
// frames spread pseudo-randomly over the dataset.
size_t exactBucket(const std::vector<double>& probabilities, int64_t frame, int64_t n, uint64_t key);

// True for exactly round-by-largest-remainder(fraction * n) of the n frames.
bool exactlyInFraction(double fraction, int64_t frame, int64_t n, uint64_t key);

}  // namespace sg
