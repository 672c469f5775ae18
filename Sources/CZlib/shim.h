#ifndef FENLIU_CZLIB_SHIM_H
#define FENLIU_CZLIB_SHIM_H
#include <zlib.h>

// deflateInit2/inflateInit2 are macros Swift cannot import.
static inline int fenliu_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
static inline int fenliu_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
