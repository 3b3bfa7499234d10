#pragma once

#include <ctime>

// CPU time this thread has used, in nanoseconds: a per-thread cost that other processes
// on the machine do not inflate.
inline double threadCpuNanoseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e9 + double(now.tv_nsec);
}
