/* builtin_web.S - compiles web/ files into the binary (see web_assets.h).
 * Paths are relative to the top of the source tree, where the compiler runs. */
#include "../text/incbin.h"

	.section .rodata
EMBED(asset_openapi, "web/openapi.json")
EMBED(asset_page, "web/index.html")

	.section .note.GNU-stack,"",@progbits
