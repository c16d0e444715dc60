"""Finance pages: each module exposes `urlpatterns`."""
