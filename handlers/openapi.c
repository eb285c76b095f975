/* openapi.c - GET /openapi.json: the OpenAPI description of the API,
 * compiled in, with this version. */
#include "resources.h"

int handle_openapi(const struct request *rq, struct reply *rp)
{
	return reply_representation(rp, &rq->catalog->openapi);
}
