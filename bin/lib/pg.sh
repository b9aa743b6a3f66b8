# shellcheck shell=bash
# Private PostgreSQL cluster helpers, sourced by bin/ccs-run and bin/ccs-test.
# PostgreSQL refuses to run as root: when we are root the cluster belongs to the 'postgres' user
# and every pg_* command runs through runuser. The superuser of the cluster is always 'postgres'.

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  return 1
}

pg_ensure_installed() {
  if pg_bindir >/dev/null; then return 0; fi
  if [ "$(id -u)" = 0 ]; then
    echo "PostgreSQL server binaries not found: installing the 'postgresql' package with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql >/dev/null || {
      echo "apt-get install postgresql failed" >&2; return 1; }
    # the Debian package starts its own cluster; we use a private one, so stop that
    service postgresql stop >/dev/null 2>&1 || true
    pg_bindir >/dev/null || { echo "postgresql installed but no initdb found under /usr/lib/postgresql" >&2; return 1; }
  else
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin." >&2
    echo "Install them with:  sudo apt-get install -y postgresql" >&2
    return 1
  fi
}

# pg_as CMD...: run a command as the cluster's owner
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DIR PORT: create the cluster in DIR if missing, start it on 127.0.0.1:PORT
pg_start() {
  local dir=$1 port=$2 bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres: "$dir"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pg_as "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      echo "initdb failed, see $dir/initdb.log" >&2; return 1; }
  fi
  if pg_as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then return 0; fi
  pg_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgresql.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${CCS_PG_FSYNC:-on} -c max_connections=200" start >/dev/null || {
      echo "PostgreSQL did not start, see $dir/postgresql.log" >&2; return 1; }
}

pg_stop() {
  local dir=$1 bin
  bin=$(pg_bindir) || return 0
  [ -f "$dir/data/postmaster.pid" ] || return 0
  pg_as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_psql DIR PORT DB SQL...: run SQL as the superuser
pg_psql() {
  local dir=$1 port=$2 db=$3; shift 3
  local bin; bin=$(pg_bindir) || return 1
  pg_as "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}
