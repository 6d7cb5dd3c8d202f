#include "randomization/Scenario.h"

#include "core/AtomicFile.h"
#include "core/KeyedRng.h"
#include "core/Text.h"
#include "scenes/SceneJson.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>

namespace sg {

namespace fs = std::filesystem;

namespace {

const DistributionOptions kUnit{.allowed = {.min = 0, .max = 1}};
const DistributionOptions kNonNegative{.allowed = {.min = 0}};
const DistributionOptions kPositive{.allowed = {.min = 0, .minExclusive = true}};

const std::vector<std::string> kMeshExtensions{".obj", ".ply", ".stl", ".gltf",  ".glb", ".fbx",  ".dae",
                                               ".3ds", ".off", ".x",   ".blend", ".lwo", ".ms3d", ".ac"};
const std::vector<std::string> kImageExtensions{".png", ".jpg", ".jpeg", ".bmp", ".tga", ".hdr", ".pic", ".psd", ".gif"};

// Files of a folder (sorted by name, so the pool order is the same on every machine) or a file.
std::vector<std::string> expandFiles(const std::string& written, const fs::path& baseDir, const std::vector<std::string>& exts,
                                     const std::string& file, const std::string& path, const char* what) {
    fs::path p = resolveAssetPath(written, baseDir, file, path);
    std::vector<std::string> out;
    if (fs::is_directory(p)) {
        for (const auto& e : fs::directory_iterator(p)) {
            if (!e.is_regular_file()) continue;
            std::string ext = asciiLower(e.path().extension().string());
            if (std::find(exts.begin(), exts.end(), ext) != exts.end())
                out.push_back(fs::absolute(e.path()).lexically_normal().string());
        }
        std::sort(out.begin(), out.end());
        if (out.empty())
            throw InputError(file, path, "folder \"" + written + "\" holds no " + what + " files",
                             "put files with one of the usual extensions there, or point at another folder");
    } else {
        out.push_back(fs::absolute(p).lexically_normal().string());
    }
    return out;
}

// A string, a folder or a list of them.
std::vector<std::string> readFileList(const Json& v, const fs::path& baseDir, const std::vector<std::string>& exts,
                                      const std::string& file, const std::string& path, const char* what) {
    std::vector<std::string> out;
    if (v.is_string()) return expandFiles(v.get<std::string>(), baseDir, exts, file, path, what);
    if (!v.is_array() || v.empty())
        throw InputError(file, path, "expected a file, a folder or a list of them, found " + describeJsonType(v),
                         "write \"images/\" or [\"a.png\", \"b.png\"]");
    for (size_t i = 0; i < v.size(); ++i) {
        std::string ip = path + "/" + std::to_string(i);
        if (!v[i].is_string())
            throw InputError(file, ip, "expected a path string, found " + describeJsonType(v[i]), "write a path in quotes");
        auto more = expandFiles(v[i].get<std::string>(), baseDir, exts, file, ip, what);
        out.insert(out.end(), more.begin(), more.end());
    }
    return out;
}

std::vector<std::string> readNames(const Json& v, const std::vector<std::string>& allowed, const std::string& file,
                                   const std::string& path) {
    std::vector<std::string> out;
    auto one = [&](const Json& x, const std::string& p) {
        if (!x.is_string()) throw InputError(file, p, "expected a name, found " + describeJsonType(x), "write a name in quotes");
        std::string s = x.get<std::string>();
        if (std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
            std::string all;
            for (const auto& a : allowed) all += (all.empty() ? "" : ", ") + a;
            std::string close = closestName(s, allowed);
            if (allowed.empty())
                throw InputError(file, p, "unknown name \"" + s + "\": nothing of that kind is defined",
                                 "define \"" + s + "\" first (e.g. under /assets), then refer to it here");
            throw InputError(file, p, "unknown name \"" + s + "\"",
                             (close.empty() ? "" : "did you mean \"" + close + "\"? ") + std::string("use one of ") + all);
        }
        out.push_back(s);
    };
    if (v.is_array()) {
        if (v.empty()) throw InputError(file, path, "empty list", "name at least one");
        for (size_t i = 0; i < v.size(); ++i) one(v[i], path + "/" + std::to_string(i));
    } else {
        one(v, path);
    }
    return out;
}

std::vector<NumberDistribution> colorDistributions(const Json& v, const std::string& file, const std::string& path, bool hsv) {
    if (!v.is_array() || v.size() != 3)
        throw InputError(file, path, "expected 3 components, found " + describeJsonType(v),
                         hsv ? "write [hue in degrees, saturation, value], each a number or a distribution"
                             : "write [r, g, b] in 0..1 (linear), each a number or a distribution");
    std::vector<NumberDistribution> out;
    for (int i = 0; i < 3; ++i) {
        DistributionOptions o = kUnit;
        if (hsv && i == 0) o = {.allowed = {.min = -360, .max = 720}};
        out.push_back(parseNumberDistribution(v[i], file, path + "/" + std::to_string(i), o));
    }
    return out;
}

struct ParseContext {
    std::string file;
    fs::path baseDir;
    AssetCache* cache = nullptr;
    std::vector<Category>* categories = nullptr;  // grows as pools name new categories
};

int categoryIndex(ParseContext& ctx, const std::string& name) {
    for (size_t i = 0; i < ctx.categories->size(); ++i)
        if ((*ctx.categories)[i].name == name) return int(i);
    Category c;
    c.id = int(ctx.categories->size()) + 1;
    c.name = name;
    auto slash = name.rfind('/');
    c.supercategory = slash == std::string::npos ? name : name.substr(0, slash);
    ctx.categories->push_back(c);
    return int(ctx.categories->size()) - 1;
}

std::shared_ptr<const Material> baseMaterial(JsonObject& o, const std::string& name) {
    auto m = std::make_shared<Material>();
    m->name = name;
    auto c = o.numbers("color", 3, {0.6, 0.6, 0.6});
    m->baseColor = glm::vec4(float(c[0]), float(c[1]), float(c[2]), 1.0f);
    m->roughness = float(o.number("roughness", 0.5, {.min = 0, .max = 1}));
    m->metallic = float(o.number("metallic", 0.0, {.min = 0, .max = 1}));
    return m;
}

AssetPool parsePool(const std::string& name, JsonObject& o, ParseContext& ctx) {
    AssetPool pool;
    pool.name = name;
    if (const Json* c = o.find("category")) {
        if (!c->is_string() || c->get<std::string>().empty())
            throw InputError(ctx.file, o.pathOf("category"), "expected a category name", "write e.g. \"bolt\" or \"defect/crack\"");
        pool.category = categoryIndex(ctx, c->get<std::string>());
    }
    auto material = baseMaterial(o, name);
    int sources = int(o.has("primitive")) + int(o.has("mesh"));
    if (sources != 1)
        o.fail("", sources ? "both \"primitive\" and \"mesh\" given" : "no assets: neither \"primitive\" nor \"mesh\"",
               "give \"primitive\": \"box\" (or a list of primitives), or \"mesh\": a file, a folder or a list of them");
    if (const Json* p = o.find("primitive")) {
        std::string pp = o.pathOf("primitive");
        std::vector<Json> items = p->is_array() ? std::vector<Json>(p->begin(), p->end()) : std::vector<Json>{*p};
        if (items.empty()) throw InputError(ctx.file, pp, "empty list", "name at least one primitive");
        for (size_t i = 0; i < items.size(); ++i) {
            AssetSource a;
            a.primitive = parsePrimitive(items[i], ctx.file, p->is_array() ? pp + "/" + std::to_string(i) : pp);
            a.name = primitiveKindName(a.primitive->kind);
            a.material = material;
            pool.assets.push_back(std::move(a));
        }
    } else {
        std::string mp = o.pathOf("mesh");
        // Many files are +Y up (glTF, most OBJ exports) and not in metres: convert once here.
        std::string up = o.oneOf("up_axis", {"z", "y"}, "z");
        double unit = o.number("unit_scale", 1.0, {.min = 0, .minExclusive = true});
        glm::dmat4 fix = glm::dmat4(glm::dmat3(unit));
        if (up == "y")
            fix = fix * glm::dmat4(glm::dvec4(1, 0, 0, 0), glm::dvec4(0, 0, 1, 0), glm::dvec4(0, -1, 0, 0), glm::dvec4(0, 0, 0, 1));
        for (const auto& f : readFileList(*o.find("mesh"), ctx.baseDir, kMeshExtensions, ctx.file, mp, "mesh")) {
            AssetSource a;
            a.fileToModel = fix;
            a.name = fs::path(f).filename().string();
            a.model = ctx.cache->model(f, ctx.file, mp);
            pool.assets.push_back(std::move(a));
        }
    }
    pool.assetWeights = parseWeights(o.find("weights"), pool.assets.size(), ctx.file, o.pathOf("weights"));
    o.finish();
    return pool;
}

MaterialRandomizer parseMaterialRandomizer(JsonObject& o, ParseContext& ctx) {
    MaterialRandomizer m;
    if (o.has("rgb") && o.has("hsv")) o.fail("hsv", "both \"rgb\" and \"hsv\" given", "keep one of them");
    if (const Json* v = o.find("rgb")) {
        m.colorSpace = MaterialRandomizer::ColorSpace::Rgb;
        m.color = colorDistributions(*v, ctx.file, o.pathOf("rgb"), false);
    }
    if (const Json* v = o.find("hsv")) {
        m.colorSpace = MaterialRandomizer::ColorSpace::Hsv;
        m.color = colorDistributions(*v, ctx.file, o.pathOf("hsv"), true);
    }
    if (o.has("roughness")) m.roughness = distributionOr(o, "roughness", {}, kUnit);
    if (o.has("metallic")) m.metallic = distributionOr(o, "metallic", {}, kUnit);
    if (const Json* t = o.find("textures")) {
        JsonObject to(*t, ctx.file, o.pathOf("textures"));
        if (const Json* f = to.find("images"))
            m.textureFiles = readFileList(*f, ctx.baseDir, kImageExtensions, ctx.file, to.pathOf("images"), "image");
        if (const Json* p = to.find("procedural"))
            m.proceduralKinds = readNames(*p, {"noise", "checker", "stripes", "grain"}, ctx.file, to.pathOf("procedural"));
        m.textureScale = distributionOr(to, "scale", m.textureScale, kPositive);
        m.textureProbability = distributionOr(to, "probability", m.textureProbability, kUnit);
        to.finish();
        if (m.textureFiles.empty() && m.proceduralKinds.empty())
            to.fail("", "a texture pool without textures", "add \"images\": a folder, or \"procedural\": [\"checker\", \"noise\"]");
    }
    o.finish();
    return m;
}

glm::dvec3 vec3(const std::vector<double>& v) { return {v[0], v[1], v[2]}; }

Placement parsePlacement(JsonObject& o, ParseContext& ctx) {
    Placement p;
    std::string mode = o.oneOf("mode", {"volume", "surface", "grid", "scatter", "bin"}, "scatter");
    p.mode = mode == "volume"    ? Placement::Mode::Volume
             : mode == "surface" ? Placement::Mode::Surface
             : mode == "grid"    ? Placement::Mode::Grid
             : mode == "bin"     ? Placement::Mode::Bin
                                 : Placement::Mode::Scatter;
    p.min = vec3(o.numbers("min", 3, {p.min.x, p.min.y, p.min.z}));
    p.max = vec3(o.numbers("max", 3, {p.max.x, p.max.y, p.mode == Placement::Mode::Volume ? p.max.z : p.min.z}));
    if (p.mode != Placement::Mode::Volume) p.max.z = std::max(p.max.z, p.min.z);
    for (int i = 0; i < 3; ++i)
        if (p.min[i] > p.max[i])
            o.fail("min", "impossible range: min is greater than max in component " + std::to_string(i), "swap the values");
    p.rows = o.integer("rows", p.rows, {.min = 1, .max = 1000});
    p.cols = o.integer("cols", p.cols, {.min = 1, .max = 1000});
    auto sp = o.numbers("spacing", 2, {p.spacing.x, p.spacing.y});
    p.spacing = {sp[0], sp[1]};
    p.jitter = distributionOr(o, "jitter", p.jitter, kNonNegative);
    p.minGap = o.number("min_gap", p.minGap, {.min = 0});
    p.drop = o.boolean("drop", p.mode == Placement::Mode::Bin);
    p.dropHeight = o.number("drop_height", p.dropHeight, {.min = 0});
    p.binSize = vec3(o.numbers("bin_size", 3, {p.max.x - p.min.x, p.max.y - p.min.y, 0.12}));
    p.binWall = o.number("bin_wall", p.binWall, {.min = 0.001});
    if (p.mode != Placement::Mode::Bin && (o.has("bin_size") || o.has("bin_wall")))
        o.fail("bin_size", "bin settings on a placement that is not a bin", "set \"mode\": \"bin\" or remove them");
    for (int i = 0; i < 3; ++i)
        if (p.mode == Placement::Mode::Bin && p.binSize[i] <= 0)
            o.fail("bin_size", "bin sizes must be positive", "give the inner size in metres, e.g. [0.4, 0.3, 0.12]");
    o.finish();
    return p;
}

PoseRandomizer parsePose(const Json& v, const std::string& file, const std::string& path) {
    PoseRandomizer p;
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        if (s == "uniform") p.mode = PoseRandomizer::Mode::UniformSO3;
        else if (s == "upright") p.mode = PoseRandomizer::Mode::Upright;
        else if (s == "fixed") p.mode = PoseRandomizer::Mode::Fixed;
        else
            throw InputError(
                file, path, "unknown pose \"" + s + "\"",
                "use \"uniform\" (any rotation), \"upright\" (random yaw), \"fixed\", or {\"roll\", \"pitch\", \"yaw\"} in degrees");
        return p;
    }
    JsonObject o(v, file, path);
    p.mode = PoseRandomizer::Mode::Ranges;
    p.roll = distributionOr(o, "roll", p.roll);
    p.pitch = distributionOr(o, "pitch", p.pitch);
    p.yaw = distributionOr(o, "yaw", p.yaw);
    o.finish();
    return p;
}

ObjectGroup parseGroup(JsonObject& o, const std::vector<AssetPool>& pools, ParseContext& ctx) {
    ObjectGroup g;
    g.name = o.requireString("name");
    std::vector<std::string> poolNames;
    for (const auto& p : pools) poolNames.push_back(p.name);
    const Json& a = o.require("assets",
                              "name the asset pools this group draws from: \"assets\": \"bolts\" or {\"bolts\": 3, \"nuts\": 1}");
    std::string ap = o.pathOf("assets");
    if (a.is_object()) {
        // {"pool": weight, ...}: keys are sorted by the JSON library, so file order never matters.
        Json names = Json::array(), weights = Json::array();
        for (auto it = a.begin(); it != a.end(); ++it) {
            names.push_back(it.key());
            weights.push_back(it.value());
        }
        if (names.empty()) throw InputError(ctx.file, ap, "no pools named", "name at least one pool");
        for (const auto& n : readNames(names, poolNames, ctx.file, ap))
            g.pools.push_back(size_t(std::find(poolNames.begin(), poolNames.end(), n) - poolNames.begin()));
        g.poolWeights = parseWeights(&weights, weights.size(), ctx.file, ap);
    } else {
        for (const auto& n : readNames(a, poolNames, ctx.file, ap))
            g.pools.push_back(size_t(std::find(poolNames.begin(), poolNames.end(), n) - poolNames.begin()));
        g.poolWeights = parseWeights(nullptr, g.pools.size(), ctx.file, ap);
    }
    g.count = distributionOr(o, "count", g.count, {.allowed = {.min = 0, .max = 10000}, .integer = true});
    if (o.has("frequency")) g.frequency = o.number("frequency", 1, {.min = 0, .max = 1});
    g.distractor = o.boolean("distractor", false);
    if (const Json* p = o.find("placement")) {
        JsonObject po(*p, ctx.file, o.pathOf("placement"));
        g.placement = parsePlacement(po, ctx);
    }
    if (const Json* p = o.find("pose")) g.pose = parsePose(*p, ctx.file, o.pathOf("pose"));
    g.scale = distributionOr(o, "scale", g.scale, kPositive);
    if (const Json* m = o.find("material")) {
        JsonObject mo(*m, ctx.file, o.pathOf("material"));
        g.material = parseMaterialRandomizer(mo, ctx);
    }
    if (const Json* d = o.find("defects")) {
        JsonObject dobj(*d, ctx.file, o.pathOf("defects"));
        g.defects = parseDefectRandomizer(dobj, [&](const std::string& name) { return categoryIndex(ctx, name); });
        if (g.defects.exact && !g.count.isConstant())
            o.fail("defects", "exact defect rates need a constant group count", "make \"count\" a number or drop \"exact\"");
    }
    o.finish();
    if (g.placement.mode == Placement::Mode::Grid && g.count.largest() > g.placement.rows * g.placement.cols)
        o.fail("count", "the count can exceed the grid's " + std::to_string(g.placement.rows * g.placement.cols) + " cells",
               "raise rows/cols or lower the count");
    return g;
}

LightRandomizer parseLightRandomizer(JsonObject& o, ParseContext& ctx) {
    LightRandomizer l;
    l.name = o.requireString("name");
    l.count = distributionOr(o, "count", l.count, {.allowed = {.min = 0, .max = 64}, .integer = true});
    if (const Json* t = o.find("type")) {
        l.types = readNames(*t, {"point", "directional", "spot"}, ctx.file, o.pathOf("type"));
        l.typeWeights = parseWeights(o.find("type_weights"), l.types.size(), ctx.file, o.pathOf("type_weights"));
    }
    l.intensity = distributionOr(o, "intensity", l.intensity, kNonNegative);
    l.temperature = distributionOr(o, "temperature", l.temperature, {.allowed = {.min = 1000, .max = 40000}});
    l.target = vectorDistributionOr(o, "target", 3, {0, 0, 0});
    if (l.target.size() != 3) o.fail("target", "expected [x, y, z]", "give three numbers or distributions");
    l.distance = distributionOr(o, "distance", l.distance, kPositive);
    l.elevation = distributionOr(o, "elevation", l.elevation, {.allowed = {.min = -90, .max = 90}});
    l.azimuth = distributionOr(o, "azimuth", l.azimuth);
    l.coneAngle = distributionOr(o, "cone_angle", l.coneAngle, {.allowed = {.min = 1, .max = 89}});
    l.castShadows = o.boolean("cast_shadows", true);
    o.finish();
    return l;
}

EnvironmentRandomizer parseEnvironmentRandomizer(JsonObject& o, ParseContext& ctx) {
    EnvironmentRandomizer e;
    if (const Json* c = o.find("color")) e.color = colorDistributions(*c, ctx.file, o.pathOf("color"), false);
    if (const Json* i = o.find("images"))
        e.images = readFileList(*i, ctx.baseDir, kImageExtensions, ctx.file, o.pathOf("images"), "image");
    if (const Json* b = o.find("backgrounds"))
        e.backgrounds = readFileList(*b, ctx.baseDir, kImageExtensions, ctx.file, o.pathOf("backgrounds"), "image");
    e.backgroundProbability = distributionOr(o, "background_probability", e.backgroundProbability, kUnit);
    e.intensity = distributionOr(o, "intensity", e.intensity, kNonNegative);
    e.rotation = distributionOr(o, "rotation", e.rotation);
    e.exposure = distributionOr(o, "exposure", e.exposure, kPositive);
    o.finish();
    return e;
}

CameraRandomizer parseCameraRandomizer(JsonObject& o, ParseContext& ctx) {
    CameraRandomizer c;
    if (o.has("fov") && o.has("intrinsics")) o.fail("fov", "both \"fov\" and \"intrinsics\" given", "keep one of them");
    c.fov = distributionOr(o, "fov", c.fov, {.allowed = {.min = 1, .max = 170}});
    if (const Json* k = o.find("intrinsics")) {
        JsonObject ko(*k, ctx.file, o.pathOf("intrinsics"));
        c.explicitK = true;
        auto res = ko.numbers("resolution", 2, {640, 480});
        c.kWidth = int(res[0]);
        c.kHeight = int(res[1]);
        if (c.kWidth < 1 || c.kHeight < 1) ko.fail("resolution", "resolution must be positive", "write [width, height] in pixels");
        c.fx = distributionOr(ko, "fx", c.fx, kPositive);
        c.fy = distributionOr(ko, "fy", c.fy, kPositive);
        c.cx = distributionOr(ko, "cx", NumberDistribution::constant(0.5 * (c.kWidth - 1)));
        c.cy = distributionOr(ko, "cy", NumberDistribution::constant(0.5 * (c.kHeight - 1)));
        ko.finish();
    }
    if (const Json* d = o.find("distortion")) {
        JsonObject dO(*d, ctx.file, o.pathOf("distortion"));
        DistributionOptions lim{.allowed = {.min = -2, .max = 2}};
        c.k1 = distributionOr(dO, "k1", c.k1, lim);
        c.k2 = distributionOr(dO, "k2", c.k2, lim);
        c.p1 = distributionOr(dO, "p1", c.p1, {.allowed = {.min = -0.2, .max = 0.2}});
        c.p2 = distributionOr(dO, "p2", c.p2, {.allowed = {.min = -0.2, .max = 0.2}});
        c.k3 = distributionOr(dO, "k3", c.k3, lim);
        dO.finish();
    }
    if (o.has("position") && o.has("look_at"))
        o.fail("position", "both a fixed \"position\" and \"look_at\" given", "keep one of them");
    if (o.has("position")) {
        c.fixedPose = true;
        c.position = vec3(o.numbers("position", 3, {0, 0, 1}));
        c.target = vectorDistributionOr(o, "target", 3, {0, 0, 0});
        for (const auto& t : c.target)
            if (!t.isConstant())
                o.fail("target", "a fixed camera needs a fixed target",
                       "write three plain numbers, or use \"look_at\" for a randomized pose");
        c.roll = distributionOr(o, "roll", c.roll);
    } else if (const Json* l = o.find("look_at")) {
        JsonObject lo(*l, ctx.file, o.pathOf("look_at"));
        c.target = vectorDistributionOr(lo, "target", 3, {0, 0, 0});
        if (c.target.size() != 3) lo.fail("target", "expected [x, y, z]", "give three numbers or distributions");
        c.distance = distributionOr(lo, "distance", c.distance, kPositive);
        std::string shell = lo.oneOf("shell", {"hemisphere", "sphere", "none"}, "none");
        if (shell != "none" && lo.has("elevation"))
            lo.fail("elevation", "\"shell\" and \"elevation\" both given",
                    "use \"shell\" for area-uniform directions or \"elevation\" for a range");
        c.shell = shell == "hemisphere" ? CameraRandomizer::Shell::Hemisphere
                  : shell == "sphere"   ? CameraRandomizer::Shell::Sphere
                                        : CameraRandomizer::Shell::None;
        c.elevation = distributionOr(lo, "elevation", c.elevation, {.allowed = {.min = -90, .max = 90}});
        c.azimuth = distributionOr(lo, "azimuth", c.azimuth);
        c.roll = distributionOr(lo, "roll", c.roll);
        lo.finish();
    }
    c.znear = o.number("near", c.znear, {.min = 0, .minExclusive = true});
    c.zfar = o.number("far", c.zfar, {.min = c.znear, .minExclusive = true});
    o.finish();
    return c;
}

SensorRandomizer parseSensorRandomizer(JsonObject& o, ParseContext& ctx) {
    SensorRandomizer s;
    s.gaussianNoise = distributionOr(o, "gaussian_noise", s.gaussianNoise, {.allowed = {.min = 0, .max = 128}});
    s.poissonNoise = distributionOr(o, "poisson_noise", s.poissonNoise, kNonNegative);
    if (const Json* m = o.find("motion_blur")) {
        JsonObject mo(*m, ctx.file, o.pathOf("motion_blur"));
        s.motionBlurLength = distributionOr(mo, "length", s.motionBlurLength, {.allowed = {.min = 0, .max = 64}});
        s.motionBlurAngle = distributionOr(mo, "angle", s.motionBlurAngle);
        mo.finish();
    }
    s.defocusRadius = distributionOr(o, "defocus", s.defocusRadius, {.allowed = {.min = 0, .max = 32}});
    s.exposure = distributionOr(o, "exposure", s.exposure, {.allowed = {.min = -10, .max = 10}});
    s.whiteBalance = distributionOr(o, "white_balance", s.whiteBalance, {.allowed = {.min = 1000, .max = 40000}});
    if (const Json* j = o.find("color_jitter")) {
        JsonObject jo(*j, ctx.file, o.pathOf("color_jitter"));
        s.brightness = distributionOr(jo, "brightness", s.brightness, {.allowed = {.min = -1, .max = 1}});
        s.contrast = distributionOr(jo, "contrast", s.contrast, {.allowed = {.min = 0, .max = 4}});
        s.saturation = distributionOr(jo, "saturation", s.saturation, {.allowed = {.min = 0, .max = 4}});
        s.hue = distributionOr(jo, "hue", s.hue, {.allowed = {.min = -180, .max = 180}});
        jo.finish();
    }
    s.vignetting = distributionOr(o, "vignetting", s.vignetting, kUnit);
    o.finish();
    return s;
}

const std::vector<std::string> kTopKeys{"version",     "resolution", "scene",  "categories", "assets",   "groups",   "lights",
                                        "environment", "camera",     "sensor", "physics",    "sequence", "variants", "quality"};

ScenarioBody parseBody(const Json& json, ParseContext& ctx, bool sceneHasCamera) {
    ScenarioBody b;
    JsonObject top(json, ctx.file, "");
    for (const char* k : {"version", "resolution", "scene", "categories", "variants", "quality"}) top.allow(k);
    if (const Json* a = top.find("assets")) {
        JsonObject ao(*a, ctx.file, top.pathOf("assets"));
        for (auto it = a->begin(); it != a->end(); ++it) {
            ao.allow(it.key());
            JsonObject po(it.value(), ctx.file, ao.pathOf(it.key()));
            b.pools.push_back(parsePool(it.key(), po, ctx));
        }
    }
    if (const Json* g = top.find("groups")) {
        std::string gp = top.pathOf("groups");
        if (!g->is_array())
            throw InputError(ctx.file, gp, "expected an array of groups, found " + describeJsonType(*g),
                             "write \"groups\": [{...}, ...]");
        std::set<std::string> names;
        for (size_t i = 0; i < g->size(); ++i) {
            JsonObject go((*g)[i], ctx.file, gp + "/" + std::to_string(i));
            b.groups.push_back(parseGroup(go, b.pools, ctx));
            if (!names.insert(b.groups.back().name).second)
                go.fail("name", "two groups are named \"" + b.groups.back().name + "\"",
                        "give every group its own name (names key the random draws)");
        }
    }
    if (const Json* l = top.find("lights")) {
        std::string lp = top.pathOf("lights");
        if (l->is_string() && l->get<std::string>() == "scene") {
            b.keepSceneLights = true;
        } else {
            if (!l->is_array())
                throw InputError(ctx.file, lp, "expected an array of light randomizers or \"scene\"",
                                 "write \"lights\": [{\"name\": \"key\", ...}]");
            std::set<std::string> names;
            for (size_t i = 0; i < l->size(); ++i) {
                JsonObject lo((*l)[i], ctx.file, lp + "/" + std::to_string(i));
                b.lights.push_back(parseLightRandomizer(lo, ctx));
                if (!names.insert(b.lights.back().name).second)
                    lo.fail("name", "two light randomizers are named \"" + b.lights.back().name + "\"", "give each its own name");
            }
        }
    } else {
        b.keepSceneLights = true;  // the scene's lights, or the default rig (SampleFrame)
    }
    if (const Json* e = top.find("environment")) {
        if (e->is_string() && e->get<std::string>() == "scene") {
            b.keepSceneEnvironment = true;
        } else {
            JsonObject eo(*e, ctx.file, top.pathOf("environment"));
            b.environment = parseEnvironmentRandomizer(eo, ctx);
        }
    } else {
        b.keepSceneEnvironment = true;
    }
    if (const Json* c = top.find("camera")) {
        JsonObject co(*c, ctx.file, top.pathOf("camera"));
        b.camera = parseCameraRandomizer(co, ctx);
    } else {
        b.camera.fromScene = sceneHasCamera;
    }
    if (const Json* s = top.find("sensor")) {
        JsonObject so(*s, ctx.file, top.pathOf("sensor"));
        b.sensor = parseSensorRandomizer(so, ctx);
    }
    if (const Json* p = top.find("physics")) {
        JsonObject po(*p, ctx.file, top.pathOf("physics"));
        b.settleTime = po.number("settle_time", b.settleTime, {.min = 0.01, .max = 60});
        po.finish();
    }
    if (const Json* q = top.find("sequence")) {
        JsonObject qo(*q, ctx.file, top.pathOf("sequence"));
        auto v = qo.numbers("camera_velocity", 3, {0, 0, 0});
        b.cameraMotion.velocity = {v[0], v[1], v[2]};
        b.cameraMotion.orbitRadPerSecond = glm::radians(qo.number("camera_orbit_deg_per_s", 0, {.min = -3600, .max = 3600}));
        auto c = qo.numbers("camera_orbit_center", 3, {0, 0, 0});
        b.cameraMotion.orbitCenter = {c[0], c[1], c[2]};
        qo.finish();
    }
    top.finish();
    return b;
}

// "quality": "draft" | "standard" | "high" (core/RenderQuality.h); absent: none asked for.
std::optional<RenderQuality> parseQualityKey(JsonObject& top) {
    const Json* q = top.find("quality");
    if (!q) return std::nullopt;
    const std::string fix = std::string("write one of ") + renderQualityChoices() + ", e.g. \"quality\": \"high\"";
    if (!q->is_string()) top.fail("quality", "expected a preset name, found " + describeJsonType(*q), fix);
    try {
        return parseRenderQuality(q->get<std::string>());
    } catch (const std::invalid_argument&) {
        top.fail("quality", "unknown quality \"" + q->get<std::string>() + "\"", fix);
    }
}

std::string hexHash(const std::string& text) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(mix64(hashName(text))));
    return buf;
}

}  // namespace

bool isScenarioJson(const Json& json) {
    return json.is_object() && (json.contains("groups") || json.contains("assets") || json.contains("variants"));
}

Scenario parseScenario(const Json& json, const std::string& file, const fs::path& baseDir, int width, int height) {
    Scenario sc;
    sc.file = file;
    sc.canonical = json;
    sc.hash = hexHash(json.dump());
    sc.cache = std::make_shared<AssetCache>();
    JsonObject top(json, file, "");
    auto res = top.numbers("resolution", 2, {640, 480});
    sc.width = width > 0 ? width : int(res[0]);
    sc.height = height > 0 ? height : int(res[1]);
    if (sc.width < 1 || sc.height < 1 || sc.width > kMaxImageSide || sc.height > kMaxImageSide)
        top.fail("resolution", "resolution out of range", "use 1.." + std::to_string(kMaxImageSide) + " pixels per side");
    sc.quality = parseQualityKey(top);
    bool sceneHasCamera = false;
    if (const Json* s = top.find("scene")) {
        if (!s->is_string()) top.fail("scene", "expected a scene file path", "write \"scene\": \"table.json\" (JSON or glTF)");
        fs::path p = resolveAssetPath(s->get<std::string>(), baseDir, file, top.pathOf("scene"));
        sc.baseScene = std::make_shared<Scene>(loadScene(p, {sc.width, sc.height}, sc.cache.get()));
        sc.categories = sc.baseScene->categories;
        sceneHasCamera = true;
    }
    if (const Json* c = top.find("categories")) {
        // Explicit list first: fixes the ids no matter where pools name them.
        for (const auto& cat : parseCategories(*c, file, top.pathOf("categories"))) {
            bool exists = false;
            for (const auto& e : sc.categories) exists |= e.name == cat.name;
            if (!exists) {
                Category copy = cat;
                copy.id = int(sc.categories.size()) + 1;
                sc.categories.push_back(copy);
            }
        }
    }
    ParseContext ctx{file, baseDir, sc.cache.get(), &sc.categories};

    Json baseJson = json;
    baseJson.erase("variants");
    sc.variants.push_back({"base", 1.0, parseBody(baseJson, ctx, sceneHasCamera)});
    if (const Json* v = top.find("variants")) {
        std::string vp = top.pathOf("variants");
        if (!v->is_array())
            throw InputError(file, vp, "expected an array of variants",
                             "write \"variants\": [{\"name\": \"backlight\", \"weight\": 0.02, \"override\": {...}}]");
        double total = 0;
        std::set<std::string> names{"base"};
        for (size_t i = 0; i < v->size(); ++i) {
            JsonObject vo((*v)[i], file, vp + "/" + std::to_string(i));
            ScenarioVariant var;
            var.name = vo.requireString("name");
            if (!names.insert(var.name).second)
                vo.fail("name", "variant name \"" + var.name + "\" is used twice (or is \"base\")", "give every variant its own name");
            var.weight = vo.requireNumber("weight", {.min = 0, .max = 1});
            total += var.weight;
            const Json& ov = vo.require("override", "add \"override\": {...} with the keys this variant changes (JSON merge patch)");
            if (!ov.is_object()) vo.fail("override", "expected an object", "write the keys to change, e.g. {\"lights\": [...]}");
            for (auto it = ov.begin(); it != ov.end(); ++it)
                if (std::find(kTopKeys.begin(), kTopKeys.end(), it.key()) == kTopKeys.end() || it.key() == "variants" ||
                    it.key() == "scene" || it.key() == "resolution" || it.key() == "categories" || it.key() == "quality")
                    throw InputError(file, vo.pathOf("override") + "/" + it.key(), "a variant cannot override \"" + it.key() + "\"",
                                     "override assets, groups, lights, environment, camera, sensor or physics");
            vo.finish();
            Json patched = baseJson;
            patched.merge_patch(ov);
            ParseContext vctx = ctx;
            vctx.file = file + " (variant \"" + var.name + "\" applied)";
            var.body = parseBody(patched, vctx, sceneHasCamera);
            sc.variants.push_back(std::move(var));
        }
        if (total > 1 + 1e-9)
            throw InputError(file, vp, "variant weights add up to more than 1", "the base scenario gets 1 - sum(weights); lower them");
        sc.variants[0].weight = std::max(0.0, 1.0 - total);
    }
    for (const char* k : {"assets", "groups", "lights", "environment", "camera", "sensor", "physics", "sequence", "version"})
        top.allow(k);
    top.finish();
    return sc;
}

Scenario loadScenario(const fs::path& file, int width, int height) {
    std::string ext = asciiLower(file.extension().string());
    if (ext == ".json") {
        Json j = parseJsonFile(file);
        if (isScenarioJson(j)) return parseScenario(j, file.string(), file.parent_path(), width, height);
    } else if (!fs::exists(file)) {
        throw InputError(file.string(), "", "file not found", "check the path");
    }
    // A plain scene: nothing randomized; every frame renders the same scene.
    Scenario sc;
    sc.file = file.string();
    sc.cache = std::make_shared<AssetCache>();
    std::string text = readTextFile(file);
    sc.hash = hexHash(text);
    sc.canonical = Json{{"scene", file.filename().string()}};
    auto scene = std::make_shared<Scene>(loadScene(file, {width, height}, sc.cache.get()));
    sc.width = scene->camera.intrinsics.width;
    sc.height = scene->camera.intrinsics.height;
    sc.categories = scene->categories;
    sc.baseScene = scene;
    ScenarioVariant v;
    v.name = "base";
    v.body.keepSceneLights = true;
    v.body.keepSceneEnvironment = true;
    v.body.camera.fromScene = true;
    sc.variants.push_back(std::move(v));
    return sc;
}

}  // namespace sg
