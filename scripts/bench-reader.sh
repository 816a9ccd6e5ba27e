#!/usr/bin/env bash
# Times the reader from its start to every paper of a corpus counted on
# screen (`N / N` in the header), in tmux at 160x48, and prints its memory
# then and a few seconds later.
#
#   scripts/bench-reader.sh CORPUS COUNT [CACHE_DIR]
#
# COUNT is the number of papers in CORPUS (as the header writes it, digits
# only). Without CACHE_DIR the reader runs with --no-cache. Run it twice
# with the same CACHE_DIR for a first (cold) and a warm open. Needs tmux;
# builds the release binary first.
set -euo pipefail
corpus=${1:?corpus file}
count=${2:?number of papers}
cache=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/paperboat"
config=$(mktemp -d)
trap 'tmux kill-session -t pb-bench 2>/dev/null || true; rm -rf "$config"' EXIT
args=(--corpus "$corpus" --config-dir "$config")
if [[ -n $cache ]]; then args+=(--cache-dir "$cache"); else args+=(--no-cache); fi
tmux kill-session -t pb-bench 2>/dev/null || true
# The header counts with thousands separators.
shown=$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$count")
start=$(date +%s%N)
tmux new-session -d -s pb-bench -x 160 -y 48 "$bin ${args[*]@Q}"
pid=""
while true; do
  [[ -z $pid ]] && pid=$(pgrep -n -f "^$bin --corpus" || true)
  if tmux capture-pane -p -t pb-bench 2>/dev/null | head -1 | grep -q " $shown / $shown "; then
    break
  fi
  if (( ($(date +%s%N) - start) / 1000000 > 600000 )); then
    echo "no full count after 600 s" >&2
    exit 1
  fi
  sleep 0.01
done
end=$(date +%s%N)
memory() { awk '/VmRSS|VmHWM|RssAnon|RssFile/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/$pid/status"; }
echo "full count on screen after $(( (end - start) / 1000000 )) ms; $(memory)"
sleep "${SETTLE:-5}"
echo "${SETTLE:-5} s later: $(memory)"
tmux capture-pane -p -t pb-bench | tail -1
