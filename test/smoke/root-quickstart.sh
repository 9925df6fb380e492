#!/usr/bin/env bash
# The README's quick start as root, from a project folder inside a mode-700 directory (like /root): the case where
# PostgreSQL, which the embedded server runs as the `postgres` user, cannot reach node_modules or .data.
#
# Copies the working tree (what is checked out, uncommitted edits included) into <tmp 700 dir>/console with a
# hard-linked copy of node_modules (so the binaries really lie inside the closed folder), runs `npm run dev` twice
# (first start creates the database, the second must reuse it), and each time waits for GET /api/health to answer
# 200, stops it like Ctrl-C (SIGINT to its process group) and checks that it exited and left no process behind.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
  echo "root quick-start smoke test skipped: it checks what happens as root, and this runs as $(id -un)"
  exit 0
fi

READY_TIMEOUT=${SMOKE_READY_TIMEOUT:-180}
STOP_TIMEOUT=60
base=$(mktemp -d "${TMPDIR:-/tmp}/hfc-root-home.XXXXXX")
chmod 700 "$base"
base=$(cd "$base" && pwd -P)
clone="$base/console"
log="$base/dev.log"
pgid=""
relocated=""

say() { echo "[root-smoke] $*"; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
group_alive() { [ -n "$pgid" ] && pgrep -g "$pgid" >/dev/null 2>&1; }

cleanup() {
  if group_alive; then kill -KILL -- "-$pgid" 2>/dev/null || true; fi
  rm -rf "$base"
  # the data folder that the console placed outside the project for this clone, if any
  case "$relocated" in /var/lib/harbor-fleet-console/*) rm -rf "$(dirname "$relocated")" ;; esac
}
trap cleanup EXIT

fail() {
  say "FAIL: $*"
  [ -f "$log" ] && { echo "----- last lines of npm run dev -----"; tail -n 40 "$log"; echo "-------------------------------------"; }
  exit 1
}

say "project copy in $clone (inside $(stat -c '%A' "$base") $base)"
mkdir "$clone"
git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null | tar -xf - -C "$clone"
cp -al node_modules "$clone/" 2>/dev/null || cp -a node_modules "$clone/"
(cd "$clone" && node_modules/.bin/prisma generate >"$log" 2>&1) || fail "prisma generate failed in the copy"

app_port=$(free_port)
pg_port=$(free_port)

# One `npm run dev` from start to Ctrl-C; $1 is what its database line must say: created or reused.
run_once() {
  local expect=$1 pid code=0 waited=0
  : >"$log"
  # setsid: its own process group, as in a terminal, so that SIGINT reaches it the way Ctrl-C does
  (cd "$clone" && exec env -u DATABASE_URL -u CONSOLE_DATA_DIR -u NODE_ENV PORT="$app_port" EMBEDDED_PG_PORT="$pg_port" \
    setsid npm run dev >"$log" 2>&1 </dev/null) &
  pid=$!
  pgid=$pid
  # setsid runs a moment after the background start (the subshell first changes folder and execs env): give it 5 s
  local tries=0
  until [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; do
    tries=$((tries + 1))
    [ "$tries" -le 50 ] || fail "npm run dev did not get its own process group"
    sleep 0.1
  done
  until node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$app_port/api/health" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" || code=$?; fail "npm run dev exited with code $code before /api/health answered"; }
    [ "$waited" -ge "$READY_TIMEOUT" ] && fail "GET /api/health did not answer 200 within ${READY_TIMEOUT} s"
    sleep 2
    waited=$((waited + 2))
  done
  say "GET /api/health answered 200 after ~${waited} s"
  grep -E "\[console\] (database:|running as root)" "$log" | sed 's/^/[root-smoke]   /'
  grep -qE "database: embedded PostgreSQL .*\(${expect};" "$log" || fail "the start log does not say the database was ${expect}"
  grep -qE "cannot enter [^ ]+, so the data for $clone/.data/postgres is kept in /var/lib/harbor-fleet-console/" "$log" ||
    fail "the start log does not say where the data went and why"
  relocated=$(sed -nE 's/.*data in ([^ ]+) .*/\1/p' "$log" | head -n 1)
  if grep -qE "EACCES|^\s+at " "$log"; then fail "the start log holds an error or a stack trace"; fi

  kill -INT -- "-$pgid"
  waited=0
  while kill -0 "$pid" 2>/dev/null; do
    [ "$waited" -ge "$STOP_TIMEOUT" ] && fail "npm run dev still running ${STOP_TIMEOUT} s after SIGINT"
    sleep 1
    waited=$((waited + 1))
  done
  wait "$pid" || code=$?
  say "npm run dev exited with code $code after SIGINT"
  case "$code" in 0 | 130) ;; *) fail "exit code $code after SIGINT: expected 0 or 130, as after Ctrl-C" ;; esac
  grep -q "embedded PostgreSQL stopped" "$log" || fail "the log does not say the embedded PostgreSQL stopped"
  sleep 1
  if group_alive; then pgrep -a -g "$pgid"; fail "processes of the stopped console are still running"; fi
  if pgrep -a -f -- "-p $pg_port" | grep -q postgres; then fail "a PostgreSQL on port $pg_port is still running"; fi
  [ -n "$relocated" ] && [ -e "$relocated/postmaster.pid" ] && fail "postmaster.pid left in $relocated"
  pgid=""
}

run_once created
run_once reused
say "OK: npm run dev as root from a folder inside a mode-700 directory starts, answers /api/health, keeps its data and stops cleanly"
