#!/usr/bin/env bash
# The weekly commands (review, stats, goal list) against `due` on the same database,
# as whole processes: at 5,000 contacts / 250,000 touches, without goals and with
# four goals whose streaks run back through the whole history.
#
#   benchmarks/weekly.sh             # 30 runs per command
#   RUNS=10 benchmarks/weekly.sh
#
# Needs hyperfine. Builds benchmarks/.cache/n5000.db (the database of run.sh) if
# it is missing, and works on copies of it.
set -euo pipefail

source "$(dirname "$0")/common.sh"

build 5000 250000
small="$cache/n5000.db"

plain="$cache/weekly-plain.db"
goals="$cache/weekly-goals.db"
rm -f "$plain"* "$goals"*
cp "$small" "$plain"
"$nc" --db "$plain" info > /dev/null   # brings the copy to the current schema
cp "$plain" "$goals"
"$nc" --db "$goals" goal add "weekly reach" --count 10 > /dev/null
"$nc" --db "$goals" goal add "client calls" --count 5 --per month --tag client \
    --channel call > /dev/null
"$nc" --db "$goals" goal add "quarter events" --count 3 --per quarter --count-by events > /dev/null
"$nc" --db "$goals" goal add touches --count 40 --count-by touches --direction any > /dev/null

commands=()
for db in plain goals; do
    for line in "due" "review" "stats" "goal list"; do
        commands+=(-n "$db: $line" "env NETCADENCE_DB=$cache/weekly-$db.db $nc $line")
    done
done
hyperfine -N --warmup 3 --runs "$runs" --style none --export-json "$cache/weekly.json" \
    "${commands[@]}"

"$py" - "$cache/weekly.json" <<'PY'
import json, statistics, sys

runs = json.load(open(sys.argv[1]))["results"]
wall = {r["command"]: statistics.median(r["times"]) * 1000 for r in runs}
print(f"{'command':<22}{'median':>10}{'× due':>8}   (target ≤ 2)")
for name, median in wall.items():
    base = wall[name.split(":")[0] + ": due"]
    print(f"{name:<22}{median:>8.1f}ms{median / base:>8.2f}")
PY
