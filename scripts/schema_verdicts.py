#!/usr/bin/env python3
"""Independent verdicts for the contract examples: Python's jsonschema, formats asserted.

usage: schema_verdicts.py SCHEMA EXAMPLES_DIR
Prints one JSON line per example: {"file", "kind" (valid|invalid), "index", "valid": bool}.
The Swift test suite compares these with the ledger's own verdicts.

SCHEMA is append-request.schema.json, or openapi.yaml: then its component AppendRequest
(the API's form: one variant per type, discriminated by `type`) is the schema.
"""
import json, pathlib, sys
from jsonschema import Draft202012Validator

def main():
    path = pathlib.Path(sys.argv[1])
    if path.suffix == ".yaml":
        import yaml
        document = yaml.safe_load(path.read_text())
        # The components beside a reference to one of them, so `#/components/…` resolves.
        schema = {"$ref": "#/components/schemas/AppendRequest", "components": document["components"]}
    else:
        schema = json.loads(path.read_text())
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    # Format assertion needs these checkers; without them date/date-time would pass silently.
    for fmt in ("date", "date-time"):
        if fmt not in validator.format_checker.checkers:
            sys.exit(f"jsonschema lacks the {fmt!r} format checker (pip install rfc3339-validator)")
    for path in sorted(pathlib.Path(sys.argv[2]).glob("*.json")):
        doc = json.loads(path.read_text())
        for kind in ("valid", "invalid"):
            for index, item in enumerate(doc[kind]):
                request = item if kind == "valid" else item["request"]
                ok = validator.is_valid(request)
                print(json.dumps({"file": path.name, "kind": kind, "index": index, "valid": ok}))

if __name__ == "__main__":
    main()
