#pragma once
// A small, strict argument reader shared by the commands. Options take "--name value" or
// "--name=value"; anything unknown is an error naming the option. Usage:
//   CommandLine cl(argc, argv, "render", usage);
//   while (cl.next()) {
//       if (cl.flag("--demo")) demo = true;
//       else if (cl.option("--out", out)) {}
//       else if (cl.positional(scene)) {}
//       else cl.unknown();
//   }
//   if (cl.helpRequested()) return 0;   // usage already printed
#include "core/InputError.h"

#include <cstdio>
#include <string>

namespace sg::app {

class CommandLine {
public:
    CommandLine(int argc, char** argv, std::string command, const char* usage)
        : argc_(argc), argv_(argv), command_(std::move(command)), usage_(usage) {}

    // Advances to the next argument; false at the end or after --help (which prints the usage).
    bool next() {
        if (help_ || ++i_ >= argc_) return false;
        arg_ = argv_[i_];
        inlineValue_.clear();
        hasInline_ = false;
        if (arg_ == "--help" || arg_ == "-h") {
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
    bool helpRequested() const { return help_; }
    const std::string& current() const { return arg_; }

    bool flag(const char* name) {
        if (arg_ != name) return false;
        if (hasInline_) fail(std::string(name) + " takes no value");
        return true;
    }
    bool option(const char* name, std::string& value) {
        if (arg_ != name) return false;
        value = takeValue(name);
        return true;
    }
    bool intOption(const char* name, int& value, long long min, long long max) {
        if (arg_ != name) return false;
        std::string v = takeValue(name);
        size_t used = 0;
        long long x = 0;
        try {
            x = std::stoll(v, &used);
        } catch (...) {
            used = 0;
        }
        if (used != v.size() || v.empty()) fail(std::string(name) + " expects a whole number, got '" + v + "'");
        if (x < min || x > max)
            fail(std::string(name) + " " + v + " is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
        value = int(x);
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
    [[noreturn]] void fail(const std::string& problem) const {
        throw InputError("", "", problem, "see 'synthgen " + command_ + " --help'");
    }

private:
    std::string takeValue(const char* name) {
        if (hasInline_) return inlineValue_;
        if (i_ + 1 >= argc_) fail(std::string(name) + " needs a value");
        return argv_[++i_];
    }

    int argc_;
    char** argv_;
    std::string command_;
    const char* usage_;
    int i_ = 0;
    std::string arg_, inlineValue_;
    bool hasInline_ = false;
    bool help_ = false;
};

}  // namespace sg::app
