// The one command-line parser: declarations give both the parsing and the --help text, and every
// command reports a bad argument as "synthgen CMD: problem. Fix: ..." with exit code 2.
#include "app/CommandOptions.h"
#include "support/RunCommand.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using sg::app::CommandOptions;

namespace {

// argv for CommandOptions::parse: argv[0] is the command name, as main() passes it.
struct Argv {
    std::vector<std::string> words;
    std::vector<char*> pointers;
    explicit Argv(std::vector<std::string> w) : words(std::move(w)) {
        for (auto& s : words) pointers.push_back(s.data());
    }
    int argc() const { return int(pointers.size()); }
    char** argv() { return pointers.data(); }
};

std::string message(const std::string& command, const std::string& problem) {
    return "synthgen " + command + ": " + problem + ". Fix: see 'synthgen " + command + " --help'";
}

}  // namespace

TEST_CASE("declared options are parsed from the command line and listed by the help") {
    std::string out;
    int count = 0;
    bool quiet = false;
    std::vector<std::string> inputs;
    CommandOptions cli("demo", "INPUT... --out DIR", "A command for the test.\n");
    cli.positional("INPUT", "input files", [&](const std::string& s) { inputs.push_back(s); });
    cli.text({"--out", "-o"}, "DIR", "output folder", out)
        .integer("--count", "N", "how many", count, 1, 9)
        .flag("--quiet", "say nothing", quiet);

    Argv args({"demo", "a", "--count=3", "-o", "dir", "b", "--quiet"});
    REQUIRE(cli.parse(args.argc(), args.argv()));
    CHECK(out == "dir");
    CHECK(count == 3);
    CHECK(quiet);
    CHECK(inputs == std::vector<std::string>{"a", "b"});

    std::string help = cli.usage();
    CHECK_THAT(help, Catch::StartsWith("usage: synthgen demo INPUT... --out DIR\n\nA command for the test.\n"));
    CHECK_THAT(help, Catch::Contains("  -o, --out DIR  ") && Catch::Contains("output folder"));
    CHECK_THAT(help, Catch::Contains("--count N") && Catch::Contains("how many"));
    CHECK_THAT(help, Catch::Contains("--quiet") && Catch::Contains("say nothing"));
    CHECK_THAT(help, Catch::Contains("INPUT") && Catch::Contains("input files"));
}

TEST_CASE("a declared option's bad value is an input error naming it, in the Fix: style") {
    int count = 0;
    CommandOptions cli("demo", "", "");
    cli.integer("--count", "N", "how many", count, 1, 9);
    Argv args({"demo", "--count", "12"});
    try {
        cli.parse(args.argc(), args.argv());
        FAIL("no error");
    } catch (const sg::InputError& e) {
        CHECK(std::string(e.what()) == "--count 12 is out of range [1, 9]. Fix: see 'synthgen demo --help'");
    }
}

TEST_CASE("every command rejects an unknown option with exit code 2 and the Fix: message") {
    for (std::string command : {"render", "generate", "merge", "devices", "mix", "validate", "report"}) {
        INFO(command);
        auto r = runCommand(synthgenBinary() + " " + command + " --bogus");
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.output, Catch::Contains(message(command, "unknown option '--bogus'")));
    }
}

TEST_CASE("every command's bad value or stray argument fails with exit code 2 and names it") {
    struct Case {
        std::string arguments, expected;
    };
    const Case cases[] = {
        {"render --demo --out x --width abc", message("render", "--width expects a whole number, got 'abc'")},
        {"generate --frames 0", message("generate", "--frames 0 is out of range [1, 1099511627776]")},
        {"generate --val-fraction 2", message("generate", "--val-fraction expects a number from 0 to 1, got '2'")},
        {"merge part --out", "synthgen merge: --out needs a value"},
        {"devices gpu", message("devices", "unexpected argument 'gpu'")},
        {"mix a b --out c --unmapped maybe", message("mix", "--unmapped expects one of error, drop, keep, got 'maybe'")},
        {"mix a --out c --val 1", message("mix", "--val expects a fraction in [0, 1), got '1'")},
        {"validate a --examples abc", message("validate", "--examples expects a whole number, got 'abc'")},
        {"validate a b", "synthgen validate: two datasets given (\"a\" and \"b\"). Fix: check one dataset at a time"},
        {"report a --out b --gallery 0", message("report", "--gallery 0 is out of range [1, 10000]")},
    };
    for (const Case& c : cases) {
        INFO(c.arguments);
        auto r = runCommand(synthgenBinary() + " " + c.arguments);
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.output, Catch::Contains(c.expected));
    }
}

TEST_CASE("every command's --help comes from its declarations and exits 0") {
    const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
        {"render", {"SCENE", "--demo", "--out DIR", "--width W", "--height H", "--device D"}},
        {"generate", {"SCENARIO", "-o, --out DIR", "-n, --frames N", "--shard I/N", "--jpeg [Q]", "-q, --quiet"}},
        {"merge", {"PART", "-o, --out DIR"}},
        {"devices", {"-h, --help"}},
        {"mix", {"SOURCE", "-o, --out DIR", "--alias FROM=TO", "--ratio S:R", "--files hardlink|copy|symlink"}},
        {"validate", {"PATH", "--images DIR", "--examples N", "--no-mask-check"}},
        {"report", {"DATASET", "-o, --out DIR", "--gallery N", "--quiet"}},
    };
    for (const auto& [command, lines] : expected) {
        INFO(command);
        auto r = runCommand(synthgenBinary() + " " + command + " --help");
        CHECK(r.exitCode == 0);
        CHECK_THAT(r.output, Catch::StartsWith("usage: synthgen " + command));
        for (const auto& l : lines) CHECK_THAT(r.output, Catch::Contains("  " + l));
    }
}
