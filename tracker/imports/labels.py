"""What the importer says of a file and of each row, in English: translated where it is shown."""

from __future__ import annotations

from tracker.i18n import N_, gettext

OUTCOMES = {
    "new": N_("New gift"),
    "already_imported": N_("Already imported"),
    "probable_duplicate": N_("Probable duplicate"),
    "refund": N_("Refund"),
    "skipped": N_("Skipped"),
    "error": N_("Error"),
}

REASONS = {
    # rows
    "not_completed": N_("Not completed on the platform (status “{status}”)."),
    "memo": N_("A memo line: no money moved."),
    "money_out": N_("Money going out (“{type}”), not a gift."),
    "refund_of_unknown": N_("Refund of a payment that is not in this file nor imported before ({reference})."),
    "repeated_in_file": N_("The same transaction appears earlier in this file."),
    "imported_before": N_("Imported before: it already counts."),
    "typed_by_hand": N_("Looks like gift #{gift}, typed by hand: a person decides whether it is the same."),
    "row_shape": N_("This row has {cells} cells where the header has {columns}: the file may be cut short."),
    "not_a_number": N_("“{text}” is not a number."),
    "not_a_date": N_("“{text}” is not a date."),
    "date_missing": N_("The date is missing."),
    "no_transaction_id": N_("The transaction id is missing."),
    "transaction_id_too_long": N_("The transaction id is too long."),
    "currency_unknown": N_("“{currency}” is not an ISO 4217 currency code."),
    "date_in_future": N_("{day} is in the future."),
    "date_too_early": N_("{day} is too early: gifts can be recorded from 4 January 1999."),
    "amount_not_positive": N_("The amount must be more than zero."),
    "amount_too_large": N_("The amount is far larger than any single gift."),
    "amount_too_precise": N_("{currency} amounts have at most {digits} decimal places."),
    # files
    "empty_file": N_("The file is empty."),
    "not_a_table": N_("This is not a CSV or XLSX file."),
    "damaged_file": N_("The file is damaged or cut short: it cannot be read."),
    "unknown_format": N_("The file's columns are not those of a known export (HelloAsso, PayPal, Stripe, "
                         "Open Collective, Donorbox, GiveWP), nor those its mapping names."),
    "no_rows": N_("The file has a header but no rows."),
    "too_large": N_("The file is larger than {limit} MB: split it, or import it from the command line."),
    "currency_mix": N_("None of this file's gifts is in the campaign's currency ({campaign}; the file has {file}): "
                       "check that this is the right campaign."),
    "rows_in_error": N_("{count} rows are in error: nothing was imported. Correct the file and upload it again."),
    "campaign_not_allowed": N_("You cannot import gifts for the campaign “{campaign}”."),
    "decision_not_allowed": N_("You cannot decide on this record."),
    "upload_expired": N_("This preview has expired: upload the file again."),
    "file_changed": N_("The file changed while it was being imported: nothing was stored. Import it again."),
    "organisation_not_allowed": N_("You cannot save mappings for “{organisation}”."),
    "mapping_name_required": N_("Give the mapping a name."),
    "mapping_name_taken": N_("The organisation already has a mapping named “{name}”."),
    "mapping_columns_required": N_("Name the columns of the transaction id, the date and the amount."),
    "mapping_currency_required": N_("Name the currency column, or give the currency of every row."),
    "text_too_long": N_("This is too long: at most {length} characters."),
    "choice_invalid": N_("Choose one of the options offered."),
    "mapping_not_found": N_("Choose one of the campaign organisation's mappings."),
}


def reason_text(code: str, params: dict | None) -> str:
    template = REASONS.get(code)
    if template is None:
        return code
    try:
        return gettext(template, **(params or {}))
    except (KeyError, IndexError):
        return gettext(template.split("{")[0])
