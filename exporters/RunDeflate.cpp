#include "exporters/RunDeflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace sg {

namespace {

constexpr size_t kWindow = 32768;
constexpr size_t kMinMatch = 3, kMaxMatch = 258;

// Length codes 257..285 and distance codes 0..29: base values and extra bits (RFC 1951, 3.2.5).
constexpr std::array<uint16_t, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                  2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<uint16_t, 30> kDistanceBase = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                                    33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                                    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<uint8_t, 30> kDistanceExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                    6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

uint32_t reverseBits(uint32_t code, int length) {
    uint32_t r = 0;
    for (int i = 0; i < length; ++i) r |= ((code >> i) & 1u) << (length - 1 - i);
    return r;
}

// The fixed literal/length code (RFC 1951, 3.2.6), bit-reversed for LSB-first output.
struct FixedCodes {
    std::array<uint16_t, 288> code{};
    std::array<uint8_t, 288> length{};
    std::array<uint8_t, 259> lengthSymbol{};  // match length -> index into kLengthBase
    FixedCodes() {
        for (int s = 0; s < 288; ++s) {
            int len = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
            uint32_t c = s < 144 ? 0x30 + s : s < 256 ? 0x190 + (s - 144) : s < 280 ? s - 256 : 0xC0 + (s - 280);
            code[size_t(s)] = uint16_t(reverseBits(c, len));
            length[size_t(s)] = uint8_t(len);
        }
        for (size_t l = kMinMatch; l <= kMaxMatch; ++l) {
            size_t k = 0;
            while (k + 1 < kLengthBase.size() && kLengthBase[k + 1] <= l) ++k;
            lengthSymbol[l] = uint8_t(k);
        }
    }
};

class BitWriter {
public:
    explicit BitWriter(std::vector<uint8_t>& out) : out_(out) {}
    void put(uint32_t bits, int count) {  // count <= 32
        buffer_ |= uint64_t(bits) << used_;
        used_ += count;
        while (used_ >= 8) {
            out_.push_back(uint8_t(buffer_));
            buffer_ >>= 8;
            used_ -= 8;
        }
    }
    void flushToByte() {
        if (used_ > 0) out_.push_back(uint8_t(buffer_));
        buffer_ = 0;
        used_ = 0;
    }

private:
    std::vector<uint8_t>& out_;
    uint64_t buffer_ = 0;
    int used_ = 0;
};

// How many bytes from i on equal the bytes `distance` back (at most `limit`).
size_t matchLength(const uint8_t* data, size_t i, size_t distance, size_t limit) {
    size_t n = 0;
    while (n + 8 <= limit) {
        uint64_t a, b;
        std::memcpy(&a, data + i + n, 8);
        std::memcpy(&b, data + i + n - distance, 8);
        if (a != b) return n + size_t(__builtin_ctzll(a ^ b) / 8);
        n += 8;
    }
    while (n < limit && data[i + n] == data[i + n - distance]) ++n;
    return n;
}

}  // namespace

std::vector<uint8_t> zlibCompressRuns(const uint8_t* data, size_t size, size_t pixelDistance, size_t rowDistance) {
    static const FixedCodes fixed;
    std::vector<uint8_t> out;
    out.reserve(size / 8 + 64);
    out.push_back(0x78);  // CMF: deflate, 32 KiB window
    out.push_back(0x01);  // FLG: fastest, no dictionary; 0x7801 is a multiple of 31
    BitWriter bits(out);
    bits.put(1, 1);  // BFINAL: the only block
    bits.put(1, 2);  // BTYPE 01: fixed Huffman codes
    const size_t distances[2] = {pixelDistance, rowDistance};
    size_t i = 0;
    while (i < size) {
        size_t best = 0, bestDistance = 0;
        const size_t limit = std::min(kMaxMatch, size - i);
        for (size_t d : distances) {
            if (d == 0 || d > kWindow || d > i || limit < kMinMatch) continue;
            size_t n = matchLength(data, i, d, limit);
            if (n > best) best = n, bestDistance = d;
        }
        if (best < kMinMatch) {
            uint8_t literal = data[i++];
            bits.put(fixed.code[literal], fixed.length[literal]);
            continue;
        }
        size_t k = fixed.lengthSymbol[best];
        bits.put(fixed.code[257 + k], fixed.length[257 + k]);
        if (kLengthExtra[k]) bits.put(uint32_t(best - kLengthBase[k]), kLengthExtra[k]);
        size_t dk = size_t(std::upper_bound(kDistanceBase.begin(), kDistanceBase.end(), bestDistance) - kDistanceBase.begin()) - 1;
        bits.put(reverseBits(uint32_t(dk), 5), 5);
        if (kDistanceExtra[dk]) bits.put(uint32_t(bestDistance - kDistanceBase[dk]), kDistanceExtra[dk]);
        i += best;
    }
    bits.put(fixed.code[256], fixed.length[256]);  // end of block
    bits.flushToByte();
    uint32_t adler = libdeflate_adler32(1, data, size);
    for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(adler >> s));
    return out;
}

}  // namespace sg
