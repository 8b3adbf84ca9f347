"""Language and word counts: a weak guess is no answer for Latin text; CJK words are counted."""

from __future__ import annotations

import pytest

from extractor.nlp.enrich import is_english
from extractor.text.document import count_words
from extractor.text.extract import TextStage
from extractor.text.language import choose_language

from .conftest import raw_article

NAMES = "\n".join(f"{first} {last}" for first in ("Ana", "Bo", "Chidi") for last in "XYZ") * 30
CHINESE = (
    "中国与沙特阿拉伯签署新的合作协议\n\n"
    "北京电 中国外交部星期五表示，伊朗和沙特阿拉伯在北京举行会谈后同意恢复外交关系。"
    "双方将在两个月内重新开放大使馆。\n\n分析人士说，这一结果显示了中国在中东地区日益增长的外交影响力。"
)


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        pytest.param(NAMES, None, None, id="names-list-unknown"),
        pytest.param(NAMES, "de", "de", id="names-list-declared"),
        pytest.param("The minister met his counterpart in Manama on Thursday. " * 5, None, "en",
                     id="english-confident"),
        pytest.param(CHINESE, None, "zh", id="chinese"),
    ],
)  # fmt: skip
def test_a_weak_guess_gives_way(text: str, declared: str | None, expected: str | None) -> None:
    assert choose_language(text, declared)[0] == expected


def test_a_names_list_is_enriched(inline_stage: TextStage) -> None:
    document = inline_stage.extract(raw_article(NAMES, content_type="text/plain"))
    assert document.language is None
    assert is_english(document)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("Israel and Bahrain signed", 4, id="spaced"),
        pytest.param("中国外交部星期五表示", 10, id="chinese-characters"),
        pytest.param("東京で会談 Tokyo talks", 7, id="mixed"),
        pytest.param("한국 정부는 발표했다", 3, id="hangul-spaced"),
    ],
)
def test_words_are_counted_in_every_script(text: str, words: int) -> None:
    assert count_words(text) == words


def test_chinese_text_file_has_its_title_and_word_count(inline_stage: TextStage) -> None:
    document = inline_stage.extract(raw_article(CHINESE, content_type="text/plain"))
    assert document.title == "中国与沙特阿拉伯签署新的合作协议"
    assert document.word_count > 60
