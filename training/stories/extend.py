import json, sys
sys.path.insert(0, "/work/wt-storydev/training/stories")
from sample_candidates import load_window
from sklearn.feature_extraction.text import TfidfVectorizer
from marsad.arabic.normalize import fold
rows = load_window()
dev = [json.loads(l) for l in open("/work/wt-storydev/src/marsad/resources/eval/stories_dev.jsonl")]
inset = {d["id"] for d in dev}
texts = [fold(r["title"] + " " + r["lead"]) for r in rows]
m = TfidfVectorizer(ngram_range=(1, 2), max_df=0.05, sublinear_tf=True).fit_transform(texts)
idx = {r["url"]: i for i, r in enumerate(rows)}
clusters = {}
for d in dev:
    clusters.setdefault(d["cluster"], []).append(idx[d["id"]])
out = []
for lab, mem in clusters.items():
    if len(mem) < 2: continue
    sims = (m[mem] @ m.T).toarray().max(axis=0)
    order = sims.argsort()[::-1]
    picks = [j for j in order if rows[j]["url"] not in inset and 0.10 <= sims[j] < 0.6][:3]
    print("==", lab, "|", rows[mem[0]]["title"][:60])
    for j in picks:
        print(f"   {j} {sims[j]:.2f} {rows[j]['day'][5:]} {rows[j]['source'][:7]} {rows[j]['title'][:80]}")
