"""The web dashboard: templates and static files served by the service."""
