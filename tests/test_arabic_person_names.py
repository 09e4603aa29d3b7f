from marsad.arabic.person_names import person_key


def test_spellings_of_one_name_share_a_key_and_other_people_do_not():
    mansour = {
        "عبدالله ال منصور",
        "عبدالله بن دواس ال منصور",
        "عبدالله دواس آل منصور",
        "عبدالله دواس بن حمد آل منصور",
    }
    assert {person_key(name) for name in mansour} == {"عبدالله منصور"}
    assert person_key("عادل الجبير") == person_key("عادل بن أحمد الجبير") == "عادل جبير"
    assert person_key("عادل الجبير") != person_key("عادل المنصور")
    assert person_key("خالد") is None  # one word tells nobody
    assert person_key("آل منصور") is None  # a family, not a person
