#!/usr/bin/env bash
# Checks that two builds of bireport print the same thing: a refactoring's proof that it
# changed no behaviour. Both binaries index the same inputs (the embedded samples, the
# hand-written and held-out reports, a generated corpus), then answer the same commands:
# hundreds of searches (every judged query, with and without filters, plain, coloured and
# JSON, at two widths), `show` and `counterpart` of every record, `pairs` and `stats`.
#
# Usage: benches/same_output.sh OLD_BINARY [NEW_BINARY] [RECORDS]
#   NEW_BINARY defaults to target/release/bireport; RECORDS (generated) to 2000.
# Exit 0 when every output is byte-identical, 1 with a diff otherwise. Indexing runs on one
# thread: records of equal score come in index order, which more threads make vary.
#
# JSON evidence may be strings (older builds) or typed objects with a `text`: both are
# compared by their text. Coloured counterpart views are left out: their marks come from
# the evidence's exact words, not from the text of its message.
set -euo pipefail
cd "$(dirname "$0")/.."

old=$(realpath "${1:?usage: benches/same_output.sh OLD_BINARY [NEW_BINARY] [RECORDS]}")
new=$(realpath "${2:-target/release/bireport}")
records=${3:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$new" gen-corpus "$work/generated" --records "$records" --seed 7 >/dev/null

# Every judged query, then words and phrases the judgements do not hold.
queries() {
    grep -hv '^#' tests/data/judgements/*.tsv | cut -f1 | sort -u
    printf '%s\n' visit heritage bibliotekos sveikata health Norway Norvegija \
        '"cultural heritage"' 'partner:asociacija' 'NOT youth' 'jaunimo OR youth' \
        'kultūros paveldas' 'Vilniaus' 'project_number:LT10-0012' 'climat*' '(unbalanced'
}

# Searches with these flag sets, for each query.
flag_sets=(
    ""
    "--lang lt"
    "--lang en"
    "--country Norway --sort date"
    "--year 2020 --limit 3 --offset 1"
    "--from 2019-06-01 --to 2021"
    "--fuzzy"
    "--cross --lang lt"
    "--kind project"
)

# Runs one command, keeping its stdout, stderr and exit code in one file.
run() {
    local out=$1
    shift
    { "$@" 2>&1; echo "exit $?"; } >>"$out" || true
}

# Runs one command that prints JSON, into a file of its own (normalised at the end).
run_json() {
    local out=$1
    shift
    mkdir -p "$out"
    run "$out/$(printf '%05d' "$(find "$out" -type f | wc -l)")" "$@"
}

# Rewrites JSON evidence as its text (see above), in every file under a folder.
normalise_json() {
    python3 - "$1" <<'PY'
import json, pathlib, sys

def walk(value):
    if isinstance(value, dict):
        return {key: evidence_text(item) if key == "evidence" else walk(item)
                for key, item in value.items()}
    if isinstance(value, list):
        return [walk(item) for item in value]
    return value

def evidence_text(items):
    if not isinstance(items, list):
        return walk(items)
    return [item["text"] if isinstance(item, dict) else item for item in items]

for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if not path.is_file():
        continue
    text = path.read_text()
    body, _, status = text.rstrip("\n").rpartition("\n")
    try:
        body = json.dumps(walk(json.loads(body)), ensure_ascii=False, indent=1)
    except ValueError:
        continue
    path.write_text(body + "\n" + status + "\n")
PY
}

answer() {
    local bin=$1 name=$2 inputs=$3 out=$4
    local index=$work/index-$name-$(basename "$out")
    mkdir -p "$out"
    # shellcheck disable=SC2086
    run "$out/index" "$bin" -q --index "$index" index --threads 1 $inputs
    run "$out/stats" "$bin" --index "$index" --color never stats
    run_json "$out/stats-json" "$bin" --index "$index" stats --json
    for width in 80 140; do
        run "$out/pairs" env COLUMNS=$width "$bin" --index "$index" --color never pairs
    done
    run "$out/pairs" "$bin" --index "$index" --color always pairs
    run_json "$out/pairs-json" "$bin" --index "$index" pairs --json
    local n=0
    while IFS= read -r query; do
        for flags in "${flag_sets[@]}"; do
            n=$((n + 1))
            echo "== $query $flags" >>"$out/search"
            # shellcheck disable=SC2086
            run "$out/search" env COLUMNS=80 "$bin" --index "$index" --color never search $flags -- "$query"
            # shellcheck disable=SC2086
            run "$out/search" env COLUMNS=140 "$bin" --index "$index" --color always search $flags -- "$query"
            # shellcheck disable=SC2086
            run_json "$out/search-json" "$bin" --index "$index" search --json $flags -- "$query"
        done
    done < <(queries)
    echo "$n searches" >>"$out/search"
    "$bin" --index "$index" export --from-index --ndjson |
        python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in sys.stdin]' >"$out/ids"
    # All records of the small sets; every 20th of the generated one.
    local step=1
    [ "$(wc -l <"$out/ids")" -gt 500 ] && step=20
    awk -v step=$step 'NR % step == 1 || step == 1' "$out/ids" | while IFS= read -r id; do
        echo "== $id" >>"$out/show"
        run "$out/show" env COLUMNS=100 "$bin" --index "$index" --color never show "$id"
        run "$out/show" "$bin" --index "$index" --color always show "$id"
        run_json "$out/show-json" "$bin" --index "$index" show --json "$id"
        echo "== $id" >>"$out/counterpart"
        for width in 80 140; do
            run "$out/counterpart" env COLUMNS=$width "$bin" --index "$index" --color never counterpart "$id"
        done
        run_json "$out/counterpart-json" "$bin" --index "$index" counterpart --json "$id"
    done
    normalise_json "$out"
}

status=0
for set in samples handwritten heldout generated; do
    case $set in
    samples) inputs="" ;;
    handwritten | heldout) inputs="tests/data/$set" ;;
    generated) inputs="$work/generated" ;;
    esac
    answer "$old" old "$inputs" "$work/old/$set"
    answer "$new" new "$inputs" "$work/new/$set"
    # The index folder's name is in some messages.
    grep -rl "$work/index-" "$work/old/$set" "$work/new/$set" | xargs -r sed -i "s#$work/index-[a-z]*-#INDEX-#g"
    if diff -r "$work/old/$set" "$work/new/$set" >"$work/diff-$set"; then
        echo "$set: identical ($(grep -c '^== ' "$work/new/$set/search") searches, $(wc -l <"$work/new/$set/ids") records)"
    else
        echo "$set: DIFFERENT"
        head -60 "$work/diff-$set"
        status=1
    fi
done
exit $status
