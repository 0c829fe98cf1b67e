"""Reading articles: front matter, header lines, HTML, and every kind of bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.conftest import SEED
from tracker.articles import find_files, parse_article, parse_day, read_articles
from tracker.errors import DateFormatError, InputError


def test_seed_front_matter() -> None:
    art = parse_article(SEED.read_bytes(), str(SEED))
    assert (art.language, art.published, art.outlet) == ("id", date(2026, 1, 31), "FAKTAGLOBAL.COM")
    assert art.text.startswith("Putin dan Larijani Gelar Pembicaraan Strategis di Moskow\n")
    assert "16–18 Februari" in art.text


def test_header_lines_like_the_evaluation_articles() -> None:
    raw = "url: https://x.test/a\noutlet: Tehran Times\nlang: en\npublished: 2026-02-15T16:37\n\nBody text here."
    art = parse_article(raw.encode(), "a.txt")
    assert (art.url, art.outlet, art.language, art.published) == ("https://x.test/a", "Tehran Times", "en",
                                                                   date(2026, 2, 15))
    assert art.text == "Body text here."


def test_plain_text_keeps_everything() -> None:
    art = parse_article(b"Title: not front matter because no blank line follows\nText", "b.txt")
    assert art.text == "Title: not front matter because no blank line follows\nText"  # no blank line: text
    art = parse_article(b"Just a text.\nSecond line.", "c.txt")
    assert art.text == "Just a text.\nSecond line." and art.published is None and art.title == "Just a text."


def test_html_is_reduced_to_text() -> None:
    html = b"<html><head><title>T</title><script>x=1</script></head><body><p>Hello <b>world</b></p></body></html>"
    art = parse_article(html, "p.html")
    assert art.text == "Hello world" and art.title == "T"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"   \n\n", "empty", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "binary", id="binary"),
        pytest.param("café".encode("latin-1"), "UTF-8", id="latin1"),
        pytest.param(b"---\ntitle: [unclosed\n---\nText", "malformed front matter", id="bad-yaml"),
        pytest.param(b"---\ntitle: x\nText without end", "never closed", id="unclosed"),
        pytest.param(b"---\npublished: 2026-02-30\n---\nText", "bad published date", id="bad-date"),
        pytest.param(b"---\nfoo: bar\n---\nText", "unknown front matter", id="unknown-key"),
        pytest.param(b"---\n- a\n- b\n---\nText", "key: value", id="list-front-matter"),
        pytest.param(b"---\ntitle: x\n---\n\n", "no article text", id="no-body"),
    ],
)
def test_bad_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_article(data, "in.txt")


def test_parse_day() -> None:
    assert parse_day("2026-01-31") == date(2026, 1, 31)
    assert parse_day("unknown") is None
    with pytest.raises(DateFormatError, match="YYYY-MM-DD"):
        parse_day("31/01/2026")


def test_folders_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("A text.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B text.")
    (tmp_path / "ignored.json").write_text("{}")
    assert [p.name for p in find_files([str(tmp_path)]) if p] == ["a.md", "b.txt"]
    with pytest.raises(InputError, match="no such file"):
        find_files([str(tmp_path / "missing.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt"):
        find_files([str(tmp_path / "empty")])
    arts = list(read_articles([str(tmp_path / "a.md")], published=date(2026, 1, 1), language="en"))
    assert arts[0].published == date(2026, 1, 1) and arts[0].language == "en"
