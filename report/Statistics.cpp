#include "report/Statistics.h"

#include <algorithm>
#include <cmath>

namespace sg::report {

int64_t Histogram::total() const {
    int64_t n = 0;
    for (int64_t c : counts) n += c;
    return n;
}

Histogram makeHistogram(const std::vector<double>& values, double lo, double hi, int bins) {
    Histogram h;
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(std::max(bins, 1), 0);
    const double width = (hi - lo) / double(h.counts.size());
    for (double x : values) {
        if (std::isnan(x)) ++h.invalid;
        else if (x < lo) ++h.below;
        else if (x > hi) ++h.above;
        else {
            auto i = width > 0 ? int64_t((x - lo) / width) : 0;
            h.counts[size_t(std::min<int64_t>(i, int64_t(h.counts.size()) - 1))]++;
        }
    }
    return h;
}

Summary summarize(std::vector<double> values) {
    std::erase_if(values, [](double x) { return std::isnan(x); });
    Summary s;
    s.count = int64_t(values.size());
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    s.min = values.front();
    s.max = values.back();
    double sum = 0;
    for (double x : values) sum += x;
    s.mean = sum / double(values.size());
    size_t n = values.size();
    s.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
    return s;
}

double ksStatistic(std::vector<double> a, std::vector<double> b) {
    std::erase_if(a, [](double x) { return std::isnan(x); });
    std::erase_if(b, [](double x) { return std::isnan(x); });
    if (a.empty() || b.empty()) return 0;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const double na = double(a.size()), nb = double(b.size());
    size_t i = 0, j = 0;
    double d = 0;
    // Step through the distinct values of both samples; at each, both EDFs take every value <= x.
    while (i < a.size() && j < b.size()) {
        double x = std::min(a[i], b[j]);
        while (i < a.size() && a[i] <= x) ++i;
        while (j < b.size() && b[j] <= x) ++j;
        d = std::max(d, std::abs(double(i) / na - double(j) / nb));
    }
    return d;
}

}  // namespace sg::report
