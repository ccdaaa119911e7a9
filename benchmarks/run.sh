#!/usr/bin/env bash
# netcadence's daily commands timed as whole processes, paired with taskwarrior's `task next`.
#
#   benchmarks/run.sh            # 5,000 contacts / 250,000 touches and 50,000 / 2,500,000
#   RUNS=50 benchmarks/run.sh    # more runs per command (default 30)
#   SMALL_ONLY=1 benchmarks/run.sh
#   ROUNDS=9 benchmarks/run.sh  # more rounds of due at 5k against 50k (default 5)
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
# The two sizes are timed apart from the long run above, in several short rounds,
# each timing both sizes one right after the other: on a shared machine, load that
# comes and goes then skews single rounds, not the median of their ratios.
rounds="${ROUNDS:-5}"
scale=()
if [ -z "${SMALL_ONLY:-}" ]; then
    scale=(-n "due 5k (piped)" "env NETCADENCE_DB=$small $installed/bin/netcadence due"
           -n "due 50k (piped)" "env NETCADENCE_DB=$large $installed/bin/netcadence due"
           -n "due 5k --limit 25" "env NETCADENCE_DB=$small $installed/bin/netcadence due --limit 25"
           -n "due 50k --limit 25" "env NETCADENCE_DB=$large $installed/bin/netcadence due --limit 25")
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
rm -f "$cache"/scale-*.json
if [ ${#scale[@]} -gt 0 ]; then
    for round in $(seq "$rounds"); do
        hyperfine -N --warmup 3 --runs "$runs" --style basic \
            --export-json "$cache/scale-$round.json" "${scale[@]}" >> "$cache/hyperfine.txt"
    done
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

shopt -s nullglob
scale_files=("$cache"/scale-*.json)
shopt -u nullglob
"$py" - "$cache/times.json" "$mem_small" "$mem_large" "${scale_files[@]}" <<'EOF'
import json, statistics, sys

# Wall-clock medians, and CPU time (user + system, mean): the latter is steadier
# when other programs share the machine.
runs = json.load(open(sys.argv[1]))["results"]
wall = {r["command"]: statistics.median(r["times"]) * 1000 for r in runs}
cpu = {r["command"]: (r["user"] + r["system"]) * 1000 for r in runs}
# The scale rounds: each command's medians (wall) and means (cpu), round by round.
rounds = [{r["command"]: r for r in json.load(open(path))["results"]} for path in sys.argv[4:]]
targets = {"due (piped)": 0.7, "due (terminal)": 1.2, "log": 1.5, "completion": 1.5}


def ratio(name, table):
    base = table.get("task next (terminal)" if "terminal" in name else "task next (piped)")
    return "" if name.startswith("task") or not base else f"{table[name] / base:.2f}"


print(f"{'command':<24}{'median':>9}{'ratio':>7}{'cpu':>9}{'ratio':>7}{'target':>8}")
for name in wall:
    target = f"≤ {targets[name]}" if name in targets else ""
    print(f"{name:<24}{wall[name]:>7.1f}ms{ratio(name, wall):>7}"
          f"{cpu[name]:>7.1f}ms{ratio(name, cpu):>7}{target:>8}")
print("ratio: to task next on 5,000 pending tasks (terminal rows: to task next on a terminal)")


def scaled(large, small):
    """The median, lowest and highest over the rounds of large / small, wall and cpu."""
    out = []
    for measure in (lambda r: statistics.median(r["times"]), lambda r: r["user"] + r["system"]):
        found = sorted(measure(one[large]) / measure(one[small]) for one in rounds)
        out.append(f"{statistics.median(found):.2f} ({found[0]:.2f}-{found[-1]:.2f})")
    return "{} wall, {} cpu".format(*out)


if rounds:
    times = ", ".join(f"{statistics.median(one['due 5k (piped)']['times']) * 1000:.1f} / "
                      f"{statistics.median(one['due 50k (piped)']['times']) * 1000:.1f}"
                      for one in rounds)
    print(f"due at 5k / 50k, installed, median ms of each round: {times}")
    print(f"due 50k / due 5k over {len(rounds)} rounds: "
          f"{scaled('due 50k (piped)', 'due 5k (piped)')} (target ≤ 1.3)")
    print(f"with 25 rows printed at both sizes: "
          f"{scaled('due 50k --limit 25', 'due 5k --limit 25')}")
for label, kib in (("5k", sys.argv[2]), ("50k", sys.argv[3])):
    if int(kib):
        print(f"peak memory of due at {label}: {int(kib) / 1024:.1f} MiB (target ≤ 40)")
EOF
