#!/bin/bash
# Every error path of the incident commands: its exit code, one clear line on
# stderr, and nothing already recorded lost or changed.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8 YINGJI_NOW="2026-11-22 10:00"

one_line() { # NAME: stderr is exactly one line starting "yingji: "
	if [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && [[ "$ERR" == "yingji: "* ]]; then
		pass "$1: one error line"; else fail "$1: expected one 'yingji:' line" "$ERR"; fi
}

run show 1
expect_rc "no database yet" 66
expect_match "says where and what to do" "$ERR" "no database at .*yingji.db \(take a report first"
run list
expect_rc "list without a database is empty" 0
expect_eq "nothing listed" "$OUT" ""

run new --title "测试" discovered_at="2026-11-22 09:58"
id=$OUT
expect_eq "first id" "$id" "1"

run show 42
expect_rc "unknown incident" 66
expect_eq "unknown incident message" "$ERR" "yingji: no incident 42 (see 'yingji list --all')"
run log 42 hello
expect_rc "log to an unknown incident" 66
run show abc
expect_rc "non-numeric id" 64
run set $id affected_people=abc
expect_rc "bad field value" 65
expect_eq "bad value message" "$ERR" "yingji: affected_people must be a whole number, not 'abc'"
run set $id affected_peple=5
expect_rc "unknown field" 65
expect_eq "unknown field hint" "$ERR" "yingji: unknown field 'affected_peple' (did you mean 'affected_people'?)"
run set $id discovered_at=tomorrow
expect_rc "bad time" 65
one_line "bad time"
run set $id novalue
expect_rc "not FIELD=VALUE" 64
run tick $id no-such-item
expect_rc "unknown checklist item" 65
expect_match "lists the phase's items" "$ERR" "phase 'report' has no checklist item 'no-such-item'; its items: report-office, report-city-gov"
run tick $id learn
expect_rc "item of another phase" 65
expect_eq "names its phase" "$ERR" "yingji: checklist item 'learn' belongs to phase 'triage', not to the current phase 'report'"
run tick $id report-office --skip
expect_rc "skip without reason" 65
run tick $id report-office --undo
expect_rc "untick an open item" 65
run advance $id nowhere
expect_rc "unknown decision" 65
expect_match "lists decisions" "$ERR" "phase 'report' has no decision 'nowhere'; choose one of: submitted"
run level $id V
expect_rc "unknown level" 65
run notify $id nobody
expect_rc "unknown contact" 65
run notify $id hq-line --channel pigeon
expect_rc "unknown channel" 65
run notify $id hq-line --ack
expect_rc "ack before notification" 65
run assign $id nobody 李四
expect_rc "unknown role" 65
run log $id ""
expect_rc "empty note" 65
run export $id --format pdf
expect_rc "unknown format" 64
run new --title "   "
expect_rc "blank title" 65
run new discovered_at=x
expect_rc "new without --title" 64
run --playbook "$T_TMP/none.yaml" new --title x
expect_rc "missing playbook" 66
printf 'yingji_playbook: 1\nplan: {id: x}\n' > "$T_TMP/bad.yaml"
run --playbook "$T_TMP/bad.yaml" new --title x
expect_rc "invalid playbook" 65
expect_match "playbook diagnostics with positions" "$ERR" "bad.yaml:2:7: error: "
run verify --head 1:abc 1
expect_rc "malformed pin" 64
run --db "$T_TMP" show 1
expect_rc "a directory as database" 69
one_line "a directory as database"

before=$(sha256sum "$YINGJI_DB" | cut -d' ' -f1)
n_before=$("$YINGJI" show $id --json | jq .head.seq)
expect_eq "refusals recorded nothing" "$n_before" "1"

# A file that is not a database: a clear message, and the file untouched.
printf 'just some text\n' > "$T_TMP/notes.txt"
cp "$T_TMP/notes.txt" "$T_TMP/notes.orig"
run --db "$T_TMP/notes.txt" log 1 hello
expect_rc "not a database" 65
expect_match "says it is not a yingji database" "$ERR" "not a yingji database|not an SQLite database|not a database"
one_line "not a database"
if cmp -s "$T_TMP/notes.txt" "$T_TMP/notes.orig"; then pass "the text file is unchanged"; else
	fail "the text file was changed"; fi

# A read-only database (for a user who cannot write it).
if command -v setpriv >/dev/null && [ "$(id -u)" -eq 0 ]; then
	chmod 0755 "$T_TMP"; chmod 0644 "$YINGJI_DB"
	ro() { OUT=$(setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/ "$YINGJI" "$@" 2>"$T_TMP/stderr"); RC=$?; ERR=$(cat "$T_TMP/stderr"); }
	ro log $id "from nobody"
	if [ "$RC" -eq 69 ] || [ "$RC" -eq 65 ]; then pass "read-only database refused (exit $RC)"; else
		fail "read-only database: exit $RC" "$ERR"; fi
	one_line "read-only database"
	expect_match "read-only message" "$ERR" "read-only|readonly|cannot be written|unable to open"
	chmod 0600 "$YINGJI_DB"; chmod 0700 "$T_TMP"
else
	fail "read-only test needs root and setpriv (util-linux)"
fi
after=$(sha256sum "$YINGJI_DB" | cut -d' ' -f1)
run verify
expect_rc "database still verifies" 0
expect_eq "still one entry" "$("$YINGJI" show $id --json | jq .head.seq)" "1"
finish
