#!/bin/bash
# The broken-playbook corpus: each tests/corpus/playbook/NAME.yaml has NAME.expect
# holding exactly what `yingji playbook check` prints to stderr, and the exit code
# on its first line as "# exit N".
. "$top_srcdir/tests/lib.sh"
cd "$top_srcdir" || exit 1

n=0
for f in tests/corpus/playbook/*.yaml; do
	exp=${f%.yaml}.expect
	name=$(basename "$f" .yaml)
	if [ ! -f "$exp" ]; then fail "$name: no $exp"; continue; fi
	want_rc=$(sed -n '1s/^# exit //p' "$exp")
	want=$(sed '1d' "$exp")
	timeout 20 "$YINGJI" playbook check "$f" >/dev/null 2>"$T_TMP/err"; RC=$?
	got=$(cat "$T_TMP/err")
	if [ "$RC" -ne "$want_rc" ]; then
		fail "$name: exit $RC, expected $want_rc" "$got"
	elif [ "$got" != "$want" ]; then
		fail "$name: diagnostics differ" "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))"
	else
		pass "$name"
	fi
	n=$((n + 1))
done
# A file over 1 MiB is refused before it is parsed.  Generated, not committed:
# a valid playbook padded with comments to just past the limit.
big="$T_TMP/too-big.yaml"
{ cat playbooks/lucheng-2017.yaml; yes '# padding padding padding padding padding padding padding' |
	head -c 1100000; } >"$big"
timeout 20 "$YINGJI" playbook check "$big" >/dev/null 2>"$T_TMP/err"; RC=$?
got=$(cat "$T_TMP/err")
want="$big: error: file is larger than 1048576 bytes; refusing it"
if [ "$RC" -ne 65 ]; then fail "too-big (generated): exit $RC, expected 65" "$got"
elif [ "$got" != "$want" ]; then fail "too-big (generated): diagnostics differ" "expected: $want" "actual:   $got"
else pass "too-big (generated)"; fi

if [ "$n" -ge 30 ]; then pass "corpus has $n broken playbooks (at least 30)"; else
	fail "corpus has only $n broken playbooks (need at least 30)"; fi
finish
