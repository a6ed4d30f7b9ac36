#!/usr/bin/env bash
# Upgrades this checkout of fal-faq-bot to a release, or rolls back to the one it ran before.
#
#   deploy/upgrade.sh [REF]       upgrade to REF (a tag or commit; default: origin/main)
#   deploy/upgrade.sh --rollback  back to the release before the last upgrade
#
# Each run: backs up the database, checks out REF, npm ci, builds, registers the commands again
# only when what would be registered changed, restarts the bot, and waits for `faq health` (when
# HEALTH_PORT is set). A release that does not come up healthy is rolled back by itself.
#
# FAQ_BOT_RESTART   how to restart the bot (default: systemctl restart fal-faq-bot)
# FAQ_BOT_HEALTH_WAIT  seconds to wait for health after the restart (default: 60)
# FAQ_BOT_BACKUPS   where the database is copied before each switch (default: backups/)
set -euo pipefail
cd "$(dirname "$0")/.."

restart=${FAQ_BOT_RESTART:-systemctl restart fal-faq-bot}
wait_for=${FAQ_BOT_HEALTH_WAIT:-60}
backups=${FAQ_BOT_BACKUPS:-backups}
# Outside the work tree: a checkout never touches it, git never shows it.
previous_file="$(git rev-parse --git-dir)/fal-faq-bot-previous-release"

say() { printf 'upgrade: %s\n' "$*"; }
fail() { printf 'upgrade: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  --rollback)
    [ -s "$previous_file" ] || fail "no earlier release is recorded in $previous_file"
    target=$(cat "$previous_file") ;;
  *)
    git fetch --quiet --tags origin
    target=$(git rev-parse --verify "${1:-origin/main}^{commit}") ||
      fail "${1:-origin/main} is not a release git knows" ;;
esac

[ -z "$(git status --porcelain --untracked-files=no)" ] ||
  fail "the checkout has local changes (git status): commit or stash them first; nothing was changed"
current=$(git rev-parse HEAD)
[ "$current" != "$target" ] || { say "already at $(git rev-parse --short "$target")"; exit 0; }

registered() { node dist/src/deploy-commands.js --print 2>/dev/null || echo unknown; }

switch_to() {
  local ref=$1
  git checkout --quiet --detach "$ref"
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  say "build"
  npm run --silent build
}

health=checked
healthy() {
  local out
  for _ in $(seq 1 "$wait_for"); do
    if out=$(node dist/src/cli/main.js health 2>&1); then return 0; fi
    case "$out" in *'HEALTH_PORT is not set'*)
      health="not checked: HEALTH_PORT is not set, see the bot's log"; return 0 ;;
    esac
    sleep 1
  done
  printf '%s\n' "$out" >&2
  return 1
}

mkdir -p "$backups"
backup="$backups/before-$(git rev-parse --short "$target")-$(date +%Y%m%d%H%M%S).sqlite"
if [ -d dist ] && node dist/src/cli/main.js backup "$backup" >/dev/null 2>&1; then
  say "database backed up to $backup"
else
  say "no database backed up (none yet, or DATA_DIR not readable)"
fi
before=$(registered)

say "$(git rev-parse --short "$current") -> $(git rev-parse --short "$target")"
switch_to "$target"
echo "$current" >"$previous_file"

if [ "$(registered)" != "$before" ]; then
  say "the commands changed: npm run deploy-commands"
  node dist/src/deploy-commands.js
else
  say "the commands are unchanged: not registered again"
fi

say "restart: $restart"
$restart
if healthy; then
  say "running $(git rev-parse --short HEAD) (health $health)"
  exit 0
fi

say "not healthy after ${wait_for} s: rolling back to $(git rev-parse --short "$current")"
switch_to "$current"
echo "$target" >"$previous_file"
[ "$(registered)" = "$before" ] || node dist/src/deploy-commands.js
$restart
healthy || fail "the rolled-back release is not healthy either: see the bot's log"
fail "rolled back to $(git rev-parse --short "$current"); the failed release was $(git rev-parse --short "$target")"
