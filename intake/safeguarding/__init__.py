"""Does what someone wrote suggest a child may be in danger, and of what kind? (docs/domain-rules.md, "Safeguarding")

`suggests_danger(text)` returns the category slugs found (an empty tuple when none), so a caller may use it as
a yes/no as well.
"""

from intake.safeguarding.detector import suggests_danger, warm_up
from models.safeguarding import BY_SLUG, CATEGORIES, UNSAFE, Category, label

__all__ = ["BY_SLUG", "CATEGORIES", "UNSAFE", "Category", "label", "suggests_danger", "warm_up"]
