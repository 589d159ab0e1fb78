import re

import pytest

from search.text import (
    MAX_TERMS,
    Term,
    bigrams,
    index_text,
    parse_query,
    rough_stem,
    tsquery_text,
)


def test_cjk_runs_become_overlapping_bigrams_and_their_last_character():
    assert bigrams("服务发现") == ["服务", "务发", "发现", "现"]
    assert bigrams("容") == ["容"]


def test_index_text_splits_cjk_from_words_and_drops_punctuation():
    assert index_text("用Kubernetes部署，容器！") == "用 kubernetes 部署 署 容器 器"


def test_index_text_folds_full_width_forms_and_case():
    assert index_text("Ｋ８ｓ DEPLOY") == "k8s deploy"


def test_parse_query_keeps_distinct_terms_without_stop_words():
    assert parse_query("The 容器 and deploying 容器 of pods") == [
        Term("容器", is_cjk=True),
        Term("deploying", is_cjk=False),
        Term("pods", is_cjk=False),
    ]


def test_parse_query_ignores_operators_quotes_and_sql():
    terms = parse_query("'; DROP TABLE posts_post; -- % _ \\ & | ! <-> :*")
    assert [term.text for term in terms] == ["drop", "table", "posts", "post"]


def test_parse_query_caps_the_number_of_terms():
    assert len(parse_query(" ".join(f"word{n}" for n in range(50)))) == MAX_TERMS


def test_tsquery_text_makes_phrases_of_bigrams_and_prefixes_of_single_characters():
    terms = [Term("服务发现", True), Term("容", True), Term("deploying", False)]
    assert tsquery_text(terms) == "('服务' <-> '务发' <-> '发现') & '容':* & 'deploying'"


def test_tsquery_text_can_require_a_weight():
    terms = [Term("服务发现", True), Term("容", True), Term("deploying", False)]
    assert tsquery_text(terms, "A") == (
        "('服务':A <-> '务发':A <-> '发现':A) & '容':*A & 'deploying':A"
    )


def test_tsquery_text_can_leave_a_phrase_to_its_pieces_anywhere():
    terms = [Term("服务发现", True), Term("容器", True), Term("deploying", False)]
    assert tsquery_text(terms, adjacent=False) == (
        "('服务' & '务发' & '发现') & ('容器') & 'deploying'"
    )


@pytest.mark.parametrize(
    ("text", "is_cjk", "phrase"),
    [("服务发现", True, True), ("服务网", True, True), ("容器", True, False), ("容", True, False),
     ("deploying", False, False)],
)  # fmt: skip
def test_only_cjk_runs_of_three_or_more_characters_are_phrases(text, is_cjk, phrase):
    assert Term(text, is_cjk).is_phrase is phrase


@pytest.mark.parametrize(
    ("word", "stem"),
    [("deploying", "deploy"), ("deployment", "deploy"), ("pods", "pod"), ("go", "go")],
)
def test_rough_stem(word, stem):
    assert rough_stem(word) == stem


def test_word_pattern_finds_words_starting_with_the_stem_in_any_case():
    pattern = re.compile(Term("deploying", False).pattern)
    assert pattern.findall("Deployment, redeploy, deploys") == ["Deployment", "deploys"]


def test_cjk_pattern_finds_the_run_anywhere():
    pattern = re.compile(Term("容器", True).pattern)
    assert pattern.findall("把容器编排好，容器化") == ["容器", "容器"]
