"""Turn hand-labelling decisions over the candidate groups into stories_dev.jsonl.

The decisions below were made by reading each candidate group's titles and leads (see the
"## Stories" section of resources/eval/README.md for the rules). A decision names a candidate
group (as written by sample_candidates.py, whose output is reproducible) and the member
positions that belong to one gold story; several entries under one label merge groups.
Members not named are left out (ambiguous or a different, unlabelled story).

    PYTHONPATH=src python training/stories/sample_candidates.py > /tmp/story_candidates.jsonl
    PYTHONPATH=src python training/stories/build_dev.py /tmp/story_candidates.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from marsad.paths import RESOURCES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_candidates import load_window

ALL = None  # every member of the candidate group
SEED = 7
HELD_SHARE = 0.4

# label -> [(candidate group, member positions or ALL)]
STORIES: dict[str, list[tuple[str, list[int] | None]]] = {
    "bowling-gulf-medals": [("c1", ALL)],
    "zinjibar-liberated": [("c2", ALL), ("c85", ALL)],
    "pellegrini-renewal": [("c3", ALL), ("c69", [0, 1])],
    "asir-mosque-bombing": [
        ("c4", ALL),
        ("c8", ALL),
        ("c61", ALL),
        ("c68", ALL),
        ("c81", ALL),
        ("single", [9, 24, 29, 30]),
    ],
    "google-alphabet": [("c6", ALL)],
    "saudi-fm-moscow-visit": [("c9", ALL), ("single", [63])],
    "saudi-banks-top-1000": [("c10", ALL)],
    "mali-hostages": [("c11", ALL)],
    "yanbu-colors-of-saudi": [("c12", ALL)],
    "jouf-late-salaries": [("c13", ALL)],
    "baha-gifted-classes": [("c14", ALL)],
    "haqbani-us-super-tennis": [("c15", ALL)],
    "zaatari-milk": [("c16", [0, 1, 2, 3, 4, 5, 7, 8])],
    "hafr-harassment-arrest": [("c17", ALL)],
    "laith-literacy-teachers": [("c18", ALL)],
    "ground-services-resignations": [("c19", ALL)],
    "abha-literary-evening": [("c20", ALL)],
    "sixth-relief-plane-aden": [("c21", ALL)],
    "android-monthly-security-updates": [("c23", ALL), ("c29", ALL)],
    "sakina-child-death": [("c24", ALL)],
    "social-research-centre": [("c25", ALL)],
    "engineers-forged-degrees": [("c26", ALL)],
    "jazan-election-zones": [("c27", ALL)],
    "israel-federation-proposal": [("c32", ALL)],
    "di-maria-psg": [("c33", ALL)],
    "candidate-vetting": [("c34", ALL)],
    "mudrika-festival": [("c35", ALL)],
    "pepsi-agent-fine": [("c36", ALL)],
    "bsf-summer-training": [("c37", ALL)],
    "ahli-debts-paid": [("c38", ALL)],
    "match-officials-workshop": [("c39", ALL)],
    "moscow-helicopter-collision": [("c41", ALL)],
    "iraq-22-isis-killed": [("c42", ALL)],
    "bank-of-america-loans": [("c45", ALL)],
    "hadi-meets-advisers": [("c46", ALL)],
    "qadsiah-signs-nassr-keeper": [("c48", ALL)],
    "scouts-peace-mural": [("c49", ALL)],
    "municipal-heads-assigned": [("c51", ALL)],
    "mission-impossible-box-office": [("c52", ALL)],
    "steinmeier-turkey-kurds": [("c53", ALL)],
    "jeddah-school-readiness": [("c55", ALL)],
    "yemeni-wounded-jordan": [("c56", ALL)],
    "toxic-algae-pacific": [("c57", ALL)],
    "kuwait-sport-suspension": [("c60", ALL)],
    "morsi-prison-food": [("c62", ALL)],
    "najran-visiting-student": [("c63", ALL)],
    # hard negative pair: two different fratricides in Taif, days apart
    "taif-brother-shot": [("c65", [0, 1, 2])],
    "taif-brother-stabbed": [("c65", [3, 4, 5, 6])],
    "fahad-oca-presidency": [("c66", ALL)],
    "gifted-summer-camp": [("c67", ALL)],
    "mufti-warns-deviant-group": [("c70", ALL)],
    "tunis-amateur-film": [("c71", ALL)],
    "pepe-injury": [("c73", ALL)],
    "mourinho-renewal": [("c74", [0, 1, 3])],
    "najran-sergeant-killed": [("c75", ALL)],
    "ikea-sweden-stabbing": [("c76", ALL)],
    "mecca-awali-fire": [("c77", ALL)],
    "okaz-market-preparations": [("c78", ALL)],
    "china-stimulus-pressure": [("c79", [0, 1, 3, 4])],
    "umm-al-qura-registration": [("c80", ALL)],
    "eastern-emir-korean-ambassador": [("c82", ALL)],
    "trump-remarks-women": [("c83", ALL)],
    "asir-abaya-workshops": [("c87", ALL)],
    "emerging-markets-outflow": [("c88", ALL)],
    "ittihad-morales-transfer": [("single", [75, 96]), ("window", [5123, 493])],
    # second pass (extend.py): differently worded members and same-topic different stories
    "hadi-forces-near-sanaa": [("window", [6732, 6261, 6682])],
    "stranded-yemenis-returned": [("window", [5484, 4159, 5074, 5890])],
    "iraq-dozens-isis-killed": [("window", [5451, 5040, 4011])],
    "trump-first-debate": [("window", [1508, 2434, 2134])],
    "election-campaign-rules": [("window", [5029, 6398, 6146])],
    "jazan-69-polling-centres": [("window", [5444, 6547])],
    "abha-diesel-bakery": [("window", [6155, 4710, 5084])],
    "municipal-project-offices": [("window", [7224, 5658])],
    "mecca-government-complex-fire": [("window", [4686, 3568])],
    "mourinho-hazard-medics": [("window", [2913])],
    "hadi-meets-un-envoy": [("window", [7141])],
    "hadi-appoints-governors": [("window", [5779])],
    "baha-school-canteens": [("window", [5562])],
    "najran-term-start": [("window", [538])],
    "zaatari-disease-programme": [("window", [3244])],
    "zaatari-psychological-support": [("window", [5181])],
    "qassim-agri-resignation": [("window", [5857])],
}
# second-pass additions to the stories above: window row -> label
WINDOW_ADDITIONS: dict[str, list[int]] = {
    "najran-sergeant-killed": [2551, 3725, 1989],
    "asir-mosque-bombing": [1150, 345, 3233, 2561],
    "pellegrini-renewal": [2519, 2351],
    "android-monthly-security-updates": [1692, 3269, 754],
    "di-maria-psg": [1085, 886],
    "saudi-fm-moscow-visit": [2410, 2866, 2818],
    "engineers-forged-degrees": [240],
    "okaz-market-preparations": [2701, 2271],
    "mourinho-renewal": [312, 959],
    "mali-hostages": [2882, 957, 1273],
    "taif-brother-shot": [3901],
    "haqbani-us-super-tennis": [1834, 496, 2352],
    "yemeni-wounded-jordan": [2905],
    "hadi-meets-advisers": [7018],
    "kuwait-sport-suspension": [5370, 5895],
    "ikea-sweden-stabbing": [4049, 5149],
    "mission-impossible-box-office": [4163],
    "sakina-child-death": [5178, 7039],
    "mecca-awali-fire": [1135],
}
# sampled singletons that are not distractors: assigned above, or ambiguous (reaction pieces
# and columns that may or may not be about a labelled story)
SINGLETONS_LEFT_OUT = {9, 24, 29, 30, 63, 75, 96, 16, 33, 43, 65, 66, 67, 106, 110, 119}


def main(candidates_path: str) -> None:
    rows = [json.loads(line) for line in Path(candidates_path).read_text(encoding="utf-8").splitlines()]
    by_group: dict[str, list[dict]] = {}
    for row in rows:
        by_group.setdefault(row["cand"], []).append(row)
    # "window" positions index the sampled window as load_window() returns it
    by_group["window"] = [{**r, "cand": "window"} for r in load_window()]
    for label, positions in WINDOW_ADDITIONS.items():
        STORIES[label] = [*STORIES[label], ("window", positions)]
    labelled: dict[str, str] = {}
    members: dict[str, dict] = {}
    for label, picks in STORIES.items():
        for group, positions in picks:
            chosen = by_group[group] if positions is None else [by_group[group][i] for i in positions]
            for row in chosen:
                if row["url"] in labelled and labelled[row["url"]] != label:
                    raise SystemExit(f"{row['url']} labelled twice: {labelled[row['url']]} and {label}")
                labelled[row["url"]] = label
                members[row["url"]] = row
    for i, row in enumerate(by_group["single"]):
        if i not in SINGLETONS_LEFT_OUT and row["url"] not in labelled:
            labelled[row["url"]] = f"single-{i:03d}"
            members[row["url"]] = row
    labels = sorted(set(labelled.values()))
    random.Random(SEED).shuffle(labels)
    held = set(labels[: round(len(labels) * HELD_SHARE)])
    out = RESOURCES / "eval" / "stories_dev.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(members.values(), key=lambda r: (r["day"], r["source"], r["url"]))
    with out.open("w", encoding="utf-8") as f:
        for row in ordered:
            label = labelled[row["url"]]
            record = {
                "id": row["url"],
                "cluster": label,
                "split": "held" if label in held else "tune",
                "date": row["day"],
                "source": row["source"],
                "title": row["title"],
                "lead": row["lead"][:300],
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    multi = sum(1 for lab in labels if list(labelled.values()).count(lab) > 1)
    print(
        f"{len(ordered)} articles, {len(labels)} clusters ({multi} multi-article), {len(held)} held",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/story_candidates.jsonl")
