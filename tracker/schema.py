"""Every feature's models, imported together so that Alembic sees the whole schema."""

from tracker.accounts import models as accounts  # noqa: F401
from tracker.campaigns import models as campaigns  # noqa: F401
from tracker.donations import models as donations  # noqa: F401
from tracker.organisations import models as organisations  # noqa: F401
from tracker.places import models as places  # noqa: F401
from tracker.rates import models as rates  # noqa: F401
from tracker.rollups import models as rollups  # noqa: F401
from tracker.audit import models as audit  # noqa: F401
from tracker.imports import models as imports  # noqa: F401
from tracker.statements import models as statements  # noqa: F401
from tracker.ledger import models as ledger  # noqa: F401
