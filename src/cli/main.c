/*
 * yingji: a terminal incident commander console.
 * main() wires the layers together: global options, then one command.
 */
#include "config.h"

#include "cli/cli.h"
#include "io/startuptime.h"
#include "util/str.h"
#include "util/xalloc.h"

#include <getopt.h>
#ifdef ENABLE_NLS
#include <libintl.h>
#endif
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef YJ_LOCALEDIR
#define YJ_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef YJ_PKGDATADIR
#define YJ_PKGDATADIR "/usr/local/share/yingji"
#endif

static const struct cli_command commands[] = {
	{"playbook", "check FILE... | show FILE",
	 "validate playbooks (FILE:LINE:COL: diagnostics) or print a readable summary",
	 cmd_playbook},
	{"new", "[--drill] --title TEXT [FIELD=VALUE ...]",
	 "take a report: open an incident and print its id", cmd_new},
	{"list", "[--open|--closed|--all|--drills] [--json]", "incidents, newest first", cmd_list},
	{"show", "ID [--json] [--at SEQ]", "the incident's state (as it stood after entry SEQ)",
	 cmd_show},
	{"set", "ID FIELD=VALUE ...", "record fields, facts and yes/no answers", cmd_set},
	{"log", "ID TEXT", "add a note to the timeline", cmd_log},
	{"tick", "ID ITEM [--undo | --skip --reason TEXT] [--reason TEXT]",
	 "tick a checklist item of the current phase (or skip or untick it)", cmd_tick},
	{"advance", "ID [DECISION] [--reason TEXT]",
	 "leave the current phase by one of its decisions", cmd_advance},
	{"level", "ID [LEVEL --reason TEXT]",
	 "show the suggested level, or confirm or change the level", cmd_level},
	{"notify", "ID CONTACT [--ack] [--channel phone|sms|written|verbal]",
	 "record that a contact was notified, or acknowledged", cmd_notify},
	{"assign", "ID ROLE PERSON", "record who holds a role or leads a group", cmd_assign},
	{"handover", "ID PERSON [--role ROLE]",
	 "hand over command (or a role), recording a briefing", cmd_handover},
	{"annotate", "ID SEQ TEXT",
	 "a reviewer's annotation on journal entry SEQ (also on closed incidents)", cmd_annotate},
	{"export",
	 "ID [--report incident|bulletin|timeline|review] [--format txt|md|json|csv] [-o FILE]",
	 "render a report", cmd_export},
	{"verify", "[ID] [--head SEQ:HASH]", "check the journal's hash chain (exit 1 if broken)",
	 cmd_verify},
	{"backup", "FILE", "an online, consistent copy of the database", cmd_backup},
	{"drill", "SCENARIO [--speed N] | check FILE... | start SCENARIO | tick ID | score ID "
		  "[--format txt|md|json]",
	 "drills: run one in the console at a speed; check scenarios, open a drill, deliver "
	 "due injects, score it",
	 cmd_drill},
	{"demo", "[FILE]", "import the closed demo incident (to try replay and review) and print "
			   "its id", cmd_demo},
	{"replay", "ID [--speed N] [--script FILE]",
	 "replay an incident in the console, read-only, as it stood at each entry", cmd_replay},
	{"tui", "[--script FILE]",
	 "open the full-screen console (what yingji does when no command is given)", cmd_tui},
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
print_help(FILE *f)
{
	fprintf(f, "usage: yingji [--db PATH] [--playbook FILE] [--operator NAME] [COMMAND [ARGS]]\n"
		   "       yingji --help | --version\n\n"
		   "A terminal incident commander console: it walks duty officers through\n"
		   "their organisation's emergency plan (a playbook).  Without a command it\n"
		   "opens the full-screen console.\n\n"
		   "Global options:\n"
		   "  --db PATH          the database (default $YINGJI_DB, else\n"
		   "                     $XDG_DATA_HOME/yingji/yingji.db)\n"
		   "  --playbook FILE    the playbook new incidents follow (default\n"
		   "                     $YINGJI_PLAYBOOK, else the installed lucheng-2017)\n"
		   "  --operator NAME    who is acting (default $YINGJI_OPERATOR, else the login)\n"
		   "  --startuptime FILE write how long the console took to draw its first\n"
		   "                     frame to FILE (as vim's --startuptime does)\n"
		   "  --help             show this help and exit\n"
		   "  --version          show the version and exit\n\n"
		   "Commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %s %s\n      %s\n", commands[i].name, commands[i].usage,
			commands[i].help);
	fprintf(f, "\nExit status: 0 success, 1 check failed (verify), 64 usage, 65 invalid data\n"
		   "or refused by the plan, 66 no such file or incident, 69 database\n"
		   "unavailable, 70 internal error, 74 I/O error, 75 database busy; the\n"
		   "console ends with 128+N after signal N.\n"
		   "See yingji(1) and yingji-playbook(5).\n");
}

static char *
default_db(void)
{
	const char *env = getenv("YINGJI_DB"), *xdg = getenv("XDG_DATA_HOME");

	if (env && *env)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		return xasprintf("%s/yingji/yingji.db", xdg);
	return xasprintf("%s/.local/share/yingji/yingji.db", cli_home_dir());
}

static char *
default_playbook(void)
{
	const char *env = getenv("YINGJI_PLAYBOOK");

	if (env && *env)
		return xstrdup(env);
	return xstrdup(YJ_PKGDATADIR "/playbooks/lucheng-2017.yaml");
}

static char *
default_operator(void)
{
	const char *env = getenv("YINGJI_OPERATOR");
	struct passwd *pw;

	if (env && *env)
		return xstrdup(env);
	pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	env = getenv("USER");
	return xstrdup(env && *env ? env : "unknown");
}

const struct cli_command *
cli_find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static const struct cli_command *
find_command(const char *name)
{
	const char *names[N_COMMANDS + 1];
	const char *hint;

	for (size_t i = 0; i < N_COMMANDS; i++) {
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
		names[i] = commands[i].name;
	}
	names[N_COMMANDS] = NULL;
	hint = str_suggest(name, names);
	if (hint)
		cli_error("unknown command '%s' (did you mean '%s'?); see 'yingji --help'", name, hint);
	else
		cli_error("unknown command '%s'; see 'yingji --help'", name);
	return NULL;
}

/* The locale variable that names the language of messages, as setlocale() reads them. */
static const char *
messages_locale(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return v;
	}
	return NULL;
}

/*
 * The environment's locale.  One the system does not have (LANG=zh_CN.UTF-8
 * on a host without it, as minimal containers are) would leave everything in
 * the C locale, in English: keep its language for messages (as LANGUAGE, so
 * gettext still finds the catalogue) and C.UTF-8 for characters.
 */
static void
init_locale(void)
{
	const char *want;
	char lang[32];
	size_t n;

	if (setlocale(LC_ALL, ""))
		return;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C");
	want = messages_locale();
	if (!want || getenv("LANGUAGE"))
		return;
	n = strcspn(want, ".@");
	if (!n || n >= sizeof(lang))
		return;
	memcpy(lang, want, n);
	lang[n] = '\0';
	if (strcmp(lang, "C") != 0 && strcmp(lang, "POSIX") != 0)
		setenv("LANGUAGE", lang, 0);
}

/* The console speaks the officer's language (po/); YINGJI_LOCALEDIR points
 * at catalogues that are not installed yet (the test suite's). */
static void
init_messages(void)
{
#ifdef ENABLE_NLS
	const char *dir = getenv("YINGJI_LOCALEDIR");

	bindtextdomain(PACKAGE, dir && *dir ? dir : YJ_LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#endif
}

enum { OPT_DB = 256, OPT_PLAYBOOK, OPT_OPERATOR, OPT_HELP, OPT_VERSION, OPT_STARTUPTIME };

static const struct option global_options[] = {
	{"db", required_argument, NULL, OPT_DB},
	{"playbook", required_argument, NULL, OPT_PLAYBOOK},
	{"operator", required_argument, NULL, OPT_OPERATOR},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{"startuptime", required_argument, NULL, OPT_STARTUPTIME},
	{NULL, 0, NULL, 0},
};

/* Parse global options; returns -1 to go on, else an exit code. */
static int
parse_globals(int argc, char **argv, char **db, char **playbook, char **operator_name)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", global_options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
		case OPT_PLAYBOOK:
		case OPT_OPERATOR: {
			char **slot = c == OPT_DB ? db : c == OPT_PLAYBOOK ? playbook : operator_name;

			if (!*optarg) {
				cli_error("%s needs a non-empty value", argv[optind - 1]);
				return EXIT_USAGE;
			}
			free(*slot);
			*slot = xstrdup(optarg);
			break;
		}
		case 'h':
		case OPT_HELP:
			print_help(stdout);
			return EXIT_OK;
		case OPT_VERSION:
			printf("yingji %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case OPT_STARTUPTIME:
			/* vim's --startuptime: the console marks its first frame (make bench). */
			startuptime_begin(optarg);
			break;
		case ':':
			cli_error("option '%s' needs a value; see 'yingji --help'", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			if (optopt && optopt < 256)
				cli_error("unknown option '-%c'; see 'yingji --help'", optopt);
			else
				cli_error("unknown or incomplete option '%s'; see 'yingji --help'",
					  argv[optind - 1]);
			return EXIT_USAGE;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	char *db = NULL, *playbook = NULL, *operator_name = NULL;
	struct cli_ctx ctx = {0};
	const struct cli_command *cmd;
	int rc;

	init_locale();
	/* Numbers in files, commands and JSON are written with a decimal point everywhere. */
	setlocale(LC_NUMERIC, "C");
	init_messages();
	rc = parse_globals(argc, argv, &db, &playbook, &operator_name);
	if (rc >= 0)
		goto out;
	/* No command: the console. */
	cmd = optind < argc ? find_command(argv[optind]) : cli_find_command("tui");
	if (!cmd) {
		rc = EXIT_USAGE;
		goto out;
	}
	ctx.prog = "yingji";
	ctx.db = db ? db : (db = default_db());
	ctx.playbook = playbook ? playbook : (playbook = default_playbook());
	ctx.operator_name = operator_name ? operator_name : (operator_name = default_operator());
	{
		int first = optind;
		char tui_name[] = "tui", *console[] = {tui_name, NULL};

		optind = 0;	/* glibc: re-initialise getopt for the command's own options */
		if (first < argc)
			rc = cmd->run(&ctx, argc - first, argv + first);
		else
			rc = cmd->run(&ctx, 1, console);
	}
out:
	free(db);
	free(playbook);
	free(operator_name);
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		cli_error("cannot write output");
		rc = EXIT_IOERR;
	}
	return rc;
}
