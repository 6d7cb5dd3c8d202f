#include "core/JsonReader.h"

#include <catch2/catch.hpp>

using namespace sg;

static std::string messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST_CASE("malformed JSON names the file, line and column") {
    std::string m = messageOf([] { parseJsonText("{\n  \"a\": 1\n  \"b\": 2\n}", "scene.json"); });
    CHECK_THAT(m, Catch::Contains("scene.json"));
    CHECK_THAT(m, Catch::Contains("line 3"));
    CHECK_THAT(m, Catch::Contains("Fix:"));
}

TEST_CASE("an unknown key is rejected with its JSON path and the closest known key") {
    Json j = Json::parse(R"({"scale": 2, "rotaton": [0,0,0]})");
    std::string m = messageOf([&] {
        JsonObject o(j, "s.json", "/objects/3");
        o.number("scale", 1);
        o.numbers("rotation", 3, {0, 0, 0});
        o.finish();
    });
    CHECK_THAT(m, Catch::Contains("s.json: /objects/3/rotaton: unknown key"));
    CHECK_THAT(m, Catch::Contains("did you mean \"rotation\""));
}

TEST_CASE("a negative size is rejected with the allowed range") {
    Json j = Json::parse(R"({"radius": -1})");
    std::string m = messageOf([&] {
        JsonObject o(j, "s.json", "/objects/0");
        o.number("radius", 1, {.min = 0, .minExclusive = true});
    });
    CHECK_THAT(m, Catch::Contains("/objects/0/radius"));
    CHECK_THAT(m, Catch::Contains("greater than 0"));
}

TEST_CASE("a number written as a string is named as such") {
    Json j = Json::parse(R"({"radius": "1.5"})");
    std::string m = messageOf([&] {
        JsonObject o(j, "s.json", "");
        o.number("radius", 1);
    });
    CHECK_THAT(m, Catch::Contains("/radius: expected a number, found a string"));
}

TEST_CASE("a missing required key names the object it belongs in") {
    Json j = Json::parse(R"({})");
    std::string m = messageOf([&] {
        JsonObject o(j, "s.json", "/lights/1");
        o.requireString("type");
    });
    CHECK_THAT(m, Catch::Contains("/lights/1: missing required key \"type\""));
}

TEST_CASE("an unknown enumeration value lists the allowed ones") {
    Json j = Json::parse(R"({"type": "spott"})");
    std::string m = messageOf([&] {
        JsonObject o(j, "s.json", "/lights/0");
        o.oneOf("type", {"directional", "point", "spot"}, "point");
    });
    CHECK_THAT(m, Catch::Contains("did you mean \"spot\""));
    CHECK_THAT(m, Catch::Contains("\"directional\", \"point\", \"spot\""));
}

TEST_CASE("a number too large for a double is an input error, not a crash") {
    std::string m = messageOf([] { parseJsonText("{\"radius\": 1e999}", "big.json"); });
    CHECK_THAT(m, Catch::Contains("big.json"));
    CHECK_THAT(m, Catch::Contains("out of range"));
}
