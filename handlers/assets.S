/* assets.S - compiles web/ files into the binary (see assets.h). Paths are
 * relative to the top of the source tree, where the compiler runs. */
#define EMBED(sym, file)                \
	.global sym;                    \
	.global sym##_end;              \
	.balign 16;                     \
sym:                                    \
	.incbin file;                   \
sym##_end:                              \
	.byte 0

	.section .rodata
EMBED(asset_openapi, "web/openapi.json")
EMBED(asset_page, "web/index.html")

	.section .note.GNU-stack,"",@progbits
