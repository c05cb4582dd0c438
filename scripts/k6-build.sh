#!/usr/bin/env bash
# Build the k6 binary for the load suite with xk6, from the Go module proxy.
#
#   bash scripts/k6-build.sh          -> .tools/k6 (cached: rebuilds only when a pin changes)
#   K6_BIN=/path/to/k6 bash scripts/k6-build.sh   -> use that k6, build nothing
#
# Versions are pinned ONLY in load/k6-versions.env (XK6_VERSION, K6_VERSION,
# XK6_TS_MODULE, XK6_TS_VERSION; an empty XK6_TS_VERSION builds plain k6, which runs
# .ts files natively). Go's module cache (go env GOMODCACHE, by default ~/go/pkg/mod)
# and build cache are left at their defaults so repeated builds on one machine reuse them.
# Notes and measured timings: load/K6-BUILD.md
#
# Exit codes: 0 ok / up to date, 1 build failed, 2 missing prerequisite or bad config.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PINS="$ROOT/load/k6-versions.env"
TOOLS="$ROOT/.tools"
K6_OUT="$TOOLS/k6"
STAMP="$TOOLS/k6.stamp"
XK6="$TOOLS/bin/xk6"
LOG="$TOOLS/k6-build.log"

say() { printf 'k6 build: %s\n' "$*"; }
die() { # die <exit code> <line>...
  local code="$1"; shift
  local line
  for line in "$@"; do printf 'k6 build: ERROR: %s\n' "$line" >&2; done
  exit "$code"
}

# --- 1. An existing k6 given by the caller wins. ------------------------------
if [[ -n "${K6_BIN:-}" ]]; then
  if [[ -f "$K6_BIN" && -x "$K6_BIN" ]]; then
    say "using K6_BIN=$K6_BIN ($("$K6_BIN" version 2>&1 | head -n 1)); nothing built"
    exit 0
  fi
  die 2 "K6_BIN is set to '$K6_BIN', which is not an executable file." \
    "Point K6_BIN at a k6 binary, or unset it to build .tools/k6."
fi

# --- 2. Pinned versions. ---------------------------------------------------------
[[ -f "$PINS" ]] || die 2 "missing $PINS (the version pins)."
XK6_VERSION="" K6_VERSION="" XK6_TS_MODULE="" XK6_TS_VERSION=""
# shellcheck source=../load/k6-versions.env
source "$PINS"
[[ "$XK6_VERSION" == v* ]] || die 2 "XK6_VERSION in $PINS must be a version like v0.20.1 (got '$XK6_VERSION')."
[[ "$K6_VERSION" == v* ]] || die 2 "K6_VERSION in $PINS must be a version like v1.8.1 (got '$K6_VERSION')."
if [[ -n "$XK6_TS_VERSION" ]]; then
  [[ "$XK6_TS_VERSION" == v* ]] || die 2 "XK6_TS_VERSION in $PINS must be empty or a version like v0.2.5 (got '$XK6_TS_VERSION')."
  [[ -n "$XK6_TS_MODULE" ]] || die 2 "XK6_TS_VERSION is set but XK6_TS_MODULE is empty in $PINS."
fi

pins() {
  printf 'XK6_VERSION=%s\nK6_VERSION=%s\nXK6_TS_MODULE=%s\nXK6_TS_VERSION=%s\n' \
    "$XK6_VERSION" "$K6_VERSION" "$XK6_TS_MODULE" "$XK6_TS_VERSION"
}

# --- 3. Cached build? (needs no Go) ------------------------------------------------
if [[ -x "$K6_OUT" && -f "$STAMP" ]] && [[ "$(grep -v '^GO_VERSION=' "$STAMP")" == "$(pins)" ]]; then
  if k6_line="$("$K6_OUT" version 2>/dev/null | head -n 1)" && [[ -n "$k6_line" ]]; then
    say "up to date ($k6_line)"
    exit 0
  fi
  say "$K6_OUT does not run; rebuilding"
fi

# --- 4. Go toolchain. -------------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
  die 2 "'go' is not on PATH; it is needed to build k6 with xk6." \
    "Install Go: Debian/Ubuntu 'apt-get install golang', or a tarball from https://go.dev/dl" \
    "  (k6 needs a recent Go: v1.8.1 wants >= 1.25; Debian 12's golang is 1.19, too old: use bookworm-backports or go.dev/dl)." \
    "Or skip the build: K6_BIN=/path/to/existing/k6 bash scripts/k6-build.sh"
fi
GO_VERSION="$(go env GOVERSION)"
mkdir -p "$TOOLS/bin"
# .tools/ is build output only: keep it out of git even without a root .gitignore entry.
[[ -f "$TOOLS/.gitignore" ]] || printf '*\n' >"$TOOLS/.gitignore"
say "go $GO_VERSION, module cache $(go env GOMODCACHE)"

# --- 5. xk6 itself (cmd/xk6 = the 'xk6 build <k6 version> --with ...' CLI). ----------
xk6_is_pinned() {
  [[ -x "$XK6" ]] && go version -m "$XK6" 2>/dev/null |
    grep -Eq "^[[:space:]]+(mod|dep)[[:space:]]+go\.k6\.io/xk6[[:space:]]+${XK6_VERSION//./\\.}([[:space:]]|$)"
}

if xk6_is_pinned; then
  say "xk6 $XK6_VERSION already installed ($XK6)"
else
  say "installing xk6 $XK6_VERSION"
  rm -f "$XK6"
  if ! install_out="$(GOBIN="$TOOLS/bin" go install "go.k6.io/xk6/cmd/xk6@$XK6_VERSION" 2>&1)"; then
    # 'go install pkg@version' also reads the module's version list (deprecation check);
    # a proxy that only serves pinned versions answers 403 to that. Fall back to building
    # xk6 inside a pinned module that uses xk6's own go.sum (no sumdb look-ups needed).
    say "go install failed, building xk6 from a pinned module instead:"
    printf '%s\n' "$install_out" | grep -v '^go: downloading' | sed 's/^/  | /' >&2
    mod_json="$(go mod download -json "go.k6.io/xk6@$XK6_VERSION" 2>&1)" ||
      die 1 "cannot download go.k6.io/xk6@$XK6_VERSION from the Go module proxy ($(go env GOPROXY)):" \
        "$mod_json" "Check XK6_VERSION in $PINS and that the proxy serves it."
    xk6_dir="$(go env GOMODCACHE)/go.k6.io/xk6@$XK6_VERSION"
    tool_mod="$TOOLS/xk6-mod"
    rm -rf "$tool_mod" && mkdir -p "$tool_mod"
    go_line="$(grep -m1 '^go ' "$xk6_dir/go.mod")"
    printf 'module xk6tool.invalid/build\n\n%s\n\nrequire go.k6.io/xk6 %s\n' "$go_line" "$XK6_VERSION" >"$tool_mod/go.mod"
    cp "$xk6_dir/go.sum" "$tool_mod/go.sum" && chmod u+w "$tool_mod/go.sum"
    if ! build_out="$(cd "$tool_mod" && GOFLAGS=-mod=mod go build -trimpath -o "$XK6" go.k6.io/xk6/cmd/xk6 2>&1)"; then
      printf '%s\n' "$build_out" | grep -v '^go: downloading' | tail -n 20 | sed 's/^/  | /' >&2
      die 1 "building xk6 $XK6_VERSION failed (output above)." \
        "Check XK6_VERSION in $PINS, the Go version ($GO_VERSION) and access to the Go module proxy ($(go env GOPROXY))."
    fi
  fi
  xk6_is_pinned || die 1 "$XK6 was not produced, or is not xk6 $XK6_VERSION."
fi

# --- 6. k6. -------------------------------------------------------------------------
xk6_args=(build "$K6_VERSION" --output "$K6_OUT.new")
if [[ -n "$XK6_TS_VERSION" ]]; then
  xk6_args+=(--with "$XK6_TS_MODULE@$XK6_TS_VERSION")
  say "building k6 $K6_VERSION with xk6-ts $XK6_TS_VERSION (first build takes a few minutes)"
else
  say "building k6 $K6_VERSION without extensions, native TypeScript (first build takes a few minutes)"
fi
rm -f "$K6_OUT.new" "$STAMP"
start=$SECONDS
set +e
# Full output goes to the log; xk6's own INFO/ERROR steps are echoed as progress.
# K6_VERSION is deliberately not exported: the positional version argument is what counts.
(cd "$TOOLS" && "$XK6" "${xk6_args[@]}") 2>&1 | tee "$LOG" |
  { grep --line-buffered -E ' (INFO|ERROR|WARN) ' | sed -u 's/^[0-9\/]* [0-9:]* /  xk6: /' || true; }
rc=${PIPESTATUS[0]}
set -e
if [[ $rc -ne 0 || ! -s "$K6_OUT.new" || ! -x "$K6_OUT.new" ]]; then
  echo "  --- last lines of $LOG ---" >&2
  grep -v '^go: downloading' "$LOG" | tail -n 25 | sed 's/^/  | /' >&2
  if grep -q '403 Forbidden\|not available\|404 Not Found' "$LOG"; then
    hint="The Go module proxy ($(go env GOPROXY)) refused a module version (see above): pin versions it serves in $PINS."
  else
    hint="Check the pins in $PINS (k6 and extension must build together) and the Go version ($GO_VERSION)."
  fi
  rm -f "$K6_OUT.new"
  die 1 "xk6 build of k6 $K6_VERSION failed (exit $rc, after $((SECONDS - start))s; full log: $LOG)." "$hint"
fi
if ! "$K6_OUT.new" version >/dev/null 2>&1; then
  die 1 "the new binary $K6_OUT.new does not run '$K6_OUT.new version'; see $LOG."
fi
mv -f "$K6_OUT.new" "$K6_OUT"
{ pins; printf 'GO_VERSION=%s\n' "$GO_VERSION"; } >"$STAMP"
say "built $K6_OUT in $((SECONDS - start))s"
"$K6_OUT" version
