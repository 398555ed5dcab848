#!/bin/bash
# The console in a real terminal (tmux): a live resize from 80x24 to 200x60
# and back, a window too small and its recovery, colours (a true orange for
# 橙色) against NO_COLOR, and the terminal left sane (`stty -a` as before)
# after q and after each signal, with exit status 128+signal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux-lib.sh"

export YINGJI_DB="$T_TMP/yingji.db" YINGJI_OPERATOR=张三
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_NOW="2026-11-22 10:05"
unset NO_COLOR LANGUAGE

"$YINGJI" new --title "门户网站被篡改" discovered_at="2026-11-22 10:00" >/dev/null
"$YINGJI" set 1 outage_duration=2h affected_people=300000 >/dev/null
# Levels are confirmed in their phase; II (橙色) is what the orange test needs.
"$YINGJI" new --title "数据泄露" discovered_at="2026-11-22 09:50" unit_name=市大数据中心 \
	place=机房 info_source=monitoring category=信息破坏事件 economic_loss=0 scope=全市 \
	trend=扩大 handling=处置中 >/dev/null
for step in "tick 2 report-office" "tick 2 report-city-gov" "advance 2" "assign 2 office 张三" \
	"set 2 details=泄露 site_control=已控制" "tick 2 learn" "tick 2 confirm-nature" \
	"advance 2 confirm" "set 2 potential_scope=全市 severity=严重 outage_duration=1h affected_people=200000" \
	"level 2 II"; do
	# shellcheck disable=SC2086
	"$YINGJI" $step >/dev/null || fail "setup: yingji $step"
done

# ---- resize: 80x24 -> 200x60 -> 80x24, live ----
start rs 80 24 "$YINGJI"
expect_screen rs "the board at 80x24" "门户网站被篡改"
keys rs j Enter
expect_screen rs "incident 1 opens" "Checklist"
if screen rs | grep -q "Phases"; then
	fail "at 80x24 the phases are a strip, not a pane"
else
	pass "at 80x24 the phases are a strip, not a pane"
fi
tm resize-window -t rs -x 200 -y 60
expect_screen rs "at 200x60 the right column shows the phases pane" "│ Phases"
expect_screen rs "at 200x60 the recorded fields show" "Recorded"
lines=$(screen rs | wc -l)
expect_eq "the screen is 60 lines tall" "$lines" "60"
expect_screen rs "the status line is on the last line at 200x60" "2026-11-22 10:05:00 *$"
tm resize-window -t rs -x 80 -y 24
expect_screen rs "back at 80x24 the strip is back" "^● 信息报告"
if screen rs | grep -q "│ Phases"; then
	fail "back at 80x24 the right column is gone" "$(screen rs)"
else
	pass "back at 80x24 the right column is gone"
fi

# ---- too small, then enlarged ----
tm resize-window -t rs -x 60 -y 20
expect_screen rs "a window too small says so" "needs at least 80x24 \(now 60x20\)"
tm resize-window -t rs -x 80 -y 24
expect_screen rs "enlarged again, the incident is back" "Checklist"
keys rs q q
if wait_dead rs; then pass "q twice leaves the console"; else fail "q twice leaves the console" "$(screen rs)"; fi

# ---- colours: a true orange for 橙色, none under NO_COLOR ----
start co 80 24 "$YINGJI"
expect_screen co "the board shows the II incident" "数据泄露"
if screen co -e | grep -q $'\e\[[0-9;]*48;5;208m'; then
	pass "level II (橙色) is drawn on colour 208"
else
	fail "level II (橙色) is drawn on colour 208" "$(screen co -e | grep 数据泄露 | cat -v)"
fi
keys co Q
start nc 80 24 "NO_COLOR=1 $YINGJI"
expect_screen nc "NO_COLOR: the board shows" "数据泄露"
esc=$(screen nc -e)
if printf '%s' "$esc" | grep -Eq $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]'; then
	fail "NO_COLOR: no colour at all" "$(printf '%s' "$esc" | cat -v | head -5)"
else
	pass "NO_COLOR: no colour at all"
fi
if printf '%s' "$esc" | grep -q $'\e\[[0-9;]*7m'; then
	pass "NO_COLOR: reverse video stands in for colour"
else
	fail "NO_COLOR: reverse video stands in for colour" "$(printf '%s' "$esc" | cat -v | head -5)"
fi
keys nc Q

# ---- the terminal is sane after every way out ----
# sane NAME HOW SIGNAL EXPECTED_STATUS: run the console from a shell that
# records `stty -a` before and after, end it by q or by a signal.
sane() {
	local name=$1 how=$2 sig=$3 want=$4 dir="$T_TMP/$1"
	mkdir -p "$dir"
	start "$name" 80 24 "stty -a >'$dir/before'; sh -c 'echo \$\$ >\"$dir/pid\"; exec \"$YINGJI\"'; echo \$? >'$dir/rc'; stty -a >'$dir/after'; echo done >'$dir/done'"
	if ! wait_for "$name" "open incidents" 5; then
		fail "$how: the console did not start" "$(screen "$name")"
		return
	fi
	if [ "$sig" = q ]; then
		keys "$name" q
	else
		kill -"$sig" "$(cat "$dir/pid")"
	fi
	if ! wait_file "$dir/done" 5; then
		fail "$how: the console did not end" "$(screen "$name")"
		return
	fi
	expect_eq "$how: exit status $want" "$(cat "$dir/rc")" "$want"
	if diff "$dir/before" "$dir/after" >"$dir/diff"; then
		pass "$how: stty -a is as before"
	else
		fail "$how: stty -a is as before" "$(cat "$dir/diff")"
	fi
}

sane q "quit by q" q 0
sane term "SIGTERM" TERM 143
sane int "SIGINT" INT 130
sane hup "SIGHUP" HUP 129
sane quit "SIGQUIT" QUIT 131
sane segv "SIGSEGV" SEGV 139
sane abrt "SIGABRT" ABRT 134

finish
