#!/bin/bash
# End to end with the CLI alone, on the default plan (潞城 2017): an incident
# from report (4.1.1) to the closed review (5.1–5.3), checking `show --json` at
# each step; the false-alarm path (4.1.2); an escalation from IV to II in the
# middle of the response (4.3.2).
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三
export TZ=CST-8
at() { export YINGJI_NOW="2026-11-22 $1"; }

# q ID JQ-FILTER: a value from `show --json`.
q() { "$YINGJI" show "$1" --json | jq -r "$2"; }
# ok NAME CMD...: the command succeeds.
ok() { local name=$1; shift; run "$@"; expect_rc "$name" 0; }

at 10:05
run new --title "市政府门户网站被篡改" discovered_at="2026-11-22 10:00" place=市政务云机房
expect_rc "new prints an id" 0
expect_eq "new prints the id alone" "$OUT" "1"
id=$OUT
expect_eq "the database is private (0600)" "$(stat -c %a "$YINGJI_DB")" "600"
expect_eq "starts in 4.1.1 report" "$(q $id .phase.id)" "report"
expect_eq "30-minute deadline running" "$(q $id '.deadlines[] | select(.id=="report-30m") | .status')" "running"
expect_eq "due 30 minutes after discovery" "$(q $id '.deadlines[] | select(.id=="report-30m") | .due')" "2026-11-22T02:30:00.000Z"

run advance $id
expect_rc "leaving 4.1.1 without the report content is refused" 65
expect_match "refusal names a missing field" "$ERR" "field unit_name \(.*\) is not recorded"
expect_match "refusal names the unticked item" "$ERR" "checklist item report-office"

ok "record the 4.1.1 content" set $id unit_name=市大数据中心 info_source=monitoring \
	category=信息破坏事件 subtype=信息篡改事件 economic_loss=0 scope=门户网站首页 trend=稳定 handling=已下线首页
at 10:20
ok "report to the office" tick $id report-office
ok "report to the city government" tick $id report-city-gov
expect_eq "deadline met" "$(q $id '.deadlines[] | select(.id=="report-30m") | .status')" "met"
ok "advance to 4.1.2" advance $id
expect_eq "in 4.1.2 triage" "$(q $id .phase.id)" "triage"

ok "assign the office" assign $id office 张三
ok "details" set $id details="首页被替换为非法内容" site_control=已隔离
ok "learn" tick $id learn
ok "confirm nature" tick $id confirm-nature
ok "confirm: it is a security incident" advance $id confirm
expect_eq "in 4.1.2(3) assess" "$(q $id .phase.id)" "assess"

ok "facts" set $id potential_scope=全市政务网站 severity=较重 outage_duration=45m affected_people=20000
run level $id
expect_rc "level suggestion" 0
expect_match "suggests IV when nothing more severe matches" "$OUT" "^suggested: IV "
ok "judge" tick $id judge
ok "propose" tick $id propose-level
run advance $id
expect_rc "no response without a confirmed level" 65
expect_match "refusal says the level is missing" "$ERR" "the level is not confirmed"
ok "confirm IV" level $id IV
expect_eq "level IV confirmed" "$(q $id .level.confirmed.id)" "IV"
ok "to early handling" advance $id
expect_eq "in 4.2 handling" "$(q $id .phase.id)" "handling"
expect_eq "progress duty running" "$(q $id '.deadlines[] | select(.kind=="duty") | .status')" "running"

ok "first response" tick $id first-response
ok "own plan" tick $id own-plan
ok "contain" tick $id contain
at 10:40
ok "progress report to the HQ" notify $id hq-line --channel phone
run advance $id
expect_rc "only the HQ or the commander starts the response" 65
expect_match "refusal names who may" "$ERR" "only .*总指挥 \(not assigned\) may take this decision"
ok "assign the commander" assign $id commander 张三
ok "start the response" advance $id
expect_eq "in 4.3 response" "$(q $id .phase.id)" "response"

# 4.3.2: the scale grows; escalate from IV to II mid-response.
at 11:00
ok "new facts" set $id outage_duration=2h affected_people=300000
run level $id
expect_match "now suggests II" "$OUT" "^suggested: II "
expect_match "names the matched criterion" "$OUT" "matched II-1: "
ok "escalate to II" level $id II
expect_eq "level II" "$(q $id .level.confirmed.id)" "II"
expect_eq "level history kept" "$(q $id '.level.history | map(.level) | join(",")')" "IV,II"
expect_eq "长治市指挥部 must now be notified" "$(q $id '[.notify[] | select(.id=="changzhi-hq-line")] | length')" "1"
ok "notify 长治" notify $id changzhi-hq-line --channel phone
ok "长治 acknowledges" notify $id changzhi-hq-line --ack
expect_match "acknowledged" "$(q $id '.notify[] | select(.id=="changzhi-hq-line") | .acknowledged_at')" "^2026-11-22T03:00"

for item in iv-dispatch iv-experts cmd-hq cmd-office-duty cmd-members track check-scope brief \
	decide contain-spread remediate keep-evidence publish; do
	run tick $id $item
	[ "$RC" -eq 0 ] || fail "tick $item" "$ERR"
done
ok "handover of command" handover $id 王五
expect_match "briefing shown to the incoming officer" "$OUT" "^BRIEFING — incident $id"
expect_match "briefing pins the head" "$OUT" "handover recorded at journal head [0-9]+:[0-9a-f]{64}"
expect_eq "王五 holds command" "$(q $id '.roles[] | select(.party=="commander") | .person')" "王五"
ok "to closure" advance $id to-closure
ok "end conditions" tick $id end-conditions
ok "announce" tick $id announce
ok "inform" tick $id inform
run advance $id
expect_rc "张三 no longer holds command after the handover" 65
YINGJI_OPERATOR=王五 run advance $id
expect_rc "王五 ends the response (4.5)" 0
expect_eq "in 5.2 recovery" "$(q $id .phase.id)" "recovery"
expect_eq "30-day review clock running" "$(q $id '.deadlines[] | select(.id=="review-30d") | .status')" "running"
expect_eq "review due 30 days after the end of response" "$(q $id '.deadlines[] | select(.id=="review-30d") | .due')" "2026-12-22T03:00:00.000Z"

ok "business impact" set $id business_impact=门户首页中断2小时 recovery_priority=门户优先
ok "prioritise" tick $id prioritise
ok "restore" tick $id restore
ok "assign the incident unit" assign $id incident-unit 张三
ok "restored" advance $id
export YINGJI_NOW="2026-12-10 09:00"
ok "review fields" set $id cause=CMS漏洞 nature=外部攻击 impact=首页篡改2小时 responsibility=运维单位 \
	handling_opinion=通报批评 improvements=升级CMS并加固
ok "investigate" tick $id investigate-review
ok "submit report" tick $id submit-report
ok "reviewed" advance $id
expect_eq "review met within 30 days" "$(q $id '.deadlines[] | select(.id=="review-30d") | .status')" "met"
run advance $id close
expect_rc "not closed while contacts owed at the level were never notified" 65
expect_match "names them" "$ERR" "office-duty \(.*\) has not been notified"
for c in $(q $id '.notify[] | select(.notified_at == null) | .id'); do
	run notify $id "$c" --channel phone
	[ "$RC" -eq 0 ] || fail "notify $c" "$ERR"
done
ok "close" advance $id close
expect_eq "closed" "$(q $id .closed)" "true"
run log $id "补记"
expect_rc "a closed incident is read-only" 65
run list
expect_eq "closed incidents are not in the default list" "$OUT" ""
run list --closed --json
expect_eq "listed as closed" "$(printf '%s' "$OUT" | jq -r '.[0].id')" "$id"
run verify
expect_rc "the chain verifies" 0

# show --at: the state as it stood after an earlier entry.
expect_eq "--at 1 is the report phase" "$("$YINGJI" show $id --at 1 --json | jq -r .phase.id)" "report"
run show $id --at 9999
expect_rc "--at beyond the journal" 66

# The false-alarm path (4.1.2(2)).
at 12:00
run new --title "端口扫描告警" discovered_at="2026-11-22 11:55" place=机房 unit_name=信息中心 \
	info_source=monitoring category=attack economic_loss=0 scope=内网 trend=稳定 handling=观察
fa=$OUT
ok "report office" tick $fa report-office
ok "report city" tick $fa report-city-gov
ok "to triage" advance $fa
ok "office" assign $fa office 张三
run advance $fa false-alarm
expect_rc "a false alarm needs a reason" 65
expect_match "says so" "$ERR" "'false-alarm' needs a reason"
ok "false alarm with reason" advance $fa false-alarm --reason "授权的漏洞扫描"
expect_eq "closed as false alarm" "$(q $fa .phase.id)" "false-alarm"
expect_eq "reason kept" "$(q $fa '.phases[-2].reason')" "授权的漏洞扫描"
expect_eq "no review deadline for a false alarm" "$(q $fa '[.deadlines[] | select(.id=="review-30d")] | length')" "0"

finish
