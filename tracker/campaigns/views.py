from flask import Blueprint

bp = Blueprint("campaigns", __name__)


@bp.route("/manage/campaigns/")
def manage():
    return "manage"
