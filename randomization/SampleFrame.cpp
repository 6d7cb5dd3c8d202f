#include "randomization/SampleFrame.h"

#include "core/Color.h"
#include "randomization/ExactFrequency.h"
#include "randomization/ProceduralTexture.h"

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>
#include <glm/gtx/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

namespace sg {

namespace {

constexpr double kDeg = M_PI / 180.0;

// Draws keyed by (seed, frame, entity, parameter); constants skip the generator entirely.
struct Draws {
    uint64_t seed;
    int64_t frame;

    KeyedRng rng(const std::string& entity, const std::string& param) const {
        return KeyedRng(seed, uint64_t(frame), hashName(entity), param);
    }
    double operator()(const NumberDistribution& d, const std::string& entity, const std::string& param) const {
        if (d.isConstant()) return d.a;
        KeyedRng r = rng(entity, param);
        return sampleNumber(d, r);
    }
    glm::dvec3 vec3(const std::vector<NumberDistribution>& d, const std::string& entity, const std::string& param) const {
        if (d.size() == 1) {
            double v = (*this)(d[0], entity, param);
            return glm::dvec3(v);
        }
        return {(*this)(d[0], entity, param + ".x"), (*this)(d[1], entity, param + ".y"), (*this)(d[2], entity, param + ".z")};
    }
};

Json jvec(const glm::dvec3& v) { return Json::array({v.x, v.y, v.z}); }

glm::dquat uniformRotation(KeyedRng& r) {
    // Shoemake's method: uniform over SO(3).
    double u1 = r.uniform(), u2 = r.uniform(), u3 = r.uniform();
    double a = std::sqrt(1 - u1), b = std::sqrt(u1);
    return glm::normalize(glm::dquat(b * std::cos(2 * M_PI * u3), a * std::sin(2 * M_PI * u2), a * std::cos(2 * M_PI * u2),
                                     b * std::sin(2 * M_PI * u3)));
}

glm::dquat eulerZYX(double rollDeg, double pitchDeg, double yawDeg) {
    return glm::angleAxis(yawDeg * kDeg, glm::dvec3(0, 0, 1)) * glm::angleAxis(pitchDeg * kDeg, glm::dvec3(0, 1, 0)) *
           glm::angleAxis(rollDeg * kDeg, glm::dvec3(1, 0, 0));
}

// Extent of an object's geometry after rotation and scale, relative to its origin.
struct Footprint {
    double minZ = 0, maxZ = 0;
    double radiusXY = 0;  // horizontal distance of the farthest vertex from the origin
};

Footprint footprintOf(const Object& o, const glm::dmat3& rs) {
    Footprint f{1e300, -1e300, 0};
    for (const auto& part : o.parts) {
        glm::dmat4 m = glm::dmat4(rs) * part.partToModel;
        for (const auto& v : part.mesh->vertices) {
            glm::dvec3 p = glm::dvec3(m * glm::dvec4(glm::dvec3(v.position), 1.0));
            f.minZ = std::min(f.minZ, p.z);
            f.maxZ = std::max(f.maxZ, p.z);
            f.radiusXY = std::max(f.radiusXY, std::hypot(p.x, p.y));
        }
    }
    if (f.minZ > f.maxZ) f.minZ = f.maxZ = 0;
    return f;
}

// One material draw per object, applied to every part (a multi-material mesh keeps its layout).
struct MaterialDraw {
    std::optional<glm::dvec3> color;
    std::optional<float> roughness, metallic;
    std::shared_ptr<const Texture> texture;

    std::shared_ptr<const Material> applyTo(const std::shared_ptr<const Material>& base) const {
        auto out = std::make_shared<Material>(base ? *base : Material{});
        if (color) out->baseColor = glm::vec4(glm::vec3(*color), out->baseColor.a);
        if (roughness) out->roughness = *roughness;
        if (metallic) out->metallic = *metallic;
        if (texture) {
            out->baseColorTexture = texture;
            out->baseColor = glm::vec4(1, 1, 1, out->baseColor.a);
        }
        return out;
    }
};

MaterialDraw drawMaterial(const MaterialRandomizer& m, const glm::dvec3& baseColor, const Draws& draw, const std::string& entity,
                          const Scenario& sc, Json& rec) {
    MaterialDraw d;
    auto sampleColor = [&](const std::string& param) {
        glm::dvec3 c = draw.vec3(m.color, entity, param);
        if (m.colorSpace == MaterialRandomizer::ColorSpace::Hsv) return hsvToLinearRgb(c.x, c.y, c.z);
        return c;
    };
    glm::dvec3 color = baseColor;
    if (m.colorSpace != MaterialRandomizer::ColorSpace::None) {
        color = sampleColor("color");
        d.color = color;
        rec["color_linear"] = jvec(color);
    }
    if (m.roughness) rec["roughness"] = *(d.roughness = float(draw(*m.roughness, entity, "roughness")));
    if (m.metallic) rec["metallic"] = *(d.metallic = float(draw(*m.metallic, entity, "metallic")));
    size_t pool = m.textureFiles.size() + m.proceduralKinds.size();
    if (pool > 0 && draw.rng(entity, "texture.use").uniform() < draw(m.textureProbability, entity, "texture.probability")) {
        size_t pick = size_t(draw.rng(entity, "texture.pick").uniformInt(0, int64_t(pool) - 1));
        if (pick < m.textureFiles.size()) {
            d.texture = sc.cache->texture(m.textureFiles[pick], sc.file, "/groups");
            rec["texture"] = m.textureFiles[pick];
        } else {
            ProceduralTextureSpec spec;
            spec.kind = m.proceduralKinds[pick - m.textureFiles.size()];
            spec.colorA = glm::vec3(color);
            spec.colorB = m.colorSpace != MaterialRandomizer::ColorSpace::None ? glm::vec3(sampleColor("color2"))
                                                                               : glm::vec3(color * 0.3);
            spec.scale = draw(m.textureScale, entity, "texture.scale");
            spec.angle = draw.rng(entity, "texture.angle").uniform(0, M_PI);
            spec.key = draw.rng(entity, "texture.key").nextU64();
            d.texture = makeProceduralTexture(spec);
            rec["texture"] = "procedural:" + spec.kind;
            rec["texture_scale"] = spec.scale;
            rec["texture_color2_linear"] = jvec(glm::dvec3(spec.colorB));
        }
    }
    return d;
}

Object makeBox(const std::string& name, const glm::dvec3& center, const glm::dvec3& size, AssetCache& cache,
               const std::shared_ptr<const Material>& material) {
    Object o;
    o.name = name;
    PrimitiveShape s;
    s.kind = PrimitiveKind::Box;
    s.size = size;
    o.primitive = s;
    o.parts.push_back({cache.primitiveMesh(s), material, glm::dmat4(1.0)});
    o.modelToWorld = glm::translate(glm::dmat4(1.0), center);
    o.physics.mass = 0;
    return o;
}

void addBin(Scene& scene, const Placement& p, const std::string& name, AssetCache& cache) {
    auto mat = std::make_shared<Material>();
    mat->name = name + "_material";
    mat->baseColor = {0.25f, 0.3f, 0.35f, 1.0f};
    mat->roughness = 0.7f;
    glm::dvec3 c((p.min.x + p.max.x) / 2, (p.min.y + p.max.y) / 2, p.min.z);
    glm::dvec3 s = p.binSize;
    double w = p.binWall;
    scene.objects.push_back(makeBox(name + "_floor", c + glm::dvec3(0, 0, -w / 2), {s.x + 2 * w, s.y + 2 * w, w}, cache, mat));
    scene.objects.push_back(
        makeBox(name + "_wall_xneg", c + glm::dvec3(-(s.x + w) / 2, 0, s.z / 2), {w, s.y + 2 * w, s.z}, cache, mat));
    scene.objects.push_back(
        makeBox(name + "_wall_xpos", c + glm::dvec3((s.x + w) / 2, 0, s.z / 2), {w, s.y + 2 * w, s.z}, cache, mat));
    scene.objects.push_back(makeBox(name + "_wall_yneg", c + glm::dvec3(0, -(s.y + w) / 2, s.z / 2), {s.x, w, s.z}, cache, mat));
    scene.objects.push_back(makeBox(name + "_wall_ypos", c + glm::dvec3(0, (s.y + w) / 2, s.z / 2), {s.x, w, s.z}, cache, mat));
}

struct Placed {
    glm::dvec2 xy;
    double radius;
};

// Where the objects of one group go, carried from one object to the next.
struct GroupPlacement {
    const Placement& placement;
    int cells = 0;                // grid: rows * cols
    uint64_t cellKey = 0;         // grid: keys the permutation of the cells this frame uses
    double stackZ = 0;            // bin: next free release height
    std::vector<Placed>& placed;  // scatter: footprints taken so far (shared by every group)
};

// A group with an exact frequency is present in exactly that fraction of the frames.
bool groupPresent(const Scenario& sc, const ObjectGroup& g, const Draws& draw, const std::string& gEntity) {
    return !g.frequency || exactlyInFraction(*g.frequency, draw.frame, std::max<int64_t>(sc.frameCount, draw.frame + 1),
                                             mix64(draw.seed ^ hashName(gEntity + ".frequency")));
}

// The object's asset (pool, then asset within it) and its randomized material; not yet placed.
Object sampleAsset(const Scenario& sc, const ScenarioBody& body, const ObjectGroup& g, const Draws& draw, const std::string& entity,
                   int k, Json& orec) {
    KeyedRng poolRng = draw.rng(entity, "pool");
    const AssetPool& pool = body.pools[g.pools[g.poolWeights.pick(poolRng)]];
    KeyedRng assetRng = draw.rng(entity, "asset");
    const AssetSource& asset = pool.assets[pool.assetWeights.pick(assetRng)];
    orec["pool"] = pool.name;
    orec["asset"] = asset.name;

    Object o;
    o.name = g.name + "_" + std::to_string(k);
    o.category = g.distractor ? -1 : pool.category;
    orec["category"] = o.category >= 0 ? Json(sc.categories[size_t(o.category)].name) : Json(nullptr);
    if (asset.primitive) {
        o.primitive = asset.primitive;
        o.parts.push_back({sc.cache->primitiveMesh(*asset.primitive), asset.material, glm::dmat4(1.0)});
    } else {
        o.parts = asset.model->parts;
        for (auto& part : o.parts) part.partToModel = asset.fileToModel * part.partToModel;
    }
    if (g.material.active()) {
        Json mrec = Json::object();
        glm::dvec3 base = o.parts.empty() || !o.parts[0].material ? glm::dvec3(0.8) : glm::dvec3(o.parts[0].material->baseColor);
        MaterialDraw md = drawMaterial(g.material, base, draw, entity, sc, mrec);
        for (auto& part : o.parts) part.material = md.applyTo(part.material);
        orec["material"] = mrec;
    }
    return o;
}

glm::dquat sampleRotation(const PoseRandomizer& pose, const Draws& draw, const std::string& entity, Json& orec) {
    switch (pose.mode) {
        case PoseRandomizer::Mode::Fixed: break;
        case PoseRandomizer::Mode::UniformSO3: {
            KeyedRng r = draw.rng(entity, "rotation");
            return uniformRotation(r);
        }
        case PoseRandomizer::Mode::Upright: {
            double yaw = draw.rng(entity, "yaw").uniform(0, 360);
            orec["yaw_deg"] = yaw;
            return eulerZYX(0, 0, yaw);
        }
        case PoseRandomizer::Mode::Ranges: {
            double roll = draw(pose.roll, entity, "roll"), pitch = draw(pose.pitch, entity, "pitch"),
                   yaw = draw(pose.yaw, entity, "yaw");
            orec["roll_deg"] = roll;
            orec["pitch_deg"] = pitch;
            orec["yaw_deg"] = yaw;
            return eulerZYX(roll, pitch, yaw);
        }
    }
    return glm::dquat(1, 0, 0, 0);
}

// The k-th object's position by the group's placement mode; empty when scatter finds no free spot.
std::optional<glm::dvec3> samplePosition(GroupPlacement& gp, const Footprint& fp, const Draws& draw, const std::string& entity, int k,
                                         Json& orec) {
    const Placement& pl = gp.placement;
    glm::dvec3 pos(0);
    KeyedRng posRng = draw.rng(entity, "position");
    switch (pl.mode) {
        case Placement::Mode::Volume:
            pos = {posRng.uniform(pl.min.x, pl.max.x), posRng.uniform(pl.min.y, pl.max.y), posRng.uniform(pl.min.z, pl.max.z)};
            break;
        case Placement::Mode::Surface:
            pos = {posRng.uniform(pl.min.x, pl.max.x), posRng.uniform(pl.min.y, pl.max.y), pl.min.z - fp.minZ};
            break;
        case Placement::Mode::Scatter: {
            bool ok = false;
            for (int attempt = 0; attempt < 200 && !ok; ++attempt) {
                glm::dvec2 xy(posRng.uniform(pl.min.x, pl.max.x), posRng.uniform(pl.min.y, pl.max.y));
                ok = true;
                for (const auto& p : gp.placed)
                    if (glm::length(p.xy - xy) < p.radius + fp.radiusXY + pl.minGap) {
                        ok = false;
                        break;
                    }
                pos = {xy.x, xy.y, pl.min.z - fp.minZ};
            }
            if (!ok) return std::nullopt;
            gp.placed.push_back({glm::dvec2(pos), fp.radiusXY});
            break;
        }
        case Placement::Mode::Grid: {
            uint64_t cell = keyedPermutation(uint64_t(k), uint64_t(gp.cells), gp.cellKey);
            int row = int(cell) / pl.cols, col = int(cell) % pl.cols;
            glm::dvec2 center((pl.min.x + pl.max.x) / 2, (pl.min.y + pl.max.y) / 2);
            double j = draw(pl.jitter, entity, "jitter");
            KeyedRng jr = draw.rng(entity, "jitter.direction");
            double a = jr.uniform(0, 2 * M_PI);
            pos = {center.x + (col - (pl.cols - 1) / 2.0) * pl.spacing.x + j * std::cos(a),
                   center.y + (row - (pl.rows - 1) / 2.0) * pl.spacing.y + j * std::sin(a), pl.min.z - fp.minZ};
            orec["cell"] = {row, col};
            break;
        }
        case Placement::Mode::Bin: {
            double r = std::min(fp.radiusXY, 0.45 * std::min(pl.binSize.x, pl.binSize.y));
            glm::dvec2 c((pl.min.x + pl.max.x) / 2, (pl.min.y + pl.max.y) / 2);
            double hx = std::max(0.0, pl.binSize.x / 2 - r), hy = std::max(0.0, pl.binSize.y / 2 - r);
            pos = {c.x + posRng.uniform(-hx, hx), c.y + posRng.uniform(-hy, hy), gp.stackZ - fp.minZ};
            // Released one above the other so no two start inside each other.
            gp.stackZ += (fp.maxZ - fp.minZ) + 0.005;
            break;
        }
    }
    if (pl.drop && pl.mode != Placement::Mode::Bin) pos.z += pl.dropHeight;
    return pos;
}

void sampleGroup(const Scenario& sc, const ScenarioBody& body, const ObjectGroup& g, const Draws& draw, Scene& scene,
                 FrameRecord& record, std::vector<Placed>& placed) {
    const std::string gEntity = "group:" + g.name;
    Json& grec = record.values["groups"][g.name];
    bool present = groupPresent(sc, g, draw, gEntity);
    grec["present"] = present;
    if (!present) {
        grec["count"] = 0;
        return;
    }
    int count = int(draw(g.count, gEntity, "count"));
    grec["count"] = count;
    const Placement& pl = g.placement;
    if (pl.mode == Placement::Mode::Bin) addBin(scene, pl, g.name + "_bin", *sc.cache);
    GroupPlacement gp{pl, pl.rows * pl.cols, mix64(draw.seed ^ mix64(uint64_t(draw.frame) ^ hashName(gEntity + ".cells"))),
                      pl.min.z + pl.dropHeight, placed};

    for (int k = 0; k < count; ++k) {
        const std::string entity = gEntity + "#" + std::to_string(k);
        Json orec;
        orec["group"] = g.name;
        Object o = sampleAsset(sc, body, g, draw, entity, k, orec);
        if (g.defects.active()) {
            DefectDraw dd{draw.seed, draw.frame, sc.frameCount, int64_t(g.count.largest()), k, entity};
            sampleDefects(g.defects, dd, o, orec);
        }
        double scale = draw(g.scale, entity, "scale");
        orec["scale"] = scale;
        glm::dquat q = sampleRotation(g.pose, draw, entity, orec);
        glm::dmat3 rs = glm::mat3_cast(q) * scale;
        std::optional<glm::dvec3> pos = samplePosition(gp, footprintOf(o, rs), draw, entity, k, orec);
        if (!pos) {
            grec["placement_failed"] = grec.value("placement_failed", 0) + 1;
            continue;
        }
        glm::dmat4 m = glm::dmat4(rs);
        m[3] = glm::dvec4(*pos, 1.0);
        o.modelToWorld = m;
        orec["position"] = jvec(*pos);
        orec["rotation_wxyz"] = Json::array({q.w, q.x, q.y, q.z});
        orec["instance_id"] = scene.objects.size() + 1;
        if (pl.drop) record.dropObjects.push_back(int(scene.objects.size()));
        scene.objects.push_back(std::move(o));
        record.values["objects"].push_back(orec);
    }
}

void sampleLights(const ScenarioBody& body, const Draws& draw, Scene& scene, Json& rec) {
    for (const auto& l : body.lights) {
        const std::string lEntity = "light:" + l.name;
        int n = int(draw(l.count, lEntity, "count"));
        for (int k = 0; k < n; ++k) {
            const std::string entity = lEntity + "#" + std::to_string(k);
            Light light;
            KeyedRng tr = draw.rng(entity, "type");
            std::string type = l.types[l.typeWeights.pick(tr)];
            light.type = type == "directional" ? LightType::Directional : type == "spot" ? LightType::Spot : LightType::Point;
            light.intensity = float(draw(l.intensity, entity, "intensity"));
            double kelvin = draw(l.temperature, entity, "temperature");
            double rgb[3];
            colorTemperatureToLinearRgb(kelvin, rgb);
            light.color = {float(rgb[0]), float(rgb[1]), float(rgb[2])};
            glm::dvec3 target = draw.vec3(l.target, entity, "target");
            double dist = draw(l.distance, entity, "distance");
            double el = draw(l.elevation, entity, "elevation") * kDeg, az = draw(l.azimuth, entity, "azimuth") * kDeg;
            light.position = target + dist * glm::dvec3(std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el));
            light.direction = glm::normalize(target - light.position);
            double cone = draw(l.coneAngle, entity, "cone_angle") * kDeg;
            light.outerConeAngle = float(cone);
            light.innerConeAngle = float(cone * 0.8);
            light.castsShadows = l.castShadows;
            scene.lights.push_back(light);
            rec.push_back({{"randomizer", l.name},
                           {"type", type},
                           {"intensity", light.intensity},
                           {"temperature_k", kelvin},
                           {"color_linear", {rgb[0], rgb[1], rgb[2]}},
                           {"position", jvec(light.position)},
                           {"direction", jvec(light.direction)}});
        }
    }
}

void defaultLights(Scene& scene) {
    Light key;
    key.type = LightType::Directional;
    key.direction = glm::normalize(glm::dvec3(-0.4, 0.5, -1.0));
    key.intensity = 2.5f;
    scene.lights.push_back(key);
    Light fill;
    fill.type = LightType::Directional;
    fill.direction = glm::normalize(glm::dvec3(0.6, -0.3, -0.6));
    fill.intensity = 0.8f;
    fill.castsShadows = false;
    scene.lights.push_back(fill);
}

void sampleEnvironment(const Scenario& sc, const EnvironmentRandomizer& e, const Draws& draw, Scene& scene, Json& rec) {
    const std::string entity = "environment";
    Environment env;
    if (!e.images.empty()) {
        size_t i = size_t(draw.rng(entity, "image").uniformInt(0, int64_t(e.images.size()) - 1));
        env.image = sc.cache->environmentImage(e.images[i], sc.file, "/environment/images");
        env.imageSource = e.images[i];
        rec["image"] = e.images[i];
    } else {
        glm::dvec3 c = draw.vec3(e.color, entity, "color");
        env.color = glm::vec3(c);
        rec["color_linear"] = jvec(c);
    }
    env.intensity = float(draw(e.intensity, entity, "intensity"));
    env.rotation = float(draw(e.rotation, entity, "rotation") * kDeg);
    rec["intensity"] = env.intensity;
    rec["rotation_deg"] = draw(e.rotation, entity, "rotation");
    if (!e.backgrounds.empty() &&
        draw.rng(entity, "background.use").uniform() < draw(e.backgroundProbability, entity, "background.probability")) {
        size_t i = size_t(draw.rng(entity, "background").uniformInt(0, int64_t(e.backgrounds.size()) - 1));
        env.background = sc.cache->image(e.backgrounds[i], sc.file, "/environment/backgrounds");
        rec["background"] = e.backgrounds[i];
    }
    scene.exposure = float(draw(e.exposure, entity, "exposure"));
    rec["exposure"] = scene.exposure;
    scene.environment = std::move(env);
}

void sampleCamera(const Scenario& sc, const CameraRandomizer& c, const Draws& draw, Scene& scene, Json& rec) {
    const std::string entity = "camera";
    Intrinsics K;
    if (c.explicitK) {
        double sx = double(sc.width) / c.kWidth, sy = double(sc.height) / c.kHeight;
        K.width = sc.width;
        K.height = sc.height;
        K.fx = draw(c.fx, entity, "fx") * sx;
        K.fy = draw(c.fy, entity, "fy") * sy;
        K.cx = (draw(c.cx, entity, "cx") + 0.5) * sx - 0.5;
        K.cy = (draw(c.cy, entity, "cy") + 0.5) * sy - 0.5;
    } else {
        double fov = draw(c.fov, entity, "fov");
        K = intrinsicsFromVerticalFov(fov * kDeg, sc.width, sc.height);
        rec["fov_deg"] = fov;
    }
    K.distortion = {draw(c.k1, entity, "k1"), draw(c.k2, entity, "k2"), draw(c.p1, entity, "p1"), draw(c.p2, entity, "p2"),
                    draw(c.k3, entity, "k3")};
    K.znear = c.znear;
    K.zfar = c.zfar;
    rec["K"] = {K.fx, K.fy, K.cx, K.cy};
    rec["distortion"] = {K.distortion.k1, K.distortion.k2, K.distortion.p1, K.distortion.p2, K.distortion.k3};
    glm::dvec3 target = draw.vec3(c.target, entity, "target"), eye;
    if (c.fixedPose) {
        eye = c.position;
    } else {
        double dist = draw(c.distance, entity, "distance");
        double el;
        if (c.shell == CameraRandomizer::Shell::None) {
            el = draw(c.elevation, entity, "elevation") * kDeg;
        } else {
            // sin(elevation) uniform = directions uniform over the sphere's area.
            double lo = c.shell == CameraRandomizer::Shell::Hemisphere ? 0.0 : -1.0;
            el = std::asin(draw.rng(entity, "elevation").uniform(lo, 1.0));
        }
        double az = draw(c.azimuth, entity, "azimuth") * kDeg;
        eye = target + dist * glm::dvec3(std::cos(el) * std::cos(az), std::cos(el) * std::sin(az), std::sin(el));
        rec["distance"] = dist;
        rec["elevation_deg"] = el / kDeg;
        rec["azimuth_deg"] = az / kDeg;
    }
    double roll = draw(c.roll, entity, "roll");
    glm::dmat4 camToWorld = lookAtCameraToWorld(eye, target, {0, 0, 1});
    camToWorld = camToWorld * glm::dmat4(glm::mat3_cast(glm::angleAxis(roll * kDeg, glm::dvec3(0, 0, 1))));
    scene.camera.intrinsics = K;
    scene.camera.worldToCamera = glm::inverse(camToWorld);
    rec["position"] = jvec(eye);
    rec["target"] = jvec(target);
    rec["roll_deg"] = roll;
}

void sampleSensor(const SensorRandomizer& s, const Draws& draw, SensorSettings& out, Json& rec) {
    const std::string e = "sensor";
    out.gaussianNoise = draw(s.gaussianNoise, e, "gaussian_noise");
    out.poissonNoise = draw(s.poissonNoise, e, "poisson_noise");
    out.motionBlurLength = draw(s.motionBlurLength, e, "motion_blur.length");
    out.motionBlurAngle = draw(s.motionBlurAngle, e, "motion_blur.angle");
    out.defocusRadius = draw(s.defocusRadius, e, "defocus");
    out.exposure = draw(s.exposure, e, "exposure");
    out.whiteBalance = draw(s.whiteBalance, e, "white_balance");
    out.brightness = draw(s.brightness, e, "brightness");
    out.contrast = draw(s.contrast, e, "contrast");
    out.saturation = draw(s.saturation, e, "saturation");
    out.hue = draw(s.hue, e, "hue");
    out.vignetting = draw(s.vignetting, e, "vignetting");
    out.noiseKey = mix64(draw.seed ^ mix64(uint64_t(draw.frame) ^ hashName("sensor.noise")));
    rec = {{"gaussian_noise", out.gaussianNoise},
           {"poisson_noise", out.poissonNoise},
           {"motion_blur_length", out.motionBlurLength},
           {"motion_blur_angle", out.motionBlurAngle},
           {"defocus", out.defocusRadius},
           {"exposure", out.exposure},
           {"white_balance", out.whiteBalance},
           {"brightness", out.brightness},
           {"contrast", out.contrast},
           {"saturation", out.saturation},
           {"hue", out.hue},
           {"vignetting", out.vignetting}};
}

}  // namespace

glm::dvec3 hsvToLinearRgb(double h, double s, double v) {
    h = std::fmod(std::fmod(h, 360.0) + 360.0, 360.0) / 60.0;
    int i = int(std::floor(h)) % 6;
    double f = h - std::floor(h);
    double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
    glm::dvec3 c;
    switch (i) {
        case 0: c = {v, t, p}; break;
        case 1: c = {q, v, p}; break;
        case 2: c = {p, v, t}; break;
        case 3: c = {p, q, v}; break;
        case 4: c = {t, p, v}; break;
        default: c = {v, p, q}; break;
    }
    auto linear = [](double x) { return float(linearFromSrgb(std::clamp(x, 0.0, 1.0))); };
    return {linear(c.x), linear(c.y), linear(c.z)};
}

size_t variantOfFrame(const Scenario& sc, uint64_t seed, int64_t frame) {
    if (sc.variants.size() <= 1) return 0;
    std::vector<double> p;
    for (const auto& v : sc.variants) p.push_back(v.weight);
    double total = 0;
    for (double x : p) total += x;
    for (double& x : p) x /= total;
    return exactBucket(p, frame, std::max<int64_t>(sc.frameCount, frame + 1), mix64(seed ^ hashName("variants")));
}

Scene sampleFrame(const Scenario& sc, uint64_t seed, int64_t frame, FrameRecord& record) {
    record = FrameRecord{};
    Draws draw{seed, frame};
    const size_t vi = variantOfFrame(sc, seed, frame);
    const ScenarioBody& body = sc.variants[vi].body;
    record.variant = sc.variants[vi].name;
    record.settleTime = body.settleTime;
    record.values["frame"] = frame;
    record.values["seed"] = seed;
    record.values["variant"] = record.variant;
    record.values["objects"] = Json::array();

    Scene scene;
    if (sc.baseScene) scene = *sc.baseScene;
    scene.source = sc.file;
    scene.categories = sc.categories;

    std::vector<Placed> placed;
    for (const auto& g : body.groups) sampleGroup(sc, body, g, draw, scene, record, placed);

    if (!body.keepSceneLights) scene.lights.clear();
    Json lrec = Json::array();
    sampleLights(body, draw, scene, lrec);
    if (scene.lights.empty() && body.lights.empty()) defaultLights(scene);
    record.values["lights"] = lrec;

    if (!(body.keepSceneEnvironment && sc.baseScene)) {
        Json erec;
        sampleEnvironment(sc, body.environment, draw, scene, erec);
        record.values["environment"] = erec;
    }
    if (!body.camera.fromScene) {
        Json crec;
        sampleCamera(sc, body.camera, draw, scene, crec);
        record.values["camera"] = crec;
    }
    Json srec;
    sampleSensor(body.sensor, draw, record.sensor, srec);
    record.values["sensor"] = srec;
    return scene;
}

}  // namespace sg
