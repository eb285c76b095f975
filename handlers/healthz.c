/* healthz.c - GET /healthz: serving, and what the last load loaded and
 * why files failed; prebuilt at load. */
#include "resources.h"

int handle_healthz(const struct request *rq, struct reply *rp)
{
	return reply_representation(rp, &rq->catalog->healthz);
}
