"""Every user-facing string is translated into Danish, Arabic and Persian: no English is left
on a Persian page. The catalogues are read as a translator's tool would read them."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "tandem" / "locale"
TRANSLATED = ["da", "ar", "fa"]


def catalogue(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    messages = [message for message in catalogue(language) if message.id]
    assert messages, "the catalogue is empty"
    missing = [
        message.id
        for message in messages
        if (not all(message.string) if isinstance(message.string, tuple) else not message.string)
        or message.fuzzy
    ]
    assert not missing, f"{len(missing)} untranslated or fuzzy in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language):
    import re

    placeholder = re.compile(r"%\(\w+\)s|%s|%d")
    broken = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(placeholder.findall(ids[-1])) | set(placeholder.findall(ids[0]))
        for index, string in enumerate(strings):
            found = set(placeholder.findall(string))
            # No form may invent a placeholder. The general (last) form keeps them all; the
            # forms for one, two and so on may say the number in words instead.
            last = index == len(strings) - 1
            if found - wanted or (last and set(placeholder.findall(ids[-1])) - found):
                broken.append(ids[0])
    assert not broken, broken[:10]


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_is_current(language):
    """The .mo that Django reads was compiled from the .po in the repository."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), "run make messages"
    with translation.override(language):
        for message in list(catalogue(language))[1:40]:
            if message.id and isinstance(message.id, str) and not message.context:
                assert translation.gettext(message.id) == message.string
