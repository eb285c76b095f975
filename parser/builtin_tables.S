/* builtin_tables.S - compiles the files of data/ into the binary, so that articled
 * runs with no data directory at all. Each symbol NAME is followed by
 * NAME_end, one past its last byte, and a NUL so it is also a C string.
 * Paths are relative to the top of the source tree (the Makefile's
 * directory), where the compiler runs. */
#include "../text/incbin.h"

	.section .rodata
EMBED(data_outlets, "data/outlets.tsv")
EMBED(data_countries, "data/countries.tsv")
EMBED(data_languages, "data/languages.tsv")
EMBED(data_currencies, "data/currencies.tsv")
EMBED(data_units, "data/units.tsv")
EMBED(data_numbers, "data/numbers.tsv")
EMBED(data_months, "data/months.tsv")
EMBED(data_relative_dates, "data/relative_dates.txt")
EMBED(data_verbs, "data/reporting_verbs.tsv")
EMBED(data_titles, "data/titles.txt")
EMBED(data_outlet_words, "data/outlet_words.tsv")
EMBED(data_name_stop, "data/name_stopwords.txt")
EMBED(data_outlet_name_words, "data/outlet_name_words.txt")
EMBED(data_abbreviations, "data/abbreviations.txt")
EMBED(data_photo_labels, "data/photo_labels.txt")
EMBED(data_photo_rubrics, "data/photo_rubrics.txt")
EMBED(data_reaction_headings, "data/reaction_headings.txt")
EMBED(data_adverbs, "data/speech_adverbs.txt")
EMBED(data_pronouns, "data/pronouns.tsv")
EMBED(data_number_names, "data/number_names.txt")
EMBED(data_function_words, "data/function_words.txt")
EMBED(data_count_modifiers, "data/count_modifiers.txt")
EMBED(data_name_gender, "data/name_gender.tsv")
EMBED(data_family_names, "data/family_names.txt")
EMBED(data_noun_endings, "data/noun_endings.txt")
EMBED(data_time_units, "data/time_units.txt")
EMBED(data_figure_words, "data/figure_words.tsv")
EMBED(data_figure_verbs, "data/figure_verbs.tsv")
EMBED(data_figure_qualifiers, "data/figure_qualifiers.tsv")
EMBED(data_figure_rates, "data/figure_rates.tsv")
EMBED(data_figure_grammar, "data/figure_grammar.tsv")
EMBED(data_source_phrases, "data/source_phrases.txt")
EMBED(data_report_by, "data/report_by.txt")
EMBED(data_disclaimer, "data/disclaimer.tsv")
EMBED(data_speech_grammar, "data/speech_grammar.tsv")
EMBED(data_deputy_words, "data/deputy_words.txt")
EMBED(data_adjective_endings, "data/adjective_endings.txt")
EMBED(data_article, DEFAULT_ARTICLE) /* set by the Makefile */

	/* No executable stack: this object needs none. */
	.section .note.GNU-stack,"",@progbits
