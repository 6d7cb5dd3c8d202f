#pragma once

namespace sg {

// Frame after frame, generating allocates and frees buffers of the same sizes (label images, PNG
// streams, part crops, Python tensors) on several threads. By default glibc hands large freed
// blocks back to the system, so the next frame faults the same pages in again, one per 4 KiB; on
// the 2-core build machine a fault costs about 10 µs, and that was a fifth of generate's CPU. This
// keeps freed memory in the process for reuse (no trimming; blocks up to 32 MiB from the heap).
// Process-wide; called by runGenerate and by the Python module in DataLoader workers. Without glibc
// it does nothing.
void keepFreedMemoryForReuse();

}  // namespace sg
