#!/usr/bin/env bash
# Replays the Dockerfile's steps outside Docker, for machines with no Docker daemon (and as a quick check that
# the image would build and serve): a fresh venv from python3.11 as `python -m venv /opt/venv`, the files the
# Dockerfile COPYs (read from the Dockerfile itself, .dockerignore applied) into a temporary /app, its
# `pip install --no-cache-dir -r requirements.txt`, its ENV (/data and $HOME become temporary folders), then its
# CMD on a free loopback port, as an unprivileged user when run as root (the image's USER is not root either).
# Then it checks: /_stcore/health answers "ok", the HEALTHCHECK command itself exits 0, the page is served,
# a real WebSocket session runs app.py to the end with no exception, the database driver compose.yaml's
# APPLYTICS_DATABASE_URL names is installed, the data folder is writable and the code is not; and the server
# stops on SIGTERM, as `docker stop` asks it to.
#
# Usage: scripts/check_docker_steps.sh [--committed | --context DIR] [--keep]
#   --committed  replay from `git archive HEAD` (what a clean clone has) instead of the working tree
#   --context    replay from another build context (a checkout, an unpacked release)
#   --keep       keep the temporary folder (its path is printed)
# Environment: PYTHON (default python3.11).
# A RUN step this script does not know makes it fail: teach it the step rather than skipping it.
set -euo pipefail
umask 022  # as in a docker build: what root installs, the app user can read

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3.11}
COMMITTED=0
KEEP=0
CONTEXT="$ROOT"
while [ $# -gt 0 ]; do
  case "$1" in
    --committed) COMMITTED=1 ;;
    --context) CONTEXT=$(cd "${2:?--context needs a folder}" && pwd); shift ;;
    --keep) KEEP=1 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check_docker_steps: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS  $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $*"; }
say() { echo "----  $*"; }

WORK=$(mktemp -d /tmp/applytics-docker-steps.XXXXXX)
chmod 0755 "$WORK"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    sleep 1
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# The build context: the working tree, or the last commit.
if [ "$COMMITTED" = 1 ]; then
  mkdir "$WORK/context"
  git -C "$ROOT" archive HEAD | tar -x -C "$WORK/context"
  CONTEXT="$WORK/context"
  say "context: git archive HEAD ($(git -C "$ROOT" rev-parse --short HEAD))"
else
  say "context: the folder $CONTEXT"
fi

for needed in Dockerfile compose.yaml; do
  if [ ! -f "$CONTEXT/$needed" ]; then
    fail "no $needed in $CONTEXT (at --committed: is it committed?)"
    exit 1
  fi
done

# Reads the Dockerfile: `steps` prints one step a line (KIND<TAB>ARGS), `copy SRC... DEST` copies like COPY with
# .dockerignore applied, `cmd` and `healthcheck` print their exec-form JSON arrays one argument a line.
cat > "$WORK/dockerfile.py" <<'PY'
import json, os, re, shutil, sys
from pathlib import Path

context, app, action, *rest = sys.argv[1:]
context, app = Path(context), Path(app)

def instructions():
    logical, lines = "", (context / "Dockerfile").read_text().splitlines()
    for line in lines:
        if not logical and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            logical += line.rstrip()[:-1] + " "
            continue
        logical += line
        kind, _, args = logical.strip().partition(" ")
        yield kind.upper(), args.strip()
        logical = ""

def patterns():
    found = []
    path = context / ".dockerignore"
    for line in path.read_text().splitlines() if path.exists() else []:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line.lstrip("!").strip().strip("/")
        out, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out, i = out + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                out, i = out + ".*", i + 2
            elif pattern[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif pattern[i] == "?":
                out, i = out + "[^/]", i + 1
            else:
                out, i = out + re.escape(pattern[i]), i + 1
        found.append((negate, re.compile(out + "(?:/.*)?$")))
    return found

IGNORE = patterns()

def ignored(relative):
    result = False
    for negate, regex in IGNORE:
        if regex.match(relative):
            result = not negate
    return result

def copy(sources, dest):
    target = app / dest
    into_dir = dest.endswith("/") or len(sources) > 1
    for source in sources:
        relative = source.strip("/")
        origin = context / relative
        if not origin.exists() or ignored(relative):
            sys.exit(f"COPY {source}: not in the build context (missing, or excluded by .dockerignore)")
        if origin.is_dir():
            for path in sorted(origin.rglob("*")):
                inner = path.relative_to(context).as_posix()
                if path.is_file() and not ignored(inner):
                    out = target / path.relative_to(origin)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, out)
        else:
            out = target / origin.name if into_dir else target
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, out)

def exec_form(kind):
    for name, args in instructions():
        if name == kind:
            last = args
    if kind == "HEALTHCHECK":
        last = re.search(r"(?:^|\s)CMD\s+(\[.*\])\s*$", last).group(1)
    return json.loads(last)

if action == "steps":
    for kind, args in instructions():
        if kind == "ENV":
            for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', args):
                print(f"ENV\t{key}\t{value.strip(chr(34))}")
        else:
            print(f"{kind}\t{args}")
elif action == "copy":
    copy(rest[:-1], rest[-1])
elif action in ("cmd", "healthcheck"):
    print("\n".join(exec_form(action.upper())))
PY

APP="$WORK/app"
VENV="$WORK/venv"
DATA="$WORK/data"
HOME_DIR="$WORK/home"
mkdir -p "$APP" "$DATA" "$HOME_DIR"
chmod 0755 "$APP"
chmod 0700 "$DATA"
declare -A ENVS=()
PATH_PREFIX=""
INSTALLED=0

dockerfile() { "$PYTHON" "$WORK/dockerfile.py" "$CONTEXT" "$APP" "$@"; }

# As root, the app runs as uid 65534 (nobody), so the interpreter must be one that user can run: a Python
# installed under /root (pyenv) is not; Debian's /usr/bin/python3.11 then stands in, or we stay root and say so.
AS_USER=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  if ! (cd / && "${nobody[@]}" "$(command -v "$PYTHON")" -c "import venv, ensurepip") 2>/dev/null; then
    if [ "$PYTHON" = python3.11 ] && (cd / && "${nobody[@]}" /usr/bin/python3.11 -c "import venv, ensurepip") 2>/dev/null; then
      say "$(command -v "$PYTHON") cannot be run by uid 65534: using /usr/bin/python3.11"
      PYTHON=/usr/bin/python3.11
    else
      nobody=()
      say "no Python 3.11 that uid 65534 can run: the app runs as root here (the image runs it as uid 10001)"
    fi
  fi
  AS_USER=("${nobody[@]}")
fi

say "base: $("$PYTHON" -c 'import sys; print("Python", sys.version.split()[0])') ($PYTHON) stands in for $(dockerfile steps | awk -F'\t' '$1 == "ARG" && $2 ~ /^PYTHON_IMAGE=/ { sub("PYTHON_IMAGE=", "", $2); print $2 }')"

while IFS=$'\t' read -r kind args value; do
  case "$kind" in
    ARG | FROM | EXPOSE | VOLUME | USER | HEALTHCHECK | CMD | LABEL | STOPSIGNAL) ;;  # checked or used below
    WORKDIR) say "WORKDIR $args -> $APP" ;;
    ENV)
      case "$args" in
        PATH) PATH_PREFIX="$VENV/bin:" ;;
        VIRTUAL_ENV) ENVS[$args]="$VENV" ;;
        APPLYTICS_DATA_DIR) ENVS[$args]="$DATA" ;;
        HOME) ENVS[$args]="$HOME_DIR" ;;
        *) ENVS[$args]="$value" ;;
      esac
      ;;
    COPY)
      # shellcheck disable=SC2086
      if dockerfile copy $args; then
        say "COPY $args"
      else
        fail "COPY $args"
        exit 1
      fi
      ;;
    RUN)
      if [[ "$args" == *"python -m venv /opt/venv"* ]]; then
        "$PYTHON" -m venv "$VENV"
        say "RUN python -m venv /opt/venv -> $VENV (the user, group and /data of this step: an unprivileged user and $DATA below)"
      elif [[ "$args" == "pip install --no-cache-dir -r requirements.txt" ]]; then
        say "RUN $args (in $APP)"
        INSTALLED=1
        if (cd "$APP" && "$VENV/bin/pip" install --quiet --no-cache-dir -r requirements.txt) > "$WORK/pip.log" 2>&1; then
          pass "pip install --no-cache-dir -r requirements.txt ($("$VENV/bin/pip" list 2>/dev/null | tail -n +3 | wc -l) packages)"
        else
          grep -v "is ignored: it is neither" "$WORK/pip.log" | tail -15
          fail "pip install --no-cache-dir -r requirements.txt"
          exit 1
        fi
      else
        fail "a RUN step this script does not replay: $args (teach scripts/check_docker_steps.sh)"
        exit 1
      fi
      ;;
    *) fail "an instruction this script does not replay: $kind $args"; exit 1 ;;
  esac
done < <(dockerfile steps)
if [ "$INSTALLED" != 1 ]; then
  fail "the Dockerfile was not read, or it has no 'pip install --no-cache-dir -r requirements.txt' step"
  exit 1
fi

# Run as the image does: an unprivileged user (when we are root), code read-only to it, /data its own.
if [ "${#AS_USER[@]}" -gt 0 ]; then
  chown -R 65534:65534 "$DATA" "$HOME_DIR"
  say "running as uid 65534 (nobody), like the image's non-root USER"
fi
run_env=(env -i "PATH=${PATH_PREFIX}/usr/local/bin:/usr/bin:/bin" "LANG=C.UTF-8")
for key in "${!ENVS[@]}"; do run_env+=("$key=${ENVS[$key]}"); done
in_image() { (cd "$APP" && exec "${AS_USER[@]}" "${run_env[@]}" "$@"); }

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mapfile -t CMD < <(dockerfile cmd)
if [ "${#CMD[@]}" = 0 ]; then fail "no exec-form CMD in the Dockerfile"; exit 1; fi
for i in "${!CMD[@]}"; do
  case "${CMD[$i]}" in
    --server.port=*) CMD[i]="--server.port=$PORT" ;;
    --server.address=*) CMD[i]="--server.address=127.0.0.1" ;;  # loopback here; the image listens on 0.0.0.0
  esac
done
mapfile -t HEALTH < <(dockerfile healthcheck)
if [ "${#HEALTH[@]}" = 0 ]; then fail "no exec-form HEALTHCHECK CMD in the Dockerfile"; exit 1; fi
HEALTH=("${HEALTH[@]//:8501\//:$PORT/}")

say "CMD ${CMD[*]}"
# Not through in_image: a function sent to the background is one more process, and $! would be that one.
(cd "$APP" && exec "${AS_USER[@]}" "${run_env[@]}" "${CMD[@]}") > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

health=""
for _ in $(seq 1 90); do
  health=$("$VENV/bin/python" -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:$PORT/_stcore/health', timeout=2).read().decode())" 2>/dev/null) && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 1
done
if [ "$health" = "ok" ]; then
  pass "GET /_stcore/health -> ok"
else
  tail -20 "$WORK/server.log"
  fail "GET /_stcore/health (got '${health}')"
  exit 1
fi

if in_image "${HEALTH[@]}"; then pass "HEALTHCHECK command exits 0"; else fail "HEALTHCHECK command"; fi

if "$VENV/bin/python" - "$PORT" <<'PY'; then pass "GET / serves the page"; else fail "GET /"; fi
import sys, urllib.request
body = urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=10).read().decode()
sys.exit(0 if '<div id="root">' in body else 1)
PY

# A browser's session, without the browser: the WebSocket the frontend opens, one run of app.py.
if in_image python - "$PORT" <<'PY'; then pass "a WebSocket session runs app.py to the end, no exception"; else fail "app.py over the WebSocket"; fi
import asyncio, sys
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

async def session(port):
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=2**27) as ws:
        back = BackMsg()
        back.rerun_script.query_string = ""
        await ws.send(back.SerializeToString())
        elements, exceptions = 0, []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                elements += 1
                if message.delta.new_element.WhichOneof("type") == "exception":
                    exception = message.delta.new_element.exception
                    exceptions.append(f"{exception.type}: {exception.message}")
            if kind == "script_finished":
                status = message.script_finished
                print(f"----  app.py: {elements} elements, script_finished={status}, exceptions={exceptions or 'none'}")
                return status == ForwardMsg.FINISHED_SUCCESSFULLY and not exceptions

sys.exit(0 if asyncio.run(session(int(sys.argv[1]))) else 1)
PY

# compose.yaml hands the app a PostgreSQL URL: its driver must be in requirements.txt, hence in the image.
driver=$("$PYTHON" -c "
import re, sys
text = open('$CONTEXT/compose.yaml').read()
found = re.search(r'APPLYTICS_DATABASE_URL:\s*\"?postgresql\+(\w+)://', text)
print(found.group(1) if found else '')
" 2>/dev/null || true)
if [ -n "$driver" ]; then
  if in_image python -c "import sqlalchemy, $driver; print('----  sqlalchemy', sqlalchemy.__version__, '$driver', $driver.__version__)"; then
    pass "compose.yaml's postgresql+$driver URL: SQLAlchemy and $driver are installed"
  else
    fail "compose.yaml's APPLYTICS_DATABASE_URL needs SQLAlchemy and $driver, which requirements.txt does not install"
  fi
fi

# shellcheck disable=SC2016  # expanded by the inner shell, in the app's environment
if in_image sh -c 'touch "$APPLYTICS_DATA_DIR/.write-test" && rm "$APPLYTICS_DATA_DIR/.write-test"'; then
  pass "APPLYTICS_DATA_DIR is writable by the app user"
else
  fail "APPLYTICS_DATA_DIR is not writable by the app user"
fi
if [ "${#AS_USER[@]}" -gt 0 ]; then
  if in_image sh -c 'touch app.py' 2>/dev/null; then fail "the app user can rewrite its code"; else pass "the code is read-only to the app user"; fi
fi
if [ -f "$APP/lib/applytics/share/store.py" ]; then
  if in_image python -c "
import os
from applytics.share import store
os.environ.pop(store.DATABASE_URL_ENV, None)
store.default_store().close()
path = os.path.join(os.environ['APPLYTICS_DATA_DIR'], store.SQLITE_FILE)
assert os.path.isfile(path), path
print('----  share store: SQLite at', path)
"; then
    pass "the share store opens its SQLite file in APPLYTICS_DATA_DIR"
  else
    fail "the share store could not open its SQLite file in APPLYTICS_DATA_DIR"
  fi
fi

kill -TERM "$SERVER_PID"
stopped=0
for _ in $(seq 1 20); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then stopped=1; break; fi
  sleep 0.5
done
if [ "$stopped" = 1 ]; then
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  if "$VENV/bin/python" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/_stcore/health', timeout=2)" 2>/dev/null; then
    fail "the server's process ended but port $PORT still answers: something else serves it"
  else
    pass "the server stops on SIGTERM within 10 s, and its port is closed"
  fi
else
  fail "the server ignored SIGTERM for 10 s"
fi

echo "check_docker_steps: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
