"""Throttling, API errors, lost answers and name clashes, against the fake."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from chatapp_lint.sender import Settings, Status, send
from chatapp_lint.sender.lookup import HELD_DIFFERS
from tests.sender.conftest import FakeClock
from tests.sender.fake_cams import CREATE, DETAIL, FakeCams, Fault

pytestmark = pytest.mark.usefixtures("credentials")


def _actions(fake: FakeCams) -> list[str]:
    return [r.action for r in fake.requests]


def test_limit_control_is_retried_with_backoff_then_created(
    fake: FakeCams, settings: Settings, clock: FakeClock, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("limit"), Fault("limit"))
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert _actions(fake) == [CREATE] * 3
    assert len(fake.templates) == 1
    # Equal jitter with random() = 0.5: 3/4 of 0.5 s, then of 1 s.
    assert clock.sleeps == [0.375, 0.75]


def test_limit_control_retries_are_bounded(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, *[Fault("limit")] * 10)
    (outcome,) = send([utility], attrs.evolve(settings, max_retries=2)).outcomes
    assert outcome.status is Status.FAILED
    assert outcome.error_code == "System.LimitControl"
    assert outcome.request_id is not None
    assert outcome.request_id.startswith("FAKE-REQ-")
    assert _actions(fake) == [CREATE] * 3
    assert fake.templates == {}


def test_permission_error_is_reported_and_not_retried(
    fake: FakeCams, settings: Settings, clock: FakeClock, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("error", code="Ram.PermissionDeny"))
    other = {**utility, "Name": "second_template"}
    report = send([utility, other], settings)
    first, second = report.outcomes
    assert first.status is Status.FAILED
    assert first.error_code == "Ram.PermissionDeny"
    assert first.message == "The fake was told to fail."
    assert first.request_id is not None
    assert first.request_id.startswith("FAKE-REQ-")
    assert second.status is Status.CREATED  # one refusal does not stop the batch
    assert _actions(fake) == [CREATE, CREATE]
    assert clock.sleeps == []
    assert not report.ok


def test_an_ok_http_status_with_an_error_code_is_a_failure(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("error", code="Product.Unsubscript", status=200))
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (
        Status.FAILED,
        "Product.Unsubscript",
    )
    assert _actions(fake) == [CREATE]


@pytest.mark.parametrize(
    "fault",
    [Fault("drop"), Fault("slow", delay=2.0)],
    ids=["connection-dropped", "read-timeout"],
)
def test_a_lost_answer_is_looked_up_and_never_duplicated(
    fake: FakeCams, settings: Settings, utility: dict[str, Any], fault: Fault
) -> None:
    fake.fail(CREATE, fault)
    settings = attrs.evolve(settings, timeout=0.2)
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert outcome.via_lookup
    assert _actions(fake) == [CREATE, DETAIL]
    (held,) = fake.templates.values()
    assert outcome.template_code == held["TemplateCode"]
    lookup = fake.of(DETAIL)[0].params
    assert lookup == {
        "TemplateName": utility["Name"],
        "Language": utility["Language"],
        "TemplateType": "WHATSAPP",
    }


def test_a_lost_request_that_never_arrived_is_sent_again(
    fake: FakeCams, settings: Settings, clock: FakeClock, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("drop", perform=False))
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert not outcome.via_lookup
    assert _actions(fake) == [CREATE, DETAIL, CREATE]
    assert len(fake.templates) == 1
    assert len(clock.sleeps) == 1


def test_a_failed_lookup_leaves_the_outcome_unknown_without_creating_again(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("drop"))
    fake.fail(DETAIL, Fault("error", code="Ram.PermissionDeny"))
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.UNKNOWN
    assert outcome.error_code == "Ram.PermissionDeny"
    assert _actions(fake) == [CREATE, DETAIL]


def test_a_lookup_is_itself_retried_when_throttled(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("drop"))
    fake.fail(DETAIL, Fault("limit"))
    (outcome,) = send([utility], settings).outcomes
    assert outcome.status is Status.CREATED
    assert _actions(fake) == [CREATE, DETAIL, DETAIL]


def test_name_exists_is_reported_with_what_the_service_holds(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    send([utility], settings)
    changed = {**utility, "Example": {**utility["Example"], "customerName": "Ana"}}
    (outcome,) = send([changed], settings).outcomes
    assert outcome.status is Status.FAILED
    assert outcome.error_code == "InvalidParameter.TemplateNameExist"
    assert outcome.message is not None
    assert (
        "the service holds TemplateCode tpl000001, Category UTILITY, AuditStatus pass"
        in (outcome.message)
    )
    assert _actions(fake) == [CREATE, CREATE, DETAIL]


def test_name_exists_with_the_same_content_counts_as_held(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    send([utility], settings)
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.template_code) == (Status.EXISTS, "tpl000001")
    assert len(fake.templates) == 1


def test_a_lost_answer_for_a_different_held_template_is_not_counted_as_ours(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    send([{**utility, "Example": {**utility["Example"], "trackingId": "X1"}}], settings)
    key = next(iter(fake.templates))
    held = fake.templates.pop(key)
    fake.fail(CREATE, Fault("drop", perform=False))
    fake.templates[key] = held  # someone else's template appears meanwhile
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (Status.FAILED, HELD_DIFFERS)


def test_the_create_rate_stays_under_fifty_per_second(
    fake: FakeCams, settings: Settings, clock: FakeClock, utility: dict[str, Any]
) -> None:
    templates = [{**utility, "Name": f"bulk_{i:03d}"} for i in range(60)]
    started: list[float] = []
    send(templates, settings, on_outcome=lambda _: started.append(clock.now))
    assert len(fake.of(CREATE)) == 60
    assert sum(clock.sleeps) == pytest.approx(1.0)
    # The 51st create waited for the first one's second to pass.
    assert started[49] == started[0]
    assert started[50] == pytest.approx(started[0] + 1.0)


def test_a_refused_connection_is_retried_without_a_lookup(
    settings: Settings, clock: FakeClock, utility: dict[str, Any]
) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = attrs.evolve(settings, endpoint=f"127.0.0.1:{port}", max_retries=2)
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (
        Status.FAILED,
        "Network.ConnectionRefused",
    )
    assert len(clock.sleeps) == 2  # two retries, and no lookup in between


def test_a_lookup_answering_with_another_template_leaves_it_unknown(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("drop"))
    fake.answer_with_name = "somebody_else"
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (Status.UNKNOWN, "LookupMismatch")
    assert _actions(fake) == [CREATE, DETAIL]


def test_an_error_code_in_an_ok_lookup_answer_leaves_it_unknown(
    fake: FakeCams, settings: Settings, utility: dict[str, Any]
) -> None:
    fake.fail(CREATE, Fault("drop"))
    fake.fail(DETAIL, Fault("error", code="Unknown.ResourceOwnerId", status=200))
    (outcome,) = send([utility], settings).outcomes
    assert (outcome.status, outcome.error_code) == (
        Status.UNKNOWN,
        "Unknown.ResourceOwnerId",
    )
