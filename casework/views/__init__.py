"""The staff web pages and the public status page (blueprint `casework`), and the staff JSON API."""

from flask import Blueprint, url_for
from werkzeug.routing import BuildError

bp = Blueprint("casework", __name__)

# Other staff areas in the menu, when the app has them (endpoint, label, roles that may use it).
OTHER_STAFF_PAGES = (
    ("queries.dashboard", "Dashboard", ("officer", "manager")),
    ("queries.ask", "Ask a question", ("officer", "manager")),
    ("queries.report_index", "Annual report", ("officer", "manager")),
    ("casework.feedback_page", "Feedback", ("officer", "manager")),
    ("casework.admin_reasons", "Reasons", ("admin",)),
    ("casework.open_lesson_actions", "Lesson actions", ("officer", "manager")),
    ("casework.to_post", "To post", ("officer", "manager")),  # letters waiting to be printed and posted
    ("casework.admin_letters", "Letter templates", ("admin",)),
)


def _other_staff_pages() -> list[tuple[str, str, tuple[str, ...]]]:
    links: list[tuple[str, str, tuple[str, ...]]] = []
    for endpoint, label, roles in OTHER_STAFF_PAGES:
        try:
            links.append((url_for(endpoint), label, roles))
        except BuildError:  # that area is not part of this app
            continue
    return links


@bp.app_context_processor
def staff_menu():
    # Every page that extends the staff layout (other packages' too) gets the same menu; built only when drawn.
    return {"other_staff_pages": _other_staff_pages}
