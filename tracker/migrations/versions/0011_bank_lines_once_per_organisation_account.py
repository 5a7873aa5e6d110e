"""bank lines unique per organisation, account and bank reference

A bank CSV's account is a name its organisation gives it, which another organisation may give too.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:58:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bank_lines', schema=None) as batch_op:
        batch_op.drop_constraint('uq_bank_lines_account', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_bank_lines_organisation_id'),
                                          ['organisation_id', 'account', 'bank_ref'])


def downgrade():
    with op.batch_alter_table('bank_lines', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_bank_lines_organisation_id'), type_='unique')
        batch_op.create_unique_constraint('uq_bank_lines_account', ['account', 'bank_ref'])
