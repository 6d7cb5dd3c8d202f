#include "randomization/Distribution.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sg {

namespace {

std::string fmt(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

const char* kForms =
    "write a number, {\"uniform\": [a, b]}, {\"normal\": {\"mean\": m, \"std\": s, \"min\": lo, \"max\": hi}}, "
    "{\"log_uniform\": [a, b]} or {\"choice\": [v1, v2], \"weights\": [w1, w2]}";

void checkAllowed(double v, const DistributionOptions& o, const std::string& file, const std::string& path, const std::string& what) {
    const NumberRange& r = o.allowed;
    if (r.min && (r.minExclusive ? v <= *r.min : v < *r.min))
        throw InputError(file, path, what + " " + fmt(v) + " is below what this parameter allows",
                         std::string("keep every possible value ") + (r.minExclusive ? "greater than " : "at least ") + fmt(*r.min));
    if (r.max && v > *r.max)
        throw InputError(file, path, what + " " + fmt(v) + " is above what this parameter allows",
                         "keep every possible value at most " + fmt(*r.max));
}

void checkInteger(double v, const DistributionOptions& o, const std::string& file, const std::string& path) {
    if (o.integer && v != std::floor(v))
        throw InputError(file, path, "expected a whole number, found " + fmt(v), "this parameter counts things: use integers");
}

std::pair<double, double> readPair(const Json& v, const std::string& file, const std::string& path) {
    if (!v.is_array() || v.size() != 2)
        throw InputError(file, path, "expected [low, high], found " + describeJsonType(v), "write two numbers, e.g. [0.5, 2]");
    double a = checkedNumber(v[0], file, path + "/0");
    double b = checkedNumber(v[1], file, path + "/1");
    if (a > b)
        throw InputError(file, path, "impossible range: low " + fmt(a) + " is greater than high " + fmt(b), "swap the two numbers");
    return {a, b};
}

}  // namespace

double NumberDistribution::smallest() const {
    switch (kind) {
        case Kind::Constant: return a;
        case Kind::Uniform:
        case Kind::LogUniform: return a;
        case Kind::Normal: return lo;
        case Kind::Choice: return *std::min_element(values.begin(), values.end());
    }
    return a;
}

double NumberDistribution::largest() const {
    switch (kind) {
        case Kind::Constant: return a;
        case Kind::Uniform:
        case Kind::LogUniform: return b;
        case Kind::Normal: return hi;
        case Kind::Choice: return *std::max_element(values.begin(), values.end());
    }
    return a;
}

WeightedIndex parseWeights(const Json* weights, size_t n, const std::string& file, const std::string& path) {
    WeightedIndex w;
    std::vector<double> raw(n, 1.0);
    if (weights) {
        if (!weights->is_array() || weights->size() != n)
            throw InputError(file, path,
                             "expected an array of " + std::to_string(n) + " weights, found " +
                                 (weights->is_array() ? std::to_string(weights->size()) + " entries" : describeJsonType(*weights)),
                             "give one non-negative weight per choice");
        for (size_t i = 0; i < n; ++i) raw[i] = checkedNumber((*weights)[i], file, path + "/" + std::to_string(i), {.min = 0});
    }
    double total = 0;
    for (double x : raw) total += x;
    if (!(total > 0)) throw InputError(file, path, "all weights are zero", "give at least one choice a positive weight");
    double acc = 0;
    for (double x : raw) {
        acc += x / total;
        w.cumulative.push_back(acc);
    }
    w.cumulative.back() = 1.0;
    return w;
}

size_t WeightedIndex::pick(KeyedRng& rng) const {
    double u = rng.uniform();
    size_t i = size_t(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
    return std::min(i, cumulative.size() - 1);
}

NumberDistribution parseNumberDistribution(const Json& v, const std::string& file, const std::string& path,
                                           DistributionOptions options) {
    NumberDistribution d;
    d.integer = options.integer;
    if (v.is_number()) {
        d.a = d.b = checkedNumber(v, file, path);
        checkInteger(d.a, options, file, path);
        checkAllowed(d.a, options, file, path, "value");
        return d;
    }
    if (!v.is_object()) throw InputError(file, path, "expected a number or a distribution, found " + describeJsonType(v), kForms);
    JsonObject o(v, file, path);
    int forms = int(o.has("uniform")) + int(o.has("normal")) + int(o.has("log_uniform")) + int(o.has("choice"));
    if (forms != 1)
        throw InputError(file, path,
                         forms == 0 ? "not a distribution (no \"uniform\", \"normal\", \"log_uniform\" or \"choice\" key)"
                                    : "more than one distribution given in one place",
                         kForms);
    if (const Json* u = o.find("uniform")) {
        d.kind = NumberDistribution::Kind::Uniform;
        std::tie(d.a, d.b) = readPair(*u, file, o.pathOf("uniform"));
        checkInteger(d.a, options, file, o.pathOf("uniform") + "/0");
        checkInteger(d.b, options, file, o.pathOf("uniform") + "/1");
        checkAllowed(d.a, options, file, o.pathOf("uniform"), "low end");
        checkAllowed(d.b, options, file, o.pathOf("uniform"), "high end");
    } else if (const Json* l = o.find("log_uniform")) {
        d.kind = NumberDistribution::Kind::LogUniform;
        std::tie(d.a, d.b) = readPair(*l, file, o.pathOf("log_uniform"));
        if (!(d.a > 0))
            throw InputError(file, o.pathOf("log_uniform"), "log_uniform needs a positive low end, found " + fmt(d.a),
                             "use a range above zero, e.g. [0.01, 10]");
        if (options.integer)
            throw InputError(file, o.pathOf("log_uniform"), "log_uniform is not available for whole-number parameters",
                             "use uniform or choice");
        checkAllowed(d.a, options, file, o.pathOf("log_uniform"), "low end");
        checkAllowed(d.b, options, file, o.pathOf("log_uniform"), "high end");
    } else if (const Json* n = o.find("normal")) {
        d.kind = NumberDistribution::Kind::Normal;
        std::string np = o.pathOf("normal");
        JsonObject no(*n, file, np);
        d.a = no.requireNumber("mean");
        d.b = no.requireNumber("std", {.min = 0});
        const NumberRange& r = options.allowed;
        bool hasMin = no.has("min"), hasMax = no.has("max");
        d.lo = no.number("min", r.min ? *r.min : -1e300);
        d.hi = no.number("max", r.max ? *r.max : 1e300);
        no.finish();
        if (d.lo > d.hi)
            throw InputError(file, np, "impossible range: min " + fmt(d.lo) + " is greater than max " + fmt(d.hi), "swap min and max");
        if (hasMin) checkAllowed(d.lo, options, file, np + "/min", "min");
        if (hasMax) checkAllowed(d.hi, options, file, np + "/max", "max");
        if (r.minExclusive && r.min && d.lo <= *r.min && !hasMin)
            throw InputError(file, np, "this parameter must stay above " + fmt(*r.min) + " but the normal is not truncated there",
                             "add \"min\" with a value above " + fmt(*r.min));
        // A truncation window far out in the tail would make rejection sampling spin forever.
        if (d.b == 0 ? (d.a < d.lo || d.a > d.hi) : ((d.lo - d.a) / d.b > 6 || (d.a - d.hi) / d.b > 6))
            throw InputError(file, np, "the window [min, max] lies (almost) entirely outside the normal's mass",
                             "move the mean into [min, max] or widen the window");
        if (options.integer && (d.lo != std::floor(d.lo) && std::ceil(d.lo) > d.hi))
            throw InputError(file, np, "no whole number lies in [min, max]", "widen the window");
    } else {
        const Json* c = o.find("choice");
        std::string cp = o.pathOf("choice");
        d.kind = NumberDistribution::Kind::Choice;
        if (!c->is_array() || c->empty())
            throw InputError(file, cp, "expected a non-empty array of numbers, found " + describeJsonType(*c), "write e.g. [1, 2, 4]");
        for (size_t i = 0; i < c->size(); ++i) {
            std::string ip = cp + "/" + std::to_string(i);
            double x = checkedNumber((*c)[i], file, ip);
            checkInteger(x, options, file, ip);
            checkAllowed(x, options, file, ip, "value");
            d.values.push_back(x);
        }
        d.cumulative = parseWeights(o.find("weights"), d.values.size(), file, o.pathOf("weights")).cumulative;
    }
    o.finish();
    return d;
}

NumberDistribution distributionOr(JsonObject& o, const std::string& key, NumberDistribution fallback, DistributionOptions options) {
    const Json* v = o.find(key);
    if (!v) return fallback;
    return parseNumberDistribution(*v, o.file(), o.pathOf(key), options);
}

std::vector<NumberDistribution> vectorDistributionOr(JsonObject& o, const std::string& key, size_t n, std::vector<double> fallback,
                                                     DistributionOptions options) {
    std::vector<NumberDistribution> out;
    const Json* v = o.find(key);
    if (!v) {
        for (double x : fallback) out.push_back(NumberDistribution::constant(x));
        return out;
    }
    std::string p = o.pathOf(key);
    if (v->is_array()) {
        if (v->size() != n)
            throw InputError(o.file(), p, "expected " + std::to_string(n) + " components, found " + std::to_string(v->size()),
                             "give one number or distribution per component");
        for (size_t i = 0; i < n; ++i) out.push_back(parseNumberDistribution((*v)[i], o.file(), p + "/" + std::to_string(i), options));
        return out;
    }
    // One distribution shared by all components: one draw, used n times (e.g. uniform scale).
    out.push_back(parseNumberDistribution(*v, o.file(), p, options));
    return out;
}

double sampleNumber(const NumberDistribution& d, KeyedRng& rng) {
    using K = NumberDistribution::Kind;
    double x = d.a;
    switch (d.kind) {
        case K::Constant: return d.a;
        case K::Uniform:
            if (d.integer) return double(rng.uniformInt(int64_t(d.a), int64_t(d.b)));
            x = rng.uniform(d.a, d.b);
            break;
        case K::LogUniform: x = std::exp(rng.uniform(std::log(d.a), std::log(d.b))); break;
        case K::Normal: {
            if (d.b == 0) return d.integer ? std::round(d.a) : d.a;
            // Rejection sampling; the parser guarantees the window holds real mass.
            double lo = d.integer ? std::ceil(d.lo) : d.lo, hi = d.integer ? std::floor(d.hi) : d.hi;
            for (int i = 0; i < 100000; ++i) {
                x = d.a + d.b * rng.normal();
                if (d.integer) x = std::round(x);
                if (x >= lo && x <= hi) return x;
            }
            return std::clamp(d.a, lo, hi);
        }
        case K::Choice: {
            WeightedIndex w{d.cumulative};
            return d.values[w.pick(rng)];
        }
    }
    return std::clamp(x, d.smallest(), d.largest());
}

}  // namespace sg
