#include "report/ReportPage.h"

#include "exporters/Contours.h"
#include "report/Statistics.h"
#include "report/SvgCharts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

namespace sg::report {

namespace {

using Pages = std::vector<DatasetPage>;

std::string td(const std::string& id, const std::string& value) { return "<td id=\"" + id + "\">" + escapeHtml(value) + "</td>"; }
std::string dsId(size_t k) { return "d" + std::to_string(k); }
std::string classColour(size_t category) {
    // Golden-angle hues from blue, so neighbouring classes differ and the first is not defect red.
    return "hsl(" + std::to_string(int(std::fmod(210.0 + double(category) * 137.508, 360.0))) + ",80%,50%)";
}
double maxOf(const Pages& pages, std::vector<double> DatasetAnalysis::*field) {
    double m = 0;
    for (const auto& p : pages)
        for (double x : p.analysis.*field) m = std::max(m, x);
    return m;
}

const char* kHead = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>synthgen report</title>
<script>
// Any script error is written into the page, so a test (or a reader) sees it in the DOM.
window.addEventListener('error', function (e) {
  var box = document.getElementById('script-errors');
  if (box) { box.hidden = false; box.textContent += 'script error: ' + e.message + '\n'; }
  document.documentElement.setAttribute('data-script-errors', 'yes');
});
</script>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 24px 40px; color: #222; background: #fafafa; }
h1 { font-size: 22px; margin: 16px 0 4px; } h2 { font-size: 18px; border-bottom: 1px solid #ccc; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0; background: #fff; }
td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: right; } th { background: #f0f0f0; }
td.l, th.l { text-align: left; }
.warn { background: #fff4d6; border: 1px solid #e0b000; padding: 6px 10px; margin: 4px 0; }
#script-errors { background: #fdd; border: 1px solid #c00; white-space: pre; padding: 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
svg.chart { background: #fff; border: 1px solid #ddd; font-size: 10px; }
svg.chart .ct { font-size: 12px; font-weight: 600; } svg.chart .frame { fill: none; stroke: #bbb; }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px; }
.gallery figure { margin: 0; background: #fff; border: 1px solid #ddd; }
.shot { position: relative; line-height: 0; } .shot img { width: 100%; height: auto; display: block; }
.shot svg { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
figcaption { font-size: 11px; padding: 3px 5px; color: #555; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
.strip img { height: 72px; display: block; margin: 2px 0 10px; }
ul.tree { margin: 4px 0; } .ks-top { font-weight: 700; background: #ffe9e9; }
</style></head><body>
<pre id="script-errors" hidden></pre>
)";

std::string overviewSection(const Pages& pages) {
    std::string s = "<h2>Overview</h2><table><tr><th class=\"l\"></th>";
    for (const auto& p : pages) s += "<th>" + escapeHtml(p.dataset->name) + "</th>";
    s += "</tr>";
    auto row = [&](const char* label, const char* key, auto value) {
        s += std::string("<tr><th class=\"l\">") + label + "</th>";
        for (size_t k = 0; k < pages.size(); ++k) s += td(dsId(k) + "-" + key, value(pages[k]));
        s += "</tr>";
    };
    row("images", "images", [](const DatasetPage& p) { return std::to_string(p.dataset->images.size()); });
    row("instances", "instances", [](const DatasetPage& p) { return std::to_string(p.dataset->annotations.size()); });
    row("categories", "categories", [](const DatasetPage& p) { return std::to_string(p.dataset->categories.size()); });
    row("instances per image", "per-image",
        [](const DatasetPage& p) { return formatNumber(summarize(p.analysis.instancesPerImage).mean, 3); });
    auto manifestValue = [](const char* key) {
        return [key](const DatasetPage& p) {
            const auto& m = p.dataset->manifest;
            if (!m.is_object() || !m.contains(key)) return std::string("-");
            return m[key].is_string() ? m[key].get<std::string>() : m[key].dump();
        };
    };
    row("synthgen version", "version", manifestValue("synthgen_version"));
    row("seed", "seed", manifestValue("seed"));
    row("scenario hash", "scenario-hash", manifestValue("scenario_hash"));
    row("scenario file", "scenario-file", manifestValue("scenario_file"));
    row("resolution", "resolution", manifestValue("resolution"));
    row("source", "source", [](const DatasetPage& p) { return p.dataset->source.string(); });
    return s + "</table>";
}

// Requested rates from the manifest's scenario next to what the dataset holds.
std::string ratesSection(const Pages& pages) {
    std::string rows;
    for (size_t k = 0; k < pages.size(); ++k) {
        const auto& d = *pages[k].dataset;
        const auto& a = pages[k].analysis;
        const double n = double(std::max<size_t>(d.images.size(), 1));
        if (d.manifest.is_object() && d.manifest.contains("scenario") && d.manifest["scenario"].contains("variants"))
            for (const auto& v : d.manifest["scenario"]["variants"]) {
                std::string name = v.value("name", "");
                double weight = v.value("weight", 0.0);
                int64_t got = a.variantFrames.count(name) ? a.variantFrames.at(name) : 0;
                rows += "<tr><td class=\"l\">" + escapeHtml(d.name) + "</td><td class=\"l\">variant " + escapeHtml(name) +
                        "</td><td>" + formatNumber(100 * weight, 4) + " %</td>" +
                        td(dsId(k) + "-variant-" + name, formatNumber(100 * double(got) / n, 4) + " %") + "<td>" +
                        std::to_string(got) + " of " + std::to_string(d.images.size()) + " frames</td></tr>";
            }
        if (d.manifest.is_object() && d.manifest.contains("scenario") && d.manifest["scenario"].contains("groups"))
            for (const auto& g : d.manifest["scenario"]["groups"]) {
                if (!g.contains("frequency") || !g["frequency"].is_number()) continue;
                std::string name = g.value("name", "");
                int64_t got = a.groupFrames.count(name) ? a.groupFrames.at(name) : 0;
                rows += "<tr><td class=\"l\">" + escapeHtml(d.name) + "</td><td class=\"l\">frames with group " + escapeHtml(name) +
                        "</td><td>" + formatNumber(100 * g["frequency"].get<double>(), 4) + " %</td>" +
                        td(dsId(k) + "-group-" + name, formatNumber(100 * double(got) / n, 4) + " %") + "<td>" + std::to_string(got) +
                        " of " + std::to_string(d.images.size()) + " frames</td></tr>";
            }
        if (!a.defectFamilies.empty()) {
            rows += "<tr><td class=\"l\">" + escapeHtml(d.name) + "</td><td class=\"l\">images with a defect</td><td>-</td>" +
                    td(dsId(k) + "-defect-images", formatNumber(100 * double(a.imagesWithDefects) / n, 4) + " %") + "<td>" +
                    std::to_string(a.imagesWithDefects) + " images</td></tr>";
        }
    }
    if (rows.empty()) return "";
    return "<h2>Requested and achieved rates</h2><table><tr><th class=\"l\">dataset</th><th class=\"l\">what</th>"
           "<th>requested</th><th>achieved</th><th>count</th></tr>" +
           rows + "</table>";
}

// The class hierarchy from the "/"-separated names, as nested lists.
std::string hierarchyList(const std::set<std::string>& names) {
    std::map<std::string, std::set<std::string>> children;  // parent path -> child paths
    for (const std::string& name : names) {
        std::string parent;
        for (size_t slash = name.find('/');; slash = name.find('/', slash + 1)) {
            std::string path = name.substr(0, slash);
            children[parent].insert(path);
            if (slash == std::string::npos) break;
            parent = path;
        }
    }
    std::function<std::string(const std::string&)> list = [&](const std::string& parent) {
        if (!children.count(parent)) return std::string();
        std::string s = "<ul class=\"tree\">";
        for (const std::string& c : children[parent]) {
            std::string leaf = c.substr(c.rfind('/') == std::string::npos ? 0 : c.rfind('/') + 1);
            s += "<li>" + escapeHtml(leaf) + list(c) + "</li>";
        }
        return s + "</ul>";
    };
    return list("");
}

std::string classesSection(const Pages& pages) {
    std::set<std::string> names;
    for (const auto& p : pages)
        for (const auto& c : p.dataset->categories) names.insert(c.name);
    std::string s = "<h2>Categories</h2>" + hierarchyList(names) + "<table><tr><th class=\"l\">category</th>";
    for (const auto& p : pages) s += "<th>" + escapeHtml(p.dataset->name) + " instances</th><th>images</th><th>share</th>";
    s += "</tr>";
    for (const std::string& name : names) {
        s += "<tr data-category=\"" + escapeHtml(name) + "\"><td class=\"l\">" + escapeHtml(name) + "</td>";
        for (size_t k = 0; k < pages.size(); ++k) {
            const auto& d = *pages[k].dataset;
            auto it = std::find_if(d.categories.begin(), d.categories.end(), [&](const ReportCategory& c) { return c.name == name; });
            if (it == d.categories.end()) {
                s += "<td>-</td><td>-</td><td>-</td>";
                continue;
            }
            size_t c = size_t(it - d.categories.begin());
            const ClassCount& n = pages[k].analysis.perClass[c];
            std::string id = dsId(k) + "-class-" + std::to_string(it->id);
            double share = d.annotations.empty() ? 0 : 100.0 * double(n.instances) / double(d.annotations.size());
            s += td(id + "-instances", std::to_string(n.instances)) + td(id + "-images", std::to_string(n.images)) + "<td>" +
                 formatNumber(share, 3) + " %</td>";
        }
        s += "</tr>";
    }
    return s + "</table>";
}

std::vector<HistogramSeries> seriesOf(const Pages& pages, std::vector<double> DatasetAnalysis::*field, double lo, double hi,
                                      int bins) {
    std::vector<HistogramSeries> series;
    for (const auto& p : pages) series.push_back({p.dataset->name, makeHistogram(p.analysis.*field, lo, hi, bins)});
    return series;
}

bool anyValues(const Pages& pages, std::vector<double> DatasetAnalysis::*field) {
    return std::any_of(pages.begin(), pages.end(), [&](const DatasetPage& p) { return !(p.analysis.*field).empty(); });
}

std::string defectCharts(const Pages& pages) {
    std::string s;
    std::set<std::string> families, severities, sizeKeys;
    for (const auto& p : pages) {
        for (const auto& [f, n] : p.analysis.defectFamilies) families.insert(f);
        for (const auto& [v, n] : p.analysis.defectSeverities) severities.insert(v);
        for (const auto& [key, values] : p.analysis.defectSizes) sizeKeys.insert(key);
    }
    auto bars = [&](const std::string& title, const std::set<std::string>& labels,
                    std::map<std::string, int64_t> DatasetAnalysis::*field) {
        std::vector<BarSeries> series;
        for (const auto& p : pages) {
            BarSeries b{p.dataset->name, {}};
            for (const auto& l : labels) b.values.push_back(double((p.analysis.*field).count(l) ? (p.analysis.*field).at(l) : 0));
            series.push_back(b);
        }
        return svgBars(title, {labels.begin(), labels.end()}, series, pages.size() > 1);
    };
    if (!families.empty()) s += bars("defect families", families, &DatasetAnalysis::defectFamilies);
    if (!severities.empty()) s += bars("defect severity", severities, &DatasetAnalysis::defectSeverities);
    for (const std::string& key : sizeKeys) {
        double hi = 0;
        for (const auto& p : pages)
            if (p.analysis.defectSizes.count(key))
                for (double x : p.analysis.defectSizes.at(key)) hi = std::max(hi, x);
        std::vector<HistogramSeries> series;
        for (const auto& p : pages) {
            static const std::vector<double> none;
            const auto& values = p.analysis.defectSizes.count(key) ? p.analysis.defectSizes.at(key) : none;
            series.push_back({p.dataset->name, makeHistogram(values, 0, hi > 0 ? hi : 1, 20)});
        }
        s += svgHistogram("defect " + key, key, series);
    }
    return s;
}

std::string distributionsSection(const Pages& pages) {
    std::string s = "<h2 id=\"distributions\">Distributions</h2><div class=\"charts\">";
    s += svgHistogram("relative box size", "sqrt(box area / image area)", seriesOf(pages, &DatasetAnalysis::relativeSize, 0, 1, 20));
    s += svgHistogram("box aspect ratio", "log2(width / height)", seriesOf(pages, &DatasetAnalysis::aspectLog2, -4, 4, 32));
    double maxPerImage = maxOf(pages, &DatasetAnalysis::instancesPerImage);
    s += svgHistogram(
        "instances per image", "instances",
        seriesOf(pages, &DatasetAnalysis::instancesPerImage, -0.5, maxPerImage + 0.5, int(std::min(maxPerImage + 1, 60.0))));
    if (anyValues(pages, &DatasetAnalysis::visibleFraction))
        s += svgHistogram("visible fraction", "visible / whole-object pixels",
                          seriesOf(pages, &DatasetAnalysis::visibleFraction, 0, 1, 20));
    if (anyValues(pages, &DatasetAnalysis::truncation))
        s += svgHistogram("truncation", "share of the silhouette outside the image",
                          seriesOf(pages, &DatasetAnalysis::truncation, 0, 1, 20));
    if (anyValues(pages, &DatasetAnalysis::distance)) {
        double hi = maxOf(pages, &DatasetAnalysis::distance);
        s += svgHistogram("object depth", "camera-frame Z of the object origin (m)",
                          seriesOf(pages, &DatasetAnalysis::distance, 0, hi > 0 ? hi : 1, 24));
    }
    bool keypoints = std::any_of(pages.begin(), pages.end(), [](const DatasetPage& p) {
        return p.analysis.keypointStates[0] + p.analysis.keypointStates[1] + p.analysis.keypointStates[2] > 0;
    });
    if (keypoints) {
        std::vector<BarSeries> series;
        for (const auto& p : pages)
            series.push_back(
                {p.dataset->name,
                 {double(p.analysis.keypointStates[0]), double(p.analysis.keypointStates[1]), double(p.analysis.keypointStates[2])}});
        s += svgBars("keypoint states", {"outside", "hidden", "visible"}, series, true);
    }
    s += defectCharts(pages);
    for (const auto& p : pages) {
        const auto& im = p.dataset->images;
        double aspect = im.empty() || im[0].height == 0 ? 4.0 / 3.0 : double(im[0].width) / im[0].height;
        s += svgHeatmap("box centers: " + p.dataset->name, p.analysis.centerGrid, DatasetAnalysis::kCenterColumns,
                        DatasetAnalysis::kCenterRows, aspect);
    }
    return s + "</div>";
}

// Per-image statistics: a summary table, overlaid histograms, and with several datasets the KS
// statistic of each against the first, largest gap first.
std::string imageStatsSection(const Pages& pages) {
    std::string s = pages.size() > 1 ? "<h2>Comparison of images</h2>" : "<h2>Image statistics</h2>";
    s += "<p>Computed on ";
    for (size_t k = 0; k < pages.size(); ++k)
        s += (k ? ", " : "") + std::to_string(pages[k].imageStats.size()) + " images of " + escapeHtml(pages[k].dataset->name);
    s += " (evenly spread over each dataset).</p>";
    struct Row {
        const ImageStatField* field;
        std::vector<std::vector<double>> values;  // per dataset
        double ks = 0;                            // largest KS against the first dataset
    };
    std::vector<Row> rows;
    for (const ImageStatField& f : imageStatFields()) {
        Row r{&f, {}, 0};
        for (const auto& p : pages) {
            std::vector<double> v;
            for (const ImageStats& st : p.imageStats) v.push_back(f.get(st));
            r.values.push_back(std::move(v));
        }
        for (size_t k = 1; k < pages.size(); ++k) r.ks = std::max(r.ks, ksStatistic(r.values[0], r.values[k]));
        rows.push_back(std::move(r));
    }
    if (pages.size() > 1) std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.ks > b.ks; });
    s += "<table><tr><th class=\"l\">statistic</th>";
    for (const auto& p : pages) s += "<th>" + escapeHtml(p.dataset->name) + " median</th>";
    for (size_t k = 1; k < pages.size(); ++k)
        s += "<th>KS " + escapeHtml(pages[0].dataset->name) + " vs " + escapeHtml(pages[k].dataset->name) + "</th>";
    s += "</tr>";
    for (size_t i = 0; i < rows.size(); ++i) {
        s += std::string("<tr") + (pages.size() > 1 && i == 0 ? " class=\"ks-top\"" : "") + "><td class=\"l\">" +
             rows[i].field->label + "</td>";
        for (const auto& v : rows[i].values) s += "<td>" + formatNumber(summarize(v).median, 4) + "</td>";
        for (size_t k = 1; k < pages.size(); ++k)
            s += td("ks-" + std::string(rows[i].field->key) + "-" + std::to_string(k),
                    formatNumber(ksStatistic(rows[i].values[0], rows[i].values[k]), 3));
        s += "</tr>";
    }
    s += "</table><div class=\"charts\">";
    for (const ImageStatField& f : imageStatFields()) {
        auto row = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.field == &f; });
        double hi = 0;
        for (const auto& v : row->values)
            for (double x : v) hi = std::max(hi, x);
        std::vector<HistogramSeries> series;
        for (size_t k = 0; k < pages.size(); ++k)
            series.push_back({pages[k].dataset->name, makeHistogram(row->values[k], 0, hi > 0 ? hi : 1, 24)});
        s += svgHistogram(f.label, pages.size() > 1 ? "KS " + formatNumber(row->ks, 3) : std::string(f.key), series);
    }
    return s + "</div>";
}

// The outline of a COCO RLE mask, decoded only over the annotation's box.
std::string rleOutline(const ReportAnnotation& a) {
    const Rle& seg = a.segmentation.rle;
    int x0 = std::max(0, int(std::floor(a.x)) - 1), y0 = std::max(0, int(std::floor(a.y)) - 1);
    int x1 = std::min(seg.width, int(std::ceil(a.x + a.w)) + 1), y1 = std::min(seg.height, int(std::ceil(a.y + a.h)) + 1);
    if (x1 <= x0 || y1 <= y0) return "";
    ImageU8 mask(x1 - x0, y1 - y0, 1, 0);
    int64_t p = 0;
    for (size_t r = 0; r < seg.counts.size(); ++r) {
        int64_t end = p + seg.counts[r];
        if (r % 2)
            for (int64_t q = p; q < end; ++q) {
                int x = int(q / seg.height), y = int(q % seg.height);
                if (x >= x0 && x < x1 && y >= y0 && y < y1) mask.at(x - x0, y - y0) = 1;
            }
        p = end;
    }
    MaskContours rings = traceContours(mask);
    std::string d;
    char buf[48];
    auto ring = [&](const Polygon& poly) {
        for (size_t i = 0; i < poly.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%c%d %d", i ? 'L' : 'M', poly[i].x + x0, poly[i].y + y0);
            d += buf;
        }
        d += "Z";
    };
    for (const Polygon& poly : rings.outer) ring(poly);
    for (const Polygon& poly : rings.holes) ring(poly);
    return d;
}

std::string polygonOutline(const Segmentation& seg) {
    std::string d;
    char buf[64];
    for (const auto& poly : seg.polygons) {
        for (size_t i = 0; i + 1 < poly.size(); i += 2) {
            std::snprintf(buf, sizeof buf, "%c%.1f %.1f", i ? 'L' : 'M', poly[i], poly[i + 1]);
            d += buf;
        }
        d += "Z";
    }
    return d;
}

std::string overlay(const ReportDataset& d, size_t image, const std::vector<size_t>& annotations) {
    const ReportImage& im = d.images[image];
    std::string s = "<svg viewBox=\"0 0 " + std::to_string(im.width) + " " + std::to_string(im.height) +
                    "\" preserveAspectRatio=\"none\">";
    const double stroke = std::max(1.0, im.width / 320.0);
    char buf[256];
    for (size_t ai : annotations) {
        const ReportAnnotation& a = d.annotations[ai];
        const bool defect = d.categories[a.category].isDefect();
        const std::string colour = defect ? "#ff1a1a" : classColour(a.category);
        std::string outline = a.segmentation.kind == Segmentation::Kind::Rle ? rleOutline(a) : polygonOutline(a.segmentation);
        if (!outline.empty())
            s += "<path d=\"" + outline + "\" fill=\"" + colour + "\" fill-opacity=\"0.18\" stroke=\"" + colour +
                 "\" stroke-width=\"" + formatNumber(stroke, 2) + "\" fill-rule=\"evenodd\"/>";
        std::snprintf(
            buf, sizeof buf,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>", a.x,
            a.y, a.w, a.h, colour.c_str(), stroke * (defect ? 1.5 : 1.0), defect ? " stroke-dasharray=\"4 2\"" : "");
        s += buf;
        for (size_t k = 0; k + 2 < a.keypoints.size(); k += 3) {
            int v = int(a.keypoints[k + 2]);
            if (v <= 0) continue;
            std::snprintf(buf, sizeof buf,
                          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#000\" stroke-width=\"%.1f\"/>",
                          a.keypoints[k], a.keypoints[k + 1], stroke * 2.5, v == 2 ? "#00e000" : "#ffa000", stroke * 0.5);
            s += buf;
        }
    }
    return s + "</svg>";
}

std::string gallerySection(const Pages& pages) {
    std::string s =
        "<h2 id=\"preview\">Preview</h2><p>Boxes, mask outlines and keypoints (green visible, orange hidden) drawn over the "
        "pictures; defects dashed red. Every class appears, the rarest first. Show: <select id=\"class-filter\">"
        "<option value=\"\">all classes</option>";
    std::set<std::string> names;
    for (const auto& p : pages)
        for (const auto& c : p.dataset->categories) names.insert(c.name);
    for (const std::string& n : names) s += "<option value=\"" + escapeHtml(n) + "\">" + escapeHtml(n) + "</option>";
    s += "</select> <span id=\"gallery-shown\"></span></p>";
    for (size_t k = 0; k < pages.size(); ++k) {
        const auto& d = *pages[k].dataset;
        std::vector<std::vector<size_t>> annotationsOf(d.images.size());
        for (size_t a = 0; a < d.annotations.size(); ++a) annotationsOf[d.annotations[a].image].push_back(a);
        s += "<h3>" + escapeHtml(d.name) + "</h3><div class=\"gallery\" id=\"" + dsId(k) + "-gallery\">";
        for (size_t g = 0; g < pages[k].gallery.size(); ++g) {
            size_t i = pages[k].gallery[g];
            std::set<std::string> classes;
            for (size_t a : annotationsOf[i]) classes.insert(d.categories[d.annotations[a].category].name);
            std::string list;
            for (const auto& c : classes) list += (list.empty() ? "" : "|") + c;
            s += "<figure data-classes=\"|" + escapeHtml(list) + "|\"><div class=\"shot\"><img loading=\"lazy\" src=\"" +
                 pages[k].thumbnails[g] + "\" alt=\"" + escapeHtml(d.images[i].fileName) + "\">" + overlay(d, i, annotationsOf[i]) +
                 "</div><figcaption>" + escapeHtml(d.images[i].fileName) + " · " + std::to_string(annotationsOf[i].size()) +
                 " instances</figcaption></figure>";
        }
        s += "</div>";
    }
    return s;
}

std::string cropsSection(const Pages& pages) {
    std::string s = "<h2>Instances by class</h2>";
    for (const auto& p : pages) {
        s += "<h3>" + escapeHtml(p.dataset->name) + "</h3>";
        for (const CropStrip& strip : p.cropStrips) {
            const auto& c = p.dataset->categories[strip.category];
            s += "<div class=\"strip\" data-classes=\"|" + escapeHtml(c.name) +
                 "|\"><span class=\"swatch\" style=\"background:" + classColour(strip.category) + "\"></span>" + escapeHtml(c.name) +
                 " (" + std::to_string(strip.count) + " crops)<img loading=\"lazy\" src=\"" + strip.file + "\" alt=\"" +
                 escapeHtml(c.name) + " crops\"></div>";
        }
    }
    return s;
}

const char* kScript = R"(<script>
(function () {
  var filter = document.getElementById('class-filter');
  function apply() {
    var want = filter.value, shown = 0;
    document.querySelectorAll('figure[data-classes], div.strip[data-classes]').forEach(function (el) {
      var show = !want || el.getAttribute('data-classes').indexOf('|' + want + '|') >= 0;
      el.style.display = show ? '' : 'none';
      if (show && el.tagName === 'FIGURE') shown++;
    });
    document.getElementById('gallery-shown').textContent = shown + ' images shown';
  }
  filter.addEventListener('change', apply);
  apply();
  document.body.setAttribute('data-ready', '1');
})();
</script>
)";

}  // namespace

std::string renderReportPage(const Pages& pages, const std::vector<std::string>& warnings, const std::string& version) {
    std::string s = kHead;
    s += "<h1>synthgen report</h1><p>";
    for (size_t k = 0; k < pages.size(); ++k)
        s += std::string(k ? " · " : "") + "<span class=\"swatch\" style=\"background:" + seriesColour(k) + "\"></span>" +
             escapeHtml(pages[k].dataset->name);
    s += "</p>";
    if (!warnings.empty()) {
        s += "<h2>Warnings</h2><div id=\"warnings\">";
        for (const std::string& w : warnings) s += "<div class=\"warn\">" + escapeHtml(w) + "</div>";
        s += "</div>";
    }
    s += overviewSection(pages) + ratesSection(pages) + classesSection(pages) + distributionsSection(pages) +
         imageStatsSection(pages) + gallerySection(pages) + cropsSection(pages);
    s += "<p style=\"color:#888;margin-top:30px\">written by synthgen " + escapeHtml(version) + " report</p>";
    return s + kScript + "</body></html>\n";
}

}  // namespace sg::report
