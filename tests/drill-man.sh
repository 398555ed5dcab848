#!/bin/bash
# yingji-drill(5): it renders without a warning, names every key the scenario
# and demo readers accept, and its two annotated examples (a scenario and a
# demo script) pass `yingji drill check`.
. "$top_srcdir/tests/lib.sh"

PAGE="$top_srcdir/man/yingji-drill.5"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export TZ=CST-8

if ! command -v man >/dev/null 2>&1; then
	fail "man is not installed: the man page test needs man-db and groff-base" \
		"install them (Debian: apt-get install man-db groff-base) and run the test again"
	finish
fi

env -u MAN_KEEP_FORMATTING -u MANROFFOPT LC_ALL=C.UTF-8 MANWIDTH=80 \
	man --warnings=all -E UTF-8 -l "$PAGE" >"$T_TMP/page.raw" 2>"$T_TMP/man.err"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail "yingji-drill.5 renders (man exit $rc)" "$(cat "$T_TMP/man.err")"
elif [ -s "$T_TMP/man.err" ]; then
	fail "yingji-drill.5 renders without warnings" "$(cat "$T_TMP/man.err")"
else
	pass "yingji-drill.5 renders without warnings"
fi
perl -CSD -0pe 's/\x{2010}\n[ \t]*//g' "$T_TMP/page.raw" >"$T_TMP/page.txt"

# Every key in the key lists of the readers is named in the page.
keys=$(cat "$top_srcdir/src/core/scenario_build.c" "$top_srcdir/src/core/scenario_decode.c" \
	"$top_srcdir/src/core/demo.c" |
	awk '/keys\[\] = \{/ { s = 1 } s { print } s && /NULL\};/ { s = 0 }' |
	grep -oE '"!?[a-z_]+"' | tr -d '"!' | sort -u)
missing=""
for k in $keys; do
	grep -qE "(^|[^a-z_])$k([^a-z_]|\$)" "$T_TMP/page.txt" || missing="$missing $k"
done
if [ -z "$keys" ]; then
	fail "found the key lists of the scenario and demo readers"
elif [ -z "$missing" ]; then
	pass "yingji-drill.5 names every key the readers accept ($(echo $keys | wc -w) keys)"
else
	fail "yingji-drill.5 does not name these keys:$missing"
fi

# example MARK OUT: the example between '.\" MARK-begin' and '.\" MARK-end', unescaped.
example() {
	local mark=$1 out=$2 begin end
	begin=$(grep -c "^\.\\\\\" $mark-begin\$" "$PAGE")
	end=$(grep -c "^\.\\\\\" $mark-end\$" "$PAGE")
	if [ "$begin" -ne 1 ] || [ "$end" -ne 1 ]; then
		fail "yingji-drill.5 marks its $mark once" "expected one '.\\\" $mark-begin' and one '-end' line"
		return 1
	fi
	sed -n "/^\.\\\\\" $mark-begin\$/,/^\.\\\\\" $mark-end\$/p" "$PAGE" | grep -v '^\.' |
		sed -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\(dq/"/g' -e "s/\\\\(aq/'/g" >"$out"
	if grep -n '\\' "$out" >"$T_TMP/escapes"; then
		fail "the $mark holds only the roff escapes this test undoes" "$(cat "$T_TMP/escapes")"
		return 1
	fi
}

if example example "$T_TMP/scenario.yaml"; then
	if ! grep -q '^yingji_drill: 1' "$T_TMP/scenario.yaml"; then
		fail "the annotated example is a scenario (no 'yingji_drill: 1' line)"
	else
		run drill check "$T_TMP/scenario.yaml"
		if [ "$RC" -eq 0 ] && [ -z "$ERR" ]; then
			pass "the annotated scenario in yingji-drill.5 passes 'drill check'"
		else
			fail "the annotated scenario fails 'drill check' (exit $RC)" "$ERR"
		fi
	fi
fi
if example demo-example "$T_TMP/demo.yaml"; then
	if ! grep -q '^yingji_demo: 1' "$T_TMP/demo.yaml"; then
		fail "the annotated demo example is a demo script (no 'yingji_demo: 1' line)"
	else
		run drill check "$T_TMP/demo.yaml"
		if [ "$RC" -eq 0 ] && [ -z "$ERR" ]; then
			pass "the annotated demo script in yingji-drill.5 passes 'drill check'"
		else
			fail "the annotated demo script fails 'drill check' (exit $RC)" "$ERR"
		fi
		export YINGJI_DB="$T_TMP/demo.db"
		run demo "$T_TMP/demo.yaml"
		expect_rc "the annotated demo script imports" 0
		expect_eq "and ends closed as a false alarm" \
			"$("$YINGJI" show "$OUT" --json | jq -r '.phase.id')" "false-alarm"
	fi
fi

# The shipped files are what the page says they are.
run drill check "$top_srcdir"/data/drills/*.yaml "$top_srcdir"/data/demo/*.yaml
expect_rc "every shipped scenario and the demo script pass 'drill check'" 0
for f in "$top_srcdir"/data/drills/*.yaml "$top_srcdir"/data/demo/*.yaml; do
	grep -qF "$(basename "$f")" "$T_TMP/page.txt" && pass "yingji-drill.5 names $(basename "$f")" ||
		fail "yingji-drill.5 does not name the shipped $(basename "$f") under FILES"
done
finish
