#!/usr/bin/env bash
# Indexing speed per document format: the same generated reports as text files, web pages,
# Word documents and PDF files (rendered by tests/data/formats/render.py), indexed one
# format at a time by `bireport bench --corpus`, with the text files as the reference in
# the same run. Also indexes the mixed folder (all four formats) as one corpus.
# Usage: benches/formats.sh [RECORDS] [ROUNDS]   (defaults: 10000 3)
# Needs reportlab and Pillow for the renderer (pip install reportlab pillow) and the
# DejaVu fonts (Debian's fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."

records=${1:-10000}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet
bireport=$PWD/target/release/bireport
python3 -c 'import reportlab, PIL' 2>/dev/null || pip install --quiet reportlab pillow

"$bireport" -q gen-corpus "$work/generated" --records "$records" --seed 1
python3 tests/data/formats/render.py --corpus "$work/generated" --out "$work/formats"
cat > "$work/summary.py" <<'PY'
import json, sys
report = json.load(sys.stdin)
print(f"mixed folder: {report['records']} records, {report['index_records_per_s']:.0f} records/s")
for f in report["formats"]:
    print(f"{f['format']:<5} {f['mb']:7.2f} MB {f['records']:6} records"
          f"  read {f['read_records_per_s']:8.0f} rec/s"
          f"  index {f['index_records_per_s']:7.0f} rec/s {f['index_mb_per_s']:6.2f} MB/s"
          f"  {f['per_record_vs_text']:.2f}x text")
PY
for round in $(seq "$rounds"); do
    echo "== round $round"
    "$bireport" -q bench --corpus "$work/formats" --query-runs 20 --json | python3 "$work/summary.py"
done
