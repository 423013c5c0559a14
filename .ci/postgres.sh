#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store's PostgreSQL tests.
#   .ci/postgres.sh start   prints the server's SQLAlchemy URL (nothing if none can be started)
#   .ci/postgres.sh stop    stops the server started last
set -u
state=/tmp/sitrep-ci-pg.current
pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
stop)
  [ -f "$state" ] && as_pg "$(pgbin)/pg_ctl" -D "$(cat "$state")" stop -m fast >/dev/null 2>&1
  rm -f "$state"
  exit 0
  ;;
esac

if [ -z "$(pgbin)" ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
    >/dev/null 2>&1 || true
fi
bin=$(pgbin)
[ -n "$bin" ] || exit 0
[ "$(id -u)" != 0 ] || id postgres >/dev/null 2>&1 || exit 0
data=$(mktemp -d /tmp/sitrep-ci-pg.XXXXXX)
[ "$(id -u)" != 0 ] || chown postgres "$data"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$data" -A trust -U sitrep >/dev/null 2>&1 || exit 0
as_pg "$bin/pg_ctl" -D "$data" -o "-p $port -k $data -c listen_addresses=127.0.0.1" \
  -l "$data/log" -w start >/dev/null 2>&1 || exit 0
echo "$data" > "$state"
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U sitrep sitrep_test >/dev/null 2>&1 || exit 0
echo "postgresql+psycopg://sitrep@127.0.0.1:$port/sitrep_test"
