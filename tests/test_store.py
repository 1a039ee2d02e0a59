"""The SQLite store: migrations, idempotent indexing, round trips, search behaviour, exports, CLI."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from rich.console import Console
from typer.testing import CliRunner

from vnnews.cli import app
from vnnews.commands.demo import run_demo
from vnnews.store import browse
from vnnews.store.export import ExportFormat, export
from vnnews.store.index import index_files, index_records, table_counts
from vnnews.store.models import Filters
from vnnews.store.periods import Interval, period_bounds
from vnnews.store.query import parse, to_fts
from vnnews.store.records import doc_key
from vnnews.store.schema import StoreError, connect, migrations, schema_version
from vnnews.store.search import search

SEED_TITLE = "Hội nghị Ban Thường vụ Liên hiệp các Hội KH&KT Thanh Hóa sáu tháng đầu năm 2021"


@pytest.fixture(scope="module")
def demo_jsonl(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    run_demo(out, console=Console(quiet=True))
    return out / "articles.jsonl"


@pytest.fixture(scope="module")
def records(demo_jsonl) -> list[dict]:
    return [json.loads(line) for line in demo_jsonl.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def db(demo_jsonl, tmp_path_factory) -> sqlite3.Connection:
    conn = connect(tmp_path_factory.mktemp("store") / "demo.db")
    index_files(conn, [demo_jsonl])
    return conn


def seed_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT id FROM articles WHERE title = ?", (SEED_TITLE,)).fetchone()[0]


# --- schema and migrations -------------------------------------------------------------------

def test_migrations_set_user_version_and_are_not_reapplied(tmp_path):
    path = tmp_path / "s.db"
    conn = connect(path)
    assert schema_version(conn) == len(migrations()) >= 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"articles", "entities", "dates", "facts", "article_fts"} <= tables
    conn.close()
    conn = connect(path)  # a second open finds nothing to do (CREATE TABLE would fail if re-run)
    assert schema_version(conn) == len(migrations())


def test_later_migrations_apply_in_order_and_a_failing_one_rolls_back(tmp_path, monkeypatch):
    from vnnews.store import schema

    path = tmp_path / "s.db"
    connect(path).close()  # at the bundled version
    known = schema.migrations()
    extra = schema.Migration(len(known) + 1, "9999_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY);")
    broken = schema.Migration(len(known) + 2, "9999_broken.sql", "CREATE TABLE half (x); SELECT * FROM nowhere;")
    monkeypatch.setattr(schema, "migrations", lambda: (*known, extra, broken))
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="nowhere"):
        schema.migrate(conn)
    assert schema_version(conn) == len(known) + 1  # the good one stays applied, the broken one left no trace
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "notes" in tables and "half" not in tables


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    connect(path).execute(f"PRAGMA user_version = {len(migrations()) + 1}")
    with pytest.raises(StoreError, match="newer"):
        connect(path)


def test_readonly_open_needs_an_existing_database(tmp_path):
    with pytest.raises(StoreError, match="vnnews index"):
        connect(tmp_path / "missing.db", readonly=True)


# --- indexing --------------------------------------------------------------------------------

def test_indexing_the_demo_twice_leaves_the_same_row_counts(demo_jsonl, records, tmp_path):
    conn = connect(tmp_path / "twice.db")
    first = index_files(conn, [demo_jsonl])
    counts = table_counts(conn)
    second = index_files(conn, [demo_jsonl, demo_jsonl])
    assert first.inserted == len(records) == counts["articles"] == counts["article_fts"]
    assert counts["entities"] == sum(len(r["entities"]) for r in records)
    assert counts["facts"] == sum(len(r["facts"]) for r in records)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 2 * len(records))
    assert table_counts(conn) == counts


def test_a_changed_record_is_updated_in_place(records, tmp_path):
    conn = connect(tmp_path / "update.db")
    index_records(conn, records)
    before = table_counts(conn)
    article_id = seed_id(conn)
    changed = copy.deepcopy(next(r for r in records if r["title"] == SEED_TITLE))
    changed["entities"] = changed["entities"][:5]
    changed["text"] += "\n\nĐoạn bổ sung về Quảng Trị."
    stats = index_records(conn, [changed])
    assert (stats.inserted, stats.updated) == (0, 1)
    assert seed_id(conn) == article_id  # links to /articles/{id} survive re-indexing
    after = table_counts(conn)
    assert after["articles"] == before["articles"]
    assert after["entities"] == before["entities"] - (len(records[5]["entities"]) - 5)
    assert [h.id for h in search(conn, "quang tri").items] == [article_id]


def test_doc_key_prefers_canonical_url_then_url_then_content():
    assert doc_key({"canonical_url": "https://a.vn/x", "url": "http://127.0.0.1/x"}) == "https://a.vn/x"
    assert doc_key({"canonical_url": None, "url": "http://127.0.0.1/x"}) == "http://127.0.0.1/x"
    one = doc_key({"url": None, "title": "T", "text": "Nội dung"})
    assert one.startswith("sha256:") and one == doc_key({"title": "T", "text": "Nội dung"})
    assert one != doc_key({"title": "T", "text": "Nội dung khác"})


def test_records_without_url_are_deduplicated_by_content(records, tmp_path):
    conn = connect(tmp_path / "nourl.db")
    bare = {**records[0], "url": None, "canonical_url": None}
    index_records(conn, [bare, dict(bare)])
    assert table_counts(conn)["articles"] == 1


def test_listing_pages_and_broken_lines_are_skipped(records, tmp_path):
    path = tmp_path / "mixed.jsonl"
    listing = {**records[0], "url": "https://a.vn/", "canonical_url": None, "is_article": False, "text": ""}
    path.write_text(json.dumps(records[0], ensure_ascii=False) + "\n{broken\n" + json.dumps(listing) + "\n", "utf-8")
    conn = connect(tmp_path / "mixed.db")
    stats = index_files(conn, [path])
    assert (stats.inserted, stats.skipped) == (1, 1)
    assert len(stats.errors) == 1 and ":2:" in stats.errors[0]


def test_article_round_trips_with_its_warc_reference(records, tmp_path):
    conn = connect(tmp_path / "warc.db")
    crawled = {**records[1], "warc": {"file": "crawl-00001.warc.gz", "record_id": "<urn:uuid:42>", "offset": 1234}}
    index_records(conn, [crawled, records[2]])
    article_id = conn.execute("SELECT id FROM articles WHERE warc_record_id = '<urn:uuid:42>'").fetchone()[0]
    stored = browse.get_article(conn, article_id)
    assert stored.pop("id") == article_id
    assert stored == crawled
    other = browse.get_article(conn, article_id + 1)
    assert "warc" not in other
    assert browse.get_article(conn, 999) is None


# --- search ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Nguyễn Văn Phát", "nguyen van phat", "NGUYEN VAN PHAT", '"nguyễn văn phát"'])
def test_search_finds_the_seed_with_or_without_diacritics(db, query):
    results = search(db, query)
    assert results.items and results.items[0].id == seed_id(db)
    hit = results.items[0]
    # The snippet shows the article's own spelling, highlighted, even for a query typed without marks.
    assert "Nguyễn Văn Phát" in [hit.snippet[s:e] for s, e in hit.highlights]


def test_tone_mark_variants_are_equal(db):
    new_style, old_style = search(db, "Thanh Hoá"), search(db, "Thanh Hóa")
    assert [h.id for h in new_style.items] == [h.id for h in old_style.items]
    assert new_style.items[0].id == seed_id(db)
    assert {h.id for h in search(db, "thanh hoa").items} == {h.id for h in new_style.items}


def test_exact_diacritics_rank_above_folded_matches(db):
    # "hóa" (hóa đơn, hàng hóa) and "hoa" (flowers, tuoitre) fold alike: the spelling typed wins.
    hoa = search(db, "hoa", limit=20).items
    flowers = next(h.id for h in hoa if h.site == "tuoitre.vn")
    exact = search(db, "hóa", limit=20).items
    assert {h.id for h in exact} == {h.id for h in hoa}
    assert exact[0].id != flowers
    assert search(db, "hoa nhập khẩu").items[0].id == flowers


def test_phrase_query_needs_adjacent_words(db):
    phrase = search(db, '"giá vàng"')
    assert [h.site for h in phrase.items] == ["dantri.com.vn"]
    words = search(db, "giá vàng")
    assert words.total >= phrase.total and words.items[0].site == "dantri.com.vn"
    assert search(db, '"vàng giá"').total == 0


def test_filters_site_dates_entity(db):
    everything = search(db, "năm", limit=50)
    assert everything.total > 3
    assert {h.site for h in search(db, "năm", Filters(site="vnexpress.net")).items} == {"vnexpress.net"}
    dated = search(db, "năm", Filters(date_from=date(2026, 3, 2), date_to=date(2026, 3, 7)), limit=50)
    assert dated.items and all(h.published_at >= "2026-03-02" for h in dated.items)
    assert len(dated.items) < everything.total  # baochinhphu (03-01) and the undated seed drop out
    by_entity = search(db, "năm", Filters(entity="nguyen van phat"))
    assert [h.id for h in by_entity.items] == [seed_id(db)]


def test_exclusion_and_prefix(db):
    assert seed_id(db) not in {h.id for h in search(db, "năm -phát", limit=50).items}
    assert seed_id(db) in {h.id for h in search(db, "phá*", limit=50).items}


@pytest.mark.parametrize("query", ['"', "AND", "OR NOT", "title:x", "a) OR (b", "NEAR(a b)", "*", "-", "^x", "{}:x",
                                   "'; DROP TABLE articles; --", "\x00"])
def test_fts_syntax_in_a_query_is_text_not_an_error(db, query):
    results = search(db, query)  # raised sqlite3.OperationalError ("fts5: syntax error") before quoting
    assert results.query == query and results.total >= len(results.items)
    assert table_counts(db)["articles"] == 8


def test_query_parser_quotes_every_word():
    parsed = parse('KH&KT "Thanh Hoá" phát* -"hàng hóa"')
    assert [t.words for t in parsed.terms] == [("kh", "kt"), ("thanh", "hóa"), ("phát",), ("hàng", "hóa")]
    assert parsed.terms[2].prefix and parsed.terms[3].negated and parsed.has_diacritics
    assert to_fts(parse("-x")) is None and to_fts(parse("!!!")) is None
    assert '{title body} : ("thanh" AND "hóa")' in to_fts(parse("Thanh Hoá"))
    assert "{title body}" not in to_fts(parse("thanh hoa"))


# --- browse queries --------------------------------------------------------------------------

def test_top_entities_timeline_and_facts(db):
    people = browse.top_entities(db, Filters(), "PER", 20)
    assert "Nguyễn Văn Phát" in [e.name for e in people]
    assert people == sorted(people, key=lambda e: (-e.mentions, -e.articles, e.name))
    days = browse.timeline(db, Filters(), Interval.day)
    assert days[0].period == "2026-03-01" and len(days) == 7 and sum(b.count for b in days) == 7
    assert [(b.period, b.count) for b in browse.timeline(db, Filters(), Interval.week)] == [("2026-W09", 1),
                                                                                             ("2026-W10", 6)]
    assert [(b.period, b.count) for b in browse.timeline(db, Filters(), Interval.month)] == [("2026-03", 7)]
    gold = browse.list_facts(db, Filters(entity="SJC"), None, 50)
    assert gold.total >= 1 and all("SJC" in f.sentence for f in gold.items)
    dated = browse.list_facts(db, Filters(date_from=date(2021, 6, 1), date_to=date(2021, 6, 30)), None, 50)
    assert dated.items and all(f.date.startswith("2021") for f in dated.items)
    percent = browse.list_facts(db, Filters(), "%", 200)
    assert percent.total == len(percent.items) > 0 and {f.unit for f in percent.items} == {"%"}


@pytest.mark.parametrize("value, bounds", [
    ("2021-06-22", ("2021-06-22", "2021-06-22")), ("2021-06", ("2021-06-01", "2021-06-30")),
    ("2024-02", ("2024-02-01", "2024-02-29")), ("2021", ("2021-01-01", "2021-12-31")),
    ("2026-Q1", ("2026-01-01", "2026-03-31")), ("2021-H2", ("2021-07-01", "2021-12-31")),
    ("2026-W11", ("2026-03-09", "2026-03-15")), ("2020/2025", ("2020-01-01", "2025-12-31")),
    ("2026-05-23T15:00+07:00", ("2026-05-23", "2026-05-23")), ("XXXX-H1", None), ("2021-02-30", None), (None, None),
    ("P2Y", None), ("P6M/P12M", None),  # durations have no place on a calendar
])
def test_period_bounds(value, bounds):
    got = period_bounds(value)
    assert (tuple(d.isoformat() for d in got) if got else None) == bounds


# --- exports ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_export_writes_tidy_tables(db, fmt, tmp_path):
    written = export(db, tmp_path, fmt)
    counts = table_counts(db)
    assert {t.name: t.rows for t in written} == {k: counts[k] for k in ("articles", "entities", "dates", "facts")}
    if fmt is ExportFormat.parquet:
        facts = pq.read_table(tmp_path / "facts.parquet")
        assert facts.schema.field("value").type == "double" and facts.schema.field("date_start").type == "date32[day]"
        rows = facts.to_pylist()
        assert any(r["change_direction"] == "increase" and r["change_by"] for r in rows)
        entities = pq.read_table(tmp_path / "entities.parquet").to_pylist()
        assert {"name": "Nguyễn Văn Phát", "label": "PER"}.items() <= next(
            e for e in entities if e["name"] == "Nguyễn Văn Phát").items()
    else:
        header = (tmp_path / "articles.csv").read_text("utf-8").splitlines()[0]
        assert header.startswith('"id","url","canonical_url","site","title"')
        assert "Nguyễn Văn Phát" in (tmp_path / "entities.csv").read_text("utf-8")


# --- command line ----------------------------------------------------------------------------

def test_cli_index_search_export(demo_jsonl, tmp_path):
    runner = CliRunner()
    path = tmp_path / "cli.db"
    first = runner.invoke(app, ["index", str(demo_jsonl), "--db", str(path)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["index", str(demo_jsonl), "--db", str(path)])
    assert "0 new, 0 updated, 8 unchanged" in again.output
    found = runner.invoke(app, ["search", "nguyen van phat", "--db", str(path), "--json", "--limit", "3"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)["items"]
    assert hits[0]["title"] == SEED_TITLE and len(hits) <= 3
    table = runner.invoke(app, ["search", "Nguyễn Văn Phát", "--db", str(path), "--site", "nld.com.vn"],
                          env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "nld.com.vn" in table.stdout and "tusta" not in table.stdout
    dated = runner.invoke(app, ["search", "năm", "--db", str(path), "--from", "2026-03-07", "--to", "2026-03-07",
                                "--json"])
    assert {h["published_at"][:10] for h in json.loads(dated.stdout)["items"]} == {"2026-03-07"}
    exported = runner.invoke(app, ["export", "--db", str(path), "--format", "csv", "--out", str(tmp_path / "csv")])
    assert exported.exit_code == 0 and (tmp_path / "csv" / "facts.csv").is_file()
    for command in (["search", "x"], ["serve"], ["export", "--out", str(tmp_path / "x")]):
        missing = runner.invoke(app, [*command, "--db", str(tmp_path / "none.db")])
        assert missing.exit_code == 2 and "vnnews index" in missing.output, command
    assert not (tmp_path / "none.db").exists()
