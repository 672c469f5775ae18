#ifndef FENLIU_CMALLOC_SHIM_H
#define FENLIU_CMALLOC_SHIM_H
#include <stdlib.h>
#if defined(__linux__)
#include <malloc.h>
#endif

// glibc gives each thread that allocates under contention an arena of its own, up to 8 per core. Each keeps its freed
// memory, so the serving threads (event loop, writer, checkpointer, readers) each hold a few MiB the others cannot
// reuse. Returns 1 when the limit was set, 0 when MALLOC_ARENA_MAX in the environment already decides, -1 where the
// C library has no such setting.
static inline int fenliu_limit_malloc_arenas(int arenas) {
#if defined(__linux__) && defined(M_ARENA_MAX)
    if (getenv("MALLOC_ARENA_MAX") != NULL) return 0;
    return mallopt(M_ARENA_MAX, arenas) == 1 ? 1 : -1;
#else
    (void)arenas;
    return -1;
#endif
}
#endif
