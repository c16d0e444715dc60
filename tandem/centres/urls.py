from tandem.centres.views import urlpatterns as urlpatterns

app_name = "centres"
