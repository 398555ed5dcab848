#!/bin/bash
# Drill isolation: drills never mix with real records (BRIEF: "drill records are
# marked as drills everywhere and never appear among real incidents").  After
# every shipped drill has been run and the demo imported, beside real
# incidents open and closed: no real list or count holds a drill, --drills holds
# them all, and every export of a drill, in every report and format, says so.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三
export TZ=CST-8
export YINGJI_NOW="2026-11-22 09:00"
ids() { printf '%s' "$1" | jq -r '[.[].id] | sort | map(tostring) | join(" ")'; }

# Real incidents: one open, one closed as a false alarm.
run new --title 真实事件：门户访问异常 discovered_at="2026-11-22 08:55"
real_open=$OUT
run new --title 真实事件：误报 discovered_at="2026-11-22 08:55" place=机房 unit_name=信息中心 \
	info_source=monitoring category=attack economic_loss=0 scope=内网 trend=稳定 handling=观察
real_closed=$OUT
for a in "tick $real_closed report-office" "tick $real_closed report-city-gov" \
	"advance $real_closed" "assign $real_closed office 张三" \
	"advance $real_closed false-alarm --reason 误报"; do
	# shellcheck disable=SC2086
	run $a
	[ "$RC" -eq 0 ] || fail "real incident: $a" "$ERR"
done
expect_eq "the real false alarm is closed" "$("$YINGJI" show $real_closed --json | jq -r .closed)" "true"

# Every shipped drill, started and run past its last inject; and the demo.
drills=""
for f in "$top_srcdir"/data/drills/*.yaml; do
	export YINGJI_NOW="2026-11-22 10:00"
	run drill start "$f"
	expect_rc "drill start $(basename "$f")" 0
	id=$OUT
	export YINGJI_NOW="2026-11-22 12:00"
	run drill tick $id
	expect_rc "every inject of $(basename "$f") delivered" 0
	drills="$drills $id"
done
run new --drill --title 手工演练
drills="$drills $OUT"
run demo "$top_srcdir/data/demo/lucheng-demo.yaml"
expect_rc "demo imported" 0
drills="$drills $OUT"
drills=$(printf '%s\n' $drills | sort | tr '\n' ' ' | sed 's/ $//')
reals=$(printf '%s\n' $real_open $real_closed | sort | tr '\n' ' ' | sed 's/ $//')

# ---- lists and counts ----
run list --json
expect_eq "list: the real open incident only" "$(ids "$OUT")" "$real_open"
run list --open --json
expect_eq "list --open: no drill" "$(ids "$OUT")" "$real_open"
run list --closed --json
expect_eq "list --closed: no drill (the demo is closed, and a drill)" "$(ids "$OUT")" "$real_closed"
run list --all --json
expect_eq "list --all: the real incidents only" "$(ids "$OUT")" "$reals"
expect_eq "list --all counts 2" "$(printf '%s' "$OUT" | jq length)" "2"
run list --drills --json
expect_eq "list --drills: every drill and the demo" "$(ids "$OUT")" "$drills"
expect_eq "list --drills: every one marked a drill" "$(printf '%s' "$OUT" | jq '[.[] | .drill] | all')" "true"
for filter in "" --open --closed --all; do
	run list $filter
	if printf '%s' "$OUT" | grep -q 'DRILL'; then
		fail "list $filter (text) shows a drill" "$OUT"
	else
		pass "list $filter (text) shows no drill"
	fi
	n=$(printf '%s' "$OUT" | grep -c '^ *[0-9]')
	want=$(case $filter in --closed) echo 1 ;; --all) echo 2 ;; *) echo 1 ;; esac)
	expect_eq "list $filter (text) counts only real incidents" "$n" "$want"
done
run list --drills
expect_eq "list --drills (text): one line per drill, each marked" \
	"$(printf '%s\n' "$OUT" | grep -c '\[DRILL\]$')" "$(echo $drills | wc -w)"

# ---- every export of a drill says DRILL ----
for id in $drills; do
	for report in incident timeline review; do
		for fmt in txt md; do
			run export $id --report $report --format $fmt
			expect_match "export $id $report $fmt says DRILL" "$OUT" "incident $id \[DRILL\]"
		done
		run export $id --report $report --format json
		if [ $report = timeline ]; then
			expect_eq "export $id timeline json: drill true" "$(printf '%s' "$OUT" | jq .drill)" "true"
		else
			expect_eq "export $id $report json: drill true" \
				"$(printf '%s' "$OUT" | jq .incident.drill)" "true"
		fi
		run export $id --report $report --format csv
		if [ $report = timeline ]; then
			expect_match "export $id timeline csv: the report entry says DRILL" "$OUT" \
				'"report taken \[DRILL\]: '
		else
			expect_match "export $id $report csv: a drill row" "$OUT" '^"drill","演练","DRILL"'
		fi
	done
	run show $id
	expect_match "show $id says DRILL" "$OUT" "^Incident $id \[DRILL\]"
done

# ---- and no export of a real incident does ----
for id in $reals; do
	for report in incident timeline review; do
		for fmt in txt md json csv; do
			run export $id --report $report --format $fmt
			if printf '%s' "$OUT" | grep -q 'DRILL\|"drill": true\|inject'; then
				fail "export $id $report $fmt (real) mentions a drill" "$OUT"
			else
				pass "export $id $report $fmt (real) has no drill in it"
			fi
		done
	done
done

# ---- drill commands keep to drills ----
run drill tick $real_open
expect_rc "no drill command works on a real incident" 65
run verify
expect_rc "every chain, real and drill, verifies" 0
finish
