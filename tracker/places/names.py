"""A place's name in the reader's language.

Countries take the names of the Unicode CLDR (through Babel); subdivisions the translations that
ISO 3166-2 ships with pycountry. Cambodia's provinces are named as Cambodians and the NGOs working
there write them ("Siem Reap", not ISO's "Siem Reab"), and in Khmer script for Khmer readers. A city's
name is what its association typed, in whatever script. The stored name stays the ISO one: it is what
codes and searches were made from.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from babel import Locale

from tracker.i18n import current_language

# ISO 3166-2:KH code → (the usual romanisation, the Khmer name).
CAMBODIAN_PROVINCES = {
    "KH-1": ("Banteay Meanchey", "បន្ទាយមានជ័យ"),
    "KH-2": ("Battambang", "បាត់ដំបង"),
    "KH-3": ("Kampong Cham", "កំពង់ចាម"),
    "KH-4": ("Kampong Chhnang", "កំពង់ឆ្នាំង"),
    "KH-5": ("Kampong Speu", "កំពង់ស្ពឺ"),
    "KH-6": ("Kampong Thom", "កំពង់ធំ"),
    "KH-7": ("Kampot", "កំពត"),
    "KH-8": ("Kandal", "កណ្ដាល"),
    "KH-9": ("Koh Kong", "កោះកុង"),
    "KH-10": ("Kratié", "ក្រចេះ"),
    "KH-11": ("Mondulkiri", "មណ្ឌលគិរី"),
    "KH-12": ("Phnom Penh", "ភ្នំពេញ"),
    "KH-13": ("Preah Vihear", "ព្រះវិហារ"),
    "KH-14": ("Prey Veng", "ព្រៃវែង"),
    "KH-15": ("Pursat", "ពោធិ៍សាត់"),
    "KH-16": ("Ratanakiri", "រតនគិរី"),
    "KH-17": ("Siem Reap", "សៀមរាប"),
    "KH-18": ("Preah Sihanouk", "ព្រះសីហនុ"),
    "KH-19": ("Stung Treng", "ស្ទឹងត្រែង"),
    "KH-20": ("Svay Rieng", "ស្វាយរៀង"),
    "KH-21": ("Takeo", "តាកែវ"),
    "KH-22": ("Oddar Meanchey", "ឧត្ដរមានជ័យ"),
    "KH-23": ("Kep", "កែប"),
    "KH-24": ("Pailin", "ប៉ៃលិន"),
    "KH-25": ("Tbong Khmum", "ត្បូងឃ្មុំ"),
}


def place_name(place, language: str | None = None) -> str:
    """The name of a country, subdivision or city for a reader of `language` (the page's by default)."""
    if place is None:
        return ""
    language = language or current_language()
    kind = getattr(place.kind, "value", place.kind)
    if kind == "country":
        return country_name(place.code, language) or place.name
    if kind == "subdivision":
        return subdivision_name(place.code, place.name, language)
    return place.name


def country_name(code: str, language: str) -> str | None:
    return _territories(language).get(code.upper())


def subdivision_name(code: str, iso_name: str, language: str) -> str:
    if code in CAMBODIAN_PROVINCES:
        romanised, khmer = CAMBODIAN_PROVINCES[code]
        return khmer if language == "km" else romanised
    return _iso_3166_2(language).gettext(iso_name)


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


@cache
def _iso_3166_2(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)
