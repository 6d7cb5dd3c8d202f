#include "randomization/DefectSampling.h"

#include "core/InputError.h"
#include "randomization/ExactFrequency.h"
#include "randomization/SharpEdges.h"
#include "scenes/Chip.h"
#include "scenes/MeshBoolean.h"

#include <glm/gtc/constants.hpp>

#include <algorithm>
#include <cmath>

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
        case DefectFamily::Chip:  // length and width of the cutter, depth below the surface; a lighter, rough fracture
            return {"length_mm",       uniform(2, 6),      "width_mm", uniform(2, 6), uniform(0.5, 2), nullptr,
                    Dist::constant(0), {0.55, 0.55, 0.55}, 0.7};
    }
    return {};
}

const DistributionOptions kPositiveMm{.allowed = {.min = 0, .max = 10000, .minExclusive = true}};
const DistributionOptions kNonNegativeMm{.allowed = {.min = 0, .max = 10000}};

DefectFamilyParams parseFamily(DefectFamily f, JsonObject* o, double weight,
                               const std::function<int(const std::string&)>& categoryOf) {
    FamilySpec spec = familySpec(f);
    DefectFamilyParams p;
    p.weight = weight;
    p.length = spec.length;
    p.width = spec.width;
    p.depth = spec.depth;
    p.curvature = f == DefectFamily::Scratch ? uniform(-20, 20) : Dist::constant(0);
    p.count = spec.count;
    p.color = {Dist::constant(spec.color.x), Dist::constant(spec.color.y), Dist::constant(spec.color.z)};
    p.roughness = Dist::constant(spec.roughness);
    std::string category = std::string("defect/") + defectFamilyName(f);
    if (o) {
        p.length = distributionOr(*o, spec.lengthKey, p.length, kPositiveMm);
        if (spec.widthKey) p.width = distributionOr(*o, spec.widthKey, p.width, kPositiveMm);
        if (f != DefectFamily::Stain) p.depth = distributionOr(*o, "depth_mm", p.depth, kNonNegativeMm);
        if (f == DefectFamily::Scratch)
            p.curvature = distributionOr(*o, "curvature_per_m", p.curvature, {.allowed = {.min = -10000, .max = 10000}});
        if (spec.countKey)
            p.count = distributionOr(*o, spec.countKey, p.count,
                                     {.allowed = {.min = 0, .max = f == DefectFamily::Crack ? 8.0 : 64.0}, .integer = true});
        p.color = vectorDistributionOr(*o, "color", 3, {spec.color.x, spec.color.y, spec.color.z}, {.allowed = {.min = 0, .max = 1}});
        p.roughness = distributionOr(*o, "roughness", p.roughness, {.allowed = {.min = 0, .max = 1}});
        if (f == DefectFamily::Chip) {
            const std::string at = o->string("at", "edge");
            if (at != "edge" && at != "face") o->fail("at", "expected \"edge\" or \"face\"", "write \"at\": \"edge\"");
            p.atEdges = at == "edge";
        }
        category = o->string("category", category);
        if (category.rfind(std::string("defect/") + defectFamilyName(f), 0) != 0)
            o->fail("category", "a defect's category must be \"defect/" + std::string(defectFamilyName(f)) + "\" or below it",
                    "write e.g. \"defect/" + std::string(defectFamilyName(f)) + "/hairline\"");
        o->finish();
    }
    if (weight > 0) p.category = categoryOf(category);
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
                    r.fail("families", "unknown defect family " + name.dump(), "use scratch, crack, dent, stain, pitting or chip");
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
    double weights[kDefectFamilyCount] = {1, 1, 1, 1, 1, 0};
    if (const Json* f = o.find("families")) {
        JsonObject fo(*f, o.file(), o.pathOf("families"));
        double sum = 0;
        for (int i = 0; i < kDefectFamilyCount; ++i) sum += weights[i] = fo.number(defectFamilyName(DefectFamily(i)), 0, {.min = 0});
        fo.finish();
        if (sum <= 0)
            o.fail("families", "every family weight is 0", "give at least one family a positive weight, e.g. {\"scratch\": 1}");
    }
    for (int i = 0; i < kDefectFamilyCount; ++i) {
        const char* name = defectFamilyName(DefectFamily(i));
        std::optional<JsonObject> fo;
        if (const Json* v = o.find(name)) fo.emplace(*v, o.file(), o.pathOf(name));
        r.families[i] = parseFamily(DefectFamily(i), fo ? &*fo : nullptr, weights[i], categoryOf);
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

// The part's triangles (model frame) on the allowed materials, with cumulative areas.
struct SurfaceSampler {
    struct Triangle {
        glm::dvec3 p[3], n[3];
    };
    std::vector<Triangle> triangles;
    std::vector<double> cumulative;

    SurfaceSampler(const Object& part, const std::vector<std::string>& materials) {
        double total = 0;
        for (const MeshPart& mp : part.parts) {
            if (!mp.mesh || !onAllowedMaterial(mp, materials)) continue;
            glm::dmat3 normalMatrix = glm::transpose(glm::inverse(glm::dmat3(mp.partToModel)));
            const auto& v = mp.mesh->vertices;
            const auto& idx = mp.mesh->indices;
            for (size_t i = 0; i + 2 < idx.size(); i += 3) {
                Triangle t;
                for (int c = 0; c < 3; ++c) {
                    t.p[c] = glm::dvec3(mp.partToModel * glm::dvec4(glm::dvec3(v[idx[i + c]].position), 1.0));
                    t.n[c] = normalMatrix * glm::dvec3(v[idx[i + c]].normal);
                }
                double area = 0.5 * glm::length(glm::cross(t.p[1] - t.p[0], t.p[2] - t.p[0]));
                if (!(area > 0)) continue;
                total += area;
                triangles.push_back(t);
                cumulative.push_back(total);
            }
        }
    }
    bool empty() const { return triangles.empty(); }

    // An area-uniform point and its (interpolated) outward normal.
    void sample(KeyedRng& rng, glm::dvec3& point, glm::dvec3& normal) const {
        double x = rng.uniform() * cumulative.back();
        size_t i = size_t(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
        const Triangle& t = triangles[std::min(i, triangles.size() - 1)];
        double a = rng.uniform(), b = rng.uniform();
        if (a + b > 1) a = 1 - a, b = 1 - b;
        point = t.p[0] + a * (t.p[1] - t.p[0]) + b * (t.p[2] - t.p[0]);
        normal = (1 - a - b) * t.n[0] + a * t.n[1] + b * t.n[2];
        glm::dvec3 face = glm::cross(t.p[1] - t.p[0], t.p[2] - t.p[0]);
        if (glm::dot(normal, normal) < 1e-20) normal = face;
        normal = glm::normalize(normal);
    }
};

Json mmAttributes(const Defect& d, double areaMm2) {
    Json a = Json::object();
    a["type"] = defectFamilyName(d.family);
    const double mm = 1000.0;
    switch (d.family) {
        case DefectFamily::Scratch:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["curvature_per_m"] = d.curvature;
            break;
        case DefectFamily::Crack:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["branches"] = d.count;
            break;
        case DefectFamily::Dent: a["width_mm"] = d.length * mm, a["depth_mm"] = d.depth * mm; break;
        case DefectFamily::Stain: a["width_mm"] = d.length * mm; break;
        case DefectFamily::Pitting:
            a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm;
            a["pits"] = d.count;
            break;
        case DefectFamily::Chip: a["length_mm"] = d.length * mm, a["width_mm"] = d.width * mm, a["depth_mm"] = d.depth * mm; break;
    }
    a["area_mm2"] = areaMm2;
    return a;
}

// Nominal footprint area in mm^2 (the shapes of defects.glsl; crack branches and pit overlaps left out).
double nominalAreaMm2(const Defect& d) {
    const double L = d.length * 1000, w = d.width * 1000, pi = glm::pi<double>();
    switch (d.family) {
        case DefectFamily::Scratch: return L * w;
        case DefectFamily::Crack: return 0.5 * L * w;  // width tapers linearly to 0 at both tips
        case DefectFamily::Dent: return pi * L * L / 4;
        case DefectFamily::Stain: return pi * L * L / 4 * (1 + 0.5 * (0.15 * 0.15 + 0.1 * 0.1 + 0.05 * 0.05));
        case DefectFamily::Pitting: return d.count * pi * w * w / 4 * (0.36 + 0.48 + 0.64 / 3);  // E[(0.6 + 0.8u)^2]
        case DefectFamily::Chip: return 0;  // measured on the cut instead (chipPart)
    }
    return 0;
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
        const DefectFamilyParams& p = r.families[int(family)];
        Defect d;
        d.family = family;
        d.category = p.category;
        if (family == DefectFamily::Chip && p.atEdges && !edges)
            edges = findSharpEdges(part, [&](const MeshPart& mp) { return onAllowedMaterial(mp, r.materials); }, 30.0);
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
        d.attributes = mmAttributes(d, nominalAreaMm2(d));
        if (family == DefectFamily::Chip) {
            if (!cutChipOut(d, rng, part, draw.entity)) continue;
            surface = SurfaceSampler(part, r.materials);  // later defects land on what is left
            edges.reset();
        }
        const double area = d.attributes["area_mm2"];
        d.attributes["severity"] = gradeSeverity(r.severity, family, d.attributes.value("length_mm", 0.0),
                                                 d.attributes.value("width_mm", 0.0), d.attributes.value("depth_mm", 0.0), area);
        Json rec = d.attributes;
        rec["center"] = Json::array({d.center.x, d.center.y, d.center.z});
        rec["normal"] = Json::array({d.normal.x, d.normal.y, d.normal.z});
        rec["tangent"] = Json::array({d.tangent.x, d.tangent.y, d.tangent.z});
        record["defects"].push_back(rec);
        part.defects.push_back(std::move(d));
    }
}

}  // namespace sg
