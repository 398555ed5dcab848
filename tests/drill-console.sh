#!/bin/bash
# `yingji drill SCENARIO [--speed N]`, the command line around the drill console
# (the console itself: tests/screen/drill-console*.test, tests/tmux-drill.sh):
# a bad speed is a usage error, a scenario with problems is reported FILE:LINE:COL
# and exits 65 before any terminal is needed, nothing is written to the database
# until the drill really starts, and the subcommands keep their meaning.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8 YINGJI_NOW="2026-11-22 10:05"
DRILL="$top_srcdir/data/drills/lucheng-port-scan.yaml"
cd "$T_TMP" || exit 1

for speed in 0 -5 abc 10x nan inf 3601 ""; do
	run drill "$DRILL" --speed "$speed" </dev/null
	expect_rc "--speed '$speed' is refused" 64
	expect_match "--speed '$speed': the reason" "$ERR" "^yingji: (drill: --speed '$speed' is not a speed|option)"
done
run drill "$DRILL" --speed
expect_rc "--speed without a value" 64
run drill "$DRILL" --frobnicate </dev/null
expect_rc "an unknown option" 64
run drill "$DRILL" "$DRILL" </dev/null
expect_rc "two scenarios" 64
run drill
expect_rc "no scenario and no subcommand" 64
expect_match "says what it wants" "$ERR" "name a SCENARIO file, or say check, start, tick or score"

run drill "$top_srcdir/tests/corpus/drill/bad-answer.yaml" --speed 10 </dev/null
expect_rc "a scenario with a problem" 65
expect_eq "its problem as FILE:LINE:COL" "$ERR" \
	"$top_srcdir/tests/corpus/drill/bad-answer.yaml:12:12: error: the answer to 'III-1' must be yes or no, not 'maybe'"
run drill "$T_TMP/no-such.yaml"
expect_rc "a scenario that is not there" 66
run drill "$top_srcdir/data/demo/lucheng-demo.yaml" </dev/null
expect_rc "a demo script is not a drill" 65
expect_match "and says what to do with it" "$ERR" "import it with 'yingji demo"
[ -e "$YINGJI_DB" ] && fail "no database is made by a refused drill" || pass "no database is made by a refused drill"

# A good scenario and speed, but no terminal: refused before the drill starts.
run drill "$DRILL" --speed 2.5 </dev/null
expect_rc "without a terminal" 64
expect_match "points at the commands" "$ERR" "the console needs a terminal"
[ -e "$YINGJI_DB" ] && fail "no drill is opened without a terminal" || pass "no drill is opened without a terminal"

# Headless, --speed may come before the scenario; the drill is in the database after.
printf 'P\n:expect-request drill-pause\n' >script
run drill --speed 7 "$DRILL" --script script
expect_rc "options before the scenario" 0
expect_eq "the script ran as written" "$OUT" "$(cat script)"
run list --drills --json
expect_match "the drill is recorded as a drill" "$OUT" '"drill": *true'
# The subcommands are still subcommands.
run drill check "$DRILL"
expect_rc "drill check still checks" 0
run drill score 1
expect_rc "drill score still scores" 0
finish
