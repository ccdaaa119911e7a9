# Shared by the benchmark scripts (sourced): paths, the environment users run in,
# and the cached generated databases.

here=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
root=$(dirname "$here")
cache="$here/.cache"
py="${PYTHON:-$root/.venv/bin/python}"
nc="${NETCADENCE:-$root/.venv/bin/netcadence}"
runs="${RUNS:-30}"
mkdir -p "$cache"

# What users run: bytecode compiled (pip compiles on install), default settings.
unset PYTHONDONTWRITEBYTECODE PYTHONUNBUFFERED NETCADENCE_TODAY NETCADENCE_DEBUG NO_COLOR \
    NETCADENCE_DB
"$py" -m compileall -q "$root/netcadence" > /dev/null
export NETCADENCE_CONFIG="$cache/no-config.toml" NETCADENCE_USER=bench

build() {  # contacts touches: benchmarks/.cache/nCONTACTS.db, generated once
    local db="$cache/n$1.db"
    if [ ! -f "$db" ]; then
        echo "building $db ($1 contacts, $2 touches)…" >&2
        "$py" "$here/generate.py" --contacts "$1" --touches "$2" --db "$db.partial" \
            --taskwarrior "$cache/tasks$1.json"
        mv "$db.partial" "$db"
    fi
}
