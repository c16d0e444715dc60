"""ISCO-08 occupations: the classification is complete and consistent, and the helpers work."""

import json
import re
from collections import Counter

import pytest
from django.utils import translation

from tandem.employment import occupations
from tandem.employment.occupations import (
    DATA_PATH,
    choices,
    closeness,
    describe,
    is_unit_group,
    occupation,
    parents,
    search,
    unit_groups,
)

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
PERSIAN_ONLY_LETTERS = re.compile(r"[\u06CC\u06A9\u06AF\u067E\u0686\u0698]")  # ی ک گ پ چ ژ
ARABIC_YEH_KAF = re.compile(r"[\u064A\u0643]")  # ي ك, which Persian writes ی ک


@pytest.fixture(scope="module")
def rows():
    with DATA_PATH.open(encoding="utf-8") as handle:
        return json.load(handle)


def test_the_file_is_a_list_of_entries_ordered_by_code(rows):
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    assert all(set(row) == {"code", "en", "da", "ar", "fa"} for row in rows)
    assert all(re.fullmatch(r"\d{1,4}", code) for code in codes)


def test_counts_per_level(rows):
    levels = Counter(len(row["code"]) for row in rows)
    assert levels == {1: 10, 2: 43, 3: 130, 4: 436}
    assert len(rows) == 619
    assert {row["code"] for row in rows if len(row["code"]) == 1} == set("0123456789")


def test_every_code_has_its_parents_and_every_group_has_children(rows):
    codes = {row["code"] for row in rows}
    for code in codes:
        assert all(code[:digits] in codes for digits in range(1, len(code))), code
        if len(code) < 4:
            assert any(len(c) == len(code) + 1 and c.startswith(code) for c in codes), code


def test_every_entry_has_every_language(rows):
    for row in rows:
        for lang in ("en", "da", "ar", "fa"):
            value = row[lang]
            assert value and value == value.strip(), (row["code"], lang)


def test_scripts_fit_the_languages(rows):
    for row in rows:
        code = row["code"]
        assert not ARABIC_SCRIPT.search(row["en"]), code
        assert not ARABIC_SCRIPT.search(row["da"]), code
        assert ARABIC_SCRIPT.search(row["ar"]), code
        assert not PERSIAN_ONLY_LETTERS.search(row["ar"]), code
        assert ARABIC_SCRIPT.search(row["fa"]), code
        assert not ARABIC_YEH_KAF.search(row["fa"]), code
        assert not re.search(r"[A-Za-z]", row["ar"] + row["fa"]), code
    # Nearly every Persian title has a letter Arabic lacks (ی ک گ پ چ ژ); a few short ones,
    # such as "مهندسان برق", happen not to.
    persian = sum(1 for row in rows if PERSIAN_ONLY_LETTERS.search(row["fa"]))
    assert persian / len(rows) > 0.9


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("0", "Armed forces occupations"),
        ("0110", "Commissioned armed forces officers"),
        ("1", "Managers"),
        ("22", "Health professionals"),
        ("222", "Nursing and midwifery professionals"),
        ("2221", "Nursing professionals"),
        ("2512", "Software developers"),
        ("4110", "General office clerks"),
        ("5223", "Shop sales assistants"),
        ("7112", "Bricklayers and related workers"),
        ("9112", "Cleaners and helpers in offices, hotels and other establishments"),
        ("9329", "Manufacturing labourers not elsewhere classified"),
        ("9629", "Elementary workers not elsewhere classified"),
    ],
)
def test_well_known_codes(code, title):
    assert occupation(code).label("en") == title


def test_danish_titles_follow_disco_08():
    assert occupation("0").label("da") == "Militært arbejde"
    assert occupation("1").label("da") == "Ledelsesarbejde"
    assert occupation("9622").label("da") == "Forefaldende arbejde"


def test_occupation_lookup():
    nurse = occupation("2221")
    assert nurse.code == "2221"
    assert nurse.level == 4
    assert nurse.is_unit_group
    assert set(nurse.labels) == {"en", "da", "ar", "fa"}
    assert occupation("222").level == 3
    assert occupation("9999") is None
    assert occupation("") is None
    assert occupation(None) is None
    assert occupation(2221) is None
    assert occupation("2221") == nurse
    assert hash(occupation("2221")) == hash(nurse)


def test_label_follows_the_active_language():
    nurse = occupation("2221")
    with translation.override("da"):
        assert nurse.label() == nurse.labels["da"]
    with translation.override("fa"):
        assert nurse.label() == nurse.labels["fa"]
    with translation.override("ar"):
        assert nurse.label() == nurse.labels["ar"]
    with translation.override("en"):
        assert nurse.label() == "Nursing professionals"


def test_label_falls_back_to_english():
    nurse = occupation("2221")
    assert nurse.label("de") == "Nursing professionals"
    assert nurse.label("da-dk") == nurse.labels["da"]
    assert nurse.label("fa_IR") == nurse.labels["fa"]
    with translation.override(None):
        assert nurse.label() == "Nursing professionals"


def test_unit_groups():
    groups = unit_groups()
    assert len(groups) == 436
    assert all(len(item.code) == 4 for item in groups)
    assert [item.code for item in groups] == sorted(item.code for item in groups)
    assert groups[0].code == "0110"
    assert groups[-1].code == "9629"
    groups.clear()  # callers get their own list
    assert len(unit_groups()) == 436


def test_choices():
    english = choices("en")
    assert len(english) == 436
    assert ("2221", "2221 Nursing professionals") in english
    assert [code for code, _ in english] == sorted(code for code, _ in english)

    danish = dict(choices("da"))
    assert danish["2221"] == f"2221 {occupation('2221').labels['da']}"
    assert danish["9622"] == "9622 Forefaldende arbejde"
    assert danish["2221"] != dict(english)["2221"]

    with translation.override("fa"):
        persian = dict(choices())
    assert persian["2221"] == f"2221 {occupation('2221').labels['fa']}"
    assert ARABIC_SCRIPT.search(persian["5223"])


def test_is_unit_group():
    assert is_unit_group("2221")
    assert is_unit_group("0110")
    assert not is_unit_group("222")
    assert not is_unit_group("22")
    assert not is_unit_group("2")
    assert not is_unit_group("2220")  # minor group 222 is split, so 2220 does not exist
    assert not is_unit_group("9999")
    assert not is_unit_group("")
    assert not is_unit_group(None)
    assert not is_unit_group(" 2221")


def test_parents():
    assert parents("2221") == ["2", "22", "222"]
    assert parents("0110") == ["0", "01", "011"]
    assert parents("222") == ["2", "22"]
    assert parents("2") == []
    assert parents("9999") == []
    assert parents(None) == []


def test_closeness():
    assert closeness("2221", "2222") == 3
    assert closeness("2221", "5223") == 0
    assert closeness("2221", "2221") == 4
    assert closeness("2221", "2211") == 2
    assert closeness("2221", "2512") == 1
    assert closeness("2221", "222") == 0  # not a unit group
    assert closeness("2221", None) == 0


def test_search_finds_by_english_title():
    found = search("nurs")
    assert "2221" in [item.code for item in found]
    assert all(item.is_unit_group for item in found)
    assert [item.code for item in search("NURSING PROF")] == ["2221"]


def test_search_by_code_prefix_ranks_exact_code_first():
    assert search("2221")[0].code == "2221"
    assert {item.code for item in search("222")} == {"2221", "2222"}
    assert search("۲۲۲۱")[0].code == "2221"  # Persian digits


def test_search_in_another_language_also_matches_english():
    nurse = occupation("2221")
    danish_word = nurse.labels["da"][:6]
    assert nurse in search(danish_word, language="da")
    assert nurse in search("nurs", language="da")
    persian_word = nurse.labels["fa"].split()[-1]
    assert nurse in search(persian_word, language="fa")
    with translation.override("ar"):
        assert nurse in search(nurse.labels["ar"].split()[-1])


def test_search_treats_arabic_and_persian_yeh_and_kaf_alike():
    title = occupation("2512").labels["fa"]  # contains Persian yeh
    typed_on_arabic_keyboard = title.replace("ی", "ي").replace("ک", "ك")
    assert occupation("2512") in search(typed_on_arabic_keyboard, language="fa")


def test_search_limits_and_empty_input():
    assert len(search("a", limit=5)) == 5
    assert len(search("workers", limit=None)) > 20
    assert len(search("workers")) == 20
    assert search("") == []
    assert search("   ") == []
    assert search("nurs", limit=0) == []
    assert search("zzzz-no-such-occupation") == []


def test_describe():
    assert describe("2221", "en") == "2221 Nursing professionals"
    assert describe("22", "en") == "22 Health professionals"
    assert describe("9999") == "9999"
    assert describe(None) == ""


def test_data_is_read_once():
    occupations._index.cache_clear()
    occupations._unit_groups.cache_clear()
    occupations._search_keys.cache_clear()
    occupation("2221")
    unit_groups()
    occupation("5223")
    assert occupations._index.cache_info().misses == 1
