/* problem.c - see problem.h. */
#include "problem.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../api/status.h"
#include "../text/utf8.h"

char *problem_json(int status, const char *detail, const char *param, const char *instance,
		   size_t *len)
{
	/* jansson refuses invalid UTF-8, and both may quote what the client sent. */
	const char *dt = detail ? detail : "";
	char *d = utf8_repaired(dt, strlen(dt));
	char *i = instance ? utf8_repaired(instance, strlen(instance)) : NULL;
	json_t *j = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank", "title",
			      status_title(status), "status", status, "detail", d ? d : "");
	if (j != NULL && param != NULL)
		json_object_set_new(j, "parameter", json_string(param));
	if (j != NULL && i != NULL)
		json_object_set_new(j, "instance", json_string(i));
	free(d);
	free(i);
	if (j == NULL)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s != NULL)
		*len = strlen(s);
	return s;
}
