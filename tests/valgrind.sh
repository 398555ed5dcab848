#!/bin/bash
# No leaks or memory errors in `playbook check` over every shipped playbook,
# the whole broken corpus and the local contacts files.  Needs valgrind (CI
# installs it); without it the test says so and fails, unless
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
finish
