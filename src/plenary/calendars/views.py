"""The iCalendar feeds: what each holds is read in ``feeds``; here it is written and sent."""

from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from plenary.calendars import feeds


def _send(request: HttpRequest, feed: feeds.Feed) -> HttpResponse:
    language = translation.get_language() or "en"
    host = request.get_host()
    calendar = feeds.calendar_of(
        feed,
        language=language,
        absolute=request.build_absolute_uri,
        uid_domain=split_domain_port(host)[0] or host,
        stamp=timezone.now().replace(microsecond=0),
    )
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{feed.filename}"'
    return response


@require_safe
def forum(request: HttpRequest, forum: str) -> HttpResponse:
    return _send(request, feeds.forum_feed(forum_slug=forum))


@require_safe
def edition(request: HttpRequest, forum: str, number: int) -> HttpResponse:
    return _send(request, feeds.edition_feed(forum_slug=forum, number=number))


@require_safe
def meeting(request: HttpRequest, forum: str, number: int, pk: int) -> HttpResponse:
    return _send(request, feeds.meeting_feed(forum_slug=forum, number=number, pk=pk))


@require_safe
def person(request: HttpRequest, slug: str) -> HttpResponse:
    language = translation.get_language() or "en"
    return _send(request, feeds.person_feed(slug=slug, language=language))
