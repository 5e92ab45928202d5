#!/usr/bin/env bash
# Installs Debian's chromium, which the analysis report test opens headless (every chart image
# loaded, no console errors, a screenshot under target/). Idempotent: does nothing when
# /usr/bin/chromium exists. Call it from .ci/run before `mvn verify`; under CI=true that test
# fails, rather than skips, without chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium > /dev/null
