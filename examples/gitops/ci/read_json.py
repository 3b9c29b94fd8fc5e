#!/usr/bin/env python3
"""Tiny JSON reader for the CI scripts, so they need neither jq nor gh --jq.

  read_json.py get EXPR [FILE]         print EXPR, Python over `d` (the document)
  read_json.py items COND FIELD [FILE] print FIELD of each item `i` for which COND
                                  holds; arrays concatenated one after another
                                  (gh api --paginate prints one per page) are
                                  read as one list
Reads standard input without FILE. Prints nothing, successfully, when no item
matches.
"""
import json
import sys


def documents(text):
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return
        doc, pos = decoder.raw_decode(text, pos)
        yield doc


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    count = 1 if mode == "get" else 2
    text = open(args[count]).read() if len(args) > count else sys.stdin.read()
    if mode == "get":
        print(eval(args[0], {}, {"d": json.loads(text)}))
        return
    for doc in documents(text):
        for i in doc if isinstance(doc, list) else [doc]:
            if eval(args[0], {}, {"i": i}):
                print(i[args[1]])


if __name__ == "__main__":
    main()
