#ifndef ENDORSE_CZLIB_SHIM_H
#define ENDORSE_CZLIB_SHIM_H

#include <zlib.h>

/// inflateInit2 is a macro; this is it as a function Swift can call.
static inline int endorse_inflate_init2(z_stream *stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

#endif
