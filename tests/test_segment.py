"""Sentence splitting: abbreviations, numbers, quotations, broken input."""
import pytest

from analysis.text.segment import count_words, split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. and China met on Jan. 5 with Dr. Lee. He left at 4:34 pm.",
     ["The U.S. and China met on Jan. 5 with Dr. Lee.", "He left at 4:34 pm."]),
    ("The talks lasted 5.5 hours. Both sides spoke.", ["The talks lasted 5.5 hours.", "Both sides spoke."]),
    ("“Is it over?” she asked. “No.”", ["“Is it over?” she asked.", "“No.”"]),
    ("He said “we will see.” Then he left.", ["He said “we will see.”", "Then he left."]),
    # A quotation running over three sentences is split inside, and the cue stays with its sentence.
    ("“We were not talking. Now we are. We have groups,” the minister said. “Early days.”",
     ["“We were not talking.", "Now we are.", "We have groups,” the minister said.", "“Early days.”"]),
    ('"Straight quotes work. They do," she said.', ['"Straight quotes work.', 'They do," she said.']),
    # Broken input: a stray full stop before a lower-case word, and a lone full stop.
    ("The sides agreed on bilateral talks. between the two powers.", ["The sides agreed on bilateral talks. between the two powers."]),
    ("He spoke on Wednesday. .", ["He spoke on Wednesday. ."]),
    # An unbalanced quotation mark does not swallow the rest of the paragraph.
    ("“We are working. And more. Then he stopped.", ["“We are working.", "And more.", "Then he stopped."]),
    ("No final full stop here", ["No final full stop here"]),
])
def test_split_sentences(text, expected):
    assert sents(text) == expected


def test_offsets_exclude_surrounding_space():
    text = "  One sentence.   Two sentences.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One sentence.", "Two sentences."]
    assert spans[0][0] == 2


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("   ") == []


@pytest.mark.parametrize("text, n", [("", 0), ("It’s a work-in-progress.", 3), ("U.S. talks, 5.5 hours at 4:34 pm", 7), ("Xi’s “core interests”", 3)])
def test_count_words(text, n):
    assert count_words(text) == n


# Abbreviations never end a sentence inside a word, nor after a title; "U.S." may end one when the
# next word starts a new sentence (the segmenter's decision, kept). Texts in the shape of readouts.
@pytest.mark.parametrize("text, expected", [
    ("History always moves forward, and China-U.S. relations will move forward as well.",
     ["History always moves forward, and China-U.S. relations will move forward as well."]),
    ("The China-U.S. relationship is at a crossroads. Both sides know it.",
     ["The China-U.S. relationship is at a crossroads.", "Both sides know it."]),
    ("Xi told the U.S. President that China-U.S. ties must be stabilized.",
     ["Xi told the U.S. President that China-U.S. ties must be stabilized."]),
    ("The China–U.S. talks, with an en dash, ran late.", ["The China–U.S. talks, with an en dash, ran late."]),
    ("“China-U.S. cooperation benefits the world,” Wang said.", ["“China-U.S. cooperation benefits the world,” Wang said."]),
    ("U.S.-China trade fell last year. Exports recovered.", ["U.S.-China trade fell last year.", "Exports recovered."]),
    ("He criticized the U.S.-led bloc. Nothing else was said.", ["He criticized the U.S.-led bloc.", "Nothing else was said."]),
    ("They met in the U.S. Then they left.", ["They met in the U.S.", "Then they left."]),
    ("The U.S. Secretary of State arrived on Sunday.", ["The U.S. Secretary of State arrived on Sunday."]),
    ("The delegation flew to Washington, D.C. The visit lasted two days.",
     ["The delegation flew to Washington, D.C.", "The visit lasted two days."]),
    ("Officials from the U.K., the E.U. and the U.N. attended.", ["Officials from the U.K., the E.U. and the U.N. attended."]),
    ("The call began at 9 a.m. and ended at 11:30 a.m. Beijing time.",
     ["The call began at 9 a.m. and ended at 11:30 a.m. Beijing time."]),
    ("They spoke at 8 p.m. EST, a spokesperson said.", ["They spoke at 8 p.m. EST, a spokesperson said."]),
    ("The talks opened at 9 a.m. The mood was tense.", ["The talks opened at 9 a.m.", "The mood was tense."]),
    ("They spoke on Jan. 12 and again on Sept. 3.", ["They spoke on Jan. 12 and again on Sept. 3."]),
    ("Gov. Newsom met Vice President Han Zheng, and Sen. Schumer met Rep. McCaul.",
     ["Gov. Newsom met Vice President Han Zheng, and Sen. Schumer met Rep. McCaul."]),
    ("Gen. Li spoke with Adm. Aquilino, Lt. Col. Kim and Dr. Chen.",
     ["Gen. Li spoke with Adm. Aquilino, Lt. Col. Kim and Dr. Chen."]),
    # "Amb." is not in the segmenter's own list: the title rule keeps the sentence whole.
    ("The readout thanked Amb. Burns for his work.", ["The readout thanked Amb. Burns for his work."]),
    ("AMB. BURNS: Thank you all for coming.", ["AMB. BURNS: Thank you all for coming."]),
    ("Mr. Blinken and Ms. Mao met Mrs. Lee at St. Regis.", ["Mr. Blinken and Ms. Mao met Mrs. Lee at St. Regis."]),
    ("Climate is the No. 1 item. No. 2 is trade.", ["Climate is the No. 1 item.", "No. 2 is trade."]),
    # "No." and "Jan." before a word may end a sentence.
    ("Asked if talks would resume, he said no. The call ended.",
     ["Asked if talks would resume, he said no.", "The call ended."]),
    ("They last met in Jan. The next meeting is in May.", ["They last met in Jan.", "The next meeting is in May."]),
    ("The PRC-U.S. Joint Working Group met. It agreed on steps.",
     ["The PRC-U.S. Joint Working Group met.", "It agreed on steps."]),
])
def test_abbreviations(text, expected):
    assert sents(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("中美关系很重要。双方同意继续沟通！这是真的吗？是的。", ["中美关系很重要。", "双方同意继续沟通！", "这是真的吗？", "是的。"]),
    ("王毅说：“中美关系很重要。”双方同意。", ["王毅说：“中美关系很重要。”", "双方同意。"]),
    ("王毅说：「双方应当相向而行。」会谈结束。", ["王毅说：「双方应当相向而行。」", "会谈结束。"]),
    # A closing mark after a sentence end goes with the sentence it closes.
    ("他强调：『美方必须停止！』会见结束。", ["他强调：『美方必须停止！』", "会见结束。"]),
    ("双方同意；继续沟通。然后离开？", ["双方同意；继续沟通。", "然后离开？"]),
    # A Chinese sentence inside an English paragraph splits at 。 too.
    ("Wang spoke first. 王毅说，中美关系很重要。双方同意继续沟通。 Then Blinken replied.",
     ["Wang spoke first.", "王毅说，中美关系很重要。", "双方同意继续沟通。", "Then Blinken replied."]),
])
def test_chinese_sentence_ends(text, expected):
    assert sents(text) == expected


def test_every_abbreviation_of_the_list_is_one_word_and_of_a_known_kind():
    from analysis.text.segment import ABBREVIATION_KINDS, abbreviations
    from analysis.text.tokens import tokenize

    table = abbreviations()
    assert set(table) == set(ABBREVIATION_KINDS)
    for entry in table["initialism"] + table["time"]:
        assert tokenize(entry) == [entry.lower()], entry
    for entry in table["zone"]:
        assert sents(f"The call began at 9 a.m. {entry} on Monday.") == [f"The call began at 9 a.m. {entry} on Monday."]
    for entry in table["title"]:
        assert sents(f"They thanked {entry} Lee for the visit.") == [f"They thanked {entry} Lee for the visit."], entry
    for entry in table["before_number"]:
        assert sents(f"It was {entry} 4 when they met.") == [f"It was {entry} 4 when they met."], entry


def test_offsets_still_index_the_paragraph():
    text = "And China-U.S. ties grew. 他说：『好！』 Then Amb. Burns left."
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["And China-U.S. ties grew.", "他说：『好！』", "Then Amb. Burns left."]
