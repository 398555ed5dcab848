#!/bin/bash
# `yingji replay ID`: its errors, and what the replay console shows at an
# entry (headless, --script) against `yingji show --json --at SEQ` for the
# same entry of the shipped demo incident: the position, the entry's time,
# the phase, the level and whether the incident is closed, stepping forward
# from the start, back from the end, by phase, and played to the end.
. "$top_srcdir/tests/lib.sh"

export TZ=CST-8 LC_ALL=C.UTF-8 YINGJI_NOW="2026-11-22 10:05" YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_OPERATOR=周评审 YINGJI_SCREEN=100x30
unset LANGUAGE NO_COLOR
cd "$T_TMP" || exit 1

export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
run demo "$top_srcdir/data/demo/lucheng-demo.yaml"
expect_rc "the demo incident is imported" 0
id=$OUT
run show "$id" --json
n=$(printf '%s' "$OUT" | jq -r '.head.seq')
expect_match "the demo journal is long enough to replay" "$n" '^[0-9]{2,}$'

# ---- errors ----
run replay 999
expect_rc "an unknown incident" 66
expect_match "it is named" "$ERR" '^yingji: no incident 999'
for bad in 0 -5 abc 86401 1.5 ""; do
	run replay "$id" --speed "$bad" --script /dev/null
	expect_rc "--speed '$bad' is refused" 64
done
run replay "$id" --speed
expect_rc "--speed needs a value" 64
run replay
expect_rc "no incident id" 64
run replay "$id" "$id"
expect_rc "two incident ids" 64
run replay "$id" </dev/null
expect_rc "no terminal" 64
expect_match "no terminal: it points at show --at" "$ERR" \
	"^yingji: the replay needs a terminal; 'yingji show $id --at SEQ' shows"
run replay "$id" --speed 86400 --script /dev/null
expect_rc "the fastest speed is taken" 0

# ---- what the console shows, against show --at ----

# screen KEYS...: run the replay with these script lines, print the last screen.
screen() {
	printf '%s\n' "$@" ':screen' ':end' >"$T_TMP/script"
	"$YINGJI" replay "$id" --script "$T_TMP/script" >"$T_TMP/out" 2>"$T_TMP/err" || {
		fail "replay --script $*" "$(cat "$T_TMP/err")"
		return 1
	}
	awk '/^:screen$/ { s = ""; inside = 1; next } /^:end$/ { inside = 0 } inside { s = s $0 "\n" }
	     END { printf "%s", s }' "$T_TMP/out"
}

# compare WHAT SEQ SCREEN: the screen shows entry SEQ as show --at SEQ prints it.
compare() {
	local what=$1 seq=$2 shot=$3 json banner header want_time shown_time phase level
	json=$("$YINGJI" show "$id" --json --at "$seq")
	banner=$(printf '%s\n' "$shot" | grep 'REPLAY')
	header=$(printf '%s\n' "$shot" | sed -n 2p)
	expect_match "$what: the banner says $seq/$n" "$banner" "REPLAY  $seq/$n "
	want_time=$(date -d "$(printf '%s' "$json" | jq -r '.now')" '+%Y-%m-%d %H:%M:%S')
	shown_time=$(printf '%s' "$banner" | sed -n 's/.*│ \([0-9-]* [0-9:]*\) │.*/\1/p')
	expect_eq "$what: entry $seq's time" "$shown_time" "$want_time"
	phase=$(printf '%s' "$json" | jq -r '.phase.title')
	expect_match "$what: phase $phase" "$header" "^ #$id  $phase "
	level=$(printf '%s' "$json" | jq -r '.level.confirmed.label // "level unconfirmed"')
	expect_match "$what: level $level" "$header" "  $level "
	if [ "$(printf '%s' "$json" | jq -r '.closed')" = true ]; then
		expect_match "$what: closed" "$header" "closed \\(read-only\\)"
	else
		expect_match "$what: not closed" "$header" "elapsed "
	fi
}

# Paused at the start, then stepping forward one entry at a time.
steps=("<Space>")
for seq in 1 2 5 14 24 30; do
	while [ "${#steps[@]}" -lt "$seq" ]; do steps+=("."); done
	compare "forward" "$seq" "$(screen "${steps[@]}")"
done
# From the end, stepping back.
compare "the end" "$n" "$(screen '<Space>' '$')"
compare "back from the end" "$((n - 3))" "$(screen '<Space>' '$' '<Left>' ',' '<Left>')"
# Phase starts: each ] lands on the entry that entered a phase.
starts=$(for s in $(seq 2 "$n"); do
	a=$("$YINGJI" show "$id" --json --at "$((s - 1))" | jq -r '.phase.id')
	b=$("$YINGJI" show "$id" --json --at "$s" | jq -r '.phase.id')
	[ "$a" != "$b" ] && echo "$s"
done)
first=$(printf '%s\n' "$starts" | sed -n 1p)
second=$(printf '%s\n' "$starts" | sed -n 2p)
compare "next phase" "$first" "$(screen '<Space>' ']')"
compare "next phase twice" "$second" "$(screen '<Space>' ']' ']')"
compare "previous phase" "$first" "$(screen '<Space>' ']' ']' '.' '[' '[')"
# Played at ×3600 until it stops: at the end, the incident closed.
shot=$(screen '+' '+' ':time +5m' ':time +5m' ':time +5m' ':time +5m' ':time +5m' ':time +5m')
compare "played to the end" "$n" "$shot"
expect_match "played to the end: it stops there" "$(printf '%s\n' "$shot" | grep REPLAY)" \
	"×3600 │ ■ at the end"

# Every entry, forward from the first and back from the last, in one console
# each: the banner's position and time, the phase, the level and whether it
# is closed are what show --json --at says of that entry.
declare -A want
for seq in $(seq 1 "$n"); do
	want[$seq]=$("$YINGJI" show "$id" --json --at "$seq" |
		jq -r '"\(.now)\t\(.phase.title)\t\(.level.confirmed.label // "level unconfirmed")\t\(.closed)"')
done
# walk NAME FIRST-KEY STEP-KEY: dump the screen at every entry; check each.
walk() {
	local name=$1 bad=0 seen=0 shot pos at phase level closed got
	local -a lines=('<Space>' "$2")
	for _ in $(seq 1 "$n"); do lines+=(':screen' ':end' "$3"); done
	printf '%s\n' "${lines[@]}" >"$T_TMP/script"
	"$YINGJI" replay "$id" --script "$T_TMP/script" >"$T_TMP/out" 2>&1
	while IFS= read -r -d $'\f' shot; do
		pos=$(printf '%s\n' "$shot" | sed -n 's/^ REPLAY  \([0-9]*\)\/[0-9]* │.*/\1/p')
		[ -n "$pos" ] || continue
		seen=$((seen + 1))
		IFS=$'\t' read -r at phase level closed <<<"${want[$pos]}"
		at=$(date -d "$at" '+%Y-%m-%d %H:%M:%S')
		got=$(printf '%s\n' "$shot" | sed -n 2p)
		if ! printf '%s\n' "$shot" | grep -q "^ REPLAY  $pos/$n │ $at │" ||
			! printf '%s' "$got" | grep -q "^ #$id  $phase .*  $level " ||
			{ [ "$closed" = true ] && ! printf '%s' "$got" | grep -q 'closed (read-only)'; } ||
			{ [ "$closed" = false ] && ! printf '%s' "$got" | grep -q 'elapsed '; }; then
			bad=$((bad + 1))
			[ "$bad" -le 3 ] && printf 'entry %s: want %s | %s | %s | %s\n%s\n' "$pos" "$at" \
				"$phase" "$level" "$closed" "$shot" >>"$T_TMP/bad-$name"
		fi
	done < <(awk '/^:screen$/ { inside = 1; next } /^:end$/ { inside = 0; printf "\f" }
		      inside' "$T_TMP/out")
	expect_eq "$name: the console showed all $n entries" "$seen" "$n"
	if [ "$bad" -eq 0 ]; then
		pass "$name: every entry shows as show --json --at says"
	else
		fail "$name: $bad entries differ from show --json --at" "$(cat "$T_TMP/bad-$name")"
	fi
}
walk "forward, every entry" 0 .
walk "back, every entry" '$' ,

# Every key the help screen lists under Replay makes the request it names,
# and the replay acts on it (from entry 10, paused, at ×60).
help=$(YINGJI_SCREEN=120x60 screen '<Space>' ']' ']' '?')
rows=$(printf '%s\n' "$help" | sed -n '/│Replay (read-only)/,/│Keys on every screen/p' |
	sed -n 's/^.*│\([^ ].\{19\}\) \([a-z-]\{1,16\}\) \{1,\}replay: .*│.*$/\1\t\2/p')
expect_eq "help lists the replay's ten requests" "$(printf '%s\n' "$rows" | grep -c .)" 10
while IFS=$'\t' read -r keys rq; do
	for k in $keys; do
		printf '%s\n' '<Space>' ']' ']' "$k" ":expect-request $rq" >"$T_TMP/script"
		out=$("$YINGJI" replay "$id" --script "$T_TMP/script" 2>&1)
		if printf '%s\n' "$out" | grep -q '^! '; then
			fail "$k does $rq" "$(printf '%s\n' "$out" | grep '^! ')"
		else
			pass "$k does $rq"
		fi
	done
done <<<"$rows"

finish
