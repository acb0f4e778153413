"""An administrator requires two-factor for every newsroom account; from then on an account
without an authenticator is sent to set one up at every newsroom address, direct POSTs
included, until it has."""

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.accounts import policy
from dateline.accounts.models import EventKind, SecurityPolicy, SignInEvent
from dateline.news.models import Article
from tests import factories
from tests.two_factor_helpers import ENROL, LOGIN, authenticator, code

pytestmark = pytest.mark.django_db

POLICY = "/newsroom/accounts/securitypolicy/"
POLICY_FORM = "/newsroom/accounts/securitypolicy/1/change/"
ADD_STORY = "/newsroom/news/article/add/"


@pytest.fixture(autouse=True)
def fresh_policy():
    """The policy is cached for a minute; no test may see another's."""
    cache.delete(policy.CACHE_KEY)
    yield
    cache.delete(policy.CACHE_KEY)


@pytest.fixture(autouse=True)
def quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def require_two_factor() -> None:
    row = policy.stored()
    row.require_two_factor = True
    policy.save(row, by=None)


def test_an_administrator_requires_two_factor_in_the_newsroom():
    admin = signed_in(factories.newsroom_administrator())

    assert admin.get(POLICY)["Location"] == POLICY_FORM
    form = admin.get(POLICY_FORM)
    assert "require two-factor sign-in for every newsroom account" in form.text.lower()
    response = admin.post(POLICY_FORM, {"require_two_factor": "on", "idle_minutes": "60"})

    assert response.status_code == 302
    assert policy.current().require_two_factor
    assert policy.current().idle_minutes == 60
    event = SignInEvent.objects.get(kind=EventKind.POLICY_CHANGED)
    assert event.username == "people"
    assert event.detail == {"require_two_factor": True, "idle_minutes": 60}


def test_the_policy_cannot_be_deleted_or_added_twice():
    admin = signed_in(factories.administrator())
    admin.get(POLICY)

    assert admin.post(f"{POLICY}1/delete/", {"post": "yes"}).status_code == 403
    assert admin.post(f"{POLICY}add/", {"require_two_factor": "on"}).status_code == 403
    assert SecurityPolicy.objects.count() == 1


@pytest.mark.parametrize("persona", [factories.chief_editor, factories.editor])
def test_editors_and_chief_editors_cannot_change_the_policy(persona):
    client = signed_in(persona())
    policy.stored()

    assert client.get(POLICY_FORM).status_code == 403
    assert client.post(POLICY_FORM, {"require_two_factor": "on"}).status_code == 403
    assert not policy.current().require_two_factor


def test_an_idle_time_outside_five_minutes_to_a_week_is_refused():
    admin = signed_in(factories.administrator())
    admin.get(POLICY)

    response = admin.post(POLICY_FORM, {"idle_minutes": "1"})

    assert response.status_code == 200
    assert "greater than or equal to 5" in response.text
    assert policy.current().idle_minutes == 480


@pytest.mark.parametrize(
    "url", ["/newsroom/", "/newsroom/news/article/", ADD_STORY, "/newsroom/auth/user/"]
)
def test_when_required_every_newsroom_page_sends_an_account_without_an_app_to_set_one_up(url):
    require_two_factor()
    client = signed_in(factories.editor())

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={url.replace('/', '%2F')}"


def test_when_required_a_direct_post_is_not_acted_on():
    require_two_factor()
    section = factories.section()
    client = signed_in(factories.editor())

    response = client.post(
        ADD_STORY,
        {
            "headline": "Sneaked past",
            "slug": "sneaked-past",
            "edition": section.edition_id,
            "section": section.pk,
        },
    )

    assert response.status_code == 302
    assert response["Location"].startswith(ENROL)
    assert not Article.objects.filter(headline="Sneaked past").exists()


def test_when_required_the_set_up_page_and_signing_out_stay_open():
    require_two_factor()
    editor = factories.editor()
    client = signed_in(editor)

    page = client.get(ENROL)
    assert page.status_code == 200
    assert "requires two-factor sign-in for every account" in page.text

    device = TOTPDevice.objects.get(user=editor)
    done = client.post(f"{ENROL}?next=/newsroom/news/article/", {"code": code(device)})
    assert done.status_code == 200
    assert 'href="/newsroom/news/article/"' in done.text
    assert client.get("/newsroom/news/article/").status_code == 200

    assert client.post("/newsroom/logout/").status_code == 200
    assert client.get("/newsroom/")["Location"].startswith(LOGIN)


def test_when_required_an_account_with_an_app_is_asked_for_its_code_not_sent_to_set_up():
    require_two_factor()
    editor = factories.editor()
    authenticator(editor)
    client = signed_in(editor)

    response = client.get("/newsroom/")

    assert response["Location"].startswith(LOGIN)


def test_the_requirement_does_not_touch_the_readers_site():
    require_two_factor()
    factories.article(headline="Budget passes")
    client = signed_in(factories.editor())

    assert client.get("/").status_code == 200


def test_turning_two_factor_off_when_it_is_required_leads_straight_back_to_set_up():
    editor = factories.editor()
    device = authenticator(editor)
    require_two_factor()
    client = Client()
    client.post(
        f"{LOGIN}?next=/newsroom/", {"username": "editor", "password": "correct horse battery"}
    )
    client.post("/newsroom/login/code/", {"code": code(device)})

    client.post("/newsroom/account/two-factor/turn-off/", {"password": "correct horse battery"})

    assert client.get("/newsroom/")["Location"].startswith(ENROL)


def test_an_administrator_resets_a_lost_phone_and_the_account_sets_up_again():
    editor = factories.editor()
    device = authenticator(editor)
    admin = signed_in(factories.newsroom_administrator())

    listing = admin.get("/newsroom/accounts/authenticator/")
    assert listing.status_code == 200 and "editor" in listing.text
    # Nobody sees anyone's secret key.
    assert device.key not in admin.get(f"/newsroom/accounts/authenticator/{device.pk}/change/").text
    response = admin.post(f"/newsroom/accounts/authenticator/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    event = SignInEvent.objects.get(kind=EventKind.TWO_FACTOR_RESET)
    assert event.user == editor and event.detail == {"by": "people"}


def test_an_editor_cannot_reset_anyones_two_factor():
    colleague = factories.editor("colleague")
    device = authenticator(colleague)
    client = signed_in(factories.chief_editor())

    response = client.post(f"/newsroom/accounts/authenticator/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=colleague).exists()


def test_django_otps_own_device_screens_showing_secret_keys_are_gone():
    client = signed_in(factories.administrator())

    assert client.get("/newsroom/otp_totp/totpdevice/").status_code == 404
    assert client.get("/newsroom/otp_static/staticdevice/").status_code == 404
