"""Follow-up in the practice forum, invented so that a newcomer can try it: a work plan whose
items are each the task of one member state, a declaration adopted at a senior officials'
meeting with the commitments marked in its paragraphs, and some of them assessed.

Nothing here happened. The focal points of the demo accounts can report on the items of their own
state and watch the plan's implementation rate change.
"""

from __future__ import annotations

import datetime as dt

from plenary.documents.domain import document_adopt, document_kind_ensure, document_record
from plenary.documents.drafting import version_start
from plenary.documents.enums import AdoptionMethod, DocumentStatus
from plenary.forums.domain import state_ensure
from plenary.forums.models import Forum
from plenary.meetings.domain import meeting_record
from plenary.meetings.enums import MeetingKind, MeetingStatus
from plenary.workplans.domain import (
    commitment_assess,
    commitment_mark,
    item_report,
    work_plan_area_record,
    work_plan_item_record,
    work_plan_record,
)
from plenary.workplans.enums import Compliance, ItemStatus

PLAN_YEAR = 2026
MEETING_DAY = dt.date(2026, 6, 16)
DECLARATION = "Declaration on early warning of the Practice Forum (demo text)"
DECLARATION_TITLES = {
    "en": DECLARATION,
    "ru": "Декларация Учебного форума о раннем оповещении (демонстрационный текст)",
    "ko": "연습 포럼 조기경보 선언 (시연용 문안)",
}
DECLARATION_PARAGRAPHS = {
    "en": [
        "This declaration is invented for the demonstration of Plenary; no forum adopted it.",
        "The participants will share early-warning data on forest fires between their national "
        "services from the start of the next fire season.",
        "The Republic of Korea and the Republic of Kazakhstan will hold a joint seminar on flood "
        "forecasting for the services of all participants.",
    ],
    "ru": [
        "Эта декларация составлена для демонстрации Plenary; ни один форум её не принимал.",
        "Участники будут обмениваться данными раннего оповещения о лесных пожарах между своими "
        "национальными службами с начала следующего пожароопасного сезона.",
        "Республика Корея и Республика Казахстан проведут совместный семинар по прогнозированию "
        "паводков для служб всех участников.",
    ],
    "ko": [
        "이 선언은 Plenary 시연을 위해 만든 것으로 어떤 포럼에서도 채택되지 않았다.",
        "참가자들은 다음 산불 철이 시작될 때부터 각국 관계 기관 사이에 산불 조기경보 자료를 공유한다.",
        "대한민국과 카자흐스탄공화국은 모든 참가국의 관계 기관을 위해 홍수 예보에 관한 공동 세미나를 개최한다.",
    ],
}

# area, items as (number, text, responsible state, report or None as (status, text))
PLAN = [
    (
        "Environment and early warning",
        [
            (
                "1.1",
                "Connect the national fire services to a shared early-warning channel.",
                "KZ",
                (ItemStatus.UNDER_WAY, "Two of the six services are connected (demo report)."),
            ),
            (
                "1.2",
                "Hold a seminar on flood forecasting.",
                "KG",
                (ItemStatus.DONE, "Held in Bishkek with forty participants (demo report)."),
            ),
        ],
    ),
    (
        "Education and training",
        [
            ("2.1", "Prepare a training course for young diplomats.", "KR", None),
            (
                "2.2",
                "Translate the course material into Russian.",
                "UZ",
                (ItemStatus.POSTPONED, "Waiting for the final course material (demo report)."),
            ),
            ("2.3", "Publish the forum's record online in three languages.", "TJ", None),
        ],
    ),
]


def practice_follow_up_load(*, forum: Forum, by=None) -> None:
    """The practice forum's work plan, its adopted declaration and commitments (idempotent)."""
    edition = forum.editions.get(number=1)
    plan = work_plan_record(
        forum=forum,
        year=PLAN_YEAR,
        title=f"{PLAN_YEAR} Work Plan of the Practice Forum (demo)",
        by=by,
    )
    for number, (area_name, items) in enumerate(PLAN, start=1):
        area = work_plan_area_record(plan=plan, number=number, name=area_name, by=by)
        for item_number, text, code, report in items:
            state = state_ensure(code)
            item = work_plan_item_record(
                plan=plan,
                number=item_number,
                area=area,
                text=text,
                responsible_state=state,
                by=by,
            )
            # Reported once; a newcomer's later reports are kept when the demo is loaded again.
            if report is not None and not item.reports.exists():
                status, report_text = report
                item_report(
                    item=item,
                    year=PLAN_YEAR,
                    status=status,
                    text=report_text,
                    reporter_state=state,
                    by=by,
                    today=dt.date(PLAN_YEAR, 12, 31),
                )

    meeting = meeting_record(
        edition=edition,
        title="Senior officials' meeting (demo)",
        kind=MeetingKind.SENIOR_OFFICIALS,
        status=MeetingStatus.HELD,
        date=MEETING_DAY,
        city="Almaty",
        by=by,
    )
    declaration = document_record(
        forum=forum,
        title=DECLARATION,
        kind=document_kind_ensure("Declaration", by=by),
        edition=edition,
        summary="An invented declaration, adopted in the demo so that commitments can be followed.",
        is_demo=True,
        by=by,
    )
    if declaration.status != DocumentStatus.ADOPTED:
        if not declaration.versions.exists():
            version_start(
                declaration, by=by, titles=DECLARATION_TITLES, paragraphs=DECLARATION_PARAGRAPHS
            )
        declaration = document_adopt(
            declaration,
            on=MEETING_DAY,
            method=AdoptionMethod.AT_MEETING,
            at_meeting=meeting,
            by=by,
        )
    members = [state_ensure(code) for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]]
    fires = commitment_mark(
        document=declaration,
        paragraph_number=2,
        text="Share early-warning data on forest fires between the national services.",
        responsible_states=members,
        by=by,
    )
    seminar = commitment_mark(
        document=declaration,
        paragraph_number=3,
        text="Hold a joint seminar on flood forecasting.",
        responsible_states=[state_ensure("KR"), state_ensure("KZ")],
        by=by,
    )
    assessed_on = dt.date(2026, 10, 1)
    for commitment, code, compliance, evidence in [
        (fires, "KZ", Compliance.PARTIAL, "Data shared for one region only (demo assessment)."),
        (fires, "KG", Compliance.FULL, "All regions covered (demo assessment)."),
        (fires, "TM", Compliance.NOT_STARTED, "No exchange yet (demo assessment)."),
        (seminar, "KR", Compliance.FULL, "Seminar held in Seoul (demo assessment)."),
    ]:
        commitment_assess(
            commitment=commitment,
            state=state_ensure(code),
            compliance=compliance,
            assessed_on=assessed_on,
            evidence=evidence,
            by=by,
            today=assessed_on,
        )
