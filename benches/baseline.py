#!/usr/bin/env python3
"""The scripted baseline: what a fact-checker would otherwise write.

Reads `claimdiff rules --expanded` output (CLAIM_ID<TAB>REGEX), applies every pattern to
every article body with Python's `re`, and groups the captured values by claim. No context
words, no normalisation: less work than claimdiff does, so the ratio is conservative.

usage: baseline.py RULES.tsv ARTICLES_DIR
"""
import json
import os
import re
import sys
from collections import defaultdict


def load_rules(path):
    rules = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            claim, regex = line.rstrip("\n").split("\t", 1)
            rules.append((claim, re.compile(to_python(regex))))
    return rules


def to_python(regex):
    """Rewrites the Rust regex syntax the expanded patterns use into Python's `re`."""
    # Python has no (?-u:...) groups; its \b is Unicode-aware, which only matters at
    # non-ASCII letters.
    regex = regex.replace("(?-u:\\b)", "\\b")
    # \x{HHHH} escapes become \uHHHH.
    regex = re.sub(r"\\x\{([0-9a-fA-F]+)\}", lambda m: "\\u%04x" % int(m.group(1), 16), regex)
    # No Unicode classes in `re`. In a class ([\p{L}\p{M}...]) a letter becomes a word
    # character and a mark one of the Latin combining marks; alone, a letter is a word
    # character that is neither a digit nor "_".
    regex = regex.replace("\\p{L}\\p{M}", "\\w\\u0300-\\u036f")
    regex = regex.replace("\\p{L}", "[^\\W\\d_]")
    return regex


def body_of(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def main():
    rules = load_rules(sys.argv[1])
    found = defaultdict(list)
    for root, _dirs, files in sorted(os.walk(sys.argv[2])):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                body = body_of(f.read())
            for claim, regex in rules:
                for m in regex.finditer(body):
                    found[claim].append((name, m.group("value")))
    summary = {claim: len(values) for claim, values in sorted(found.items())}
    json.dump(summary, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
