"""Casework pages, one module per area; each module exposes `participant_urlpatterns`
(mounted under /participants/<ref>/) and/or `urlpatterns` (mounted at the site root)."""
