"""After the logging load: is every gift the server accepted stored exactly once, and nothing else?

Each posted gift carried its own donor name, so the donations table can be read back by name:
an accepted name missing is a lost gift, a name stored twice is a doubled gift, and a refused
(or unanswered) name that is stored is a gift the volunteer would type again. The rollups must
still agree with the donations (`rollups.check()`), since every write moved them in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from sqlalchemy import func, select

from tracker.rollups import integrity as rollups
from tracker.donations.models import Donation
from tracker.extensions import db


@dataclass(frozen=True)
class GiftCheck:
    accepted: int
    refused: int
    stored: int  # donations carrying one of this run's donor names
    lost: int
    doubled: int
    refused_but_stored: int
    rollup_differences: int

    @property
    def clean(self) -> bool:
        return not (self.lost or self.doubled or self.refused_but_stored or self.rollup_differences)


def check_logged_gifts(app: Flask, tag: str, accepted: list[str], refused: list[str]) -> GiftCheck:
    with app.app_context():
        counts = dict(db.session.execute(
            select(Donation.donor_name, func.count(Donation.id))
            .where(Donation.donor_name.startswith(tag + "-", autoescape=True)).group_by(Donation.donor_name)).all())
        differences = rollups.check()
        db.session.rollback()
    return GiftCheck(
        accepted=len(accepted), refused=len(refused), stored=sum(counts.values()),
        lost=sum(1 for name in accepted if counts.get(name, 0) == 0),
        doubled=sum(1 for count in counts.values() if count > 1),
        refused_but_stored=sum(1 for name in refused if counts.get(name, 0) > 0),
        rollup_differences=len(differences))
