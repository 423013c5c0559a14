"""The command line end to end, in-process, on texts written for these tests."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

DUMP = """\
VILNIUS — At least seven drones crossed into Lithuanian airspace from Belarus on
Monday night, the defense ministry said, and two of them were shot down near the
town of Ignalina.
“We will not tolerate these provocations,” said Defense Minister Laura Kaunaite.
“Every drone that enters our airspace will be tracked.”
The ministry said the drones carried no explosives.
Tag - Baltic security
OSLO — Norway will buy four new submarines for 4 billion euros, the government
announced on Friday, in its largest naval order since the end of the Cold War.
Prime Minister Erik Lund told reporters the boats would patrol the Barents Sea.
"""

JSONL_GOOD = json.dumps(
    {
        "id": "wire-1",
        "title": "Finland opens border post",
        "published": "2025-05-02",
        "text": "HELSINKI — Finland reopened a border crossing on Thursday, officials said.",
    }
)


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SITREP_DATABASE_URL", f"sqlite:///{tmp_path / 'test.db'}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_every_command_help_has_an_example() -> None:
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert {"extract", "ingest", "search", "articles", "show", "stats", "export"} <= set(commands)
    for name in commands:
        code, out, _ = run(name, "--help")
        assert code == 0, name
        assert "Example:" in out, f"{name} --help has no Example"


def test_ingest_twice_adds_nothing_the_second_time(env: Path) -> None:
    dump = write(env / "dump.txt", DUMP)
    code, _, err = run("ingest", str(dump))
    assert code == 0, err
    code, out, _ = run("stats", "--format", "json")
    first = json.loads(out)
    assert first["articles"] == 2
    code, _, err = run("ingest", str(dump))
    assert code == 0
    assert json.loads(run("stats", "--format", "json")[1]) == first


def test_bad_inputs_are_named_and_good_ones_stored(env: Path) -> None:
    folder = env / "in"
    folder.mkdir()
    write(folder / "a_dump.txt", DUMP)
    write(folder / "b_nul.txt", b"\x00" * 2048)
    write(folder / "c_empty.txt", "")
    write(folder / "d_random.bin.txt", os.urandom(4096))
    write(folder / "e_lines.jsonl", JSONL_GOOD + "\n{not json\n")
    write(folder / "f_page.html", "<html><body><nav>Home</nav></body></html>")
    code, _, err = run("ingest", str(folder))
    assert code == 1
    assert "Traceback" not in err
    for name in ("b_nul.txt", "c_empty.txt", "d_random.bin.txt", "e_lines.jsonl:2", "f_page.html"):
        assert name in err, f"{name} not named in: {err}"
    assert json.loads(run("stats", "--format", "json")[1])["articles"] == 3


def test_ingest_that_stores_nothing_says_so_instead_of_suggesting_searches(env: Path) -> None:
    code, _, err = run("ingest", str(write(env / "empty.txt", "")))
    assert code == 1
    assert "Nothing is stored yet" in err
    assert "Try next" not in err
    code, _, err = run("ingest", str(write(env / "dump.txt", DUMP)))
    assert code == 0
    assert "Try next: sitrep search" in err
    assert "Nothing is stored yet" not in err


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_extract_records_point_at_their_text(env: Path) -> None:
    dump = write(env / "dump.txt", DUMP)
    code, out, err = run("extract", str(dump))
    assert code == 0, err
    assert_spans_point_at_text(out, articles=2)


def test_every_example_shape_yields_records_that_point_at_their_text() -> None:
    code, out, err = run("extract", str(EXAMPLES))
    assert code == 0, err
    rows = assert_spans_point_at_text(out, articles=7)  # 3 in the dump, 1 page, 3 JSONL
    sources = {r["source"].rsplit(".", 1)[-1] for r in rows if r["type"] == "article"}
    assert {"txt", "html"} <= sources
    assert {"quote", "actor", "figure", "date", "event"} <= {r["type"] for r in rows}


def assert_spans_point_at_text(out: str, articles: int) -> list[dict[str, object]]:
    rows = [json.loads(line) for line in out.splitlines()]
    texts = {r["id"]: r["text"] for r in rows if r["type"] == "article"}
    assert len(texts) == articles
    others = [r for r in rows if r["type"] != "article"]
    assert any(r["type"] == "quote" for r in others)
    for r in others:
        start, end = r["span"]
        body = texts[r["article"]]
        assert 0 <= start <= end <= len(body)
        if "text" in r:
            assert body[start:end] == r["text"], r
        for key in ("cue", "speaker_mention", "trigger"):
            if r.get(key):
                s, e = r[key]["span"]
                assert body[s:e] == r[key]["text"]
    return rows


def test_extract_reads_stdin_and_keeps_jsonl_text_verbatim(env: Path) -> None:
    code, out, _ = run("extract", "-", input=JSONL_GOOD + "\n")
    assert code == 0
    article = json.loads(out.splitlines()[0])
    assert article["source_id"] == "wire-1"
    assert article["text"] == json.loads(JSONL_GOOD)["text"]
    assert article["published"].startswith("2025-05-02")


def test_search_jsonl_ranks_the_matching_article_first(env: Path) -> None:
    write(env / "dump.txt", DUMP)
    run("ingest", str(env / "dump.txt"))
    code, out, _ = run("search", "submarines", "--format", "jsonl")
    assert code == 0
    hits = [json.loads(line) for line in out.splitlines()]
    assert hits and {"id", "title", "score", "snippet"} <= set(hits[0])
    assert "submarines" in hits[0]["snippet"]


def test_show_export_and_unknown_id(env: Path) -> None:
    write(env / "dump.txt", DUMP)
    run("ingest", str(env / "dump.txt"))
    exported = [json.loads(x) for x in run("export", "--format", "jsonl")[1].splitlines()]
    article_ids = [r["id"] for r in exported if r["type"] == "article"]
    assert len(article_ids) == 2
    code, out, _ = run("show", article_ids[0], "--format", "json")
    assert code == 0 and json.loads(out)["id"] == article_ids[0]
    code, _, err = run("show", "art_doesnotexist")
    assert code == 2 and "art_doesnotexist" in err


def test_show_takes_a_unique_prefix_of_an_id(env: Path) -> None:
    write(env / "dump.txt", DUMP)
    run("ingest", str(env / "dump.txt"))
    exported = [json.loads(x) for x in run("export", "--format", "jsonl")[1].splitlines()]
    first, second = sorted(r["id"] for r in exported if r["type"] == "article")
    common = len(os.path.commonprefix([first, second]))
    code, out, _ = run("show", first[: common + 1], "--format", "json")
    assert code == 0 and json.loads(out)["id"] == first
    code, _, err = run("show", "art_")
    assert code == 2 and "2 articles" in err and first in err and second in err
    code, _, err = run("show", "art_%")  # a LIKE wildcard is a plain character
    assert code == 2 and "no article" in err


def test_usage_errors_exit_2(env: Path) -> None:
    assert run("search")[0] == 2
    assert run("stats", "--format", "xml")[0] == 2
    assert run("no-such-command")[0] == 2


def test_missing_path_is_reported_not_raised(env: Path) -> None:
    code, _, err = run("extract", str(env / "nope.txt"))
    assert code == 1 and "nope.txt" in err and "Traceback" not in err


GERMAN = json.dumps(
    {
        "id": "de-1",
        "text": "Die Bundesregierung hat am Dienstag beschlossen, weitere Luftabwehrsysteme an "
        "die Ukraine zu liefern. Verteidigungsminister Pistorius sagte in Berlin, die Lieferung "
        "solle noch vor dem Winter erfolgen. Die Opposition kritisierte, dass der Bundestag "
        "nicht rechtzeitig informiert worden sei. Die Regierung wies die Kritik zurück.",
    }
)


def test_an_article_not_in_english_is_stored_with_a_warning_the_summary_counts(env: Path) -> None:
    code, _, err = run("ingest", str(write(env / "mixed.jsonl", JSONL_GOOD + "\n" + GERMAN)))
    assert code == 0, err
    assert "mixed.jsonl" in err and "does not read as English" in err
    assert re.search(r"of which with warnings\s+1 \(named above\)", err), err
    assert json.loads(run("stats", "--format", "json")[1])["articles"] == 2


def test_extract_shows_progress_on_a_terminal_while_its_output_goes_to_a_file(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep.cli.app import err

    dump = write(env / "dump.txt", DUMP)
    monkeypatch.setattr(type(err), "is_terminal", property(lambda self: True))
    code, out, progress = run("extract", str(dump))
    assert code == 0
    assert "Extracting" in progress and "2 articles" in progress
    assert_spans_point_at_text(out, articles=2)  # the output itself is untouched


def test_export_to_a_file_is_whole_or_not_written(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("ingest", str(write(env / "dump.txt", DUMP)))
    target = env / "corpus.jsonl"
    assert run("export", "-o", str(target))[0] == 0
    whole = target.read_text(encoding="utf-8")
    assert run("export")[1] == whole
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # as any new file, not owner-only
    # A failure half-way leaves the earlier file as it was, and no partial file beside it.
    from sitrep.store import Store

    original = Store.iter_records

    def failing(self: Store) -> Iterator[object]:
        yield from list(original(self))[:3]
        raise RuntimeError("disk went away")

    monkeypatch.setattr(Store, "iter_records", failing)
    assert run("export", "-o", str(target))[0] != 0
    assert target.read_text(encoding="utf-8") == whole
    assert sorted(p.name for p in env.iterdir() if p.name.startswith("corpus")) == ["corpus.jsonl"]


def test_export_to_a_path_that_cannot_be_written_is_a_usage_error(env: Path) -> None:
    code, _, err = run("export", "-o", str(env / "missing" / "corpus.jsonl"))
    assert code == 2
    assert err.startswith("error: cannot write ") and "missing" in err
    assert "internal error" not in err


@pytest.mark.parametrize(
    ("name", "value", "reason"),
    [
        ("SITREP_MAX_INPUT_BYTES", "abc", "SITREP_MAX_INPUT_BYTES='abc': "),
        ("SITREP_CORS_ORIGINS", "http://a.example", "SITREP_CORS_ORIGINS='http://a.example': "),
    ],
)
def test_a_bad_setting_is_named_on_one_line(
    env: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(name, value)
    code, _, err = run("stats")
    assert code == 2
    assert err.startswith(f"error: invalid setting {reason}"), err
    assert err.count("\n") == 1 and "pydantic" not in err


def test_an_empty_setting_is_as_if_unset(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DATABASE_URL", "")
    monkeypatch.setenv("SITREP_MAX_INPUT_BYTES", "")
    code, out, err = run("stats", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["articles"] == 0
    assert (env / "sitrep.db").exists()  # the default store, in the working directory


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("events", "--type", "BOMBING"), "not a PLOVER event type"),
        (("events", "--since", "2025-13-01"), "is not a date"),
        (("quotes", "--since", "notadate"), "is not a date"),
        (("timeline", "--since", "yesterday"), "is not a date"),
    ],
)
def test_a_filter_that_cannot_match_is_a_usage_error(
    env: Path, args: tuple[str, ...], says: str
) -> None:
    code, _, err = run(*args)
    assert code == 2 and says in err, err


def test_an_event_type_is_read_in_any_case(env: Path) -> None:
    run("ingest", str(write(env / "dump.txt", DUMP)))
    lower = run("events", "--type", "assault", "--format", "jsonl")
    upper = run("events", "--type", "ASSAULT", "--format", "jsonl")
    assert lower[0] == 0 and lower == upper


@pytest.mark.parametrize("query", ["", "   ", '"" !!!'])
def test_a_search_with_no_word_is_a_usage_error(env: Path, query: str) -> None:
    code, _, err = run("search", query)
    assert code == 2 and "has no word to search for" in err


def test_ingest_reads_a_web_address_and_a_packed_dump(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    import httpx

    import sitrep.ingest
    from sitrep.ingest.fetch import PageFetcher

    url = "https://news.example.org/finland"
    paragraphs = [
        "HELSINKI — Finland reopened a border crossing with Russia on Thursday for the first "
        "time in a year, the interior ministry said, after talks between the two governments.",
        "Border guards said traffic would be limited to freight at first, and that passenger "
        "crossings would follow once new inspection lanes are finished in the spring.",
    ]
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in paragraphs)
    page += "</article></body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == url:
            return httpx.Response(200, text=page, headers={"content-type": "text/html"})
        return httpx.Response(404)

    def offline(max_bytes: int) -> PageFetcher:
        return PageFetcher(max_bytes=max_bytes, transport=httpx.MockTransport(handler))

    monkeypatch.setattr(sitrep.ingest, "PageFetcher", offline)
    packed = write(env / "dump.txt.gz", gzip.compress(DUMP.encode()))
    code, _, err = run("ingest", url, str(packed), "https://news.example.org/gone")
    assert code == 1
    assert err.count("error") == 1, err
    assert "https://news.example.org/gone: the server answered HTTP 404" in err
    assert "Traceback" not in err
    code, out, _ = run("articles", "--format", "jsonl")
    sources = sorted(json.loads(line)["source"] for line in out.splitlines())
    assert sources == [str(packed), str(packed), url]


def test_an_export_ingested_into_another_store_gives_the_same_store(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(env / "dump.txt", DUMP)
    write(env / "wire.jsonl", JSONL_GOOD + "\n")
    assert run("ingest", str(env / "dump.txt"), str(env / "wire.jsonl"))[0] == 0
    assert run("export", "--format", "jsonl", "-o", str(env / "export.jsonl"))[0] == 0
    before = json.loads(run("stats", "--format", "json")[1])
    exported = run("export", "--format", "jsonl")[1]
    monkeypatch.setenv("SITREP_DATABASE_URL", f"sqlite:///{env / 'other.db'}")
    code, _, err = run("ingest", str(env / "export.jsonl"))
    assert code == 0, err
    assert json.loads(run("stats", "--format", "json")[1]) == before
    assert run("export", "--format", "jsonl")[1] == exported
