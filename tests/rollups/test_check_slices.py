"""`rollups check` reads the regions' figures one kind of place at a time: a figure wrong at any level
(the city, its subdivision, its country, everywhere) is reported, with what it holds and what the
donations say, and so is a figure that should not exist."""

from __future__ import annotations

import datetime as dt

from dashboard_helpers import log_gift
from sqlalchemy import select, update

from tracker.extensions import db
from tracker.places import services as places
from tracker.rollups import integrity
from tracker.rollups.models import DonationCell, RegionFigure


def test_a_wrong_region_figure_is_reported_at_every_level(app, world):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "120.50", "EUR", dt.date(2025, 7, 26))
    with app.app_context():
        assert integrity.check() == []
        levels = {"city": world.paris_id, "subdivision": places.find_region("FR-IDF").id,
                  "country": places.find_region("FR").id, "world": places.world().id}
        for place_id in levels.values():
            db.session.execute(update(RegionFigure).where(
                RegionFigure.place_id == place_id, RegionFigure.currency == "USD", RegionFigure.facet == "currency")
                .values(amount_minor=RegionFigure.amount_minor + 1))
        # And a figure nobody's gift calls for: a Khmer riel column in Paris for the same day.
        template = db.session.scalars(select(RegionFigure).where(
            RegionFigure.place_id == world.paris_id, RegionFigure.currency == "EUR",
            RegionFigure.facet == "currency")).one()
        db.session.add(RegionFigure(place_id=world.paris_id, currency="EUR", facet="currency", kind=template.kind,
                                    status=template.status, public=template.public, day=template.day, value="KHR",
                                    gift_count=1, amount_minor=7, native_minor=28000))
        db.session.commit()

        differences = integrity.check()
        assert all(d.table == "region_figures" for d in differences)
        wrong = {d.key[0]: d for d in differences if d.key[1] == "USD"}
        assert set(wrong) == set(levels.values())
        for difference in wrong.values():
            assert difference.stored[0] == difference.expected[0] == 1
            assert difference.stored[1] == difference.expected[1] + 1
        extra = [d for d in differences if d.key[1] == "EUR"]
        assert [(d.key[0], d.key[-1], d.stored, d.expected) for d in extra] == \
            [(world.paris_id, "KHR", (1, 7, 28000), (0, 0, 0))]
        assert len(differences) == 5

        integrity.rebuild()
        db.session.commit()
        assert integrity.check() == []


def test_a_missing_cell_and_a_cell_nobody_gave_are_both_reported(app, world):
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "30.00", "EUR", dt.date(2025, 7, 26))
    log_gift(app, world.emails["admin"], world.paris_campaign_id, "12.00", "EUR", dt.date(2025, 7, 27))
    with app.app_context():
        assert integrity.check() == []
        gone = db.session.scalars(select(DonationCell).where(
            DonationCell.campaign_id == world.paris_campaign_id, DonationCell.day == dt.date(2025, 7, 27))).one()
        gone_key = (gone.campaign_id, gone.day, gone.currency, gone.kind.value, gone.status.value, gone.method.value)
        db.session.delete(gone)
        db.session.add(DonationCell(campaign_id=world.paris_campaign_id, day=dt.date(2025, 7, 28), currency="EUR",
                                    kind=gone.kind, status=gone.status, method=gone.method, gift_count=2,
                                    amount_minor=999))
        db.session.commit()

        cells = [d for d in integrity.check() if d.table == "donation_cells"]
        assert sorted((d.key[1], d.stored, d.expected) for d in cells) == [
            (dt.date(2025, 7, 27), (0, 0), (1, 1200)), (dt.date(2025, 7, 28), (2, 999), (0, 0))]
        assert gone_key in [d.key for d in cells]
