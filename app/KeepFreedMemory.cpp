#include "app/KeepFreedMemory.h"

#include <cstdlib>  // defines __GLIBC__ on glibc, which the test below needs
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sg {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc accepts on 64-bit
#endif
}

}  // namespace sg
