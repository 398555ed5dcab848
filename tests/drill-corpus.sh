#!/bin/bash
# The broken-scenario corpus: each tests/corpus/drill/NAME.yaml has NAME.expect
# holding exactly what `yingji drill check` prints to stderr, and the exit code
# on its first line as "# exit N".  The files run on the 潞城 plan, found as the
# default playbook; a folder that depends on where yingji is installed is
# written $(pkgdatadir) in the expectations.
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1

export YINGJI_PLAYBOOK=playbooks/lucheng-2017.yaml
export TZ=CST-8

n=0
for f in tests/corpus/drill/*.yaml; do
	exp=${f%.yaml}.expect
	name=$(basename "$f" .yaml)
	if [ ! -f "$exp" ]; then fail "$name: no $exp"; continue; fi
	want_rc=$(sed -n '1s/^# exit //p' "$exp")
	want=$(sed '1d' "$exp")
	timeout 20 "$YINGJI" drill check "$f" >"$T_TMP/out" 2>"$T_TMP/err"; RC=$?
	got=$(sed -E 's#[^ ,()]*/share/yingji/playbooks#$(pkgdatadir)/playbooks#g' "$T_TMP/err")
	if [ "$RC" -ne "$want_rc" ]; then
		fail "$name: exit $RC, expected $want_rc" "$got"
	elif [ "$got" != "$want" ]; then
		fail "$name: diagnostics differ" "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"
	elif [ -s "$T_TMP/out" ]; then
		fail "$name: drill check printed on standard output" "$(cat "$T_TMP/out")"
	else
		pass "$name"
	fi
	n=$((n + 1))
done

# Several files in one run: every file is checked, and the worst exit wins.
run drill check data/drills/lucheng-port-scan.yaml tests/corpus/drill/no-such-file.yaml
expect_rc "a missing file among valid ones exits 66" 66
run drill check tests/corpus/drill/no-such-file.yaml tests/corpus/drill/bad-answer.yaml \
	data/drills/lucheng-port-scan.yaml
expect_rc "an invalid file outranks a missing one" 65
expect_match "the missing file is reported" "$ERR" "no-such-file.yaml: error: cannot open"
expect_match "and so is the invalid one" "$ERR" "bad-answer.yaml:12:12: error"
run drill check
expect_rc "drill check without a FILE is a usage error" 64

# Generated, not committed: a scenario with 1001 injects and a demo script with
# 1001 steps are refused at the list, quickly.
big="$T_TMP/many-injects.yaml"
{ sed -n '1,10p' tests/corpus/drill/unknown-field.yaml; echo "injects:"
	for i in $(seq 1 1001); do echo "  - {id: i$i, at: ${i}m, message: m}"; done; } >"$big"
timeout 20 "$YINGJI" drill check "$big" >/dev/null 2>"$T_TMP/err"; RC=$?
expect_rc "1001 injects" 65
expect_eq "1001 injects: one error, at the list" "$(cat "$T_TMP/err")" \
	"$big:12:3: error: 'injects' has 1001 items; a scenario has at most 1000"
big="$T_TMP/many-steps.yaml"
{ sed -n '1,10p' tests/corpus/drill/demo-not-closed.yaml
	for i in $(seq 1 999); do echo "  - {at: ${i}m, note: n}"; done; } >"$big"
timeout 20 "$YINGJI" drill check "$big" >/dev/null 2>"$T_TMP/err"; RC=$?
expect_rc "1001 steps" 65
expect_eq "1001 steps: refused at the list" "$(head -1 "$T_TMP/err")" \
	"$big:7:3: error: 'steps' has 1001 items; a demo script has at most 1000"

# No leak or memory error over the whole corpus and the shipped files.
if [ -n "${VALGRIND:-}" ] && [ -x "$VALGRIND" ]; then
	"$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
		--error-exitcode=99 "$YINGJI" drill check tests/corpus/drill/*.yaml data/drills/*.yaml \
		data/demo/*.yaml >/dev/null 2>"$T_TMP/vg"
	RC=$?
	if [ "$RC" -eq 65 ]; then pass "valgrind: drill check over the corpus (exit 65, no memory errors)"
	else fail "valgrind: drill check over the corpus: exit $RC" "$(grep '^==' "$T_TMP/vg" | head -20)"; fi
else
	echo "SKIP: valgrind is not installed; drill check is not run under it"
fi

if [ "$n" -ge 20 ]; then pass "corpus has $n broken scenarios and demo scripts (at least 20)"; else
	fail "corpus has only $n broken files (need at least 20)"; fi
finish
