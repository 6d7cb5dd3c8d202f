// The `synthgen._native` Python extension: a thin layer over the library calls `synthgen generate`
// makes. One frame = one call to generateFrame (app/GenerateFrame.h); the images come back as NumPy
// arrays that view the frame's own buffers (no copy), the labels as plain dicts and lists, which
// python/synthgen/__init__.py wraps in small classes.
#include "app/GenerateFrame.h"
#include "app/KeepFreedMemory.h"
#include "core/InputError.h"
#include "core/JsonReader.h"
#include "exporters/Rle.h"
#include "randomization/Scenario.h"
#include "renderer/RenderQuality.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace py = pybind11;

namespace sg {
namespace {

// nlohmann::json -> Python objects via the json module: exact for every value JSON can hold, and
// only used for small things (attributes, sampled values).
py::object toPython(const nlohmann::json& j) { return py::module_::import("json").attr("loads")(j.dump()); }

// A NumPy array over `image`'s pixels, kept alive by `owner` (which holds the image).
template <class T>
py::object viewOf(Image<T>& image, const py::object& owner) {
    if (image.empty()) return py::none();
    std::vector<py::ssize_t> shape{image.height, image.width};
    if (image.channels > 1) shape.push_back(image.channels);
    return py::array_t<T>(shape, image.pixels.data(), owner);
}

py::list vec(const glm::dvec3& v) { return py::cast(std::vector<double>{v.x, v.y, v.z}); }

py::dict instanceDict(const InstanceLabel& l, const Scene& scene, const Rle& rle) {
    py::dict d;
    d["id"] = l.instanceId;
    d["object_index"] = l.objectIndex;
    d["name"] = l.name;
    d["category"] = l.category >= 0 && l.category < int(scene.categories.size()) ? py::cast(scene.categories[size_t(l.category)].name)
                                                                                 : py::none();
    d["category_id"] = l.categoryId;
    d["attributes"] = toPython(l.attributes);
    d["parent"] = l.parentInstanceId ? py::cast(l.parentInstanceId) : py::none();
    d["track_id"] = l.trackId >= 0 ? py::cast(l.trackId) : py::none();
    d["box"] = py::make_tuple(l.box.x0, l.box.y0, l.box.x1, l.box.y1);
    d["area"] = l.visiblePixels;
    d["amodal_box"] = py::make_tuple(l.amodalBox.x0, l.amodalBox.y0, l.amodalBox.x1, l.amodalBox.y1);
    d["amodal_area"] = l.amodalPixels;
    d["visible_fraction"] = l.visibleFraction;
    d["truncation"] = l.truncation;
    d["truncated"] = l.truncated;
    d["rle"] = py::dict(py::arg("size") = py::make_tuple(rle.height, rle.width), py::arg("counts") = rleToString(rle));
    py::list R;
    for (int r = 0; r < 3; ++r) R.append(vec(glm::dvec3(l.R[0][r], l.R[1][r], l.R[2][r])));
    d["pose"] = py::dict(py::arg("R") = R, py::arg("t") = vec(l.t), py::arg("scale") = vec(l.scale));
    py::list box3d, box3dPixels;
    for (size_t i = 0; i < 8; ++i) {
        box3d.append(vec(l.box3dCamera[i]));
        box3dPixels.append(py::make_tuple(l.box3dPixels[i].x, l.box3dPixels[i].y));
    }
    d["box3d_camera"] = box3d;
    d["box3d_pixels"] = box3dPixels;
    d["box3d_in_front"] = l.box3dInFront;
    py::list keypoints;
    for (const KeypointLabel& k : l.keypoints) {
        const char* state = k.state == KeypointState::Visible ? "visible" : k.state == KeypointState::Hidden ? "hidden" : "outside";
        keypoints.append(py::dict(py::arg("name") = k.name, py::arg("x") = k.pixel.x, py::arg("y") = k.pixel.y,
                                  py::arg("depth") = k.depth, py::arg("state") = state));
    }
    d["keypoints"] = keypoints;
    return d;
}

py::list categoriesOf(const std::vector<Category>& categories) {
    py::list out;
    for (const Category& c : categories)
        out.append(py::dict(py::arg("id") = c.id, py::arg("name") = c.name, py::arg("supercategory") = c.supercategory,
                            py::arg("keypoints") = c.keypoints, py::arg("skeleton") = c.skeleton));
    return out;
}

// What one frame() call hands to Python; the arrays view its buffers.
struct FrameData {
    GeneratedFrame generated;
    ImageU16 semantic;
};

class Generator {
public:
    // `scenario` is a file path, or (jsonName not empty) the scenario's JSON text, named jsonName in
    // messages, whose relative paths resolve against baseDir. frames: the dataset size, as
    // `generate --frames` (exact frequencies depend on it).
    Generator(const std::string& scenario, const std::string& jsonName, const std::string& baseDir, uint64_t seed, int width,
              int height, std::string device, int64_t frames, bool normals, bool amodal)
        : seed_(seed), device_(std::move(device)) {
        if (frames < 1) throw InputError("", "", "frames must be at least 1, got " + std::to_string(frames), "pass frames=N >= 1");
        if (width < 0 || height < 0 || width > 16384 || height > 16384)
            throw InputError("", "", "width and height must be 16..16384 (0 = the scenario's)", "pass e.g. width=640, height=480");
        scenario_ = jsonName.empty() ? loadScenario(scenario, width, height)
                                     : parseScenario(parseJsonText(scenario, jsonName), jsonName, baseDir, width, height);
        if (!jsonName.empty()) scenario_.file = jsonName;
        scenario_.frameCount = frames;
        // The scenario's quality preset, as `generate` without --quality, so frame(i) matches its frame i.
        settings_ = renderSettingsFor(scenario_.quality.value_or(kDefaultRenderQuality));
        settings_.normals = normals;
        settings_.amodalMasks = amodal;
    }

    py::dict frame(int64_t index) {
        if (index < 0 || index >= scenario_.frameCount)
            throw py::index_error("frame " + std::to_string(index) + " is outside 0.." + std::to_string(scenario_.frameCount - 1) +
                                  " (frames=" + std::to_string(scenario_.frameCount) + ")");
        auto data = std::make_unique<FrameData>();
        std::vector<Rle> rles;
        {
            py::gil_scoped_release release;
            // The device opens on the first frame, in the process that asks (DataLoader workers).
            if (!renderer_) renderer_ = std::make_unique<Renderer>(RendererOptions{.device = device_});
            data->generated = generateFrame(scenario_, seed_, index, *renderer_, settings_, maps_);
            data->semantic = semanticMask(data->generated.scene, data->generated.buffers);
            // The same RLEs the dataset writer puts in COCO files.
            std::vector<uint32_t> ids;
            std::vector<PixelBox> boxes;
            for (const auto& l : data->generated.labels.instances) {
                ids.push_back(l.instanceId);
                boxes.push_back(l.box);
            }
            rles = encodeRleByInstance(data->generated.buffers.instanceId, ids, boxes);
        }
        FrameData* raw = data.release();
        py::capsule owner(raw, [](void* p) { delete static_cast<FrameData*>(p); });
        GeneratedFrame& g = raw->generated;
        py::dict d;
        d["index"] = index;
        d["rgb"] = viewOf(g.buffers.rgb, owner);
        d["instance_ids"] = viewOf(g.buffers.instanceId, owner);
        d["depth"] = viewOf(g.buffers.depth, owner);
        d["normals"] = viewOf(g.buffers.normals, owner);
        d["semantic"] = viewOf(raw->semantic, owner);
        d["defect_ids"] = viewOf(g.buffers.defectId, owner);
        py::list instances;
        for (size_t k = 0; k < g.labels.instances.size(); ++k) instances.append(instanceDict(g.labels.instances[k], g.scene, rles[k]));
        d["instances"] = instances;
        const Intrinsics& K = g.scene.camera.intrinsics;
        d["camera"] = py::dict(py::arg("fx") = K.fx, py::arg("fy") = K.fy, py::arg("cx") = K.cx, py::arg("cy") = K.cy,
                               py::arg("width") = K.width, py::arg("height") = K.height);
        d["sampled"] = toPython(g.record.values);
        return d;
    }

    py::list categories() const { return categoriesOf(scenario_.categories); }
    int width() const { return scenario_.width; }
    int height() const { return scenario_.height; }
    int64_t frames() const { return scenario_.frameCount; }
    std::string scenarioFile() const { return scenario_.file; }
    std::string deviceName() {
        if (!renderer_) {
            py::gil_scoped_release release;
            renderer_ = std::make_unique<Renderer>(RendererOptions{.device = device_});
        }
        return renderer_->device().name;
    }

private:
    Scenario scenario_;
    uint64_t seed_;
    std::string device_;
    RenderSettings settings_;
    std::unique_ptr<Renderer> renderer_;
    DistortionMapCache maps_;
};

}  // namespace
}  // namespace sg

PYBIND11_MODULE(_native, m) {
    m.doc() = "synthgen's C++ library (use the synthgen package, not this module)";
    // Bad input (scenario files, options) keeps its message: file, JSON path, problem and fix.
    // The error carries .file and .json_path too, for programs that want to point at the spot.
    static py::handle inputError = py::exception<sg::InputError>(m, "InputError", PyExc_ValueError).release();
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const sg::InputError& e) {
            py::object error = inputError(e.what());
            error.attr("file") = e.file;
            error.attr("json_path") = e.jsonPath;
            PyErr_SetObject(inputError.ptr(), error.ptr());
        }
    });
    py::class_<sg::Generator>(m, "Generator")
        .def(py::init<const std::string&, const std::string&, const std::string&, uint64_t, int, int, std::string, int64_t, bool,
                      bool>(),
             py::arg("scenario"), py::arg("json_name"), py::arg("base_dir"), py::arg("seed"), py::arg("width"), py::arg("height"),
             py::arg("device"), py::arg("frames"), py::arg("normals"), py::arg("amodal"))
        .def("frame", &sg::Generator::frame, py::arg("index"))
        .def("categories", &sg::Generator::categories)
        .def("device_name", &sg::Generator::deviceName)
        .def_property_readonly("width", &sg::Generator::width)
        .def_property_readonly("height", &sg::Generator::height)
        .def_property_readonly("frames", &sg::Generator::frames)
        .def_property_readonly("scenario_file", &sg::Generator::scenarioFile);
    m.def("keep_freed_memory_for_reuse", &sg::keepFreedMemoryForReuse,
          "process-wide: freed memory stays for the next frame (app/KeepFreedMemory.h); DataLoader workers call it");
    m.def(
        "builtin_demo_json", [] { return std::string(sg::builtinDemoScenarioJson()); },
        "the scenario `synthgen generate` uses without a file");
}
