"""Monitoring pages, mounted at /monitoring/ (the views module holds the patterns)."""

from tandem.monitoring.views import urlpatterns

app_name = "monitoring"

__all__ = ["app_name", "urlpatterns"]
