/* Names, labels and help of the console's requests (see tui/request.h). */
#include "config.h"

#include "tui/request.h"

#include <string.h>

struct request_info {
	const char *name, *label, *help;
};

static const struct request_info requests[] = {
#define REQUEST_INFO(id, name, label, help) {name, label, help},
	TUI_REQUEST_TABLE(REQUEST_INFO)
#undef REQUEST_INFO
};

const char *
tui_request_name(enum tui_request rq)
{
	return requests[rq].name;
}

const char *
tui_request_label(enum tui_request rq)
{
	return _(requests[rq].label);
}

const char *
tui_request_help(enum tui_request rq)
{
	return _(requests[rq].help);
}

bool
tui_request_from_name(const char *name, enum tui_request *out)
{
	for (size_t i = 0; i < TUI_REQ_COUNT; i++)
		if (strcmp(requests[i].name, name) == 0) {
			*out = (enum tui_request)i;
			return true;
		}
	return false;
}
