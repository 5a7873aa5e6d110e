from flask import Blueprint

bp = Blueprint("donations", __name__)


@bp.route("/donations/new")
def new():
    return "new"


@bp.route("/donations/mine")
def mine():
    return "mine"
