"""Every string a reader or an editor can see has a translation in every shipped language.

The catalogs are gathered again from the code, as `make messages` does, into a copy of the
package: a string added to a template, a module or a newsroom script without its translation
shows up there as an empty or fuzzy entry, or as an entry the committed catalog lacks. Both
domains: django (templates and Python) and djangojs (the scripts, served by the newsroom's
JavaScript catalog).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

import dateline

# The catalogs do not depend on the database: the SQLite run checks them, the PostgreSQL run of
# the same suite need not gather them a second time.
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="translation catalogs are checked in the SQLite run",
)

PACKAGE = Path(dateline.__file__).parent
SHIPPED = [code for code, _name in settings.LANGUAGES]
TRANSLATED = [code for code in SHIPPED if code != "en"]  # English is the language of the code
DOMAINS = ["django", "djangojs"]
# As in the Makefile's `messages`: the scripts' strings come from our own files only.
IGNORED = {"django": ["demo/*"], "djangojs": ["demo/*", "*.min.js", "vendor/*", "node_modules/*"]}


def catalog(root: Path, language: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(root / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))


def keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


@pytest.fixture(scope="module")
def gathered(tmp_path_factory) -> Path:
    """The catalogs as `make messages` would leave them now."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is needed to check the catalogs: apt-get install gettext")
    copy = tmp_path_factory.mktemp("catalogs") / "dateline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    locales = [f"--locale={code}" for code in SHIPPED]
    for domain in DOMAINS:
        ignored = [f"--ignore={pattern}" for pattern in IGNORED[domain]]
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "--domain", domain, *locales,
             "--no-obsolete", "--add-location=file", *ignored, "-v", "0"],
            cwd=copy,
            check=True,
            env={"DJANGO_SETTINGS_MODULE": "dateline.settings", "PATH": "/usr/bin:/bin",
                 "DATELINE_DATA_DIR": str(copy.parent / "data")},
        )  # fmt: skip
    return copy


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", SHIPPED)
def test_the_catalog_holds_every_string_of_the_code(gathered, language, domain):
    committed = keys(catalog(PACKAGE, language, domain))
    current = keys(catalog(gathered, language, domain))
    missing = sorted(current - committed, key=str)
    assert not missing, (
        f"{len(missing)} string(s) of the code are not in the {language} {domain} catalog "
        f"(run `make messages` and translate them), e.g. {missing[:5]}"
    )


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated(gathered, language, domain):
    po = catalog(gathered, language, domain)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, (
        f"{len(untranslated)} string(s) lack a {language} {domain} translation, "
        f"e.g. {untranslated[:5]}"
    )
    assert not fuzzy, (
        f"{len(fuzzy)} {language} {domain} translation(s) are marked fuzzy: {fuzzy[:5]}"
    )


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders(language, domain):
    """``%(headline)s`` must survive translation, or the page fails when it is shown."""
    broken = []
    for entry in catalog(PACKAGE, language, domain):
        for original, translated in [(entry.msgid, entry.msgstr)] + [
            (entry.msgid_plural or entry.msgid, text) for text in entry.msgstr_plural.values()
        ]:
            if translated and placeholders(original) != placeholders(translated):
                broken.append(entry.msgid)
    assert not broken, f"{language} {domain}: placeholders differ in {broken[:5]}"


def placeholders(text: str) -> set[str]:
    import re

    return set(re.findall(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}", text))
