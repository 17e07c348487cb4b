#!/usr/bin/env python3
"""Check real HTTP responses of `ledgerd serve` against schemas/openapi.yaml.

usage: validate_http.py [--spec FILE] [--all-operations] EXCHANGES.json

EXCHANGES.json is a JSON array of {"method", "path", "status", "contentType", "body"}: what a
test sent (method, and the path as requested, query included) and what came back. For each
exchange the path must match one of the document's paths, the method one of its operations,
the status one of the operation's documented responses, the content type one of that
response's media types, and the body (parsed as JSON for JSON media types) must validate
against that media type's schema (OpenAPI 3.1 / JSON Schema 2020-12, formats asserted,
external `$ref`s to the contract and view schemas resolved from the files beside the
document).

The document itself is validated first (openapi-spec-validator). With --all-operations,
every operation in the document must have been exercised by at least one exchange.

Prints `ok METHOD PATH STATUS` per exchange; on failure names the exchange and the reason on
stderr and exits 1 (2 for unusable arguments).
"""
import argparse, json, pathlib, re, sys

import yaml
from jsonschema import Draft202012Validator
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry
from referencing.jsonschema import DRAFT202012

METHODS = ("get", "post", "put", "patch", "delete")


def pointer_get(document, pointer):
    node = document
    for part in pointer.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


def escape(segment):
    return segment.replace("~", "~0").replace("/", "~1")


def resolve_local(document, node, pointer):
    """Follows local `$ref`s (responses, parameters) to the object and its pointer."""
    while isinstance(node, dict) and "$ref" in node and node["$ref"].startswith("#/"):
        pointer = node["$ref"][1:]
        node = pointer_get(document, pointer)
    return node, pointer


def template_regex(template):
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


def build_registry(spec_path, document):
    base = spec_path.resolve().as_uri()
    resources = [(base, DRAFT202012.create_resource(document))]
    for schema_file in sorted(spec_path.parent.rglob("*.schema.json")):
        contents = json.loads(schema_file.read_text())
        resource = DRAFT202012.create_resource(contents)
        resources.append((schema_file.resolve().as_uri(), resource))
        if "$id" in contents:
            resources.append((contents["$id"], resource))
    return base, Registry().with_resources(resources)


def sse_events(body):
    """The events of a text/event-stream body, as the HTML standard dispatches them: fields
    gathered up to a blank line, comments skipped, an event only when it has data; a `retry`
    travels with the next event dispatched."""
    events, fields, data = [], {}, []
    for line in body.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if line == "":
            if data:
                events.append({**fields, "data": "\n".join(data)})
                fields, data = {}, []
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if name == "data":
            data.append(value)
        elif name == "retry" and value.isdigit():
            fields["retry"] = int(value)
        elif name in ("id", "event"):
            fields[name] = value
    return events


def json_text(text):
    try:
        json.loads(text)
        return True
    except ValueError:
        return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", default=str(pathlib.Path(__file__).resolve().parent.parent / "schemas" / "openapi.yaml"))
    parser.add_argument("--all-operations", action="store_true")
    parser.add_argument("exchanges")
    args = parser.parse_args()
    spec_path = pathlib.Path(args.spec)
    try:
        document = yaml.safe_load(spec_path.read_text())
        exchanges = json.loads(pathlib.Path(args.exchanges).read_text())
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(f"validate_http: {error}", file=sys.stderr)
        return 2
    try:
        validate_spec(document, base_uri=spec_path.resolve().as_uri())
    except Exception as error:  # the validator raises several types; any is a broken document
        print(f"validate_http: {spec_path} is not a valid OpenAPI document: {error}", file=sys.stderr)
        return 1
    base, registry = build_registry(spec_path, document)
    templates = [(template, template_regex(template)) for template in document["paths"]]
    # Literal paths win over templated ones (/events/live over /streams/{stream} style clashes).
    templates.sort(key=lambda t: t[0].count("{"))
    exercised = set()
    failures = 0
    for number, exchange in enumerate(exchanges, 1):
        method, path, status = exchange["method"].lower(), exchange["path"], str(exchange["status"])
        label = f"#{number} {method.upper()} {path} {status}"

        def fail(reason):
            nonlocal failures
            failures += 1
            print(f"FAIL {label}: {reason}", file=sys.stderr)

        bare = path.split("?", 1)[0]
        template = next((t for t, regex in templates if regex.match(bare)), None)
        if template is None:
            fail("no path of the document matches")
            continue
        operation = document["paths"][template].get(method)
        if operation is None:
            fail(f"{template} has no {method.upper()} operation")
            continue
        exercised.add((method, template))
        responses = operation.get("responses", {})
        if status not in responses:
            fail(f"status {status} is not documented for {method.upper()} {template} (documented: {sorted(responses)})")
            continue
        response, pointer = resolve_local(
            document, responses[status], f"/paths/{escape(template)}/{method}/responses/{status}")
        content = response.get("content")
        if not content:
            continue
        media = exchange.get("contentType", "").split(";")[0].strip()
        if media not in content:
            fail(f"content type {media!r} is not documented (documented: {sorted(content)})")
            continue
        body = exchange.get("body", "")
        if media == "text/event-stream":
            # The schema is each event's (OpenAPI 3.2's itemSchema, as schemathesis reads it).
            instances = sse_events(body)
            if not instances:
                fail("the event stream holds no event")
                continue
            bad = next((e for e in instances if not json_text(e.get("data", ""))), None)
            if bad is not None:
                fail(f"an event's data is not JSON: {bad.get('data', '')[:120]!r}")
                continue
        elif media.endswith("json"):
            try:
                instances = [json.loads(body)]
            except ValueError as error:
                fail(f"body is not JSON: {error}")
                continue
        else:
            instances = [body]
        schema_pointer = f"{pointer}/content/{escape(media)}/schema"
        validator = OAS31Validator(
            {"$ref": f"{base}#{schema_pointer}"}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)
        errors = [error for instance in instances for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))]
        if errors:
            error = errors[0]
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            fail(f"body does not match {schema_pointer} at {where}: {error.message[:300]}")
            continue
        print(f"ok {method.upper()} {path} {status}")
    if args.all_operations:
        for template, item in document["paths"].items():
            for method in METHODS:
                if method in item and (method, template) not in exercised:
                    failures += 1
                    print(f"FAIL {method.upper()} {template}: never exercised", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
