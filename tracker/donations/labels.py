"""English labels for a gift's kind, status and method; pages translate them when drawn."""

from tracker.donations.models import DonationStatus, GiftKind, Method

KIND_LABELS = {GiftKind.MONEY: "Money", GiftKind.IN_KIND: "In kind"}
METHOD_LABELS = {
    Method.CASH: "Cash",
    Method.BANK_TRANSFER: "Bank transfer",
    Method.CARD: "Card",
    Method.ONLINE_PLATFORM: "Online platform",
    Method.CHEQUE: "Cheque",
    Method.OTHER: "Other",
}
STATUS_LABELS = {
    DonationStatus.PLEDGED: "Pledged",
    DonationStatus.RECEIVED: "Received",
    DonationStatus.VERIFIED: "Verified",
    DonationStatus.VOID: "Void",
}
