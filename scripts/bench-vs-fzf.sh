#!/usr/bin/env bash
# paperboat search against fzf --filter on the same synthetic papers: wall
# time (best of RUNS) and peak memory per query, from a broad query to one
# that matches nothing. paperboat reads the corpus file (arXiv JSON Lines,
# or native while this build's loader cannot read arXiv); fzf reads one line
# per paper: title, authors and tags. Hit counts differ by design: paperboat
# matches each word in tiers (whole word, word start, word initials, inside
# a word, then letters dropped within one word or typos, in headlines and
# then abstracts), fzf as any subsequence.
#
# Cold: the first search with an empty cache dir, which reads the file and
# keeps its index and abstracts index there. Warm: every search after it.
#
#   scripts/bench-vs-fzf.sh               # 1,000,000 papers
#   N=100000 RUNS=5 scripts/bench-vs-fzf.sh
#
# Environment: N (papers, default 1000000), SEED (42), RUNS (3),
# CARGO_TARGET_DIR (target). Files are cached in $CARGO_TARGET_DIR/bench-corpora/
# under the names benches/load.rs uses; delete them after changing the generator.
set -euo pipefail
shopt -s inherit_errexit
export LC_ALL=C
cd "$(dirname "$0")/.."

N=${N:-1000000}
SEED=${SEED:-42}
RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}
CORPORA=$TARGET/bench-corpora
# Broad, medium, misspelt, no match.
QUERIES=("seg" "mamba seg" "transfrmr" "zzqxj")

# --- tools -------------------------------------------------------------------

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    echo "installing $* from Debian" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v fzf >/dev/null || apt_install fzf
[[ -x /usr/bin/time ]] || apt_install time

cargo build --release --quiet --bins --examples
PAPERBOAT=$TARGET/release/paperboat
SYNTHETIC=$TARGET/release/examples/synthetic

# --- files -------------------------------------------------------------------

# generate FILE ARGS...: writes the synthetic output for ARGS to FILE unless
# it is already there; written aside and renamed so a broken run leaves none.
generate() {
    local file=$1
    shift
    [[ -s $file ]] && return 0
    mkdir -p "$(dirname "$file")"
    echo "generating $file" >&2
    "$SYNTHETIC" "$@" >"$file.partial"
    mv "$file.partial" "$file"
}

FORMAT=arxiv
PROBE=$CORPORA/arxiv-20-$SEED.jsonl
generate "$PROBE" 20 "$SEED" --format arxiv
if ! "$PAPERBOAT" check "$PROBE" >/dev/null 2>&1; then
    echo "note: this paperboat does not read arXiv JSON Lines yet; using the native format" >&2
    FORMAT=native
fi
case $FORMAT in
arxiv) CORPUS=$CORPORA/arxiv-$N-$SEED.jsonl ;;
*) CORPUS=$CORPORA/$FORMAT-$N-$SEED.json ;;
esac
LINES=$CORPORA/fzf-lines-$N-$SEED.txt
generate "$CORPUS" "$N" "$SEED" --format "$FORMAT"
generate "$LINES" "$N" "$SEED" --fzf-lines

# --- measuring ---------------------------------------------------------------

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# found_or_not CMD...: runs CMD; exit 1 (nothing matched, for both tools) is
# a result, anything else above 0 a failure.
found_or_not() {
    local status=0
    "$@" || status=$?
    if ((status > 1)); then
        echo "failed with status $status: $*" >&2
        return "$status"
    fi
}

# measure INPUT CMD...: runs CMD RUNS times with INPUT on stdin and output
# discarded; prints the best wall time in seconds and the peak RSS in KiB.
measure() {
    local input=$1 best="" peak=0 start end rss i
    shift
    for ((i = 0; i < RUNS; i++)); do
        start=$EPOCHREALTIME
        found_or_not /usr/bin/time -f '%M' -o "$WORK/rss" "$@" <"$input" >/dev/null
        end=$EPOCHREALTIME
        # GNU time puts "Command exited with non-zero status 1" first.
        rss=$(tail -n 1 "$WORK/rss")
        best=$(awk -v s="$start" -v e="$end" -v b="$best" \
            'BEGIN { t = e - s; if (b == "" || t < b) b = t; printf "%.3f", b }')
        if ((rss > peak)); then peak=$rss; fi
    done
    echo "$best $peak"
}

# count INPUT CMD...: the number of lines CMD prints.
count() {
    local input=$1
    shift
    found_or_not "$@" <"$input" >"$WORK/out"
    wc -l <"$WORK/out" | tr -d ' '
}

# --- report ------------------------------------------------------------------

size_of() { du -sh "$1" | cut -f1; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
echo "paperboat $("$PAPERBOAT" --version | cut -d' ' -f2) ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), fzf $(fzf --version | cut -d' ' -f1)"
echo "$N papers: $CORPUS ($FORMAT, $(size_of "$CORPUS")), $LINES ($(size_of "$LINES")); best of $RUNS runs"
echo

CACHE=$WORK/cache
export PAPERBOAT_CACHE_DIR=$CACHE
start=$EPOCHREALTIME
found_or_not /usr/bin/time -f '%M' -o "$WORK/rss" "$PAPERBOAT" search --corpus "$CORPUS" "${QUERIES[0]}" --format tsv >/dev/null
end=$EPOCHREALTIME
cold_s=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
cold_mb=$(( $(tail -n 1 "$WORK/rss") / 1024 ))
echo "cold (empty cache, '${QUERIES[0]}'): $cold_s s, $cold_mb MB peak; cache on disk: $(size_of "$CACHE") (index $(size_of "$CACHE"/*/index), abstracts $(size_of "$CACHE"/*/abstracts))"
echo "warm:"

row() { printf '%-17s %9s %9s %11s %8s %7s %12s %7s %7s\n' "$@"; }
row query "pb hits" "fzf hits" "paperboat s" "fzf s" "time x" "paperboat MB" "fzf MB" "mem x"
for query in "${QUERIES[@]}"; do
    pb_hits=$(count /dev/null "$PAPERBOAT" search --corpus "$CORPUS" "$query" --format tsv)
    fzf_hits=$(count "$LINES" fzf --filter "$query")
    pb=$(measure /dev/null "$PAPERBOAT" search --corpus "$CORPUS" "$query" --format tsv)
    fzf=$(measure "$LINES" fzf --filter "$query")
    read -r pb_s pb_kib <<<"$pb"
    read -r fzf_s fzf_kib <<<"$fzf"
    derived=$(awk -v a="$pb_s" -v b="$fzf_s" -v c="$pb_kib" -v d="$fzf_kib" \
        'BEGIN { printf "%.1f %.0f %.0f %.1f", (b > 0 ? a / b : 0), c / 1024, d / 1024, (d > 0 ? c / d : 0) }')
    read -r time_x pb_mb fzf_mb mem_x <<<"$derived"
    row "'$query'" "$pb_hits" "$fzf_hits" "$pb_s" "$fzf_s" "$time_x" "$pb_mb" "$fzf_mb" "$mem_x"
done
