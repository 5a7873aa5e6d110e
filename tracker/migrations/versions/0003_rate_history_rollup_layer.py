"""rate history, gifts awaiting a rate, figure versions per campaign and place

Rates become history: an admin's correction is a new row (no more one row per currency and day),
and rows say whether they came from the ECB or an admin. Gifts whose rate is missing are counted
with their native amount while they wait. The rollup layer keeps a state per campaign (a version
for cached pages, and the newest rate row its figures are converted with) and a version per place.
On a database that already holds donations, run `flask --app tracker rollups rebuild` after
upgrading to fill the gifts awaiting a rate (`rollups check` lists them until then).

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

STATUSES = ('pledged', 'received', 'verified', 'void')


def upgrade():
    with op.batch_alter_table('exchange_rates', schema=None) as batch_op:
        batch_op.drop_constraint('uq_exchange_rates_currency', type_='unique')
        batch_op.add_column(sa.Column('origin', sa.Enum('ecb', 'admin', name='rateorigin', native_enum=False,
                                                        length=8), server_default='admin', nullable=False))
        batch_op.create_index('ix_exchange_rates_currency_day', ['currency', 'day'], unique=False)

    op.drop_table('unconverted_cells')
    op.create_table('awaiting_rates',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('kind', sa.Enum('money', 'in_kind', name='giftkind', native_enum=False, length=16), nullable=False),
    sa.Column('status', sa.Enum(*STATUSES, name='donationstatus', native_enum=False, length=16), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('gift_currency', sa.String(length=3), nullable=False),
    sa.Column('missing', sa.String(length=3), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.Column('native_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_awaiting_rates_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', 'currency', 'kind', 'status', 'day', 'gift_currency', 'missing',
                            name=op.f('pk_awaiting_rates'))
    )
    op.create_table('campaign_figure_states',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.Column('rates_through', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'],
                            name=op.f('fk_campaign_figure_states_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', name=op.f('pk_campaign_figure_states'))
    )
    op.create_table('place_figure_versions',
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_place_figure_versions_place_id_places')),
    sa.PrimaryKeyConstraint('place_id', name=op.f('pk_place_figure_versions'))
    )
    # Existing figures were converted with every rate entered so far.
    op.execute("INSERT INTO campaign_figure_states (campaign_id, version, rates_through) "
               "SELECT id, revision + 1, (SELECT COALESCE(MAX(id), 0) FROM exchange_rates) FROM campaigns")


def downgrade():
    op.drop_table('place_figure_versions')
    op.drop_table('campaign_figure_states')
    op.drop_table('awaiting_rates')
    op.create_table('unconverted_cells',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('missing_currency', sa.String(length=3), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_unconverted_cells_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', 'currency', 'missing_currency', 'day', name=op.f('pk_unconverted_cells'))
    )
    # Keep the newest entry of each (currency, day), as the one-row-per-day table held.
    op.execute("DELETE FROM exchange_rates WHERE id NOT IN "
               "(SELECT MAX(id) FROM exchange_rates GROUP BY currency, day)")
    with op.batch_alter_table('exchange_rates', schema=None) as batch_op:
        batch_op.drop_index('ix_exchange_rates_currency_day')
        batch_op.drop_column('origin')
        batch_op.create_unique_constraint('uq_exchange_rates_currency', ['currency', 'day'])
