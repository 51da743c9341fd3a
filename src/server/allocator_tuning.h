// Keeps the memory a request frees for the next request instead of handing it back to the
// operating system.
//
// A report over a million accounts allocates tens of MB of working arrays (per-account
// flags and positions, per-month totals) and frees them when it answers. With glibc's
// defaults, blocks above a dynamic threshold (from 128 KiB) are mapped fresh for each request
// and unmapped after it, and every page of them is faulted in again by the next request;
// on the benchmark machine that cost about 2.7 ms per MB, half the time of a revenue slice
// on 1 M accounts. The server therefore serves blocks of up to 32 MiB from the allocator's
// heaps and keeps up to 256 MiB of freed memory at their top: after the first requests,
// working arrays come from pages already mapped. The cost is memory the process keeps
// (bounded by what concurrent requests used at their peak), measured in bench/RESULTS.md.
#pragma once

namespace flywheel {

// Sets the allocator's thresholds as above. Call after the data set is loaded (the load
// keeps glibc's defaults, which hand its growing column buffers back as they move). Does
// nothing outside glibc.
void KeepFreedMemoryForRequests();

}  // namespace flywheel
