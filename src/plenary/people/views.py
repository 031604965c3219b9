"""Public pages of people. Reads live in ``queries``."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plenary.people import queries


def people(request: HttpRequest) -> HttpResponse:
    return render(request, "people/people.html", queries.people_index())


def person(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "people/person.html", queries.person_page(slug=slug))
