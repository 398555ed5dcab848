#!/bin/bash
# Nothing lost, nothing rewritten: tampering behind yingji's back is detected by
# `verify` (and a truncated journal by the head pin); kill -9 during writes and
# concurrent writers lose nothing that was acknowledged.
. "$top_srcdir/tests/lib.sh"

export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8

if [ -z "${SQLITE3:-}" ] || ! [ -x "$SQLITE3" ]; then
	fail "the sqlite3 shell is needed (apt-get install sqlite3)"; finish
fi

# A fresh database with one incident of `n` notes; prints nothing.
fresh() {
	export YINGJI_DB="$T_TMP/$1.db"
	rm -f "$YINGJI_DB"*
	export YINGJI_NOW="2026-11-22 10:00"
	"$YINGJI" new --title "篡改测试" >/dev/null
	for i in 1 2 3 4 5; do "$YINGJI" log 1 "note $i" >/dev/null; done
	"$YINGJI" new --title "第二起" >/dev/null
	unset YINGJI_NOW
}
# sql STATEMENTS: run in the sqlite3 shell with the triggers dropped first.
sql() {
	local drops
	drops=$("$SQLITE3" "$YINGJI_DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type='trigger'")
	"$SQLITE3" "$YINGJI_DB" "$drops $1" 2>&1
}

fresh intact
run verify
expect_rc "untouched: verify" 0
expect_match "untouched: counts entries" "$OUT" "^ok: 7 entries, hash chain intact$"
out=$("$SQLITE3" "$YINGJI_DB" "UPDATE journal SET operator='x' WHERE seq=2" 2>&1)
expect_match "the journal refuses UPDATE" "$out" "append-only"
out=$("$SQLITE3" "$YINGJI_DB" "DELETE FROM journal WHERE seq=2" 2>&1)
expect_match "the journal refuses DELETE" "$out" "append-only"

fresh edit
sql "UPDATE journal SET payload=replace(payload,'note 3','note X') WHERE incident=1 AND seq=4;"
run verify
expect_rc "edited payload" 1
expect_match "names the edited entry" "$OUT" "incident 1 entry 4"

fresh operator
sql "UPDATE journal SET operator='李四' WHERE incident=1 AND seq=2;"
run verify 1
expect_rc "edited operator (verify ID)" 1
expect_match "names it" "$OUT" "incident 1 entry 2"

fresh delete
sql "DELETE FROM journal WHERE incident=1 AND seq=3;"
run verify
expect_rc "deleted entry" 1
expect_match "names the gap" "$OUT" "incident 1 entry 4"

fresh insert
sql "INSERT INTO journal SELECT incident, 7, ts_ms, operator, kind, payload, prev, hash FROM journal WHERE incident=1 AND seq=6; UPDATE journal SET seq=100 WHERE incident=1 AND seq=7; INSERT INTO journal SELECT incident, 7, ts_ms, operator, kind, replace(payload,'note 5','forged'), hash, hash FROM journal WHERE incident=1 AND seq=6; DELETE FROM journal WHERE seq=100;"
run verify
expect_rc "inserted entry" 1
expect_match "names the forged entry" "$OUT" "incident 1 entry 7"

fresh reorder
sql "UPDATE journal SET seq=-1 WHERE incident=1 AND seq=3; UPDATE journal SET seq=3 WHERE incident=1 AND seq=4; UPDATE journal SET seq=4 WHERE incident=1 AND seq=-1;"
run verify
expect_rc "reordered entries" 1
expect_match "names the first misplaced entry" "$OUT" "incident 1 entry 3"

fresh truncate-middle
sql "DELETE FROM journal WHERE incident=1 AND seq IN (3,4);"
run verify
expect_rc "truncated in the middle" 1

# Cutting off the newest entries leaves a valid chain: the head pin shows it.
fresh truncate-tail
pin=$("$YINGJI" export 1 | sed -n 's/^journal head //p')
expect_match "exports print the head pin" "$pin" "^6:[0-9a-f]{64}$"
run verify 1 --head "$pin"
expect_rc "pin held" 0
sql "DELETE FROM journal WHERE incident=1 AND seq=6;"
run verify 1
expect_rc "a cut tail still chains (documented limit)" 0
run verify 1 --head "$pin"
expect_rc "the head pin detects the cut" 1
expect_match "says the pinned entry is gone" "$OUT" "pinned entry 6 is gone"

# A rewritten chain (recomputed hashes) is caught by the pin too.
fresh rewrite
pin=$("$YINGJI" export 1 | sed -n 's/^journal head //p')
sql "DELETE FROM journal WHERE incident=1 AND seq>=5;"
export YINGJI_NOW="2026-11-22 10:00"
"$YINGJI" log 1 "note 4b" >/dev/null; "$YINGJI" log 1 "note 5b" >/dev/null
unset YINGJI_NOW
run verify 1
expect_rc "a rewritten tail chains" 0
run verify 1 --head "$pin"
expect_rc "the head pin detects the rewrite" 1
expect_match "says the record was rewritten" "$OUT" "no longer has the pinned hash"

# Backup: a consistent, verifiable copy, private to its owner.
fresh backup
run backup "$T_TMP/copy.db"
expect_rc "backup" 0
expect_eq "backup is 0600" "$(stat -c %a "$T_TMP/copy.db")" "600"
YINGJI_DB="$T_TMP/copy.db" run verify
expect_rc "the backup verifies" 0
run backup "$T_TMP/copy.db"
expect_rc "backup refuses to overwrite" 64

# kill -9 during writes: every acknowledged note is there afterwards.
export YINGJI_DB="$T_TMP/crash.db"
rm -f "$YINGJI_DB"*
"$YINGJI" new --title "崩溃测试" >/dev/null
acked="$T_TMP/acked"
: > "$acked"
seed=${YJ_SEED:-20261122}
RANDOM=$seed
echo "crash test seed $seed"
for round in $(seq 1 60); do
	( for i in $(seq 1 1000); do
		"$YINGJI" log 1 "r$round-$i" >/dev/null && echo "r$round-$i" >> "$acked" || exit 0
	  done ) &
	writer=$!
	disown "$writer"	# no "Killed" job report: the kill is the point
	sleep "0.0$((RANDOM % 9 + 1))"
	kill -9 -- "$writer" 2>/dev/null
	pkill -9 -f "yingji log 1 r$round-" 2>/dev/null
	for _ in $(seq 1 500); do kill -0 "$writer" 2>/dev/null || break; sleep 0.01; done
done
run verify
expect_rc "after 60 kill -9: the chain verifies" 0
have=$("$YINGJI" export 1 --report timeline --format json | jq -r '.timeline[].payload.text // empty' | sort)
missing=$(sort "$acked" | comm -23 - <(printf '%s\n' "$have"))
expect_eq "after 60 kill -9: no acknowledged note is missing ($(wc -l < "$acked") acknowledged)" "$missing" ""

# Four writers at once, 250 notes each: 1000 notes, a valid chain, no error shown.
export YINGJI_DB="$T_TMP/concurrent.db"
rm -f "$YINGJI_DB"*
"$YINGJI" new --title "并发测试" >/dev/null
for w in 1 2 3 4; do
	( errs=0; for i in $(seq 1 250); do
		"$YINGJI" log 1 "w$w-$i" >/dev/null 2>>"$T_TMP/errors-$w" || errs=$((errs + 1))
	  done; exit $errs ) &
	pids="${pids:-} $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
expect_eq "no writer saw an error" "$fails$(cat "$T_TMP"/errors-* 2>/dev/null)" "0"
expect_eq "1000 notes and the report" "$("$YINGJI" show 1 --json | jq .head.seq)" "1001"
run verify
expect_rc "concurrent writes: the chain verifies" 0
finish
