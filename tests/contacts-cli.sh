#!/bin/bash
# The local contacts file from the command line (yingji(1) FILES, ENVIRONMENT;
# yingji-playbook(5) THE LOCAL CONTACTS FILE): where it is looked for, what
# `playbook check` says of one, what `show` prints of its people, and that the
# people and numbers reach neither the journal nor an export.
. "$top_srcdir/tests/lib.sh"

export YINGJI_DB="$T_TMP/yingji.db"
export YINGJI_PLAYBOOK="$top_srcdir/playbooks/lucheng-2017.yaml"
export YINGJI_OPERATOR=张三 TZ=CST-8 YINGJI_NOW="2026-11-22 10:05"
cd "$T_TMP" || exit 1

# A private copy of the screen test's file (git keeps no modes).
cp "$top_srcdir/tests/screen/contacts-local.yaml" book.yaml
chmod 600 book.yaml

one_line() { # NAME: stderr is exactly one line
	if [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && [ -n "$ERR" ]; then
		pass "$1: one line on stderr"; else fail "$1: expected one line on stderr" "$ERR"; fi
}

# ---- playbook check ----

run playbook check book.yaml
expect_rc "a valid contacts file checks" 0
expect_eq "and nothing is printed" "$OUT$ERR" ""
run playbook check "$YINGJI_PLAYBOOK" book.yaml "$top_srcdir/playbooks/tianjin-hrss.yaml"
expect_rc "playbooks and a contacts file in one run" 0
run --playbook "$top_srcdir/playbooks/xinzhou-hrss-2023.yaml" playbook check book.yaml
expect_rc "checked against another plan's playbook (--playbook)" 65
expect_eq "its plan: is named as the problem" "$ERR" \
	"book.yaml:4:7: error: this file is for plan 'lucheng-2017', but the playbook in use ($top_srcdir/playbooks/xinzhou-hrss-2023.yaml) is plan 'xinzhou-hrss-2023'; name the plan's playbook with --playbook or YINGJI_PLAYBOOK"
grep -v '^plan:' book.yaml >noplan.yaml
chmod 600 noplan.yaml
run --playbook "$top_srcdir/playbooks/xinzhou-hrss-2023.yaml" playbook check noplan.yaml
expect_rc "without plan:, the ids are checked against the playbook in use" 65
expect_match "each unknown id is named with its position" "$ERR" \
	"^noplan.yaml:[0-9]+:14: error: unknown contact 'office-duty'"
run --playbook /nonexistent/p.yaml playbook check book.yaml
expect_rc "the playbook in use is missing" 66
expect_match "which is said" "$ERR" "book.yaml: error: cannot check the contact ids: the playbook in use, /nonexistent/p.yaml, cannot be loaded"
run playbook show book.yaml
expect_rc "playbook show on a contacts file" 65
expect_eq "says what it is" "$ERR" \
	"book.yaml:3:1: error: this is a local contacts file ('yingji_contacts'), not a playbook"

# ---- an incident at level IV, whose contacts are due ----

run new --title "门户网站被篡改" "discovered_at=2026-11-22 10:00" place=机房 unit_name=市大数据中心 \
	info_source=monitoring category=信息破坏事件 economic_loss=0 scope=门户首页 trend=稳定 handling=已下线
for args in "tick 1 report-office" "tick 1 report-city-gov" "advance 1" "assign 1 office 张三" \
	"set 1 details=首页被替换 site_control=已隔离" "tick 1 learn" "tick 1 confirm-nature" \
	"advance 1 confirm" \
	"set 1 outage_duration=45m affected_people=20000 potential_scope=全市 severity=较重" \
	"level 1 IV" "notify 1 office-duty --channel phone"; do
	# shellcheck disable=SC2086
	run $args
	[ "$RC" -eq 0 ] || fail "setup: $args" "$ERR"
done

# ---- show ----

run show 1
plain=$OUT
expect_rc "show without a contacts file" 0
if printf '%s' "$plain" | grep -q -e 李四 -e 13800000001; then fail "no file: no people shown"; else
	pass "no file: no people shown"; fi
run show 1 --json
plain_json=$OUT

export YINGJI_CONTACTS=book.yaml
run show 1
expect_rc "show with YINGJI_CONTACTS" 0
expect_eq "nothing on stderr" "$ERR" ""
notify=$(printf '%s\n' "$OUT" | sed -n '/^Notify$/,/^$/p' | head -8)
expect_eq "each person under the post, Chinese names aligned" "$notify" "Notify
  [sent] office-duty  市指挥部办公室（值班） — notified 2026-11-22 10:05:00 by 张三
        李四       13800000001  mobile 13900000001  夜间请拨手机
  [   ] hq-line  市指挥部
        Wang Wei   0355-6000002  mobile 13900000002
  [   ] propaganda-liaison  市委宣传部（联络员）
        司马相如文 0355-6000101
  [   ] econ-info-liaison  市经信局（联络员）"
expect_eq "the rest of show is unchanged" "$(printf '%s\n' "$OUT" | grep -v '^        [^ ]')" "$plain"

run show 1 --json
expect_rc "show --json with the file" 0
got=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps(d["local_contacts"]["office-duty"], ensure_ascii=False, sort_keys=True), sorted(d["local_contacts"]))')
expect_eq "local_contacts: the people by contact id" "$got" \
	"{\"mobile\": \"13900000001\", \"note\": \"夜间请拨手机\", \"person\": \"李四\", \"phone\": \"13800000001\"} ['city-gov-line', 'hq-line', 'office-duty', 'propaganda-liaison', 'psb-liaison']"
got=$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("local_contacts"); print(json.dumps(d, sort_keys=True))')
want=$(printf '%s' "$plain_json" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')
expect_eq "every other key of show --json is as without the file" "$got" "$want"
if printf '%s' "$plain_json" | grep -q local_contacts; then fail "no file: no local_contacts key"; else
	pass "no file: no local_contacts key"; fi

# The same file at the default places.
unset YINGJI_CONTACTS
mkdir -p "$XDG_CONFIG_HOME/yingji"
cp -p book.yaml "$XDG_CONFIG_HOME/yingji/contacts.yaml"
run show 1
expect_match "found at \$XDG_CONFIG_HOME/yingji/contacts.yaml" "$OUT" "        李四       13800000001"
rm -r "$XDG_CONFIG_HOME/yingji"
mkdir -p home/.config/yingji
cp -p book.yaml home/.config/yingji/contacts.yaml
OUT=$(env -u XDG_CONFIG_HOME HOME="$T_TMP/home" "$YINGJI" show 1 2>&1); RC=$?
expect_match "else at ~/.config/yingji/contacts.yaml" "$OUT" "        李四       13800000001"
OUT=$(env -u XDG_CONFIG_HOME HOME="$T_TMP/nohome" "$YINGJI" show 1 2>&1); RC=$?
expect_rc "no file at the default places is fine" 0
expect_eq "and the placeholders are shown as before" "$OUT" "$plain"
OUT=$(env -u XDG_CONFIG_HOME YINGJI_CONTACTS="" HOME="$T_TMP/home" "$YINGJI" show 1 2>&1); RC=$?
expect_match "an empty YINGJI_CONTACTS counts as unset" "$OUT" "        李四       13800000001"

# ---- errors: one line each, exit 65 or 66 ----

export YINGJI_CONTACTS="$T_TMP/missing.yaml"
run show 1
expect_rc "a missing file named by YINGJI_CONTACTS" 66
one_line "missing file"
expect_eq "names the file" "$ERR" "$T_TMP/missing.yaml: error: cannot open: No such file or directory"
export YINGJI_CONTACTS="$YINGJI_PLAYBOOK"
run show 1
expect_rc "a playbook named as the contacts file" 65
expect_match "says what it is" "$ERR" "this is a playbook \('yingji_playbook'\), not a local contacts file"
sed 's/contact: hq-line/contact: hq-lnie/' book.yaml >bad.yaml
chmod 600 bad.yaml
export YINGJI_CONTACTS=bad.yaml
run show 1
expect_rc "an unknown contact id" 65
one_line "unknown contact"
expect_match "FILE:LINE:COL, with a hint" "$ERR" "^bad.yaml:[0-9]+:14: error: unknown contact 'hq-lnie' in plan 'lucheng-2017' \(did you mean 'hq-line'\?\)$"
run show 1 --json
expect_rc "show --json refuses it too" 65
expect_eq "and prints nothing" "$OUT" ""
mkdir -p "$XDG_CONFIG_HOME/yingji"
cp -p bad.yaml "$XDG_CONFIG_HOME/yingji/contacts.yaml"
unset YINGJI_CONTACTS
run show 1
expect_rc "a bad file at the default place" 65
rm -r "$XDG_CONFIG_HOME/yingji"

# Readable by others: a warning, one line, and the people are shown.
cp book.yaml shared.yaml
chmod 644 shared.yaml
export YINGJI_CONTACTS=shared.yaml
run show 1
expect_rc "a file others can read still loads" 0
one_line "the warning"
expect_eq "the warning says how to fix it" "$ERR" \
	"shared.yaml: warning: other users can read this file (mode 0644), and it holds people's names and phone numbers; make it private: chmod 600 shared.yaml"
expect_match "and the people are shown" "$OUT" "李四"

# ---- where it does not apply ----

export YINGJI_CONTACTS=book.yaml
run new --drill --title "演练" "discovered_at=2026-11-22 10:00"
drill=$OUT
run level "$drill" IV --reason 演练
run show "$drill"
if printf '%s' "$OUT" | grep -q -e 李四 -e 13800000001; then fail "a drill shows no real people" "$OUT"; else
	pass "a drill shows no real people"; fi
run show "$drill" --json
if printf '%s' "$OUT" | grep -q local_contacts; then fail "nor a local_contacts key for a drill"; else
	pass "nor a local_contacts key for a drill"; fi
run --playbook "$top_srcdir/playbooks/xinzhou-hrss-2023.yaml" new --title "另一预案" \
	"discovered_at=2026-11-22 10:00"
other=$OUT
run show "$other" --json
expect_rc "an incident under another plan shows" 0
if printf '%s' "$OUT" | grep -q local_contacts; then fail "without the lucheng people"; else
	pass "without the lucheng people"; fi

# ---- nothing of it is recorded or exported ----

run handover 1 李四的同事
run log 1 已电话通知
for fmt in txt md json csv; do
	for rep in incident timeline review; do
		"$YINGJI" export 1 --report "$rep" --format "$fmt" >>exports.txt 2>/dev/null
	done
done
expect_match "the exports hold the incident" "$(cat exports.txt)" "office-duty"
if grep -q -e 13800000001 -e 13900000001 -e 欧阳娜娜 -e 夜间请拨手机 exports.txt; then
	fail "no export holds a person or a number"; else pass "no export holds a person or a number"; fi
if grep -a -q 张三 yingji.db*; then pass "the database's text can be searched raw"; else
	fail "the database's text can be searched raw"; fi
if grep -a -q -e 13800000001 -e 13900000001 -e 欧阳娜娜 -e 夜间请拨手机 -e 司马相如文 yingji.db*; then
	fail "the journal holds no person and no number"; else
	pass "the journal holds no person and no number"; fi
finish
