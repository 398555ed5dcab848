#!/bin/bash
# A shipped drill in a real terminal, as a new user runs it:
#   yingji drill data/drills/lucheng-port-scan.yaml --speed 10
# worked by keys to its end (a false alarm), then the score, which names each
# deadline and limit met, is written to .txt .md .json; Q leaves the terminal
# as it was.  The start is fixed (YINGJI_NOW); the drill clock then runs on
# real time, ten drill minutes a real minute.  The score is known despite real
# time: every step is done well inside the first inject (T+8m, 48 real
# seconds) and the first limit (T+15m, 90 s), and each wait is bounded, so the
# same keys always meet the same checks: 5 of 5.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux-lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
unset NO_COLOR LANGUAGE
dir="$T_TMP/run"
mkdir -p "$dir"
began=$(now_ms)

start d 80 24 "cd '$dir' && stty -a >before; YINGJI_OPERATOR=张三 YINGJI_NOW='2026-11-22 10:05' '$YINGJI' drill '$top_srcdir/data/drills/lucheng-port-scan.yaml' --speed 10; echo \$? >rc; stty -a >after; echo done >done"

expect_screen d "the console opens on the drill with its briefing" "政务外网端口扫描告警"
expect_screen d "the DRILL banner shows speed 10 from T+0" "DRILL ×10 T\+(0|[0-9]+s) "
# Six real seconds are a drill minute: the clock moves on its own.
expect_screen d "the drill clock runs: T+1m within 10 real seconds" "DRILL ×10 T\+1m" 10
keys d Enter
expect_screen d "the briefing closes on the incident" "Checklist — 信息报告"

# The trainer pauses: the banner says so, and the clock stands still.
keys d P
expect_screen d "P pauses the drill clock" "DRILL PAUSED T\+"
paused=$(screen d | grep -o 'DRILL PAUSED T+[0-9a-z]*')
sleep 1.5
expect_eq "paused, the clock stands still for 1.5 real seconds" \
	"$(screen d | grep -o 'DRILL PAUSED T+[0-9a-z]*')" "$paused"
keys d F5
expect_screen d "F5 resumes it" "DRILL ×10 T\+"

# The report phase: its fields, then its two items ticked; on to triage.
keys d e
expect_screen d "the fields form opens" "经济损失的初步评估"
keys d -l 0
keys d Down
keys d -l 政务外网
keys d Down
keys d -l 扫描已停止
keys d Down
keys d -l 核查扫描源
keys d C-s
expect_screen d "the fields are recorded" "recorded \(entry 2\)"
keys d t
expect_screen d "the first report is ticked" "recorded \(entry 3\)"
keys d t
expect_screen d "the second report is ticked" "recorded \(entry 4\)"
keys d a
expect_screen d "the decisions open" "Leave \"信息报告\" by"
keys d Enter
expect_screen d "the decision asks first" "Take this decision\?"
keys d y
expect_screen d "the drill is in triage" "信息处置 \(4.1.2\)"

# Triage: the office is held by the trainee, learn is ticked, a false alarm closes it.
keys d o
expect_screen d "the roles open on the office this phase needs" "Needed for this phase"
keys d Space
keys d -l 张三
keys d Enter
expect_screen d "the office is assigned" "张三 holds 市指挥部办公室"
keys d q
keys d t
expect_screen d "learn is ticked" "recorded \(entry 7\)"
keys d a
expect_screen d "the triage decisions open" "误报结案"
keys d j Enter
expect_screen d "the false alarm asks a reason" "Reason for"
keys d -l 已报备的季度漏洞扫描
keys d Enter

# The drill is closed: the score opens by itself, its clock stopped.
expect_screen d "the score opens when the drill closes" "Drill score: 5 of 5 checks passed"
expect_screen d "the banner says the drill has ended" "DRILL ended T\+"
spent=$(( ($(now_ms) - began) / 1000 ))
if [ "$spent" -lt 45 ]; then
	pass "the drill was worked in $spent real seconds, before the first inject (48 s)"
else
	fail "the drill was worked in $spent real seconds: too slow for a known score"
fi
keys d w
expect_screen d "w asks for the files' name" "Write the score to NAME.txt"
keys d Enter
expect_screen d "the score is written to three files" "written to drill-1-score.txt, drill-1-score.md, drill-1-score.json"
expect_eq "the files are private to their owner" \
	"$(stat -c %a "$dir"/drill-1-score.{txt,md,json} | sort -u)" "600"
txt=$(cat "$dir/drill-1-score.txt")
expect_match "the score: 5 of 5" "$txt" "^Score: 5 of 5 checks passed$"
expect_match "deadline report-30m met, with drill-clock times" "$txt" \
	"PASS  deadline report-30m: .*"$'\n'" +met at T\+[0-9a-z]+ \(2026-11-22 10:[0-9:]+\); due T\+27m \(2026-11-22 10:32:00\)"
expect_match "deadline report-city-30m met" "$txt" "PASS  deadline report-city-30m"
expect_match "limit learn-15m met" "$txt" "PASS  limit learn-15m"
expect_match "limit close-25m met" "$txt" "PASS  limit close-25m"
expect_match "the expected phase reached" "$txt" "PASS  phase false-alarm"
expect_match "the timeline ends with the false alarm" "$txt" "信息处置 → 误报结案"
json=$(cat "$dir/drill-1-score.json")
expect_eq "json: the same score" "$(printf '%s' "$json" | jq -r .summary)" "5 of 5 checks passed"
expect_eq "json: each check" "$(printf '%s' "$json" | jq -r '[.checks[] | "\(.kind):\(.id)=\(.verdict)"] | join(" ")')" \
	"deadline:report-30m=passed deadline:report-city-30m=passed limit:learn-15m=passed limit:close-25m=passed phase:false-alarm=passed"
expect_match "md: the same score" "$(cat "$dir/drill-1-score.md")" "\*\*Score: 5 of 5 checks passed\*\*"
# The journal agrees: scored again from the database alone.
expect_eq "yingji drill score gives the same" "$("$YINGJI" drill score 1 --format json | jq -r .summary)" \
	"5 of 5 checks passed"

keys d Q
if wait_file "$dir/done" 5; then
	expect_eq "Q leaves the console with status 0" "$(cat "$dir/rc")" "0"
	if diff "$dir/before" "$dir/after" >"$dir/diff"; then
		pass "the terminal is as before (stty -a)"
	else
		fail "the terminal is as before (stty -a)" "$(cat "$dir/diff")"
	fi
else
	fail "Q leaves the console" "$(screen d)"
fi
finish
