/*
 * Load a drill scenario or a demo script (yingji-drill(5)): read the YAML,
 * find and load the playbook its `playbook:` section names, then build and
 * check the file against it.  Which of the two a file is, its first key says
 * (`yingji_drill` or `yingji_demo`).
 *
 * The playbook named by `file:` is looked for, in order: as written when it is
 * an absolute path; beside the scenario; beside the default playbook (the
 * --playbook in use); in the installed playbooks folder.  Without `file:` the
 * default playbook is used.  Either way its plan id must be the `plan:` named.
 */
#ifndef YINGJI_IO_SCENARIO_LOAD_H
#define YINGJI_IO_SCENARIO_LOAD_H

#include <stddef.h>

#include "core/demo.h"
#include "core/scenario.h"
#include "util/status.h"

struct sc_loaded {
	struct scenario *scenario;	/* a drill scenario, or NULL */
	struct demo *demo;		/* a demo script, or NULL */
	struct playbook *pb;		/* the playbook it was checked against */
	char *playbook_path;		/* where that playbook was found */
};

/*
 * Load the scenario or demo script at `path`, its playbook looked for as said
 * above (`default_playbook`: the playbook in use; `playbooks_dir`: the
 * installed folder).  On YJ_OK exactly one of out->scenario and out->demo is
 * set, with out->pb and out->playbook_path; free them with sc_loaded_clear().
 * Otherwise `diags` holds every problem found (in the file, and in its playbook
 * when that one is invalid): YJ_ERR_NOINPUT when the file cannot be opened,
 * YJ_ERR_DATA when it (or its playbook) is invalid, YJ_ERR_TOO_BIG, YJ_ERR_IO.
 */
enum yj_status scenario_load(const char *path, const char *default_playbook,
			     const char *playbooks_dir, struct sc_loaded *out,
			     struct diag_list *diags);
void sc_loaded_clear(struct sc_loaded *l);

/*
 * A scenario from bytes, checked against `pb` (a drill's own playbook): how a
 * drill's scenario is rebuilt from its journal.  `name` is used in diagnostics.
 */
enum yj_status scenario_load_bytes(const char *name, const char *buf, size_t len,
				   const struct playbook *pb, struct scenario **out,
				   struct diag_list *diags);

#endif
