from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.normalize import normalize, normalize_with_map, to_western_digits
from marsad.arabic.sentences import split_sentences
from marsad.arabic.tokens import tokenize


def test_normalize_folds_spelling_variants():
    assert normalize("أمريكا") == normalize("امريكا")
    assert normalize("الدولة") == normalize("الدوله")
    assert normalize("مُسْتَشْفَى") == normalize("مستشفي")
    assert to_western_digits("٢٠٢٣/٨/٨") == "2023/8/8"


def test_normalize_with_map_points_back():
    text = "قالَ أوستن"
    norm, index = normalize_with_map(text)
    i = norm.index("اوستن")
    assert text[index[i] : index[i + len("اوستن") - 1] + 1] == "أوستن"


def test_tokens_and_clitics():
    toks = tokenize("وصل 2,500 جندي إلى بغداد.")
    assert [t.text for t in toks] == ["وصل", "2,500", "جندي", "إلى", "بغداد", "."]
    assert "العراق" in proclitic_variants("وبالعراق")
    assert "العراق" in proclitic_variants("للعراق")


def test_sentences_keep_spans():
    text = 'قال الوزير: "نعم." ثم غادر.\nسطر آخر'
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ['قال الوزير: "نعم."', "ثم غادر.", "سطر آخر"]


def test_fold_of_a_long_text_is_the_character_table():
    # long texts are folded letter by letter with str.replace; it must equal the table
    from marsad.arabic.normalize import _FOLD, fold

    text = "أعلنت وزارة الدفاع إن القوات الأمريكية ستنسحب في ٢٠٢٣ مستشفى ی ک ؤ ئ ٱ آ ۱۲ " * 5
    assert len(text) > 64
    assert fold(text) == text.translate(_FOLD)
    assert fold(text) != text
