#!/usr/bin/env python3
"""Lists the public declarations of Swift sources that have no `///` doc comment.

    python3 scripts/doc_coverage.py                       # Sources/Ledger and Sources/Projections
    python3 scripts/doc_coverage.py Sources/Ledger        # one module (a file or directory each)
    python3 scripts/doc_coverage.py --summary             # coverage per argument, no listing
    python3 scripts/doc_coverage.py --allow FILE ...      # files whose gaps are reported, not failed

Prints `path:line: declaration` for each undocumented declaration, then one coverage line per
argument, and exits 1 if any declaration outside the allowed files lacks a doc comment.

The rule, deliberately small (standard library only, no Swift toolchain):

- A declaration needs a doc comment when it is `public` or `open` (types, functions,
  initialisers, subscripts, properties, static lets, type aliases, protocols), when it is a
  `case` of a public enum, a requirement of a public protocol, or a member without an access
  modifier in a `public extension`. An `extension` itself needs none; `deinit` needs none.
  Declarations inside function bodies, closures and accessors are never public and are skipped.
- The doc comment is a run of `///` lines or a `/** ... */` block directly above the
  declaration. Attribute lines (`@inlinable`, `@discardableResult`, `@available(...)`) may sit
  between; a blank line or a plain `//` comment may not (Swift would not attach the comment).

Comments and string literals (including multi-line, raw and interpolated ones) are blanked
before braces are counted, so braces inside them do not disturb the scope tracking.
"""

import json
import os
import re
import sys

DECL_KEYWORDS = {
    "func", "init", "deinit", "var", "let", "struct", "class", "enum", "protocol",
    "extension", "actor", "typealias", "subscript", "case", "associatedtype", "operator",
    "precedencegroup", "macro",
}
MODIFIERS = {
    "public", "open", "private", "fileprivate", "internal", "package", "static", "class",
    "final", "override", "mutating", "nonmutating", "lazy", "weak", "unowned", "dynamic",
    "optional", "required", "convenience", "indirect", "nonisolated", "consuming", "borrowing",
    "isolated", "prefix", "postfix", "infix", "distributed",
}
TYPE_KEYWORDS = {"struct", "class", "enum", "protocol", "extension", "actor"}
TOKEN = re.compile(r"@[A-Za-z_][A-Za-z0-9_.]*|[A-Za-z_][A-Za-z0-9_]*|\S")


def sanitize(text):
    """Returns (code_lines, doc_lines): each line's code with comments and string contents
    blanked, and whether the line belongs to a doc comment (`///` or `/** */`)."""
    code = []
    doc = set()
    line = 0
    out = []
    i = 0
    n = len(text)
    # Each entry of `stack` is a string context being read:
    # ("string", multiline, hashes) or ("interp", paren_depth, hashes_of_string).
    stack = []
    block_depth = 0
    block_is_doc = False

    while i < n:
        ch = text[i]
        if ch == "\n":
            code.append("".join(out))
            out = []
            if block_depth and block_is_doc:
                doc.add(line + 1)
            line += 1
            i += 1
            continue
        if block_depth:
            if text.startswith("/*", i):
                block_depth += 1
                i += 2
            elif text.startswith("*/", i):
                block_depth -= 1
                i += 2
            else:
                i += 1
            out.append(" ")
            continue
        top = stack[-1] if stack else None
        if top is not None and top[0] == "string":
            _, multiline, hashes = top
            closing = ('"""' if multiline else '"') + "#" * hashes
            if text.startswith(closing, i):
                stack.pop()
                out.append('"' + " " * (len(closing) - 1))
                i += len(closing)
                continue
            escape = "\\" + "#" * hashes
            if text.startswith(escape, i):
                j = i + len(escape)
                if j < n and text[j] == "(":
                    stack.append(("interp", 1, hashes))
                    out.append(" " * (j + 1 - i))
                    i = j + 1
                    continue
                # Skip the escape and the character it escapes (a quote, a backslash, ...).
                if j < n and text[j] != "\n":
                    j += 1
                out.append(" " * (j - i))
                i = j
                continue
            out.append(" ")
            i += 1
            continue
        # Code (top level or inside an interpolation).
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            if text.startswith("///", i) and not text.startswith("////", i) and not "".join(out).strip():
                doc.add(line)
            out.append(" " * (end - i))
            i = end
            continue
        if text.startswith("/*", i):
            block_is_doc = text.startswith("/**", i) and not text.startswith("/**/", i) and not "".join(out).strip()
            if block_is_doc:
                doc.add(line)
            block_depth = 1
            out.append("  ")
            i += 2
            continue
        m = re.match(r'(#*)("""|")', text[i:i + 64])
        if m and (m.group(1) == "" or ch == "#"):
            hashes = len(m.group(1))
            multiline = m.group(2) == '"""'
            stack.append(("string", multiline, hashes))
            out.append('"' + " " * (m.end() - 1))
            i += m.end()
            continue
        if top is not None and top[0] == "interp":
            if ch == "(":
                stack[-1] = ("interp", top[1] + 1, top[2])
            elif ch == ")":
                if top[1] == 1:
                    stack.pop()
                    out.append(" ")
                    i += 1
                    continue
                stack[-1] = ("interp", top[1] - 1, top[2])
        out.append(ch)
        i += 1
    code.append("".join(out))
    return code, doc


def parse_declaration(code_line):
    """The declaration a line starts, as (keyword, modifiers, name), or None."""
    tokens = TOKEN.findall(code_line)
    k = 0
    # Leading attributes, each possibly with a parenthesised argument list.
    while k < len(tokens) and tokens[k].startswith("@"):
        k += 1
        if k < len(tokens) and tokens[k] == "(":
            depth = 0
            while k < len(tokens):
                if tokens[k] == "(":
                    depth += 1
                elif tokens[k] == ")":
                    depth -= 1
                    if depth == 0:
                        k += 1
                        break
                k += 1
    modifiers = []
    while k < len(tokens):
        token = tokens[k]
        if token == "class" and k + 1 < len(tokens) and tokens[k + 1] in DECL_KEYWORDS | MODIFIERS:
            modifiers.append(token)
            k += 1
            continue
        if token in MODIFIERS and token != "class":
            modifiers.append(token)
            k += 1
            # private(set), nonisolated(unsafe), ...
            if k + 2 < len(tokens) and tokens[k] == "(" and tokens[k + 2] == ")":
                modifiers[-1] += "(" + tokens[k + 1] + ")"
                k += 3
            continue
        break
    if k >= len(tokens) or tokens[k] not in DECL_KEYWORDS:
        return None
    keyword = tokens[k]
    name = tokens[k + 1] if k + 1 < len(tokens) else ""
    return keyword, modifiers, name


def is_attribute_line(code_line):
    stripped = code_line.strip()
    if not stripped.startswith("@"):
        return False
    return parse_declaration(stripped) is None


def has_access(modifiers, levels):
    return any(m in levels for m in modifiers)


def scan(path):
    """Yields (line_number, declaration_text, documented) for each public declaration."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    originals = text.split("\n")
    code, doc = sanitize(text)
    # Scope stack entries: ("type", keyword, public, extension_public) or ("code",).
    scopes = []
    header = None  # the declaration whose `{` is awaited: (keyword, public, extension_public)
    for number, line in enumerate(code):
        stripped = line.strip()
        decl = parse_declaration(stripped) if stripped else None
        in_type = not scopes or scopes[-1][0] == "type"
        if decl is not None and in_type:
            keyword, modifiers, name = decl
            parent = scopes[-1] if scopes else None
            explicit_public = has_access(modifiers, {"public", "open"})
            explicit_other = has_access(modifiers, {"private", "fileprivate", "internal", "package"})
            public = explicit_public
            if parent is not None and not explicit_other and not explicit_public:
                _, parent_keyword, parent_public, extension_public = parent
                if keyword == "case" and parent_keyword == "enum" and parent_public:
                    public = True
                elif parent_keyword == "protocol" and parent_public:
                    public = True
                elif parent_keyword == "extension" and extension_public:
                    public = True
            if keyword == "extension":
                header = ("extension", False, explicit_public)
            elif keyword in TYPE_KEYWORDS:
                header = (keyword, public, False)
            else:
                header = (keyword, False, False)
            if public and keyword not in ("extension", "deinit"):
                above = number - 1
                while above >= 0 and is_attribute_line(code[above]) and above not in doc:
                    above -= 1
                documented = above >= 0 and above in doc
                yield number + 1, originals[number].strip(), documented
        for ch in line:
            if ch == "{":
                if header is not None and header[0] in TYPE_KEYWORDS and (not scopes or scopes[-1][0] == "type"):
                    scopes.append(("type",) + header)
                else:
                    scopes.append(("code",))
                header = None
            elif ch == "}":
                if scopes:
                    scopes.pop()
                header = None
            elif ch == ";":
                header = None


def swift_files(target):
    if os.path.isfile(target):
        return [target]
    found = []
    for root, dirs, files in os.walk(target):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".swift"):
                found.append(os.path.join(root, name))
    return found


def main(argv):
    summary = "--summary" in argv
    as_json = "--json" in argv
    allowed = set()
    targets = []
    k = 0
    args = [a for a in argv if a not in ("--summary", "--json")]
    while k < len(args):
        if args[k] == "--allow":
            k += 1
            while k < len(args) and not args[k].startswith("--"):
                allowed.add(os.path.normpath(args[k]))
                k += 1
            continue
        if args[k] in ("-h", "--help"):
            print(__doc__)
            return 0
        targets.append(args[k])
        k += 1
    if not targets:
        # The package's modules, named relative to its root wherever this is run from.
        os.chdir(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        targets = [os.path.join("Sources", m) for m in ("Ledger", "Projections")]
    failed = False
    report = []
    totals = []
    for target in targets:
        total = documented = 0
        for path in swift_files(target):
            exempt = any(os.path.normpath(path).endswith(a) for a in allowed)
            for number, text, ok in scan(path):
                total += 1
                documented += ok
                if not ok:
                    report.append({"file": path, "line": number, "declaration": text, "allowed": exempt})
                    failed = failed or not exempt
        totals.append((target, documented, total))
    if as_json:
        print(json.dumps({"undocumented": report,
                          "coverage": [{"target": t, "documented": d, "total": n} for t, d, n in totals]}, indent=1))
    else:
        if not summary:
            for row in report:
                note = "  (allowed for now)" if row["allowed"] else ""
                print(f"{row['file']}:{row['line']}: {row['declaration']}{note}")
        for target, d, n in totals:
            percent = 100.0 * d / n if n else 100.0
            print(f"{target}: {d}/{n} public declarations documented ({percent:.1f}%)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
