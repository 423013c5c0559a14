"""The HTTP API: ``sitrep.api.app.create_app(settings)`` builds the FastAPI application.

Nothing is imported or configured here, so ``import sitrep`` never pulls in the web stack.
"""
