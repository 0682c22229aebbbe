#!/usr/bin/env bash
# Benchmarks `claimdiff check --format json` against ripgrep scanning the same corpus for the
# same expanded patterns, and against a plain Python script (benches/baseline.py).
# Prints throughput, ratios, peak RSS and a scaling table over N (articles) and R (rules);
# every figure is the median of RUNS runs. See docs/performance.md.
#
# Environment (defaults finish in under 10 minutes on 2 cores):
#   RUNS=3                 runs per measurement (median reported)
#   NS="1000 10000"        article counts for the N scaling (R fixed at R_FOR_N)
#   RS="10 100 1000"       rule counts for the R scaling (N fixed at N_FOR_R)
#   R_FOR_N=100  N_FOR_R=1000
#   PY_POINTS="1000:10"    N:R pairs at which the Python baseline runs (it is slow)
#   SEED=1  WORK=target/bench
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
NS=${NS:-"1000 10000"}
RS=${RS:-"10 100 1000"}
R_FOR_N=${R_FOR_N:-100}
N_FOR_R=${N_FOR_R:-1000}
PY_POINTS=${PY_POINTS:-"1000:10"}
SEED=${SEED:-1}
WORK=${WORK:-target/bench}

need() {
    command -v rg >/dev/null || cargo install ripgrep --locked
    [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
    command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
}

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME CMD...: runs CMD $RUNS times; sets SECS and RSS_MB (medians)
measure() {
    local times="" rss="" out
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -o "$WORK/time.txt" -f "%e %M" "$@" >/dev/null 2>&1 || true
        out=$(grep -v '^Command exited' "$WORK/time.txt" | tail -1)
        times+="${out%% *}"$'\n'
        rss+="${out##* }"$'\n'
    done
    SECS=$(printf '%s' "$times" | median)
    RSS_MB=$(printf '%s' "$rss" | median | awk '{printf "%.0f", $1/1024}')
}

corpus() { # corpus N R -> sets DIR, MB
    DIR="$WORK/n$1-r$2"
    [ -f "$DIR/done" ] || {
        rm -rf "$DIR"
        "$BIN" bench-corpus --articles "$1" --rules "$2" --seed "$SEED" --out "$DIR" >/dev/null
        "$BIN" rules --expanded --claims "$DIR/claims.yaml" > "$DIR/rules.tsv"
        cut -f2 "$DIR/rules.tsv" | sed -e 's/^(?i)//' -e 's/(?P<value>/(?:/g' > "$DIR/rg-patterns.txt"
        touch "$DIR/done"
    }
    MB=$(du -sm --apparent-size "$DIR/articles" | cut -f1)
}

row() { # row N R -> prints one table row
    corpus "$1" "$2"
    measure "$BIN" check "$DIR/articles" --claims "$DIR/claims.yaml" --format json --quiet
    local cd_s=$SECS cd_rss=$RSS_MB
    measure rg -U -i -c --no-ignore -j "$(nproc)" -f "$DIR/rg-patterns.txt" "$DIR/articles"
    local rg_s=$SECS rg_rss=$RSS_MB
    local py_s="-" py_ratio="-"
    if [[ " $PY_POINTS " == *" $1:$2 "* ]]; then
        local keep=$RUNS; RUNS=1
        measure python3 benches/baseline.py "$DIR/rules.tsv" "$DIR/articles"
        RUNS=$keep
        py_s=$SECS
        py_ratio=$(awk -v p="$py_s" -v c="$cd_s" 'BEGIN {printf "%.1f", p/c}')
    fi
    awk -v n="$1" -v r="$2" -v mb="$MB" -v c="$cd_s" -v cr="$cd_rss" -v g="$rg_s" -v gr="$rg_rss" \
        -v p="$py_s" -v pr="$py_ratio" 'BEGIN {
        printf "| %7d | %5d | %6d | %8.2f | %7.1f | %6d | %7.2f | %6.1f | %8s | %11s |\n",
            n, r, mb, c, mb/c, cr, g, c/g, p, pr }'
}

need
cargo build --release --quiet
BIN=target/release/claimdiff
mkdir -p "$WORK"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); runs per figure: $RUNS (median)"
echo "ripgrep: $(rg --version | head -1); python: $(python3 --version)"
echo
header="|       N |     R |     MB | claimdiff s | MB/s | RSS MB |   rg s | cd/rg | python s | python/cd |"
echo "Scaling in N (R=$R_FOR_N)"; echo "$header"
for n in $NS; do row "$n" "$R_FOR_N"; done
echo
echo "Scaling in R (N=$N_FOR_R)"; echo "$header"
for r in $RS; do row "$N_FOR_R" "$r"; done
echo
echo "Targets: cd/rg <= 2 at R=100; python/cd >= 20; time linear in N, sub-linear in R;"
echo "peak RSS < 200 MB at N=100000 (run with NS=\"1000 10000 100000\")."
