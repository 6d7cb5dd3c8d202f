#include "report/SvgCharts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sg::report {

namespace {

constexpr int kWidth = 360, kHeight = 210;
constexpr int kLeft = 44, kRight = 10, kTop = 34, kBottom = 34;

std::string svgOpen(int width, int height, const std::string& title) {
    std::string s = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" + std::to_string(height) +
                    "\" role=\"img\"><title>" + escapeHtml(title) + "</title>";
    s += "<text x=\"4\" y=\"14\" class=\"ct\">" + escapeHtml(title) + "</text>";
    return s;
}

std::string text(double x, double y, const std::string& t, const char* anchor = "middle") {
    char buf[96];
    std::snprintf(buf, sizeof buf, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
    return buf + escapeHtml(t) + "</text>";
}

std::string legend(const std::vector<std::string>& names, int y) {
    if (names.size() < 2) return "";
    std::string s;
    double x = kLeft;
    for (size_t i = 0; i < names.size(); ++i) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "<rect x=\"%.1f\" y=\"%d\" width=\"8\" height=\"8\" fill=\"%s\"/>", x, y - 8,
                      seriesColour(i).c_str());
        s += buf + text(x + 11, y, names[i], "start");
        x += 16 + 6.5 * double(std::min<size_t>(names[i].size(), 24));
    }
    return s;
}

}  // namespace

std::string seriesColour(size_t i) {
    static const char* const colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    return colours[i % 6];
}

std::string escapeHtml(const std::string& t) {
    std::string s;
    s.reserve(t.size());
    for (char c : t) {
        switch (c) {
            case '&': s += "&amp;"; break;
            case '<': s += "&lt;"; break;
            case '>': s += "&gt;"; break;
            case '"': s += "&quot;"; break;
            default: s += c;
        }
    }
    return s;
}

std::string formatNumber(double x, int digits) {
    if (!std::isfinite(x)) return "-";
    char buf[64];
    if (x == std::floor(x) && std::abs(x) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", x);
    else if (std::abs(x) >= 1e-3 && std::abs(x) < 1e7) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    } else std::snprintf(buf, sizeof buf, "%.*e", std::max(digits - 1, 0), x);
    return buf;
}

std::string svgHistogram(const std::string& title, const std::string& xLabel, const std::vector<HistogramSeries>& series) {
    std::string s = svgOpen(kWidth, kHeight, title);
    const double plotW = kWidth - kLeft - kRight, plotH = kHeight - kTop - kBottom;
    double maxShare = 0;
    for (const auto& se : series) {
        double total = double(std::max<int64_t>(se.histogram.total(), 1));
        for (int64_t c : se.histogram.counts) maxShare = std::max(maxShare, double(c) / total);
    }
    if (maxShare <= 0) maxShare = 1;
    char buf[256];
    std::snprintf(buf, sizeof buf, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" class=\"frame\"/>", kLeft, kTop, plotW,
                  plotH);
    s += buf;
    for (size_t k = 0; k < series.size(); ++k) {
        const Histogram& h = series[k].histogram;
        const double total = double(std::max<int64_t>(h.total(), 1));
        const double bw = plotW / double(h.counts.size());
        std::string points;
        double baseY = kTop + plotH;
        std::snprintf(buf, sizeof buf, "%.1f,%.1f ", double(kLeft), baseY);
        points += buf;
        for (size_t i = 0; i < h.counts.size(); ++i) {
            double y = baseY - plotH * (double(h.counts[i]) / total) / maxShare;
            std::snprintf(buf, sizeof buf, "%.1f,%.1f %.1f,%.1f ", kLeft + bw * double(i), y, kLeft + bw * double(i + 1), y);
            points += buf;
        }
        std::snprintf(buf, sizeof buf, "%.1f,%.1f", kLeft + plotW, baseY);
        points += buf;
        const std::string c = seriesColour(k);
        s += "<polygon points=\"" + points + "\" fill=\"" + c + "\" fill-opacity=\"" + (series.size() > 1 ? "0.2" : "0.5") +
             "\" stroke=\"" + c + "\" stroke-width=\"1.2\"/>";
    }
    const double lo = series.empty() ? 0 : series[0].histogram.lo, hi = series.empty() ? 1 : series[0].histogram.hi;
    s += text(kLeft, kTop + plotH + 12, formatNumber(lo));
    s += text(kLeft + plotW / 2, kTop + plotH + 12, formatNumber((lo + hi) / 2));
    s += text(kLeft + plotW, kTop + plotH + 12, formatNumber(hi));
    s += text(kLeft + plotW / 2, kHeight - 4, xLabel);
    s += text(kLeft - 3, kTop + 8, formatNumber(100 * maxShare, 2) + "%", "end");
    s += text(kLeft - 3, kTop + plotH, "0", "end");
    std::vector<std::string> names;
    for (const auto& se : series) names.push_back(se.name);
    s += legend(names, 28);
    return s + "</svg>";
}

std::string svgBars(const std::string& title, const std::vector<std::string>& labels, const std::vector<BarSeries>& series,
                    bool asShares) {
    const int rowH = std::max<int>(10, int(6 * series.size()) + 4);
    const int left = 120;
    const int height = kTop + 4 + rowH * int(labels.size()) + 8;
    std::string s = svgOpen(kWidth, height, title);
    const double plotW = kWidth - left - 50;
    std::vector<double> totals(series.size(), 0);
    double maxValue = 0;
    for (size_t k = 0; k < series.size(); ++k) {
        for (double v : series[k].values) totals[k] += v;
        for (double v : series[k].values) maxValue = std::max(maxValue, asShares && totals[k] > 0 ? v / totals[k] : v);
    }
    if (maxValue <= 0) maxValue = 1;
    char buf[256];
    const double barH = double(rowH - 4) / double(std::max<size_t>(series.size(), 1));
    for (size_t i = 0; i < labels.size(); ++i) {
        double y0 = kTop + 4 + rowH * double(i);
        s += text(left - 4, y0 + rowH / 2.0 + 3, labels[i].size() > 20 ? labels[i].substr(0, 19) + "…" : labels[i], "end");
        for (size_t k = 0; k < series.size(); ++k) {
            double v = i < series[k].values.size() ? series[k].values[i] : 0;
            double shown = asShares && totals[k] > 0 ? v / totals[k] : v;
            double w = plotW * shown / maxValue;
            std::snprintf(buf, sizeof buf, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", left,
                          y0 + 2 + barH * double(k), w, barH - 0.5, seriesColour(k).c_str());
            s += buf;
            if (series.size() == 1)
                s += text(left + w + 3, y0 + rowH / 2.0 + 3, asShares ? formatNumber(100 * shown, 3) + "%" : formatNumber(v), "start");
        }
    }
    std::vector<std::string> names;
    for (const auto& se : series) names.push_back(se.name);
    s += legend(names, 28);
    return s + "</svg>";
}

std::string svgHeatmap(const std::string& title, const std::vector<int64_t>& cells, int columns, int rows, double aspect) {
    const double plotW = 240, plotH = std::clamp(plotW / std::max(aspect, 0.1), 60.0, 320.0);
    const int width = int(plotW) + 20, height = int(plotH) + 40;
    std::string s = svgOpen(width, height, title);
    int64_t maxCount = 1;
    for (int64_t c : cells) maxCount = std::max(maxCount, c);
    const double cw = plotW / columns, ch = plotH / rows;
    char buf[200];
    std::snprintf(buf, sizeof buf, "<rect x=\"10\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" stroke=\"#999\"/>", kTop,
                  plotW, plotH);
    s += buf;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            int64_t n = cells[size_t(r) * columns + c];
            if (!n) continue;
            double t = std::sqrt(double(n) / double(maxCount));
            std::snprintf(buf, sizeof buf,
                          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.2f\" height=\"%.2f\" fill=\"#b5179e\" fill-opacity=\"%.3f\"/>",
                          10 + cw * c, kTop + ch * r, cw + 0.05, ch + 0.05, 0.08 + 0.92 * t);
            s += buf;
        }
    s += text(10 + plotW / 2, kTop + plotH + 12, "max " + std::to_string(maxCount) + " per cell");
    return s + "</svg>";
}

}  // namespace sg::report
