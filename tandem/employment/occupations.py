"""Occupations: the International Standard Classification of Occupations 2008 (ILO ISCO-08).

All four levels of the ILO's ISCO-08 structure: 10 major groups (1 digit), 43 sub-major
groups (2 digits), 130 minor groups (3 digits) and 436 unit groups (4 digits), with the
official English titles and Danish (DISCO-08 style), Arabic and Persian titles. People and
vacancies are coded with unit groups; the upper levels exist so that codes can be grouped
and compared ("how close are these two occupations?").

The classification ships as ``data/isco08.json`` beside this module and is read once. This
is plain data and functions: no database, no app registry, no network.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils.translation import get_language

__all__ = [
    "LANGUAGES",
    "Occupation",
    "choices",
    "closeness",
    "describe",
    "is_unit_group",
    "occupation",
    "parents",
    "search",
    "unit_groups",
]

DATA_PATH = Path(__file__).resolve().parent / "data" / "isco08.json"
LANGUAGES = ("en", "da", "ar", "fa")
FALLBACK_LANGUAGE = "en"
UNIT_GROUP_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Occupation:
    """One ISCO-08 group: its code and its title in each language.

    ``labels`` maps a language code ("en", "da", "ar", "fa") to the title. Instances are
    shared by every caller, so treat ``labels`` as read-only. Two occupations are equal when
    their codes are.
    """

    code: str
    labels: dict[str, str] = field(compare=False, hash=False, repr=False)

    @property
    def level(self) -> int:
        """1 for a major group, 2 sub-major, 3 minor, 4 unit group."""
        return len(self.code)

    @property
    def is_unit_group(self) -> bool:
        return self.level == UNIT_GROUP_DIGITS

    def label(self, language: str | None = None) -> str:
        """The title in ``language`` (default: the active Django language), else English."""
        return self.labels.get(_language(language)) or self.labels[FALLBACK_LANGUAGE]


def _language(language: str | None) -> str:
    """The base language code: "da-dk" gives "da", None the active language, else English."""
    if language is None:
        language = get_language()
    base = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else FALLBACK_LANGUAGE


@lru_cache(maxsize=1)
def _index() -> dict[str, Occupation]:
    with DATA_PATH.open(encoding="utf-8") as handle:
        rows = json.load(handle)
    return {
        row["code"]: Occupation(
            code=row["code"], labels={lang: row[lang] for lang in LANGUAGES if row.get(lang)}
        )
        for row in rows
    }


@lru_cache(maxsize=1)
def _unit_groups() -> tuple[Occupation, ...]:
    return tuple(item for code, item in sorted(_index().items()) if len(code) == UNIT_GROUP_DIGITS)


def occupation(code: str | None) -> Occupation | None:
    """The group with this code (any level), or None if there is no such code."""
    if not isinstance(code, str):
        return None
    return _index().get(code.strip())


def describe(code: str | None, language: str | None = None) -> str:
    """A known code with its title, as in "2221 Nursing professionals"; else the code as given."""
    item = occupation(code)
    if item is None:
        return code or ""
    return f"{item.code} {item.label(language)}"


def unit_groups() -> list[Occupation]:
    """All 436 unit groups (4-digit codes), sorted by code."""
    return list(_unit_groups())


def choices(language: str | None = None) -> list[tuple[str, str]]:
    """Unit groups as form choices: ("2221", "2221 Nursing professionals"), sorted by code.

    Without ``language`` the labels follow the active language at call time, so give a form
    field the function itself (``choices=occupations.choices``), which Django calls per
    render, rather than its result.
    """
    return [(item.code, f"{item.code} {item.label(language)}") for item in _unit_groups()]


def is_unit_group(code: str | None) -> bool:
    """True only for an existing 4-digit ISCO-08 code, such as "2221" or "0110"."""
    return isinstance(code, str) and len(code) == UNIT_GROUP_DIGITS and code in _index()


def parents(code: str | None) -> list[str]:
    """The codes above a known code, broadest first: "2221" -> ["2", "22", "222"].

    A major group has no parents; an unknown code gives an empty list.
    """
    item = occupation(code)
    if item is None:
        return []
    return [item.code[:digits] for digits in range(1, item.level)]


def closeness(a: str | None, b: str | None) -> int:
    """How many leading digits two unit groups share, 0-4.

    4 is the same unit group, 3 the same minor group, 2 the same sub-major group, 1 the same
    major group and 0 nothing in common. Anything that is not a unit group scores 0.
    """
    if not (is_unit_group(a) and is_unit_group(b)):
        return 0
    shared = 0
    for left, right in zip(a, b, strict=True):
        if left != right:
            break
        shared += 1
    return shared


# Search -----------------------------------------------------------------------------------

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Arabic and Persian keyboards type yeh and kaf differently; treat them as one letter.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "\u0640": None})
_MARKS = re.compile(r"[\u064b-\u065f\u0670]")  # Arabic short vowels and other harakat
_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    """A comparison key: case-, digit-, spacing- and Arabic/Persian-spelling-insensitive."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MARKS.sub("", text.translate(_DIGITS).translate(_LETTERS))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=len(LANGUAGES))
def _search_keys(language: str) -> tuple[tuple[Occupation, tuple[str, ...]], ...]:
    languages = dict.fromkeys((language, FALLBACK_LANGUAGE))  # the language, then English
    return tuple(
        (item, tuple(_fold(item.labels[lang]) for lang in languages if lang in item.labels))
        for item in _unit_groups()
    )


def search(text: str, language: str | None = None, limit: int | None = 20) -> list[Occupation]:
    """Unit groups whose title (in ``language`` or English) contains ``text``, or whose code
    starts with it.

    Case-insensitive; Persian and Arabic-Indic digits count as digits, and Arabic and Persian
    spellings of yeh and kaf match each other. Best matches first: the exact code, then codes
    starting with the text, then titles starting with it, then titles with a word starting
    with it, then titles containing it anywhere; ties in code order. ``limit=None`` returns
    every match.
    """
    needle = _fold(text or "")
    if not needle or (limit is not None and limit <= 0):
        return []
    word_start = re.compile(r"(?:^|[\s(,/-])" + re.escape(needle))
    ranked: list[tuple[int, str, Occupation]] = []
    for item, keys in _search_keys(_language(language)):
        if item.code == needle:
            rank = 0
        elif item.code.startswith(needle):
            rank = 1
        elif any(key.startswith(needle) for key in keys):
            rank = 2
        elif any(word_start.search(key) for key in keys):
            rank = 3
        elif any(needle in key for key in keys):
            rank = 4
        else:
            continue
        ranked.append((rank, item.code, item))
    ranked.sort(key=lambda entry: entry[:2])
    found = [item for _, _, item in ranked]
    return found if limit is None else found[:limit]
