#include "datasets/Mix.h"

#include "core/AtomicFile.h"
#include "core/InputError.h"
#include "core/KeyedRng.h"

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>
#include <unistd.h>

namespace sg {

namespace fs = std::filesystem;

namespace {

const char* kSplits[] = {"train", "val", "test"};

uint64_t orderKey(uint64_t seed, const std::string& purpose, const std::string& key) {
    return mix64(mix64(seed ^ hashName(purpose)) ^ hashName(key));
}

// "3 problems: 2 missing_image, 1 unknown_category" and the first examples, for one message.
std::string summarizeIssues(const std::vector<DatasetIssue>& issues, size_t examples) {
    std::map<std::string, size_t> byKind;
    for (const auto& i : issues) ++byKind[i.kind];
    std::string s = std::to_string(issues.size()) + " broken entries (";
    bool first = true;
    for (const auto& [kind, n] : byKind) s += (first ? "" : ", ") + std::to_string(n) + " " + kind, first = false;
    s += ")";
    for (size_t i = 0; i < issues.size() && i < examples; ++i) s += "\n  " + issues[i].text();
    if (issues.size() > examples) s += "\n  ... and " + std::to_string(issues.size() - examples) + " more";
    return s;
}

std::string parentPath(const std::string& name) {
    auto slash = name.rfind('/');
    return slash == std::string::npos ? name : name.substr(0, slash);
}

bool defaultKeypointNames(const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] != std::to_string(i)) return false;
    return true;
}

struct SourceCategoryMap {
    std::string target;             // "" = dropped
    std::vector<int> keypointFrom;  // per output keypoint: index in the source's list, -1 = none
};

class Mixer {
public:
    explicit Mixer(const MixOptions& o) : o_(o) {}

    MixReport run() {
        if (o_.sources.empty()) throw InputError("", "", "no SOURCE given", "name at least one dataset to mix");
        readSources();
        buildCategories();
        buildPool();
        splitPool();
        selectTrain();
        write();
        return std::move(report_);
    }

private:
    void readSources() {
        std::vector<DatasetIssue> issues;
        for (const auto& s : o_.sources) {
            datasets_.push_back(readDataset(s, o_.read));
            for (auto& i : datasets_.back().issues) issues.push_back(i);
            for (auto& n : datasets_.back().notes) report_.notes.push_back(s + ": " + n);
        }
        if (issues.empty()) return;
        if (!o_.skipInvalid)
            throw InputError(
                "", "", "the sources have " + summarizeIssues(issues, 10),
                "correct them (each line names file, entry and fix), or pass --skip-invalid to leave these entries out and list them");
        for (const auto& i : issues) report_.skipped.push_back(i.text());
    }

    // The output categories, then each source category's place among them.
    void buildCategories() {
        auto addTarget = [&](const DatasetCategory& c) {
            if (targetIndex_.count(c.name)) return;
            targetIndex_[c.name] = categories_.size();
            categories_.push_back(c);
            categories_.back().sourceId = int64_t(categories_.size());
        };
        if (!o_.categories.empty()) {
            for (const auto& name : o_.categories) {
                DatasetCategory c;
                c.name = name;
                c.supercategory = parentPath(name);
                for (const auto& d : datasets_)
                    if (const DatasetCategory* found = d.findCategory(name)) c = *found;
                addTarget(c);
            }
        } else {
            bool anySynthetic = false;
            for (const auto& d : datasets_)
                if (d.synthetic) {
                    anySynthetic = true;
                    for (const auto& c : d.categories) addTarget(c);
                }
            if (!anySynthetic)
                for (const auto& c : datasets_.front().categories) addTarget(c);
        }
        std::vector<std::string> unmapped;
        maps_.resize(datasets_.size());
        for (size_t d = 0; d < datasets_.size(); ++d) {
            std::map<std::string, size_t> used;
            for (const auto& im : datasets_[d].images)
                for (const auto& a : im.annotations) ++used[a.category];
            for (const auto& c : datasets_[d].categories) {
                std::string target = findTarget(c);
                if (target.empty() && used.count(c.name)) {
                    if (o_.unmapped == UnmappedPolicy::Keep) {
                        DatasetCategory kept = c;
                        kept.name = o_.aliases.count(c.name) ? o_.aliases.at(c.name) : c.name;
                        addTarget(kept);
                        target = kept.name;
                    } else if (o_.unmapped == UnmappedPolicy::Error) {
                        unmapped.push_back(o_.sources[d] + ": \"" + c.name + "\" (" + std::to_string(used[c.name]) + " annotations)");
                    } else {
                        report_.notes.push_back(o_.sources[d] + ": category \"" + c.name + "\" dropped (" +
                                                std::to_string(used[c.name]) + " annotations)");
                    }
                }
                SourceCategoryMap m;
                m.target = target;
                if (!target.empty()) m.keypointFrom = keypointMap(c, categories_[targetIndex_[target]], o_.sources[d]);
                maps_[d][c.name] = std::move(m);
            }
        }
        if (!unmapped.empty()) {
            std::string list;
            for (const auto& u : unmapped) list += "\n  " + u;
            std::string known;
            for (const auto& c : categories_) known += (known.empty() ? "" : ", ") + c.name;
            throw InputError(
                "", "",
                std::to_string(unmapped.size()) + " categories map to no output category (output categories: " + known + "):" + list,
                "map them with --alias SOURCE_NAME=OUTPUT_NAME, or pass --unmapped drop (leave their annotations out) "
                "or --unmapped keep (add them as new categories)");
        }
    }

    std::string findTarget(const DatasetCategory& c) const {
        std::vector<std::string> tries;
        if (o_.aliases.count(c.name)) tries.push_back(o_.aliases.at(c.name));
        tries.push_back(c.name);
        if (!c.supercategory.empty() && c.supercategory != c.name && c.name.find('/') == std::string::npos)
            tries.push_back(c.supercategory + "/" + c.name);
        for (const auto& t : tries)
            if (targetIndex_.count(t)) return t;
        return "";
    }

    // Keypoints are matched by name; a source keypoint the output category lacks stops the run.
    std::vector<int> keypointMap(const DatasetCategory& src, DatasetCategory& dst, const std::string& source) {
        if (src.keypoints.empty()) return {};
        if (dst.keypoints.empty()) {
            dst.keypoints = src.keypoints;
            dst.skeleton = src.skeleton;
            dst.flipIndex = src.flipIndex;
        }
        std::vector<int> from(dst.keypoints.size(), -1);
        if (src.keypoints.size() == dst.keypoints.size() &&
            (defaultKeypointNames(src.keypoints) || defaultKeypointNames(dst.keypoints))) {
            if (src.keypoints != dst.keypoints)
                report_.notes.push_back(source + ": keypoints of \"" + src.name + "\" are unnamed (YOLO); matched to \"" + dst.name +
                                        "\" by position");
            for (size_t i = 0; i < from.size(); ++i) from[i] = int(i);
            return from;
        }
        for (size_t s = 0; s < src.keypoints.size(); ++s) {
            auto it = std::find(dst.keypoints.begin(), dst.keypoints.end(), src.keypoints[s]);
            if (it == dst.keypoints.end()) {
                std::string known;
                for (const auto& k : dst.keypoints) known += (known.empty() ? "" : ", ") + k;
                throw InputError(source, "category \"" + src.name + "\"",
                                 "keypoint \"" + src.keypoints[s] + "\" has no counterpart in output category \"" + dst.name +
                                     "\" (keypoints: " + known + ")",
                                 "rename the keypoint in the source to one of those names");
            }
            from[size_t(it - dst.keypoints.begin())] = int(s);
        }
        return from;
    }

    std::string groupKeyOf(size_t d, const DatasetImage& im) const {
        std::string key;
        if (!o_.groupField.empty() && im.extra.contains(o_.groupField)) key = o_.groupField + "=" + im.extra[o_.groupField].dump();
        else if (!o_.groupPattern.empty()) {
            std::smatch m;
            if (std::regex_search(im.fileName, m, groupRegex_)) key = "re=" + (m.size() > 1 ? m[1].str() : m[0].str());
        }
        if (key.empty()) key = im.group.empty() ? "image=" + im.fileName : im.group;
        return std::to_string(d) + "|" + key;
    }

    void buildPool() {
        if (!o_.groupPattern.empty()) {
            try {
                groupRegex_ = std::regex(o_.groupPattern);
            } catch (const std::regex_error& e) {
                throw InputError("", "--group-pattern",
                                 "'" + o_.groupPattern + "' is not a valid regular expression (" + e.what() + ")",
                                 "write an ECMAScript regex whose first group is the group key, e.g. '^(.*)_frame'");
            }
        }
        for (size_t d = 0; d < datasets_.size(); ++d) {
            for (auto& im : datasets_[d].images) {
                std::vector<DatasetAnnotation> kept;
                for (auto& a : im.annotations) {
                    const SourceCategoryMap& m = maps_[d].at(a.category);
                    if (m.target.empty()) {
                        ++report_.droppedAnnotations;
                        continue;
                    }
                    a.category = m.target;
                    if (!m.keypointFrom.empty() && !a.keypoints.empty()) {
                        std::vector<double> k(3 * m.keypointFrom.size(), 0.0);
                        for (size_t t = 0; t < m.keypointFrom.size(); ++t)
                            if (int s = m.keypointFrom[t]; s >= 0 && size_t(3 * s + 2) < a.keypoints.size())
                                std::copy_n(a.keypoints.begin() + 3 * s, 3, k.begin() + long(3 * t));
                        a.keypoints = std::move(k);
                    }
                    kept.push_back(std::move(a));
                }
                im.annotations = std::move(kept);
                PoolImage p{d, std::move(im), "", ""};
                p.group = groupKeyOf(d, p.image);
                pool_.push_back(std::move(p));
            }
        }
    }

    void splitPool() {
        for (bool synthetic : {false, true}) {
            std::vector<size_t> members;
            for (size_t i = 0; i < pool_.size(); ++i)
                if (pool_[i].image.provenance.synthetic == synthetic) members.push_back(i);
            if (synthetic && !o_.syntheticInEval) {
                for (size_t i : members) pool_[i].split = "train";
                continue;
            }
            std::vector<std::string> groups;
            std::vector<std::vector<std::string>> classes;
            for (size_t i : members) {
                groups.push_back(pool_[i].group);
                classes.emplace_back();
                for (const auto& a : pool_[i].image.annotations) classes.back().push_back(a.category);
            }
            std::vector<std::string> splits = assignSplits(groups, classes, o_.valFraction, o_.testFraction, o_.stratify, o_.seed);
            for (size_t k = 0; k < members.size(); ++k) pool_[members[k]].split = splits[k];
        }
    }

    // The train split's synthetic : real composition, chosen by a keyed hash of each image.
    void selectTrain() {
        std::vector<size_t> real, synthetic;
        for (size_t i = 0; i < pool_.size(); ++i)
            if (pool_[i].split == "train") (pool_[i].image.provenance.synthetic ? synthetic : real).push_back(i);
        size_t keepReal = real.size(), keepSynthetic = synthetic.size();
        if (o_.ratio) {
            auto [s, r] = *o_.ratio;
            if (r == 0) keepReal = 0;
            else if (s == 0) keepSynthetic = 0;
            else if (double(synthetic.size()) * r >= double(real.size()) * s)
                keepSynthetic = size_t(std::llround(double(real.size()) * s / r));
            else keepReal = size_t(std::llround(double(synthetic.size()) * r / s));
        }
        auto checkCount = [](std::optional<size_t> want, size_t available, const char* what, size_t& keep) {
            if (!want) return;
            if (*want > available)
                throw InputError("", "",
                                 std::string("--") + what + " " + std::to_string(*want) + " asks for more " + what +
                                     " train images than there are (" + std::to_string(available) + ")",
                                 "ask for at most " + std::to_string(available));
            keep = *want;
        };
        checkCount(o_.syntheticCount, synthetic.size(), "synthetic", keepSynthetic);
        checkCount(o_.realCount, real.size(), "real", keepReal);
        auto drop = [&](std::vector<size_t>& list, size_t keep) {
            std::sort(list.begin(), list.end(), [&](size_t a, size_t b) {
                return orderKey(o_.seed, "train-selection", pool_[a].group + "|" + pool_[a].image.fileName) <
                       orderKey(o_.seed, "train-selection", pool_[b].group + "|" + pool_[b].image.fileName);
            });
            for (size_t k = keep; k < list.size(); ++k) pool_[list[k]].split.clear();  // not used
        };
        drop(real, keepReal);
        drop(synthetic, keepSynthetic);
    }

    void placeFile(const fs::path& from, const fs::path& to, size_t& copiedInstead) {
        std::error_code ec;
        if (o_.files == FileMode::Hardlink) {
            fs::create_hard_link(from, to, ec);
            if (!ec) return;
            ++copiedInstead;
        } else if (o_.files == FileMode::Symlink) {
            fs::create_symlink(fs::absolute(from), to);
            return;
        }
        fs::copy_file(from, to);
    }

    void write() {
        std::error_code ec;
        if (fs::exists(o_.out, ec) && !(fs::is_directory(o_.out) && fs::is_empty(o_.out)))
            throw InputError(o_.out.string(), "", "the output folder exists and is not empty",
                             "choose a new folder for --out (mix never overwrites)");
        for (const auto& f : o_.formats)
            if (f != "coco" && f != "yolo" && f != "voc")
                throw InputError("", "--formats", "unknown format '" + f + "'", "use coco, yolo and/or voc");
        Dataset out;
        out.categories = categories_;
        // COCO's top-level fields (info, licenses, ...) belong to one source; they are carried
        // only when there is one.
        out.extra = datasets_.size() == 1 ? datasets_[0].extra : nlohmann::json::object();
        if (datasets_.size() > 1)
            for (size_t d = 0; d < datasets_.size(); ++d)
                if (!datasets_[d].extra.empty())
                    report_.notes.push_back(o_.sources[d] + ": top-level fields (" + datasets_[d].extra.begin().key() +
                                            ", ...) not carried into a mix of several sources");
        std::set<std::string> stems;
        for (const char* split : kSplits)
            for (auto& p : pool_) {
                if (p.split != split) continue;
                DatasetImage im = std::move(p.image);
                fs::path original = im.path;
                std::string stem = original.stem().string(), ext = original.extension().string();
                std::string name = stem;
                if (stems.count(name)) name = stem + "_s" + std::to_string(p.source);
                for (int n = 2; stems.count(name); ++n) name = stem + "_s" + std::to_string(p.source) + "_" + std::to_string(n);
                stems.insert(name);
                im.fileName = "images/" + std::string(split) + "/" + name + ext;
                im.split = split;
                im.group = p.group;
                im.sourceId = 0;
                MixSplitCount& c = report_.splits[split];
                (im.provenance.synthetic ? c.synthetic : c.real) += 1;
                c.annotations += im.annotations.size();
                out.images.push_back(std::move(im));
            }
        fs::path tmp = o_.out;
        tmp += ".partial-" + std::to_string(getpid());
        fs::remove_all(tmp);
        try {
            size_t copiedInstead = 0;
            for (const auto& [split, count] : report_.splits) fs::create_directories(tmp / "images" / split);
            for (const auto& im : out.images) placeFile(im.path, tmp / im.fileName, copiedInstead);
            if (copiedInstead)
                report_.notes.push_back(std::to_string(copiedInstead) +
                                        " images copied: hard links are not possible across file systems");
            DatasetWriteOptions wo;
            wo.dropCrowd = o_.dropCrowd;
            wo.polygonsToRle = o_.cocoRle;
            nlohmann::json exports = nlohmann::json::object();
            for (const auto& f : o_.formats) {
                if (f == "coco") {
                    std::vector<fs::path> files = writeCocoFiles(out, tmp, tmp / "coco", wo, report_.notes);
                    nlohmann::json paths = nlohmann::json::array();
                    for (const auto& p : files) paths.push_back(p.lexically_relative(tmp).generic_string());
                    exports["coco"] = {{"format", "coco"}, {"paths", paths}};
                } else if (f == "yolo") {
                    writeYoloFiles(out, tmp, wo, report_.notes);
                    exports["yolo"] = {{"format", "yolo"}, {"path", "data.yaml"}};
                } else {
                    writeVocFiles(out, tmp, tmp / "voc", wo, report_.notes);
                    exports["voc"] = {{"format", "voc"}, {"path", "voc/Annotations/{stem}.xml"}};
                }
            }
            writeFileAtomic(tmp / "manifest.json", manifest(out, exports).dump(2));
            if (fs::exists(o_.out)) fs::remove(o_.out);
            fs::rename(tmp, o_.out);
        } catch (...) {
            fs::remove_all(tmp, ec);
            throw;
        }
    }

    nlohmann::json manifest(const Dataset& out, const nlohmann::json& exports) const {
        nlohmann::json m;
        m["kind"] = "mix";
        m["seed"] = o_.seed;
        nlohmann::json sources = nlohmann::json::array();
        for (size_t d = 0; d < datasets_.size(); ++d) {
            nlohmann::json mapping = nlohmann::json::object();
            for (const auto& [name, map] : maps_[d])
                mapping[name] = map.target.empty() ? nlohmann::json(nullptr) : nlohmann::json(map.target);
            sources.push_back({{"path", o_.sources[d]},
                               {"format", datasetFormatName(datasets_[d].format)},
                               {"synthetic", datasets_[d].synthetic},
                               {"categories", mapping}});
        }
        m["sources"] = sources;
        nlohmann::json classes = nlohmann::json::array();
        for (size_t i = 0; i < out.categories.size(); ++i) {
            const auto& c = out.categories[i];
            nlohmann::json sk = nlohmann::json::array();
            for (auto [a, b] : c.skeleton) sk.push_back({a, b});
            classes.push_back({{"id", i + 1},
                               {"name", c.name},
                               {"supercategory", c.supercategory.empty() ? c.name : c.supercategory},
                               {"keypoints", c.keypoints},
                               {"skeleton", sk}});
        }
        m["classes"] = classes;
        nlohmann::json splits = nlohmann::json::object();
        for (const auto& [s, c] : report_.splits)
            splits[s] = {{"synthetic", c.synthetic}, {"real", c.real}, {"annotations", c.annotations}};
        m["splits"] = splits;
        m["options"] = {{"val_fraction", o_.valFraction},
                        {"test_fraction", o_.testFraction},
                        {"synthetic_in_eval", o_.syntheticInEval},
                        {"stratify", o_.stratify},
                        {"coco_rle", o_.cocoRle},
                        {"group_field", o_.groupField},
                        {"group_pattern", o_.groupPattern},
                        {"files", o_.files == FileMode::Copy       ? "copy"
                                  : o_.files == FileMode::Hardlink ? "hardlink"
                                                                   : "symlink"}};
        if (o_.ratio) m["options"]["ratio"] = {o_.ratio->first, o_.ratio->second};
        m["formats"] = o_.formats;
        m["exports"] = exports;
        m["notes"] = report_.notes;
        m["skipped"] = report_.skipped;
        m["dropped_annotations"] = report_.droppedAnnotations;
        nlohmann::json images = nlohmann::json::array();
        for (const auto& im : out.images)
            images.push_back({{"file", im.fileName},
                              {"split", im.split},
                              {"group", im.group},
                              {"provenance",
                               {{"source", im.provenance.source},
                                {"original_file", im.provenance.originalFile},
                                {"original_id", im.provenance.originalId},
                                {"synthetic", im.provenance.synthetic}}}});
        m["images"] = images;
        return m;
    }

    struct PoolImage {
        size_t source;
        DatasetImage image;
        std::string group;
        std::string split;  // "" = not used
    };

    const MixOptions& o_;
    MixReport report_;
    std::vector<Dataset> datasets_;
    std::vector<DatasetCategory> categories_;
    std::map<std::string, size_t> targetIndex_;
    std::vector<std::map<std::string, SourceCategoryMap>> maps_;
    std::vector<PoolImage> pool_;
    std::regex groupRegex_;
};

}  // namespace

std::vector<std::string> assignSplits(const std::vector<std::string>& groups, const std::vector<std::vector<std::string>>& classes,
                                      double valFraction, double testFraction, bool stratify, uint64_t seed) {
    // Groups in first-appearance order, their images and class counts.
    std::map<std::string, size_t> groupIndex;
    std::vector<std::vector<size_t>> members;
    std::vector<std::map<std::string, double>> groupClasses;
    for (size_t i = 0; i < groups.size(); ++i) {
        auto [it, added] = groupIndex.emplace(groups[i], members.size());
        if (added) members.emplace_back(), groupClasses.emplace_back();
        members[it->second].push_back(i);
        for (const auto& c : classes[i]) groupClasses[it->second][c] += 1;
    }
    const double n = double(groups.size());
    const double fractions[3] = {1.0 - valFraction - testFraction, valFraction, testFraction};
    double wantImages[3];
    for (int s = 0; s < 3; ++s) wantImages[s] = fractions[s] * n;
    std::vector<size_t> order(members.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    std::vector<uint64_t> key(members.size());
    for (const auto& [name, g] : groupIndex) key[g] = orderKey(seed, "split", name);
    std::map<std::string, double> classTotal;
    for (const auto& gc : groupClasses)
        for (const auto& [c, k] : gc) classTotal[c] += k;
    // The rarest class a group holds (stratification assigns groups rarest-first).
    auto rarest = [&](size_t g) -> const std::string* {
        const std::string* best = nullptr;
        for (const auto& [c, k] : groupClasses[g])
            if (!best || classTotal[c] < classTotal[*best]) best = &c;
        return best;
    };
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (stratify) {
            const std::string* ra = rarest(a);
            const std::string* rb = rarest(b);
            double ta = ra ? classTotal[*ra] : 1e300, tb = rb ? classTotal[*rb] : 1e300;
            if (ta != tb) return ta < tb;
        }
        return key[a] < key[b];
    });
    std::map<std::string, double> wantClass[3];
    for (int s = 0; s < 3; ++s)
        for (const auto& [c, total] : classTotal) wantClass[s][c] = fractions[s] * total;
    std::vector<std::string> out(groups.size());
    double placed[3] = {0, 0, 0};
    for (size_t g : order) {
        int split = 0;
        const std::string* r = stratify ? rarest(g) : nullptr;
        if (r) {
            // Iterative stratification (Sechidis et al. 2011): the split that still wants most of
            // this group's rarest class; ties go to the split that wants most images.
            for (int s = 1; s < 3; ++s) {
                double ws = wantClass[s][*r], wb = wantClass[split][*r];
                if (fractions[s] > 0 && (ws > wb || (ws == wb && wantImages[s] > wantImages[split]))) split = s;
            }
        } else if (stratify) {
            for (int s = 1; s < 3; ++s)
                if (fractions[s] > 0 && wantImages[s] > wantImages[split]) split = s;
        } else {
            // Test first, then val, each until its share of images is reached; the rest is train.
            if (placed[2] < std::round(testFraction * n)) split = 2;
            else if (placed[1] < std::round(valFraction * n)) split = 1;
        }
        placed[split] += double(members[g].size());
        wantImages[split] -= double(members[g].size());
        for (const auto& [c, k] : groupClasses[g]) wantClass[split][c] -= k;
        for (size_t i : members[g]) out[i] = kSplits[split];
    }
    return out;
}

MixReport mixDatasets(const MixOptions& options) { return Mixer(options).run(); }

}  // namespace sg
