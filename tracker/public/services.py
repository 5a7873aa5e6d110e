"""What a campaign page says when it is shared: the summary a link preview shows (Open Graph, Twitter
card, the meta description, an e-mail's body), in the page's language, and plain links to share it.
No third-party script or image: the links are ordinary addresses the visitor chooses to open."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from babel.lists import format_list

from tracker.donations.models import COUNTED_STATUSES
from tracker.i18n import current_language, gettext as _, money_minor_filter as money, ngettext
from tracker.rollups import queries as figures

# Open Graph names a language with its territory.
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "km": "km_KH"}
ITEMS_SUMMARISED = 3  # in-kind items named in a summary, most given first


@dataclass(frozen=True)
class Share:
    url: str  # this page's absolute address, in its language (and currency, when one was chosen)
    alternates: dict[str, str]  # the same page in each language, by language code
    title: str
    summary: str
    # Gifts, not donors: a donor's name is optional free text (and may be erased), so two gifts of one
    # person cannot be told from gifts of two people. Counted as the figures count them (received or
    # verified, money and in kind), those waiting for an exchange rate included.
    gift_count: int
    last_gift_on: dt.date | None
    locale: str
    links: list[tuple[str, str]]  # (label, address) to share by e-mail or a messaging service

    @property
    def alternate_locales(self) -> list[str]:
        return [OG_LOCALES[code] for code in self.alternates if OG_LOCALES[code] != self.locale]


def campaign_share(campaign, totals, line, in_kind, currency: str, url: str, alternates: dict[str, str]) -> Share:
    """The share summary of a campaign page drawn with `totals` (tracker.public.views.campaign)."""
    gift_count, last_gift_on = figures.campaign_gift_facts(campaign.id, COUNTED_STATUSES)
    summary = " · ".join(_summary_parts(campaign, totals, line, in_kind, currency, gift_count))
    return Share(url=url, alternates=alternates, title=campaign.name, summary=summary, gift_count=gift_count,
                 last_gift_on=last_gift_on, locale=OG_LOCALES[current_language()],
                 links=_links(campaign.name, summary, url))


def _summary_parts(campaign, totals, line, in_kind, currency: str, gift_count: int) -> list[str]:
    parts = []
    goal = campaign.goal_minor
    raised_of_goal = bool(goal) and currency == campaign.currency
    if totals.gift_count or not in_kind:  # a drive given only goods leads with them, not with 0.00 raised
        raised = money(totals.amount_minor, currency)
        parts.append(_("{raised} raised of {goal}", raised=raised, goal=money(goal, currency)) if raised_of_goal
                     else _("{amount} raised", amount=raised))
    else:
        raised_of_goal = False
    if in_kind:
        items = [_("{item} ({quantity})", item=item, quantity=f"{quantity} {unit}".strip())
                 for item, unit, _gifts, quantity in in_kind[:ITEMS_SUMMARISED]]
        listed = format_list(items, locale=current_language()) + (" …" if len(in_kind) > ITEMS_SUMMARISED else "")
        parts.append(_("Given in kind: {items}", items=listed))
    if goal and not raised_of_goal:
        parts.append(_("{percent}% of the goal of {goal}", percent=line.goal_percent,
                       goal=money(goal, campaign.currency)))
    parts.append(ngettext("{count} gift", "{count} gifts", gift_count))
    names = [recipient.ngo.name for recipient in campaign.recipients]
    if names:
        parts.append(_("for {recipients}", recipients=format_list(names, locale=current_language())))
    return parts


def _links(title: str, summary: str, url: str) -> list[tuple[str, str]]:
    """Plain links: the visitor's own mail program, or the service's own share page."""
    message = f"{title}\n{summary}\n{url}"
    return [
        (_("Share by e-mail"), "mailto:?" + urlencode({"subject": title, "body": message}, quote_via=quote)),
        (_("Share on {service}", service="WhatsApp"), "https://wa.me/?" + urlencode({"text": f"{title} {url}"},
                                                                                  quote_via=quote)),
        (_("Share on {service}", service="Telegram"), "https://t.me/share/url?" + urlencode(
            {"url": url, "text": title}, quote_via=quote)),
        (_("Share on {service}", service="Facebook"), "https://www.facebook.com/sharer/sharer.php?" + urlencode(
            {"u": url}, quote_via=quote)),
    ]
