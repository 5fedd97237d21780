#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server on loopback, for the PostgreSQL tests:
#
#   scripts/with-postgres.sh COMMAND [ARGUMENT...]
#
# initdb into a temporary directory, start the server on a free port (listening on 127.0.0.1 only, its unix
# socket in that directory), export
#   GRMGR_TEST_POSTGRES      a libpq connection string to it
#   GRMGR_TEST_POSTGRES_CTL  a script taking `stop` or `start`, for the test that restarts the server mid-run
# run the command, and always stop the server and remove the directory, also when the command fails or is
# interrupted. PostgreSQL refuses to run as root: as root (CI), the server runs as the `postgres` user
# (created by Debian's postgresql package), else as `nobody`.
set -euo pipefail

bindir=""
if command -v pg_ctl >/dev/null 2>&1; then
  bindir="$(dirname "$(command -v pg_ctl)")"
else
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: no PostgreSQL server found (apt-get install postgresql, or make deps)" >&2
  exit 1
fi

as_server=()
if [ "$(id -u)" = 0 ]; then
  server_user=postgres
  id -u "$server_user" >/dev/null 2>&1 || server_user=nobody
  as_server=(runuser -u "$server_user" --)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/grmgr-postgres.XXXXXX")"
data="$tmp/data"
[ ${#as_server[@]} -eq 0 ] || chown "$server_user" "$tmp"
chmod 700 "$tmp"

stop_server() {
  if [ -f "$data/postmaster.pid" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! "${as_server[@]}" "$bindir/initdb" -D "$data" -U grmgr --auth=trust -E UTF8 --no-locale >"$tmp/initdb.log" 2>&1; then
  cat "$tmp/initdb.log" >&2
  exit 1
fi

# A port nothing listens on; should another process take it first, the start fails and the next one is tried.
port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for _ in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  port_is_free "$port" || continue
  options="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$tmp -c fsync=off"
  if "${as_server[@]}" "$bindir/pg_ctl" -D "$data" -o "$options" -l "$tmp/server.log" -w -t 30 start >/dev/null </dev/null; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$tmp/server.log" >&2 || true
  exit 1
fi

# The control script the restart test calls: the same user, data directory, port and options.
{
  echo '#!/usr/bin/env bash'
  echo 'set -euo pipefail'
  printf 'server=(%s)\n' "$(printf '%q ' "${as_server[@]}" "$bindir/pg_ctl")"
  # The server outlives this script: it must not keep the caller's descriptors (a test runner's pipes) open.
  printf 'for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done\n'
  printf 'case "$1" in\n'
  printf '  stop) "${server[@]}" -D %q -m fast -w stop >/dev/null ;;\n' "$data"
  printf '  start) "${server[@]}" -D %q -o %q -l %q -w -t 30 start >/dev/null ;;\n' "$data" "$options" "$tmp/server.log"
  printf '  *) echo "usage: $0 stop|start" >&2; exit 64 ;;\n'
  printf 'esac\n'
} >"$tmp/ctl"
chmod 755 "$tmp/ctl"

export GRMGR_TEST_POSTGRES="host=127.0.0.1 port=$port dbname=postgres user=grmgr"
export GRMGR_TEST_POSTGRES_CTL="$tmp/ctl"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (user ${server_user:-$(id -un)}, data in $data)"
"$@"
