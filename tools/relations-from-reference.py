#!/usr/bin/env python3
"""Reads the relations table of ../shared/reference/article-relations.md and
prints it as the RON `relations: [...]` of the built-in dataset, with the
marks that are new events ("+date label") listed on stderr.

One-off help for keeping data/russia-syria.ron true to the reference; the
dataset test compares the two whenever the reference is present."""
import re
import sys

ACTORS = {
    "Russia": "russia",
    "Syria (pre-Assad)": "syria-pre-assad",
    "Syria (Assad government)": "syria-assad-government",
    "Syria (new government)": "syria-new-government",
    "HTS": "hts",
    "Turkey": "turkey",
    "Iran": "iran",
    "SDF/Kurds": "sdf-kurds",
    "United States": "united-states",
    "Syrian rebels": "syrian-rebels",
    "Israel": "israel",
    "Hezbollah": "hezbollah",
    "China": "china",
    "France": "france",
    "Germany": "germany",
}
KINDS = {
    "allied": "Allied",
    "cooperating": "Cooperating",
    "neutral/limited": "Neutral",
    "strained": "Strained",
    "hostile": "Hostile",
}


def ron_str(s):
    if '"' in s or "\\" in s:
        return 'r#"' + s + '"#'
    return '"' + s + '"'


def sources_of(text, earlier):
    out = []
    for part in [p.strip() for p in text.split(" ; ")]:
        urls = re.findall(r"https?://\S+", part)
        if urls:
            url = urls[-1]
            title = part[: part.rfind(url)].strip()
            publisher = None
            m = re.match(r"^(.*\S)\s+\(([^()]*)\)$", title)
            if m and not title.startswith("["):
                title, publisher = m.group(1), m.group(2)
            out.append((title, publisher, url))
            earlier.append((title, publisher, url))
            continue
        name = re.sub(r"\s*\([^()]*as above\)\s*$", "", part).strip()
        found = [s for s in earlier if s[0].startswith(name) or (s[1] or "").startswith(name)]
        if found:
            out.append(found[-1])
        else:
            print(f"no source for {part!r}", file=sys.stderr)
    return out


def main():
    text = open(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/article-relations.md").read()
    rows = [l for l in text.splitlines() if l.startswith("| ") and not l.startswith("| id ")]
    earlier = []
    print("    relations: [")
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split(" | ")]
        if len(cells) != 13:
            print(f"bad row {cells[:1]}", file=sys.stderr)
            continue
        rid, a, b, kind, start, end, _precision, conf, marks, desc, says, srcs, caveat = cells
        provenance = "Context" if "[context]" in rid else "Article"
        rid = rid.split()[0]
        m = re.match(r"^([a-z/]+)(?: \((.*)\))?$", kind)
        kind_name, qualifier = KINDS[m.group(1)], m.group(2)
        start_marks, _, end_marks = marks.partition("→")
        ids = lambda s: re.findall(r"`([a-z0-9-]+)`", s)
        for new in re.findall(r"\+(\d{4}(?:-\d\d){0,2})\s+([^;→]*)", marks):
            print(f"{rid}\t{new[0]}\t{new[1].strip()}", file=sys.stderr)
        print("        (")
        print(f"            id: {ron_str(rid)},")
        print(f"            actors: ({ron_str(ACTORS[a])}, {ron_str(ACTORS[b])}),")
        print(f"            kind: {kind_name},")
        if qualifier:
            print(f"            qualifier: {ron_str(qualifier)},")
        print(f"            start: {ron_str(start)},")
        if end not in ("open", "not assessed"):
            print(f"            end: {ron_str(end)},")
        if end == "not assessed":
            print('            date_note: "The end is not assessed: later strains are not tabulated.",')
        print(f"            confidence: {conf.capitalize()},")
        print(f"            provenance: {provenance},")
        print(f"            summary: {ron_str(desc)},")
        if says not in ("—", "-"):
            print(f"            claim: {ron_str(says)},")
        if caveat not in ("—", "-"):
            print(f"            discrepancy: {ron_str(caveat)},")
        if ids(start_marks):
            print("            start_events: [" + ", ".join(ron_str(i) for i in ids(start_marks)) + "],")
        if ids(end_marks):
            print("            end_events: [" + ", ".join(ron_str(i) for i in ids(end_marks)) + "],")
        src = sources_of(srcs, earlier)
        parts = []
        for title, publisher, url in src:
            p = f"(title: {ron_str(title)}"
            if publisher:
                p += f", publisher: {ron_str(publisher)}"
            p += f", url: {ron_str(url)})"
            parts.append(p)
        print("            sources: [" + ", ".join(parts) + "],")
        print("        ),")
    print("    ],")


main()
