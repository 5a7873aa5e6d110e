"""English labels of costs, transfers and claims; pages translate them when drawn."""

from tracker.donations import labels as donation_labels
from tracker.i18n import N_
from tracker.ledger.models import CostCategory, TransferStatus

CATEGORY_LABELS = {
    CostCategory.PLATFORM_FEE: N_("Platform fee"),
    CostCategory.BANK_FEE: N_("Bank fee"),
    CostCategory.VENUE: N_("Venue"),
    CostCategory.FOOD: N_("Food"),
    CostCategory.TRANSPORT: N_("Transport"),
    CostCategory.OTHER: N_("Other cost"),
}
TRANSFER_STATUS_LABELS = {
    TransferStatus.PLANNED: N_("Planned"),
    TransferStatus.SENT: N_("Sent"),
    TransferStatus.ACKNOWLEDGED: N_("Acknowledged"),
    TransferStatus.VOID: N_("Void"),
}
TAKINGS_LABELS = {**donation_labels.TAKINGS_LABELS, None: N_("Not said")}
CLAIM_STATUS_LABELS = {
    "consistent": N_("Consistent with the ledger"),
    "above": N_("Above what is recorded"),
    "unchecked": N_("Not yet checked"),
}

# Refusals by code, in English; translated when shown. Money codes come from tracker.i18n.MONEY_ERRORS.
MESSAGES = {
    "not_allowed": N_("You cannot record money for this campaign."),
    "choice_invalid": N_("Choose one of the options offered."),
    "date_required": N_("Enter the date."),
    "date_invalid": N_("Enter the date as a calendar date (year-month-day)."),
    "date_in_future": N_("{day} is in the future."),
    "date_too_early": N_("{day} is too early: money can be recorded from 4 January 1999."),
    "date_out_of_range": N_("{day} is not a date a transfer can be planned for (at most a year ahead)."),
    "text_required": N_("This is needed."),
    "text_too_long": N_("This is too long: at most {length} characters."),
    "destination_required": N_("Choose who receives the money: one of the campaign's NGOs, or the federation's "
                               "campaign."),
    "not_a_recipient": N_("{name} is not one of this campaign's recipient NGOs."),
    "not_the_federation": N_("“{campaign}” is not a campaign of the federation this association belongs to."),
    "pass_through_cycle": N_("“{campaign}” already passes its money on to this campaign: money would go round in "
                             "a circle."),
    "transfer_not_planned": N_("Only a planned transfer can be marked as sent."),
    "transfer_not_sent": N_("Only a transfer that was sent can be acknowledged."),
    "acknowledged_before_sent": N_("The money cannot arrive before it was sent ({day})."),
    "already_void": N_("This entry is already void."),
    "period_invalid": N_("Enter the period as a number of days from the campaign's start (1 to 3660)."),
    "claim_currency": N_("Give the figure in one of the currencies the ledger is kept in: {currencies}."),
    "url_invalid": N_("Enter the source's address, starting with https://."),
    "document_empty": N_("The file is empty."),
    "document_too_large": N_("The file is too large: at most {limit} MB."),
    "document_type": N_("A proof must be a PDF or an image (PNG, JPEG or WebP)."),
    "federation_not_an_association": N_("Only associations belong to federations, and a federation is an association."),
    "federation_cycle": N_("{name} is itself a member of this association: choose another federation."),
}
