"""The one same-origin rule every cookie-free public form and beacon relies on."""

from django.test import RequestFactory

from dateline.lib.same_origin import is_same_origin

factory = RequestFactory()


def post(**headers):
    return factory.post("/x/", headers=headers)


def test_another_site_is_refused_whichever_header_says_so():
    assert not is_same_origin(post(sec_fetch_site="cross-site"))
    assert not is_same_origin(post(origin="https://evil.example"))
    assert not is_same_origin(post(sec_fetch_site="same-origin", origin="http://[broken"))


def test_our_own_pages_and_trusted_origins_are_accepted(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://news.example.org"]
    assert is_same_origin(post(sec_fetch_site="same-origin", origin="http://testserver"))
    assert is_same_origin(post(origin="HTTPS://NEWS.EXAMPLE.ORG"))


def test_a_request_without_either_header_passes_only_when_evidence_is_not_required():
    assert is_same_origin(post())
    assert not is_same_origin(post(), require_evidence=True)
