from index.symbols import cited_symbols, symbol_from_link


def test_symbols_in_chinese_footnotes():
    assert cited_symbols("S-10/2号决议。") == ["A/RES/S-10/2"]
    assert cited_symbols("(NPT/CONF.1995/32 (Part I)和Corr.2)，附件。") == [
        "NPT/CONF.1995/32 (Part I)",
        "NPT/CONF.1995/32 (Part I)/Corr.2",
    ]
    assert cited_symbols("第一卷(NPT/CONF.2000/28(Parts I和II))。") == ["NPT/CONF.2000/28 (Parts I and II)"]
    assert cited_symbols("第一卷(NPT/CONF.2010/50(Vol.I))，第一部分。") == ["NPT/CONF.2010/50 (Vol. I)"]
    assert cited_symbols("联合国，《条约汇编》，第729卷，第10485号。") == ["UNTS vol. 729, No. 10485"]
    assert cited_symbols("A/45/372和Corr.1及A/50/377和Corr.1。") == [
        "A/45/372",
        "A/45/372/Corr.1",
        "A/50/377",
        "A/50/377/Corr.1",
    ]
    assert cited_symbols("A/51/182/Rev.1。") == ["A/51/182/Rev.1"]
    assert cited_symbols("回顾第62/21号决议") == ["A/RES/62/21"]


def test_symbols_in_english_footnotes():
    assert cited_symbols("See A/61/1028.") == ["A/61/1028"]
    assert cited_symbols("Resolution S-10/2.") == ["A/RES/S-10/2"]
    assert cited_symbols("United Nations, Treaty Series, vol. 729, No. 10485.") == ["UNTS vol. 729, No. 10485"]
    assert cited_symbols("No symbol here, only 2016 and 25 experts.") == []
    assert cited_symbols("A/45/372 and Corr.1 and Corr.2.") == ["A/45/372", "A/45/372/Corr.1", "A/45/372/Corr.2"]
    assert cited_symbols("A/45/372 and A/45/372/Corr.1.") == ["A/45/372", "A/45/372/Corr.1"]  # named in full
    assert cited_symbols("A/51/182/Rev.1 and Add.1.") == ["A/51/182/Rev.1", "A/51/182/Rev.1/Add.1"]


def test_undocs_links_in_both_spellings():
    assert symbol_from_link("http://undocs.org/ch/A/RES/62/21") == "A/RES/62/21"
    assert symbol_from_link("https://undocs.org/zh/A/71/450") == "A/71/450"
    assert symbol_from_link("https://undocs.org/A/RES/71/67") == "A/RES/71/67"
    assert symbol_from_link("https://example.org/page") is None
