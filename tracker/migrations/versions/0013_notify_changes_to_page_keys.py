"""PostgreSQL tells listeners when what a cached page's key is read from changes

Every transaction that writes campaigns, places or the figures' versions notifies the channel
`samaki_changes` at its commit (tracker.database_changes). Statement-level triggers: one
notification per statement, which PostgreSQL folds into one per transaction. SQLite needs none
(PRAGMA data_version).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 19:30:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

CHANNEL = 'samaki_changes'
TABLES = ('campaigns', 'places', 'campaign_figure_states', 'place_figure_versions')


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute(f"""CREATE FUNCTION samaki_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END $$""")
    for table in TABLES:
        op.execute(f"CREATE TRIGGER {table}_notify_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION samaki_notify_changes()")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_notify_changes ON {table}")
    op.execute("DROP FUNCTION samaki_notify_changes()")
