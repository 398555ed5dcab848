#!/bin/bash
# Headless screen tests (DESIGN.md, "Tests" 2): each tests/screen/*.test is a
# key script for `yingji tui --script` (see src/tui/script.h) with the screens
# it expects kept next to the keys.  The console runs the real binary on an
# in-memory screen of a fixed size (YINGJI_SCREEN), on a fixed clock
# (YINGJI_NOW) that only the script's ":time" moves, taking the next key only
# when idle; its transcript must equal the test file, else the diff is shown.
#
# Lines starting with @ set a test up before the console starts:
#   @env NAME=VALUE      in the console's environment (LANGUAGE=zh_CN, NO_COLOR=1)
#   @cli ARGS...         run `yingji ARGS` first (shell words, quotes allowed)
#   @before COMMAND      a shell command run in the test's directory first, in
#                        order with the @cli lines (writes a file the test needs)
#   @valgrind            run the console under valgrind as well (when installed)
#   @after COMMAND       a shell command run in the test's directory after the
#                        console has ended; it must succeed (checks files written)
#   @console ARGS...     run `yingji ARGS --script FILE` instead of `yingji tui
#                        --script FILE` (shell words): `drill SCENARIO --speed 10`
#
# YJ_UPDATE_SCREENS=1 rewrites the files with what the console shows now: for
# writing a new test, after reading every screen of it.
. "$top_srcdir/tests/lib.sh"

builddir=$(cd "$(dirname "$YINGJI")/.." && pwd)

# The Chinese catalogue, where gettext finds it without installing: compiled
# from po/zh_CN.po as it is now (po/'s make rebuilds zh_CN.gmo only when the
# sources' strings change, not when a translation does), else the built one.
mo=""
for d in "$builddir/po" "$top_srcdir/po"; do
	[ -f "$d/zh_CN.gmo" ] && { mo="$d/zh_CN.gmo"; break; }
done
if ! zh_catalogue && [ -n "$mo" ]; then
	cp "$mo" "$T_TMP/locale/zh_CN/LC_MESSAGES/yingji.mo"
fi

# Every row of every screen in a transcript fits the screen's width (80, or
# the last :resize), counted in display columns: a double-width character cut
# in half or drawn over the edge would show as a row one column too wide, and
# a broken one as U+FFFD.
check_widths() {
	local name=$1 actual=$2 width=$3 f w cols over=""

	rm -f "$T_TMP/$name/screen."*
	awk -v pre="$T_TMP/$name/screen." -v w="$width" '
		/^:resize / { split($2, s, "x"); w = s[1] }
		/^:screen/ { n++; f = pre n "." w; printf "" > f; inb = 1; next }
		/^:end/ { if (inb) close(f); inb = 0; next }
		inb { print > f }' "$actual"
	for f in "$T_TMP/$name/screen."*; do
		[ -f "$f" ] || continue
		w=${f##*.}
		cols=$(wc -L <"$f")
		[ "$cols" -le "$w" ] || over+="screen ${f#*screen.}: $cols columns; "
		grep -q $'\xef\xbf\xbd' "$f" && over+="screen ${f#*screen.}: U+FFFD; "
	done
	if [ -z "$over" ]; then
		pass "$name: every row of every screen fits its width"
	else
		fail "$name: a row does not fit the screen" "$over"
	fi
}

run_test() {
	local file=$1 name dir line rc grind=""
	local -a envs=() console=(tui)

	name=$(basename "$file" .test)
	dir="$T_TMP/$name"
	mkdir -p "$dir"
	envs=(TZ=CST-8 "YINGJI_NOW=2026-11-22 10:05" YINGJI_DB=yingji.db
	      "YINGJI_PLAYBOOK=$top_srcdir/playbooks/lucheng-2017.yaml" YINGJI_OPERATOR=张三
	      YINGJI_SCREEN=80x24 LC_ALL=C.UTF-8 "YINGJI_LOCALEDIR=$T_TMP/locale" TERM=dumb)
	while IFS= read -r line; do
		case $line in
		"@env "*) envs+=("${line#@env }") ;;
		"@valgrind") grind=yes ;;
		"@console "*) eval "console=(${line#@console })" ;;
		"@cli "*)
			if ! (cd "$dir" && eval "env -u LANGUAGE -u NO_COLOR \"\${envs[@]}\" \"\$YINGJI\" ${line#@cli }") \
				>"$dir/cli.out" 2>&1; then
				fail "$name: setup failed: ${line#@cli }" "$(cat "$dir/cli.out")"
				return
			fi ;;
		"@before "*)
			if ! (cd "$dir" && eval "${line#@before }") >"$dir/before.out" 2>&1; then
				fail "$name: setup failed: ${line#@before }" "$(cat "$dir/before.out")"
				return
			fi ;;
		esac
	done <"$file"
	(cd "$dir" && env -u LANGUAGE -u NO_COLOR -u COLUMNS -u LINES "${envs[@]}" \
		"$YINGJI" "${console[@]}" --script "$file") >"$dir/actual" 2>"$dir/stderr"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name: the console exited $rc" "$(cat "$dir/stderr")"
		return
	fi
	if [ -n "${YJ_UPDATE_SCREENS:-}" ]; then
		cp "$dir/actual" "$file"
	fi
	check_widths "$name" "$dir/actual" "$(printf '%s\n' "${envs[@]}" | sed -n 's/^YINGJI_SCREEN=\([0-9]*\)x.*/\1/p' | tail -1)"
	if diff -u "$file" "$dir/actual" >"$dir/diff"; then
		pass "$name: every screen as expected"
	else
		fail "$name: the screen differs (- expected, + actual)" "$(cat "$dir/diff")"
	fi
	while IFS= read -r line; do
		case $line in
		"@after "*)
			if (cd "$dir" && eval "${line#@after }") >"$dir/after.out" 2>&1; then
				pass "$name: ${line#@after }"
			else
				fail "$name: ${line#@after }" "$(cat "$dir/after.out")"
			fi ;;
		esac
	done <"$file"
	# A sanitizer build checks memory itself, and valgrind cannot run it.
	if [ -n "$grind" ] && ldd "$YINGJI" 2>/dev/null | grep -q libasan; then
		pass "$name: built with sanitizers, which check it instead of valgrind"
	elif [ -n "$grind" ] && [ -n "${VALGRIND:-}" ]; then
		rm -f "$dir/yingji.db"*
		while IFS= read -r line; do
			case $line in
			"@cli "*) (cd "$dir" && eval "env -u LANGUAGE -u NO_COLOR \"\${envs[@]}\" \"\$YINGJI\" ${line#@cli }") >/dev/null 2>&1 ;;
			esac
		done <"$file"
		(cd "$dir" && env -u LANGUAGE -u NO_COLOR "${envs[@]}" "$VALGRIND" -q --error-exitcode=99 \
			--leak-check=full --errors-for-leak-kinds=definite "$YINGJI" "${console[@]}" \
			--script "$file") \
			>/dev/null 2>"$dir/valgrind"
		rc=$?
		if [ "$rc" -eq 0 ]; then
			pass "$name: valgrind finds no errors and no definite leaks"
		else
			fail "$name: valgrind (exit $rc)" "$(head -40 "$dir/valgrind")"
		fi
	fi
}

shopt -s nullglob
tests=("$top_srcdir"/tests/screen/*.test)
[ ${#tests[@]} -gt 0 ] || fail "no screen tests in tests/screen"
for t in "${tests[@]}"; do
	run_test "$t"
done
finish
