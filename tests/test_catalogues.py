"""The French and Khmer catalogues: complete, checked by CI, and plural forms read right."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.i18n import ngettext

ROOT = Path(__file__).resolve().parents[1]
CHECK = ROOT / ".ci" / "check_catalogues.py"


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), str(root)], capture_output=True, text=True, timeout=120)


def _copy_of_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for name in ("tracker", "templates"):
        shutil.copytree(ROOT / name, tree / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "babel.cfg", tree / "babel.cfg")
    return tree


def test_the_catalogues_in_the_tree_pass_the_check():
    result = _check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every message translated in fr and km" in result.stdout


def test_a_new_message_without_translation_fails_the_check(tmp_path):
    tree = _copy_of_tree(tmp_path)
    page = tree / "templates" / "public" / "home.html"
    page.write_text(page.read_text() + '\n<p>{{ _("A sentence no translator has seen yet.") }}</p>\n')
    result = _check(tree)
    assert result.returncode == 1
    assert "fr: missing: 'A sentence no translator has seen yet.'" in result.stdout
    assert "km: missing: 'A sentence no translator has seen yet.'" in result.stdout


@pytest.mark.parametrize("change, problem", [
    (lambda po: po.replace('msgstr "Mot de passe"', 'msgstr ""'), "fr: untranslated: 'Password'"),
    (lambda po: po.replace('msgid "Password"', '#, fuzzy\nmsgid "Password"'), "fr: fuzzy: 'Password'"),
    (lambda po: po.replace('msgstr "Bienvenue, {name}."', 'msgstr "Bienvenue, {nom}."'),
     "fr: placeholders the English lacks, ['nom']: 'Welcome, {name}.'"),
])
def test_an_untranslated_fuzzy_or_broken_french_entry_fails_the_check(tmp_path, change, problem):
    tree = _copy_of_tree(tmp_path)
    catalogue = tree / "tracker" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    before = catalogue.read_text()
    catalogue.write_text(change(before))
    assert catalogue.read_text() != before
    result = _check(tree)
    assert result.returncode == 1
    assert problem in result.stdout


@pytest.mark.parametrize("language, one, five", [
    ("fr", "1 don", "5 dons"),
    ("km", "អំណោយ 1", "អំណោយ 5"),  # Khmer has one form: the count says how many
    ("en", "1 gift", "5 gifts"),
])
def test_gift_counts_read_right_in_each_language(app, language, one, five):
    with app.test_request_context(f"/?lang={language}"):
        assert ngettext("{count} gift", "{count} gifts", 1) == one
        assert ngettext("{count} gift", "{count} gifts", 5) == five
