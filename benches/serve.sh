#!/usr/bin/env bash
# Serving speed: `bireport serve` on a generated index over loopback, CONNECTIONS clients
# at once running `bench`'s query mix (oha, from crates.io), once as served (answers kept
# for searches asked again) and once with nothing kept (every search run), with
# `bireport search` end to end (a process per search, as a script would run it) beside
# them in the same run.
# Usage: benches/serve.sh [RECORDS] [SECONDS] [CONNECTIONS]   (defaults: 1000000 20 16)
# BIREPORT_BENCH_WORK=DIR keeps the corpus and index there between runs.
# Installs oha into target/compare-tools if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${1:-1000000}
seconds=${2:-20}
connections=${3:-16}
work=${BIREPORT_BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work"
tools=$PWD/target/compare-tools

cargo build --release --quiet
bireport=$PWD/target/release/bireport
oha=$(command -v oha || echo "$tools/bin/oha")
[ -x "$oha" ] || cargo install oha --locked --quiet --root "$tools"

[ -d "$work/corpus" ] || "$bireport" -q gen-corpus "$work/corpus" --records "$records" --seed 1
[ -f "$work/index/meta.json" ] || "$bireport" -q --index "$work/index" index "$work/corpus"

server=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT

# `bireport bench`'s query mix (bireport::bench::query_mix), ten hits a page.
queries=(
    "q=heritage"
    "q=%22youth+participation%22"
    "q=bibliotekos"
    "q=visit&country=Norway&year=2021&kind=initiative"
    "q=%22climate+action%22&lang=lt&cross=true"
)

# serve LABEL [SERVE FLAGS...]: the mix against a server started with those flags.
serve() {
    local label=$1
    shift
    "$bireport" -q --index "$work/index" serve --addr 127.0.0.1:0 "$@" \
        > "$work/serve.out" 2> "$work/serve.err" &
    server=$!
    for _ in $(seq 100); do grep -q http "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    local base
    base=$(sed -n 's|.*\(http://[^/]*\)/.*|\1|p' "$work/serve.out")
    : > "$work/urls.txt"
    for query in "${queries[@]}"; do echo "$base/api/search?$query&limit=10" >> "$work/urls.txt"; done
    "$oha" --no-tui -z 3s -c "$connections" --urls-from-file "$work/urls.txt" > /dev/null  # warm-up
    "$oha" --no-tui -z "${seconds}s" -c "$connections" --urls-from-file "$work/urls.txt" \
        --output-format json > "$work/oha.json"
    kill "$server"
    wait "$server" || true
    server=
    python3 - "$work/oha.json" "$connections" "$label" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
summary, latency = report["summary"], report["latencyPercentiles"]
codes = report.get("statusCodeDistribution", {})
print(f"serve, {sys.argv[3]}, {sys.argv[2]} connections: "
      f"{summary['requestsPerSec']:.0f} searches/s, "
      f"p50 {latency['p50'] * 1000:.2f} ms, p99 {latency['p99'] * 1000:.2f} ms, "
      f"success {summary['successRate'] * 100:.1f}%, status codes {codes}")
PY
}

# As served: after its first time, each search of the mix is answered from its kept answer.
serve "answers kept (default)"
# Every search run: what a search nobody asked before costs.
serve "nothing kept (--cache-mb 0)" --cache-mb 0

# The command line, end to end, on the same index: a process per search.
python3 - "$bireport" "$work/index" <<'PY'
import statistics, subprocess, sys, time
bireport, index = sys.argv[1], sys.argv[2]
mix = [["heritage"], ['"youth participation"'], ["bibliotekos"],
       ["visit", "--country", "Norway", "--year", "2021", "--kind", "initiative"],
       ['"climate action"', "--lang", "lt", "--cross"]]
times = []
for args in mix:
    for _ in range(20):
        started = time.perf_counter()
        subprocess.run([bireport, "--index", index, "search", *args, "--limit", "10", "--json"],
                       check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
times.sort()
print(f"bireport search end to end, one at a time: p50 {statistics.median(times) * 1000:.2f} ms, "
      f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.2f} ms")
PY
