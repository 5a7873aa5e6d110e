from flask import Blueprint

bp = Blueprint("admin", __name__)


@bp.route("/admin/users/")
def users():
    return "users"


@bp.route("/admin/rates/")
def rates():
    return "rates"
