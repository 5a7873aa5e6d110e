from flask import Blueprint

bp = Blueprint("organisations", __name__)


@bp.route("/manage/organisations/")
def manage():
    return "manage"
