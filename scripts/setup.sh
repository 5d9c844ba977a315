#!/usr/bin/env bash
# Installs everything the project needs on a fresh machine: pnpm at the pinned version, the workspace's
# packages, and Debian's Chromium for the docs' browser tests (never a downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."

want_pnpm=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$want_pnpm" ]; then
  # corepack fails against this registry without COREPACK_INTEGRITY_KEYS=0; a global npm install is simpler.
  npm install --global "pnpm@$want_pnpm"
fi

if [ "${SKIP_CHROMIUM:-}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

pnpm install --frozen-lockfile
