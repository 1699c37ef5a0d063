#!/usr/bin/env bash
# Every custom property the CSS (and the pages' inline styles) use is defined in
# style/main.css: an undefined one silently falls back, and the page drifts from the
# design tokens (issue 32 item 7).
set -euo pipefail
cd "$(dirname "$0")/.."
defined=$(grep -ohE '^\s*--[a-z0-9-]+\s*:' style/*.css | tr -d ' :' | sort -u)
used=$(grep -rohE 'var\(--[a-z0-9-]+' style app/src | sed 's/var(//' | sort -u)
missing=$(comm -23 <(echo "$used") <(echo "$defined"))
if [ -n "$missing" ]; then
  echo "custom properties used but never defined:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "$(echo "$used" | wc -l) custom properties used, all defined"
