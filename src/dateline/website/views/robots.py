"""``/robots.txt``: crawl the site, not the newsroom or print copies."""

from django.http import HttpRequest, HttpResponse


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /newsroom/",
        "Disallow: /*/print/$",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
