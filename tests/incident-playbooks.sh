#!/bin/bash
# End to end with the CLI alone, on the four other shipped playbooks: every
# path from the report to a closed phase, checking `show --json` at each step
# (phase, level, the deadline the plan sets and the contacts owed at the
# confirmed level), and at least one guard refusal per playbook.
#
#   忻州经开区 2023   report → assess → response → review → closed, at III, at
#                     II escalated to I mid-response (review late), at IV
#   忻州人社 2023     intake → assess → bulletin → upward → handling → closed (重大)
#                     intake → assess → bulletin → handling → closed (一般, bulletin late)
#   天津人社          report → assess → command → closed (重大, 直接报)
#                     report → assess → handle → closed (一般, 逐级通报)
#   湛江行政服务中心  report → assess → h-info|h-virus|h-power|h-equip|h-leak|police
#                     → closure → closed, and h-info|h-virus|h-leak → police → closure
#                     → closed (all nine paths)
#
# Times: TZ=CST-8 (UTC+8, no DST), so 10:00 local is 02:00Z.
. "$top_srcdir/tests/lib.sh"

PB="$top_srcdir/playbooks"
export YINGJI_OPERATOR=李四
export TZ=CST-8
at() { export YINGJI_NOW="$1"; }

# walk NAME PLAYBOOK: a fresh database for one walk of one playbook.
walk() {
	export YINGJI_DB="$T_TMP/$1.db" YINGJI_PLAYBOOK="$PB/$2.yaml"
	printf -- '--- %s (%s)\n' "$1" "$2"
}
# q ID JQ-FILTER: a value from `show --json`.
q() { "$YINGJI" show "$1" --json | jq -r "$2"; }
# ok NAME CMD...: the command succeeds.
ok() { local name=$1; shift; run "$@"; expect_rc "$name" 0; }
# ticks NAME ID ITEM...: tick each item of the current phase (one check).
ticks() {
	local name=$1 id=$2 bad=
	shift 2
	for it; do
		run tick "$id" "$it"
		[ "$RC" -eq 0 ] || bad="$bad [$it: rc $RC $ERR]"
	done
	if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
}
# refused NAME REGEX CMD...: a guard refuses (exit 65) and says REGEX.
refused() {
	local name=$1 re=$2
	shift 2
	run "$@"
	expect_rc "$name: refused" 65
	expect_match "$name: says what is missing" "$ERR" "$re"
}
# dl ID DEADLINE: "STATUS DUE" of one deadline.
dl() { q "$1" ".deadlines[] | select(.id==\"$2\") | \"\(.status) \(.due)\""; }
# owed ID: the contacts to notify at the confirmed level, in order.
owed() { q "$1" '[.notify[].id] | join(",")'; }
# path ID: the phases visited so far.
path() { q "$1" '[.phases[].id] | join(">")'; }
# tell NAME ID CONTACT,...: record each contact as notified by phone (one check).
tell() {
	local name=$1 id=$2 c bad=
	for c in ${3//,/ }; do
		run notify "$id" "$c" --channel phone
		[ "$RC" -eq 0 ] || bad="$bad [$c: rc $RC $ERR]"
	done
	if [ -z "$bad" ]; then pass "$name"; else fail "$name" "$bad"; fi
}
# none_owed NAME ID: every contact owed at the confirmed level has been notified.
none_owed() {
	expect_eq "$1: every contact owed at the level is notified" \
		"$(q "$2" '[.notify[] | select(.notified_at == null) | .id] | join(",")')" ""
}

for f in xinzhou-devzone-2023 xinzhou-hrss-2023 tianjin-hrss zhanjiang-center-2019; do
	run playbook check "$PB/$f.yaml"
	expect_rc "$f passes playbook check" 0
done

########################################################################
# 忻州经济开发区 2023 (忻开党发〔2023〕7号)
# 五: 各部门上报领导组办公室; 三/六: 研判定级, 较大及以上报市网安应急办;
# 七: 特别重大报市网安应急办指挥部; 响应结束后30日内总结评估.
########################################################################

# --- main path at III (较大): review within 30 days.
walk devzone-iii xinzhou-devzone-2023
at "2026-11-22 09:00"
run new --title "开发区门户网站首页被篡改" discovered_at="2026-11-22 08:40" dept=党政办 category=info-damage
expect_rc "devzone: take the report" 0
id=$OUT
expect_eq "devzone: the new id alone" "$id" "1"
expect_eq "devzone: starts in 五 事件上报" "$(q $id .phase.id)" "report"
expect_eq "devzone: no level yet" "$(q $id .level.confirmed)" "null"
expect_eq "devzone: nobody owed before a level" "$(owed $id)" ""
expect_eq "devzone: the 30-day review waits for the end of the response" \
	"$(dl $id review-30d)" "pending null"

refused "devzone: leaving 事件上报 with nothing done" \
	"field summary \(事件情况\) is not recorded; checklist item report-office \(.*\) is not ticked or skipped; only 领导组办公室 \(not assigned\) may take this decision, and you are 李四" \
	advance $id
ok "devzone: record the situation" set $id summary="首页被替换为非法内容"
ok "devzone: 各部门 report to the office" tick $id report-office
refused "devzone: only the office accepts the report" \
	"^yingji: cannot take 'accept' \(.*\): only 领导组办公室 \(not assigned\) may take this decision, and you are 李四$" \
	advance $id
ok "devzone: 李四 acts for the office" assign $id office 李四
ok "devzone: the office accepts" advance $id accept
expect_eq "devzone: in 研判与定级" "$(q $id .phase.id)" "assess"

refused "devzone: no response before system, checklist and level" \
	"field system \(受影响系统\) is not recorded; checklist item judge .*; checklist item report-lg .*; the level is not confirmed" \
	advance $id
ok "devzone: system and answer III-1" set $id system=门户网站 III-1=yes
run level $id
expect_match "devzone: suggests III" "$OUT" "^suggested: III 较大网络安全事件"
expect_match "devzone: because of III-1" "$OUT" "matched III-1: "
ok "devzone: confirm III" level $id III
expect_eq "devzone: level III" "$(q $id .level.confirmed.id)" "III"
expect_eq "devzone III: 领导小组 and 市网安应急办 (较大及以上), not the 指挥部" "$(owed $id)" "lg-c,city-cert-c"
at "2026-11-22 09:40"
ok "devzone: report to the 领导小组" notify $id lg-c --channel phone
ok "devzone: report to 市网安应急办" notify $id city-cert-c --channel phone
ok "devzone: 市网安应急办 acknowledges" notify $id city-cert-c --ack
expect_eq "devzone: notified by phone at 09:40" \
	"$(q $id '.notify[] | select(.id=="city-cert-c") | "\(.channel) \(.notified_at) \(.acknowledged_at)"')" \
	"phone 2026-11-22T01:40:00.000Z 2026-11-22T01:40:00.000Z"
ticks "devzone: judge and report to the 领导组" $id judge report-lg
ok "devzone: start the response (七)" advance $id
expect_eq "devzone: in 应急处置" "$(q $id .phase.id)" "response"
expect_eq "devzone: the review still waits" "$(dl $id review-30d)" "pending null"

run advance $id
expect_rc "devzone: the response cannot end with nothing done" 65
expect_match "devzone: names sabotage and handling" "$ERR" \
	"field sabotage \(是否为人为破坏活动\) is not recorded; field handling \(处置情况\) is not recorded"
expect_match "devzone: names the restore item" "$ERR" "checklist item restore \(尽快恢复信息系统正常运行\) is not ticked or skipped"
case $ERR in
*police*) fail "devzone: the police item (人为破坏活动 only) is optional" "$ERR" ;;
*) pass "devzone: the police item (人为破坏活动 only) is optional" ;;
esac
ok "devzone: facts of the response" set $id sabotage=no handling="恢复首页并加固 CMS"
ticks "devzone: the seven required response items" $id control backup protect hazards restore evidence publish
at "2026-11-22 15:30"
ok "devzone: end the response" advance $id end
expect_eq "devzone: in 总结评估" "$(q $id .phase.id)" "review"
expect_eq "devzone: review due 30 days after the end of the response (15:30)" \
	"$(dl $id review-30d)" "running 2026-12-22T07:30:00.000Z"
expect_eq "devzone: anchored at the end of the response" \
	"$(q $id '.deadlines[] | select(.id=="review-30d") | .anchor')" "2026-11-22T07:30:00.000Z"

at "2026-12-10 10:00"
refused "devzone: the review needs its six findings" \
	"field cause \(事件起因\) is not recorded; field nature .*; field impact .*; field responsibility .*; field opinion .*; field improvement \(改进措施\) is not recorded" \
	advance $id
ok "devzone: findings" set $id cause=CMS漏洞 nature=外部攻击 impact=首页篡改7小时 \
	responsibility=运维单位 opinion=约谈运维单位 improvement=升级CMS并加固
ticks "devzone: analyse and propose" $id analyse propose
none_owed devzone $id
ok "devzone: the review is done" advance $id done
expect_eq "devzone: closed" "$(q $id .closed)" "true"
expect_eq "devzone: in the closed phase" "$(q $id .phase.kind)" "closed"
expect_eq "devzone: review met on 12-10" "$(q $id '.deadlines[] | select(.id=="review-30d") | "\(.status) \(.met)"')" \
	"met 2026-12-10T02:00:00.000Z"
expect_eq "devzone: the path" "$(path $id)" "report>assess>response>review>closed"
run verify
expect_rc "devzone: the chain verifies" 0

# --- II (重大) escalated to I (特别重大) mid-response, a sabotage; review late.
walk devzone-i xinzhou-devzone-2023
at "2026-11-23 08:00"
run new --title "OA 系统遭勒索软件攻击" discovered_at="2026-11-23 07:45" dept=财政局 category=malware \
	summary="OA 服务器文件被加密"
id=$OUT
ok "devzone-I: report" tick $id report-office
ok "devzone-I: office" assign $id office 李四
ok "devzone-I: accept" advance $id
ok "devzone-I: II-1" set $id system=OA II-1=yes
run level $id
expect_match "devzone-I: suggests II" "$OUT" "^suggested: II 重大网络安全事件"
ok "devzone-I: confirm II" level $id II
expect_eq "devzone II: 领导小组 and 市网安应急办" "$(owed $id)" "lg-c,city-cert-c"
tell "devzone-I: report to both" $id lg-c,city-cert-c
ticks "devzone-I: judge" $id judge report-lg
ok "devzone-I: respond" advance $id
at "2026-11-23 11:00"
ok "devzone-I: OA 大面积瘫痪" set $id I-1=yes sabotage=yes
run level $id
expect_match "devzone-I: now suggests I" "$OUT" "^suggested: I 特别重大网络安全事件"
ok "devzone-I: escalate to I" level $id I
expect_eq "devzone-I: history" "$(q $id '.level.history | map(.level) | join(",")')" "II,I"
expect_eq "devzone I: the 指挥部 is now owed too (七)" "$(owed $id)" "lg-c,city-cert-c,city-cert-hq-c"
ok "devzone-I: report to the 指挥部" notify $id city-cert-hq-c --channel written
expect_eq "devzone-I: the 指挥部 notified in writing" \
	"$(q $id '.notify[] | select(.id=="city-cert-hq-c") | "\(.channel) \(.notified_at)"')" "written 2026-11-23T03:00:00.000Z"
ok "devzone-I: 人为破坏: call 市公安局" notify $id city-psb-c --channel phone
ok "devzone-I: 人为破坏: call 市保密局" notify $id city-secrecy-c --channel phone
expect_eq "devzone-I: the police and secrecy bureau recorded with the rest" "$(q $id '[.notifications[].id] | join(",")')" \
	"lg-c,city-cert-c,city-cert-hq-c,city-psb-c,city-secrecy-c"
ticks "devzone-I: response items, police included" $id control backup protect hazards restore evidence police
refused "devzone-I: skipping an item needs a reason" "skipping 'publish' needs a reason" tick $id publish --skip
ok "devzone-I: skip publishing, with a reason" tick $id publish --skip --reason "未经批准不得擅自发布信息"
expect_eq "devzone-I: skipped with the reason" \
	"$(q $id '.checklist[] | select(.id=="publish") | "\(.status) \(.reason)"')" "skipped 未经批准不得擅自发布信息"
ok "devzone-I: handling" set $id handling="隔离服务器，从备份恢复"
at "2026-11-23 18:00"
ok "devzone-I: end (a skipped item counts as done)" advance $id
expect_eq "devzone-I: review due 12-23 18:00" "$(dl $id review-30d)" "running 2026-12-23T10:00:00.000Z"
at "2026-12-23 17:59"
expect_eq "devzone-I: still running a minute before" "$(dl $id review-30d)" "running 2026-12-23T10:00:00.000Z"
at "2026-12-24 09:00"
expect_eq "devzone-I: missed on day 31" "$(dl $id review-30d)" "missed 2026-12-23T10:00:00.000Z"
ok "devzone-I: findings" set $id cause=钓鱼邮件 nature=人为破坏 impact=OA停摆一日 \
	responsibility=财政局 opinion=移交公安 improvement=邮件网关
ticks "devzone-I: review items" $id analyse propose accountability
none_owed devzone-I $id
ok "devzone-I: review done, late" advance $id
expect_eq "devzone-I: closed" "$(q $id .closed)" "true"
expect_eq "devzone-I: review met late" "$(q $id '.deadlines[] | select(.id=="review-30d") | "\(.status) \(.met)"')" \
	"met-late 2026-12-24T01:00:00.000Z"

# --- IV (一般, the otherwise level): only the 领导小组.
walk devzone-iv xinzhou-devzone-2023
at "2026-11-24 10:00"
run new --title "门户网站图片链接失效" discovered_at="2026-11-24 09:30" dept=招商局 category=facility \
	summary="部分图片无法显示" system=门户网站
id=$OUT
ok "devzone-IV: report" tick $id report-office
ok "devzone-IV: office" assign $id office 李四
ok "devzone-IV: accept" advance $id
run level $id
expect_match "devzone-IV: nothing matched: IV" "$OUT" "^suggested: IV 一般网络安全事件 \(no more severe criterion matched\)"
refused "devzone-IV: III needs a reason when IV is suggested" \
	"level III differs from the suggested level IV: give a reason" level $id III
ok "devzone-IV: confirm IV" level $id IV
expect_eq "devzone IV: only the 领导小组" "$(owed $id)" "lg-c"
tell "devzone-IV: report to the 领导小组" $id lg-c
ticks "devzone-IV: judge" $id judge report-lg
ok "devzone-IV: respond" advance $id
ok "devzone-IV: facts" set $id sabotage=no handling=修复图片路径
ticks "devzone-IV: items" $id control backup protect hazards restore evidence publish
at "2026-11-24 12:00"
ok "devzone-IV: end" advance $id
expect_eq "devzone-IV: review due 12-24 12:00" "$(dl $id review-30d)" "running 2026-12-24T04:00:00.000Z"
at "2026-11-30 09:00"
ok "devzone-IV: findings" set $id cause=存储迁移 nature=设备故障 impact=轻微 responsibility=运维 \
	opinion=无 improvement=迁移检查单
ticks "devzone-IV: review items" $id analyse propose
none_owed devzone-IV $id
ok "devzone-IV: done" advance $id
expect_eq "devzone-IV: review met" "$(dl $id review-30d)" "met 2026-12-24T04:00:00.000Z"
expect_eq "devzone-IV: closed" "$(q $id .phase.id)" "closed"

########################################################################
# 忻州市人社局 2023 (忻人社办发〔2023〕19号)
# 第八条 收集分析; 第九条 重大者向市人社局报送并发布预警; 第十一条 紧急通报
# 当天内完成; 第十二条 先口头、电话, 后补书面.
########################################################################

# --- 重大: bulletin the same day, then 向市人社局报送.
walk hrss-major xinzhou-hrss-2023
at "2026-11-22 10:05"
run new --title "社保卡系统遭入侵" discovered_at="2026-11-22 09:50"
expect_rc "hrss: take the report" 0
id=$OUT
expect_eq "hrss: starts in 信息收集" "$(q $id .phase.id)" "intake"
expect_eq "hrss: the same-day bulletin runs from discovery to 23:59:59 local" \
	"$(dl $id same-day)" "running 2026-11-22T15:59:59.999Z"
expect_eq "hrss: anchored at the discovery" \
	"$(q $id '.deadlines[] | select(.id=="same-day") | .anchor')" "2026-11-22T01:50:00.000Z"
refused "hrss: leaving 信息收集 with only the time" \
	"field info_type \(信息类型\) is not recorded; field unit \(.*\) is not recorded; field category \(安全事件类别\) is not recorded; field info \(.*\) is not recorded; checklist item collect \(.*\) is not ticked or skipped" \
	advance $id
run set $id info_type=incident
expect_rc "hrss: info_type is a choice" 65
expect_match "hrss: names the choices" "$ERR" "event"
ok "hrss: the content" set $id info_type=event unit=忻府区人社局 category=intrusion info="社保卡系统后台被非法登录"
ok "hrss: collected" tick $id collect
ok "hrss: to analysis" advance $id
expect_eq "hrss: in 分析判断" "$(q $id .phase.id)" "assess"
refused "hrss: no bulletin before details, harm, judge and level" \
	"field details .*; field harm .*; checklist item judge .*; the level is not confirmed" advance $id
ok "hrss: details and harm, 重大" set $id details="弱口令被利用" harm="参保人信息可能泄露" major-1=yes
run level $id
expect_match "hrss: suggests major" "$OUT" "^suggested: major 重大网络安全事件或重大网络安全风险"
ok "hrss: confirm major" level $id major
expect_eq "hrss: major" "$(q $id .level.confirmed.id)" "major"
expect_eq "hrss major: 市人社局 is owed (第九条)" "$(owed $id)" "city-bureau-c"
ok "hrss: judged" tick $id judge
ok "hrss: experts consulted (optional)" tick $id consult
ok "hrss: to the emergency bulletin" advance $id
expect_eq "hrss: in 紧急通报" "$(q $id .phase.id)" "bulletin"
expect_eq "hrss: bulletin still running" "$(dl $id same-day)" "running 2026-11-22T15:59:59.999Z"
refused "hrss: the bulletin needs its content and both items" \
	"field measures .*; field other_info .*; checklist item issue .*; checklist item written .*" advance $id upward
ok "hrss: content" set $id measures="修改口令，封禁来源IP" other_info=无
at "2026-11-22 10:40"
ok "hrss: verbal bulletin to the 市人社局办公室 first" notify $id city-office-c --channel verbal
ok "hrss: bulletin issued" tick $id issue
expect_eq "hrss: same-day met at 10:40" "$(q $id '.deadlines[] | select(.id=="same-day") | "\(.status) \(.met)"')" \
	"met 2026-11-22T02:40:00.000Z"
at "2026-11-22 14:00"
ok "hrss: written bulletin follows" tick $id written
ok "hrss: 重大: report upward" advance $id upward
expect_eq "hrss: in 向市人社局报送" "$(q $id .phase.id)" "upward"
refused "hrss: 报送 needs the details and both items" \
	"field major_details .*; checklist item report-city .*; checklist item warn .*" advance $id
ok "hrss: report to 市人社局" notify $id city-bureau-c --channel phone
ok "hrss: 市人社局 acknowledges" notify $id city-bureau-c --ack
expect_eq "hrss: 市人社局 notified and acknowledged" \
	"$(q $id '.notify[] | select(.id=="city-bureau-c") | "\(.notified_at) \(.acknowledged_at)"')" \
	"2026-11-22T06:00:00.000Z 2026-11-22T06:00:00.000Z"
ok "hrss: major details" set $id major_details="后台弱口令被利用，导出参保人信息约300条"
ticks "hrss: reported and warned" $id report-city warn
ok "hrss: to handling" advance $id
expect_eq "hrss: in 处置" "$(q $id .phase.id)" "handling"
at "2026-11-23 16:00"
refused "hrss: handling needs actions, result and dispose" \
	"field actions .*; field result .*; checklist item dispose .*" advance $id
ok "hrss: actions and result" set $id actions="重置口令，加装双因素认证" result="已处置完毕"
ticks "hrss: disposed and result reported" $id dispose report-result
none_owed hrss $id
ok "hrss: close" advance $id close
expect_eq "hrss: closed" "$(q $id .closed)" "true"
expect_eq "hrss: the 重大 path" "$(path $id)" "intake>assess>bulletin>upward>handling>closed"
expect_eq "hrss: the bulletin stays met" "$(dl $id same-day)" "met 2026-11-22T15:59:59.999Z"
run verify
expect_rc "hrss: the chain verifies" 0

# --- 一般: discovered late in the evening, bulletin only next morning.
walk hrss-general xinzhou-hrss-2023
at "2026-11-22 22:40"
run new --title "漏洞扫描发现中危漏洞" discovered_at="2026-11-22 22:30" info_type=warning unit=原平市人社局 \
	category=vulnerability info="中间件版本存在中危漏洞"
id=$OUT
expect_eq "hrss-g: bulletin due by midnight of the discovery day" "$(dl $id same-day)" \
	"running 2026-11-22T15:59:59.999Z"
ok "hrss-g: collected" tick $id collect
ok "hrss-g: analyse" advance $id analyse
ok "hrss-g: details and harm" set $id details=CVE中危 harm=低 major-1=no
run level $id
expect_match "hrss-g: not 重大: general" "$OUT" "^suggested: general 一般（非重大） \(no more severe criterion matched\)"
ok "hrss-g: confirm general" level $id general
expect_eq "hrss general: nobody is owed a report (第九条 applies to 重大 only)" "$(owed $id)" ""
ok "hrss-g: judged" tick $id judge
ok "hrss-g: to bulletin" advance $id
at "2026-11-22 23:59"
expect_eq "hrss-g: still running at 23:59" "$(dl $id same-day)" "running 2026-11-22T15:59:59.999Z"
at "2026-11-23 08:30"
expect_eq "hrss-g: missed at 08:30 next day" "$(dl $id same-day)" "missed 2026-11-22T15:59:59.999Z"
ok "hrss-g: content" set $id measures=升级中间件 other_info=无
ticks "hrss-g: issued and written" $id issue written
expect_eq "hrss-g: met late" "$(q $id '.deadlines[] | select(.id=="same-day") | "\(.status) \(.met)"')" \
	"met-late 2026-11-23T00:30:00.000Z"
ok "hrss-g: 非重大: handle by the plan" advance $id handle
expect_eq "hrss-g: in 处置" "$(q $id .phase.id)" "handling"
ok "hrss-g: actions" set $id actions=升级 result=完成
ok "hrss-g: disposed" tick $id dispose
ok "hrss-g: close" advance $id
expect_eq "hrss-g: the 一般 path" "$(path $id)" "intake>assess>bulletin>handling>closed"
expect_eq "hrss-g: closed" "$(q $id .phase.kind)" "closed"

########################################################################
# 天津市人社局 网络信息安全管理办法
# 第24条: 一般信息安全事件逐级通报; 重大直接报领导小组办公室; 领导小组总体
# 应急协调与指挥, 发布应急事件公告; 第25、26条 处置与恢复.
########################################################################

# --- 重大: 直接报领导小组办公室; 领导小组 ends it.
walk tianjin-major tianjin-hrss
at "2026-11-22 14:10"
run new --title "社保核心系统数据被篡改" discovered_at="2026-11-22 14:00" unit=市社保中心 system=社保核心系统 \
	category=data summary="缴费记录被批量修改"
id=$OUT
expect_eq "tianjin: starts in 事件报告" "$(q $id .phase.id)" "report"
expect_eq "tianjin: the plan sets no deadline" "$(q $id '.deadlines | length')" "0"
refused "tianjin: leaving 事件报告 unrecorded" \
	"^yingji: cannot take 'assess' \(判断事件级别与报告路径\): checklist item record \(记录事件基本情况，按本单位信息安全事件报告制度报告\) is not ticked or skipped$" \
	advance $id
ok "tianjin: recorded" tick $id record
ok "tianjin: to 定级与报告" advance $id
refused "tianjin: two ways out: the decision must be named" \
	"phase 'assess' has 2 decisions; choose one of: general \(.*\) major \(.*\)" advance $id
refused "tianjin: no 重大 path before classify, route and level" \
	"checklist item classify .*; checklist item route .*; the level is not confirmed" advance $id major
refused "tianjin: major differs from the suggestion general" \
	"level major differs from the suggested level general: give a reason" level $id major
ok "tianjin: it is 重大" set $id major-1=yes
run level $id
expect_match "tianjin: suggests major" "$OUT" "^suggested: major 重大信息安全事件"
ok "tianjin: confirm major" level $id major
expect_eq "tianjin major: straight to the 领导小组办公室, not the 管理人员" "$(owed $id)" "lg-office-c"
ok "tianjin: report directly" notify $id lg-office-c --channel phone
ticks "tianjin: classified and routed" $id classify route
ok "tianjin: 重大 → 领导小组" advance $id major
expect_eq "tianjin: in 重大事件应急协调与指挥" "$(q $id .phase.id)" "command"
refused "tianjin: only the 领导小组 ends it, after handling" \
	"field handling .*; checklist item coordinate .*; checklist item resources .*; checklist item announce .*; checklist item plan .*; checklist item recover .*; only 市人力资源和社会保障局信息化与网络安全领导小组 \(not assigned\) may take this decision, and you are 李四" \
	advance $id
ok "tianjin: handling" set $id handling="从灾备恢复数据，封堵接口"
ticks "tianjin: coordinate, resources, announce, plan, recover" $id coordinate resources announce plan recover
ok "tianjin: 李四 for the 领导小组" assign $id lg 李四
run handover $id 王五 --role lg
expect_rc "tianjin: hand the 领导小组 over to 王五" 0
expect_match "tianjin: briefing" "$OUT" "^BRIEFING — incident $id"
refused "tianjin: 李四 no longer may end it" "only 市人力资源和社会保障局信息化与网络安全领导小组 \(王五\) may take this decision, and you are 李四" \
	advance $id
none_owed tianjin $id
at "2026-11-23 09:00"
YINGJI_OPERATOR=王五 run advance $id end
expect_rc "tianjin: 王五 ends the response" 0
expect_eq "tianjin: closed" "$(q $id .closed)" "true"
expect_eq "tianjin: the 重大 path" "$(path $id)" "report>assess>command>closed"
expect_eq "tianjin: ended by 王五" "$(q $id '.phases[-2].left_by')" "王五"

# --- 一般: 逐级通报 (管理人员, then 领导小组办公室).
walk tianjin-general tianjin-hrss
at "2026-11-24 09:00"
run new --title "一台终端感染病毒" discovered_at="2026-11-24 08:50" unit=职业技能处 system=办公终端 \
	category=malicious-code summary="终端杀毒软件告警"
id=$OUT
ok "tianjin-g: recorded" tick $id record
ok "tianjin-g: assess" advance $id
run level $id
expect_match "tianjin-g: general by default" "$OUT" "^suggested: general 一般信息安全事件 \(no more severe criterion matched\)"
ok "tianjin-g: confirm general" level $id general
expect_eq "tianjin general: 管理人员 then 领导小组办公室 (逐级)" "$(owed $id)" "sec-officer-c,lg-office-c"
expect_eq "tianjin general: the office is owed by the stepwise route" \
	"$(q $id '.notify[] | select(.id=="lg-office-c") | .route')" "general-stepwise"
at "2026-11-24 09:10"
ok "tianjin-g: first the 管理人员" notify $id sec-officer-c --channel phone
at "2026-11-24 09:30"
ok "tianjin-g: then the 领导小组办公室" notify $id lg-office-c --channel written
expect_eq "tianjin-g: in that order" "$(q $id '[.notifications | sort_by(.notified_at)[].id] | join(",")')" \
	"sec-officer-c,lg-office-c"
ticks "tianjin-g: classified and routed" $id classify route
ok "tianjin-g: 一般 → 信息系统管理单位" advance $id general
expect_eq "tianjin-g: in 处置与恢复（一般）" "$(q $id .phase.id)" "handle"
refused "tianjin-g: handling first" "field handling .*; checklist item plan .*; checklist item recover .*" advance $id
ok "tianjin-g: handling" set $id handling="隔离终端，查杀病毒"
ticks "tianjin-g: plan and recover" $id plan recover
none_owed tianjin-g $id
ok "tianjin-g: close" advance $id
expect_eq "tianjin-g: the 一般 path" "$(path $id)" "report>assess>handle>closed"
expect_eq "tianjin-g: closed" "$(q $id .closed)" "true"
run verify
expect_rc "tianjin: the chain verifies" 0

########################################################################
# 湛江市行政服务中心 2019
# 第三十五条 信息安全管理员处置并向领导报告; 第六十六条 违法行为报公安机关;
# 第六十七条 核查上报与配合调查情况. No deadlines in the document.
########################################################################

# zj_open NAME CATEGORY: open, report to the admins, accept as 信息安全管理员.
zj_open() {
	walk "zhanjiang-$1" zhanjiang-center-2019
	at "2026-11-25 09:00"
	run new --title "行政服务中心 $1" discovered_at="2026-11-25 08:55" reporter="窗口 3 号" \
		system="审批系统服务器" category="$2" summary="$1"
	id=$OUT
	expect_eq "zj-$1: in 发现与报告" "$(q $id .phase.id)" "report"
	ok "zj-$1: admins contacted" tick $id contact-admins
	ok "zj-$1: 李四 is 信息安全管理员" assign $id infosec-admin 李四
	ok "zj-$1: accept" advance $id assess
}
# zj_level NAME LEVEL OWED: confirm the level the suggestion gives; check who is owed.
zj_level() {
	run level $id
	expect_match "zj-$1: suggests $2" "$OUT" "^suggested: $2 "
	ok "zj-$1: confirm $2" level $id "$2"
	expect_eq "zj-$1 $2: owed $3" "$(owed $id)" "$3"
	tell "zj-$1: report to $3" $id "$3"
}
# zj_close NAME PATH: 结束与问责, then closed along PATH.
zj_close() {
	expect_eq "zj-$1: in 结束与问责" "$(q $id .phase.id)" "closure"
	none_owed "zj-$1" $id
	ok "zj-$1: reporting checked" tick $id check-reporting
	ok "zj-$1: close" advance $id close
	expect_eq "zj-$1: closed" "$(q $id .closed)" "true"
	expect_eq "zj-$1: path" "$(path $id)" "$2"
	expect_eq "zj-$1: no deadlines in this plan" "$(q $id '.deadlines | length')" "0"
}
ZJ_GENERAL=center-lead-c,infosec-c
ZJ_MAJOR=center-lead-c,lg-office-c,police-c

# --- the guard on the first decision, on its own.
walk zhanjiang-guard zhanjiang-center-2019
at "2026-11-25 09:00"
run new --title "门户网页出现有害信息" discovered_at="2026-11-25 08:55"
id=$OUT
refused "zj: leaving 发现与报告 with nothing recorded" \
	"field reporter .*; field system .*; field category .*; field summary .*; checklist item contact-admins .*; only 信息安全管理员 \(not assigned\) may take this decision, and you are 李四" \
	advance $id
ok "zj: the facts" set $id reporter=办公室 system=中心子站 category=harmful-info summary=首页有害链接
ok "zj: admins contacted" tick $id contact-admins
ok "zj: 王五 is 信息安全管理员" assign $id infosec-admin 王五
refused "zj: 李四 is not the 信息安全管理员" \
	"^yingji: cannot take 'assess' \(信息安全管理员接报，判断性质\): only 信息安全管理员 \(王五\) may take this decision, and you are 李四$" \
	advance $id
YINGJI_OPERATOR=王五 run advance $id
expect_rc "zj: 王五 accepts" 0
expect_eq "zj: in 判断性质" "$(q $id .phase.id)" "assess"

# --- 有害信息 (第三十五条), 一般.
zj_open info harmful-info
refused "zj-info: six ways out: name one" "phase 'assess' has 6 decisions; choose one of: to-info .* to-police" advance $id
refused "zj-info: judge and level first" "checklist item judge .*; the level is not confirmed" advance $id to-info
zj_level info general $ZJ_GENERAL
ok "zj-info: judged" tick $id judge
ok "zj-info: → 有害信息与非法入侵处置" advance $id to-info
expect_eq "zj-info: in h-info" "$(q $id .phase.id)" "h-info"
refused "zj-info: delete, keep logs, report first" \
	"field handling .*; checklist item control-delete .*; checklist item protect-logs .*; checklist item report-leaders .*" advance $id done
ok "zj-info: handling" set $id handling="删除有害信息，取消链接"
ticks "zj-info: items" $id control-delete unlink protect-logs report-leaders
ok "zj-info: done" advance $id done
zj_close info "report>assess>h-info>closure>closed"

# --- 病毒 (第四十三条), 一般.
zj_open virus virus
zj_level virus general $ZJ_GENERAL
ok "zj-virus: judged" tick $id judge
ok "zj-virus: → 病毒处置" advance $id to-virus
expect_eq "zj-virus: in h-virus" "$(q $id .phase.id)" "h-virus"
ok "zj-virus: handling" set $id handling=已查杀
ok "zj-virus: killed" tick $id kill
ok "zj-virus: done" advance $id done
zj_close virus "report>assess>h-virus>closure>closed"

# --- 停电事故 (第十五条), 一般.
zj_open power power
zj_level power general $ZJ_GENERAL
ok "zj-power: judged" tick $id judge
ok "zj-power: → 停电事故处置" advance $id to-power
refused "zj-power: check, fix and restore first" \
	"checklist item check .*; checklist item fix .*; checklist item restore .*" advance $id
ok "zj-power: handling" set $id handling=恢复供电
ticks "zj-power: items" $id check fix restore
ok "zj-power: done" advance $id
zj_close power "report>assess>h-power>closure>closed"

# --- 设备故障 (第二十九条), 一般: a big fault goes to the repair company.
zj_open equip equipment
zj_level equip general $ZJ_GENERAL
ok "zj-equip: judged" tick $id judge
ok "zj-equip: → 设备故障处置" advance $id to-equip
ok "zj-equip: call the repair company" notify $id repair-c --channel phone
ok "zj-equip: handling" set $id handling=更换硬盘
ticks "zj-equip: big fault, running again" $id big running
ok "zj-equip: done" advance $id
zj_close equip "report>assess>h-equip>closure>closed"

# --- 钥匙遗失或数据信息泄露 (第十四条), 一般.
zj_open leak leak
zj_level leak general $ZJ_GENERAL
ok "zj-leak: judged" tick $id judge
ok "zj-leak: → 泄露处置" advance $id to-leak
ok "zj-leak: handling" set $id handling=更换门锁
ticks "zj-leak: report and secure" $id report secure
ok "zj-leak: done" advance $id done
zj_close leak "report>assess>h-leak>closure>closed"

# --- 违法行为 (第六十六条), 重大: straight to the police.
zj_open police illegal
ok "zj-police: 第六十六条(一)" set $id police-1=yes
zj_level police major $ZJ_MAJOR
ok "zj-police: judged" tick $id judge
ok "zj-police: → 向公安机关报告" advance $id to-police
expect_eq "zj-police: in police" "$(q $id .phase.id)" "police"
refused "zj-police: report, logs and assist first" \
	"checklist item report-police .*; checklist item logs .*; checklist item assist .*" advance $id
ok "zj-police: the written report follows" notify $id police-c --channel written
expect_eq "zj-police: the police notified twice" \
	"$(q $id '.notifications[] | select(.id=="police-c") | .count')" "2"
ticks "zj-police: items" $id report-police logs assist
ok "zj-police: done" advance $id
zj_close police "report>assess>police>closure>closed"

# --- 病毒, then it turns out to be deliberate (第六十六条(三)4): escalate, then the police.
zj_open virus-police virus
zj_level virus-police general $ZJ_GENERAL
ok "zj-vp: judged" tick $id judge
ok "zj-vp: → 病毒处置" advance $id to-virus
at "2026-11-25 11:00"
ok "zj-vp: deliberately spread" set $id police-3=yes
run level $id
expect_match "zj-vp: now suggests major" "$OUT" "^suggested: major "
expect_match "zj-vp: because of police-3" "$OUT" "matched police-3: "
ok "zj-vp: escalate" level $id major
expect_eq "zj-vp: history" "$(q $id '.level.history | map(.level) | join(",")')" "general,major"
expect_eq "zj-vp major: now the 领导小组办公室 and the police too" "$(owed $id)" "$ZJ_MAJOR"
expect_eq "zj-vp major: those two not yet notified" \
	"$(q $id '[.notify[] | select(.notified_at == null) | .id] | join(",")')" "lg-office-c,police-c"
ok "zj-vp: handling" set $id handling=备份染毒文件
refused "zj-vp: the kill item is required" "checklist item kill .*is not ticked or skipped" advance $id to-police
ok "zj-vp: it cannot be killed" tick $id kill --skip --reason "无法查杀"
ticks "zj-vp: kill fails: back up, report, trace" $id backup-infected report trace
ok "zj-vp: → 向公安机关报告" advance $id to-police
tell "zj-vp: the 领导小组办公室 and the police" $id lg-office-c,police-c
ticks "zj-vp: items" $id report-police logs assist
ok "zj-vp: done" advance $id
zj_close virus-police "report>assess>h-virus>police>closure>closed"

# zj_police NAME: from the current handling phase to the police, then closed (第六十六条).
zj_police() {
	ok "zj-$1: → 向公安机关报告" advance $id to-police
	expect_eq "zj-$1: in police" "$(q $id .phase.id)" "police"
	ticks "zj-$1: police items" $id report-police logs assist
	ok "zj-$1: done" advance $id
}

# --- 非法入侵 found to be 盗用网络信息资源 (第六十六条(三)1): h-info, then the police.
zj_open intrusion-police intrusion
ok "zj-ip: 第六十六条(三)" set $id police-3=yes
zj_level intrusion-police major $ZJ_MAJOR
ok "zj-ip: judged" tick $id judge
ok "zj-ip: → 有害信息与非法入侵处置" advance $id to-info
ok "zj-ip: handling" set $id handling="关闭被入侵服务器，保全日志"
ok "zj-ip: nothing to delete" tick $id control-delete --skip --reason "非法入侵，无有害信息"
ticks "zj-ip: shut down, keep logs, report" $id shutdown protect-logs report-leaders
zj_police intrusion-police
zj_close intrusion-police "report>assess>h-info>police>closure>closed"

# --- 数据泄露 that turns out to be 泄露国家秘密 (第六十六条(一)): h-leak, then the police.
zj_open leak-police leak
zj_level leak-police general $ZJ_GENERAL
ok "zj-lp: judged" tick $id judge
ok "zj-lp: → 泄露处置" advance $id to-leak
ok "zj-lp: 泄露国家秘密" set $id police-1=yes handling="封存涉密介质"
ok "zj-lp: escalate to major" level $id major
expect_eq "zj-lp major: owed" "$(owed $id)" "$ZJ_MAJOR"
tell "zj-lp: the 领导小组办公室 and the police" $id lg-office-c,police-c
ticks "zj-lp: report and secure" $id report secure
zj_police leak-police
zj_close leak-police "report>assess>h-leak>police>closure>closed"

finish
