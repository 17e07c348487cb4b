#!/usr/bin/env python3
"""Validate views' JSON (what `ledgerd VIEW --format json` prints) against schemas/views/.

usage: validate_views.py [--schemas DIR] [--contract FILE] VIEW=FILE [VIEW=FILE ...]

VIEW names the schema (DIR/VIEW.schema.json, e.g. `case`, `annex-a`); FILE holds one view's
output. Python's jsonschema, Draft 2020-12, formats asserted. Beyond the schema, each output
must be the one line the CLI prints, with no duplicate member names, integers only (views
have no fractions) and members in the documented order (the order of `properties`).

Before any output, the schemas themselves are checked: valid 2020-12 schemas, a `$defs` entry
of the same name is the same in every file, and each enumeration copied from the contract
(`"$comment": "contract: append-request.schema.json#/$defs/…"`) still equals it there.

Prints `ok VIEW FILE` per valid output; on any failure names the file, the failing path and
the reason on stderr and exits 1 (2 for unusable arguments or schemas).
"""
import argparse, json, pathlib, sys

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError, best_match

CONTRACT_PREFIX = "contract: append-request.schema.json#/$defs/"


def ordered_properties(validator, properties, instance, schema):
    """`properties`, plus: the members present appear in the order the schema lists them."""
    yield from Draft202012Validator.VALIDATORS["properties"](validator, properties, instance, schema)
    if validator.is_type(instance, "object"):
        documented = [k for k in properties if k in instance]
        found = [k for k in instance if k in properties]
        if found != documented:
            yield ValidationError(f"members out of order: {found}; documented order {documented}")


OrderedValidator = validators.extend(Draft202012Validator, {"properties": ordered_properties})


class Refused(ValueError):
    pass


def strict_object(pairs):
    names = [k for k, _ in pairs]
    duplicates = sorted({k for k in names if names.count(k) > 1})
    if duplicates:
        raise Refused(f"duplicate member names {duplicates}")
    return dict(pairs)


def not_an_integer(text):
    raise Refused(f"number {text} is not an integer")


def parse_output(text):
    if not text.endswith("\n") or text.count("\n") != 1:
        raise Refused("not exactly one line ending in a newline")
    return json.loads(text, object_pairs_hook=strict_object, parse_float=not_an_integer,
                      parse_constant=not_an_integer)


def pointer(document, path):
    node = document
    for part in path.split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def walk(node, at=""):
    if isinstance(node, dict):
        yield at, node
        for k, v in node.items():
            yield from walk(v, f"{at}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, f"{at}/{i}")


def check_schemas(schemas, contract):
    problems = []
    shared = {}
    for name, schema in schemas.items():
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as error:  # SchemaError
            problems.append(f"{name}: not a valid 2020-12 schema: {error}")
        for def_name, definition in schema.get("$defs", {}).items():
            if def_name in shared and shared[def_name][1] != definition:
                problems.append(f"{name}: $defs/{def_name} differs from {shared[def_name][0]}'s")
            shared.setdefault(def_name, (name, definition))
        for at, node in walk(schema):
            comment = node.get("$comment")
            if isinstance(comment, str) and comment.startswith(CONTRACT_PREFIX):
                try:
                    source = pointer(contract, comment[len(CONTRACT_PREFIX):])
                except (KeyError, IndexError, ValueError):
                    problems.append(f"{name}{at}: {comment} does not exist")
                    continue
                if node.get("enum") != source.get("enum"):
                    problems.append(f"{name}{at}: enum differs from {comment}")
    return problems


def describe(error):
    """The deepest useful error: inside oneOf/anyOf, the branch that came closest."""
    while error.context:
        deeper = best_match(error.context)
        if deeper is None:
            break
        error = deeper
    return f"at {error.json_path}: {error.message[:300]} (schema {'/'.join(map(str, error.schema_path))})"


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schemas", type=pathlib.Path, default=root / "schemas" / "views")
    parser.add_argument("--contract", type=pathlib.Path, default=root / "schemas" / "append-request.schema.json")
    parser.add_argument("outputs", nargs="+", metavar="VIEW=FILE")
    args = parser.parse_args()

    schemas = {p.name[: -len(".schema.json")]: json.loads(p.read_text()) for p in sorted(args.schemas.glob("*.schema.json"))}
    if not schemas:
        sys.exit(f"no *.schema.json in {args.schemas}")
    problems = check_schemas(schemas, json.loads(args.contract.read_text())["$defs"])
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(2)

    checkers = Draft202012Validator.FORMAT_CHECKER
    # Format assertion needs this checker; without it `2026-02-30` would pass silently.
    if "date" not in checkers.checkers:
        sys.exit("jsonschema lacks the 'date' format checker")
    failed = 0
    for argument in args.outputs:
        view, sep, file = argument.partition("=")
        if not sep or view not in schemas:
            sys.exit(f"{argument}: expected VIEW=FILE with VIEW one of {sorted(schemas)}")
        try:
            instance = parse_output(pathlib.Path(file).read_text(encoding="utf-8"))
        except (ValueError, OSError) as error:
            print(f"FAIL {view} {file}: not the view's JSON: {error}", file=sys.stderr)
            failed += 1
            continue
        validator = OrderedValidator(schemas[view], format_checker=checkers)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors[:20]:
            print(f"FAIL {view} {file}: {describe(error)}", file=sys.stderr)
        if errors:
            failed += 1
        else:
            print(f"ok {view} {file}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
