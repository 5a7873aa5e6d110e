from flask import Blueprint

bp = Blueprint("dashboards", __name__)


@bp.route("/dashboards/")
def index():
    return "index"
