from django.urls import path

from tandem.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("figures/", views.figures, name="figures"),
    path("figures.<str:kind>", views.figures_export, name="figures_export"),
]
