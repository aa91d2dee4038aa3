#!/usr/bin/env bash
# Installs everything netscan needs on a fresh Debian machine (run as root), idempotently:
# Debian packages (nmap, tcpdump, tshark, editcap, capsh, iproute2, nftables, chromium, postgresql; zsh
# and groff for the completion and man-page tests), a virtualenv in .venv and the
# package with its test extras. Safe to run again; does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
for pair in nmap:nmap tcpdump:tcpdump tshark:tshark editcap:wireshark-common capsh:libcap2-bin ip:iproute2 nft:nftables chromium:chromium zsh:zsh groff:groff-base setpriv:util-linux; do
  cmd=${pair%%:*}; pkg=${pair#*:}
  command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
# PostgreSQL server binaries for the multi-site inventory tests (tests start their own server in a
# temporary directory; the packaged cluster is not used)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# GNU time (the lab budget test measures a scan's peak memory with it; the shell's `time` is not it)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=.venv/.netscan-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e '.[test]' >&2
  touch "$stamp"
fi
# Byte-compile the package: with PYTHONDONTWRITEBYTECODE set (as on CI machines) every run would
# otherwise recompile each module at start-up (~60 ms of a 0.5 s host-discovery run).
.venv/bin/python -m compileall -q netscan >/dev/null
