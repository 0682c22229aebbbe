#!/usr/bin/env bash
# Benchmarks `claimdiff check --format json` against ripgrep scanning the same corpus for the
# same expanded patterns, and against a plain Python script (benches/baseline.py). The corpora
# come from `bench-corpus` (benches/workload).
# Prints throughput, ratios, peak RSS and scaling tables over N (articles) and R (rules) for
# a realistic claim file (a share ON_TOPIC of its generated rules about the sample story, the
# rest about other stories), and over R for the worst case (every rule on topic); every
# figure is the median of RUNS runs. claimdiff and ripgrep run alternately, and cd/rg is the
# median of each pair's ratio. See docs/performance.md.
#
# Environment (defaults finish in under 10 minutes on 2 cores):
#   RUNS=3                 runs per measurement (median reported)
#   RUNS_BIG=1             runs for rows with N >= 100000 or R >= 1000 (each takes minutes)
#   NS="1000 10000"        article counts for the N scaling (R fixed at R_FOR_N)
#   RS="10 100 1000"       rule counts for the R scaling (N fixed at N_FOR_R)
#   R_FOR_N=100  N_FOR_R=1000
#   ON_TOPIC=0.1           share of generated rule variants about the sample story (the
#                          others are about other stories, which the prefilter skips)
#   WORST_RS=""            rule counts for the worst case, every variant on topic
#                          (--on-topic 1), at N_FOR_R; none by default (WORST_RS=1000
#                          adds ~6 minutes on a 2-core machine, ripgrep's run most of it)
#   PY_POINTS="1000:10"    N:R pairs at which the Python baseline runs (it is slow)
#   (an empty NS, RS, WORST_RS or PY_POINTS skips that part)
#   SEED=1  WORK=target/bench
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
RUNS_BIG=${RUNS_BIG:-1}
NS=${NS-"1000 10000"}
RS=${RS-"10 100 1000"}
R_FOR_N=${R_FOR_N:-100}
N_FOR_R=${N_FOR_R:-1000}
ON_TOPIC=${ON_TOPIC:-0.1}
WORST_RS=${WORST_RS-""}
PY_POINTS=${PY_POINTS-"1000:10"}
SEED=${SEED:-1}
WORK=${WORK:-target/bench}

need() {
    command -v rg >/dev/null || cargo install ripgrep --locked
    [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
    command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
}

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# run_once CMD...: runs CMD once; sets ONE_S (wall seconds) and ONE_KB (peak RSS). Exit status
# 0 or 1 (claimdiff: discrepancies found; rg: nothing found) is success; anything else stops
# the benchmark, so a broken command is never timed.
run_once() {
    local out status=0
    /usr/bin/time -o "$WORK/time.txt" -f "%e %M" "$@" >/dev/null 2>"$WORK/stderr.txt" || status=$?
    if [ "$status" -gt 1 ] || { [ "$1" = python3 ] && [ "$status" -ne 0 ]; }; then
        echo "failed (exit $status): $*" >&2; tail -5 "$WORK/stderr.txt" >&2; exit 2
    fi
    out=$(grep -v '^Command exited' "$WORK/time.txt" | tail -1)
    ONE_S=${out%% *}
    ONE_KB=${out##* }
}

# measure CMD...: runs CMD $RUNS times; sets SECS and RSS_MB (medians).
measure() {
    local times="" rss=""
    for _ in $(seq "$RUNS"); do
        run_once "$@"
        times+="$ONE_S"$'\n'
        rss+="$ONE_KB"$'\n'
    done
    SECS=$(printf '%s' "$times" | median)
    RSS_MB=$(printf '%s' "$rss" | median | awk '{printf "%.0f", $1/1024}')
}

# measure_pair DIR: claimdiff and ripgrep on the corpus in DIR, one after the other, $RUNS
# times; sets CD_S, CD_RSS, RG_S, RG_RSS (medians) and RATIO, the median of each pair's
# claimdiff/rg. The host's speed drifts by tens of per cent over minutes (rg alone took 18 to
# 70 s at N=100,000 on one machine): paired runs see the same drift, three runs of one tool
# then three of the other do not.
measure_pair() {
    local cd_t="" cd_m="" rg_t="" rg_m="" ratios="" c
    for _ in $(seq "$RUNS"); do
        run_once "$BIN" check "$1/articles" --claims "$1/claims.yaml" --format json --quiet
        c=$ONE_S
        cd_t+="$ONE_S"$'\n'
        cd_m+="$ONE_KB"$'\n'
        run_once rg -U -i -c --no-ignore --regex-size-limit 2G -j "$(nproc)" -f "$1/rg-patterns.txt" "$1/articles"
        rg_t+="$ONE_S"$'\n'
        rg_m+="$ONE_KB"$'\n'
        ratios+=$(awk -v c="$c" -v g="$ONE_S" 'BEGIN {printf "%.4f", c / g}')$'\n'
    done
    CD_S=$(printf '%s' "$cd_t" | median)
    CD_RSS=$(printf '%s' "$cd_m" | median | awk '{printf "%.0f", $1/1024}')
    RG_S=$(printf '%s' "$rg_t" | median)
    RG_RSS=$(printf '%s' "$rg_m" | median | awk '{printf "%.0f", $1/1024}')
    RATIO=$(printf '%s' "$ratios" | median)
}

corpus() { # corpus N R SHARE -> sets DIR, MB
    DIR="$WORK/n$1-r$2-t$3"
    [ -f "$DIR/done" ] || {
        rm -rf "$DIR"
        "$GEN" --articles "$1" --rules "$2" --on-topic "$3" --seed "$SEED" \
            --out "$DIR" >/dev/null
        "$BIN" rules --expanded --claims "$DIR/claims.yaml" > "$DIR/rules.tsv"
        touch "$DIR/done"
    }
    # ripgrep joins the patterns into one regex; one Unicode word boundary (`\b`, as in
    # the {name} block) makes its lazy DFA quit on the first non-ASCII byte and fall
    # back to a 100x slower engine for the whole corpus, so rg gets ASCII boundaries:
    # the fastest regex scan, not a handicapped one.
    cut -f2 "$DIR/rules.tsv" | sed -e 's/^(?i)//' -e 's/(?P<value>/(?:/g' \
        -e 's/(?-u:\\b)/\\b/g' -e 's/\\b/(?-u:\\b)/g' > "$DIR/rg-patterns.txt"
    MB=$(du -sm --apparent-size "$DIR/articles" | cut -f1)
}

row() { # row N R AXIS SHARE -> prints one table row, records it in $WORK/rows.tsv
    # A point measured earlier in this run (N=1000, R=100 is on both axes) is not timed again.
    local seen table="$WORK/table-t$4.txt"
    seen=$(awk -F'\t' -v n="$1" -v r="$2" -v t="$4" '$1 == n && $2 == r && $8 == t' "$WORK/rows.tsv" | head -1)
    if [ -n "$seen" ]; then
        printf '%s\n' "$seen" | awk -F'\t' -v axis="$3" 'BEGIN {OFS="\t"} {$7 = axis; print}' >> "$WORK/rows.tsv"
        grep -F "| $(printf '%7d' "$1") | $(printf '%5d' "$2") |" "$table" | head -1
        return
    fi
    corpus "$1" "$2" "$4"
    local keep_runs=$RUNS
    if [ "$1" -ge 100000 ] || [ "$2" -ge 1000 ]; then RUNS=$RUNS_BIG; fi
    measure_pair "$DIR"
    local cd_s=$CD_S cd_rss=$CD_RSS rg_s=$RG_S ratio=$RATIO
    local py_s="-" py_ratio="-"
    if [[ " $PY_POINTS " == *" $1:$2 "* ]]; then
        local keep=$RUNS; RUNS=1
        measure python3 benches/baseline.py "$DIR/rules.tsv" "$DIR/articles"
        RUNS=$keep
        py_s=$SECS
        py_ratio=$(awk -v p="$py_s" -v c="$cd_s" 'BEGIN {printf "%.1f", p/c}')
    fi
    RUNS=$keep_runs
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$cd_s" "$cd_rss" "$rg_s" "$py_s" "$3" "$4" "$ratio" >> "$WORK/rows.tsv"
    awk -v n="$1" -v r="$2" -v mb="$MB" -v c="$cd_s" -v cr="$cd_rss" -v g="$rg_s" -v q="$ratio" \
        -v p="$py_s" -v pr="$py_ratio" 'BEGIN {
        printf "| %7d | %5d | %6d | %8.2f | %7.1f | %6d | %7.2f | %6.2f | %8s | %11s |\n",
            n, r, mb, c, mb/c, cr, g, q, p, pr }' | tee -a "$table"
}

need
# claimdiff and the workload generator (benches/workload, a workspace member outside the
# shipped binary). They add no features to each other's dependencies, so this claimdiff is
# the one `cargo build --release` alone makes.
cargo build --release --quiet -p claimdiff -p claimdiff-bench
BIN=target/release/claimdiff
GEN=target/release/bench-corpus
mkdir -p "$WORK"
: > "$WORK/rows.tsv"
rm -f "$WORK"/table-t*.txt
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); runs per figure: $RUNS (median), $RUNS_BIG for N >= 100000 or R >= 1000"
echo "ripgrep: $(rg --version | head -1); python: $(python3 --version)"
echo
header="|       N |     R |     MB | claimdiff s | MB/s | RSS MB |   rg s | cd/rg | python s | python/cd |"
echo "Scaling in N (R=$R_FOR_N, on-topic share $ON_TOPIC)"; echo "$header"
for n in $NS; do row "$n" "$R_FOR_N" N "$ON_TOPIC"; done
echo
echo "Scaling in R (N=$N_FOR_R, on-topic share $ON_TOPIC)"; echo "$header"
for r in $RS; do row "$N_FOR_R" "$r" R "$ON_TOPIC"; done
if [ -n "$WORST_RS" ]; then
    echo
    echo "Scaling in R, every variant on-topic (worst case; N=$N_FOR_R)"; echo "$header"
    for r in $WORST_RS; do row "$N_FOR_R" "$r" W 1; done
fi
echo
echo "Targets (issue 7), from the rows above:"
awk -F'\t' -v share="$ON_TOPIC" '
function verdict(ok) { return ok ? "met" : "NOT met" }
{ n=$1; r=$2; c=$3; rss=$4; g=$5; p=$6; axis=$7; q=$9 }
r == 100 && axis != "W" { ratio = q; if (ratio > worst_rg) worst_rg = ratio; seen_rg = 1 }
p != "-" { pr = p / c; if (!seen_py || pr < worst_py) worst_py = pr; seen_py = 1 }
axis == "N" { if (!nmin || n < nmin) { nmin = n; tnmin = c } if (n > nmax) { nmax = n; tnmax = c; rssmax = rss } }
axis == "R" { if (!rmin || r < rmin) { rmin = r; trmin = c } if (r > rmax) { rmax = r; trmax = c } }
axis == "W" { if (!wmin || r < wmin) { wmin = r; twmin = c } if (r > wmax) { wmax = r; twmax = c } }
END {
    if (seen_rg) printf "  claimdiff/rg at R=100 <= 2:     worst %.2f  %s\n", worst_rg, verdict(worst_rg <= 2)
    if (seen_py) printf "  python/claimdiff >= 20:         worst %.1f  %s\n", worst_py, verdict(worst_py >= 20)
    if (nmax > nmin) {
        e = log(tnmax / tnmin) / log(nmax / nmin)
        printf "  time linear in N:               N %d -> %d costs %.2f -> %.2f s, exponent %.2f  %s\n", nmin, nmax, tnmin, tnmax, e, verdict(e <= 1.1)
    }
    if (rmax > rmin) {
        e = log(trmax / trmin) / log(rmax / rmin)
        printf "  time sub-linear in R:           R %d -> %d costs %.2f -> %.2f s, exponent %.2f  %s (on-topic share %s)\n", rmin, rmax, trmin, trmax, e, verdict(e <= 0.9), share
    }
    # With one worst-case row, the series starts from the smallest R of the default series.
    if (wmax && wmin == wmax && rmin && rmin < wmax) { wmin = rmin; twmin = trmin; from = " (from the default series)" }
    if (wmax > wmin) {
        e = log(twmax / twmin) / log(wmax / wmin)
        printf "  worst case, every variant on-topic: R %d%s -> %d costs %.2f -> %.2f s, exponent %.2f  (no target)\n", wmin, from, wmax, twmin, twmax, e
    }
    if (nmax >= 100000) printf "  peak RSS < 200 MB at N=%d:   %d MB  %s\n", nmax, rssmax, verdict(rssmax < 200)
    else printf "  peak RSS < 200 MB at N=100000: not run (NS=\"1000 10000 100000\" runs it)\n"
}' "$WORK/rows.tsv"
