/*
 * The terminal through ncursesw.  ncurses alone leaves the terminal raw on
 * SIGHUP, SIGQUIT and SIGSEGV, so the console saves the tty modes itself
 * (tcgetattr) before curses starts and puts them back on every exit path.
 */
#include "config.h"

#include "tui/display.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "util/strbuf.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static SCREEN *screen;
static FILE *null_out, *null_in;
static bool headless;

static struct termios saved_tty;
static bool have_saved_tty;
/* The terminal's own reset sequences, written by the fatal-signal handler. */
static char restore_seq[256];
static size_t restore_len;
static volatile sig_atomic_t pending_signal;

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int fatal_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE};

/* Async-signal-safe: write(2) and tcsetattr(3) only. */
static void
emergency_restore(void)
{
	size_t off = 0;

	while (off < restore_len) {
		ssize_t w = write(STDOUT_FILENO, restore_seq + off, restore_len - off);

		if (w <= 0)
			break;
		off += (size_t)w;
	}
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

static void
on_quit_signal(int sig)
{
	if (pending_signal) {
		/* Asked twice: the loop is stuck somewhere; leave now. */
		emergency_restore();
		_exit(128 + sig);
	}
	pending_signal = sig;
}

static void
on_fatal_signal(int sig)
{
	int saved = errno;

	emergency_restore();
	errno = saved;
	/* SA_RESETHAND put the default action back: die by the signal (and dump core). */
	raise(sig);
}

static void
install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal ends the wait for a key at once. */
	sa.sa_handler = on_quit_signal;
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

static void
default_handlers(void)
{
	for (size_t i = 0; i < sizeof(quit_signals) / sizeof(quit_signals[0]); i++)
		signal(quit_signals[i], SIG_DFL);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		signal(fatal_signals[i], SIG_DFL);
}

static void
add_cap(const char *cap)
{
	char *s = tigetstr(cap);
	size_t len;

	if (!s || s == (char *)-1)
		return;
	len = strlen(s);
	if (restore_len + len < sizeof(restore_seq)) {
		memcpy(restore_seq + restore_len, s, len);
		restore_len += len;
	}
}

static void
setup_modes(void)
{
	struct termios t;

	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* ^S is a key here (save a form), not XOFF. */
	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= (tcflag_t)~IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
	}
	def_prog_mode();
	add_cap("sgr0");
	add_cap("op");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
}

static enum yj_status
open_terminal(struct strbuf *why)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		sb_append(why, "the console needs a terminal");
		return YJ_ERR_USAGE;
	}
	static bool registered;

	if (tcgetattr(STDIN_FILENO, &saved_tty) == 0)
		have_saved_tty = true;
	/* An exit() from anywhere while the screen is up still restores the terminal. */
	if (!registered && atexit(display_close) == 0)
		registered = true;
	install_handlers();
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *term = getenv("TERM");

		default_handlers();
		sb_printf(why, "cannot use the terminal type '%s' (set TERM)", term ? term : "");
		return YJ_ERR_USAGE;
	}
	set_term(screen);
	setup_modes();
	return YJ_OK;
}

static enum yj_status
open_headless(const struct display_opts *o, struct strbuf *why)
{
	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	if (!null_out || !null_in) {
		sb_append(why, "cannot open /dev/null");
		return YJ_ERR_IO;
	}
	/* The size is the test's, not the environment's. */
	use_env(FALSE);
	screen = newterm("xterm-256color", null_out, null_in);
	if (!screen) {
		sb_append(why, "the terminal description xterm-256color is not installed");
		return YJ_ERR_IO;
	}
	set_term(screen);
	resizeterm(o->rows, o->cols);
	curs_set(0);
	headless = true;
	return YJ_OK;
}

enum yj_status
display_open(const struct display_opts *o, struct strbuf *why)
{
	enum yj_status rc = o->headless ? open_headless(o, why) : open_terminal(why);

	if (rc != YJ_OK)
		return rc;
	/* COLORS is known only once colour is started; NO_COLOR never starts it. */
	if (has_colors() && style_pick_mode(256) != STYLE_MODE_MONO)
		start_color();
	draw_init_styles(style_pick_mode(has_colors() ? COLORS : 0));
	return YJ_OK;
}

void
display_close(void)
{
	if (!screen)
		return;
	endwin();
	delscreen(screen);
	screen = NULL;
	if (have_saved_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	if (!headless)
		default_handlers();
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
}

static int
function_key(wint_t k)
{
	static const struct {
		int curses, key;
	} map[] = {
		{KEY_UP, TUI_KEY_UP},		 {KEY_DOWN, TUI_KEY_DOWN},
		{KEY_LEFT, TUI_KEY_LEFT},	 {KEY_RIGHT, TUI_KEY_RIGHT},
		{KEY_PPAGE, TUI_KEY_PGUP},	 {KEY_NPAGE, TUI_KEY_PGDN},
		{KEY_HOME, TUI_KEY_HOME},	 {KEY_END, TUI_KEY_END},
		{KEY_BACKSPACE, TUI_KEY_BACKSPACE}, {KEY_DC, TUI_KEY_DELETE},
		{KEY_IC, TUI_KEY_INSERT},	 {KEY_BTAB, TUI_KEY_BACKTAB},
		{KEY_ENTER, TUI_KEY_ENTER},	 {KEY_RESIZE, TUI_KEY_RESIZE},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if ((int)k == map[i].curses)
			return map[i].key;
	if ((int)k >= KEY_F(1) && (int)k <= KEY_F(12))
		return TUI_KEY_F1 + ((int)k - KEY_F(1));
	return TUI_KEY_NONE;
}

static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A terminal that went away without a SIGHUP makes every read fail at once:
 * after many such reads in a row, end as a hangup would, rather than spin.
 */
static void
note_failed_read(int64_t started, int timeout_ms)
{
	static int quick;

	if (timeout_ms > 0 && monotonic_ms() - started < timeout_ms / 2)
		quick++;
	else
		quick = 0;
	if (quick > 100 && !pending_signal)
		pending_signal = SIGHUP;
}

int
display_read_key(int timeout_ms)
{
	int64_t started = monotonic_ms();
	wint_t wc;
	int rc;
	char name[16];

	if (headless || pending_signal)
		return TUI_KEY_NONE;
	timeout(timeout_ms);
	rc = get_wch(&wc);
	if (rc == ERR) {
		note_failed_read(started, timeout_ms);
		return TUI_KEY_NONE;
	}
	if (rc == KEY_CODE_YES)
		return function_key(wc);
	if (wc < 0x20 || wc == 0x7f) {
		int key;

		/* Control characters read as their ^X names do (Enter, Tab, Esc, Backspace). */
		snprintf(name, sizeof(name), "^%c", wc == 0x7f ? '?' : (char)(wc + '@'));
		return keys_parse(name, &key) ? key : TUI_KEY_NONE;
	}
	return (int)wc;
}

void
display_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

void
display_set_size(int rows, int cols)
{
	resizeterm(rows, cols);
}

void
display_update(bool full)
{
	if (full)
		clearok(curscr, TRUE);
	draw_place_cursor();
	wnoutrefresh(stdscr);
	doupdate();
}

int
display_pending_signal(void)
{
	return pending_signal;
}
