"""English labels for a gift's kind, status and method; pages translate them when drawn."""

from tracker.donations.models import DonationStatus, GiftKind, Method, Takings
from tracker.i18n import N_

KIND_LABELS = {GiftKind.MONEY: N_("Money"), GiftKind.IN_KIND: N_("In kind")}
METHOD_LABELS = {
    Method.CASH: N_("Cash"),
    Method.BANK_TRANSFER: N_("Bank transfer"),
    Method.CARD: N_("Card"),
    Method.ONLINE_PLATFORM: N_("Online platform"),
    Method.CHEQUE: N_("Cheque"),
    Method.OTHER: N_("Other"),
}
STATUS_LABELS = {
    DonationStatus.PLEDGED: N_("Pledged"),
    DonationStatus.RECEIVED: N_("Received"),
    DonationStatus.VERIFIED: N_("Verified"),
    DonationStatus.VOID: N_("Void"),
}
TAKINGS_LABELS = {
    Takings.TICKETS: N_("Tickets"),
    Takings.MEALS: N_("Meals"),
    Takings.AUCTION: N_("Auction"),
    Takings.DONATIONS: N_("Donations on the night"),
}
