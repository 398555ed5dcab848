#!/bin/bash
# `yingji replay ID` in a real terminal: it plays the demo incident at ×3600
# to its end on the real clock (long gaps cut to 3 s each), pauses and stays
# put, steps back, sleeps between steps and while paused (CPU near zero),
# and q leaves the terminal as it found it (`stty -a` as before, exit 0).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux-lib.sh"

export YINGJI_DB="$T_TMP/yingji.db" YINGJI_OPERATOR=周评审 TZ=CST-8
unset YINGJI_NOW NO_COLOR LANGUAGE
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
id=$("$YINGJI" demo "$top_srcdir/data/demo/lucheng-demo.yaml" 2>/dev/null)
n=$("$YINGJI" show "$id" --json | jq -r '.head.seq')
dir="$T_TMP/r"
mkdir -p "$dir"

start r 80 24 "stty -a >'$dir/before'; sh -c 'echo \$\$ >\"$dir/pid\"; exec \"$YINGJI\" replay $id --speed 3600'; echo \$? >'$dir/rc'; stty -a >'$dir/after'; echo done >'$dir/done'"
expect_screen r "the replay opens, playing at ×3600" "REPLAY  [0-9]+/$n │ .* │ ×3600 │ ▶ playing"
pid=$(cat "$dir/pid")
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(cpu)

# Two gaps of days in the demo: 3 s each, the rest in moments.
if wait_for r "REPLAY  $n/$n │ .* │ ×3600 │ ■ at the end" 40; then
	pass "it plays to the end in ${WAITED_MS} ms"
else
	fail "it plays to the end within 40 s" "$(screen r)"
fi
used=$(($(cpu) - before))
if [ "$used" -le $((hz / 2)) ]; then
	pass "playing to the end used $used/$hz s of CPU"
else
	fail "playing to the end used $used/$hz s of CPU (more than 0.5 s)"
fi
expect_screen r "the end: the incident is closed" "closed \(read-only\)"

# From the start again, then pause: the position stays where it was.
keys r 0
expect_screen r "0 goes to the first entry" "REPLAY  1/$n │"
keys r -
keys r -
keys r -
expect_screen r "slower: ×10" "×10 │ ‖ paused"
keys r Space
expect_screen r "Space plays" "×10 │ ▶ playing"
expect_screen r "it moves on" "REPLAY  [2-9]/$n │"
keys r Space
expect_screen r "Space pauses" "‖ paused"
at=$(screen r | sed -n "s/.*REPLAY  \([0-9]*\)\/$n .*/\1/p")
before=$(cpu)
start_ms=$(now_ms)
# The one wait that is not for something on the screen: the point is to wait.
while [ $(($(now_ms) - start_ms)) -lt 2000 ]; do sleep 0.5; done
used=$(($(cpu) - before))
expect_screen r "paused for 2 s it stays at entry $at" "REPLAY  $at/$n │ .* ‖ paused"
if [ "$used" -le $((hz / 10)) ]; then
	pass "paused for 2 s the replay used $used/$hz s of CPU"
else
	fail "paused for 2 s the replay used $used/$hz s of CPU (more than 0.1 s)"
fi
keys r Left
expect_screen r "Left steps back to entry $((at - 1))" "REPLAY  $((at - 1))/$n │ .* ‖ paused"
keys r Right
keys r Right
expect_screen r "Right steps forward to entry $((at + 1))" "REPLAY  $((at + 1))/$n │"

# What would write is refused; q leaves, and the terminal is as it was.
keys r n
expect_screen r "a note is refused" "replay is read-only"
keys r q
if wait_file "$dir/done" 5; then
	expect_eq "q leaves the replay: exit status 0" "$(cat "$dir/rc")" 0
	if diff "$dir/before" "$dir/after" >"$dir/diff"; then
		pass "stty -a is as before"
	else
		fail "stty -a is as before" "$(cat "$dir/diff")"
	fi
else
	fail "q leaves the replay" "$(screen r)"
fi
expect_eq "nothing was recorded" "$("$YINGJI" show "$id" --json | jq -r '.head.seq')" "$n"

finish
