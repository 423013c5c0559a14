"""One router per resource; ``sitrep.api.app`` mounts them all under ``/api``."""
