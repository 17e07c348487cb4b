#!/usr/bin/env python3
"""A workload unlike the demo's: much directory churn and short cases.

usage: Benchmarks/workloads/churn.py [--cases 150000] [--practitioners 6000] [--seed 3] > churn.ndjson

One authority, 60 agencies, `--practitioners` practitioners, then cases of six events each
(opened, consent, CAF started, an action agreed and completed, closed) interleaved with
directory changes (a line manager changed or an agency move every few cases): short streams,
many distinct streams, and the directory's streams touched throughout. Every request is valid
under the ledger's rules, so `ledgerd import` loads it. Standard library only; deterministic
per seed.
"""
import argparse, datetime, json, random, sys, uuid


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=150_000)
    ap.add_argument("--practitioners", type=int, default=6_000)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    clock = datetime.datetime(2024, 1, 1, 8, 0, 0)
    out = sys.stdout

    def emit(stream, type_, data, actor="system:churn-loader"):
        nonlocal clock
        clock += datetime.timedelta(seconds=rng.randint(1, 90))
        event = {
            "eventId": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "stream": stream, "type": type_,
            "occurredAt": clock.strftime("%Y-%m-%dT%H:%M:%SZ"), "actor": actor, "data": data,
        }
        out.write(json.dumps(event, separators=(",", ":")) + "\n")

    def day(offset=0):
        return (clock + datetime.timedelta(days=offset)).strftime("%Y-%m-%d")

    emit("authority-churn", "LocalAuthorityRegistered",
         {"authorityId": "churn", "name": "Churn Borough", "directorOfChildrensServices": "D. Irector"})
    agencies = [f"ag-{i:02d}" for i in range(60)]
    for agency in agencies:
        emit(f"agency-{agency}", "AgencyRegistered",
             {"agencyId": agency, "name": f"Agency {agency}", "authorityId": "churn", "sector": "statutory",
              "service": rng.choice(["health", "education", "social-care", "youth-service", "other"])})
    roles = ["social-worker", "health-visitor", "teacher", "family-support-worker", "youth-worker", "school-nurse"]
    practitioners = []
    for i in range(a.practitioners):
        pid = f"p-{i:05d}"
        emit(f"practitioner-{pid}", "PractitionerRegistered",
             {"practitionerId": pid, "name": f"Practitioner {i}", "agencyId": rng.choice(agencies),
              "role": rng.choice(roles), "lineManagerId": None})
        practitioners.append(pid)
    for n in range(a.cases):
        if n % 3 == 0:
            pid = rng.choice(practitioners)
            if rng.random() < 0.5:
                emit(f"practitioner-{pid}", "PractitionerLineManagerChanged", {"practitionerId": pid, "lineManagerId": None})
            else:
                emit(f"practitioner-{pid}", "PractitionerMovedAgency",
                     {"practitionerId": pid, "agencyId": rng.choice(agencies), "lineManagerId": None})
        case = f"K-{n:07d}"
        stream = f"case-{case}"
        opener, owner = rng.choice(practitioners), rng.choice(practitioners)
        emit(stream, "CaseOpened",
             {"caseId": case, "childId": f"child-{n:07d}", "dateOfBirth": f"{rng.randint(2008, 2023)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
              "gender": rng.choice(["male", "female", "not-stated"]), "ethnicity": rng.choice(["WBRI", "WOTH", "MWBC", "APKN", "BAFR"]),
              "openedOn": day(), "openedBy": opener}, actor=opener)
        emit(stream, "ConsentRecorded", {"scope": "assessment", "givenBy": "parent", "givenOn": day()}, actor=opener)
        emit(stream, "CAFStarted", {"cafId": "caf-1", "assessor": opener, "startedOn": day()}, actor=opener)
        emit(stream, "ActionAgreed",
             {"actionId": "act-1", "description": "Agree a school attendance plan with the family", "owner": {"practitionerId": owner},
              "needId": None, "agreedOn": day(), "dueOn": day(28), "meetingId": None}, actor=opener)
        emit(stream, "ActionCompleted", {"actionId": "act-1", "completedOn": day(), "note": None}, actor=owner)
        emit(stream, "CaseClosed", {"closedOn": day(), "reason": "needs-met"}, actor=opener)


if __name__ == "__main__":
    main()
