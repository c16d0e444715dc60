"""Employment pages, mounted at /employment/: each area module under `views/` exposes
`urlpatterns`. Placements are built alongside, so an area not there yet is skipped rather than
breaking every other page."""

import importlib
import importlib.util

AREAS = ["employers", "vacancies", "placements"]


def _area_patterns(name: str) -> list:
    module_name = f"tandem.employment.views.{name}"
    if importlib.util.find_spec(module_name) is None:
        return []
    return list(getattr(importlib.import_module(module_name), "urlpatterns", []))


app_name = "employment"
urlpatterns = [pattern for name in AREAS for pattern in _area_patterns(name)]
