#pragma once
// A command's options declared once: the same declarations parse the arguments and write the
// --help text, so the help cannot drift from what the command accepts. Built on CommandLine (the
// reader every command shares), so every error reads
//   "synthgen CMD: problem. Fix: fix (see 'synthgen CMD --help')" and exits with code 2.
// Usage:
//   std::string out;
//   std::vector<std::string> parts;
//   CommandOptions opts("merge", "PART... --out DIR", "Joins the part folders ...");
//   opts.text({"--out", "-o"}, "DIR", "output folder", out);
//   opts.positional("PART", "part folders of one run", [&](const std::string& p) { parts.push_back(p); });
//   if (!opts.parse(argc, argv)) return 0;   // --help printed the usage
#include "app/CommandLine.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sg::app {

class CommandOptions {
public:
    using Names = CommandLine::Names;
    // `typed` is the option as the user wrote it ("-n" or "--frames"), for error messages.
    using OnValue = std::function<void(const std::string& typed, const std::string& value)>;

    CommandOptions(std::string command, std::string synopsis, std::string description,
                   CommandLine::Hints hints = CommandLine::Hints::HelpOnly)
        : command_(std::move(command)), synopsis_(std::move(synopsis)), description_(std::move(description)), hints_(hints) {}

    CommandOptions& flag(Names names, const char* help, bool& target) {
        return add(names, "", help, [names, &target](CommandLine& cl) { return cl.flag(names) && (target = true); });
    }
    CommandOptions& text(Names names, const char* valueName, const char* help, std::string& target) {
        return add(names, valueName, help, [names, &target](CommandLine& cl) { return cl.option(names, target); });
    }
    // A value the command checks or splits itself (report problems with CommandLine's commandLineError).
    CommandOptions& text(Names names, const char* valueName, const char* help, OnValue onValue) {
        return add(names, valueName, help, [names, onValue](CommandLine& cl) {
            std::string v;
            if (!cl.option(names, v)) return false;
            onValue(cl.current(), v);
            return true;
        });
    }
    // A value that may be left out, like "--jpeg [Q]" (see CommandLine::optionalValue).
    CommandOptions& optionalText(Names names, const char* valueName, const char* help,
                                 std::function<void(const std::string& typed, const std::optional<std::string>&)> onValue) {
        std::string shown = std::string("[") + valueName + "]";
        return add(names, shown, help, [names, onValue](CommandLine& cl) {
            std::optional<std::string> v;
            if (!cl.optionalValue(names, v)) return false;
            onValue(cl.current(), v);
            return true;
        });
    }
    template <typename Int>
    CommandOptions& integer(Names names, const char* valueName, const char* help, Int& target, long long min, long long max) {
        return add(names, valueName, help, [this, names, &target, min, max](CommandLine& cl) {
            std::string v;
            if (!cl.option(names, v)) return false;
            target = Int(wholeNumberIn(command_, cl.current(), v, min, max));
            return true;
        });
    }
    template <typename Int>
    CommandOptions& integer(Names names, const char* valueName, const char* help, std::optional<Int>& target, long long min,
                            long long max) {
        return add(names, valueName, help, [this, names, &target, min, max](CommandLine& cl) {
            std::string v;
            if (!cl.option(names, v)) return false;
            target = Int(wholeNumberIn(command_, cl.current(), v, min, max));
            return true;
        });
    }
    template <typename Real>
    CommandOptions& number(Names names, const char* valueName, const char* help, Real& target, double min, double max) {
        return add(names, valueName, help, [this, names, &target, min, max](CommandLine& cl) {
            std::string v;
            if (!cl.option(names, v)) return false;
            target = numberIn(command_, cl.current(), v, min, max);
            return true;
        });
    }
    // Every argument that is not an option goes to `onValue`, in order; it may reject extras.
    CommandOptions& positional(const char* name, const char* help, std::function<void(const std::string&)> onValue) {
        positionalName_ = name;
        positionalHelp_ = help;
        onPositional_ = std::move(onValue);
        return *this;
    }
    // A paragraph printed after the list of options.
    CommandOptions& notes(std::string text) {
        notes_ = std::move(text);
        return *this;
    }
    // --help wins wherever it stands, even as an option's value, before anything is read.
    CommandOptions& helpAnywhere() {
        helpAnywhere_ = true;
        return *this;
    }

    // The --help text, from the declarations above.
    std::string usage() const {
        std::string u = "usage: synthgen " + command_ + (synopsis_.empty() ? "" : " " + synopsis_) + "\n\n" + description_;
        if (!description_.empty() && description_.back() != '\n') u += "\n";
        std::vector<std::pair<std::string, std::string>> rows;
        if (onPositional_) rows.emplace_back(positionalName_, positionalHelp_);
        for (const Option& o : options_) {
            std::string left = o.names.alias ? std::string(o.names.alias) + ", " + o.names.name : std::string("    ") + o.names.name;
            if (!o.valueName.empty()) left += " " + o.valueName;
            rows.emplace_back(left, o.help);
        }
        rows.emplace_back("-h, --help", "print this help");
        size_t width = 0;
        for (const auto& r : rows) width = std::max(width, std::min<size_t>(r.first.size(), kMaxNameColumn));
        u += "\noptions:\n";
        for (const auto& [left, help] : rows) {
            std::string line = "  " + left;
            // Names longer than the column get the help on the next line.
            if (left.size() > width) line += "\n" + std::string(width + 2, ' ');
            else line += std::string(width - left.size(), ' ');
            std::string indented = help;
            for (size_t p = indented.find('\n'); p != std::string::npos; p = indented.find('\n', p + 1))
                indented.insert(p + 1, std::string(width + 4, ' '));
            u += line + "  " + indented + "\n";
        }
        if (!notes_.empty()) u += "\n" + notes_ + (notes_.back() == '\n' ? "" : "\n");
        return u;
    }

    // Reads the arguments (argv[0] is the command name). False when --help printed the usage;
    // throws InputError for a bad command line.
    bool parse(int argc, char** argv) {
        const std::string text = usage();
        CommandLine cl(argc, argv, command_, text.c_str(), hints_);
        if (helpAnywhere_ && cl.helpAnywhere()) return false;
        while (cl.next()) {
            bool read = false;
            for (const Option& o : options_)
                if ((read = o.read(cl))) break;
            if (read) continue;
            if (cl.current().rfind("-", 0) == 0 || !onPositional_) cl.unknown();
            onPositional_(cl.current());
        }
        return !cl.helpRequested();
    }

private:
    static constexpr size_t kMaxNameColumn = 26;

    struct Option {
        Names names;
        std::string valueName;
        std::string help;
        std::function<bool(CommandLine&)> read;  // true when the current argument was this option
    };

    CommandOptions& add(Names names, std::string valueName, const char* help, std::function<bool(CommandLine&)> read) {
        options_.push_back({names, std::move(valueName), help, std::move(read)});
        return *this;
    }

    std::string command_, synopsis_, description_;
    CommandLine::Hints hints_;
    std::vector<Option> options_;
    std::string positionalName_, positionalHelp_;
    std::function<void(const std::string&)> onPositional_;
    std::string notes_;
    bool helpAnywhere_ = false;
};

}  // namespace sg::app
