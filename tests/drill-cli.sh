#!/bin/bash
# Each shipped drill (data/drills/) run to its end by the command line alone,
# on a fixed clock moved by YINGJI_NOW: the trainee's actions are the ordinary
# commands, the injects arrive with `drill tick`, and `drill score` gives an
# exact, known score.  Then the edges: idempotent ticks, drills without a
# scenario, real incidents, bad arguments, and a closed drill that scores the
# same whenever it is asked.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三
export TZ=CST-8
DRILLS="$top_srcdir/data/drills"
at() { export YINGJI_NOW="2026-11-22 $1"; }
q() { "$YINGJI" show "$1" --json | jq -r "$2"; }
ok() { local name=$1; shift; run "$@"; expect_rc "$name" 0; }
# steps NAME CMD...: a trainee's action that must be recorded (quiet unless it fails).
step() { run "$@"; [ "$RC" -eq 0 ] || fail "$*" "$ERR"; }
# score ID JQ: a value from the drill's JSON score.
score() { "$YINGJI" drill score "$1" --format json | jq -r "$2"; }
# verdicts ID: "kind:id=verdict" for every check, one line.
verdicts() { score "$1" '[.checks[] | "\(.kind):\(.id)=\(.verdict)"] | join(" ")'; }

# ---- 1. the defaced portal (信息篡改): level IV, one limit met late, one group not engaged ----

at 09:00
run drill start "$DRILLS/lucheng-portal-deface.yaml"
expect_rc "drill start" 0
expect_eq "drill start prints the id alone" "$OUT" "1"
d=$OUT
expect_eq "the drill is marked a drill" "$(q $d .drill)" "true"
expect_eq "the opening report's title" "$(q $d .title)" "市政府门户网站首页被篡改"
expect_eq "T-10m is ten minutes before the start" \
	"$(q $d '.fields.discovered_at.value')" "2026-11-22T00:50:00.000Z"
expect_eq "the report deadline runs from the discovery" \
	"$(q $d '.deadlines[] | select(.id=="report-30m") | .due')" "2026-11-22T01:20:00.000Z"
run drill tick $d
expect_rc "a tick before the first inject" 0
expect_eq "nothing due yet; says what comes next" "$OUT" \
	"next: inject screenshot at T+5m (2026-11-22 09:05:00)"

at 09:02
step set $d economic_loss=0 scope=门户网站首页 trend=稳定 handling=已截图
at 09:04
step tick $d report-office
step tick $d report-city-gov
at 09:05
step advance $d
run drill tick $d
expect_rc "tick at T+5m" 0
expect_match "the first inject arrives, with its facts" "$OUT" \
	"^inject screenshot at T\+5m \(entry [0-9]+\): 市大数据中心来电"
expect_match "its facts are listed" "$OUT" "scope=市政府门户网站首页, trend=篡改页面仍在对外提供访问"
run drill tick $d
expect_eq "a second tick at the same time delivers nothing" "$(printf '%s\n' "$OUT" | grep -c '^inject')" "0"
expect_eq "the inject's facts are recorded" \
	"$(q $d '.fields.trend.value')" "篡改页面仍在对外提供访问"
at 09:06
step assign $d office 张三
step set $d details=首页被替换 site_control=已下线
step tick $d learn
step tick $d confirm-nature
at 09:12
step advance $d confirm
at 09:15
run drill tick $d
expect_match "the second inject" "$OUT" "^inject taken-offline at T\+15m"
step set $d potential_scope=政务网站群 severity=一般
step tick $d judge
step tick $d propose-level
at 09:18
step level $d IV
step advance $d
step tick $d first-response
step tick $d own-plan
step tick $d contain
at 09:20
step notify $d hq-line --channel phone
step notify $d office-duty --channel phone
step notify $d city-gov-line --channel phone
step assign $d commander 张三
at 09:25
step advance $d start-response
at 09:30
run drill tick $d
expect_match "the third inject" "$OUT" "^inject social-media at T\+30m"
at 09:45
step notify $d propaganda-liaison --channel phone
step assign $d tech 李四
step notify $d psb-liaison --channel phone
at 09:50
run drill tick $d
expect_match "the last inject" "$OUT" "^inject restored at T\+50m"
expect_match "and then nothing is left" "$OUT" "every inject has been delivered$"
for item in iv-dispatch iv-experts cmd-hq cmd-office-duty cmd-members track check-scope brief \
	decide contain-spread remediate keep-evidence publish; do
	step tick $d $item
done
at 10:00
step advance $d to-closure
step tick $d end-conditions
step tick $d announce
step tick $d inform
step advance $d end-response
at 10:10
run drill score $d
expect_rc "drill score" 0
expect_match "the text score names the total" "$OUT" "^Score: 10 of 12 checks passed$"
expect_match "a limit met late is named" "$OUT" "FAIL  limit propaganda-40m"
expect_match "with drill-clock times" "$OUT" "met late at T\+45m \(2026-11-22 09:45:00\); due T\+40m \(2026-11-22 09:40:00\)"
expect_eq "portal: 10 of 12" "$(score $d .summary)" "10 of 12 checks passed"
expect_eq "portal: each check" "$(verdicts $d)" \
	"deadline:report-30m=passed deadline:report-city-30m=passed deadline:review-30d=unscored limit:nature-20m=passed limit:propaganda-40m=failed limit:response-1h=passed level:IV=passed group:tech=passed group:news=failed contact:office-duty=passed contact:city-gov-line=passed contact:propaganda-liaison=passed contact:psb-liaison=passed"
expect_eq "the 30-day review is still running, so not scored" \
	"$(score $d '.checks[] | select(.id=="review-30d") | .status')" "running"
expect_eq "the report deadline was met at T+4m" \
	"$(score $d '.checks[] | select(.id=="report-30m") | .met_offset_s')" "240"
expect_eq "the level history" "$(score $d '[.levels[] | .level] | join(",")')" "IV"
expect_eq "the timeline holds every entry" "$(score $d '.timeline | length')" "$(q $d .head.seq)"
run drill score $d --format md
expect_match "Markdown score" "$OUT" "^\*\*Score: 10 of 12 checks passed\*\*$"
expect_match "Markdown table row" "$OUT" "^\| FAIL \| group news \| 新闻信息组 \| not engaged \|$"

# ---- 2. ransomware, rising through injects until it crosses into level II ----

at 09:00
run drill start "$DRILLS/lucheng-ransomware.yaml"
expect_rc "ransomware drill start" 0
r=$OUT
expect_eq "the opening facts" "$(q $r '.fields.affected_people.value')" "3000"
step set $r economic_loss=0 scope=社保平台 trend=待查 handling=隔离服务器
at 09:03
step tick $r report-office
step tick $r report-city-gov
step advance $r
step assign $r office 张三
step set $r details=勒索信息 site_control=已隔离
step tick $r learn
step tick $r confirm-nature
at 09:08
step advance $r confirm
at 09:10
run drill tick $r
expect_match "the scale grows" "$OUT" "^inject spread at T\+10m"
step set $r potential_scope=人社业务系统 severity=较重
step tick $r judge
step tick $r propose-level
at 09:12
run level $r
expect_match "still level IV at T+12m" "$OUT" "^suggested: IV "
step level $r IV
step advance $r
step tick $r first-response
step tick $r own-plan
step tick $r contain
at 09:14
step notify $r hq-line --channel phone
step assign $r commander 张三
at 09:20
step advance $r start-response
at 09:25
run drill tick $r
expect_match "the backups are hit" "$OUT" "^inject backups-hit at T\+25m"
run level $r
expect_match "the injected facts cross into level II (1.5.2(2)①)" "$OUT" "^suggested: II "
expect_match "and name the criterion" "$OUT" "matched II-1: "
at 09:33
step level $r II --reason 影响超过10万人
at 09:35
step notify $r psb-liaison --channel phone
at 09:40
step notify $r changzhi-hq-line --channel phone
run drill tick $r
expect_match "the ransom note" "$OUT" "^inject ransom-note at T\+40m"
step assign $r tech 李四
step assign $r expert-group 赵敏
at 09:42
step notify $r office-duty --channel phone
at 09:55
run drill tick $r
expect_match "the press" "$OUT" "^inject media at T\+55m"
at 10:10
expect_eq "ransomware: 11 of 14" "$(score $r .summary)" "11 of 14 checks passed"
expect_eq "ransomware: each check" "$(verdicts $r)" \
	"deadline:report-30m=passed deadline:report-city-30m=passed deadline:review-30d=unscored limit:psb-30m=failed limit:level-ii-45m=passed limit:changzhi-1h=passed level:II=passed group:tech=passed group:expert-group=passed group:coord=failed contact:office-duty=passed contact:hq-line=passed contact:city-gov-line=failed contact:changzhi-hq-line=passed contact:psb-liaison=passed"
expect_eq "the level history IV then II" "$(score $r '[.levels[] | .level] | join(",")')" "IV,II"
expect_eq "level II confirmed at T+33m" \
	"$(score $r '.checks[] | select(.id=="level-ii-45m") | .met_offset_s')" "1980"
expect_eq "an open drill is scored as of now" "$(score $r '.end')" "2026-11-22T02:10:00.000Z"

# ---- 3. the port scan that is a false alarm (4.1.2(2)) ----

at 09:00
run drill start "$DRILLS/lucheng-port-scan.yaml"
expect_rc "port scan drill start" 0
p=$OUT
step set $p economic_loss=0 scope=政务外网 trend=扫描已停止 handling=核查扫描源
at 09:02
step tick $p report-office
step tick $p report-city-gov
at 09:03
step advance $p
at 09:08
run drill tick $p
expect_match "the scan source is found" "$OUT" "^inject source-found at T\+8m"
step assign $p office 张三
at 09:09
step tick $p learn
at 09:14
run drill tick $p
expect_match "it was a scheduled scan" "$OUT" "^inject scheduled-scan at T\+14m"
at 09:16
step advance $p false-alarm --reason 已报备的季度漏洞扫描
expect_eq "closed as a false alarm" "$(q $p .phase.id)" "false-alarm"
expect_eq "port scan: 5 of 5" "$(score $p .summary)" "5 of 5 checks passed"
expect_eq "port scan: each check" "$(verdicts $p)" \
	"deadline:report-30m=passed deadline:report-city-30m=passed limit:learn-15m=passed limit:close-25m=passed phase:false-alarm=passed"
expect_eq "a closed drill ends when it closed" "$(score $p '.end')" "2026-11-22T01:16:00.000Z"
first=$("$YINGJI" drill score $p --format json)
export YINGJI_NOW="2027-01-01 00:00"
expect_eq "a closed drill scores the same a month later" "$("$YINGJI" drill score $p --format json)" "$first"
run drill tick $p
expect_rc "a tick on a closed drill" 0
expect_eq "delivers nothing" "$(printf '%s\n' "$OUT" | grep -c '^inject')" "0"
run log $p 补记
expect_rc "a closed drill is read-only" 65

# ---- edges ----

at 11:00
run new --title 真实事件 discovered_at="2026-11-22 10:55"
real=$OUT
run drill tick $real
expect_rc "drill tick on a real incident" 65
expect_match "says it is not a drill" "$ERR" "^yingji: incident $real is not a drill$"
run drill score $real
expect_rc "drill score on a real incident" 65
run new --drill --title 手工演练
bare=$OUT
run drill score $bare
expect_rc "a drill without a scenario has nothing to score against" 65
expect_match "and says so" "$ERR" "opened without a scenario"
run drill tick 999
expect_rc "no such drill" 66
run drill score $d --format csv
expect_rc "csv is not a score format" 64
run drill score
expect_rc "drill score without an ID" 64
run drill score abc
expect_rc "a malformed ID" 64
run drill start "$top_srcdir/data/demo/lucheng-demo.yaml"
expect_rc "a demo script is not a scenario" 65
run drill start "$T_TMP/missing.yaml"
expect_rc "a missing scenario file" 66
run drill
expect_rc "drill without a subcommand" 64
run drill frobnicate "$DRILLS/lucheng-port-scan.yaml"
expect_rc "an unknown drill subcommand" 64
run verify
expect_rc "the chain of every drill verifies" 0

# No leak or memory error on the engine's drill paths.
if [ -n "${VALGRIND:-}" ] && [ -x "$VALGRIND" ]; then
	vg() {
		"$VALGRIND" -q --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
			--error-exitcode=99 "$YINGJI" "$@" >"$T_TMP/vg.out" 2>"$T_TMP/vg"
		RC=$?
		ERR=$(grep '^==' "$T_TMP/vg" | head -20)
	}
	at 12:00
	vg drill start "$DRILLS/lucheng-ransomware.yaml"
	expect_rc "valgrind: drill start" 0
	v=$(cat "$T_TMP/vg.out")
	at 13:00
	vg drill tick "$v"
	expect_rc "valgrind: drill tick" 0
	for fmt in txt md json; do
		vg drill score "$d" --format $fmt
		expect_rc "valgrind: drill score --format $fmt" 0
	done
	vg demo "$top_srcdir/data/demo/lucheng-demo.yaml"
	expect_rc "valgrind: demo" 0
	vg drill tick $real
	expect_rc "valgrind: a refused drill tick" 65
else
	echo "SKIP: valgrind is not installed; the drill commands are not run under it"
fi

finish
