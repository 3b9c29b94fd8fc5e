#!/usr/bin/env python3
"""A stand-in for `gh api`, for tests that run the GitOps steps
(examples/gitops/ci/) without GitHub: it answers the few REST calls those
steps make from a JSON file, and records every call.

  GH_STAND_IN=/path/state.json gh api [--paginate] [-X METHOD] PATH [-f k=v | -F k=@file]...

The state file holds what GitHub would know:
  {"comments": {"7": [{"id": 1, "body": "..."}]},  "labels": {"7": ["x"]},
   "issues": [{"number": 100, "title", "body", "state", "labels": [...]}],
   "pulls": {"<merge sha>": {"number": 7, "merged_at": "...", "head_sha": "..."}},
   "runs": {"<head sha>": [12]},  "calls": ["POST repos/o/r/issues/7/comments", ...],
   "next_id": 1}
Tests seed "pulls" and "runs" and read the rest. Unknown calls fail loudly.
"""
import json
import os
import re
import sys
from urllib.parse import parse_qs, unquote, urlsplit


def load():
    path = os.environ["GH_STAND_IN"]
    state = json.load(open(path)) if os.path.exists(path) else {}
    for key, empty in (("comments", {}), ("labels", {}), ("issues", []), ("pulls", {}),
                       ("runs", {}), ("calls", []), ("next_id", 1)):
        state.setdefault(key, empty)
    return path, state


def parse(argv):
    assert argv and argv[0] == "api", f"gh stand-in: only `gh api` is known, not {argv}"
    method, path, fields = "GET", None, {}
    args = iter(argv[1:])
    for a in args:
        if a == "--paginate":
            continue
        if a == "-X":
            method = next(args)
        elif a in ("-f", "-F"):
            key, _, value = next(args).partition("=")
            if a == "-F" and value.startswith("@"):
                value = open(value[1:]).read()
            if key.endswith("[]"):
                fields.setdefault(key[:-2], []).append(value)
            else:
                fields[key] = value
        else:
            path = a
    return method, path, fields


def new_id(state):
    state["next_id"] += 1
    return state["next_id"] - 1


def route(state, method, path, fields):
    url = urlsplit(path)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    p = url.path
    m = re.fullmatch(r"repos/[^/]+/[^/]+/(.*)", p)
    assert m, f"gh stand-in: unknown path {path}"
    rest = m.group(1)
    if m2 := re.fullmatch(r"issues/(\d+)/comments", rest):
        comments = state["comments"].setdefault(m2.group(1), [])
        if method == "GET":
            return comments
        comment = {"id": new_id(state), "body": fields["body"]}
        comments.append(comment)
        return comment
    if m2 := re.fullmatch(r"issues/comments/(\d+)", rest):
        for comments in state["comments"].values():
            for c in comments:
                if c["id"] == int(m2.group(1)) and method == "PATCH":
                    c["body"] = fields["body"]
                    return c
        raise SystemExit(f"gh: HTTP 404 comment {m2.group(1)}")
    if m2 := re.fullmatch(r"issues/(\d+)/labels(?:/(.+))?", rest):
        labels = state["labels"].setdefault(m2.group(1), [])
        if method == "POST":
            labels.extend(x for x in fields["labels"] if x not in labels)
            return labels
        name = unquote(m2.group(2))
        if name not in labels:
            raise SystemExit("gh: HTTP 404 label")
        labels.remove(name)
        return labels
    if rest == "issues":
        if method == "GET":
            return [i for i in state["issues"] if i["state"] == query.get("state", "open")
                    and query.get("labels", "") in i["labels"] + [""]]
        issue = {"number": new_id(state), "title": fields["title"], "body": fields["body"],
                 "state": "open", "labels": fields.get("labels", [])}
        state["issues"].append(issue)
        return issue
    if m2 := re.fullmatch(r"issues/(\d+)", rest):
        issue = next(i for i in state["issues"] if i["number"] == int(m2.group(1)))
        issue.update({k: v for k, v in fields.items() if k in ("body", "state", "title")})
        return issue
    if m2 := re.fullmatch(r"commits/([0-9a-f]+)/pulls", rest):
        pr = state["pulls"].get(m2.group(1))
        return [{"number": pr["number"], "merged_at": pr["merged_at"]}] if pr else []
    if m2 := re.fullmatch(r"pulls/(\d+)", rest):
        pr = next(v for v in state["pulls"].values() if v["number"] == int(m2.group(1)))
        return {"number": pr["number"], "head": {"sha": pr["head_sha"]}}
    if re.fullmatch(r"actions/workflows/[^/]+/runs", rest):
        runs = state["runs"].get(query.get("head_sha", ""), [])
        return {"workflow_runs": [{"id": r} for r in reversed(runs)]}
    raise SystemExit(f"gh stand-in: unknown call {method} {path}")


def main():
    path, state = load()
    method, api_path, fields = parse(sys.argv[1:])
    state["calls"].append(f"{method} {api_path}")
    try:
        answer = route(state, method, api_path, fields)
    finally:
        json.dump(state, open(path, "w"), indent=1)
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
