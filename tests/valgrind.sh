#!/bin/bash
# No leaks or memory errors in `playbook check` over every shipped playbook and
# the whole broken corpus, the bulletin, the console's bindings file, the
# generated KEY BINDINGS section and the local contacts files.  Needs valgrind
# (CI installs it); without it the test says so and fails, unless
# YJ_ALLOW_NO_VALGRIND=1 is set by hand.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1

if [ -z "${VALGRIND:-}" ] || ! [ -x "$VALGRIND" ]; then
	if [ "${YJ_ALLOW_NO_VALGRIND:-0}" = 1 ]; then
		echo "SKIP: valgrind is not installed (apt-get install valgrind)"; exit 77
	fi
	fail "valgrind is not installed (apt-get install valgrind)"; finish
fi

vg() {
	"$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$YINGJI" "$@" >/dev/null 2>"$T_TMP/vg"
	RC=$?
	ERR=$(cat "$T_TMP/vg")
}

vg playbook check playbooks/*.yaml
expect_rc "valgrind: shipped playbooks" 0
vg playbook show playbooks/lucheng-2017.yaml
expect_rc "valgrind: playbook show" 0
vg playbook check tests/corpus/playbook/*.yaml
if [ "$RC" -eq 65 ]; then pass "valgrind: broken corpus (exit 65, no memory errors)"; else
	fail "valgrind: broken corpus exit $RC" "$ERR"; fi
YINGJI_PLAYBOOK=playbooks/lucheng-2017.yaml vg playbook check tests/corpus/contacts/*.yaml \
	tests/screen/contacts-local.yaml
if [ "$RC" -eq 65 ]; then pass "valgrind: local contacts files (exit 65, no memory errors)"; else
	fail "valgrind: local contacts files exit $RC" "$ERR"; fi
vg --help
expect_rc "valgrind: --help" 0
vg tui --man-keys
expect_rc "valgrind: tui --man-keys" 0
printf 'bind board r new-report\nbind nowhere x quit\nunbind board\n' >"$T_TMP/bad.keys"
YINGJI_KEYS="$T_TMP/bad.keys" YINGJI_DB="$T_TMP/k.db" vg tui --script /dev/null
expect_rc "valgrind: a bad bindings file" 65

export YINGJI_DB="$T_TMP/yingji.db" YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_NOW="2026-11-22 10:05" YINGJI_OPERATOR=张三
"$YINGJI" new --title 门户网站被篡改 discovered_at="2026-11-22 10:00" place=机房 >/dev/null &&
	"$YINGJI" tick 1 report-office >/dev/null &&
	"$YINGJI" notify 1 office-duty --channel phone >/dev/null ||
	fail "valgrind: set up an incident for the bulletin"
for f in txt md json; do
	vg export 1 --report bulletin --format $f
	expect_rc "valgrind: export --report bulletin --format $f" 0
done
finish
