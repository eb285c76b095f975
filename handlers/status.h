/* status.h - every HTTP status the service sends, in one table. */
#ifndef ARTICLED_STATUS_H
#define ARTICLED_STATUS_H

/* The reason phrase of status ("Not Found"); "Unknown" if not in the table. */
const char *status_reason(int status);

#endif
