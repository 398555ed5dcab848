#!/bin/bash
# Several officers at once (BRIEF "Several officers"): an entry written by the
# command line, or by a second console, appears on an open console within a
# second; and a console left alone costs next to no CPU (it sleeps in the
# terminal read, waking every 250 ms to ask SQLite whether anything changed).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux-lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
unset YINGJI_NOW NO_COLOR LANGUAGE

YINGJI_OPERATOR=张三 "$YINGJI" new --title "门户网站被篡改" discovered_at="2026-11-22 10:00" >/dev/null

start a 80 24 "YINGJI_OPERATOR=张三 $YINGJI"
start b 80 24 "YINGJI_OPERATOR=李四 $YINGJI"
expect_screen a "console A shows the board" "门户网站被篡改"
expect_screen b "console B shows the board" "门户网站被篡改"
keys a Enter
keys b Enter
expect_screen a "console A opens the incident" "Timeline"
expect_screen b "console B opens the incident" "Timeline"

# The command line writes; both consoles show it within a second.
YINGJI_OPERATOR=王五 "$YINGJI" log 1 "命令行写入的记录" >/dev/null
if wait_for a "命令行写入的记录" 1; then
	pass "a CLI note shows on console A within a second (${WAITED_MS} ms)"
else
	fail "a CLI note shows on console A within a second" "$(screen a)"
fi
if wait_for b "命令行写入的记录" 1; then
	pass "a CLI note shows on console B within a second (${WAITED_MS} ms)"
else
	fail "a CLI note shows on console B within a second" "$(screen b)"
fi

# Console A records a note; console B shows it within a second, with who wrote it.
keys a n
expect_screen a "the note prompt opens" "Note for the timeline"
keys a -l "控制台甲的记录"
keys a Enter
expect_screen a "console A records the note" "recorded \(entry [0-9]+\)"
if wait_for b "张三 +note: 控制台甲的记录" 1; then
	pass "console A's note shows on console B within a second, by 张三 (${WAITED_MS} ms)"
else
	fail "console A's note shows on console B within a second" "$(screen b)"
fi
# And the other way round: a tick on B reaches A.
keys b Space
expect_screen b "console B ticks an item" "recorded \(entry [0-9]+\)"
if wait_for a "李四 +ticked:" 1; then
	pass "console B's tick shows on console A within a second (${WAITED_MS} ms)"
else
	fail "console B's tick shows on console A within a second" "$(screen a)"
fi
keys a Q
keys b Q

# ---- idle CPU: a console on the real clock, left alone for 3 seconds ----
start idle 80 24 "sh -c 'echo \$\$ >\"$T_TMP/idle.pid\"; exec \"$YINGJI\"'"
expect_screen idle "the idle console shows the board" "门户网站被篡改"
keys idle Enter
expect_screen idle "the idle console shows the incident" "Timeline"
pid=$(cat "$T_TMP/idle.pid")
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
start_ms=$(now_ms)
# The one wait that is not for something on the screen: the point is to wait.
while [ $(($(now_ms) - start_ms)) -lt 3000 ]; do sleep 0.5; done
used=$(($(cpu) - before))
hz=$(getconf CLK_TCK)
if [ "$used" -le $((hz / 10)) ]; then
	pass "idle for 3 s the console used $used/$hz s of CPU"
else
	fail "idle for 3 s the console used $used/$hz s of CPU (more than 0.1 s)"
fi
keys idle Q

finish
