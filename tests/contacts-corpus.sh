#!/bin/bash
# The broken local contacts files (yingji-playbook(5), THE LOCAL CONTACTS FILE):
# each tests/corpus/contacts/NAME.yaml has NAME.expect holding exactly what
# `yingji playbook check` prints to stderr, and the exit code on its first line
# as "# exit N".  They are checked against the 潞城 plan as the playbook in use.
# Git keeps no file modes but the executable bit, so each file is copied and
# made private first (else every one would warn that others can read it), all
# but readable-by-others.yaml, which is there for that warning.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$T_TMP/tests/corpus/contacts"
ln -s "$top_srcdir/playbooks" "$T_TMP/playbooks"
cd "$T_TMP" || exit 1
export YINGJI_PLAYBOOK=playbooks/lucheng-2017.yaml

n=0
for src in "$top_srcdir"/tests/corpus/contacts/*.yaml; do
	name=$(basename "$src" .yaml)
	f=tests/corpus/contacts/$name.yaml
	exp=${src%.yaml}.expect
	if [ ! -f "$exp" ]; then fail "$name: no $exp"; continue; fi
	cp "$src" "$f"
	if [ "$name" = readable-by-others ]; then chmod 644 "$f"; else chmod 600 "$f"; fi
	timeout 20 "$YINGJI" playbook check "$f" >"$T_TMP/out" 2>"$T_TMP/err"; RC=$?
	expect_diags "$name" "$exp" "$(cat "$T_TMP/err")" "$T_TMP/out"
	n=$((n + 1))
done

# Every file is refused by the console and by show as well, before the
# database is opened: one line per problem, exit 65, nothing created.
for name in unknown-contact escape-in-person; do
	YINGJI_CONTACTS=tests/corpus/contacts/$name.yaml YINGJI_DB=$T_TMP/never.db \
		timeout 20 "$YINGJI" tui --script /dev/null >"$T_TMP/out" 2>"$T_TMP/err"; RC=$?
	expect_diags "$name: the console stops with the same diagnostics and exit" \
		"$top_srcdir/tests/corpus/contacts/$name.expect" "$(cat "$T_TMP/err")" "$T_TMP/out"
	if [ -e "$T_TMP/never.db" ]; then fail "$name: the console created the database"; else
		pass "$name: the console touched no database"; fi
done

if [ "$n" -ge 30 ]; then pass "corpus has $n contacts files (at least 30)"; else
	fail "corpus has only $n contacts files (need at least 30)"; fi
finish
