#!/usr/bin/env bash
# Times each of the first three keys of a few queries from the key to the
# new count on screen, in tmux at 160x48: paperboat on a corpus opened from
# its cache, and fzf on the same papers as lines (title, authors, tags),
# typed the same way.
#
#   scripts/bench-typing.sh CORPUS COUNT LINES CACHE_DIR
#
# CORPUS is a corpus file of COUNT papers (digits only), LINES the same
# papers as lines for fzf (`cargo run --release --example synthetic --
# N SEED --fzf-lines`), CACHE_DIR a cache dir the corpus was opened with
# once (the figures are for a warm open). Environment: QUERIES (default
# "mamba ret seg llm"), KEYS (3), PAUSE (seconds between a key's count and
# the next key; 0.15), SETTLE (seconds the reader is left idle after its
# full count, so that it indexes the headlines' words; 8).
# Needs tmux; installs fzf from Debian if needed.
set -euo pipefail
corpus=${1:?corpus file}
count=${2:?number of papers}
lines=${3:?the papers as lines, for fzf}
cache=${4:?cache dir}
read -r -a queries <<<"${QUERIES:-mamba ret seg llm}"
keys=${KEYS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v fzf >/dev/null; then
  echo "installing fzf from Debian" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fzf >/dev/null
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/paperboat"
config=$(mktemp -d)
session=pb-typing
trap 'tmux kill-session -t $session 2>/dev/null || true; rm -rf "$config"' EXIT

now() { date +%s%N; }
# The count on screen: `N / M` in paperboat's header, `N/M` in fzf's info
# line (the second from the bottom).
header() { tmux capture-pane -p -t "$session" | head -1 | grep -o '[0-9,]*+\? / [0-9,]*' || true; }
info() { tmux capture-pane -p -t "$session" | tail -2 | head -1; }

# wait_change READ BEFORE DONE [START]: milliseconds from START (now) until
# READ prints something other than BEFORE that DONE accepts (at most 5 s).
wait_change() {
  local read=$1 before=$2 done=$3 start=${4:-$(now)} line
  while true; do
    line=$($read)
    if [[ $line != "$before" ]] && $done "$line"; then break; fi
    if (( ($(now) - start) / 1000000 > 5000 )); then echo ">5000"; return; fi
    sleep 0.002
  done
  echo $(( ($(now) - start) / 1000000 ))
}
# paperboat: the header shows a count; a first screen of results shows it
# as `N+ / M` while the rest is searched.
counted() { [[ -n $1 ]]; }
whole() { [[ -n $1 && $1 != *+* ]]; }
# fzf: a count with no spinner before it (matching is over).
matched() { [[ $1 =~ ^\ +[0-9]+/[0-9]+ ]]; }

# type_query READ DONE QUERY: types the first KEYS keys of QUERY, waiting
# for each key's count; prints the milliseconds of each.
type_query() {
  local read=$1 done=$2 query=$3 out=() before k start first
  for (( k = 0; k < keys && k < ${#query}; k++ )); do
    before=$($read)
    start=$(now)
    tmux send-keys -t "$session" -l "${query:k:1}"
    first=$(wait_change "$read" "$before" "$done" "$start")
    if [[ $done == counted ]]; then
      # And to the whole count, when a first screen came before it.
      first+="/$(wait_change "$read" "$before" whole "$start")"
    fi
    out+=("$first")
    # About the pace of typing: work beside the keyboard that waits for
    # the keys to rest has not started yet.
    sleep "${PAUSE:-0.15}"
  done
  echo "${out[*]}"
}

shown=$(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$count")
tmux kill-session -t $session 2>/dev/null || true
tmux new-session -d -s $session -x 160 -y 48 \
  "$bin --corpus ${corpus@Q} --config-dir ${config@Q} --cache-dir ${cache@Q}"
until [[ $(header) == "$shown / $shown" ]]; do sleep 0.05; done
sleep "${SETTLE:-8}"
declare -A paperboat
for query in "${queries[@]}"; do
  tmux send-keys -t $session /
  sleep 0.3
  paperboat[$query]=$(type_query header counted "$query")
  # Esc leaves the query line, Esc again clears the query.
  tmux send-keys -t $session Escape
  sleep 0.2
  tmux send-keys -t $session Escape
  until [[ $(header) == "$shown / $shown" ]]; do sleep 0.05; done
  sleep 0.5
done
tmux kill-session -t $session

tmux new-session -d -s $session -x 160 -y 48 "fzf < ${lines@Q}"
until info | grep -Eq "^ +$count/$count"; do sleep 0.05; done
declare -A fzf
for query in "${queries[@]}"; do
  fzf[$query]=$(type_query info matched "$query")
  tmux send-keys -t $session C-u
  until info | grep -Eq "^ +$count/$count"; do sleep 0.05; done
  sleep 0.5
done

echo "key to count on screen, ms, for each of the first $keys keys"
echo "(paperboat: first screen / whole count)"
printf '%-10s %-28s %s\n' query paperboat fzf
for query in "${queries[@]}"; do
  printf '%-10s %-28s %s\n' "$query" "${paperboat[$query]}" "${fzf[$query]}"
done
