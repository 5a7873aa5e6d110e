"""converted figures, campaign page revision

The rollup cells converted to each reporting currency, which dashboards read, and a revision per
campaign that moves on with every change its public page shows. On a database that already holds
donations, fill the figures after upgrading with `flask --app tracker rollups rebuild`
(`rollups check` lists what is missing until then).

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('region_figures',
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('facet', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.Enum('money', 'in_kind', name='giftkind', native_enum=False, length=16), nullable=False),
    sa.Column('status', sa.Enum('pledged', 'received', 'verified', 'void', name='donationstatus', native_enum=False, length=16), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('value', sa.String(length=32), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('native_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_region_figures_place_id_places')),
    sa.PrimaryKeyConstraint('place_id', 'currency', 'facet', 'kind', 'status', 'public', 'day', 'value', name=op.f('pk_region_figures'))
    )
    op.create_table('campaign_days',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('pledged', 'received', 'verified', 'void', name='donationstatus', native_enum=False, length=16), nullable=False),
    sa.Column('kind', sa.Enum('money', 'in_kind', name='giftkind', native_enum=False, length=16), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_days_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', 'currency', 'day', 'status', 'kind', name=op.f('pk_campaign_days'))
    )
    op.create_table('campaign_totals',
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('kind', sa.Enum('money', 'in_kind', name='giftkind', native_enum=False, length=16), nullable=False),
    sa.Column('status', sa.Enum('pledged', 'received', 'verified', 'void', name='donationstatus', native_enum=False, length=16), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('first_days_minor', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_campaign_totals_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('currency', 'kind', 'status', 'campaign_id', name=op.f('pk_campaign_totals'))
    )
    op.create_table('unconverted_cells',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('missing_currency', sa.String(length=3), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('gift_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_unconverted_cells_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('campaign_id', 'currency', 'missing_currency', 'day', name=op.f('pk_unconverted_cells'))
    )
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))



def downgrade():
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('revision')

    op.drop_table('unconverted_cells')
    op.drop_table('campaign_totals')
    op.drop_table('campaign_days')
    op.drop_table('region_figures')
