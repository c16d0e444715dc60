"""Finance pages, mounted at /finance/."""

from tandem.finance.views import budgets, loans, support

app_name = "finance"
urlpatterns = [*loans.urlpatterns, *support.urlpatterns, *budgets.urlpatterns]
