"""The staff web pages and the public status page (blueprint `casework`), and the staff JSON API."""

from flask import Blueprint

bp = Blueprint("casework", __name__)
