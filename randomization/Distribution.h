#pragma once
// Distributions wherever a scenario accepts a number:
//   3.5                                              constant
//   {"uniform": [a, b]}                              uniform on [a, b] (integers: inclusive)
//   {"normal": {"mean": m, "std": s, "min": lo, "max": hi}}   normal, truncated to [lo, hi]
//   {"log_uniform": [a, b]}                          log-uniform on [a, b], 0 < a <= b
//   {"choice": [v1, v2, ...], "weights": [w1, ...]}  one of the values (weights optional)
// Parsing is strict: impossible ranges and values outside what the parameter allows are
// rejected up front with the file, JSON path and a fix, never discovered at frame 9000.
#include "core/JsonReader.h"
#include "core/KeyedRng.h"

#include <string>
#include <vector>

namespace sg {

struct NumberDistribution {
    enum class Kind { Constant, Uniform, Normal, LogUniform, Choice };
    Kind kind = Kind::Constant;
    double a = 0, b = 0;             // constant: a; uniform/log-uniform: [a, b]; normal: mean a, std b
    double lo = -1e300, hi = 1e300;  // normal: truncation bounds
    std::vector<double> values;      // choice
    std::vector<double> cumulative;  // choice: cumulative weights, last = 1
    bool integer = false;            // every draw is a whole number

    static NumberDistribution constant(double v) {
        NumberDistribution d;
        d.a = d.b = v;
        return d;
    }
    bool isConstant() const { return kind == Kind::Constant; }
    double smallest() const;  // smallest value a draw can take
    double largest() const;   // largest value a draw can take
};

struct DistributionOptions {
    NumberRange allowed;   // every possible draw must lie in this range
    bool integer = false;  // draws must be whole numbers (counts)
};

// Parses a distribution written at `path` of `file`.
NumberDistribution parseNumberDistribution(const Json& v, const std::string& file, const std::string& path,
                                           DistributionOptions options = {});
// Reads key `key` of `o` as a distribution, or returns `fallback` when absent.
NumberDistribution distributionOr(JsonObject& o, const std::string& key, NumberDistribution fallback,
                                  DistributionOptions options = {});
// Same, for a fixed-size vector of distributions written as [d0, d1, d2] (or one distribution
// applied to all components: "scale": {"uniform": [0.5, 2]} keeps proportions).
std::vector<NumberDistribution> vectorDistributionOr(JsonObject& o, const std::string& key, size_t n, std::vector<double> fallback,
                                                     DistributionOptions options = {});

double sampleNumber(const NumberDistribution& d, KeyedRng& rng);

// Weights of a choice among named items (normalized cumulative weights).
struct WeightedIndex {
    std::vector<double> cumulative;
    size_t size() const { return cumulative.size(); }
    size_t pick(KeyedRng& rng) const;
    double probability(size_t i) const { return cumulative[i] - (i ? cumulative[i - 1] : 0.0); }
};
// Builds from raw weights; `weights` null = all equal. Rejects negative or all-zero weights.
WeightedIndex parseWeights(const Json* weights, size_t n, const std::string& file, const std::string& path);

}  // namespace sg
