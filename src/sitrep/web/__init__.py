"""The analyst's workbench: server-rendered pages (``pages.py``), templates and static assets.

Mounted by ``sitrep.api.app.create_app``; every page is the HTML twin of one ``/api`` endpoint.
"""
