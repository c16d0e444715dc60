"""Form pieces about places, shared by every app that asks for an area."""

from tandem.organisations.models import Region


def region_label(region: Region) -> str:
    """An area's name, with the region above it when that is not the country: counties and
    municipalities share names across provinces. Give regions with `select_related("parent")`."""
    parent = region.parent if region.parent_id else None
    if parent is None or parent.kind == Region.Kind.COUNTRY:
        return region.name
    return f"{region.name} ({parent.name})"


def region_choices(regions) -> list[tuple[str, str]]:
    return [(str(region.pk), region_label(region)) for region in regions]
