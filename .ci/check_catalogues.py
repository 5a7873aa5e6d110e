"""Fails when the French or Khmer catalogue lags behind the code.

Extracts the messages from the code and templates (babel.cfg), then checks each
tracker/translations/<language>/LC_MESSAGES/messages.po: every message is there, translated (every
plural form), not fuzzy, with no {placeholder} the English does not have; and the catalogue holds
nothing the code no longer says. Usage: python .ci/check_catalogues.py [REPOSITORY]; exit 1 lists
the problems. To bring the catalogues up to date:

    pybabel extract -F babel.cfg --no-location --sort-output -w 100 -o /tmp/messages.pot . && pybabel update -i /tmp/messages.pot -d tracker/translations -w 100
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("fr", "km")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _extract(root: Path) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "messages.pot"
        subprocess.run([str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F", "babel.cfg",
                        "-o", str(template), "."], cwd=root, check=True)
        with template.open("rb") as handle:
            return {message.id: message for message in read_po(handle) if message.id}


def _forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def problems(root: Path) -> list[str]:
    expected = _extract(root)
    found = []
    for language in LANGUAGES:
        path = root / "tracker" / "translations" / language / "LC_MESSAGES" / "messages.po"
        if not path.exists():
            found.append(f"{language}: no catalogue at {path.relative_to(root)}")
            continue
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language)
        for key, wanted in expected.items():
            english = key if isinstance(key, str) else key[0]
            message = catalogue.get(key)
            if message is None:
                found.append(f"{language}: missing: {english!r}")
                continue
            forms = _forms(message)
            if message.fuzzy:
                found.append(f"{language}: fuzzy: {english!r}")
            if isinstance(key, tuple) and len(forms) != catalogue.num_plurals:
                found.append(f"{language}: {len(forms)} plural forms instead of {catalogue.num_plurals}: {english!r}")
            if not all(form.strip() for form in forms):
                found.append(f"{language}: untranslated: {english!r}")
            allowed = set(PLACEHOLDER.findall(" ".join([key] if isinstance(key, str) else key)))
            unknown = {name for form in forms for name in PLACEHOLDER.findall(form)} - allowed
            if unknown:
                found.append(f"{language}: placeholders the English lacks, {sorted(unknown)}: {english!r}")
        for message in catalogue:
            if message.id and message.id not in expected:
                english = message.id if isinstance(message.id, str) else message.id[0]
                found.append(f"{language}: no longer in the code: {english!r}")
    return found


def main() -> int:
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    found = problems(root)
    for line in found:
        print(line)
    print(f"catalogues: {len(found)} problem(s)" if found else "catalogues: every message translated in "
          + " and ".join(LANGUAGES))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
