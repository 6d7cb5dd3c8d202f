#pragma once
// A small, strict argument reader shared by the commands. Commands declare their options with
// CommandOptions (app/CommandOptions.h), which drives this reader and writes --help from the same
// declarations; the loop below is what it runs, and stays usable directly. Options take "--name value" or
// "--name=value"; anything unknown is an error naming the option. Usage:
//   CommandLine cl(argc, argv, "render", usage);
//   while (cl.next()) {
//       if (cl.flag("--demo")) demo = true;
//       else if (cl.option("--out", out)) {}
//       else if (cl.positional(scene)) {}
//       else cl.unknown();
//   }
//   if (cl.helpRequested()) return 0;   // usage already printed
// An option may have one short alias, cl.option({"--out", "-o"}, out); errors name it as typed.
// A command that checks a value further (an "I/N" pair, its own ranges) reads it with option() and
// reports with fail(problem, fix), or commandLineError() outside the loop, so every message reads
// "problem. Fix: fix (see 'synthgen CMD --help')".
#include "core/InputError.h"

#include <cctype>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>

namespace sg::app {

// The error for a bad command line; without a fix it only points at the command's help.
[[noreturn]] inline void commandLineError(const std::string& command, const std::string& problem, const std::string& fix = "") {
    std::string help = "see 'synthgen " + command + " --help'";
    throw InputError("", "", problem, fix.empty() ? help : fix + " (" + help + ")");
}

// A whole number written as the entire text ("12", not "12x" or ""); nothing when it is not one
// or does not fit in 64 bits, so each caller can word the error for its own option.
inline std::optional<long long> parseWholeNumber(const std::string& text) {
    try {
        size_t used = 0;
        long long x = std::stoll(text, &used);
        if (used == text.size()) return x;
    } catch (const std::logic_error&) {
    }
    return std::nullopt;
}

// `text` as a whole number in [min, max], else the command-line error naming `what` (the option as
// typed, or an environment variable): the one integer reader of every command.
inline long long wholeNumberIn(const std::string& command, const std::string& what, const std::string& text, long long min,
                               long long max) {
    std::optional<long long> x = parseWholeNumber(text);
    if (!x) commandLineError(command, what + " expects a whole number, got '" + text + "'");
    if (*x < min || *x > max)
        commandLineError(command, what + " " + text + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
    return *x;
}

// `text` as a number in [min, max] (the whole text, no NaN), else the command-line error naming `what`.
inline double numberIn(const std::string& command, const std::string& what, const std::string& text, double min, double max) {
    double v = 0;
    size_t used = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::logic_error&) {
        used = 0;
    }
    auto shown = [](double x) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", x);
        return std::string(buf);
    };
    if (used == 0 || used != text.size() || !(v >= min && v <= max))
        commandLineError(command, what + " expects a number from " + shown(min) + " to " + shown(max) + ", got '" + text + "'");
    return v;
}

class CommandLine {
public:
    // An option's name and, optionally, one short alias: "--out" or {"--out", "-o"}.
    struct Names {
        Names(const char* name, const char* alias = nullptr) : name(name), alias(alias) {}
        const char* name;
        const char* alias;
    };

    // How the reader's own "needs a value" / "takes no value" errors end. Render's only point at
    // the help; generate's also say what to write. Each command keeps the wording it always had.
    enum class Hints { HelpOnly, WhatToWrite };

    CommandLine(int argc, char** argv, std::string command, const char* usage, Hints hints = Hints::HelpOnly)
        : argc_(argc), argv_(argv), command_(std::move(command)), usage_(usage), hints_(hints) {}

    // Advances to the next argument; false at the end or after --help (which prints the usage).
    bool next() {
        if (help_ || ++i_ >= argc_) return false;
        arg_ = argv_[i_];
        inlineValue_.clear();
        hasInline_ = false;
        if (isHelp(arg_)) {
            std::fputs(usage_, stdout);
            help_ = true;
            return false;
        }
        if (arg_.rfind("--", 0) == 0) {
            auto eq = arg_.find('=');
            if (eq != std::string::npos) {
                inlineValue_ = arg_.substr(eq + 1);
                arg_ = arg_.substr(0, eq);
                hasInline_ = true;
            }
        }
        return true;
    }
    // Prints the usage when --help or -h is any argument at all, even an option's value, before
    // anything is read: for a command whose help should win over a line that would not parse.
    bool helpAnywhere() {
        for (int i = 1; i < argc_ && !help_; ++i)
            if (isHelp(argv_[i])) {
                std::fputs(usage_, stdout);
                help_ = true;
            }
        return help_;
    }
    bool helpRequested() const { return help_; }
    // The current argument as typed, without any "=value".
    const std::string& current() const { return arg_; }

    bool flag(Names names) {
        if (!is(names)) return false;
        if (hasInline_) fail(arg_ + " takes no value", hint("write " + arg_ + " alone"));
        return true;
    }
    bool option(Names names, std::string& value) {
        if (!is(names)) return false;
        value = takeValue();
        return true;
    }
    // An option whose value may be left out, like "--jpeg [Q]": it is the "=value", else the next
    // argument only when that starts with a digit, so "--jpeg scene.json" leaves the scene positional.
    bool optionalValue(Names names, std::optional<std::string>& value) {
        if (!is(names)) return false;
        value.reset();
        if (hasInline_) value = inlineValue_;
        else if (i_ + 1 < argc_ && std::isdigit(static_cast<unsigned char>(argv_[i_ + 1][0]))) value = argv_[++i_];
        return true;
    }
    bool intOption(Names names, int& value, long long min, long long max) {
        if (!is(names)) return false;
        value = int(wholeNumberIn(command_, arg_, takeValue(), min, max));
        return true;
    }
    bool positional(std::string& value) {
        if (arg_.rfind("-", 0) == 0 || !value.empty()) return false;
        value = arg_;
        return true;
    }
    [[noreturn]] void unknown() const {
        if (arg_.rfind("-", 0) == 0) fail("unknown option '" + arg_ + "'");
        fail("unexpected argument '" + arg_ + "'");
    }
    [[noreturn]] void fail(const std::string& problem, const std::string& fix = "") const { commandLineError(command_, problem, fix); }

private:
    static bool isHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }
    bool is(Names names) const { return arg_ == names.name || (names.alias && arg_ == names.alias); }
    std::string hint(const std::string& whatToWrite) const { return hints_ == Hints::WhatToWrite ? whatToWrite : ""; }
    std::string takeValue() {
        if (hasInline_) return inlineValue_;
        if (i_ + 1 >= argc_) fail(arg_ + " needs a value", hint("write " + arg_ + " <value>"));
        return argv_[++i_];
    }

    int argc_;
    char** argv_;
    std::string command_;
    const char* usage_;
    Hints hints_;
    int i_ = 0;
    std::string arg_, inlineValue_;
    bool hasInline_ = false;
    bool help_ = false;
};

}  // namespace sg::app
