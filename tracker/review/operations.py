"""Acting on many waiting entries at once: each action is the feature's own (its checks, history and
audit row), and a selection is checked whole before anything changes, so it is all or nothing."""

from __future__ import annotations

from tracker import permissions
from tracker.accounts.models import User
from tracker.extensions import db
from tracker.donations import operations as donations
from tracker.donations.models import Donation, DonationStatus
from tracker.imports import operations as imports
from tracker.imports.models import ImportedRecord, RecordState
from tracker.statements import operations as statements
from tracker.statements.models import BankLine, LineState

MAX_SELECTED = 200  # as many as the page shows of a kind


class ReviewRefused(ValueError):
    """`code` names the message; `forbidden` when the selection holds what the actor may not touch."""

    def __init__(self, code: str, forbidden: bool = False, **params: object) -> None:
        super().__init__(code)
        self.code, self.forbidden, self.params = code, forbidden, params


def selection(asked: list[int] | None) -> list[int]:
    """The ids ticked, checked before anything is looked up: readable, at least one, not too many."""
    if asked is None:
        raise ReviewRefused("selection_invalid")
    if not asked:
        raise ReviewRefused("nothing_selected")
    if len(set(asked)) > MAX_SELECTED:
        raise ReviewRefused("too_many_selected", count=MAX_SELECTED)
    return sorted(set(asked))


def _checked_selection(asked: list[int], found: list) -> None:
    if len(found) != len(asked):
        raise ReviewRefused("no_longer_waiting")


def _applied(action, items: list) -> None:
    """Each entry's own operation, in a savepoint: one that refuses (its entry changed since it was
    checked, by another coordinator) undoes the others, and the selection is refused whole."""
    try:
        with db.session.begin_nested():
            for item in items:
                action(item)
    except (donations.DonationError, imports.ImportRefused, statements.LineRefused):
        raise ReviewRefused("no_longer_waiting") from None


def verify_gifts(actor: User, asked: list[int], gifts: list[Donation]) -> int:
    """Verify every gift selected (as `asked`, found as `gifts`): a coordinator has checked them."""
    _checked_selection(asked, gifts)
    for gift in gifts:
        if not permissions.can_verify(actor, gift):
            raise ReviewRefused("not_allowed", forbidden=True)
        if gift.status is not DonationStatus.RECEIVED:
            raise ReviewRefused("no_longer_waiting")
    _applied(lambda gift: donations.set_status(actor, gift, DonationStatus.VERIFIED), gifts)
    return len(gifts)


def decide_duplicates(actor: User, asked: list[int], records: list[ImportedRecord], decision: str) -> int:
    """The same decision for every imported record selected: the typed gift (merge), or another gift."""
    _checked_selection(asked, records)
    if decision not in ("merge", "separate"):
        raise ReviewRefused("decision_required")
    for record in records:
        if not permissions.can_decide_import(actor, record.batch.campaign):
            raise ReviewRefused("not_allowed", forbidden=True)
        if record.state is not RecordState.AWAITING_DECISION:
            raise ReviewRefused("no_longer_waiting")
    decide = imports.merge_with_typed if decision == "merge" else imports.keep_separate
    _applied(lambda record: decide(actor, record), records)
    return len(records)


def set_lines_aside(actor: User, asked: list[int], lines: list[BankLine], reason: str) -> int:
    """Set every bank line selected aside, for the one reason given (each keeps it)."""
    _checked_selection(asked, lines)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ReviewRefused("reason_required")
    if len(reason) > statements.REASON_LIMIT:
        raise ReviewRefused("reason_too_long", length=statements.REASON_LIMIT)
    for line in lines:
        if not permissions.coordinates(actor, line.organisation.city):
            raise ReviewRefused("not_allowed", forbidden=True)
        if line.state is not LineState.UNMATCHED:
            raise ReviewRefused("no_longer_waiting")
    _applied(lambda line: statements.set_aside(actor, line, reason), lines)
    return len(lines)
