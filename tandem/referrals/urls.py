from django.urls import path

from tandem.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/", views.referral_create, name="create"),
    path("<str:ref>/", views.referral_detail, name="detail"),
    path("<str:ref>/accept/", views.referral_accept, name="accept"),
    path("<str:ref>/decline/", views.referral_decline, name="decline"),
    path("<str:ref>/withdraw/", views.referral_withdraw, name="withdraw"),
]
