from tandem.organisations.models import Region
from tandem.organisations.selectors import region_ids_within
from tandem.testing.factories import RegionFactory


def test_regions_within_reach_every_level_below_and_nothing_beside(db):
    iran = RegionFactory(name="Iran", kind=Region.Kind.COUNTRY, country_code="IR")
    khorasan = RegionFactory(name="Khorasan", parent=iran, country_code="IR")
    mashhad = RegionFactory(
        name="Mashhad", parent=khorasan, kind=Region.Kind.COUNTY, country_code="IR"
    )
    district = RegionFactory(
        name="District 1", parent=mashhad, kind=Region.Kind.MUNICIPALITY, country_code="IR"
    )
    fars = RegionFactory(name="Fars", parent=iran, country_code="IR")

    assert region_ids_within([khorasan.pk]) == {khorasan.pk, mashhad.pk, district.pk}
    assert region_ids_within([iran.pk]) == {iran.pk, khorasan.pk, mashhad.pk, district.pk, fars.pk}
    assert region_ids_within([]) == set()
