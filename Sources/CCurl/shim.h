// Typed wrappers over libcurl's variadic setters (they do not import into Swift).
// Keep this file tiny: all logic lives in the Swift module CurlHTTP.
#ifndef ENDORSE_CCURL_SHIM_H
#define ENDORSE_CCURL_SHIM_H

#include <curl/curl.h>

static inline CURLcode endorse_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode endorse_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode endorse_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

#endif
