/*
 * The console's pure parts: the one-line editor (whole characters, Chinese
 * and combining marks), key names and the keymap, wrapping, the list and the
 * style mappings.  No terminal is involved.
 */
#include "config.h"

#include "core/request.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "tests.h"
#include "tui/app.h"
#include "tui/edit.h"
#include "tui/keys.h"
#include "tui/list.h"
#include "tui/style.h"
#include "tui/view.h"
#include "tui/wrap.h"
#include "util/strbuf.h"

#include <stdlib.h>
#include <string.h>

static void
keys(struct edit *e, const int *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert(edit_key(e, k[i]));
}

static void
type(struct edit *e, const char *s)
{
	while (*s) {
		uint32_t cp;
		size_t n = 0;

		/* ASCII and three-byte UTF-8 are all these tests type. */
		if ((unsigned char)*s < 0x80) {
			cp = (unsigned char)*s;
			n = 1;
		} else {
			cp = ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) |
			     (uint32_t)(s[2] & 0x3f);
			n = 3;
		}
		ck_assert(edit_key(e, (int)cp));
		s += n;
	}
}

START_TEST(edit_moves_and_deletes_whole_characters)
{
	struct edit e;
	const int back2[] = {TUI_KEY_LEFT, TUI_KEY_LEFT, TUI_KEY_BACKSPACE};
	const int home_del[] = {TUI_KEY_HOME, TUI_KEY_RIGHT, TUI_KEY_DELETE};

	edit_init(&e, NULL);
	type(&e, "网站被篡改");
	keys(&e, back2, 3);
	ck_assert_str_eq(edit_text(&e), "网站篡改");
	type(&e, "已");
	ck_assert_str_eq(edit_text(&e), "网站已篡改");
	keys(&e, home_del, 3);
	ck_assert_str_eq(edit_text(&e), "网已篡改");
	ck_assert(edit_key(&e, TUI_CTRL('K')));
	ck_assert_str_eq(edit_text(&e), "网");
	ck_assert(edit_key(&e, TUI_CTRL('U')));
	ck_assert(edit_empty(&e));
	ck_assert(!edit_key(&e, TUI_KEY_F1));
	edit_free(&e);
}
END_TEST

START_TEST(edit_keeps_combining_marks_with_their_base)
{
	struct edit e;

	/* "e" + COMBINING ACUTE, then "x": one Left goes before the whole é. */
	edit_init(&e, "e\xcc\x81x");
	ck_assert(edit_key(&e, TUI_KEY_LEFT));
	ck_assert(edit_key(&e, TUI_KEY_LEFT));
	ck_assert_uint_eq(e.cursor, 0);
	ck_assert(edit_key(&e, TUI_KEY_DELETE));
	ck_assert_str_eq(edit_text(&e), "x");
	edit_free(&e);
}

END_TEST

START_TEST(edit_sanitizes_and_scrolls)
{
	struct edit e;
	struct strbuf box = STRBUF_INIT;
	size_t cur;

	edit_init(&e, "a\x1b[31mb");
	ck_assert_str_eq(edit_text(&e), "a^[[31mb");
	edit_set(&e, "一二三四五六七八九十");
	/*
	 * 20 columns of text in a 9-column box, the cursor after the end: the
	 * start is cut ("…"), and so is 七, which the edge would split.
	 */
	cur = edit_view(&e, 9, &box);
	ck_assert_str_eq(sb_str(&box), "\xe2\x80\xa6 八九十 ");
	ck_assert_uint_eq(cur, 8);
	sb_reset(&box);
	ck_assert(edit_key(&e, TUI_KEY_HOME));
	cur = edit_view(&e, 9, &box);
	ck_assert_str_eq(sb_str(&box), "一二三四\xe2\x80\xa6");
	ck_assert_uint_eq(cur, 0);
	sb_free(&box);
	edit_free(&e);
}
END_TEST

START_TEST(key_names_round_trip)
{
	static const char *const names[] = {
		"j", "?", "中", "^L", "<Enter>", "<Esc>", "<Tab>", "<BackTab>", "<Up>", "<PgDn>",
		"<Home>", "<Backspace>", "<Delete>", "<Space>", "<F1>", "<F12>", "<Lt>",
	};
	char buf[32];
	int k;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		ck_assert_msg(keys_parse(names[i], &k), "%s", names[i]);
		keys_name(k, buf, sizeof(buf));
		ck_assert_str_eq(buf, names[i]);
	}
	ck_assert(keys_parse("^M", &k) && k == TUI_KEY_ENTER);
	ck_assert(keys_parse("^[", &k) && k == TUI_KEY_ESC);
	ck_assert(keys_parse("^?", &k) && k == TUI_KEY_BACKSPACE);
	ck_assert(!keys_parse("", &k));
	ck_assert(!keys_parse("jj", &k));
	ck_assert(!keys_parse("<F13>", &k));
	ck_assert(!keys_parse("<Nope>", &k));
	ck_assert(keys_is_text('q') && keys_is_text(0x4e2d) && !keys_is_text(TUI_KEY_ENTER));
}
END_TEST

START_TEST(keymap_binds_reports_and_falls_back)
{
	struct keymap *km = keymap_new();
	struct diag_list dl = {0};
	static const char *const views[] = {"board", "incident", NULL};
	int k;

	ck_assert(keymap_load(km, "bind generic j move-down\nbind incident <Space> tick\n"
				  "# a comment\nbind generic <Space> page-down\n",
			      "t.keys", views, &dl));
	ck_assert_int_eq(keymap_lookup(km, "incident", ' '), TUI_REQ_TICK);
	ck_assert_int_eq(keymap_lookup(km, "board", ' '), TUI_REQ_PAGE_DOWN);
	ck_assert_int_eq(keymap_lookup(km, "board", 'x'), TUI_REQ_NONE);
	/* Space does not page down on the incident screen: its key for that is none. */
	ck_assert(!keymap_key_for(km, "incident", TUI_REQ_PAGE_DOWN, false, &k));
	ck_assert(keymap_key_for(km, "board", TUI_REQ_MOVE_DOWN, false, &k) && k == 'j');
	ck_assert(!keymap_key_for(km, "board", TUI_REQ_MOVE_DOWN, true, &k));
	ck_assert(!keymap_load(km, "bind nowhere j move-down\nbind generic <Bad> quit\n"
				   "bind generic q frobnicate\nbind generic\n",
			       "t.keys", views, &dl));
	ck_assert_uint_eq(dl.n, 4);
	ck_assert_int_eq(dl.items[0].line, 1);
	ck_assert_int_eq(dl.items[0].col, 6);
	ck_assert_int_eq(dl.items[1].col, 14);
	ck_assert_int_eq(dl.items[2].col, 16);
	diag_list_clear(&dl);
	keymap_free(&km);
}
END_TEST

START_TEST(builtin_keys_load)
{
	/* The views of tui/view.h (named here: view.c would bring every screen in), and
	 * "replay", the bindings of replay mode. */
	static const char *const views[] = {"board", "incident", "form", "decisions", "level",
					    "contacts", "report", "score", "roles", "briefing",
					    "help", "prompt", "confirm", "pick", "replay", NULL};
	struct keymap *km = keymap_new();
	struct diag_list dl = {0};

	ck_assert(keymap_load(km, tui_builtin_keys, "default.keys", views, &dl));
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_int_eq(keymap_lookup(km, "incident", 'n'), TUI_REQ_NOTE);
	ck_assert_int_eq(keymap_lookup(km, "board", 'n'), TUI_REQ_NEW);
	ck_assert_int_eq(keymap_lookup(km, "level", 'n'), TUI_REQ_ANSWER_NO);
	ck_assert_int_eq(keymap_lookup(km, "report", 'q'), TUI_REQ_BACK);
	/* A drill's trainer keys reach every screen; the function keys also where text is typed. */
	ck_assert_int_eq(keymap_lookup(km, "level", 'P'), TUI_REQ_DRILL_PAUSE);
	ck_assert_int_eq(keymap_lookup(km, "form", TUI_KEY_F1 + 5), TUI_REQ_DRILL_INJECT);
	ck_assert_int_eq(keymap_lookup(km, "score", 'w'), TUI_REQ_EXPORT);
	/* An officer's file over them: a later binding wins; unbind silences the
	 * view's key without letting the generic binding of it through. */
	ck_assert(keymap_load(km, "bind incident n tick\nunbind incident q\nunbind generic Q\n",
			      "user.keys", views, &dl));
	ck_assert_int_eq(keymap_lookup(km, "incident", 'n'), TUI_REQ_TICK);
	ck_assert_int_eq(keymap_lookup(km, "incident", 'q'), TUI_REQ_NONE);
	ck_assert_int_eq(keymap_lookup(km, "board", 'q'), TUI_REQ_BACK);
	ck_assert_int_eq(keymap_lookup(km, "board", 'Q'), TUI_REQ_NONE);
	ck_assert(!keymap_load(km, "unbind incident\nunbind incident q quit\n", "user.keys", views,
			       &dl));
	ck_assert_uint_eq(dl.n, 2);
	ck_assert_str_eq(dl.items[0].message, "expected 'unbind VIEW KEY'");
	diag_list_clear(&dl);
	ck_assert_int_eq(keymap_lookup(km, "replay", ' '), TUI_REQ_PLAY);
	ck_assert_int_eq(keymap_lookup(km, "board", 'r'), TUI_REQ_REPLAY);
	keymap_free(&km);
}
END_TEST

START_TEST(wrap_never_splits_a_character)
{
	struct wrapped w = {0};

	wrap_text(&w, "一二三四五\nab cd", 5);
	ck_assert_uint_eq(w.n, 4);
	ck_assert_str_eq(w.v[0], "一二");
	ck_assert_str_eq(w.v[1], "三四");
	ck_assert_str_eq(w.v[2], "五");
	ck_assert_str_eq(w.v[3], "ab cd");
	wrap_free(&w);
}
END_TEST

/* 避头点: a comma or a full stop never starts a line; the character before it goes down too. */
START_TEST(wrap_keeps_punctuation_off_a_line_start)
{
	struct wrapped w = {0};

	wrap_text(&w, "一二三四、五", 8);
	ck_assert_uint_eq(w.n, 2);
	ck_assert_str_eq(w.v[0], "一二三");
	ck_assert_str_eq(w.v[1], "四、五");
	wrap_free(&w);
	wrap_text(&w, "一二三四。", 8);
	ck_assert_uint_eq(w.n, 2);
	ck_assert_str_eq(w.v[0], "一二三");
	ck_assert_str_eq(w.v[1], "四。");
	wrap_free(&w);
	/* A line of nothing but the mark is cut where it must be. */
	wrap_text(&w, "。。。", 2);
	ck_assert_uint_eq(w.n, 3);
	wrap_free(&w);
}
END_TEST

static bool
odd_only(const void *ctx, size_t i)
{
	(void)ctx;
	return i % 2 == 1;
}

START_TEST(list_skips_rows_it_cannot_select)
{
	struct list l = {0};

	l.selectable = odd_only;
	list_set_count(&l, 6);
	ck_assert_uint_eq(l.sel, 1);
	list_show(&l, 3);
	list_request(&l, TUI_REQ_MOVE_DOWN);
	ck_assert_uint_eq(l.sel, 3);
	list_request(&l, TUI_REQ_MOVE_LAST);
	ck_assert_uint_eq(l.sel, 5);
	ck_assert_uint_eq(l.top, 3);
	list_request(&l, TUI_REQ_MOVE_FIRST);
	ck_assert_uint_eq(l.sel, 1);
	ck_assert_int_eq(list_request(&l, TUI_REQ_NOTE), REACT_UNHANDLED);
}
END_TEST

START_TEST(styles_map_to_colour_256_and_mono)
{
	struct style_spec sp;
	enum tui_style st;

	unsetenv("NO_COLOR");
	ck_assert_int_eq(style_pick_mode(256), STYLE_MODE_256);
	ck_assert_int_eq(style_pick_mode(8), STYLE_MODE_8);
	ck_assert_int_eq(style_pick_mode(0), STYLE_MODE_MONO);
	setenv("NO_COLOR", "1", 1);
	ck_assert_int_eq(style_pick_mode(256), STYLE_MODE_MONO);
	setenv("NO_COLOR", "", 1);
	ck_assert_int_eq(style_pick_mode(256), STYLE_MODE_256);
	unsetenv("NO_COLOR");
	/* 橙色: the true orange where 256 colours exist. */
	sp = style_get(STYLE_LEVEL_ORANGE, STYLE_MODE_256);
	ck_assert_int_eq(sp.bg, 208);
	sp = style_get(STYLE_LEVEL_ORANGE, STYLE_MODE_MONO);
	ck_assert(sp.attrs & STYLE_A_REVERSE);
	ck_assert_int_eq(sp.bg, STYLE_DEFAULT);
	ck_assert(style_from_name("deadline-amber", &st) && st == STYLE_DEADLINE_AMBER);
	ck_assert(!style_from_name("no-such-style", &st));
}
END_TEST

/*
 * The incident screen's timeline opens from the state's snapshot and reads
 * older entries from the store a page at a time: every entry, in either
 * direction and across pages, is the one the whole journal holds.  The
 * report's state has the whole journal.
 */
START_TEST(timeline_pages_match_the_whole_journal)
{
	struct engine_opts o;
	struct yj_clock clock;
	struct engine *e = NULL;
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct incident_view *whole = NULL;
	struct request rq = {.kind = REQ_NOTE, .text = "进展"};
	struct tui_opts to = {0};
	char playbook[4096];
	struct app *a;
	int64_t id;
	size_t n;

	clock_init_fixed(&clock, INT64_C(1795312800000));
	o = (struct engine_opts){":memory:", "张三", &clock, true, false};
	ck_assert_int_eq(engine_open(&o, &e, &why), YJ_OK);
	snprintf(playbook, sizeof(playbook), "%s/lucheng-2017.yaml", test_playbook_dir());
	ck_assert_int_eq(engine_new(e, playbook, "长事件", false, NULL, 0, &id, &dl, &why), YJ_OK);
	for (int i = 0; i < 700; i++)
		ck_assert_int_eq(engine_submit(e, id, &rq, NULL, &why), YJ_OK);
	ck_assert_int_eq(engine_view(e, id, 0, &whole, &why), YJ_OK);
	a = app_new(&to, e, NULL);
	ck_assert(app_open_incident(a, id));
	/* Opened from a snapshot: the state holds the newest entries alone. */
	ck_assert_int_gt(app_incident(a)->entries[0].seq, 600);
	n = app_timeline_count(a);
	ck_assert_uint_eq(n, whole->n);
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < n; k++) {
			size_t i = pass ? n - 1 - k : k;
			const struct entry *got = app_timeline_entry(a, i);

			ck_assert_ptr_nonnull(got);
			ck_assert_int_eq(got->seq, whole->entries[i].seq);
			ck_assert_int_eq(got->kind, whole->entries[i].kind);
			ck_assert(!memcmp(got->hash, whole->entries[i].hash, sizeof(got->hash)));
		}
	ck_assert_ptr_null(app_timeline_entry(a, n));
	ck_assert_uint_eq(app_incident_whole(a)->n_entries, whole->n);
	ck_assert_int_eq(app_incident_whole(a)->entries[0].seq, 1);
	app_free(&a);
	incident_view_free(&whole);
	diag_list_clear(&dl);
	sb_free(&why);
	engine_close(&e);
}
END_TEST

Suite *
suite_tui(void)
{
	Suite *s = suite_create("tui");
	TCase *tc = tcase_create("tui");

	tcase_add_test(tc, edit_moves_and_deletes_whole_characters);
	tcase_add_test(tc, edit_keeps_combining_marks_with_their_base);
	tcase_add_test(tc, edit_sanitizes_and_scrolls);
	tcase_add_test(tc, key_names_round_trip);
	tcase_add_test(tc, keymap_binds_reports_and_falls_back);
	tcase_add_test(tc, builtin_keys_load);
	tcase_add_test(tc, wrap_never_splits_a_character);
	tcase_add_test(tc, wrap_keeps_punctuation_off_a_line_start);
	tcase_add_test(tc, list_skips_rows_it_cannot_select);
	tcase_add_test(tc, styles_map_to_colour_256_and_mono);
	tcase_add_test(tc, timeline_pages_match_the_whole_journal);
	suite_add_tcase(s, tc);
	return s;
}
