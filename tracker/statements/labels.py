"""What the statements pages say, in English: translated where it is shown."""

from __future__ import annotations

from tracker.i18n import N_, gettext

STATES = {
    "unmatched": N_("Waiting for a person"),
    "gift": N_("Pays in a gift"),
    "payout": N_("Platform payout"),
    "set_aside": N_("Set aside"),
    "money_out": N_("Money out"),
}

REASONS = {
    "empty_file": N_("The file is empty."),
    "not_a_statement": N_("This is not a bank statement we can read (CAMT.053 or OFX)."),
    "damaged_file": N_("The file is damaged or cut short: it cannot be read."),
    "camt_statements": N_("The file holds {count} statements: upload one account's statement at a time."),
    "camt_incomplete": N_("A line of the statement has no amount."),
    "camt_not_a_number": N_("“{text}” is not an amount."),
    "camt_bad_date": N_("“{text}” is not a date."),
    "currency_unknown": N_("“{currency}” is not an ISO 4217 currency code."),
    "amount_too_precise": N_("“{text}” has more decimals than {currency} has ({digits}): nothing was stored."),
    "mixed_currencies": N_("The statement's lines are not all in the account's currency."),
    "does_not_add_up": N_("The statement does not add up: opening balance {opening} and lines {moved} do not make "
                          "the closing balance {closing}. Nothing was stored."),
    "organisation_not_allowed": N_("You cannot record statements for “{organisation}”."),
    "line_decided": N_("This line has already been decided."),
    "campaign_required": N_("Choose one of the organisation's campaigns."),
    "gift_not_found": N_("No gift of this organisation has that number."),
    "gift_amount_differs": N_("That gift is {gift}: not the amount of this line."),
    "gift_already_paid_in": N_("Another bank line already pays in that gift."),
    "reason_required": N_("Give the reason for this change."),
    "reason_too_long": N_("The reason is too long: 500 characters at most."),
    "not_a_table": N_("This file is not a table: upload the bank's CSV or workbook as it was downloaded."),
    "csv_columns_missing": N_("The file's header does not have the columns of the chosen mapping: check the "
                              "mapping, or choose another."),
    "csv_line_unreadable": N_("Line {line} of the file has no readable date or amount: nothing was stored."),
    "mapping_not_found": N_("Choose one of the organisation's mappings."),
    "mapping_name_required": N_("Give the mapping a name, for example the bank and the account."),
    "mapping_account_required": N_("Say which account the file is of (its IBAN, or a name for it)."),
    "mapping_columns_required": N_("Name the column of the date, and the column of the amount or those of the "
                                   "credits and debits."),
    "mapping_currency_required": N_("Name the column of the currency, or give the currency of every line."),
    "mapping_name_taken": N_("The organisation already has a mapping named “{name}”."),
    "text_too_long": N_("This is too long: at most {length} characters."),
    "choice_invalid": N_("Choose one of the options offered."),
}


def reason_text(code: str, params: dict) -> str:
    template = REASONS.get(code)
    return gettext(template, **params) if template else code
