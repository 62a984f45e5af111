#!/usr/bin/env bash
# The test command, on a fresh machine by itself: install the programs the tests need when it can
# (scripts/system-deps.sh: LibreOffice, poppler-utils, a Japanese font, python3-venv, from
# Debian's packages as root; without root, a Japanese font from PyPI into .venv), create .venv
# if needed, install stockrights with its test extra, run lint, types and the suite. Tests whose
# programs are still missing are skipped with their reason, and the last line says, in one line,
# what could not be run. Arguments go to pytest; the exit status is pytest's.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t absent < <(bash scripts/system-deps.sh)
if printf '%s\n' "${absent[@]}" | grep -qx -e soffice -e pdftoppm -e pdftotext -e pdffonts; then
  export STOCKRIGHTS_NO_LIBREOFFICE=1 # the LibreOffice and PDF tests skip, saying why
fi
if [ ! -x .venv/bin/python ] && ! python3 -m venv .venv; then
  echo "scripts/test.sh: NOT RUN: anything (python3 -m venv failed: install python3-venv)"
  exit 1
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
if printf '%s\n' "${absent[@]}" | grep -qx "IPA Japanese font" && [ -z "${STOCKRIGHTS_JA_FONT:-}" ]; then
  # No root to install fonts-ipafont-gothic: take IPAex Gothic (IPA Font License) from the
  # japanize-matplotlib source package on PyPI, into .venv, for the report and notice PDFs.
  font=.venv/fonts/ipaexg.ttf
  if [ ! -f "$font" ] && mkdir -p .venv/fonts &&
    .venv/bin/python -m pip download -q --no-deps --no-binary :all: \
      --disable-pip-version-check japanize-matplotlib==1.1.3 -d .venv/fonts >/dev/null 2>&1; then
    tar -xzf .venv/fonts/japanize-matplotlib-1.1.3.tar.gz -C .venv/fonts --strip-components=3 \
      japanize-matplotlib-1.1.3/japanize_matplotlib/fonts/ipaexg.ttf || true
  fi
  [ -f "$font" ] && export STOCKRIGHTS_JA_FONT="$PWD/$font"
fi
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
status=0
.venv/bin/python -m pytest -q "$@" || status=$?

not_run=()
if [ "${STOCKRIGHTS_NO_LIBREOFFICE:-0}" = "1" ]; then
  why="skipped on request"
  [ ${#absent[@]} -gt 0 ] && why="missing ${absent[*]}; run as root with apt-get to install"
  not_run+=("the LibreOffice cross-checks and the PDF rendering and text tests ($why)")
elif printf '%s\n' "${absent[@]}" | grep -qx "IPA Japanese font"; then
  not_run+=("legible Japanese in LibreOffice's PDFs (no IPA font for fontconfig)")
fi
if printf '%s\n' "${absent[@]}" | grep -qx "IPA Japanese font" && [ -z "${STOCKRIGHTS_JA_FONT:-}" ]; then
  not_run+=("the report and notice PDFs (no Japanese font, none could be fetched)")
fi
if [ ${#not_run[@]} -gt 0 ]; then
  joined=$(printf '; %s' "${not_run[@]}")
  echo "scripts/test.sh: NOT RUN: ${joined#; }"
else
  echo "scripts/test.sh: everything ran (LibreOffice, poppler-utils and the Japanese font present)"
fi
exit $status
