#include "scenes/SceneJson.h"

#include "core/AtomicFile.h"
#include "core/Text.h"
#include "scenes/GltfScene.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace sg {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDeg = kPi / 180.0;

std::string fmt(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + ("\"" + n + "\"");
    return out.empty() ? "(none)" : out;
}

std::string didYouMean(const std::string& name, const std::vector<std::string>& known) {
    std::string close = closestName(name, known);
    return close.empty() ? "" : "did you mean \"" + close + "\"? ";
}

glm::dvec3 vec3(const std::vector<double>& v) { return {v[0], v[1], v[2]}; }

// A 3-vector that must not be zero (directions, up vectors).
glm::dvec3 direction(JsonObject& o, const std::string& key) {
    glm::dvec3 d = vec3(o.numbers(key, 3, {0, 0, 0}));
    double len = glm::length(d);
    if (!(len > 1e-12)) o.fail(key, "the direction has zero length", "give a non-zero vector such as [0, 0, -1]");
    return d / len;
}

// [r, g, b] (or [r, g, b, a] when allowAlpha) of finite numbers, each within [0, maxValue].
glm::dvec4 color(JsonObject& o, const std::string& key, glm::dvec4 fallback, bool allowAlpha, double maxValue) {
    const Json* v = o.find(key);
    if (!v) return fallback;
    std::string shape = allowAlpha ? "[r, g, b] or [r, g, b, a]" : "[r, g, b]";
    if (!v->is_array() || (v->size() != 3 && !(allowAlpha && v->size() == 4)))
        o.fail(key,
               "expected a color " + shape + ", found " + describeJsonType(*v) +
                   (v->is_array() ? " of " + std::to_string(v->size()) + " values" : ""),
               "write linear RGB values" + std::string(allowAlpha ? " (and optional alpha)" : "") + " such as [0.8, 0.1, 0.1]");
    glm::dvec4 c(0, 0, 0, 1);
    NumberRange r{.min = 0.0};
    if (maxValue > 0) r.max = maxValue;
    for (size_t i = 0; i < v->size(); ++i) c[int(i)] = checkedNumber((*v)[i], o.file(), o.pathOf(key) + "/" + std::to_string(i), r);
    return c;
}

std::shared_ptr<const Texture> textureRef(JsonObject& o, const std::string& key, AssetCache& cache,
                                          const std::filesystem::path& baseDir) {
    if (!o.has(key)) return nullptr;
    std::string written = o.string(key, "");
    auto p = resolveAssetPath(written, baseDir, o.file(), o.pathOf(key));
    return cache.texture(p, o.file(), o.pathOf(key));
}

// Rotation part of a matrix is orthonormal with determinant +1 (within tolerance).
bool isRigid(const glm::dmat4& m) {
    glm::dmat3 r(m);
    glm::dmat3 rtr = glm::transpose(r) * r;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            if (std::abs(rtr[i][j] - (i == j ? 1.0 : 0.0)) > 1e-4) return false;
    return std::abs(glm::determinant(r) - 1.0) < 1e-4;
}

bool lastRowIsAffine(const glm::dmat4& m) {
    return std::abs(m[0][3]) < 1e-9 && std::abs(m[1][3]) < 1e-9 && std::abs(m[2][3]) < 1e-9 && std::abs(m[3][3] - 1.0) < 1e-9;
}

void checkCategoryName(const std::string& name, const std::string& file, const std::string& path) {
    bool bad = name.empty() || name.front() == '/' || name.back() == '/' || name.find("//") != std::string::npos;
    if (bad)
        throw InputError(file, path, "invalid category name \"" + name + "\"",
                         "write a non-empty name, with \"/\" only between levels, e.g. \"defect/crack/hairline\"");
}

std::shared_ptr<const Material> defaultMaterial() {
    static const auto m = std::make_shared<const Material>();  // immutable, so sharing it is safe
    return m;
}

}  // namespace

PrimitiveShape parsePrimitive(const Json& value, const std::string& file, const std::string& path) {
    const std::vector<std::string> kinds{"box", "sphere", "cylinder", "cone", "torus", "plane", "capsule"};
    if (value.is_string()) {
        // A bare name: table-top sized defaults (5 cm), so a scenario asset can be one word.
        auto kind = primitiveKindFromName(value.get<std::string>());
        if (!kind)
            throw InputError(file, path, "unknown primitive \"" + value.get<std::string>() + "\"", "use one of " + quotedList(kinds));
        PrimitiveShape s;
        s.kind = *kind;
        s.size = glm::dvec3(0.05);
        s.radius = 0.025;
        s.height = 0.05;
        s.minorRadius = 0.008;
        s.segments = 32;
        return s;
    }
    JsonObject p(value, file, path);
    if (p.has("kind")) p.fail("kind", "a primitive's shape is named by \"type\", not \"kind\"", "rename \"kind\" to \"type\"");
    if (!p.has("type"))
        p.fail("", "missing required key \"type\"",
               "add \"type\": one of \"box\", \"sphere\", \"cylinder\", \"cone\", \"torus\", \"plane\", \"capsule\"");
    std::string type = p.oneOf("type", kinds, "box");
    PrimitiveShape s;
    s.kind = *primitiveKindFromName(type);
    const NumberRange positive{.min = 0.0, .minExclusive = true};
    auto positiveVector = [&](const std::string& key, size_t n) {
        if (!p.has(key))
            p.fail("", "missing required key \"" + key + "\" for a " + type,
                   "add \"" + key + "\": [" + (n == 3 ? "x, y, z" : "x, y") + "] in metres");
        auto v = p.numbers(key, n, {});
        for (size_t i = 0; i < n; ++i)
            if (!(v[i] > 0))
                throw InputError(p.file(), p.pathOf(key) + "/" + std::to_string(i), "size " + fmt(v[i]) + " is not positive",
                                 "use sizes greater than 0 (metres)");
        return v;
    };
    auto requirePositive = [&](const std::string& key) { return p.requireNumber(key, positive); };
    switch (s.kind) {
        case PrimitiveKind::Box: {
            auto v = positiveVector("size", 3);
            s.size = {v[0], v[1], v[2]};
            break;
        }
        case PrimitiveKind::Plane: {
            auto v = positiveVector("size", 2);
            s.size = {v[0], v[1], 0.0};
            break;
        }
        case PrimitiveKind::Sphere: s.radius = requirePositive("radius"); break;
        case PrimitiveKind::Cylinder:
        case PrimitiveKind::Cone:
            s.radius = requirePositive("radius");
            s.height = requirePositive("height");
            break;
        case PrimitiveKind::Capsule:
            s.radius = requirePositive("radius");
            s.height = p.number("height", 0.0, {.min = 0.0});
            break;
        case PrimitiveKind::Torus:
            s.radius = requirePositive("radius");
            s.minorRadius = requirePositive("minor_radius");
            if (s.minorRadius >= s.radius)
                p.fail("minor_radius", "minor_radius " + fmt(s.minorRadius) + " is not smaller than radius " + fmt(s.radius),
                       "the tube radius must be smaller than the ring radius (the torus would intersect itself)");
            break;
    }
    if (s.kind != PrimitiveKind::Box && s.kind != PrimitiveKind::Plane)
        s.segments = p.integer("segments", 64, {.min = 3, .max = 1024});
    p.finish();
    return s;
}

glm::dmat4 parseMatrix(const Json& v, const std::string& file, const std::string& path) {
    const std::string fix = "write 16 numbers row by row (row-major), or 4 rows of 4 numbers";
    std::vector<double> vals;
    if (v.is_array() && v.size() == 16) {
        for (size_t i = 0; i < 16; ++i) vals.push_back(checkedNumber(v[i], file, path + "/" + std::to_string(i)));
    } else if (v.is_array() && v.size() == 4) {
        for (size_t r = 0; r < 4; ++r) {
            std::string rp = path + "/" + std::to_string(r);
            if (!v[r].is_array() || v[r].size() != 4)
                throw InputError(file, rp, "expected a row of 4 numbers, found " + describeJsonType(v[r]), fix);
            for (size_t c = 0; c < 4; ++c) vals.push_back(checkedNumber(v[r][c], file, rp + "/" + std::to_string(c)));
        }
    } else {
        throw InputError(file, path,
                         "expected a 4x4 matrix, found " + describeJsonType(v) +
                             (v.is_array() ? " of " + std::to_string(v.size()) + " values" : ""),
                         fix);
    }
    glm::dmat4 m;
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) m[c][r] = vals[size_t(r * 4 + c)];
    return m;
}

glm::dmat4 parseTransform(JsonObject& o) {
    bool trs = o.has("position") || o.has("rotation") || o.has("euler_deg") || o.has("scale");
    if (o.has("matrix")) {
        if (trs)
            o.fail("matrix", "both \"matrix\" and position/rotation/euler_deg/scale are given",
                   "use either \"matrix\" alone or position/rotation/scale");
        glm::dmat4 m = parseMatrix(*o.find("matrix"), o.file(), o.pathOf("matrix"));
        if (!lastRowIsAffine(m))
            o.fail("matrix", "the last row is not [0, 0, 0, 1]", "write an affine transform: the bottom row must be 0, 0, 0, 1");
        double det = glm::determinant(glm::dmat3(m));
        if (!(det > 1e-12))
            o.fail("matrix", det < 0 ? "the matrix mirrors the model (negative determinant)" : "the matrix is degenerate (zero scale)",
                   "use a rotation with positive scales; mirrored models would render inside out");
        return m;
    }
    if (o.has("rotation") && o.has("euler_deg"))
        o.fail("euler_deg", "both \"rotation\" and \"euler_deg\" are given", "give the rotation once: a quaternion or Euler angles");
    glm::dvec3 position = vec3(o.numbers("position", 3, {0, 0, 0}));
    glm::dmat4 rotation(1.0);
    if (o.has("rotation")) {
        auto q = o.numbers("rotation", 4, {});
        glm::dquat quat(q[0], q[1], q[2], q[3]);  // glm takes (w, x, y, z) here
        double len = glm::length(quat);
        if (!(len > 1e-9))
            o.fail("rotation", "the quaternion has zero length", "write a unit quaternion [w, x, y, z], e.g. [1, 0, 0, 0]");
        rotation = glm::mat4_cast(quat / len);
    } else if (o.has("euler_deg")) {
        auto e = o.numbers("euler_deg", 3, {});
        // Extrinsic x, then y, then z about the fixed world axes: R = Rz * Ry * Rx.
        rotation = glm::rotate(glm::dmat4(1.0), e[2] * kDeg, glm::dvec3(0, 0, 1)) *
                   glm::rotate(glm::dmat4(1.0), e[1] * kDeg, glm::dvec3(0, 1, 0)) *
                   glm::rotate(glm::dmat4(1.0), e[0] * kDeg, glm::dvec3(1, 0, 0));
    }
    glm::dvec3 scale(1.0);
    if (const Json* s = o.find("scale")) {
        if (s->is_number()) {
            scale = glm::dvec3(checkedNumber(*s, o.file(), o.pathOf("scale"), {.min = 0.0, .minExclusive = true}));
        } else if (s->is_array() && s->size() == 3) {
            for (int i = 0; i < 3; ++i)
                scale[i] = checkedNumber((*s)[size_t(i)], o.file(), o.pathOf("scale") + "/" + std::to_string(i),
                                         {.min = 0.0, .minExclusive = true});
        } else {
            o.fail("scale", "expected a number or [sx, sy, sz], found " + describeJsonType(*s),
                   "write a positive number or three positive numbers");
        }
    }
    return glm::translate(glm::dmat4(1.0), position) * rotation * glm::scale(glm::dmat4(1.0), scale);
}

Camera parseCamera(JsonObject& o, const SceneLoadOptions& opts) {
    Camera cam;
    const NumberRange sideRange{.min = 1, .max = kMaxImageSide};
    int w0 = o.integer("width", 640, sideRange);
    int h0 = o.integer("height", 480, sideRange);
    if (opts.width < 0 || opts.width > kMaxImageSide || opts.height < 0 || opts.height > kMaxImageSide)
        throw InputError("", "",
                         "requested resolution " + std::to_string(opts.width) + "x" + std::to_string(opts.height) + " is out of range",
                         "use --width/--height between 1 and " + std::to_string(kMaxImageSide));
    int w = w0, h = h0;
    if (opts.width > 0 && opts.height > 0) {
        w = opts.width, h = opts.height;
    } else if (opts.width > 0) {
        w = opts.width;
        h = std::clamp(int(std::lround(double(opts.width) * h0 / w0)), 1, kMaxImageSide);
    } else if (opts.height > 0) {
        h = opts.height;
        w = std::clamp(int(std::lround(double(opts.height) * w0 / h0)), 1, kMaxImageSide);
    }

    bool pixelK = o.has("fx") || o.has("fy") || o.has("cx") || o.has("cy");
    if (pixelK && o.has("fov_deg"))
        o.fail("fov_deg", "both \"fov_deg\" and pixel intrinsics (fx, fy, cx, cy) are given",
               "give either \"fov_deg\" (vertical field of view) or \"fx\"/\"fy\"/\"cx\"/\"cy\"");
    Intrinsics K;
    if (pixelK) {
        if (!o.has("fx")) o.fail("", "\"fy\", \"cx\" or \"cy\" given without \"fx\"", "add \"fx\" (focal length in pixels)");
        double fx = o.requireNumber("fx", {.min = 0.0, .minExclusive = true});
        double fy = o.number("fy", fx, {.min = 0.0, .minExclusive = true});
        double cx = o.number("cx", 0.5 * (w0 - 1));
        double cy = o.number("cy", 0.5 * (h0 - 1));
        // Scale pixel intrinsics with the resolution; pixel edges (not centers) scale.
        double sx = double(w) / w0, sy = double(h) / h0;
        K.width = w, K.height = h;
        K.fx = fx * sx, K.fy = fy * sy;
        K.cx = (cx + 0.5) * sx - 0.5, K.cy = (cy + 0.5) * sy - 0.5;
    } else {
        double fov = o.number("fov_deg", 50.0, {.min = 0.0, .max = 179.0, .minExclusive = true});
        K = intrinsicsFromVerticalFov(fov * kDeg, w, h);
    }
    if (o.has("distortion")) {
        auto d = o.numbers("distortion", 5, {});
        K.distortion = {d[0], d[1], d[2], d[3], d[4]};
    }
    K.znear = o.number("near", 0.05, {.min = 0.0, .minExclusive = true});
    K.zfar = o.number("far", 100.0, {.min = 0.0, .minExclusive = true});
    if (!(K.znear < K.zfar))
        o.fail("far", "far (" + fmt(K.zfar) + ") is not greater than near (" + fmt(K.znear) + ")",
               "set \"far\" beyond \"near\", e.g. near 0.05 and far 100 (metres)");
    cam.intrinsics = K;

    bool hasMatrix = o.has("camera_to_world"), hasLookAt = o.has("look_at");
    if (hasMatrix && hasLookAt) o.fail("look_at", "both \"camera_to_world\" and \"look_at\" are given", "give the camera pose once");
    if (!hasMatrix && !hasLookAt)
        o.fail("", "the camera has no pose",
               "add \"look_at\": {\"eye\": [x, y, z], \"target\": [x, y, z]} or \"camera_to_world\": [16 numbers, row-major]");
    glm::dmat4 camToWorld(1.0);
    if (hasMatrix) {
        camToWorld = parseMatrix(*o.find("camera_to_world"), o.file(), o.pathOf("camera_to_world"));
        if (!lastRowIsAffine(camToWorld) || !isRigid(camToWorld))
            o.fail("camera_to_world", "not a rigid transform (rotation plus translation)",
                   "the upper-left 3x3 must be a rotation whose columns are the camera's +X (right), +Y (down) and "
                   "+Z (viewing direction) in world coordinates, the last column the camera position, the last row 0, 0, 0, 1");
    } else {
        JsonObject la(*o.find("look_at"), o.file(), o.pathOf("look_at"));
        if (!la.has("eye")) la.fail("", "missing required key \"eye\"", "add \"eye\": [x, y, z] (the camera position)");
        if (!la.has("target")) la.fail("", "missing required key \"target\"", "add \"target\": [x, y, z] (the point looked at)");
        glm::dvec3 eye = vec3(la.numbers("eye", 3, {}));
        glm::dvec3 target = vec3(la.numbers("target", 3, {}));
        glm::dvec3 up = la.has("up") ? direction(la, "up") : glm::dvec3(0, 0, 1);
        la.finish();
        if (glm::length(target - eye) < 1e-9)
            la.fail("target", "target equals eye", "put the target somewhere the camera should look at, away from the eye");
        camToWorld = lookAtCameraToWorld(eye, target, up);
    }
    cam.worldToCamera = glm::inverse(camToWorld);
    o.finish();
    return cam;
}

std::vector<Category> parseCategories(const Json& array, const std::string& file, const std::string& path) {
    if (!array.is_array())
        throw InputError(file, path, "expected an array of categories, found " + describeJsonType(array),
                         "write [\"part/bolt\", {\"name\": \"part/nut\", \"keypoints\": [...]}, ...]");
    std::vector<Category> out;
    for (size_t i = 0; i < array.size(); ++i) {
        std::string p = path + "/" + std::to_string(i);
        const Json& e = array[i];
        Category c;
        c.id = int(i) + 1;
        if (e.is_string()) {
            c.name = e.get<std::string>();
            checkCategoryName(c.name, file, p);
        } else if (e.is_object()) {
            JsonObject co(e, file, p);
            c.name = co.requireString("name");
            checkCategoryName(c.name, file, co.pathOf("name"));
            if (const Json* k = co.find("keypoints")) {
                std::string kp = co.pathOf("keypoints");
                if (!k->is_array() || k->empty())
                    throw InputError(file, kp, "expected a non-empty array of keypoint names, found " + describeJsonType(*k),
                                     "write [\"tip\", \"head\", ...]");
                for (size_t j = 0; j < k->size(); ++j) {
                    std::string jp = kp + "/" + std::to_string(j);
                    if (!(*k)[j].is_string() || (*k)[j].get<std::string>().empty())
                        throw InputError(file, jp, "expected a keypoint name (non-empty string)", "write the name in double quotes");
                    std::string n = (*k)[j].get<std::string>();
                    if (std::find(c.keypoints.begin(), c.keypoints.end(), n) != c.keypoints.end())
                        throw InputError(file, jp, "keypoint \"" + n + "\" is listed twice", "give each keypoint a unique name");
                    c.keypoints.push_back(n);
                }
            }
            if (const Json* s = co.find("skeleton")) {
                std::string sp = co.pathOf("skeleton");
                if (c.keypoints.empty())
                    throw InputError(file, sp, "a skeleton without keypoints", "list the category's \"keypoints\" first");
                if (!s->is_array())
                    throw InputError(file, sp, "expected an array of pairs, found " + describeJsonType(*s),
                                     "write [[\"a\", \"b\"], [\"b\", \"c\"]] (names or 0-based indices)");
                for (size_t j = 0; j < s->size(); ++j) {
                    std::string jp = sp + "/" + std::to_string(j);
                    const Json& pair = (*s)[j];
                    if (!pair.is_array() || pair.size() != 2)
                        throw InputError(file, jp, "expected a pair of keypoints", "write [\"a\", \"b\"] or [0, 1]");
                    int ends[2];
                    for (size_t k = 0; k < 2; ++k) {
                        std::string ep = jp + "/" + std::to_string(k);
                        const Json& x = pair[k];
                        if (x.is_string()) {
                            auto it = std::find(c.keypoints.begin(), c.keypoints.end(), x.get<std::string>());
                            if (it == c.keypoints.end())
                                throw InputError(file, ep, "unknown keypoint \"" + x.get<std::string>() + "\"",
                                                 didYouMean(x.get<std::string>(), c.keypoints) +
                                                     "Keypoints of this category: " + quotedList(c.keypoints));
                            ends[k] = int(it - c.keypoints.begin());
                        } else if (x.is_number_integer() && x.get<long long>() >= 0 &&
                                   x.get<long long>() < (long long)c.keypoints.size()) {
                            ends[k] = int(x.get<long long>());
                        } else {
                            throw InputError(
                                file, ep, "expected a keypoint name or 0-based index",
                                "use a name from \"keypoints\" or an index from 0 to " + std::to_string(c.keypoints.size() - 1));
                        }
                    }
                    if (ends[0] == ends[1])
                        throw InputError(file, jp, "a skeleton edge joins a keypoint to itself", "join two different keypoints");
                    c.skeleton.push_back({ends[0], ends[1]});
                }
            }
            co.finish();
        } else {
            throw InputError(file, p, "expected a category name or object, found " + describeJsonType(e),
                             "write \"part/bolt\" or {\"name\": \"part/bolt\", \"keypoints\": [...]}");
        }
        for (const auto& prev : out)
            if (prev.name == c.name)
                throw InputError(file, p, "category \"" + c.name + "\" is listed twice (first as id " + std::to_string(prev.id) + ")",
                                 "list each category once");
        auto slash = c.name.rfind('/');
        c.supercategory = slash == std::string::npos ? c.name : c.name.substr(0, slash);
        out.push_back(std::move(c));
    }
    return out;
}

std::shared_ptr<const Material> parseMaterial(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir) {
    auto m = std::make_shared<Material>();
    m->name = o.string("name", "");
    glm::dvec4 bc = color(o, "base_color", glm::dvec4(m->baseColor), true, 1.0);
    m->baseColor = glm::vec4(bc);
    m->metallic = float(o.number("metallic", m->metallic, {.min = 0.0, .max = 1.0}));
    m->roughness = float(o.number("roughness", m->roughness, {.min = 0.0, .max = 1.0}));
    bool hasEmissive = o.has("emissive");
    m->emissive = glm::vec3(glm::dvec3(color(o, "emissive", glm::dvec4(0, 0, 0, 1), false, 0.0)));
    m->normalScale = float(o.number("normal_scale", m->normalScale, {.min = 0.0}));
    m->occlusionStrength = float(o.number("occlusion_strength", m->occlusionStrength, {.min = 0.0, .max = 1.0}));
    m->doubleSided = o.boolean("double_sided", m->doubleSided);
    m->baseColorTexture = textureRef(o, "base_color_texture", cache, baseDir);
    m->metallicRoughnessTexture = textureRef(o, "metallic_roughness_texture", cache, baseDir);
    m->normalTexture = textureRef(o, "normal_texture", cache, baseDir);
    m->emissiveTexture = textureRef(o, "emissive_texture", cache, baseDir);
    m->occlusionTexture = textureRef(o, "occlusion_texture", cache, baseDir);
    // An emissive texture alone should glow; glTF's default factor of 0 would hide it.
    if (m->emissiveTexture && !hasEmissive) m->emissive = glm::vec3(1.0f);
    o.finish();
    return m;
}

MaterialLibrary parseMaterials(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir) {
    MaterialLibrary lib;
    for (auto it = o.json().begin(); it != o.json().end(); ++it) {
        o.allow(it.key());
        if (it.key().empty()) o.fail(it.key(), "a material with an empty name", "give the material a name");
        JsonObject mo(it.value(), o.file(), o.pathOf(it.key()));
        auto m = parseMaterial(mo, cache, baseDir);
        if (m->name.empty()) {
            auto named = std::make_shared<Material>(*m);
            named->name = it.key();
            m = named;
        }
        lib[it.key()] = m;
    }
    o.finish();
    return lib;
}

// The index in `categories` of the object's "category" (absent: -1, unlabeled).
int categoryIndex(JsonObject& o, const std::vector<Category>& categories) {
    if (!o.has("category")) return -1;
    std::string name = o.string("category", "");
    std::vector<std::string> names;
    for (size_t i = 0; i < categories.size(); ++i) {
        if (categories[i].name == name) return int(i);
        names.push_back(categories[i].name);
    }
    o.fail("category", "unknown category \"" + name + "\"",
           didYouMean(name, names) + "Add it to \"categories\" or use one of: " + quotedList(names));
}

// A defect's size keys in millimetres, as scenarios name them (docs/scenario-format.md, "defects");
// null = the family has no such size.
struct DefectKeys {
    const char *length, *width, *depth, *count;
    bool curved;
};
DefectKeys defectKeys(const Defect& d) {
    switch (d.family) {
        case DefectFamily::Scratch: return {"length_mm", "width_mm", "depth_mm", nullptr, true};
        case DefectFamily::Crack: return {"length_mm", "width_mm", "depth_mm", "branches", false};
        case DefectFamily::Dent: return {"diameter_mm", nullptr, "depth_mm", nullptr, false};
        case DefectFamily::Stain: return {"diameter_mm", nullptr, nullptr, nullptr, false};
        case DefectFamily::Pitting: return {"diameter_mm", "pit_diameter_mm", "depth_mm", "pits", false};
        case DefectFamily::Contamination:
            if (d.style == ContaminationStyle::Fiber) return {"length_mm", "width_mm", "height_mm", "fibers", true};
            return {"diameter_mm", "particle_diameter_mm", "height_mm", "particles", false};
        case DefectFamily::Chip: break;  // refused by parseDefectKind
    }
    return {"length_mm", nullptr, nullptr, nullptr, false};
}

// The family (and contamination style) a defect object names.
void parseDefectKind(JsonObject& o, Defect& d) {
    const std::string family = o.requireString("family");
    if (!defectFamilyFromName(family, d.family))
        o.fail("family", "unknown defect family \"" + family + "\"", "use scratch, crack, dent, stain, pitting or contamination");
    // A chip is material cut from the mesh (scenes/Chip.h), which a scene file already gives as it is.
    if (d.family == DefectFamily::Chip)
        o.fail("family", "a chip removes material from the part's mesh, which a scene file gives as it is",
               "model the chip in the mesh file, or draw chips from a scenario (\"defects\": {\"families\": {\"chip\": 1}})");
    if (d.family != DefectFamily::Contamination) return;
    const std::string style = o.string("style", "dust");
    if (!contaminationStyleFromName(style, d.style))
        o.fail("style", "unknown contamination style \"" + style + "\"", "use dust or fiber");
}

// Sizes in millimetres (curvature in 1/m) to the model's metres.
void parseDefectSizes(JsonObject& o, Defect& d) {
    const DefectKeys keys = defectKeys(d);
    const NumberRange positive{.min = 0.0, .max = 10000.0, .minExclusive = true}, nonNegative{.min = 0.0, .max = 10000.0};
    d.length = o.requireNumber(keys.length, positive) / 1000;
    d.width = keys.width ? o.requireNumber(keys.width, positive) / 1000 : 0.0;
    d.depth = keys.depth ? o.number(keys.depth, 0.0, nonNegative) / 1000 : 0.0;
    if (keys.curved) d.curvature = o.number("curvature_per_m", 0.0, {.min = -10000.0, .max = 10000.0});
    const bool fiber = d.family == DefectFamily::Contamination && d.style == ContaminationStyle::Fiber;
    const double maxCount = d.family == DefectFamily::Crack || fiber ? 8 : 64;
    if (keys.count) d.count = o.integer(keys.count, d.family == DefectFamily::Contamination ? 1 : 0, {.min = 0.0, .max = maxCount});
}

// One entry of an object's "defects" (docs/scene-format.md, "Defects").
Defect parseDefect(JsonObject& o, const std::vector<Category>& categories) {
    Defect d;
    parseDefectKind(o, d);
    if (!o.has("center"))
        o.fail("center", "missing required key \"center\"",
               "add \"center\": [x, y, z], a point on the part's surface in model coordinates (m)");
    d.center = vec3(o.numbers("center", 3, {}));
    d.normal = o.has("normal") ? direction(o, "normal") : glm::dvec3(0, 0, 1);
    if (o.has("tangent")) {
        d.tangent = direction(o, "tangent");
        if (glm::length(glm::cross(d.tangent, d.normal)) < 1e-6)
            o.fail("tangent", "the tangent is parallel to the normal",
                   "give a direction along the surface, e.g. [1, 0, 0] for normal [0, 0, 1]");
    }
    parseDefectSizes(o, d);
    d.color = glm::vec3(color(o, "color", glm::dvec4(0.5, 0.5, 0.5, 1), false, 1.0));
    d.roughness = float(o.number("roughness", 0.5, {.min = 0.0, .max = 1.0}));
    d.seed = uint32_t(o.integer("seed", 0, {.min = 0.0, .max = 2e9}));
    d.category = categoryIndex(o, categories);
    const std::string root = std::string("defect/") + defectFamilyName(d.family);
    if (d.category >= 0 && categories[size_t(d.category)].name.rfind(root, 0) != 0)
        o.fail("category", "a " + std::string(defectFamilyName(d.family)) + "'s category must be \"" + root + "\" or below it",
               "use e.g. \"" + root + "\" and list it in \"categories\"");
    d.attributes = defectSizeAttributes(d);
    if (const Json* a = o.find("attributes")) {
        if (!a->is_object())
            o.fail("attributes", "expected an object, found " + describeJsonType(*a), "write {\"severity\": \"reject\"}");
        d.attributes.update(*a);
    }
    o.finish();
    return d;
}

std::vector<Defect> parseDefects(const Json& v, const std::string& file, const std::string& path,
                                 const std::vector<Category>& categories) {
    if (!v.is_array())
        throw InputError(
            file, path, "expected an array of defects, found " + describeJsonType(v),
            "write \"defects\": [{\"family\": \"scratch\", \"center\": [0, 0, 0.005], \"length_mm\": 8, \"width_mm\": 0.2}]");
    std::vector<Defect> out;
    for (size_t i = 0; i < v.size(); ++i) {
        JsonObject d(v[i], file, path + "/" + std::to_string(i));
        out.push_back(parseDefect(d, categories));
    }
    return out;
}

Object parseObject(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir, const std::vector<Category>& categories,
                   const MaterialLibrary& materials) {
    Object obj;
    obj.name = o.requireString("name");
    if (obj.name.empty()) o.fail("name", "empty object name", "give the object a name (it is written to the labels)");

    // Material first: it applies to the primitive or overrides every part of a mesh file.
    std::shared_ptr<const Material> material;
    if (const Json* m = o.find("material")) {
        if (m->is_string()) {
            std::string name = m->get<std::string>();
            auto it = materials.find(name);
            if (it == materials.end()) {
                std::vector<std::string> names;
                for (const auto& [k, v] : materials) names.push_back(k);
                o.fail("material", "unknown material \"" + name + "\"",
                       didYouMean(name, names) +
                           "Define it under \"materials\" or write the material inline. Known: " + quotedList(names));
            }
            material = it->second;
        } else if (m->is_object()) {
            JsonObject mo(*m, o.file(), o.pathOf("material"));
            material = parseMaterial(mo, cache, baseDir);
        } else {
            o.fail("material", "expected a material name or object, found " + describeJsonType(*m),
                   "write \"steel\" (a name from \"materials\") or {\"base_color\": [...], ...}");
        }
    }

    bool hasMesh = o.has("mesh"), hasPrimitive = o.has("primitive");
    if (hasMesh && hasPrimitive)
        o.fail("primitive", "both \"mesh\" and \"primitive\" are given", "an object is either a mesh file or a primitive");
    if (!hasMesh && !hasPrimitive)
        o.fail("", "the object has no geometry",
               "add \"mesh\": \"file.obj\" or \"primitive\": {\"type\": \"box\", \"size\": [0.1, 0.1, 0.1]}");
    if (hasMesh) {
        std::string written = o.string("mesh", "");
        auto path = resolveAssetPath(written, baseDir, o.file(), o.pathOf("mesh"));
        auto model = cache.model(path, o.file(), o.pathOf("mesh"));
        std::string up = o.oneOf("up_axis", {"z", "y"}, "z");
        glm::dmat4 upFix = up == "y" ? gltfToWorld() : glm::dmat4(1.0);
        for (MeshPart part : model->parts) {
            part.partToModel = upFix * part.partToModel;
            if (material) part.material = material;
            obj.parts.push_back(part);
        }
    } else {
        PrimitiveShape shape = parsePrimitive(*o.find("primitive"), o.file(), o.pathOf("primitive"));
        obj.primitive = shape;
        obj.parts.push_back({cache.primitiveMesh(shape), material ? material : defaultMaterial(), glm::dmat4(1.0)});
    }

    obj.modelToWorld = parseTransform(o);

    obj.category = categoryIndex(o, categories);
    const Category* category = obj.category >= 0 ? &categories[size_t(obj.category)] : nullptr;

    if (const Json* a = o.find("attributes")) {
        if (!a->is_object())
            o.fail("attributes", "expected an object, found " + describeJsonType(*a),
                   "write {\"color\": \"red\", \"defect_size_mm\": 3}");
        obj.attributes = *a;
    }

    if (const Json* k = o.find("keypoints")) {
        if (!category)
            o.fail("keypoints", "keypoints on an object without a category",
                   "give the object a \"category\" whose definition lists these keypoint names");
        JsonObject ko(*k, o.file(), o.pathOf("keypoints"));
        for (const auto& name : category->keypoints) {
            if (!ko.has(name)) {
                std::vector<std::string> given;
                for (auto it = k->begin(); it != k->end(); ++it) given.push_back(it.key());
                ko.fail(
                    "", "keypoint \"" + name + "\" of category \"" + category->name + "\" is missing",
                    "give every keypoint of the category: " + quotedList(category->keypoints) + " (given: " + quotedList(given) + ")");
            }
            obj.keypoints.push_back({name, vec3(ko.numbers(name, 3, {}))});
        }
        if (category->keypoints.empty() && !k->empty())
            o.fail("keypoints", "category \"" + category->name + "\" defines no keypoints",
                   "list the keypoint names under the category's \"keypoints\" in \"categories\"");
        ko.finish();  // names the category does not define: "unknown key", with the closest name
    } else if (category && !category->keypoints.empty()) {
        o.fail("", "object of category \"" + category->name + "\" has no \"keypoints\"",
               "add \"keypoints\": {" + quotedList(category->keypoints) + " each with [x, y, z] in model coordinates}");
    }

    if (const Json* p = o.find("physics")) {
        JsonObject po(*p, o.file(), o.pathOf("physics"));
        PhysicsProperties& ph = obj.physics;
        ph.mass = po.number("mass", ph.mass, {.min = 0.0});
        ph.friction = po.number("friction", ph.friction, {.min = 0.0, .max = 10.0});
        ph.restitution = po.number("restitution", ph.restitution, {.min = 0.0, .max = 1.0});
        ph.linearDamping = po.number("linear_damping", ph.linearDamping, {.min = 0.0, .max = 1.0});
        ph.angularDamping = po.number("angular_damping", ph.angularDamping, {.min = 0.0, .max = 1.0});
        if (po.has("conveyor_velocity")) {
            ph.conveyorVelocity = vec3(po.numbers("conveyor_velocity", 3, {}));
            if (ph.mass != 0)
                po.fail("conveyor_velocity", "a conveyor velocity on a moving object (mass " + fmt(ph.mass) + ")",
                        "set \"mass\": 0 (conveyors are static surfaces) or remove conveyor_velocity");
        }
        po.finish();
    }
    obj.castsShadows = o.boolean("cast_shadows", true);
    if (const Json* d = o.find("defects")) obj.defects = parseDefects(*d, o.file(), o.pathOf("defects"), categories);
    o.finish();
    return obj;
}

Light parseLight(JsonObject& o) {
    Light l;
    if (!o.has("type")) o.fail("", "missing required key \"type\"", "add \"type\": \"directional\", \"point\" or \"spot\"");
    std::string type = o.oneOf("type", {"directional", "point", "spot"}, "directional");
    l.type = type == "directional" ? LightType::Directional : type == "point" ? LightType::Point : LightType::Spot;
    l.color = glm::vec3(glm::dvec3(color(o, "color", glm::dvec4(1, 1, 1, 1), false, 0.0)));
    l.intensity = float(o.number("intensity", l.intensity, {.min = 0.0}));
    l.castsShadows = o.boolean("cast_shadows", true);
    auto requireKey = [&](const std::string& key, const std::string& what) {
        if (!o.has(key)) o.fail("", "a " + type + " light needs \"" + key + "\"", "add \"" + key + "\": " + what);
    };
    if (l.type == LightType::Directional) {
        requireKey("direction", "[x, y, z] (where the light travels, e.g. [0, 0, -1] straight down)");
        l.direction = direction(o, "direction");
    } else {
        requireKey("position", "[x, y, z] in metres");
        l.position = vec3(o.numbers("position", 3, {}));
    }
    if (l.type == LightType::Spot) {
        if (o.has("direction") && o.has("target")) o.fail("target", "both \"direction\" and \"target\" are given", "give one of them");
        if (o.has("target")) {
            glm::dvec3 t = vec3(o.numbers("target", 3, {}));
            if (glm::length(t - l.position) < 1e-9) o.fail("target", "target equals position", "aim the spot at another point");
            l.direction = glm::normalize(t - l.position);
        } else {
            requireKey("direction", "[x, y, z] or \"target\": [x, y, z]");
            l.direction = direction(o, "direction");
        }
        double inner = o.number("inner_cone_deg", 20.0, {.min = 0.0, .max = 89.0});
        double outer = o.number("outer_cone_deg", 30.0, {.min = 0.0, .max = 89.0, .minExclusive = true});
        if (inner > outer)
            o.fail("inner_cone_deg", "inner cone (" + fmt(inner) + " deg) wider than the outer cone (" + fmt(outer) + " deg)",
                   "make inner_cone_deg at most outer_cone_deg");
        l.innerConeAngle = float(inner * kDeg);
        l.outerConeAngle = float(outer * kDeg);
    }
    o.finish();
    return l;
}

Environment parseEnvironment(JsonObject& o, AssetCache& cache, const std::filesystem::path& baseDir) {
    Environment e;
    e.color = glm::vec3(glm::dvec3(color(o, "color", glm::dvec4(glm::dvec3(e.color), 1), false, 0.0)));
    if (o.has("image")) {
        std::string written = o.string("image", "");
        auto p = resolveAssetPath(written, baseDir, o.file(), o.pathOf("image"));
        e.image = cache.environmentImage(p, o.file(), o.pathOf("image"));
        e.imageSource = p.string();
    }
    e.intensity = float(o.number("intensity", 1.0, {.min = 0.0}));
    e.rotation = float(o.number("rotation_deg", 0.0) * kDeg);
    if (o.has("background")) {
        std::string written = o.string("background", "");
        auto p = resolveAssetPath(written, baseDir, o.file(), o.pathOf("background"));
        e.background = cache.image(p, o.file(), o.pathOf("background"));
    }
    o.finish();
    return e;
}

Scene loadSceneJsonText(const std::string& text, const std::string& file, const std::filesystem::path& baseDir,
                        const SceneLoadOptions& opts, AssetCache& cache) {
    Json j;
    try {
        j = parseJsonText(text, file);
    } catch (const Json::out_of_range& e) {
        // nlohmann reports 1e999 (a number no double can hold) as out_of_range, not a parse error.
        throw InputError(file, "", std::string("a number is out of range (") + e.what() + ")",
                         "write finite numbers (JSON has no NaN or infinity)");
    }
    JsonObject root(j, file, "");
    // Unknown top-level keys first: a typo like "objetcs" should not be reported as missing "objects".
    for (const char* k :
         {"version", "camera", "categories", "materials", "objects", "lights", "environment", "exposure", "description"})
        root.allow(k);
    root.finish();

    Scene scene;
    scene.source = file;
    if (root.has("version")) {
        int v = root.integer("version", 1);
        if (v != 1) root.fail("version", "unsupported version " + std::to_string(v), "this program reads version 1");
    }
    root.string("description", "");
    if (!root.has("camera"))
        root.fail("camera", "missing required key \"camera\"",
                  "add \"camera\": {\"fov_deg\": 50, \"look_at\": {\"eye\": [1, -1, 1], \"target\": [0, 0, 0]}}");
    {
        JsonObject co(*root.find("camera"), file, "/camera");
        scene.camera = parseCamera(co, opts);
    }
    if (const Json* c = root.find("categories")) scene.categories = parseCategories(*c, file, "/categories");
    MaterialLibrary materials;
    if (const Json* m = root.find("materials")) {
        JsonObject mo(*m, file, "/materials");
        materials = parseMaterials(mo, cache, baseDir);
    }
    const Json* objects = root.find("objects");
    if (!objects)
        root.fail("objects", "missing required key \"objects\" (the scene is empty)",
                  "add \"objects\": [{\"name\": \"box\", \"primitive\": {\"type\": \"box\", \"size\": [0.1, 0.1, 0.1]}}]");
    if (!objects->is_array())
        root.fail("objects", "expected an array of objects, found " + describeJsonType(*objects), "write \"objects\": [{...}, ...]");
    if (objects->empty())
        root.fail("objects", "the scene has no objects (empty \"objects\" array)",
                  "add at least one object, e.g. {\"name\": \"box\", \"primitive\": {\"type\": \"box\", \"size\": [0.1, 0.1, 0.1]}}");
    for (size_t i = 0; i < objects->size(); ++i) {
        JsonObject oo((*objects)[i], file, "/objects/" + std::to_string(i));
        scene.objects.push_back(parseObject(oo, cache, baseDir, scene.categories, materials));
        if (oo.has("mesh")) {  // the model is cached by now; pass on what went wrong inside it
            std::string meshPath = oo.pathOf("mesh");
            auto model = cache.model(resolveAssetPath(oo.json()["mesh"].get<std::string>(), baseDir, file, meshPath), file, meshPath);
            for (const auto& w : model->warnings) scene.warnings.push_back(file + ": " + meshPath + ": " + w);
        }
    }
    if (const Json* l = root.find("lights")) {
        if (!l->is_array())
            root.fail("lights", "expected an array of lights, found " + describeJsonType(*l),
                      "write \"lights\": [{\"type\": \"directional\", ...}]");
        for (size_t i = 0; i < l->size(); ++i) {
            JsonObject lo((*l)[i], file, "/lights/" + std::to_string(i));
            scene.lights.push_back(parseLight(lo));
        }
    } else {
        // No "lights" key: one sun from above and slightly behind the default viewpoint.
        Light sun;
        sun.type = LightType::Directional;
        sun.direction = glm::normalize(glm::dvec3(-0.3, 0.4, -1.0));
        scene.lights.push_back(sun);
    }
    if (const Json* e = root.find("environment")) {
        JsonObject eo(*e, file, "/environment");
        scene.environment = parseEnvironment(eo, cache, baseDir);
    }
    scene.exposure = float(root.number("exposure", 1.0, {.min = 0.0, .minExclusive = true}));
    return scene;
}

Scene loadScene(const std::filesystem::path& file, const SceneLoadOptions& opts, AssetCache* cache) {
    AssetCache local;
    AssetCache& c = cache ? *cache : local;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InputError(file.string(), "", "scene file not found", "check the path of the scene file");
    std::string ext = asciiLower(file.extension().string());
    if (ext == ".gltf" || ext == ".glb") return loadGltfScene(file, opts, c);
    if (ext != ".json")
        throw InputError(file.string(), "", "unknown scene file type \"" + ext + "\"",
                         "use a JSON scene (.json, see docs/scene-format.md) or a glTF 2.0 scene (.gltf or .glb)");
    std::filesystem::path base = file.parent_path();
    if (base.empty()) base = ".";
    return loadSceneJsonText(readTextFile(file), file.string(), base, opts, c);
}

}  // namespace sg
