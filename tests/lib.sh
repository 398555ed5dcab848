# Shared helpers for the scripted tests.  Sourced by each tests/*.sh.
# Each test prints what it checks, and "N passed, N failed" at the end.
set -u

: "${YINGJI:?YINGJI must name the yingji binary (run through make check)}"
: "${top_srcdir:?top_srcdir must be set (run through make check)}"

T_PASS=0
T_FAIL=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/yingji-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
# The user's own local contacts file (~/.config/yingji/contacts.yaml) is not
# the tests' business: no test may depend on one being there or not.
export XDG_CONFIG_HOME="$T_TMP/config"
unset YINGJI_CONTACTS

# The tester's own key bindings stay out of the tests: the console finds none
# unless a test writes one (yingji(1), FILES).
unset YINGJI_KEYS

pass() { T_PASS=$((T_PASS + 1)); printf 'ok   %s\n' "$1"; }
fail() { T_FAIL=$((T_FAIL + 1)); printf 'FAIL %s\n' "$1"; shift; [ $# -gt 0 ] && printf '     %s\n' "$@"; return 0; }

# run CMD...: run yingji, capturing $OUT, $ERR and $RC.
run() {
	OUT=$("$YINGJI" "$@" 2>"$T_TMP/stderr"); RC=$?
	ERR=$(cat "$T_TMP/stderr")
}

# expect_rc NAME CODE: the last run exited with CODE.
expect_rc() {
	if [ "$RC" -eq "$2" ]; then pass "$1 (exit $2)"; else fail "$1: exit $RC, expected $2" "stderr: $ERR"; fi
}

# expect_eq NAME ACTUAL EXPECTED
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else
		fail "$1" "expected: $3" "actual:   $2"
	fi
}

# expect_match NAME TEXT REGEX
expect_match() {
	if printf '%s' "$2" | grep -Eq -- "$3"; then pass "$1"; else fail "$1: no match for /$3/" "in: $2"; fi
}

# zh_catalogue: the Chinese catalogue compiled from po/zh_CN.po as it is now
# into $T_TMP/locale, where YINGJI_LOCALEDIR=$T_TMP/locale finds it without
# installing; false when msgfmt (gettext) is missing.
zh_catalogue() {
	mkdir -p "$T_TMP/locale/zh_CN/LC_MESSAGES" && command -v msgfmt >/dev/null 2>&1 &&
		msgfmt -o "$T_TMP/locale/zh_CN/LC_MESSAGES/yingji.mo" "$top_srcdir/po/zh_CN.po"
}

# expect_diags NAME EXPECT GOT OUTFILE: a corpus case.  EXPECT is a file holding
# "# exit N" and then exactly the stderr expected; GOT is the stderr the last
# run printed (its exit in $RC); OUTFILE, what it printed on stdout, must be empty.
expect_diags() {
	local want_rc want
	want_rc=$(sed -n '1s/^# exit //p' "$2")
	want=$(sed '1d' "$2")
	if [ "$RC" -ne "$want_rc" ]; then
		fail "$1: exit $RC, expected $want_rc" "$3"
	elif [ "$3" != "$want" ]; then
		fail "$1: diagnostics differ" "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$3"))"
	elif [ -s "$4" ]; then
		fail "$1: printed on standard output" "$(cat "$4")"
	else
		pass "$1"
	fi
}

finish() {
	printf '%d passed, %d failed\n' "$T_PASS" "$T_FAIL"
	[ "$T_FAIL" -eq 0 ] && [ "$T_PASS" -gt 0 ]
	exit $?
}
