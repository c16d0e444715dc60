from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int | None = None) -> tuple[Page, str]:
    """The requested page of a list, and the query string to carry into page links."""
    paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return page, f"{encoded}&" if encoded else ""
