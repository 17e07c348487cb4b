#!/usr/bin/env python3
"""Append -> Server-Sent Events delivery latency with many subscribers.

usage: live_latency.py HOST PORT PRACTITIONER_TOKEN INTEGRATION_TOKEN [--subscribers 100]
                       [--events 1000] [--rate 200]

Opens N subscribers on GET /events/live (from the next event), then appends `events` single
events at `rate` per second over one keep-alive connection, each to a case stream c0..c63.
For every subscriber and event it records when the frame arrived. Prints
`LIVE measure value` lines: latency from sending the append to delivery (which includes the
durable commit), from the append's acknowledgement to delivery, p50/p99/max in ms, and the
number of deliveries (which must be subscribers x events: none lost).
"""
import argparse, asyncio, os, statistics, time, uuid

BODY = ('{{"eventId":"{id}","type":"ConsentRecorded","occurredAt":"2025-03-04T10:20:00Z","actor":"sw1",'
        '"data":{{"scope":"assessment","givenBy":"parent","givenOn":"2025-03-04"}}}}')


async def subscriber(host, port, token, ready, arrivals, stop):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write((f"GET /events/live HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    assert b" 200 " in head.split(b"\r\n")[0], head
    ready.release()
    pending = b""
    while not stop.is_set():
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        chunk = await reader.readexactly(size + 2)
        now = time.perf_counter()
        pending += chunk[:-2]
        while b"\n\n" in pending:
            frame, pending = pending.split(b"\n\n", 1)
            at = frame.find(b'"eventId":"')
            if at >= 0:
                arrivals.append((frame[at + 11:at + 47].decode(), now))
    writer.close()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("host")
    ap.add_argument("port", type=int)
    ap.add_argument("practitioner")
    ap.add_argument("integration")
    ap.add_argument("--subscribers", type=int, default=100)
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--rate", type=float, default=200)
    a = ap.parse_args()

    ready = asyncio.Semaphore(0)
    stop = asyncio.Event()
    arrivals = []
    tasks = [asyncio.create_task(subscriber(a.host, a.port, a.integration, ready, arrivals, stop)) for _ in range(a.subscribers)]
    for _ in range(a.subscribers):
        await ready.acquire()
    await asyncio.sleep(0.5)

    reader, writer = await asyncio.open_connection(a.host, a.port)
    sent, acked = {}, {}
    interval = 1 / a.rate
    start = time.perf_counter()
    for i in range(a.events):
        target = start + i * interval
        delay = target - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        event_id = str(uuid.uuid4())
        body = BODY.format(id=event_id).encode()
        request = (f"POST /streams/case-c{i % 64} HTTP/1.1\r\nHost: {a.host}\r\nAuthorization: Bearer {a.practitioner}\r\n"
                   f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
        sent[event_id] = time.perf_counter()
        writer.write(request)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        acked[event_id] = time.perf_counter()
        status = head.split(b"\r\n")[0]
        assert b" 201 " in status, head
        length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")][0].split(b":")[1])
        await reader.readexactly(length)
    deadline = time.perf_counter() + 10
    while len(arrivals) < a.subscribers * a.events and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    stop.set()
    for task in tasks:
        task.cancel()
    writer.close()

    from_send = sorted((t - sent[i]) * 1000 for i, t in arrivals if i in sent)
    from_ack = sorted((t - acked[i]) * 1000 for i, t in arrivals if i in acked)

    def pct(values, p):
        return values[min(len(values) - 1, int(p / 100 * len(values)))]

    print(f"LIVE deliveries {len(arrivals)} of {a.subscribers * a.events}")
    print(f"LIVE send_to_delivery_p50_ms {pct(from_send, 50):.3f}")
    print(f"LIVE send_to_delivery_p99_ms {pct(from_send, 99):.3f}")
    print(f"LIVE send_to_delivery_max_ms {from_send[-1]:.3f}")
    print(f"LIVE ack_to_delivery_p50_ms {pct(from_ack, 50):.3f}")
    print(f"LIVE ack_to_delivery_p99_ms {pct(from_ack, 99):.3f}")
    print(f"LIVE append_round_trip_p50_ms {statistics.median((acked[i] - sent[i]) * 1000 for i in sent):.3f}")


asyncio.run(main())
