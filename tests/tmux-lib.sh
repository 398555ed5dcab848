# Helpers for the real-terminal tests: the console in a detached tmux session
# of a given size, keys by send-keys, the screen by capture-pane.  Every wait
# polls the screen for a sentinel until a deadline; nothing sleeps blindly.
# Sourced after tests/lib.sh.

if [ -z "${TMUX_BIN:-}" ] || ! [ -x "$TMUX_BIN" ]; then
	fail "tmux is not installed: the terminal tests need it" \
		"install it (Debian: apt-get install tmux) and run the tests again"
	finish
fi

# One tmux server per test script, on its own socket; gone when the test is.
TM_SOCK="$T_TMP/tmux.sock"
unset TMUX
trap '"$TMUX_BIN" -S "$TM_SOCK" kill-server >/dev/null 2>&1; rm -rf "$T_TMP"' EXIT
printf '%s\n' 'set -g status off' 'set -g default-terminal tmux-256color' \
	'set -g escape-time 10' 'set -g remain-on-exit on' 'set -g history-limit 0' \
	>"$T_TMP/tmux.conf"

tm() { "$TMUX_BIN" -u -S "$TM_SOCK" -f "$T_TMP/tmux.conf" "$@"; }

# start NAME COLS ROWS COMMAND: a session running COMMAND (a shell line).
start() {
	local name=$1 cols=$2 rows=$3
	shift 3
	tm new-session -d -s "$name" -x "$cols" -y "$rows" "$*"
}

# screen NAME [-e]: the visible screen (-e: with colour escape sequences).
screen() { tm capture-pane -p -t "$1" ${2:-}; }

keys() { local name=$1; shift; tm send-keys -t "$name" "$@"; }

# now_ms: the time in milliseconds, for deadlines.
now_ms() { date +%s%3N; }

# wait_for NAME REGEX [SECONDS]: poll the screen until REGEX shows, or fail at
# the deadline (default 5 s).  Sets WAITED_MS to how long it took.
wait_for() {
	local name=$1 re=$2 limit=${3:-5} start
	start=$(now_ms)
	while :; do
		if screen "$name" | grep -Eq -- "$re"; then
			WAITED_MS=$(($(now_ms) - start))
			return 0
		fi
		if [ $(($(now_ms) - start)) -gt $((limit * 1000)) ]; then
			WAITED_MS=$(($(now_ms) - start))
			return 1
		fi
		sleep 0.02
	done
}

# expect_screen NAME TEST REGEX [SECONDS]: pass when REGEX shows in time.
expect_screen() {
	if wait_for "$1" "$3" "${4:-5}"; then
		pass "$2"
	else
		fail "$2: /$3/ did not show within ${4:-5} s" "$(screen "$1")"
	fi
}

# wait_file FILE [SECONDS]: poll until FILE exists and is not empty.
wait_file() {
	local file=$1 limit=${2:-5} start
	start=$(now_ms)
	until [ -s "$file" ]; do
		[ $(($(now_ms) - start)) -gt $((limit * 1000)) ] && return 1
		sleep 0.02
	done
}

# wait_dead NAME [SECONDS]: poll until the program in the session has ended.
wait_dead() {
	local name=$1 limit=${2:-5} start
	start=$(now_ms)
	until [ "$(tm list-panes -t "$name" -F '#{pane_dead}' 2>/dev/null)" = 1 ]; do
		[ $(($(now_ms) - start)) -gt $((limit * 1000)) ] && return 1
		sleep 0.02
	done
}
