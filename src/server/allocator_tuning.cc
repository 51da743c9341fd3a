#include "server/allocator_tuning.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace flywheel {

void KeepFreedMemoryForRequests() {
#if defined(__GLIBC__)
  // 32 MiB is the largest mmap threshold glibc accepts (half its per-thread heap size); setting
  // either value also turns off glibc's own adjustment of both.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace flywheel
