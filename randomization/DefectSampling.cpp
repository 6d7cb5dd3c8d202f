#include "randomization/DefectSampling.h"

#include "core/InputError.h"
#include "randomization/ExactFrequency.h"
#include "randomization/SharpEdges.h"
#include "scenes/Chip.h"
#include "scenes/MeshBoolean.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

namespace sg {

namespace {

using Dist = NumberDistribution;

Dist uniform(double a, double b) {
    Dist d;
    d.kind = Dist::Kind::Uniform;
    d.a = a;
    d.b = b;
    return d;
}

// Per family: the scenario keys of its sizes and their defaults (mm; curvature 1/m).
struct FamilySpec {
    const char* lengthKey;
    Dist length;
    const char* widthKey;
    Dist width;
    Dist depth;
    const char* countKey;
    Dist count;
    glm::dvec3 color;
    double roughness;
};

// Contamination sizes per style: dust = a cluster of particles, fiber = a few filaments.
FamilySpec contaminationSpec(ContaminationStyle style) {
    if (style == ContaminationStyle::Dust)
        return {"diameter_mm",      uniform(1, 6),       "particle_diameter_mm",
                uniform(0.05, 0.3), uniform(0.01, 0.05), "particles",
                uniform(3, 30),     {0.35, 0.33, 0.3},   0.9};
    return {"length_mm",   uniform(2, 10),    "width_mm", uniform(0.02, 0.08), Dist::constant(0.02), "fibers",
            uniform(1, 3), {0.15, 0.15, 0.2}, 0.8};
}

FamilySpec familySpec(DefectFamily f) {
    switch (f) {
        case DefectFamily::Scratch:
            return {"length_mm",       uniform(5, 20),     "width_mm", uniform(0.1, 0.4), uniform(0.02, 0.1), nullptr,
                    Dist::constant(0), {0.75, 0.75, 0.75}, 0.25};
        case DefectFamily::Crack:
            return {"length_mm",   uniform(3, 12),     "width_mm", uniform(0.1, 0.3), Dist::constant(0.1), "branches",
                    uniform(0, 3), {0.02, 0.02, 0.02}, 0.9};
        case DefectFamily::Dent:
            return {"diameter_mm",     uniform(3, 10),  nullptr, Dist::constant(0), uniform(0.1, 0.5), nullptr,
                    Dist::constant(0), {0.5, 0.5, 0.5}, 0.5};
        case DefectFamily::Stain:
            return {"diameter_mm",     uniform(4, 15),     nullptr, Dist::constant(0), Dist::constant(0), nullptr,
                    Dist::constant(0), {0.25, 0.08, 0.03}, 0.9};
        case DefectFamily::Pitting:
            return {"diameter_mm",     uniform(3, 8),      "pit_diameter_mm",
                    uniform(0.2, 0.6), uniform(0.1, 0.3),  "pits",
                    uniform(5, 20),    {0.08, 0.07, 0.06}, 0.8};
        case DefectFamily::Contamination: return contaminationSpec(ContaminationStyle::Dust);
        case DefectFamily::Chip:  // length and width of the cutter, depth below the surface; a lighter, rough fracture
            return {"length_mm",       uniform(2, 6),      "width_mm", uniform(2, 6), uniform(0.5, 2), nullptr,
                    Dist::constant(0), {0.55, 0.55, 0.55}, 0.7};
    }
    return {};
}

const DistributionOptions kPositiveMm{.allowed = {.min = 0, .max = 10000, .minExclusive = true}};
const DistributionOptions kNonNegativeMm{.allowed = {.min = 0, .max = 10000}};

// The sizes, look and category of one family (or one contamination style) from its object `o`
// (null: the defaults).
DefectFamilyParams parseFamily(DefectFamily f, ContaminationStyle style, JsonObject* o, double weight,
                               const std::function<int(const std::string&)>& categoryOf) {
    const bool contamination = f == DefectFamily::Contamination, fiber = contamination && style == ContaminationStyle::Fiber;
    FamilySpec spec = contamination ? contaminationSpec(style) : familySpec(f);
    DefectFamilyParams p;
    p.weight = weight;
    p.length = spec.length;
    p.width = spec.width;
    p.depth = spec.depth;
    p.curvature = f == DefectFamily::Scratch ? uniform(-20, 20) : fiber ? uniform(-400, 400) : Dist::constant(0);
    p.count = spec.count;
    p.color = {Dist::constant(spec.color.x), Dist::constant(spec.color.y), Dist::constant(spec.color.z)};
    p.roughness = Dist::constant(spec.roughness);
    const std::string root = std::string("defect/") + defectFamilyName(f);
    std::string category = contamination ? root + "/" + contaminationStyleName(style) : root;
    if (o) {
        p.length = distributionOr(*o, spec.lengthKey, p.length, kPositiveMm);
        if (spec.widthKey) p.width = distributionOr(*o, spec.widthKey, p.width, kPositiveMm);
        if (f != DefectFamily::Stain) p.depth = distributionOr(*o, contamination ? "height_mm" : "depth_mm", p.depth, kNonNegativeMm);
        if (f == DefectFamily::Scratch || fiber)
            p.curvature = distributionOr(*o, "curvature_per_m", p.curvature, {.allowed = {.min = -10000, .max = 10000}});
        if (spec.countKey)
            p.count = distributionOr(
                *o, spec.countKey, p.count,
                {.allowed = {.min = fiber ? 1.0 : 0.0, .max = f == DefectFamily::Crack || fiber ? 8.0 : 64.0}, .integer = true});
        p.color = vectorDistributionOr(*o, "color", 3, {spec.color.x, spec.color.y, spec.color.z}, {.allowed = {.min = 0, .max = 1}});
        p.roughness = distributionOr(*o, "roughness", p.roughness, {.allowed = {.min = 0, .max = 1}});
        if (f == DefectFamily::Chip) {
            const std::string at = o->string("at", "edge");
            if (at != "edge" && at != "face") o->fail("at", "expected \"edge\" or \"face\"", "write \"at\": \"edge\"");
            p.atEdges = at == "edge";
        }
        category = o->string("category", category);
        if (category.rfind(root, 0) != 0)
            o->fail("category", "a defect's category must be \"" + root + "\" or below it", "write e.g. \"" + root + "/hairline\"");
        o->finish();
    }
    if (weight > 0) p.category = categoryOf(category);
    return p;
}

// Contamination: {"styles": {"dust": w, "fiber": w}, "dust": {sizes}, "fiber": {sizes}}; style
// weights default to 1 each.
DefectFamilyParams parseContamination(JsonObject* o, double weight, const std::function<int(const std::string&)>& categoryOf) {
    DefectFamilyParams p;
    p.weight = weight;
    const ContaminationStyle styles[] = {ContaminationStyle::Dust, ContaminationStyle::Fiber};
    double shares[] = {1, 1};
    if (const Json* w = o ? o->find("styles") : nullptr) {
        JsonObject wo(*w, o->file(), o->pathOf("styles"));
        for (ContaminationStyle s : styles) shares[int(s)] = wo.number(contaminationStyleName(s), 0, {.min = 0});
        wo.finish();
        if (shares[0] + shares[1] <= 0)
            o->fail("styles", "every style weight is 0", "give a style a positive weight, e.g. {\"dust\": 1}");
    }
    for (ContaminationStyle s : styles) {
        const char* name = contaminationStyleName(s);
        std::optional<JsonObject> so;
        if (const Json* v = o ? o->find(name) : nullptr) so.emplace(*v, o->file(), o->pathOf(name));
        const double share = shares[int(s)] / (shares[0] + shares[1]);
        p.styles.push_back(parseFamily(DefectFamily::Contamination, s, so ? &*so : nullptr, weight > 0 ? share : 0, categoryOf));
    }
    if (o) o->finish();
    return p;
}

std::vector<SeverityRule> parseSeverity(const Json& v, const std::string& file, const std::string& path) {
    if (!v.is_array())
        throw InputError(file, path, "expected an array of rules",
                         "write [{\"name\": \"reject\", \"min_length_mm\": 5}, {\"name\": \"accept\"}]");
    std::vector<SeverityRule> rules;
    for (size_t i = 0; i < v.size(); ++i) {
        JsonObject r(v[i], file, path + "/" + std::to_string(i));
        SeverityRule rule;
        rule.name = r.requireString("name");
        rule.minLengthMm = r.number("min_length_mm", 0, {.min = 0});
        rule.minWidthMm = r.number("min_width_mm", 0, {.min = 0});
        rule.minDepthMm = r.number("min_depth_mm", 0, {.min = 0});
        rule.minAreaMm2 = r.number("min_area_mm2", 0, {.min = 0});
        if (const Json* f = r.find("families")) {
            if (!f->is_array()) r.fail("families", "expected an array of family names", "write e.g. [\"scratch\", \"crack\"]");
            for (const Json& name : *f) {
                DefectFamily fam;
                if (!name.is_string() || !defectFamilyFromName(name.get<std::string>(), fam))
                    r.fail("families", "unknown defect family " + name.dump(),
                           "use scratch, crack, dent, stain, pitting, contamination or chip");
                rule.families.push_back(name.get<std::string>());
            }
        }
        r.finish();
        rules.push_back(rule);
    }
    return rules;
}

}  // namespace

DefectRandomizer parseDefectRandomizer(JsonObject& o, const std::function<int(const std::string&)>& categoryOf) {
    DefectRandomizer r;
    r.probability = o.number("probability", 0.1, {.min = 0, .max = 1});
    r.exact = o.boolean("exact", false);
    r.perPart = distributionOr(o, "per_part", r.perPart, {.allowed = {.min = 1, .max = 64}, .integer = true});
    // Without "families", the surface families share equally; chips cut the mesh and need closed
    // meshes (scenes/Chip.h), so they are drawn only when "families" names them.
    double weights[kDefectFamilyCount] = {1, 1, 1, 1, 1, 1, 0};
    if (const Json* f = o.find("families")) {
        JsonObject fo(*f, o.file(), o.pathOf("families"));
        for (int i = 0; i < kDefectFamilyCount; ++i) weights[i] = fo.number(defectFamilyName(DefectFamily(i)), 0, {.min = 0});
        fo.finish();
        if (std::accumulate(std::begin(weights), std::end(weights), 0.0) <= 0)
            o.fail("families", "every family weight is 0", "give at least one family a positive weight, e.g. {\"scratch\": 1}");
    }
    for (int i = 0; i < kDefectFamilyCount; ++i) {
        const char* name = defectFamilyName(DefectFamily(i));
        std::optional<JsonObject> fo;
        if (const Json* v = o.find(name)) fo.emplace(*v, o.file(), o.pathOf(name));
        r.families[i] = DefectFamily(i) == DefectFamily::Contamination
                            ? parseContamination(fo ? &*fo : nullptr, weights[i], categoryOf)
                            : parseFamily(DefectFamily(i), ContaminationStyle::Dust, fo ? &*fo : nullptr, weights[i], categoryOf);
    }
    if (const Json* m = o.find("materials")) {
        if (!m->is_array() || std::any_of(m->begin(), m->end(), [](const Json& s) { return !s.is_string(); }))
            o.fail("materials", "expected an array of material names", "write e.g. [\"steel\"]");
        for (const Json& s : *m) r.materials.push_back(s.get<std::string>());
    }
    if (const Json* g = o.find("region")) {
        JsonObject ro(*g, o.file(), o.pathOf("region"));
        std::vector<double> lo = ro.numbers("min", 3, {-1e9, -1e9, -1e9}), hi = ro.numbers("max", 3, {1e9, 1e9, 1e9});
        ro.finish();
        for (int a = 0; a < 3; ++a)
            if (lo[a] > hi[a]) o.fail("region", "min is above max", "swap the corners");
        r.region = std::make_pair(glm::dvec3(lo[0], lo[1], lo[2]), glm::dvec3(hi[0], hi[1], hi[2]));
    }
    if (const Json* s = o.find("severity")) r.severity = parseSeverity(*s, o.file(), o.pathOf("severity"));
    o.finish();
    return r;
}

std::string gradeSeverity(const std::vector<SeverityRule>& rules, DefectFamily family, double lengthMm, double widthMm, double depthMm,
                          double areaMm2) {
    for (const SeverityRule& r : rules) {
        bool familyMatches = r.families.empty() ||
                             std::find(r.families.begin(), r.families.end(), defectFamilyName(family)) != r.families.end();
        if (familyMatches && lengthMm >= r.minLengthMm && widthMm >= r.minWidthMm && depthMm >= r.minDepthMm &&
            areaMm2 >= r.minAreaMm2)
            return r.name;
    }
    return "ungraded";
}

namespace {

// Defects go on mesh parts with these material names (all parts when the list is empty).
bool onAllowedMaterial(const MeshPart& mp, const std::vector<std::string>& materials) {
    return materials.empty() || (mp.material && std::find(materials.begin(), materials.end(), mp.material->name) != materials.end());
}

// Area-uniform points on the part's triangles (model frame) on the allowed materials. Only the
// cumulative areas are stored (8 bytes a triangle); the picked triangle is transformed when drawn.
class SurfaceSampler {
public:
    SurfaceSampler(const Object& part, const std::vector<std::string>& materials) {
        double total = 0;
        for (const MeshPart& mp : part.parts) {
            if (!mp.mesh || !onAllowedMaterial(mp, materials)) continue;
            // A model-frame triangle's area from its part-frame edges: the cross product maps by
            // the cofactor matrix det(A) A^-T of the linear part A of partToModel.
            const glm::dmat3 A(mp.partToModel);
            const glm::dmat3 cofactor = glm::determinant(A) * glm::transpose(glm::inverse(A));
            const auto& v = mp.mesh->vertices;
            const auto& idx = mp.mesh->indices;
            for (size_t i = 0; i + 2 < idx.size(); i += 3) {
                glm::dvec3 p0(v[idx[i]].position), p1(v[idx[i + 1]].position), p2(v[idx[i + 2]].position);
                double area = 0.5 * glm::length(cofactor * glm::cross(p1 - p0, p2 - p0));
                if (!(area > 0)) continue;
                total += area;
                cumulative_.push_back(total);
                triangles_.push_back({&mp, i});
            }
        }
    }
    bool empty() const { return cumulative_.empty(); }

    // An area-uniform point and its (interpolated) outward normal.
    void sample(KeyedRng& rng, glm::dvec3& point, glm::dvec3& normal) const {
        double x = rng.uniform() * cumulative_.back();
        size_t i = size_t(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
        const TriangleRef& t = triangles_[std::min(i, triangles_.size() - 1)];
        const MeshPart& mp = *t.part;
        const glm::dmat3 normalMatrix = glm::transpose(glm::inverse(glm::dmat3(mp.partToModel)));
        glm::dvec3 p[3], n[3];
        for (int c = 0; c < 3; ++c) {
            const auto& vertex = mp.mesh->vertices[mp.mesh->indices[t.firstIndex + size_t(c)]];
            p[c] = glm::dvec3(mp.partToModel * glm::dvec4(glm::dvec3(vertex.position), 1.0));
            n[c] = normalMatrix * glm::dvec3(vertex.normal);
        }
        double a = rng.uniform(), b = rng.uniform();
        if (a + b > 1) a = 1 - a, b = 1 - b;
        point = p[0] + a * (p[1] - p[0]) + b * (p[2] - p[0]);
        normal = (1 - a - b) * n[0] + a * n[1] + b * n[2];
        if (glm::dot(normal, normal) < 1e-20) normal = glm::cross(p[1] - p[0], p[2] - p[0]);
        normal = glm::normalize(normal);
    }

private:
    struct TriangleRef {
        const MeshPart* part;
        size_t firstIndex;
    };
    std::vector<double> cumulative_;
    std::vector<TriangleRef> triangles_;
};

// The params to draw a defect with: the family's own, or for a family with styles (contamination)
// those of a style drawn by its share.
const DefectFamilyParams& paramsOfDrawnStyle(const DefectFamilyParams& family, KeyedRng& rng, ContaminationStyle& style) {
    if (family.styles.empty()) return family;
    WeightedIndex w;
    double c = 0;
    for (const DefectFamilyParams& s : family.styles) w.cumulative.push_back(c += s.weight);
    style = ContaminationStyle(w.pick(rng));
    return family.styles[size_t(style)];
}

// Where a defect goes: a chip on a sharp edge (along it) when its family says so and the part has
// one; others anywhere on the surface, facing a random direction. Up to 32 tries to land in the region.
bool placeDefect(const DefectRandomizer& r, const SurfaceSampler& surface, const SharpEdges* edges, KeyedRng& rng, Defect& d) {
    bool placed = false;
    for (int attempt = 0; attempt < 32 && !placed; ++attempt) {
        if (edges) edges->sample(rng, d.center, d.normal, d.tangent);
        else surface.sample(rng, d.center, d.normal);
        placed = !r.region || (glm::all(glm::greaterThanEqual(d.center, r.region->first)) &&
                               glm::all(glm::lessThanEqual(d.center, r.region->second)));
    }
    if (!placed || edges) return placed;
    // A random direction in the tangent plane.
    glm::dvec3 helper = std::abs(d.normal.x) < 0.9 ? glm::dvec3(1, 0, 0) : glm::dvec3(0, 1, 0);
    glm::dvec3 t0 = glm::normalize(glm::cross(d.normal, helper)), t1 = glm::cross(d.normal, t0);
    double angle = rng.uniform(0, 2 * glm::pi<double>());
    d.tangent = std::cos(angle) * t0 + std::sin(angle) * t1;
    return true;
}

// A chip's cutter: the box of its sizes (half length and width along the surface, depth along the
// normal both ways) with each edge tilted at random, centered on the surface point.
glm::dmat4 chipCutter(const Defect& d, KeyedRng& rng) {
    const glm::dvec3 axes[3] = {d.tangent * (0.5 * d.length), glm::cross(d.normal, d.tangent) * (0.5 * d.width), d.normal * d.depth};
    glm::dmat4 m(1.0);
    for (int i = 0; i < 3; ++i) {
        glm::dvec3 tilt(rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1));
        m[i] = glm::dvec4(axes[i] + 0.25 * glm::length(axes[i]) * tilt, 0.0);
    }
    m[3] = glm::dvec4(d.center, 1.0);
    return m;
}

// Cuts the chip out of the part; its area is the fracture surface left, its volume the material
// removed. False when the cutter removed nothing.
bool cutChipOut(Defect& d, KeyedRng& rng, Object& part, const std::string& entity) {
    d.cutterToModel = chipCutter(d, rng);
    ChipCut cut;
    try {
        cut = cutChip(part, d.cutterToModel);
    } catch (const MeshBooleanError& e) {
        throw MeshBooleanError(entity + ": a chip was drawn but " + e.what());
    }
    if (!(cut.removedVolume > 0)) return false;
    d.attributes["area_mm2"] = cut.fractureArea * 1e6;
    d.attributes["volume_mm3"] = cut.removedVolume * 1e9;
    return true;
}

}  // namespace

void sampleDefects(const DefectRandomizer& r, const DefectDraw& draw, Object& part, Json& record) {
    if (!r.active()) return;
    // Which family, if any: bucket 0 = defect-free, 1 + f = family f.
    std::vector<double> shares{1.0 - r.probability};
    double total = 0;
    for (const auto& f : r.families) total += f.weight;
    for (const auto& f : r.families) shares.push_back(r.probability * f.weight / total);
    const std::string group = draw.entity.substr(0, draw.entity.find('#'));
    size_t bucket;
    if (r.exact) {
        const int64_t slots = std::max<int64_t>(draw.frameCount, draw.frame + 1) * draw.slotsPerFrame;
        bucket = exactBucket(shares, draw.frame * draw.slotsPerFrame + draw.index, slots,
                             mix64(draw.seed ^ hashName(group + ".defects")));
    } else {
        KeyedRng pick(draw.seed, uint64_t(draw.frame), hashName(draw.entity), "defects.family");
        WeightedIndex w;
        double c = 0;
        for (double s : shares) w.cumulative.push_back(c += s);
        bucket = w.pick(pick);
    }
    if (bucket == 0) return;

    SurfaceSampler surface(part, r.materials);
    if (surface.empty()) {
        record["defects_problem"] = "no surface to place defects on (check the materials filter)";
        return;
    }
    std::optional<SharpEdges> edges;  // found when a chip needs them
    KeyedRng countRng(draw.seed, uint64_t(draw.frame), hashName(draw.entity), "defects.count");
    const int n = int(sampleNumber(r.perPart, countRng));
    record["defects"] = Json::array();
    for (int k = 0; k < n; ++k) {
        KeyedRng rng(draw.seed, uint64_t(draw.frame), hashName(draw.entity + ".defect#" + std::to_string(k)), "defect");
        // Extra defects on one part: the first takes the part's family, the others draw theirs
        // (exact counts are of defective parts per family).
        DefectFamily family = DefectFamily(bucket - 1);
        if (k > 0) {
            WeightedIndex w;
            double c = 0;
            for (const auto& f : r.families) w.cumulative.push_back((c += f.weight) / total);
            family = DefectFamily(w.pick(rng));
        }
        Defect d;
        d.family = family;
        const DefectFamilyParams& p = paramsOfDrawnStyle(r.families[int(family)], rng, d.style);
        d.category = p.category;
        if (family == DefectFamily::Chip && p.atEdges && !edges)
            edges = findSharpEdges(
                part, [&](const MeshPart& mp) { return onAllowedMaterial(mp, r.materials); }, 30.0);
        const bool onEdge = family == DefectFamily::Chip && p.atEdges && !edges->empty();
        if (!placeDefect(r, surface, onEdge ? &*edges : nullptr, rng, d)) continue;
        d.length = sampleNumber(p.length, rng) / 1000;
        d.width = sampleNumber(p.width, rng) / 1000;
        d.depth = sampleNumber(p.depth, rng) / 1000;
        d.curvature = sampleNumber(p.curvature, rng);
        d.count = int(sampleNumber(p.count, rng));
        d.color = glm::vec3(float(sampleNumber(p.color[0], rng)), float(sampleNumber(p.color[1], rng)),
                            float(sampleNumber(p.color[2], rng)));
        d.roughness = float(sampleNumber(p.roughness, rng));
        d.seed = uint32_t(rng.nextU64());
        d.attributes = defectSizeAttributes(d);
        if (family == DefectFamily::Chip) {
            if (!cutChipOut(d, rng, part, draw.entity)) continue;
            surface = SurfaceSampler(part, r.materials);  // later defects land on what is left
            edges.reset();
        }
        d.attributes["severity"] = gradeSeverity(r.severity, family, d.attributes.value("length_mm", 0.0),
                                                 d.attributes.value("width_mm", 0.0), d.attributes.value("depth_mm", 0.0),
                                                 d.attributes.value("area_mm2", 0.0));
        Json rec = d.attributes;
        rec["center"] = Json::array({d.center.x, d.center.y, d.center.z});
        rec["normal"] = Json::array({d.normal.x, d.normal.y, d.normal.z});
        rec["tangent"] = Json::array({d.tangent.x, d.tangent.y, d.tangent.z});
        record["defects"].push_back(rec);
        part.defects.push_back(std::move(d));
    }
}

}  // namespace sg
