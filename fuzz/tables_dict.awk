# tables_dict.awk - a libFuzzer dictionary from the parser's data tables.
#
#   awk -f fuzz/tables_dict.awk data/*.tsv data/*.txt > parser.dict
#
# The parser finds its words by hash, so the fuzzer learns nothing from the
# comparisons that reject a word: it would have to guess "according to" or
# "billion rubles" byte by byte. Every field of every table line (split at
# tabs and commas) becomes an entry instead, so that mutations insert whole
# words that the tables know. Comment lines and fields longer than libFuzzer
# takes (64 bytes) are left out; each entry is written once. libFuzzer
# refuses a dictionary line with a byte that is not printable ASCII, so
# those ("«", "€") are written as \xNN. Run it with LC_ALL=C, so that
# length() and substr() count bytes.
BEGIN {
	for (c = 1; c < 256; c++)
		code[sprintf("%c", c)] = c
}

function quoted(w,    out, i, ch, c) {
	out = ""
	for (i = 1; i <= length(w); i++) {
		ch = substr(w, i, 1)
		c = code[ch]
		if (ch == "\\" || ch == "\"")
			out = out "\\" ch
		else if (c < 32 || c > 126)
			out = out sprintf("\\x%02X", c)
		else
			out = out ch
	}
	return out
}

/^#/ || /^[ \t]*$/ { next }
{
	n = split($0, fields, /[\t,]/)
	for (i = 1; i <= n; i++) {
		w = fields[i]
		sub(/^ +/, "", w)
		sub(/ +$/, "", w)
		if (w == "" || w == "-" || length(w) > 64 || (w in seen))
			continue
		seen[w] = 1
		printf "\"%s\"\n", quoted(w)
	}
}
