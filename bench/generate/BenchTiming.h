#pragma once
// Timing helpers shared by the generate benches.
#include <sys/resource.h>

#include <algorithm>
#include <vector>

// Process CPU seconds (all threads): less sensitive than wall time to other load on the machine.
inline double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + 1e-6 * double(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

// The middle element (the upper one of an even count).
inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
