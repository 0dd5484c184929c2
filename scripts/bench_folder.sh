#!/usr/bin/env bash
# The folder benchmark (not in CI): images per second at 1 and 2 jobs and the peak resident
# memory of each run, on generated 12-megapixel phone photos; and the start-up time of
# `--version` and `checks`.
#
#   scripts/bench_folder.sh [N] [DIR]     (default 500 photos in /tmp/kyc-bench-N)
#
# The photos are generated once (make-batch, deterministic) and reused by later runs. Needs
# GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
dir="${2:-/tmp/kyc-bench-$n}"
cargo build --release -q -p kyc-preflight -p kyc-synth --bin kyc-preflight --bin make-batch
if [ ! -d "$dir" ]; then
    ./target/release/make-batch --n "$n" --out "$dir" >/dev/null
fi
echo "| jobs | photos | wall time | photos per second | peak resident memory |"
echo "|---:|---:|---:|---:|---:|"
for jobs in 1 2; do
    log="$(mktemp)"
    start=$(date +%s.%N)
    /usr/bin/time -v ./target/release/kyc-preflight check "$dir" --jobs "$jobs" \
        --format ndjson --today 2026-11-22 >/dev/null 2>"$log" || true
    end=$(date +%s.%N)
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    rm -f "$log"
    awk -v j="$jobs" -v n="$n" -v s="$start" -v e="$end" -v r="$rss_kb" 'BEGIN {
        t = e - s; printf "| %d | %d | %.1f s | %.2f | %.0f MB |\n", j, n, t, n / t, r / 1024 }'
done
echo
for args in "--version" "checks"; do
    start=$(date +%s.%N)
    for _ in $(seq 100); do ./target/release/kyc-preflight $args >/dev/null; done
    end=$(date +%s.%N)
    awk -v a="$args" -v s="$start" -v e="$end" 'BEGIN {
        printf "kyc-preflight %s: %.1f ms per run (mean of 100)\n", a, (e - s) * 10 }'
done
