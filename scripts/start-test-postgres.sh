#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#   start-test-postgres.sh start        -> prints "URL FOLDER" (the cluster listens on
#                                          127.0.0.1 at a free port, trust auth, fsync off)
#   start-test-postgres.sh stop FOLDER  -> stops it and removes FOLDER
# initdb refuses to run as root: as root, the cluster runs as the `postgres` user
# (created if missing).
set -euo pipefail

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -x "$candidate/initdb" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ] && command -v pg_config >/dev/null; then bindir="$(pg_config --bindir)"; fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "no PostgreSQL server binaries (initdb) found; install postgresql" >&2
  exit 3
fi

run() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-}" in
  start)
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    folder="$(mktemp -d /tmp/surgeplan-pg-XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres "$folder"
    chmod 700 "$folder"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    run "$bindir/initdb" -D "$folder/data" -U postgres --auth=trust -E UTF8 --no-sync \
      --no-locale >"$folder/initdb.log" 2>&1 || { cat "$folder/initdb.log" >&2; exit 1; }
    run "$bindir/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 30 \
      -o "-p $port -h 127.0.0.1 -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$folder/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres $folder"
    ;;
  stop)
    folder="${2:?give the folder printed by start}"
    run "$bindir/pg_ctl" -D "$folder/data" -m immediate -W stop >/dev/null 2>&1 || true
    rm -rf "$folder"
    ;;
  *)
    echo "usage: $0 start | stop FOLDER" >&2
    exit 2
    ;;
esac
