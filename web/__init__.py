"""The web layer every blueprint shares: the request's settings, clock and database session, sign-in and role
checks for views, template filters, JSON API errors, the OpenAPI registry and the public pages.

It stands on content/, models/ and settings.py only (never on a feature package), so the views of intake,
casework and queries may all use it. `create_app()` in wsgi.py wires it up; docs/architecture.md has the map.
"""
