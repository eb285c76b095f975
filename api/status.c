/* status.c - see status.h. */
#include "status.h"

const struct status_info status_table[STATUS_COUNT] = {
#define STATUS_ROW(code, name, reason, title) {code, reason, title},
	HTTP_STATUSES(STATUS_ROW)
#undef STATUS_ROW
};

size_t status_slot(int code)
{
	size_t i = 0;
	while (i < STATUS_COUNT && status_table[i].code != code)
		i++;
	return i;
}

const char *status_reason(int code)
{
	size_t i = status_slot(code);
	return i < STATUS_COUNT ? status_table[i].reason : "Unknown";
}

const char *status_title(int code)
{
	size_t i = status_slot(code);
	return i < STATUS_COUNT ? status_table[i].title : "Unknown";
}
