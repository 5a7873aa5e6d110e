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
# What the receipt check tells a donor about their gift, by status: a heading, then what it means.
RECEIPT_STATUS_WORDING = {
    DonationStatus.PLEDGED: (N_("Your pledge is recorded"),
                             N_("Pledged: your gift is promised and not yet received. It is marked as received "
                                "when the money or the goods arrive.")),
    DonationStatus.RECEIVED: (N_("Your gift is recorded as received"),
                              N_("Received: the association has your gift and counts it in the campaign's total. "
                                 "A coordinator checks it later against the bank statement or the cash count.")),
    DonationStatus.VERIFIED: (N_("Your gift is received and verified"),
                              N_("Verified: a coordinator has checked your gift against the bank statement or the "
                                 "cash count. It counts in the campaign's total.")),
    DonationStatus.VOID: (N_("This entry was cancelled"),
                          N_("Void: this entry was cancelled, for example because it was typed twice or by mistake, "
                             "and counts in no total. If you did give, ask the association that received your "
                             "gift.")),
}
