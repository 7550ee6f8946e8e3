#!/usr/bin/env bash
# The console's terminal benchmarks, measured with ../shared/tools/ptyprobe
# in a 100×30 pseudo-terminal on the embedded sandbox:
#   start-up to the home screen, against a bare Bubble Tea v2 program (bench/bare);
#   key-to-echo latency while typing an amount (n opens the way-to-pay choice; a digit
#   there starts a card payment with the amount; 8 keys, grouped as typed);
#   peak memory (VmHWM) of the console over those keys, typed before its journal opens
#   (150 ms after the first frame: startup.go) — make memwalk measures it in use;
#   CPU time spent before the first frame, both programs (bench/startcpu): on a
#   machine that other work keeps busy, the wall time says more about the neighbours.
# Usage: bench/pty.sh [runs]   (default 7; prints each run and the medians)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
probe_dir=${PTYPROBE_DIR:-../shared/tools/ptyprobe}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$probe_dir" && go build -o "$out/ptyprobe" .)
# The console as make build builds it, static (CGO_ENABLED=0), and the
# baseline the same way, so the ratio compares programs, not linkers: each
# starts 3–4 ms sooner static than mapping libc (BUILD_CGO=1 measures both
# with the default build).
cgo=${BUILD_CGO:-0}
CGO_ENABLED=$cgo go build -o "$out/octo-cashier" .
go build -o "$out/startcpu" ./bench/startcpu
# The baseline is a module of its own (bench/bare/go.mod): it pulls only what
# Bubble Tea itself needs, not this module's requirements.
(cd bench/bare && CGO_ENABLED=$cgo go build -o "$out/bare" .)
# TMPDIR too: a console ended by SIGKILL leaves its sandbox journal behind.
mkdir -p "$out/tmp"
export HOME="$out/home" XDG_CONFIG_HOME="$out/home/.config" XDG_STATE_HOME="$out/home/.state" TMPDIR="$out/tmp"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for i in $(seq "$runs"); do
  "$out/ptyprobe" -cols 100 -rows 30 -ready "What would you like" -- "$out/bare" |
    awk '/startup_ms/ {print $2}' >>"$out/bare.start"
  "$out/ptyprobe" -cols 100 -rows 30 -ready "What would you like" \
    -keys "n,2,3,4,5,6,7,8" -expect "How does the customer pay,> 2,> 23,> 234,> 2 345,> 23 456,> 234 567,> 2 345 678" \
    -- "$out/octo-cashier" >"$out/run.$i"
  "$out/startcpu" -cols 100 -rows 30 -ready "What would you like" -- "$out/bare" |
    awk '/cpu_ms/ {print $2}' >>"$out/bare.cpu"
  "$out/startcpu" -cols 100 -rows 30 -ready "What would you like" -- "$out/octo-cashier" |
    awk '/cpu_ms/ {print $2}' >>"$out/oc.cpu"
  awk '/startup_ms/ {print $2 >> "'"$out"'/oc.start"} /key_ms_p50/ {print $2 >> "'"$out"'/oc.p50"}
       /key_ms_max/ {print $2 >> "'"$out"'/oc.max"} /rss_peak_kb/ {print $2 >> "'"$out"'/oc.rss"}' "$out/run.$i"
  echo "run $i: bare start $(tail -1 "$out/bare.start") ms (CPU $(tail -1 "$out/bare.cpu") ms);" \
    "console start $(tail -1 "$out/oc.start") ms (CPU $(tail -1 "$out/oc.cpu") ms)," \
    "key p50 $(tail -1 "$out/oc.p50") ms, max $(tail -1 "$out/oc.max") ms, peak $(tail -1 "$out/oc.rss") kB"
done
b=$(median <"$out/bare.start"); c=$(median <"$out/oc.start")
bc=$(median <"$out/bare.cpu"); cc=$(median <"$out/oc.cpu")
echo "median of $runs: bare Bubble Tea start ${b} ms; console start ${c} ms (×$(awk -v b="$b" -v c="$c" 'BEGIN {printf "%.2f", c/b}'));" \
  "CPU to the first frame: bare ${bc} ms, console ${cc} ms (×$(awk -v b="$bc" -v c="$cc" 'BEGIN {printf "%.2f", c/b}'))," \
  "key-to-echo p50 $(median <"$out/oc.p50") ms (max of runs $(sort -n "$out/oc.max" | tail -1) ms)," \
  "peak memory $(( $(median <"$out/oc.rss") / 1024 )) MB"
