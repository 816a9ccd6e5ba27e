#!/usr/bin/env bash
# Captures the reader's screens as text into docs/: the main screen and
# the timeline popup, at 120x40 on the bundled corpus, in the dark and
# light presets (`capture-pane -e`: with colours, for `cat` in a
# terminal), and the main screen as plain text (shown in the README).
#
#   scripts/screenshots.sh
#
# Needs tmux; builds the release binary first. Runs on a tmux server of
# its own with no config, and a config dir of its own (nothing read yet,
# nothing bookmarked).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/paperboat"
out="$root/docs"
mkdir -p "$out"
config=$(mktemp -d)
tmux=(tmux -L paperboat-screenshots -f /dev/null)
trap '"${tmux[@]}" kill-server 2>/dev/null || true; rm -rf "$config"' EXIT

# Waits until the screen shows $2 (a fixed string), at most 10 s.
wait_for() {
  for _ in $(seq 200); do
    if "${tmux[@]}" capture-pane -p -t "$1" | grep -qF -- "$2"; then return 0; fi
    sleep 0.05
  done
  echo "screenshots: \`$2\` never showed" >&2
  exit 1
}

# A session that outlives the reader's, so that the server does not exit
# (and race the next start) when a reader quits.
"${tmux[@]}" new-session -d -s keep -x 20 -y 5 "sleep 600"

for theme in dark light; do
  session="shot-$theme"
  "${tmux[@]}" new-session -d -s "$session" -x 120 -y 40 \
    "$bin --config-dir ${config@Q} --no-cache --theme $theme"
  wait_for "$session" "192 / 192"
  # Before the two seconds that make the first paper read.
  "${tmux[@]}" capture-pane -e -p -t "$session" > "$out/screen-$theme.ansi"
  if [[ $theme == dark ]]; then
    "${tmux[@]}" capture-pane -p -t "$session" > "$out/screen.txt"
  fi
  "${tmux[@]}" send-keys -t "$session" t
  wait_for "$session" "busiest"
  "${tmux[@]}" capture-pane -e -p -t "$session" > "$out/timeline-$theme.ansi"
  "${tmux[@]}" send-keys -t "$session" Escape
  "${tmux[@]}" send-keys -t "$session" q
done
echo "screenshots: written to docs/ (screen.txt, screen-{dark,light}.ansi, timeline-{dark,light}.ansi)"
