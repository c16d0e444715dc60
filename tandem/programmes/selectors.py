from django.db.models import QuerySet

from tandem.organisations.models import Organisation
from tandem.programmes.models import Programme


def programmes_delivered_by(*, organisation: Organisation) -> QuerySet[Programme]:
    return Programme.objects.filter(delivered_by=organisation).order_by("name")
