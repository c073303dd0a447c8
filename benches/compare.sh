#!/usr/bin/env bash
# Compares bireport with the tools a user would reach for instead, on the same records in
# the same run:
#   - indexing: `bireport index` (read, split, detect, pair, index, commit) against
#     tantivy-cli indexing the same records from NDJSON with a comparable schema
#     (per-record text fields with English stemming, positions, stored text);
#   - searching: `bireport search` (process start included) against ripgrep over the
#     raw files, for a few queries.
# Usage: benches/compare.sh [RECORDS] [THREADS] [ROUNDS]   (defaults: 100000 2 3)
# Installs tantivy-cli from crates.io (into target/compare-tools) and ripgrep and
# hyperfine from Debian's packages if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

records=${1:-100000}
threads=${2:-2}
rounds=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tools=$PWD/target/compare-tools

cargo build --release --quiet
bireport=$PWD/target/release/bireport

tantivy=$(command -v tantivy || true)
if [ -z "$tantivy" ]; then
    tantivy=$tools/bin/tantivy
    [ -x "$tantivy" ] || cargo install tantivy-cli --quiet --root "$tools"
fi
if ! command -v rg >/dev/null || ! command -v hyperfine >/dev/null; then
    (apt-get install -y ripgrep hyperfine || (apt-get update && apt-get install -y ripgrep hyperfine)) >/dev/null
fi

echo "== corpus: $records generated records"
"$bireport" gen-corpus "$work/corpus" --records "$records" --seed 1 --json | tr -d '\n'; echo
raw_mb=$(du -sm "$work/corpus" | cut -f1)
"$bireport" export --ndjson --flat "$work/corpus" > "$work/records.ndjson"

# tantivy-cli: a schema comparable to bireport's (text with positions and English
# stemming for title/partner/body, raw strings for ids and facets, stored fields).
mkdir -p "$work/tantivy-index"
python3 - "$work/tantivy-index/meta.json" <<'PY'
import json, sys
def text(name, tokenizer, stored, record="position"):
    return {"name": name, "type": "text", "options": {"indexing": {"record": record, "fieldnorms": True, "tokenizer": tokenizer}, "stored": stored, "fast": False}}
schema = [
    text("id", "raw", True, "basic"), text("source", "raw", True, "basic"),
    text("kind", "raw", True, "basic"), text("lang", "raw", True, "basic"),
    text("country", "raw", True, "basic"), text("project_number", "raw", True, "basic"),
    text("period_start", "raw", True, "basic"), text("period_end", "raw", True, "basic"),
    text("title", "en_stem", True), text("partner", "en_stem", True),
    text("partners", "en_stem", True), text("body", "en_stem", True),
    {"name": "ordinal", "type": "u64", "options": {"indexed": True, "fieldnorms": False, "fast": True, "stored": True}},
]
meta = {"index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
        "segments": [], "schema": schema, "opstamp": 0}
json.dump(meta, open(sys.argv[1], "w"))
PY

echo "== indexing ($threads threads each, 256 MB writer budget each, $rounds rounds)"
# Each round indexes from scratch with tantivy-cli, then bireport: one machine's drift
# hits both tools of a round alike, and the mean over rounds smooths the rest.
cp "$work/tantivy-index/meta.json" "$work/tantivy-meta.json"
: > "$work/times"
for round in $(seq "$rounds"); do
    rm -rf "$work/tantivy-index" "$work/bireport-index"
    mkdir -p "$work/tantivy-index"
    cp "$work/tantivy-meta.json" "$work/tantivy-index/meta.json"
    tv_start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/tv.rss.$round" "$tantivy" index -i "$work/tantivy-index" -f "$work/records.ndjson" -t "$threads" -m 268435456 > "$work/tv.log"
    tv_end=$(date +%s.%N)
    tv_docs=$(grep -o 'docstamp at [0-9]*' "$work/tv.log" | grep -o '[0-9]*$')
    # The docstamp is tantivy's opstamp: one per document plus the commit's own.
    if [ "${tv_docs:-0}" -lt "$records" ] || grep -q "Failed to add document" "$work/tv.log"; then
        echo "tantivy-cli indexed ${tv_docs:-no} documents of $records:" >&2
        grep -m3 "Failed" "$work/tv.log" >&2 || true
        exit 1
    fi
    bi_start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/bi.rss.$round" "$bireport" --index "$work/bireport-index" index "$work/corpus" --threads "$threads" --json > "$work/bi.json"
    bi_end=$(date +%s.%N)
    echo "$tv_start $tv_end $bi_start $bi_end" >> "$work/times"
done
python3 - "$records" "$raw_mb" "$work" <<'PY'
import sys, os
records = int(sys.argv[1]); raw = float(sys.argv[2]); work = sys.argv[3]
rounds = [tuple(map(float, line.split())) for line in open(os.path.join(work, "times"))]
tvs = [te - ts for ts, te, _, _ in rounds]
bis = [be - bs for _, _, bs, be in rounds]
peak = lambda tool: max(int(open(os.path.join(work, f"{tool}.rss.{i}")).read().split()[-1]) for i in range(1, len(rounds) + 1)) / 1024
size = lambda d: sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(os.path.join(work, d)) for f in fs) / 1e6
print("| round | tantivy-cli s | bireport s | ratio |")
print("|---|---|---|---|")
for i, (tv, bi) in enumerate(zip(tvs, bis), 1):
    print(f"| {i} | {tv:.2f} | {bi:.2f} | {bi / tv:.2f} |")
tv, bi = sum(tvs) / len(tvs), sum(bis) / len(bis)
print(f"| mean | {tv:.2f} | {bi:.2f} | {bi / tv:.2f} |\n")
print("| tool (mean of the rounds) | seconds | records/s | MB/s | peak RSS MB | index MB |")
print("|---|---|---|---|---|---|")
print(f"| bireport index (read, split, detect, pair, index, commit) | {bi:.2f} | {records/bi:.0f} | {raw/bi:.2f} | {peak('bi'):.0f} | {size('bireport-index'):.1f} |")
print(f"| tantivy-cli index (NDJSON, comparable schema) | {tv:.2f} | {records/tv:.0f} | {raw/tv:.2f} | {peak('tv'):.0f} | {size('tantivy-index'):.1f} |")
print(f"\nratio bireport / tantivy-cli (time, mean of {len(rounds)} rounds): {bi/tv:.2f}")
PY

echo "== searching: bireport search (process start included) vs ripgrep over the raw files"
hyperfine -N --warmup 2 --runs 10 --style basic --export-markdown "$work/search.md" \
    -n "bireport search heritage" "$bireport --index $work/bireport-index search heritage --limit 10" \
    -n "rg -i heritage" "rg -i -c heritage $work/corpus" \
    -n "bireport search '\"youth participation\"'" "$bireport --index $work/bireport-index search '\"youth participation\"' --limit 10" \
    -n "rg -i 'youth participation'" "rg -i -c 'youth participation' $work/corpus" \
    -n "bireport search bibliotekos (finds every inflection)" "$bireport --index $work/bireport-index search bibliotekos --limit 10" \
    -n "rg -i bibliotek (stem prefix)" "rg -i -c bibliotek $work/corpus" \
    > /dev/null
cat "$work/search.md"
