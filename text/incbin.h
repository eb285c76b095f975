/* incbin.h - for the assembler (.S files): EMBED(sym, "file") places the
 * bytes of file, read at build time with .incbin, in read-only data as
 * symbol sym, followed by sym_end (one past the last byte) and a NUL, so
 * that C sees a string of known length. Paths are relative to the top of
 * the source tree, where the compiler runs. */
#ifndef ARTICLED_INCBIN_H
#define ARTICLED_INCBIN_H

#define EMBED(sym, file)                \
	.global sym;                    \
	.global sym##_end;              \
	.balign 16;                     \
sym:                                    \
	.incbin file;                   \
sym##_end:                              \
	.byte 0

#endif
