#!/usr/bin/env bash
# Install Schemathesis (PyPI, versions pinned in scripts/schemathesis/requirements.txt) into a
# virtual environment under .tools/schemathesis/ (git-ignored), for the `schemathesis` test stage.
#
#   bash scripts/schemathesis/install.sh    -> .tools/schemathesis/bin/schemathesis
#
# Cached: reinstalls only when requirements.txt changes. PYTHON=/path/to/python3.11 picks the
# interpreter. Exit codes: 0 installed or up to date, 1 pip failed, 2 no usable Python.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQS="$ROOT/scripts/schemathesis/requirements.txt"
VENV="$ROOT/.tools/schemathesis"
STAMP="$VENV/requirements.stamp"
LOG="$ROOT/.tools/schemathesis-install.log"
PY="${PYTHON:-python3}"

say() { printf 'schemathesis install: %s\n' "$*"; }
die() { local code="$1"; shift; printf 'schemathesis install: ERROR: %s\n' "$@" >&2; exit "$code"; }

if [[ -x "$VENV/bin/schemathesis" && -f "$STAMP" ]] && cmp -s "$REQS" "$STAMP"; then
  say "up to date ($("$VENV/bin/schemathesis" --version 2>&1 | head -n 1))"
  exit 0
fi

command -v "$PY" >/dev/null 2>&1 ||
  die 2 "$PY not found. Schemathesis needs Python >= 3.11 with venv and pip:" \
    "install it (Debian: apt-get install python3 python3-venv) or set PYTHON=/path/to/python3."
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' ||
  die 2 "$("$PY" --version 2>&1) is too old: Schemathesis 4.32.5 needs Python >= 3.11 (set PYTHON=...)."
"$PY" -c 'import venv, ensurepip' 2>/dev/null ||
  die 2 "$PY has no venv/ensurepip module (Debian: apt-get install python3-venv)."

mkdir -p "$ROOT/.tools"
rm -rf "$VENV"
say "creating $VENV with $("$PY" --version 2>&1) and installing $(grep -c '==' "$REQS") pinned packages from PyPI"
if ! { "$PY" -m venv "$VENV" && "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  --no-input -r "$REQS"; } >"$LOG" 2>&1; then
  tail -n 20 "$LOG" >&2
  rm -rf "$VENV"
  die 1 "pip could not install Schemathesis (full log: $LOG). Is PyPI reachable?"
fi
cp "$REQS" "$STAMP"
say "installed $("$VENV/bin/schemathesis" --version 2>&1 | head -n 1)"
