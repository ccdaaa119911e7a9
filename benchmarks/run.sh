#!/usr/bin/env bash
# netcadence's daily commands timed as whole processes, paired with taskwarrior's `task next`.
#
#   benchmarks/run.sh            # 5,000 contacts / 250,000 touches and 50,000 / 2,500,000
#   RUNS=50 benchmarks/run.sh    # more runs per command (default 30)
#   SMALL_ONLY=1 benchmarks/run.sh
#
# Needs hyperfine, and taskwarrior (`task`) for the pairing; /usr/bin/time for peak
# memory. Databases (and a regular install of the current sources) are built once and
# kept in benchmarks/.cache/: delete it to rebuild.
set -euo pipefail

source "$(dirname "$0")/common.sh"

build 5000 250000
[ -n "${SMALL_ONLY:-}" ] || build 50000 2500000
small="$cache/n5000.db"
large="$cache/n50000.db"

# The development venv's editable install loads an import hook at every start;
# a regular install (what users get from pip) does not. Lay one out by hand from
# the current sources, compiled, with pip's console script, reusing the venv's
# dependencies, to time `due` as installed.
installed="$cache/installed"
if [ ! -x "$installed/bin/netcadence" ]; then
    rm -rf "$installed"
    "$py" -m venv --without-pip "$installed"
fi
# The sources are copied afresh on every run, so that the row times this checkout.
site=$("$installed/bin/python" -c "import site; print(site.getsitepackages()[0])")
"$py" -c "import site; print(site.getsitepackages()[0])" > "$site/deps.pth"
rm -rf "$site/netcadence"
cp -r "$root/netcadence" "$site/"
find "$site/netcadence" -name __pycache__ -prune -exec rm -rf {} +
"$installed/bin/python" -m compileall -q "$site/netcadence" > /dev/null
if [ ! -f "$installed/bin/netcadence" ]; then
    printf '#!%s\nimport re\nimport sys\nfrom netcadence.cli.main import run\nif __name__ == "__main__":\n    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])\n    sys.exit(run())\n' \
        "$installed/bin/python" > "$installed/bin/netcadence"
    chmod +x "$installed/bin/netcadence"
fi

# A copy for `log`, which writes.
cp "$small" "$cache/log.db"
slug=$("$py" -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    'SELECT slug FROM contact ORDER BY id LIMIT 1').fetchone()[0])" "$small")
prefix=${slug:0:2}

# A terminal of 50 rows and 80 columns (`task next` shows one page; due folds its table).
tty="stty rows 50 cols 80;"
commands=(
    -n "due (piped)" "env NETCADENCE_DB=$small $nc due"
    -n "due (terminal)" "script -qfc '$tty env NETCADENCE_DB=$small $nc due' /dev/null"
    -n "due (piped, installed)" "env NETCADENCE_DB=$small $installed/bin/netcadence due"
    -n "log" "env NETCADENCE_DB=$cache/log.db $nc log $slug --note benchmark"
    -n "completion" "env _NETCADENCE_COMPLETE=complete_bash 'COMP_WORDS=netcadence log $prefix' COMP_CWORD=2 NETCADENCE_DB=$small $nc"
)
if NETCADENCE_DB="$small" "$nc" review --help > /dev/null 2>&1; then
    commands+=(-n "review" "env NETCADENCE_DB=$small $nc review")
fi
# The two sizes are timed in a run of their own, one right after the other, so that
# their ratio is not skewed by what else the machine did during the long run above.
scale=()
if [ -z "${SMALL_ONLY:-}" ]; then
    scale=(-n "due 5k (piped)" "env NETCADENCE_DB=$small $nc due"
           -n "due 50k (piped)" "env NETCADENCE_DB=$large $nc due"
           -n "due 5k --limit 25" "env NETCADENCE_DB=$small $nc due --limit 25"
           -n "due 50k --limit 25" "env NETCADENCE_DB=$large $nc due --limit 25")
fi
if command -v task > /dev/null; then
    taskdata="$cache/task5000"
    if [ ! -f "$taskdata/pending.data" ]; then
        mkdir -p "$taskdata"
        printf 'data.location=%s\nconfirmation=off\nnews.version=2.6.0\n' "$taskdata" \
            > "$cache/task5000.rc"
        TASKRC="$cache/task5000.rc" task import "$cache/tasks5000.json" > /dev/null 2>&1
    fi
    commands+=(
        -n "task next (piped)" "env TASKRC=$cache/task5000.rc task next"
        -n "task next (terminal)" "script -qfc '$tty env TASKRC=$cache/task5000.rc task next' /dev/null"
    )
fi

hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$cache/times.json" \
    "${commands[@]}" > "$cache/hyperfine.txt"
echo '{"results": []}' > "$cache/scale.json"
if [ ${#scale[@]} -gt 0 ]; then
    hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$cache/scale.json" \
        "${scale[@]}" >> "$cache/hyperfine.txt"
fi

memory() {  # peak resident set of `due`, in KiB
    local peak=0 kib
    for _ in 1 2 3; do
        kib=$( { NETCADENCE_DB="$1" /usr/bin/time -f %M "$nc" due > /dev/null; } 2>&1 | tail -1)
        [ "$kib" -gt "$peak" ] && peak=$kib
    done
    echo "$peak"
}
mem_small=$(memory "$small")
mem_large=0
[ -n "${SMALL_ONLY:-}" ] || mem_large=$(memory "$large")

"$py" - "$cache/times.json" "$mem_small" "$mem_large" "$cache/scale.json" <<'EOF'
import json, statistics, sys

# Wall-clock medians, and CPU time (user + system, mean): the latter is steadier
# when other programs share the machine.
runs = json.load(open(sys.argv[1]))["results"] + json.load(open(sys.argv[4]))["results"]
wall = {r["command"]: statistics.median(r["times"]) * 1000 for r in runs}
cpu = {r["command"]: (r["user"] + r["system"]) * 1000 for r in runs}
targets = {"due (piped)": 0.8, "due (terminal)": 1.2, "log": 1.5, "completion": 1.5}


def ratio(name, table):
    base = table.get("task next (terminal)" if "terminal" in name else "task next (piped)")
    return "" if name.startswith("task") or not base else f"{table[name] / base:.2f}"


print(f"{'command':<24}{'median':>9}{'ratio':>7}{'cpu':>9}{'ratio':>7}{'target':>8}")
for name in wall:
    target = f"≤ {targets[name]}" if name in targets else ""
    print(f"{name:<24}{wall[name]:>7.1f}ms{ratio(name, wall):>7}"
          f"{cpu[name]:>7.1f}ms{ratio(name, cpu):>7}{target:>8}")
print("ratio: to task next on 5,000 pending tasks (terminal rows: to task next on a terminal)")
if "due 50k (piped)" in wall:
    print(f"due 50k / due 5k: {wall['due 50k (piped)'] / wall['due 5k (piped)']:.2f} wall, "
          f"{cpu['due 50k (piped)'] / cpu['due 5k (piped)']:.2f} cpu (target ≤ 1.3)")
    print(f"with 25 rows printed at both sizes: "
          f"{wall['due 50k --limit 25'] / wall['due 5k --limit 25']:.2f} wall, "
          f"{cpu['due 50k --limit 25'] / cpu['due 5k --limit 25']:.2f} cpu")
for label, kib in (("5k", sys.argv[2]), ("50k", sys.argv[3])):
    if int(kib):
        print(f"peak memory of due at {label}: {int(kib) / 1024:.1f} MiB (target ≤ 40)")
EOF
