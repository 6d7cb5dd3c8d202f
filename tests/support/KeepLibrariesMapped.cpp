// Linked into every executable of a sanitizer build (CMakeLists.txt, SYNTHGEN_SANITIZE), never into
// a release build.
//
// LeakSanitizer finds leaks at exit by scanning memory for pointers. The Vulkan loader unloads drivers
// and layers (dlclose) when an instance is destroyed; what their globals pointed to then looks leaked,
// and the allocating frames have no module name that scripts/lsan-suppressions.txt could match. This
// dlclose, found before glibc's, keeps every library mapped until the process exits.
extern "C" int dlclose(void*) { return 0; }
