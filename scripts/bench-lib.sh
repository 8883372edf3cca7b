# Helpers shared by scripts/bench and scripts/bench-faults (sourced, not run). Expects ROOT.
# Everything runs on loopback; servers are the release binary with a fresh session secret.

WORK="$ROOT/target/bench"
mkdir -p "$WORK"
PG_ADMIN=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
PG_BASE=${PG_ADMIN%/*}
SECRET=$(head -c 64 /dev/urandom | base64 -w0)
BIN="$ROOT/target/release/multipartner"
CORES=$(nproc)
SERVER_CPU=0
LOAD_CPU=$(( CORES > 1 ? 1 : 0 ))

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need_load_tools() {
  if ! command -v wrk >/dev/null; then log "installing wrk"; apt-get install -y -qq wrk >/dev/null; fi
  if ! command -v oha >/dev/null && [ ! -x "$HOME/.cargo/bin/oha" ]; then
    log "building oha (once)"
    command -v cmake >/dev/null || apt-get install -y -qq cmake >/dev/null
    cargo install oha --locked --quiet
  fi
  OHA=$(command -v oha || echo "$HOME/.cargo/bin/oha")
}

PIDS=()
# Stops every server started here and waits for it, so that the next one can take its port.
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  PIDS=()
}
trap cleanup EXIT

db_url() { # backend name
  if [ "$1" = sqlite ]; then echo "sqlite://$WORK/bench-$2.db"; else echo "$PG_BASE/mp_bench_$2"; fi
}
fresh_db() { # backend name
  if [ "$1" = sqlite ]; then rm -f "$WORK/bench-$2.db"*; else
    psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS mp_bench_$2 WITH (FORCE)" -c "CREATE DATABASE mp_bench_$2" >/dev/null; fi
}
wait_ready() { # port [tries of 0.05 s] -> 0 once /readyz answers 200
  local tries=${2:-400}
  for _ in $(seq 1 "$tries"); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/readyz" && return 0
    sleep 0.05
  done
  return 1
}
start_server() { # backend name port [VAR=value ...]; the pid is ${PIDS[-1]}
  local backend=$1 name=$2 port=$3; shift 3
  env DATABASE_URL="$(db_url "$backend" "$name")" BIND_ADDR="127.0.0.1:$port" BENCH_ROUTES=true \
    SEED_DEMO=true SESSION_SECRET="$SECRET" EXPIRY_SWEEP_SECONDS=0 RUST_LOG=warn DB_POOL_SIZE=16 "$@" \
    taskset -c "$SERVER_CPU" "$BIN" serve >>"$WORK/server-$backend-$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  wait_ready "$port" && kill -0 "$pid" 2>/dev/null ||
    { echo "server on port $port did not start (see $WORK/server-$backend-$name.log)" >&2; exit 1; }
}
signin() { # base [login] -> prints the mp_session cookie after a demo sign-in
  local base=$1 login=${2:-admin@operator} jar; jar=$(mktemp)
  local idp; idp=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$base/auth/signin")
  local form; form=$(curl -s -c "$jar" -b "$jar" "$idp" | LOGIN="$login" python3 -c '
import html, os, re, sys, urllib.parse
pairs = [(k, html.unescape(v)) for k, v in re.findall(r"<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">", sys.stdin.read())]
print(urllib.parse.urlencode(pairs + [("login", os.environ["LOGIN"])]))')
  local callback; callback=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -H 'Content-Type: application/x-www-form-urlencoded' --data "$form" "$base/demo-idp/authorize")
  curl -s -c "$jar" -b "$jar" -o /dev/null "$callback"
  local cookie; cookie=$(awk '$6 == "mp_session" { print $7 }' "$jar")
  rm -f "$jar"
  [ -n "$cookie" ] || { echo "demo sign-in as $login failed at $base" >&2; exit 1; }
  echo "$cookie"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
