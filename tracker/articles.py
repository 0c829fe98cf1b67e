"""Reading stage: files, folders and stdin → `Article`s (text plus front-matter metadata).

Accepted: plain text, Markdown and HTML. Metadata comes from a YAML front matter between `---`
lines, or from leading `key: value` header lines ending in a blank line (the format of the
evaluation articles). Known keys: published, url, outlet, lang (or language), title. Strict per
article: an empty, binary or undecodable file, or a malformed front matter, is an `InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tracker.errors import DateFormatError, InputError
from tracker.model import Article

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
KEYS = {"published", "url", "outlet", "lang", "language", "title", "date"}
HEADER_LINE = re.compile(r"^(published|url|outlet|lang|language|title|date)\s*:\s*(.*)$", re.IGNORECASE)


def parse_day(value: object, what: str = "date") -> date | None:
    """A YYYY-MM-DD (or ISO datetime) value → date; None for empty or 'unknown'; else DateFormatError."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.lower() in {"unknown", "none", "null", "-"}:
        return None
    try:
        return date.fromisoformat(text[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else date.fromisoformat(text)
    except ValueError:
        raise DateFormatError(f"bad {what} {text!r}: expected a real date as YYYY-MM-DD") from None


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, name: str) -> tuple[dict[str, object], str]:
    """Metadata and body. The body is what offsets point into."""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end < 0:
            raise InputError(f"{name}: front matter opened with '---' is never closed")
        try:
            # BaseLoader keeps every value a string: dates are checked by parse_day, not by YAML.
            meta = yaml.load(text[4:end], Loader=yaml.BaseLoader) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            raise InputError(f"{name}: malformed front matter{where}") from None
        if not isinstance(meta, dict):
            raise InputError(f"{name}: front matter must be 'key: value' lines")
        body_start = text.find("\n", end + 4)
        body = text[body_start + 1:] if body_start >= 0 else ""
        return {str(k).lower(): v for k, v in meta.items()}, body.lstrip("\n")
    lines = text.split("\n")
    meta_lines: dict[str, object] = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if meta_lines:
                return meta_lines, "\n".join(lines[i + 1:])
            break
        m = HEADER_LINE.match(line)
        if not m:
            break
        meta_lines[m.group(1).lower()] = m.group(2).strip()
    return {}, text


class _TextOfHTML(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "title"}
    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
            return
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    parser = _TextOfHTML()
    parser.feed(html)
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n".join(line for line in lines if line), parser.title


def parse_article(data: bytes, name: str = "<stdin>") -> Article:
    """One article from raw bytes: decoded, front matter read, HTML reduced to text."""
    text = decode(data, name)
    meta, body = split_front_matter(text, name)
    unknown = set(meta) - KEYS
    if unknown:
        raise InputError(f"{name}: unknown front matter key(s): {', '.join(sorted(unknown))}")
    title = meta.get("title")
    if name.lower().endswith((".html", ".htm")) or body.lstrip().lower().startswith(("<!doctype html", "<html")):
        body, html_title = html_to_text(body)
        title = title or html_title
    if not body.strip():
        raise InputError(f"{name}: no article text")
    lang = meta.get("lang") or meta.get("language")
    published = parse_day(meta.get("published") or meta.get("date"), f"published date in {name}")
    return Article(
        text=body,
        language=str(lang).strip().lower() if lang else None,
        published=published,
        url=str(meta["url"]) if meta.get("url") else None,
        outlet=str(meta["outlet"]) if meta.get("outlet") else None,
        title=str(title) if title else first_line(body),
        source_path=None if name == "<stdin>" else name,
    )


def first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()[:300]
    return None


def find_files(paths: list[str]) -> list[Path | None]:
    """Expand folders (recursively, known suffixes, sorted); `-` stands for stdin (None)."""
    out: list[Path | None] = []
    for raw in paths:
        if raw == "-":
            out.append(None)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{raw}: no .txt, .md or .html files in this folder")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        elif path.exists():
            raise InputError(f"{raw}: not a regular file")
        else:
            raise InputError(f"{raw}: no such file or folder")
    return out


def read_articles(
    paths: list[str],
    *,
    stdin: bytes | None = None,
    published: date | None = None,
    language: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
) -> Iterator[Article]:
    """Articles from paths; command-line metadata overrides the files' own."""
    for path in find_files(paths):
        if path is None:
            article = parse_article(stdin or b"", "<stdin>")
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputError(f"{path}: cannot read ({exc.strerror})") from None
            article = parse_article(data, str(path))
        overrides = {
            k: v for k, v in {"published": published, "language": language, "url": url, "outlet": outlet}.items()
            if v is not None
        }
        yield replace(article, **overrides) if overrides else article  # type: ignore[arg-type]
