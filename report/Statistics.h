#pragma once
// Plain statistics for the report: fixed-bin histograms, summaries, and the two-sample
// Kolmogorov-Smirnov statistic that ranks how far two datasets differ on one quantity.
#include <cstdint>
#include <vector>

namespace sg::report {

// Bins of equal width over [lo, hi]: bin i holds lo + i w <= x < lo + (i + 1) w, the last bin
// also holds x == hi. Values outside [lo, hi] are counted in below / above, NaN in invalid.
struct Histogram {
    double lo = 0, hi = 1;
    std::vector<int64_t> counts;
    int64_t below = 0, above = 0, invalid = 0;
    int64_t total() const;  // values inside [lo, hi]
};
Histogram makeHistogram(const std::vector<double>& values, double lo, double hi, int bins);

struct Summary {
    int64_t count = 0;
    double min = 0, max = 0, mean = 0, median = 0;
};
Summary summarize(std::vector<double> values);

// sup over x of |F_a(x) - F_b(x)| for the empirical distribution functions of a and b
// (right-continuous, so ties across samples are stepped together). 0 when either is empty.
double ksStatistic(std::vector<double> a, std::vector<double> b);

}  // namespace sg::report
