#!/usr/bin/env bash
# The programs the tests need beyond Python: LibreOffice (soffice), pdftoppm, pdftotext and
# pdffonts (poppler-utils), a
# Japanese font (IPA Gothic) and python3-venv. Installs the missing ones from Debian's packages
# when it can (root and apt-get), and prints on stdout, one per line, what is still missing
# afterwards (nothing when all is there). Used by scripts/test.sh (and so by .ci/run).
# STOCKRIGHTS_NO_INSTALL=1: only report, install nothing.
set -uo pipefail

missing() {
  command -v soffice >/dev/null 2>&1 || echo "soffice"
  for tool in pdftoppm pdftotext pdffonts; do
    command -v "$tool" >/dev/null 2>&1 || echo "$tool"
  done
  fc-list 2>/dev/null | grep -qi "IPAGothic" || echo "IPA Japanese font"
  python3 -c "import ensurepip, venv" >/dev/null 2>&1 || echo "python3-venv"
}

package_of() {
  case "$1" in
    soffice) echo libreoffice-calc ;;
    pdftoppm | pdftotext | pdffonts) echo poppler-utils ;;
    "IPA Japanese font") echo "fonts-ipafont-gothic fontconfig" ;;
    python3-venv) echo python3-venv ;;
  esac
}

mapfile -t absent < <(missing)
if [ ${#absent[@]} -gt 0 ] && [ "${STOCKRIGHTS_NO_INSTALL:-0}" != "1" ] &&
  [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  packages=()
  for tool in "${absent[@]}"; do
    read -r -a more <<<"$(package_of "$tool")"
    packages+=("${more[@]}")
  done
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
  echo "installing ${packages[*]} (absent on this machine)" >&2
  { apt-get update -qq >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${packages[@]}" >/dev/null; } || echo "apt-get install ${packages[*]} failed" >&2
  mapfile -t absent < <(missing)
fi
for tool in "${absent[@]}"; do
  echo "$tool"
done
