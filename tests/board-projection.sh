#!/bin/bash
# The board draws from the summary rows alone (schema step 3: the level's
# label and colour and the clock it shows are projected).  A database made
# before that step is upgraded, its rows marked not shown; the board folds
# those and shows exactly what it shows from a projected row, until the next
# entry writes the row again.
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || {
	fail "the sqlite3 shell is needed (apt-get install sqlite3)"; finish
}

cd "$T_TMP" || exit 1
export TZ=CST-8 "YINGJI_NOW=2026-11-22 10:05" YINGJI_DB=yingji.db \
	"YINGJI_PLAYBOOK=$top_srcdir/playbooks/lucheng-2017.yaml" YINGJI_OPERATOR=张三 \
	YINGJI_SCREEN=80x24 LC_ALL=C.UTF-8 TERM=dumb
unset LANGUAGE NO_COLOR COLUMNS LINES

run new --title "数据泄露" "discovered_at=2026-11-22 09:40"
run new --title "另一事件" "discovered_at=2026-11-22 10:04"
run level 1 IV
expect_rc "a level confirmed" 0

# The board, its level badge in the level's colour and a clock turning amber.
script="$T_TMP/board.script"
cat >"$script" <<'END'
:screen
 yingji — incident console  open incidents: 2
    # title                              phase         level    next deadline
    2 另一事件                           信息报告      -        29:00 left
    1 数据泄露                           信息报告       Ⅳ级     05:00 left


















 Enter open  n new report  C closed  D drills  ? help  q quit
 张三 │ yingji.db                                           2026-11-22 10:05:00
:end
:expect-style level-blue Ⅳ级
:expect-style deadline-amber 05:00
:time +6m
:expect-style deadline-red 01:00
END

board() {
	"$YINGJI" tui --script "$script" >"$T_TMP/actual" 2>"$T_TMP/stderr"
	if [ $? -eq 0 ] && diff -u "$script" "$T_TMP/actual" >"$T_TMP/diff"; then
		pass "$1"
	else
		fail "$1" "$(cat "$T_TMP/diff" "$T_TMP/stderr")"
	fi
}

shown() { sqlite3 "$YINGJI_DB" "SELECT group_concat(shown, ',') FROM summary ORDER BY id"; }

board "the board from projected rows"
expect_eq "every row holds what the board shows" "$(shown)" "1,1"

# Back to schema step 2, as an older yingji left it.
downgrade() {
	sqlite3 "$YINGJI_DB" "PRAGMA user_version = 2;
		ALTER TABLE summary DROP COLUMN shown; ALTER TABLE summary DROP COLUMN level_label;
		ALTER TABLE summary DROP COLUMN level_colour; ALTER TABLE summary DROP COLUMN clock_due_ms;
		ALTER TABLE summary DROP COLUMN clock_anchor_ms;" || fail "cannot make a step-2 file"
}
downgrade
board "the board from rows written before step 3 (folded)"
expect_eq "the upgrade marks the old rows not shown" "$(shown)" "0,0"
expect_eq "the upgrade records step 3" "$(sqlite3 "$YINGJI_DB" "PRAGMA user_version")" "3"

# A command that only reads upgrades the file too (it is writable), and then
# reads it as asked: a new version's first command is not a refusal.
downgrade
run list
expect_rc "list on a step-2 file" 0
expect_match "list on a step-2 file shows the incidents" "$OUT" "数据泄露"
expect_eq "list upgraded the file" "$(sqlite3 "$YINGJI_DB" "PRAGMA user_version")" "3"

run log 1 "进展"
expect_rc "an entry on the old row" 0
expect_eq "the next entry projects the row again" "$(shown)" "1,0"
board "the board from one projected and one folded row"

finish
