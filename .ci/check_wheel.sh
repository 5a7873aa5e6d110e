#!/usr/bin/env bash
# Builds the wheel with `pip wheel .`, checks it carries the templates, the static files and the
# catalogues but no benchmark, then installs it (not editable) in a fresh virtualenv outside the
# checkout for each Python from 3.11 to 3.13 found here, and runs .ci/wheel_smoke.py with it.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)
work=$(mktemp -d)
# setuptools builds in build/ and never empties it: a file deleted from the tree would stay in the wheel.
trap 'rm -rf "$work" build' EXIT
rm -rf build
.venv/bin/pip wheel --quiet --disable-pip-version-check --no-deps -w "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/samaki_tracker-*.whl)
.venv/bin/python - "$wheel" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for wanted in ("tracker/templates/base.html", "tracker/static/css/tracker.css",
               "tracker/translations/fr/LC_MESSAGES/messages.po", "tracker/translations/km/LC_MESSAGES/messages.po",
               "tracker/migrations/env.py",
               "tracker/static/node_modules/@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff2"):
    assert wanted in names, f"the wheel lacks {wanted}"
benchmark = [name for name in names if "benchmark" in name]
assert not benchmark, f"the wheel carries benchmark code: {benchmark}"
print(f"wheel contents: {len(names)} files, templates, static files and catalogues in, no benchmark")
PY

pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
tried=0
for version in 3.11 3.12 3.13; do
    python=""
    # pyenv's shims answer `command -v` even for a version that is not selected: try each one.
    for candidate in $(ls -d "$pyenv_root"/versions/"$version".*/bin/python"$version" 2>/dev/null) \
                     $(command -v "python$version" || true); do
        if "$candidate" -c 'import venv' >/dev/null 2>&1; then python=$candidate; break; fi
    done
    if [ -z "$python" ]; then
        echo "wheel on Python $version: skipped, no python$version on this machine"
        continue
    fi
    "$python" -m venv "$work/venv-$version"
    "$work/venv-$version/bin/pip" install --quiet --disable-pip-version-check "$wheel"
    (cd "$work" && "$work/venv-$version/bin/python" "$checkout/.ci/wheel_smoke.py" "$checkout")
    tried=$((tried + 1))
done
[ "$tried" -gt 0 ]
