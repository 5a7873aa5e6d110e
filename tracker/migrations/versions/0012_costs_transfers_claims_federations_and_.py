"""costs, transfers, claims, federations and evening takings

Costs and transfers (to recipient NGOs, or through to a federation's campaign) add to the rollup
cells under kinds of their own; the cells' columns are unchanged (VARCHARs), only the values widen.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 04:40:05.921386

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('figure_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('wording', sa.String(length=200), nullable=False),
    sa.Column('period_days', sa.Integer(), nullable=False),
    sa.Column('claimant', sa.String(length=200), nullable=False),
    sa.Column('source_title', sa.String(length=300), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('figure_minor > 0', name=op.f('ck_claims_figure_positive')),
    sa.CheckConstraint('period_days > 0', name=op.f('ck_claims_period_positive')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_claims_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_claims_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claims_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('ledger_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_ledger_documents_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_ledger_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_documents'))
    )
    with op.batch_alter_table('ledger_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_documents_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('transfers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('to_campaign_id', sa.Integer(), nullable=True),
    sa.Column('sent_minor', sa.BigInteger(), nullable=False),
    sa.Column('sent_currency', sa.String(length=3), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('received_minor', sa.BigInteger(), nullable=True),
    sa.Column('received_currency', sa.String(length=3), nullable=True),
    sa.Column('method', sa.Enum('cash', 'bank_transfer', 'card', 'online_platform', 'cheque', 'other', name='method', native_enum=False, length=32), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=False),
    sa.Column('status', sa.Enum('planned', 'sent', 'acknowledged', 'void', name='transferstatus', native_enum=False, length=16), nullable=False),
    sa.Column('proof_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_on', sa.Date(), nullable=True),
    sa.Column('acknowledgement_reference', sa.String(length=120), nullable=False),
    sa.Column('acknowledgement_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(recipient_id IS NULL) <> (to_campaign_id IS NULL)', name=op.f('ck_transfers_one_destination')),
    sa.CheckConstraint('received_minor IS NULL OR received_minor > 0', name=op.f('ck_transfers_received_positive')),
    sa.CheckConstraint('sent_minor > 0', name=op.f('ck_transfers_sent_positive')),
    sa.ForeignKeyConstraint(['acknowledgement_id'], ['ledger_documents.id'], name=op.f('fk_transfers_acknowledgement_id_ledger_documents')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_transfers_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['proof_id'], ['ledger_documents.id'], name=op.f('fk_transfers_proof_id_ledger_documents')),
    sa.ForeignKeyConstraint(['recipient_id'], ['organisations.id'], name=op.f('fk_transfers_recipient_id_organisations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_transfers_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['to_campaign_id'], ['campaigns.id'], name=op.f('fk_transfers_to_campaign_id_campaigns')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers'))
    )
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfers_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_recipient_id'), ['recipient_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfers_to_campaign_id'), ['to_campaign_id'], unique=False)

    op.create_table('costs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('platform_fee', 'bank_fee', 'venue', 'food', 'transport', 'other', name='costcategory', native_enum=False, length=32), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('incurred_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('recorded', 'void', name='coststatus', native_enum=False, length=16), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_costs_amount_positive')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaigns.id'], name=op.f('fk_costs_campaign_id_campaigns')),
    sa.ForeignKeyConstraint(['evidence_id'], ['ledger_documents.id'], name=op.f('fk_costs_evidence_id_ledger_documents')),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batches.id'], name=op.f('fk_costs_import_batch_id_import_batches')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_costs_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_costs')),
    sa.UniqueConstraint('import_batch_id', 'incurred_on', 'currency', name=op.f('uq_costs_import_batch_id'))
    )
    with op.batch_alter_table('costs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_costs_campaign_id'), ['campaign_id'], unique=False)

    with op.batch_alter_table('donations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('takings', sa.Enum('tickets', 'meals', 'auction', 'donations', name='takings', native_enum=False, length=16), nullable=True))

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('federation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisations_federation_id'), ['federation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_organisations_federation_id_organisations'), 'organisations', ['federation_id'], ['id'])



def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisations_federation_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisations_federation_id'))
        batch_op.drop_column('federation_id')

    with op.batch_alter_table('donations', schema=None) as batch_op:
        batch_op.drop_column('takings')

    with op.batch_alter_table('costs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_costs_campaign_id'))

    op.drop_table('costs')
    with op.batch_alter_table('transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfers_to_campaign_id'))
        batch_op.drop_index(batch_op.f('ix_transfers_status'))
        batch_op.drop_index(batch_op.f('ix_transfers_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_transfers_campaign_id'))

    op.drop_table('transfers')
    with op.batch_alter_table('ledger_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_documents_campaign_id'))

    op.drop_table('ledger_documents')
    with op.batch_alter_table('claims', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claims_campaign_id'))

    op.drop_table('claims')
