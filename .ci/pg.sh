#!/usr/bin/env bash
# A throwaway PostgreSQL for the store journal's tests, from Debian's
# postgresql package: a data directory of its own, a free port, the unix
# socket beside the data, trust authentication on 127.0.0.1 only.
#
#   eval "$(.ci/pg.sh start)"   # exports OCTO_CASHIER_TEST_PG and PG_THROWAWAY_DIR
#   go test ./flows/... -run Postgres
#   .ci/pg.sh stop "$PG_THROWAWAY_DIR"
#
# halt DIR stops the server as a crash would (-m immediate) and keeps its
# data; resume DIR starts it again on the same port: the store journal's
# tests take the server away mid-flow with them.
#
# initdb and pg_ctl refuse to run as root, so as root (CI) they run as the
# postgres user; as anyone else they run as that user. fsync is off (a
# throwaway, for tests); PG_FSYNC=on for durable benchmark figures.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bindir" ] || { echo "pg.sh: no /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
	dir=$(mktemp -d /tmp/octo-pg.XXXXXX)
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	as_pg "$bindir/initdb" -D "$dir/data" -U octo --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	echo "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=200" >"$dir/options"
	serve "$dir"
	echo "export OCTO_CASHIER_TEST_PG='postgres://octo@127.0.0.1:$port/postgres?sslmode=disable'"
	echo "export PG_THROWAWAY_DIR='$dir'"
}

serve() {
	as_pg "$bindir/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 30 -o "$(cat "$1/options")" start >/dev/null ||
		{ cat "$1/server.log" >&2; exit 1; }
}

halt() {
	as_pg "$bindir/pg_ctl" -D "${1:?pg.sh halt DIR}/data" -m immediate -w stop >/dev/null
}

stop() {
	dir=${1:?pg.sh stop DIR}
	[ -d "$dir/data" ] && as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
halt) halt "${2:-}" ;;
resume) serve "${2:?pg.sh resume DIR}" ;;
*) echo "usage: $0 start | stop DIR | halt DIR | resume DIR" >&2; exit 2 ;;
esac
