#!/usr/bin/env bash
# Run every cargo-fuzz target for SECONDS each (default 600), one after another, seeded from
# fuzz/seeds/<target>. Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Crashes are written to fuzz/artifacts/<target>/; copy each into fuzz/regressions/<target>/ so
# that `cargo test --test fuzz_regressions` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
targets=${TARGETS:-"mrz_parse profile_parse id_numbers image_decode image_load"}
for target in $targets; do
    mkdir -p "fuzz/corpus/$target"
    max_len=4096
    case "$target" in image_*) max_len=65536 ;; esac
    echo "== $target: ${seconds}s"
    cargo +nightly fuzz run -O "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len="$max_len" \
        -print_final_stats=1 2>&1 | tail -n 25
done
