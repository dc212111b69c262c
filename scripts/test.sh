#!/usr/bin/env bash
# Every test Sunlit has, in the order a failure is cheapest to find: type checks, lint, the
# production build, vitest (unit + server integration against that build on temporary SQLite
# files), the crash test (that build killed with SIGKILL under load, 20 times), then the
# Playwright journeys in Debian's Chromium. Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
steps=()
failed=""

need_browser() {
	if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then return 0; fi
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
		echo "==> Chromium 或中文字体缺失，正在用 apt-get 安装 chromium fonts-noto-cjk (installing Chromium and CJK fonts)"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq && apt-get install -y -qq chromium && apt-get install -y -qq --no-install-recommends fonts-noto-cjk fontconfig || return 1
		fc-cache -f >/dev/null 2>&1 || true
		return 0
	fi
	cat >&2 <<'MSG'
浏览器测试需要 Debian 的 Chromium 和 Noto CJK 中文字体，但本机没有，且当前用户不是 root，无法自动安装。
请以 root 运行：  apt-get update && apt-get install -y chromium fonts-noto-cjk
The browser journeys need Debian's Chromium (/usr/bin/chromium) and fonts-noto-cjk; install them as root:
  apt-get update && apt-get install -y chromium fonts-noto-cjk
MSG
	return 1
}

run() {
	local name=$1
	shift
	echo
	echo "==> $name: $*"
	local t0
	t0=$(date +%s)
	if "$@"; then
		steps+=("$name ok ($(($(date +%s) - t0)) s)")
	else
		steps+=("$name FAILED")
		failed="$failed $name"
	fi
}

run browser need_browser
run check npm run --silent check
run lint npm run --silent lint
run freeze-check npm run --silent freeze -- --check
run build npm run --silent build
# The server tests start the build just made; they only make sense when it exists.
if [[ " $failed " != *" build "* ]]; then
	run vitest npx vitest run
	run crash npm run --silent crash-test
	if [[ " $failed " != *" browser "* ]]; then
		run e2e npx playwright test
	else
		steps+=("e2e not run (no browser)")
		failed="$failed e2e"
	fi
else
	steps+=("vitest, crash, e2e not run (build failed)")
	failed="$failed vitest crash e2e"
fi

echo
for s in "${steps[@]}"; do echo "  - $s"; done
elapsed=$(($(date +%s) - started))
if [ -z "$failed" ]; then
	echo "SUMMARY: all tests passed (${#steps[@]} steps, ${elapsed} s)"
	exit 0
fi
echo "SUMMARY: FAILED:$failed (${elapsed} s)"
exit 1
