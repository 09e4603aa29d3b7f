import json, random, re, zipfile, glob
random.seed(20261123)
trig = re.compile(r"((?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|محرم|صفر|ربيع|جمادى|رجب|شعبان|رمضان|شوال|القعدة|الحجة|السبت|الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|أمس|اليوم|غدا|الماضي|المقبل|القادم|الجاري|الحالي|مطلع|منتصف|نهاية|أواخر|بداية|لمدة)(?!\w)|(?<!\d)(?:19|20)\d\d(?!\d)|(?:قبل|منذ|خلال|مدار|مدى) (?:\S+ )?(?:يوم|يومين|أيام|أسبوع|أسبوعين|شهر|شهرين|أشهر|عام|عامين|أعوام|سنة|سنتين|سنوات))")
arts=[]
for z in sorted(glob.glob("/work/shared/data/news/saudinewsnet/*.zip")):
    with zipfile.ZipFile(z) as zf:
        for n in zf.namelist():
            if n.endswith(".json"):
                arts += [(a, n) for a in json.loads(zf.read(n))]
random.shuffle(arts)
out=[]
for a,n in arts[:400]:
    c=" ".join((a.get("content") or "").split())
    pub=(a.get("date_extracted") or "")[:10]
    hits=[m for m in trig.finditer(c)]
    random.shuffle(hits)
    used=0
    for m in hits[:2]:
        s=max(0,m.start()-70); e=min(len(c),m.end()+60)
        out.append({"pub":pub,"url":a.get("url"),"excerpt":c[s:e],"trigger":m.group(0)})
        used+=1
    if len(out)>=300: break
json.dump(out,open("/tmp/tdev/cands.json","w"),ensure_ascii=False)
print(len(out))
