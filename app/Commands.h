#pragma once
// One function per synthgen command; each parses its own arguments (argv[0] is the command name)
// and returns the process exit code: 0 success, 1 failure at run time, 2 bad usage or bad input.
namespace sg::app {

int cmdRender(int argc, char** argv);
int cmdDevices(int argc, char** argv);
int cmdGenerate(int argc, char** argv);
int cmdMerge(int argc, char** argv);
int cmdMix(int argc, char** argv);
int cmdValidate(int argc, char** argv);
int cmdReport(int argc, char** argv);

}  // namespace sg::app
