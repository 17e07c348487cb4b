#!/usr/bin/env python3
"""Use a client generated from schemas/openapi.yaml by openapi-python-client against a daemon.

usage: generated_client_check.py --client DIR --url URL --practitioner TOKEN --manager TOKEN
                                 --integration TOKEN --case CASE_ID

DIR is the generated package (`openapi-python-client generate --meta none --output-path DIR`).
The ledger must hold CASE_ID, opened by the practitioner the practitioner token is bound to
(`sw1`), and overdue actions the manager token sees. Through the generated client only (its
models, its operations, its configured httpx client for the event stream), it:

1. appends a ConsentRecorded whose occurredAt is a datetime with a +01:00 offset, as
   Python's isoformat() writes it: 201, and the ledger records it in UTC;
2. retries it: 200, `duplicate`, the same positions; and the same instant spelt in UTC is
   the same event (200 again);
3. reads the case (`CaseView`) and the stream (typed recorded events);
4. queries /views/overdue with filters (agency, on, knownAt with an offset);
5. tails /events/live from the appended seq, filtered by type, and finds the event.

Prints one line per step; exits 1 naming the first step that failed.
"""
import argparse, datetime as dt, importlib, json, pathlib, sys, uuid


def fail(step, message):
    print(f"generated client: {step}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    for name in ("client", "url", "practitioner", "manager", "integration", "case"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    package = pathlib.Path(args.client).resolve()
    sys.path.insert(0, str(package.parent))
    client_module = importlib.import_module(package.name)
    models = importlib.import_module(package.name + ".models")
    append = importlib.import_module(package.name + ".api.events.append")
    read_stream = importlib.import_module(package.name + ".api.events.read_stream")
    live_events = importlib.import_module(package.name + ".api.events.live_events")
    case_state = importlib.import_module(package.name + ".api.views.case_state")
    overdue_actions = importlib.import_module(package.name + ".api.views.overdue_actions")

    def client(token):
        return client_module.AuthenticatedClient(base_url=args.url, token=token, raise_on_unexpected_status=True)

    practitioner, manager, integration = client(args.practitioner), client(args.manager), client(args.integration)
    stream = "case-" + args.case

    # 1. Append with an offset, as generated clients send datetimes.
    plus_one = dt.timezone(dt.timedelta(hours=1))
    request = models.ConsentRecordedRequest(
        event_id=str(uuid.uuid4()),
        type_=models.ConsentRecordedRequestType("ConsentRecorded"),
        occurred_at=dt.datetime(2025, 3, 5, 11, 0, tzinfo=plus_one),
        actor="sw1",
        data=models.ConsentRecordedData(
            scope=models.ConsentRecordedDataScope("assessment"),
            given_by=models.ConsentRecordedDataGivenBy("parent"),
            given_on=dt.date(2025, 3, 5),
        ),
    )
    sent = request.to_dict()["occurredAt"]
    if not sent.endswith("+01:00"):
        fail("append", f"the generated model sent occurredAt {sent!r}, not an offset")
    response = append.sync_detailed(stream=stream, client=practitioner, body=request)
    if response.status_code != 201:
        fail("append", f"{response.status_code} {response.content!r}")
    outcome = response.parsed
    if not isinstance(outcome, models.AppendOutcome) or outcome.seq < 1:
        fail("append", f"unexpected answer {outcome!r}")
    print(f"append: 201 seq {outcome.seq} version {outcome.version} (occurredAt sent as {sent})")

    # 2. Retries: the same request, then the same instant spelt in UTC.
    for label, retry in (("retry", request), ("retry in UTC", None)):
        if retry is None:
            retry = models.ConsentRecordedRequest.from_dict(request.to_dict())
            retry.occurred_at = request.occurred_at.astimezone(dt.timezone.utc)
        response = append.sync_detailed(stream=stream, client=practitioner, body=retry)
        again = response.parsed
        if response.status_code != 200 or again.duplicate is not True or (again.seq, again.version) != (outcome.seq, outcome.version):
            fail(label, f"{response.status_code} {response.content!r}")
        print(f"{label}: 200 duplicate seq {again.seq}")

    # 3. The case and its stream.
    response = case_state.sync_detailed(case_id=args.case, client=practitioner)
    view = response.parsed
    if response.status_code != 200 or not isinstance(view, models.CaseView) or view.case_id != args.case:
        fail("case", f"{response.status_code} {response.content!r}")
    if not any(c.given_on == dt.date(2025, 3, 5) for c in view.consents):
        fail("case", f"the appended consent is not in {[c.to_dict() for c in view.consents]}")
    print(f"case: 200 {view.case_id} status {view.status} with {len(view.consents)} consents")
    events = read_stream.sync(stream=stream, client=integration)
    recorded = [e for e in events if e.seq == outcome.seq]
    if len(recorded) != 1 or type(recorded[0]).__name__ != "ConsentRecordedEvent":
        fail("stream", f"seq {outcome.seq} not read back as a ConsentRecordedEvent: {events!r}")
    if recorded[0].to_dict()["occurredAt"] != "2025-03-05T10:00:00+00:00":
        fail("stream", f"occurredAt read back as {recorded[0].to_dict()['occurredAt']}")
    print(f"stream: 200 {len(events)} typed events; seq {outcome.seq} recorded at 10:00 UTC")

    # 4. The overdue view, filtered.
    everything = overdue_actions.sync(client=manager)
    if not everything:
        fail("overdue", "the manager sees no overdue actions")
    agency = next((row.owner_agency_id for row in everything if isinstance(row.owner_agency_id, str)), None)
    known_at = dt.datetime.now(dt.timezone(dt.timedelta(hours=-5)))
    response = overdue_actions.sync_detailed(client=manager, agency=agency, on=dt.date.today(), known_at=known_at)
    rows = response.parsed
    if response.status_code != 200 or not rows or any(row.owner_agency_id != agency for row in rows):
        fail("overdue", f"agency={agency}: {response.status_code} {response.content[:300]!r}")
    print(f"overdue: 200 {len(rows)} of {len(everything)} rows for agency {agency} (knownAt {known_at.isoformat()})")

    # 5. The live tail, through the generated operation's request and the client's httpx client.
    kwargs = live_events._get_kwargs(from_=outcome.seq, type_=[models.EventType("ConsentRecorded")])
    with integration.get_httpx_client().stream(**kwargs, timeout=30) as live:
        if live.status_code != 200:
            fail("live", f"{live.status_code}")
        frame = {}
        for line in live.iter_lines():
            if line.startswith("id: "):
                frame["id"] = int(line[4:])
            elif line.startswith("data: "):
                frame["data"] = json.loads(line[6:])
            elif line == "" and "data" in frame:
                break
        event = getattr(models, frame["data"]["type"] + "Event").from_dict(frame["data"])
        if frame.get("id") != outcome.seq or event.seq != outcome.seq or frame["data"]["occurredAt"] != "2025-03-05T10:00:00Z":
            fail("live", f"first frame {frame!r}")
    print(f"live: id {frame['id']} {type(event).__name__} occurredAt {frame['data']['occurredAt']}")


if __name__ == "__main__":
    main()
