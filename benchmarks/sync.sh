#!/usr/bin/env bash
# sync mail timed on 100,000 messages against the 5,000-contact benchmark network.
#
#   benchmarks/sync.sh                 # 100,000 messages (MESSAGES=… for another count)
#
# Times, as whole processes with /usr/bin/time (wall clock and peak resident memory):
#   1. the first sync of a 100,000-message mbox          (target: < 60 s, < 150 MiB)
#   2. the first sync of the same messages as a Maildir   (for comparison)
#   3. a second sync of the unchanged Maildir             (target: < 3 s)
#   4. a sync of the mbox after 100 messages were appended (target: < 3 s)
# The network and the mail are generated once into benchmarks/.cache/; each run
# syncs into a fresh copy of the network's database.
set -euo pipefail

source "$(dirname "$0")/common.sh"

messages="${MESSAGES:-100000}"
build 5000 250000
mbox="$cache/mail$messages.mbox"
maildir="$cache/maildir$messages"
if [ ! -f "$mbox" ] || [ ! -d "$maildir" ]; then
    echo "generating $messages messages (mbox and Maildir)…" >&2
    rm -rf "$mbox" "$maildir"
    (cd "$here" && "$py" generate_mail.py --contacts 5000 --messages "$messages" \
        --mbox "$mbox.partial" --maildir "$maildir.partial")
    mv "$mbox.partial" "$mbox"
    mv "$maildir.partial" "$maildir"
fi

work="$cache/sync-run"
rm -rf "$work"
mkdir -p "$work"
cp "$cache/n5000.db" "$work/net.db"
cp "$mbox" "$work/mail.mbox"
export NETCADENCE_DB="$work/net.db"

timed() {  # label, then the command line
    local label=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || {
        cat "$work/err" >&2
        exit 1
    }
    read -r seconds user system kib < "$work/time"
    printf '%-46s %7.2f s (cpu %6.2f s) %6.1f MiB   %s\n' "$label" "$seconds" \
        "$(echo "$user + $system" | bc -l)" "$(echo "$kib / 1024" | bc -l)" "$(head -1 "$work/out")"
}

echo "$(du -h "$mbox" | cut -f1) mbox, $(ls "$maildir/cur" | wc -l) Maildir files," \
    "$(nproc) cores; netcadence $("$nc" --version)"
timed "first sync of the mbox" "$nc" sync mail "$work/mail.mbox" --me me@home.example
timed "first sync of the Maildir (copies: all known)" \
    "$nc" sync mail "$maildir" --me me@home.example
timed "second sync of the unchanged Maildir" "$nc" sync mail "$maildir" --me me@home.example
(cd "$here" && "$py" generate_mail.py --contacts 5000 --messages "$messages" \
    --mbox "$work/mail.mbox" --append 100)
timed "sync of the mbox after 100 appended" "$nc" sync mail "$work/mail.mbox" \
    --me me@home.example
