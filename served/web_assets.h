/* web_assets.h - the files of web/ compiled into the binary (builtin_web.S):
 * the OpenAPI description and the web page, so that the binary serves them alone. */
#ifndef ARTICLED_WEB_ASSETS_H
#define ARTICLED_WEB_ASSETS_H

#include <stddef.h>

extern const char asset_openapi[], asset_openapi_end[];
extern const char asset_page[], asset_page_end[];

#define asset_openapi_len ((size_t)(asset_openapi_end - asset_openapi))
#define asset_page_len ((size_t)(asset_page_end - asset_page))

#endif
