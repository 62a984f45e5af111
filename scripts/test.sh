#!/usr/bin/env bash
# The test command, on a fresh machine by itself: install the programs the tests need when it can
# (scripts/system-deps.sh: LibreOffice, pdftoppm, a Japanese font, python3-venv, from Debian's
# packages as root), create .venv if needed, install stockrights with its test extra, run lint,
# types and the suite. Tests whose programs are still missing are skipped with their reason, and
# the last line says, in one line, what could not be run. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t absent < <(bash scripts/system-deps.sh)
if printf '%s\n' "${absent[@]}" | grep -qx -e soffice -e pdftoppm; then
  export STOCKRIGHTS_NO_LIBREOFFICE=1 # the LibreOffice tests skip, saying why
fi
if [ ! -x .venv/bin/python ] && ! python3 -m venv .venv; then
  echo "scripts/test.sh: NOT RUN: anything (python3 -m venv failed: install python3-venv)"
  exit 1
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
status=0
.venv/bin/python -m pytest -q "$@" || status=$?

not_run=()
if [ "${STOCKRIGHTS_NO_LIBREOFFICE:-0}" = "1" ]; then
  why="skipped on request"
  [ ${#absent[@]} -gt 0 ] && why="missing ${absent[*]}; run as root with apt-get to install"
  not_run+=("the LibreOffice cross-check and rendering tests ($why)")
elif printf '%s\n' "${absent[@]}" | grep -qx "IPA Japanese font"; then
  not_run+=("legible Japanese in the rendered PDFs (no IPA font)")
fi
if [ ${#not_run[@]} -gt 0 ]; then
  echo "scripts/test.sh: NOT RUN: ${not_run[*]}"
else
  echo "scripts/test.sh: everything ran (LibreOffice, pdftoppm and the Japanese font present)"
fi
exit $status
