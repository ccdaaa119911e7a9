#!/usr/bin/env bash
# `list --sort strength` against `list` on the same database, as whole processes, at
# 5,000 contacts / 250,000 touches (target: under 2 × `list`), with the JSON of both
# and `at`, which reads every company and email.
#
#   benchmarks/strength.sh           # 30 runs per command
#   RUNS=10 benchmarks/strength.sh
#
# Needs hyperfine. Builds benchmarks/.cache/n5000.db (the database of run.sh) if
# it is missing, and works on a copy of it.
set -euo pipefail

source "$(dirname "$0")/common.sh"

build 5000 250000
db="$cache/strength.db"
rm -f "$db"*
cp "$cache/n5000.db" "$db"
"$nc" --db "$db" info > /dev/null   # brings the copy to the current schema and schedules

commands=()
for line in "list" "list --sort strength" "list --json" "list --sort strength --json" \
        "at Acme"; do
    commands+=(-n "$line" "env NETCADENCE_DB=$db $nc $line")
done
# Rounds of all of them one after the other: on a shared machine, load that comes and
# goes skews single rounds, not the medians.
rounds="${ROUNDS:-3}"
for round in $(seq "$rounds"); do
    hyperfine -N --warmup 3 --runs "$runs" --style none \
        --export-json "$cache/strength-$round.json" "${commands[@]}"
done

"$py" - "$cache"/strength-*.json <<'PY'
import json, statistics, sys

times: dict[str, list[float]] = {}
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        times.setdefault(r["command"], []).extend(r["times"])
wall = {name: statistics.median(values) * 1000 for name, values in times.items()}
print(f"{'command':<30}{'median':>10}{'× list':>8}   (target for --sort strength: < 2)")
for name, median in wall.items():
    base = wall["list --json" if name.endswith("--json") else "list"]
    print(f"{name:<30}{median:>8.1f}ms{median / base:>8.2f}")
PY
