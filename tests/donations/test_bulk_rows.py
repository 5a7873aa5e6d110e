"""The bulk path writes rows as the one-by-one path does: the same values, in the same stored form."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, text

from tracker.accounts import services as accounts
from tracker.campaigns import services as campaigns
from tracker.donations import operations
from tracker.donations.models import Donation, GiftKind, Method
from tracker.extensions import db


def _entry(world, amount: str, day: dt.date) -> operations.GiftEntry:
    return operations.GiftEntry(campaign=campaigns.get(world.paris_campaign_id), kind=GiftKind.MONEY, amount=amount,
                                currency="EUR", received_on=day, method=Method.BANK_TRANSFER, donor_name="Sokha")


def test_gifts_of_a_batch_are_stored_like_a_gift_logged_alone(app, world):
    with app.app_context():
        admin = accounts.find_by_email(world.emails["admin"])
        single, _ = operations.log_donation(admin, _entry(world, "10", dt.date(2025, 7, 26)))
        batch = operations.log_donations(admin, [_entry(world, amount, dt.date(2025, 7, 27))
                                                 for amount in ("20", "30,50", "40")])
        db.session.commit()
        ids = [single.id, *batch]
        # As the database holds them: on SQLite a time is text, and text sorts as times only in one form.
        stored = db.session.execute(text("SELECT id, CAST(logged_at AS TEXT), CAST(received_on AS TEXT), amount_minor "
                                         "FROM donations ORDER BY id")).all()
        assert [row[0] for row in stored] == ids
        if db.engine.dialect.name == "sqlite":
            shape = {re.sub(r"\d", "0", row[1]) for row in stored}
            assert len(shape) == 1, f"times stored in several forms: {sorted(shape)}"
        else:
            # PostgreSQL keeps a native timestamp (its text form drops trailing zeros of the microseconds).
            kinds = db.session.scalars(text("SELECT DISTINCT pg_typeof(logged_at)::text FROM donations")).all()
            assert kinds == ["timestamp with time zone"]
        assert [row[2] for row in stored] == ["2025-07-26", "2025-07-27", "2025-07-27", "2025-07-27"]
        assert [row[3] for row in stored] == [1000, 2000, 3050, 4000]
        read = db.session.scalars(select(Donation).where(Donation.id.in_(ids)).order_by(Donation.id)).all()
        assert all(gift.logged_at.replace(tzinfo=None) >= single.logged_at.replace(tzinfo=None) - dt.timedelta(seconds=1)
                   for gift in read)
        assert len({gift.receipt_code for gift in read}) == 4
