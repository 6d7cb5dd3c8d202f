// BOP format (https://github.com/thodan/bop_toolkit/blob/master/docs/bop_datasets_format.md):
// bop/<split>/<scene:06d>/{scene_camera,scene_gt,scene_gt_info}.json, rgb/, depth/, mask/,
// mask_visib/ and bop/models/obj_<id:06d>.ply + models_info.json, bop/camera.json.
// Units: millimetres for translations and models; depth PNG value * depth_scale = mm.
// Boxes as in bop_toolkit's calc_2d_bbox: [x, y, w, h] with w = max - min of pixel indices
// (one less than COCO's width); [-1, -1, -1, -1] when empty.
// One obj_id per distinct geometry (mesh x scale x shape parameters) and category, numbered 1..
// in order of first appearance in frame order (so shards and merges agree): every scene_gt pose
// refers to the exact model that was rendered. bop/obj_ids.json maps obj_id -> category, source
// shape and scale. Models are content-addressed (.synthgen/models/<hash>.ply, written once per
// distinct geometry, shared by frames and shards, deduplicated on merge by their name).
#include "core/AtomicFile.h"
#include "core/InputError.h"
#include "core/KeyedRng.h"
#include "exporters/FormatExporter.h"
#include "exporters/ImageEncoding.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <set>

namespace sg {

namespace {

nlohmann::json bopBox(const PixelBox& b) {
    if (b.empty()) return {-1, -1, -1, -1};
    return {b.x0, b.y0, b.x1 - 1 - b.x0, b.y1 - 1 - b.y0};
}

nlohmann::json rowMajor(const glm::dmat3& R) {
    nlohmann::json j = nlohmann::json::array();
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) j.push_back(R[c][r]);
    return j;
}

// The object's geometry as BOP wants it: model frame, scale baked in, millimetres.
struct ModelGeometry {
    std::vector<glm::dvec3> positions;  // mm
    std::vector<glm::dvec3> normals;
    std::vector<uint32_t> indices;
};

ModelGeometry modelGeometry(const Object& object, const glm::dvec3& scale) {
    ModelGeometry g;
    glm::dmat4 S = glm::dmat4(1.0);
    S[0][0] = scale.x;
    S[1][1] = scale.y;
    S[2][2] = scale.z;
    for (const MeshPart& part : object.parts) {
        if (!part.mesh) continue;
        glm::dmat4 m = S * part.partToModel;
        glm::dmat3 n = glm::transpose(glm::inverse(glm::dmat3(m)));
        uint32_t base = uint32_t(g.positions.size());
        for (const Vertex& v : part.mesh->vertices) {
            g.positions.push_back(glm::dvec3(m * glm::dvec4(glm::dvec3(v.position), 1.0)) * 1000.0);
            glm::dvec3 nn = n * glm::dvec3(v.normal);
            double len = glm::length(nn);
            g.normals.push_back(len > 0 ? nn / len : nn);
        }
        for (uint32_t i : part.mesh->indices) g.indices.push_back(base + i);
    }
    return g;
}

uint64_t geometryHash(const ModelGeometry& g) {
    uint64_t h = hashName("bop model");
    auto add = [&](const void* p, size_t n) {
        const uint8_t* b = static_cast<const uint8_t*>(p);
        for (size_t i = 0; i < n; ++i) {
            h ^= b[i];
            h *= 0x100000001b3ull;
        }
    };
    for (const auto& p : g.positions) add(&p, sizeof p);
    add(g.indices.data(), g.indices.size() * sizeof(uint32_t));
    return mix64(h);
}

// Appends value as printf's "%.6f" would (std::to_chars: the same digits, several times faster; a
// model is thousands of numbers and the demo writes about ten models a frame).
void appendFixed6(std::string& s, double value) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, 6);
    s.append(buf, ec == std::errc() ? end : buf);
}

std::string plyText(const ModelGeometry& g) {
    std::string s = "ply\nformat ascii 1.0\ncomment synthgen model, millimetres\n";
    s += "element vertex " + std::to_string(g.positions.size()) + "\n";
    s += "property float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n";
    s += "element face " + std::to_string(g.indices.size() / 3) + "\n";
    s += "property list uchar int vertex_indices\nend_header\n";
    s.reserve(s.size() + g.positions.size() * 60 + g.indices.size() * 6);
    for (size_t i = 0; i < g.positions.size(); ++i) {
        const double values[6] = {g.positions[i].x, g.positions[i].y, g.positions[i].z,
                                  g.normals[i].x,   g.normals[i].y,   g.normals[i].z};
        for (int k = 0; k < 6; ++k) {
            appendFixed6(s, values[k]);
            s += k < 5 ? ' ' : '\n';
        }
    }
    for (size_t t = 0; t + 2 < g.indices.size(); t += 3) {
        s += "3 ";
        s += std::to_string(g.indices[t]);
        s += ' ';
        s += std::to_string(g.indices[t + 1]);
        s += ' ';
        s += std::to_string(g.indices[t + 2]);
        s += '\n';
    }
    return s;
}

// Reads back the vertex positions of a PLY written by plyText.
std::vector<glm::dvec3> plyPositions(const std::string& text) {
    std::vector<glm::dvec3> out;
    size_t pos = text.find("element vertex ");
    size_t n = pos == std::string::npos ? 0 : std::stoul(text.substr(pos + 15));
    size_t at = text.find("end_header\n");
    if (at == std::string::npos) return out;
    const char* p = text.c_str() + at + 11;
    for (size_t i = 0; i < n; ++i) {
        double v[6];
        for (double& d : v) d = std::strtod(p, const_cast<char**>(&p));
        out.push_back({v[0], v[1], v[2]});
    }
    return out;
}

// Largest distance between two vertices: exact up to 20000 vertices, else a lower bound from
// repeated farthest-point sweeps (documented in docs/formats.md).
double diameter(std::vector<glm::dvec3> pts) {
    // Meshes repeat positions (one vertex per face normal or UV seam): each distinct point once, and
    // squared distances in the loop, leave the exact answer unchanged at a fraction of the pairs.
    auto less = [](const glm::dvec3& a, const glm::dvec3& b) { return a.x != b.x ? a.x < b.x : a.y != b.y ? a.y < b.y : a.z < b.z; };
    std::sort(pts.begin(), pts.end(), less);
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    double best = 0;
    if (pts.size() <= 20000) {
        double bestSquared = 0;
        for (size_t i = 0; i < pts.size(); ++i)
            for (size_t j = i + 1; j < pts.size(); ++j) {
                glm::dvec3 d = pts[i] - pts[j];
                bestSquared = std::max(bestSquared, glm::dot(d, d));
            }
        return std::sqrt(bestSquared);
    }
    size_t a = 0;
    for (int sweep = 0; sweep < 8; ++sweep) {
        size_t far = a;
        double d = 0;
        for (size_t j = 0; j < pts.size(); ++j) {
            double dj = glm::distance(pts[a], pts[j]);
            if (dj > d) {
                d = dj;
                far = j;
            }
        }
        best = std::max(best, d);
        a = far;
    }
    return best;
}

char hex(int v) { return "0123456789abcdef"[v & 15]; }
std::string hashHex(uint64_t h) {
    std::string s(16, '0');
    for (int i = 0; i < 16; ++i) s[size_t(i)] = hex(int(h >> (60 - 4 * i)));
    return s;
}

// What the model was made from, for obj_ids.json: the primitive and its parameters, or the meshes.
nlohmann::json sourceJson(const Object& object) {
    if (object.primitive) {
        const PrimitiveShape& p = *object.primitive;
        nlohmann::json j{{"primitive", primitiveKindName(p.kind)}};
        switch (p.kind) {  // the parameters that kind uses (scenario-format.md)
            case PrimitiveKind::Box: j["size"] = {p.size.x, p.size.y, p.size.z}; return j;
            case PrimitiveKind::Plane: j["size"] = {p.size.x, p.size.y}; return j;
            case PrimitiveKind::Sphere: j["radius"] = p.radius; break;
            case PrimitiveKind::Torus:
                j["radius"] = p.radius;
                j["minor_radius"] = p.minorRadius;
                break;
            default:
                j["radius"] = p.radius;
                j["height"] = p.height;
                break;  // cylinder, cone, capsule
        }
        j["segments"] = p.segments;
        return j;
    }
    nlohmann::json meshes = nlohmann::json::array();
    for (const MeshPart& part : object.parts)
        if (part.mesh) meshes.push_back(part.mesh->name);
    return {{"meshes", meshes}};
}

// A model file in bop/models: a hard link to the content-addressed copy (no second write), or a
// copy where the file system has no links.
void linkModel(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::error_code ec;
    std::filesystem::create_directories(to.parent_path(), ec);
    std::filesystem::remove(to, ec);
    std::filesystem::create_hard_link(from, to, ec);
    if (ec) std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

std::string numericKeyObject(const std::map<int64_t, nlohmann::json>& m) {
    std::string s = "{";
    bool first = true;
    for (const auto& [k, v] : m) {
        s += first ? "\n  " : ",\n  ";
        first = false;
        s += "\"" + std::to_string(k) + "\": " + v.dump();
    }
    s += "\n}\n";
    return s;
}

class BopExporter : public FormatExporter {
public:
    std::string name() const override { return "bop"; }

    void writeFrame(FrameContext& f, nlohmann::json& record) override {
        const int64_t perScene = std::max(1, f.options.bopImagesPerScene);
        const int64_t scene = f.frame / perScene, im = f.frame % perScene;
        const std::string dir = "bop/" + f.options.bopSplit + "/" + frameStem(scene) + "/";
        const std::string imStem = frameStem(im);
        writeFrameFile(f.root, dir + "rgb/" + imStem + f.rgbExtension, f.rgbBytes, f.files);
        if (!f.buffers.depth.empty()) {
            if (f.depthPngBytes && f.options.bopDepthScale == 1.0) {
                writeFrameFile(f.root, dir + "depth/" + imStem + ".png", *f.depthPngBytes, f.files);
            } else {
                auto bytes = encodeDepthPng(f.buffers.depth, f.options.bopDepthScale);
                writeFrameFile(f.root, dir + "depth/" + imStem + ".png", bytes, f.files);
            }
        }
        const Camera& cam = f.scene.camera;
        const Intrinsics& K = cam.intrinsics;
        if (!K.distortion.isZero())  // frame 0 had none (checked at the start), this one has
            throw InputError("", "--formats",
                             "frame " + std::to_string(f.frame) +
                                 " has lens distortion, which BOP "
                                 "cannot express (its cam_K is a pinhole camera)",
                             "set the camera's distortion to 0 for BOP output, or leave bop out of --formats");
        glm::dmat3 Rw2c(cam.worldToCamera);
        glm::dvec3 tw2c(cam.worldToCamera[3]);
        nlohmann::json camera{{"cam_K", {K.fx, 0.0, K.cx, 0.0, K.fy, K.cy, 0.0, 0.0, 1.0}},
                              {"cam_R_w2c", rowMajor(Rw2c)},
                              {"cam_t_w2c", {tw2c.x * 1000, tw2c.y * 1000, tw2c.z * 1000}},
                              {"depth_scale", f.options.bopDepthScale}};
        nlohmann::json gt = nlohmann::json::array(), gtInfo = nlohmann::json::array();
        const int W = f.labels.width, H = f.labels.height;
        for (size_t k = 0; k < f.labels.instances.size(); ++k) {
            const InstanceLabel& l = f.labels.instances[k];
            if (l.parentInstanceId != 0) continue;  // surface defects have no 6D pose or model of their own
            const std::string maskStem = imStem + "_" + frameStem(int64_t(k));
            // mask/: the whole silhouette (amodal, clipped to the image); mask_visib/: the visible part.
            // Only the instance's boxes are visited: every pixel outside them is 0 in both masks.
            ImageU8 mask(W, H, 1, 0);
            int64_t valid = 0;
            const AmodalMask& a = l.amodalMask;
            for (int y = 0; y < a.mask.height; ++y)
                for (int x = 0; x < a.mask.width; ++x) {
                    const int fx = a.x0 + x, fy = a.y0 + y;
                    if (fx < 0 || fy < 0 || fx >= W || fy >= H || !a.mask.at(x, y)) continue;
                    mask.at(fx, fy) = 255;
                    if (!f.buffers.depth.empty() && f.buffers.depth.at(fx, fy) > 0) ++valid;
                }
            writeFrameFile(f.root, dir + "mask/" + maskStem + ".png", encodePng(mask, PngFilter::None, PngCompression::Runs), f.files);
            ImageU8 visib(W, H, 1, 0);
            for (int y = l.box.y0; y < l.box.y1; ++y)
                for (int x = l.box.x0; x < l.box.x1; ++x)
                    if (f.buffers.instanceId.at(x, y) == l.instanceId) visib.at(x, y) = 255;
            writeFrameFile(f.root, dir + "mask_visib/" + maskStem + ".png", encodePng(visib, PngFilter::None, PngCompression::Runs),
                           f.files);

            // BOP poses are rigid: the object's scale is baked into its model.
            const Object& object = f.scene.objects[size_t(l.objectIndex)];
            ModelGeometry geometry = modelGeometry(object, l.scale);
            std::string hash = hashHex(geometryHash(geometry));
            storeModel(f.root, hash, geometry);
            gt.push_back({{"cam_R_m2c", rowMajor(l.R)},
                          {"cam_t_m2c", {l.t.x * 1000, l.t.y * 1000, l.t.z * 1000}},
                          {"category_id", l.categoryId},
                          {"synthgen_model", hash},
                          {"source", sourceJson(object)},
                          {"scale", {l.scale.x, l.scale.y, l.scale.z}}});
            gtInfo.push_back({{"bbox_obj", bopBox(l.amodalBox)},
                              {"bbox_visib", bopBox(l.box)},
                              {"px_count_all", l.amodalPixels},
                              {"px_count_valid", valid},
                              {"px_count_visib", l.visiblePixels},
                              {"visib_fract", l.visibleFraction}});
        }
        record["bop"] = {{"scene", scene}, {"im_id", im}, {"camera", camera}, {"gt", gt}, {"gt_info", gtInfo}};
    }

    void beginFinish(const FinishContext& ctx) override {
        root_ = ctx.root;
        info_ = &ctx.info;
        options_ = &ctx.options;
        currentScene_ = -1;
        objIdOfModel_.clear();
        objects_.clear();
        scenes_.clear();
    }

    void addFrame(const nlohmann::json& record) override {
        const auto& b = record.at("bop");
        int64_t scene = b.at("scene").get<int64_t>();
        if (scene != currentScene_) flushScene();
        currentScene_ = scene;
        int64_t im = b.at("im_id").get<int64_t>();
        sceneCamera_[im] = b.at("camera");
        nlohmann::json gt = nlohmann::json::array();
        for (const auto& g : b.at("gt")) {
            const int objId = objIdOf(g);
            gt.push_back({{"cam_R_m2c", g.at("cam_R_m2c")}, {"cam_t_m2c", g.at("cam_t_m2c")}, {"obj_id", objId}});
        }
        sceneGt_[im] = gt;
        sceneGtInfo_[im] = b.at("gt_info");
    }

    nlohmann::json endFinish() override {
        flushScene();
        // Models and their info.
        std::map<int64_t, nlohmann::json> modelsInfo;
        std::map<int64_t, nlohmann::json> objIds;
        nlohmann::json categoryOfObjId = nlohmann::json::object();
        for (size_t k = 0; k < objects_.size(); ++k) {
            const int64_t objId = int64_t(k) + 1;
            const nlohmann::json& object = objects_[k];
            const std::filesystem::path stored = root_ / ".synthgen/models" / (object.at("model").get<std::string>() + ".ply");
            linkModel(stored, root_ / "bop/models" / ("obj_" + frameStem(objId) + ".ply"));
            std::string ply = readTextFile(stored);
            std::vector<glm::dvec3> pts = plyPositions(ply);
            glm::dvec3 lo(0), hi(0);
            if (!pts.empty()) {
                lo = hi = pts[0];
                for (const auto& p : pts) {
                    lo = glm::min(lo, p);
                    hi = glm::max(hi, p);
                }
            }
            modelsInfo[objId] = {{"diameter", diameter(pts)}, {"min_x", lo.x},         {"min_y", lo.y},        {"min_z", lo.z},
                                 {"size_x", hi.x - lo.x},     {"size_y", hi.y - lo.y}, {"size_z", hi.z - lo.z}};
            objIds[objId] = object;
            categoryOfObjId[std::to_string(objId)] = object.at("category_id");
        }
        writeTextCreatingDirs(root_, "bop/models/models_info.json", numericKeyObject(modelsInfo));
        writeTextCreatingDirs(root_, "bop/obj_ids.json", numericKeyObject(objIds));
        const Intrinsics& K = info_->camera;
        nlohmann::json camera{{"cx", K.cx},           {"cy", K.cy}, {"depth_scale", options_->bopDepthScale},
                              {"fx", K.fx},           {"fy", K.fy}, {"height", info_->height},
                              {"width", info_->width}};
        writeTextCreatingDirs(root_, "bop/camera.json", camera.dump(2) + "\n");
        nlohmann::json entry{{"root", "bop"},
                             {"split", "bop/" + options_->bopSplit},
                             {"scenes", scenes_},
                             {"models", "bop/models"},
                             {"camera", "bop/camera.json"},
                             {"obj_ids", "bop/obj_ids.json"},
                             {"model_count", objects_.size()},
                             {"category_of_obj_id", categoryOfObjId}};
        return entry;
    }

private:
    // The obj_id of a scene_gt entry's geometry and category; a new one (next number) the first
    // time the pair is seen.
    int objIdOf(const nlohmann::json& g) {
        const int categoryId = g.at("category_id").get<int>();
        const std::string model = g.at("synthgen_model").get<std::string>();
        auto [it, inserted] = objIdOfModel_.emplace(std::make_pair(model, categoryId), int(objects_.size()) + 1);
        if (inserted)
            objects_.push_back({{"category_id", categoryId},
                                {"category", categoryName(categoryId)},
                                {"model", model},
                                {"source", g.at("source")},
                                {"scale", g.at("scale")}});
        return it->second;
    }

    std::string categoryName(int id) const {
        for (const Category& c : info_->categories)
            if (c.id == id) return c.name;
        return "";
    }

    void storeModel(const std::filesystem::path& root, const std::string& hash, const ModelGeometry& g) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (!storedModels_.insert(hash).second) return;
        }
        std::filesystem::path p = root / ".synthgen/models" / (hash + ".ply");
        if (std::filesystem::exists(p)) return;
        std::error_code ec;
        std::filesystem::create_directories(p.parent_path(), ec);
        std::string text = plyText(g);
        writeFileRenamed(p, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    }

    void flushScene() {
        if (currentScene_ < 0) return;
        std::string dir = "bop/" + options_->bopSplit + "/" + frameStem(currentScene_) + "/";
        writeTextCreatingDirs(root_, dir + "scene_camera.json", numericKeyObject(sceneCamera_));
        writeTextCreatingDirs(root_, dir + "scene_gt.json", numericKeyObject(sceneGt_));
        writeTextCreatingDirs(root_, dir + "scene_gt_info.json", numericKeyObject(sceneGtInfo_));
        scenes_.push_back(dir.substr(0, dir.size() - 1));
        sceneCamera_.clear();
        sceneGt_.clear();
        sceneGtInfo_.clear();
        currentScene_ = -1;
    }

    std::mutex mutex_;
    std::set<std::string> storedModels_;

    std::filesystem::path root_;
    const DatasetInfo* info_ = nullptr;
    const ExportOptions* options_ = nullptr;
    int64_t currentScene_ = -1;
    std::map<int64_t, nlohmann::json> sceneCamera_, sceneGt_, sceneGtInfo_;
    std::map<std::pair<std::string, int>, int> objIdOfModel_;  // (model hash, category id) -> obj_id
    std::vector<nlohmann::json> objects_;                      // obj_id - 1 -> obj_ids.json entry
    nlohmann::json scenes_ = nlohmann::json::array();
};

}  // namespace

std::unique_ptr<FormatExporter> makeBopExporter() { return std::make_unique<BopExporter>(); }

}  // namespace sg
