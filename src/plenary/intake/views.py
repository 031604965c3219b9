"""Pages of intake, for a forum's secretariat: the reports in review, a new report pasted or
uploaded, and the review of one report with its text, the facts proposed from it and the forms to
accept, correct or reject each, to discard the report, or to write the accepted facts to the
record.

Reports in intake are the secretariat's working material. Every address asks to log in first;
a signed-in user who is secretariat of no forum gets 403 on the list and the new-report form; a
report of a forum the user may not review answers 404, as a draft does, so that its existence is
not disclosed. Each action is a POST form with its CSRF token that works without JavaScript: it
answers with a redirect, or with the page and the reason (status 400). Nothing here writes a
model: each action calls one function of ``domain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from plenary.accounts.enums import RoleKind
from plenary.accounts.rules import roles_of, user_can
from plenary.common.translations import localized
from plenary.documents.drafting_forms import put_errors
from plenary.forums.models import Forum, State
from plenary.forums.naming import state_name
from plenary.intake import domain
from plenary.intake.forms import FORMAT_LABELS, KIND_LABELS, FactForm, NewReportForm
from plenary.intake.models import FactDecision, IntakeFact, IntakeReport, ReportStatus
from plenary.people.enums import Rank
from plenary.workplans.templatetags.followup import edition_name

NOT_FOUND = _("No report in intake matches the given query.")

# What each kind of conflict of docs/intake.md warns of.
CONFLICT_LABELS = {
    "duplicate_participant": _("A state listed twice"),
    "speaker_not_listed": _("A speaker missing from the list of participants"),
    "date_after_publication": _("A date after the publication"),
    "count_mismatch": _("A count that does not match the states named"),
}


# Access -----------------------------------------------------------------------------------------


def review_forums(user) -> list[Forum]:
    """The forums whose reports ``user`` may review, by name."""
    ids = {role.forum_id for role in roles_of(user) if role.kind == RoleKind.SECRETARIAT}
    if not ids:
        return []
    return [
        forum
        for forum in Forum.objects.filter(pk__in=ids).order_by("name")
        if user_can(user, "intake.review", forum)
    ]


def access_report(request: HttpRequest, pk: int) -> IntakeReport:
    """The report at this address if the user may review it; 404 otherwise."""
    report = get_object_or_404(
        IntakeReport.objects.select_related("forum", "edition__forum", "created_by"), pk=pk
    )
    if not user_can(request.user, "intake.review", report):
        raise Http404(NOT_FOUND)
    return report


def report_url(report: IntakeReport, anchor: str = "") -> str:
    url = reverse("intake:report", kwargs={"pk": report.pk})
    return f"{url}#{anchor}" if anchor else url


# The list and a new report ----------------------------------------------------------------------


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    """The reports in review of the forums whose secretariat the user is, newest first, and the
    last ones written or discarded."""
    forums = review_forums(request.user)
    if not forums:
        raise PermissionDenied
    counted = IntakeReport.objects.filter(forum__in=forums).select_related(
        "forum", "edition__forum"
    )
    counted = counted.defer("text", "original").annotate(
        fact_count=Count("facts"),
        pending_count=Count("facts", filter=Q(facts__decision=FactDecision.PENDING)),
        accepted_count=Count("facts", filter=Q(facts__decision=FactDecision.ACCEPTED)),
    )
    in_review = list(counted.filter(status=ReportStatus.IN_REVIEW).order_by("-created_at", "-pk"))
    for report in in_review:
        report.conflict_count = len(report.proposal.get("conflicts") or [])
    closed = list(
        counted.exclude(status=ReportStatus.IN_REVIEW).order_by("-updated_at", "-pk")[:20]
    )
    forum_names = domain.one_of([localized(forum, "name").text for forum in forums], "and")
    return render(
        request,
        "intake/reports.html",
        {"forums": forums, "forum_names": forum_names, "in_review": in_review, "closed": closed},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    """The secretariat pastes or uploads a report, which the extractor reads into facts."""
    forums = review_forums(request.user)
    if not forums:
        raise PermissionDenied
    if request.method == "GET":
        form = NewReportForm(forums=forums)
        return render(request, "intake/new.html", {"form": form})
    form = NewReportForm(request.POST, request.FILES, forums=forums)
    if form.is_valid():
        data = form.cleaned_data
        text, is_html = form.report_text()
        try:
            report = domain.report_create(
                forum=data["forum"],
                title=data["title"],
                text=text,
                is_html=is_html,
                published_on=data["published_on"],
                publisher=data["publisher"],
                url=data["url"],
                by=request.user,
            )
        except ValidationError as error:
            put_errors(form, error, fields={"text": "file" if form.uploaded else "text"})
        else:
            count = report.facts.count()
            messages.success(
                request,
                ngettext(
                    "“%(title)s” is read: %(count)s fact proposed.",
                    "“%(title)s” is read: %(count)s facts proposed.",
                    count,
                )
                % {"title": report.title, "count": count},
            )
            return redirect(report_url(report))
    return render(request, "intake/new.html", {"form": form}, status=400)


# The review page --------------------------------------------------------------------------------


@dataclass
class FactRow:
    fact: IntakeFact
    number: int
    label: str
    shown: list[tuple[str, str]]  # (part, value) pairs of the value as it would be written
    proposed: list[tuple[str, str]] | None  # the value as proposed, when it was corrected
    confidence: int  # percent
    form: FactForm | None = None


@dataclass
class FactGroup:
    key: str
    label: str
    rows: list[FactRow] = field(default_factory=list)


def _ordered(facts: list[IntakeFact]) -> list[IntakeFact]:
    order = {key: index for index, key in enumerate(domain.KEY_ORDER)}
    return sorted(facts, key=lambda f: (order.get(f.key, len(order)), f.key, f.position, f.pk))


def _part(name: str, value, states: dict[str, str]) -> str:
    if value is None or value == "":
        return gettext("not stated")
    if name == "country" and isinstance(value, str) and value in states:
        return f"{value} ({states[value]})"
    if name == "rank" and value in Rank.values:
        return str(Rank(value).label)
    if name == "format" and value in FORMAT_LABELS:
        return str(FORMAT_LABELS[value])
    if name == "kind" and value in KIND_LABELS:
        return str(KIND_LABELS[value])
    if name in ("format", "kind") and isinstance(value, str):
        return value.replace("_", " ")
    return str(value)


def _shown(key: str, value, states: dict[str, str]) -> list[tuple[str, str]]:
    """A value as label and text pairs: one unlabelled pair for a scalar, one per key for an
    object."""
    if isinstance(value, dict):
        subfields = domain.ITEM_FIELDS.get(key) or tuple(value)
        return [(_part_label(name), _part(name, value.get(name), states)) for name in subfields]
    return [("", _part(key, value, states))]


# The keys of an item of a list, as the review names them beside each part of the value.
PART_LABELS = {
    "country": pgettext_lazy("a part of a proposed fact", "country"),
    "person": pgettext_lazy("a part of a proposed fact", "person"),
    "rank": pgettext_lazy("a part of a proposed fact", "rank"),
    "kind": pgettext_lazy("a part of a proposed fact", "kind"),
    "text": pgettext_lazy("a part of a proposed fact", "text"),
    "city": pgettext_lazy("a part of a proposed fact", "city"),
    "year": pgettext_lazy("a part of a proposed fact", "year"),
}


def _part_label(name: str) -> str:
    """The reader's word for one key of an item of a list (``country``, ``rank``)."""
    return str(PART_LABELS.get(name, name))


def _countries(facts: list[IntakeFact]) -> set[str]:
    codes = set()
    for fact in facts:
        for value in (fact.value, fact.edited_value):
            if isinstance(value, dict):
                value = value.get("country")
            elif fact.key != "country":
                continue
            if isinstance(value, str):
                codes.add(value)
    return codes


def highlighted(text: str, rows: list[FactRow]) -> SafeString:
    """``text`` escaped, with each located fact inside ``<mark>`` elements.

    Marks nest: a fact inside another's span is a mark inside its mark. Where two spans cross,
    the later one is split into pieces so that the HTML stays well formed; the first piece of a
    fact carries its id (``hl-<pk>``), every piece its ``data-fact``. After the last piece a small
    numbered link leads back to the fact in the list.
    """
    located = [
        row
        for row in rows
        if row.fact.start is not None
        and row.fact.end is not None
        and 0 <= row.fact.start < row.fact.end <= len(text)
    ]
    if not located:
        return escape(text)
    rank = {
        row.fact.pk: (row.fact.start, -row.fact.end, index) for index, row in enumerate(located)
    }
    bounds = sorted(
        {0, len(text)} | {row.fact.start for row in located} | {row.fact.end for row in located}
    )
    out: list[str] = []
    stack: list[FactRow] = []
    opened: set[int] = set()

    def close(row: FactRow, at: int) -> None:
        out.append("</mark>")
        if row.fact.end <= at:
            out.append(
                format_html(
                    '<sup class="intake-ref"><a href="#fact-{}" aria-label="{}">{}</a></sup>',
                    row.fact.pk,
                    gettext("Fact %(number)s: %(label)s")
                    % {"number": row.number, "label": str(row.label).lower()},
                    row.number,
                )
            )

    for start, end in pairwise(bounds):
        active = sorted(
            (row for row in located if row.fact.start <= start and row.fact.end >= end),
            key=lambda row: rank[row.fact.pk],
        )
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        while len(stack) > common:
            close(stack.pop(), start)
        for row in active[common:]:
            fact = row.fact
            first = fact.pk not in opened
            opened.add(fact.pk)
            out.append(
                format_html(
                    '<mark{} class="intake-mark intake-mark--{}" data-fact="{}" title="{}">',
                    format_html(' id="hl-{}"', fact.pk) if first else "",
                    fact.key,
                    fact.pk,
                    f"{row.number}. {row.label}",
                )
            )
            stack.append(row)
        out.append(escape(text[start:end]))
    while stack:
        close(stack.pop(), len(text))
    return mark_safe("".join(out))  # noqa: S308 - every part above is escaped or built by format_html


def review_page(
    request: HttpRequest,
    report: IntakeReport,
    *,
    bound: dict[int, FactForm] | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report with its facts; for a report in review, the forms to decide on each fact, to
    write and to discard. ``bound`` holds a fact's form sent with errors, ``errors`` a refusal
    of the whole report."""
    bound = bound or {}
    errors = list(errors or [])
    facts = _ordered(list(report.facts.all()))
    language = translation.get_language() or "en"
    names = {
        state.code: state_name(state, language)
        for state in State.objects.filter(code__in=_countries(facts))
    }
    in_review = report.status == ReportStatus.IN_REVIEW
    groups: dict[str, FactGroup] = {}
    rows: list[FactRow] = []
    for number, fact in enumerate(facts, start=1):
        label = str(domain.KEY_LABELS.get(fact.key, fact.key))
        form = bound.get(fact.pk)
        if form is None and in_review:
            form = FactForm(fact=fact)
        elif form is not None and not in_review:
            errors += [str(message) for message in form.non_field_errors()]
            form = None
        row = FactRow(
            fact=fact,
            number=number,
            label=label,
            shown=_shown(fact.key, fact.final_value, names),
            proposed=(
                _shown(fact.key, fact.value, names) if fact.edited_value is not None else None
            ),
            confidence=round(fact.confidence * 100),
            form=form,
        )
        rows.append(row)
        groups.setdefault(fact.key, FactGroup(key=fact.key, label=label)).rows.append(row)
    counts = dict.fromkeys(FactDecision.values, 0)
    for fact in facts:
        counts[fact.decision] = counts.get(fact.decision, 0) + 1
    context = {
        "report": report,
        "forum": report.forum,
        "in_review": in_review,
        "text": highlighted(report.text, rows),
        "groups": list(groups.values()),
        "fact_count": len(facts),
        "unlocated": sum(1 for row in rows if row.fact.start is None or row.fact.end is None),
        "counts": counts,
        "conflicts": [
            {
                "label": CONFLICT_LABELS.get(conflict.get("kind"), gettext("Something to check")),
                "text": conflict.get("text") or "",
            }
            for conflict in report.proposal.get("conflicts") or []
            if isinstance(conflict, dict)
        ],
        "errors": errors,
    }
    return render(request, "intake/report.html", context, status=status)


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return review_page(request, access_report(request, pk))


# Actions ----------------------------------------------------------------------------------------


@require_POST
@login_required
def fact_decide(request: HttpRequest, pk: int, fact_pk: int) -> HttpResponse:
    """Accept, correct and accept, reject, or take back the decision on one fact."""
    report = access_report(request, pk)
    fact = get_object_or_404(IntakeFact, pk=fact_pk, report=report)
    form = FactForm(request.POST, fact=fact)
    if form.is_valid():
        try:
            domain.fact_decide(
                fact, decision=form.decision, edited_value=form.edited_value(), by=request.user
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            label = domain.KEY_LABELS.get(fact.key, fact.key)
            if fact.decision == FactDecision.PENDING:
                done = gettext("%(fact)s: not yet reviewed again.")
            elif fact.decision == FactDecision.REJECTED:
                done = gettext("%(fact)s: rejected.")
            elif fact.edited_value is None:
                done = gettext("%(fact)s: accepted.")
            else:
                done = gettext("%(fact)s: accepted as corrected.")
            messages.success(request, done % {"fact": label})
            return redirect(report_url(report, f"fact-{fact.pk}"))
    report.refresh_from_db(fields=["status"])
    return review_page(request, report, bound={fact.pk: form}, status=400)


@require_POST
@login_required
def report_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the report aside; nothing of it is written."""
    report = access_report(request, pk)
    try:
        domain.report_discard(report, by=request.user)
    except ValidationError as error:
        return review_page(request, report, errors=error.messages, status=400)
    messages.success(
        request,
        gettext("“%(title)s” is discarded; nothing of it was written.") % {"title": report.title},
    )
    return redirect("intake:reports")


@require_POST
@login_required
def report_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the accepted facts to the record, then show the edition they went to."""
    report = access_report(request, pk)
    try:
        edition = domain.report_write(report, by=request.user)
    except ValidationError as error:
        report.refresh_from_db()
        return review_page(request, report, errors=error.messages, status=400)
    messages.success(
        request,
        gettext("The accepted facts of “%(title)s” are written to the %(edition)s.")
        % {"title": report.title, "edition": edition_name(edition)},
    )
    return redirect(edition.get_absolute_url())
