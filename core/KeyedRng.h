#pragma once
// Keyed, counter-based randomness: every draw is a pure function of
// (seed, frame index, entity, parameter, draw number). There is no shared stream, so a frame
// can be regenerated alone, any shard split gives the same values, and adding or reordering a
// randomizer changes only the values it controls.
#include <cstdint>
#include <string_view>

namespace sg {

// SplitMix64 finalizer: a bijective 64-bit mix with good avalanche.
constexpr uint64_t mix64(uint64_t z) {
    z += 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// FNV-1a, used to turn parameter names into keys (stable across platforms and builds).
constexpr uint64_t hashName(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (char c : s) {
        h ^= uint8_t(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

class KeyedRng {
public:
    KeyedRng(uint64_t seed, uint64_t frame, uint64_t entity, uint64_t parameter)
        : key_(mix64(mix64(mix64(mix64(seed) ^ frame) ^ entity) ^ parameter)) {}
    KeyedRng(uint64_t seed, uint64_t frame, uint64_t entity, std::string_view parameter)
        : KeyedRng(seed, frame, entity, hashName(parameter)) {}

    // A derived generator for a sub-entity, independent of this one's draws.
    KeyedRng child(uint64_t subkey) const { return KeyedRng(key_, subkey); }
    KeyedRng child(std::string_view name) const { return child(hashName(name)); }

    uint64_t nextU64() { return mix64(key_ ^ mix64(counter_++)); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(nextU64() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // Uniform integer in [lo, hi] (inclusive).
    int64_t uniformInt(int64_t lo, int64_t hi) {
        uint64_t span = uint64_t(hi - lo) + 1;
        return lo + int64_t(span == 0 ? nextU64() : nextU64() % span);
    }
    double normal();  // standard normal (Box-Muller on two draws)

private:
    KeyedRng(uint64_t key, uint64_t subkey) : key_(mix64(key ^ mix64(subkey))) {}
    uint64_t key_;
    uint64_t counter_ = 0;
};

}  // namespace sg
