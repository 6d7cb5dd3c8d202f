#pragma once
// Charts as inline SVG text, written by hand so the page needs no script library and no network.
// Several series in one chart are overlaid (the comparison of datasets), each in its own colour,
// normalized to fractions so datasets of different sizes compare.
#include "report/Statistics.h"

#include <string>
#include <vector>

namespace sg::report {

// The colour of series i (the same dataset keeps its colour on every chart).
std::string seriesColour(size_t i);

struct HistogramSeries {
    std::string name;
    Histogram histogram;
};
// Step outlines with a light fill; the y axis is the share of each series' values per bin.
std::string svgHistogram(const std::string& title, const std::string& xLabel, const std::vector<HistogramSeries>& series);

struct BarSeries {
    std::string name;
    std::vector<double> values;  // one per label
};
// Grouped horizontal bars, one group per label; values shown as shares of each series' total
// when `asShares`, else as they are.
std::string svgBars(const std::string& title, const std::vector<std::string>& labels, const std::vector<BarSeries>& series,
                    bool asShares);

// A grid of counts (row-major, rows top to bottom) as shaded cells with the image's aspect.
std::string svgHeatmap(const std::string& title, const std::vector<int64_t>& cells, int columns, int rows, double aspect);

// Text made safe for HTML and SVG (&, <, >, ").
std::string escapeHtml(const std::string& text);
// A number with up to `digits` significant digits, no exponent for ordinary magnitudes.
std::string formatNumber(double x, int digits = 3);

}  // namespace sg::report
