"""French and Khmer catalogues, one module per feature, merged here. Keys are the English text."""

from tracker.translations import accounts, common, dashboards, donations, management, money, public

MONEY_ERRORS = money.MESSAGES

CATALOGUES: dict[str, dict[str, str]] = {"fr": {}, "km": {}}
for _module in (common, money, accounts, donations, dashboards, management, public):
    for _language in CATALOGUES:
        CATALOGUES[_language].update(getattr(_module, _language.upper()))
