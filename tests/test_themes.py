"""Themes across answers: stems and compound parts, suggestions that say why, groups that recur
across organisations, the vocabulary in the remiss file and its TOML, the operations and their undo,
and the `themes` command. Every text here is written by the project."""

from __future__ import annotations

import json
from datetime import date

import pytest

from remisstui import services
from remisstui.services import themes as theming
from remisstui.domain.model import Comment, Recipient, Remiss, Response, Status, Theme
from remisstui.domain.themes import Item, base_form, compound_parts, items_of, suggest, vocabulary
from remisstui.formats import toml_io
from remisstui.store.repository import Store
from helpers import HOSTILE
from themes_data import THEMES, synpunkter
from workers.common import folder_fingerprint, run_cli

DNR = "KS 2099/7"


def _items(rows):
    return [Item(ref=(org, i), organisation=org, text=text) for i, (org, text) in enumerate(rows)]


# --- words ---------------------------------------------------------------------------------------


def test_compounds_split_only_where_every_part_is_a_word():
    assert "nämnd" in compound_parts("diskrimineringsnämnden")
    assert compound_parts("rollfördelningen") == ("roll", "fördelning")
    assert compound_parts("barnrättsperspektivet") == ("barn", "rätt", "perspektiv")
    # The longest head wins: not "hel-hets-perspektiv", not "planerings-under-lag".
    assert compound_parts("helhetsperspektiv") == ("helhet", "perspektiv")
    assert compound_parts("planeringsunderlag") == ("planering", "underlag")
    # A verb is not split on a shorter word inside it, nor a word common enough to be its own,
    # nor a word on an ending ("-liga") or a name in the word list.
    assert compound_parts("avveckla") == ()
    assert compound_parts("beredningen") == ()
    assert "liga" not in compound_parts("barnrättsliga")
    assert compound_parts("horisontella") == ()


def test_base_forms_come_from_the_lexicon_not_from_a_stem():
    # "processer" and "processregler" are different words; "planer" is not "planering".
    assert base_form("processer") == "process"
    assert base_form("processregler") == "processregel"
    assert base_form("planer") == "plan" and base_form("planering") == "planering"
    assert base_form("biståndet") == "bistånd" and base_form("rättigheter") == "rättighet"
    assert base_form("ekonomiskt") == base_form("ekonomiska") == "ekonomisk"
    # One letter off is no inflection of a commoner word: "barn" is not "bar", "rätt" not "rät".
    assert base_form("barn") == "barn" and base_form("barnen") == "barn"
    assert base_form("rätt") == "rätt"
    # An agent noun keeps its own form: "sökanden" is "sökande", not the verb.
    assert base_form("sökanden") == "sökande"


def test_suggestion_by_compound_part_says_which_words_matched():
    items = _items([
        ("Kulturnämnden", "Rollfördelningen och ansvaret mellan förvaltningarna är oklart i programmet."),
        ("Idrottsnämnden", "Programmets kostnader är inte beräknade."),
    ])
    got = suggest(items, [Theme("roller och ansvar"), Theme("kostnader")])
    first = got[("Kulturnämnden", 0)]
    assert first is not None and first.theme == "roller och ansvar"
    assert any("roll" in w for w in first.why)
    second = got[("Idrottsnämnden", 1)]
    assert second is not None and second.theme == "kostnader"
    assert "kostnader" in second.why
    assert 0 < first.confidence <= 1


def test_tagged_synpunkter_are_context_not_suggested():
    items = [
        Item(ref=("A", 0), organisation="A", text="Kostnaderna är för höga.", theme="kostnader"),
        Item(ref=("B", 1), organisation="B", text="Budgeten räcker inte till kostnaderna."),
    ]
    got = suggest(items, [Theme("kostnader")])
    assert ("A", 0) not in got
    assert got[("B", 1)].theme == "kostnader"


def test_nothing_in_common_gives_no_suggestion():
    items = _items([("A", "Kostnaderna är för höga."), ("B", "Sommaren var varm och lång.")])
    got = suggest(items, [Theme("kostnader")])
    assert got[("B", 1)] is None


def test_without_vocabulary_groups_recur_across_organisations_and_are_named_by_their_words():
    items = _items([
        ("Kulturnämnden", "Medborgardialogen i stadsdelarna behöver stärkas."),
        ("Idrottsnämnden", "Vi vill se mer medborgardialog i stadsdelarna."),
        ("Förskolenämnden", "Kriskommunikationen vid allvarliga händelser måste övas."),
        ("Äldrenämnden", "Kriskommunikationen vid händelser i staden behöver övas mer."),
        ("Kulturnämnden", "Personalen behöver mer tid för fortbildning."),
    ])
    got = suggest(items, [])
    a, b = got[("Kulturnämnden", 0)], got[("Idrottsnämnden", 1)]
    c, d = got[("Förskolenämnden", 2)], got[("Äldrenämnden", 3)]
    assert a and b and c and d
    assert a.theme == b.theme and c.theme == d.theme and a.theme != c.theme
    # Named by the noun phrase the group repeats, in base form, never a word list.
    assert a.new and a.theme == "medborgardialog i stadsdelarna" and not a.needs_name
    assert c.theme == "kriskommunikation" and c.needs_name  # one noun only: the board asks for a name
    assert "," not in a.theme + c.theme
    assert {"medborgardialogen", "stadsdelarna"} <= set(a.why) | {"medborgardialog"}
    assert got[("Kulturnämnden", 4)] is None


def test_one_organisation_repeating_itself_is_no_recurring_theme():
    items = _items([
        ("IT-nämnden", "Molntjänsterna måste upphandlas samordnat."),
        ("IT-nämnden", "Upphandlingen av molntjänsterna bör samordnas."),
        ("Kulturnämnden", "Sommaren var varm och lång."),
    ])
    got = suggest(items, [])
    assert got[("IT-nämnden", 0)] is None and got[("IT-nämnden", 1)] is None


def test_hostile_text_is_only_text():
    items = _items([(f"Org {i}", h + " kostnader") for i, h in enumerate(HOSTILE)] + [("Org x", "")])
    got = suggest(items, [Theme("[bold]kostnader[/]")])
    assert len(got) == len(items)


def test_the_project_written_set_lands_in_its_themes():
    rows = synpunkter(200)
    items = [Item(ref=(o, i), organisation=o, text=t) for i, (o, t, _th) in enumerate(rows)]
    got = suggest(items, [Theme(n) for n in THEMES])
    right = sum(1 for it, (_o, _t, th) in zip(items, rows) if got[it.ref] and got[it.ref].theme == th)
    assert right / len(items) > 0.8


# --- the vocabulary in the model, the file and TOML -----------------------------------------------


def _remiss(themes=(), comments=None) -> Remiss:
    comments = comments or {
        "Kulturnämnden": [Comment("Rollfördelningen och ansvaret mellan förvaltningarna är oklart."),
                          Comment("Kostnaderna för översättning bör bäras centralt.", theme="kostnader")],
        "Idrottsnämnden": [Comment("Ansvaret och rollerna i kriskommunikationen saknas."),
                           Comment("Kostnaderna är inte beräknade.")],
        "Förskolenämnden": [Comment("Vi har inga synpunkter på detta.")],
    }
    recs = [
        Recipient(organisation=org, status=Status.answered,
                  response=Response(received_on=date(2024, 3, 1), comments=list(cs)))
        for org, cs in comments.items()
    ]
    return Remiss(dnr=DNR, title="Temaprov", sent_on=date(2024, 1, 1), deadline=date(2024, 3, 31),
                  recipients=recs, themes=list(themes))


def test_vocabulary_is_the_list_then_themes_typed_on_synpunkter():
    r = _remiss(themes=[Theme("ansvar och roller", keywords=["rollfördelning"])])
    assert [t.name for t in vocabulary(r)] == ["ansvar och roller", "kostnader"]
    assert vocabulary(r)[0].keywords == ["rollfördelning"]


def test_toml_round_trip_keeps_the_vocabulary(tmp_path):
    r = _remiss(themes=[Theme("ansvar och roller", keywords=["roll", "ansvar"]), Theme("kostnader")])
    text = toml_io.remiss_to_toml(r)
    assert "[[themes]]" in text and 'keywords = [' in text
    back = toml_io.remiss_from_toml(toml_io._read_toml(text, "x.toml"), "x.toml")
    assert back.themes == r.themes
    assert toml_io.remiss_to_toml(back) == text


def test_toml_theme_errors_are_one_swedish_line():
    with pytest.raises(toml_io.TomlError, match="themes"):
        toml_io.remiss_from_toml({"dnr": DNR, "title": "x", "themes": [{"namn": "fel"}]}, "x.toml")
    with pytest.raises(toml_io.TomlError, match="keywords"):
        toml_io.remiss_from_toml({"dnr": DNR, "title": "x", "themes": [{"name": "a", "keywords": "b"}]}, "x.toml")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data")
    services.ensure_seeded(s)
    services.create_remiss(s, _remiss(themes=[Theme("ansvar och roller")]))
    return s


def test_the_store_keeps_the_vocabulary(store):
    assert store.load(DNR).themes == [Theme("ansvar och roller")]


def test_reimport_updates_the_vocabulary(store, tmp_path):
    r = store.load(DNR)
    r.themes.append(Theme("kostnader", keywords=["budget"]))
    f = tmp_path / "r.toml"
    f.write_text(toml_io.remiss_to_toml(r), encoding="utf-8")
    services.import_toml(store, f)
    assert [t.name for t in store.load(DNR).themes] == ["ansvar och roller", "kostnader"]


# --- operations and undo --------------------------------------------------------------------------


def _tags(remiss):
    return {(rec.organisation, i): c.theme for rec in remiss.recipients if rec.response
            for i, c in enumerate(rec.response.comments)}


def test_view_lists_every_synpunkt_with_theme_and_suggestion(store):
    view = theming.themes_view(store.load(DNR))
    assert len(view["synpunkter"]) == 5
    by_text = {s["text"]: s for s in view["synpunkter"]}
    assert by_text["Kostnaderna för översättning bör bäras centralt."]["theme"] == "kostnader"
    rolls = by_text["Rollfördelningen och ansvaret mellan förvaltningarna är oklart."]
    assert rolls["theme"] is None and rolls["suggested"] == "ansvar och roller" and rolls["why"]
    names = {t["name"]: t for t in view["themes"]}
    assert names["kostnader"]["count"] == 1 and names["ansvar och roller"]["count"] == 0


def test_accepting_suggestions_tags_them_and_one_undo_takes_them_back(store):
    before = _tags(store.load(DNR))
    remiss, accepted = theming.accept_suggestions(store, DNR, 0.0)
    assert accepted and all(a.why for a in accepted)
    after = _tags(remiss)
    assert after[("Kulturnämnden", 0)] == "ansvar och roller"
    assert after[("Idrottsnämnden", 1)] == "kostnader"
    assert after[("Förskolenämnden", 0)] == ""  # nothing in common: no suggestion, no tag
    # The typed theme joined the list as the vocabulary was first changed.
    assert [t.name for t in remiss.themes] == ["ansvar och roller", "kostnader"]
    _r, what = services.undo_last(store, DNR)
    assert what.startswith("Godtog")
    assert _tags(store.load(DNR)) == before
    assert store.load(DNR).themes == [Theme("ansvar och roller")]


def test_accept_above_a_confidence_leaves_the_rest(store):
    _r, accepted = theming.accept_suggestions(store, DNR, 1.0)
    assert all(a.confidence >= 1.0 for a in accepted)
    with pytest.raises(services.ServiceError):
        theming.accept_suggestions(store, DNR, 1.5)


def test_move_rename_merge_split_add_remove_each_undo(store):
    steps = [
        lambda: theming.set_themes(store, DNR, {("Idrottsnämnden", 0): "ansvar och roller"}),
        lambda: theming.add_theme(store, DNR, "kris", ["kriskommunikation"]),
        lambda: theming.rename_theme(store, DNR, "kostnader", "ekonomi"),
        lambda: theming.merge_themes(store, DNR, ["kris"], "ansvar och roller"),
        lambda: theming.split_theme(store, DNR, "ansvar och roller", "roller", [("Idrottsnämnden", 0)]),
        lambda: theming.remove_theme(store, DNR, "ekonomi"),
    ]
    states = []
    for step in steps:
        r = store.load(DNR)
        states.append((_tags(r), [(t.name, t.keywords) for t in r.themes]))
        step()
    r = store.load(DNR)
    assert _tags(r)[("Idrottsnämnden", 0)] == "roller"
    assert _tags(r)[("Kulturnämnden", 1)] == ""
    assert [t.name for t in r.themes] == ["ansvar och roller", "roller"]
    assert r.themes[0].keywords == ["kriskommunikation"]
    for state in reversed(states):
        services.undo_last(store, DNR)
        r = store.load(DNR)
        assert (_tags(r), [(t.name, t.keywords) for t in r.themes]) == state


def test_mistakes_are_one_swedish_sentence_and_change_nothing(store):
    before = folder_fingerprint(store.folder)
    for bad in (
        lambda: theming.add_theme(store, DNR, "  "),
        lambda: theming.add_theme(store, DNR, "Ansvar  och ROLLER"),
        lambda: theming.rename_theme(store, DNR, "ansvar och roller", "kostnader"),
        lambda: theming.merge_themes(store, DNR, ["kostnader"], "kostnader"),
        lambda: theming.split_theme(store, DNR, "kostnader", "ny", []),
        lambda: theming.set_themes(store, DNR, {("Kulturnämnden", 9): "kostnader"}),
        lambda: theming.set_themes(store, DNR, {}),
    ):
        with pytest.raises(services.ServiceError) as exc:
            bad()
        assert str(exc.value).endswith((".", "!")) and "\n" not in str(exc.value)
    assert folder_fingerprint(store.folder) == before


def test_hostile_theme_names_are_kept_as_text(store):
    short = [h for h in HOSTILE if len(h) <= 200]
    for h in short:
        theming.add_theme(store, DNR, h)
    with pytest.raises(services.ServiceError, match="för långt"):
        theming.add_theme(store, DNR, "x" * 201)
    names = [t.name for t in store.load(DNR).themes]
    assert [" ".join(h.split()) for h in short] == names[2:]  # after the listed and the typed one
    view = theming.themes_view(store.load(DNR))
    assert {t["name"] for t in view["themes"]} >= set(names)


# --- the command ----------------------------------------------------------------------------------


def _cli_remiss(tmp_path):
    data = tmp_path / "data"
    src = tmp_path / "r.toml"
    src.write_text(toml_io.remiss_to_toml(_remiss(themes=[Theme("ansvar och roller")])), encoding="utf-8")
    assert run_cli("import", str(src), data=data).returncode == 0
    return data


def test_cli_json_contract(tmp_path):
    data = _cli_remiss(tmp_path)
    p = run_cli("themes", "ks-2099-7", "--json", data=data)
    assert p.returncode == 0, p.stderr
    j = json.loads(p.stdout)
    assert {"themes", "synpunkter"} <= set(j)
    for t in j["themes"]:
        assert {"name", "count", "keywords"} <= set(t)
    assert len(j["synpunkter"]) == 5
    for s in j["synpunkter"]:
        assert {"organisation", "text", "theme", "suggested", "why"} <= set(s)
    # Listing writes nothing.
    j2 = json.loads(run_cli("themes", DNR, "--json", data=data).stdout)
    assert j2 == j


def test_cli_without_vocabulary_names_the_proposed_group(tmp_path):
    data = tmp_path / "data"
    src = tmp_path / "r.toml"
    comments = {
        "Kulturnämnden": [Comment("Medborgardialogen i stadsdelarna behöver stärkas.")],
        "Idrottsnämnden": [Comment("Vi vill se mer medborgardialog i stadsdelarna.")],
    }
    src.write_text(toml_io.remiss_to_toml(_remiss(comments=comments)), encoding="utf-8")
    assert run_cli("import", str(src), data=data).returncode == 0
    j = json.loads(run_cli("themes", DNR, "--json", data=data).stdout)
    names = {s["suggested"] for s in j["synpunkter"]}
    assert len(names) == 1 and None not in names
    assert j["themes"] == []


def test_cli_accept_reports_what_it_did_and_text_listing(tmp_path):
    data = _cli_remiss(tmp_path)
    listing = run_cli("themes", DNR, data=data)
    assert listing.returncode == 0 and "Förslag:" in listing.stdout and "ansvar och roller" in listing.stdout
    p = run_cli("themes", DNR, "--accept", "--min", "0", data=data)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Godtog ") and "Rollfördelningen" in p.stdout
    j = json.loads(run_cli("themes", DNR, "--json", data=data).stdout)
    assert sum(1 for s in j["synpunkter"] if s["theme"]) >= 3
    # Counts in the right number: "1 synpunkt", never "1 synpunkter".
    listing = run_cli("themes", DNR, data=data).stdout
    one = [line for line in listing.splitlines() if ": 1 synpunkt" in line]
    assert one and not any("1 synpunkter" in line for line in listing.splitlines())
    again = run_cli("themes", DNR, "--accept", data=data)
    assert again.returncode == 0 and "inget ändrades" in again.stdout


def test_cli_mistakes(tmp_path):
    data = _cli_remiss(tmp_path)
    p = run_cli("themes", DNR, "--accept", "--min", "2", data=data)
    assert p.returncode == 1 and "mellan 0 och 1" in p.stderr and "Traceback" not in p.stderr
    p = run_cli("themes", DNR, "--min", "0.3", data=data)
    assert p.returncode == 1 and "--accept" in p.stderr
    p = run_cli("themes", "KS 1/1", data=data)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    p = run_cli("themes", DNR, "--min", "x", data=data)
    assert p.returncode == 2


# --- what a theme's answers have in common (the summary's opening sentences) ----------------------

from remisstui.domain.themes import digest, polarity  # noqa: E402


def test_polarity_reads_the_synpunkts_own_view():
    assert polarity("Vi tillstyrker förslaget.") == 1
    assert polarity("Nämnden avstyrker förslaget om avgifter.") == -1
    assert polarity("Vi delar inte bedömningen och tillstyrker inte.") == -1
    assert polarity("Kostnaderna är inte beräknade.") == 0


def test_digest_counts_names_and_says_what_they_ask_for():
    entries = [
        ("Kulturnämnden", "Rollfördelningen mellan förvaltningarna är oklar och bör förtydligas.", 1),
        ("Idrottsnämnden", "Ansvaret och rollerna i kriskommunikationen saknas.", 1),
        ("Farsta stadsdelsnämnd", "Rollerna behöver beskrivas bättre.", 0),
    ]
    d = digest(entries, name="ansvar och roller")
    assert d.sentence.startswith("Flera remissinstanser (3), bl.a. Kulturnämnden och Idrottsnämnden, efterfrågar ")
    assert "rollerna" in d.sentence and d.sentence.endswith(".")
    assert d.opposite == [] and d.opposite_sentence == ""
    one = digest(entries[:1], name="ansvar och roller")
    assert one.sentence.startswith("En remissinstans, Kulturnämnden, efterfrågar ")


def test_digest_names_those_of_the_opposite_view():
    entries = [
        ("A-nämnden", "Vi avstyrker förslaget om avgifter.", -1),
        ("B-nämnden", "Avgifterna är problematiska och vi avstyrker.", 0),
        ("C-nämnden", "Vi välkomnar avgifterna.", 1),
    ]
    d = digest(entries, name="avgifter")
    assert d.sentence == "Två remissinstanser, A-nämnden och B-nämnden, är kritiska till förslagen om avgifterna."
    assert d.opposite == ["C-nämnden"]
    assert d.opposite_sentence == "En annan uppfattning har C-nämnden, som är positiv."
    # Where the synpunkt says nothing for or against, the answer's stance decides.
    d2 = digest([("A", "Avgifterna är höga.", 1), ("B", "Avgifterna är höga.", 1), ("C", "Avgifter.", -1)])
    assert d2.opposite == ["C"]


def test_the_summary_opens_each_theme_with_its_digest_and_names_the_other_view():
    from remisstui.domain.model import Stance
    from remisstui.formats.summary import build_summary
    from remisstui.formats.summary_formats import render

    comments = {
        "Kulturnämnden": [Comment("Vi avstyrker avgifterna för lokalerna.", theme="avgifter")],
        "Idrottsnämnden": [Comment("Avgifterna är problematiska för föreningarna.", theme="avgifter")],
        "Förskolenämnden": [Comment("Vi välkomnar avgifterna.", theme="avgifter")],
    }
    r = _remiss(comments=comments)
    r.recipients[0].response.stance = Stance.opposes
    s = build_summary(r, None, today=date(2024, 4, 1))
    [theme] = s.themes
    assert theme.sentence.startswith("Två remissinstanser, Idrottsnämnden och Kulturnämnden, är kritiska till ")
    assert theme.sentence.endswith("En annan uppfattning har Förskolenämnden, som är positiv.")
    md = render(s, "md").decode("utf-8")
    # the synpunkt quoted under the organisation's name (issue 14: quotations, named before)
    assert "Kulturnämnden:\n\n> »Vi avstyrker avgifterna för lokalerna.«" in md


def test_what_the_vocabulary_does_not_cover_is_left_without_suggestion_unless_it_clearly_recurs():
    items = _items([
        ("Kulturnämnden", "Kostnaderna för lokalerna är för höga."),
        ("Kulturnämnden", "Medborgardialogen i stadsdelarna behöver stärkas."),
        ("Idrottsnämnden", "Vi vill se mer medborgardialog i stadsdelarna."),
    ])
    got = suggest(items, [Theme("kostnader")])
    assert got[("Kulturnämnden", 0)].theme == "kostnader" and not got[("Kulturnämnden", 0)].new
    # Two organisations beside a vocabulary: "utan förslag", for a person to place.
    assert got[("Kulturnämnden", 1)] is None and got[("Idrottsnämnden", 2)] is None
    # Three organisations repeating a noun phrase: a new theme is proposed.
    items = items + _items([("Äldrenämnden", "Medborgardialog i stadsdelarna saknas i programmet.")])[0:1]
    items[-1] = Item(ref=("Äldrenämnden", 3), organisation="Äldrenämnden", text=items[-1].text)
    got = suggest(items, [Theme("kostnader")])
    a, b = got[("Kulturnämnden", 1)], got[("Idrottsnämnden", 2)]
    assert a and b and a.new and a.theme == b.theme == "medborgardialog i stadsdelarna"


def test_the_benchmark_runs_and_prints_its_numbers():
    import subprocess
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    p = subprocess.run([sys.executable, str(here / "benchmarks" / "bench_themes.py"), "1", "100"],
                       capture_output=True, text=True, timeout=120, cwd=here.parent)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.startswith("100 synpunkter")
    for label in ("named ", "open ", "named75", "open75"):
        assert label in p.stdout and "cpu median" in p.stdout


def test_a_one_word_theme_learns_from_the_synpunkter_that_name_it():
    items = _items([
        ("Kulturnämnden", "Kostnaderna för lokalerna och budgeten är för höga."),
        ("Idrottsnämnden", "Kostnaderna för budgeten ökar varje år."),
        ("Förskolenämnden", "Budgeten för lokalerna räcker inte."),
        ("Äldrenämnden", "Medborgardialogen i stadsdelarna är viktig."),
    ])
    got = suggest(items, [Theme("kostnader"), Theme("medborgardialog")])
    learnt = got[("Förskolenämnden", 2)]
    assert learnt is not None and learnt.theme == "kostnader"
    assert {"budgeten", "lokalerna"} & set(learnt.why)  # shared with the others, not a theme word


def test_digest_leaves_out_what_every_answer_says():
    entries = [("A", "Lagen gör avgifterna för lokalerna för höga.", 0),
               ("B", "Lagen och avgifterna för lokalerna behöver ses över.", 0)]
    others = [f"Lagen är bra i fråga {i}." for i in range(6)]
    d = digest(entries, others=others)
    assert "lagen" not in d.sentence.split(" gäller ")[-1].split(" om ")[-1]
    assert "avgifterna" in d.sentence or "lokalerna" in d.sentence


# --- silent when unsure, overall verdicts, stance ---------------------------------------------------


def test_a_single_shared_part_is_no_support():
    # "socialtjänstlagen" shares only the part "lag" with the theme: no suggestion, "utan förslag".
    items = _items([("A", "Socialtjänstlagen är viktig för kommunerna."),
                    ("B", "Lagens struktur och karaktär av ramlag bör behållas.")])
    got = suggest(items, [Theme("lagens struktur och karaktär"), Theme("ekonomiskt bistånd")])
    assert got[("A", 0)] is None
    assert got[("B", 1)].theme == "lagens struktur och karaktär" and len(got[("B", 1)].why) >= 2


def test_the_remiss_title_and_the_instans_name_are_no_evidence():
    rows = [("Cykelförbundet", "Förbundet anser att cykelplanen saknar trafiksäkerhet vid skolor."),
            ("Trafiknämnden", "Cykelplanen bör prioritera trafiksäkerhet och belysning vid skolor."),
            ("Cykelförbundet", "Cykelplanen behöver mer cykelparkering vid stationer."),
            ("Fastighetsnämnden", "Cykelplanen saknar cykelparkering vid stationer och bytespunkter.")]
    items = _items(rows)
    got = suggest(items, [Theme("trafiksäkerhet"), Theme("cykelparkering")], title="Cykelplan för Stockholm")
    for s in got.values():
        assert s is not None
        assert not any("cykelplan" in w or w in ("förbundet", "cykelförbundet") for w in s.why), s.why
    assert got[("Cykelförbundet", 0)].theme == "trafiksäkerhet"
    assert got[("Fastighetsnämnden", 3)].theme == "cykelparkering"


def test_overall_verdicts_have_their_own_group_and_go_to_the_overall_theme():
    rows = [("A", "A tillstyrker förslaget i sin helhet."),
            ("B", "B ser positivt på betänkandet och utredningens intentioner."),
            ("C", "Vi välkomnar utredningen."),
            ("A", "Avgifterna för hemtjänsten bör sänkas för äldre."),
            ("D", "Avgifterna i hemtjänsten är för höga för de äldre."),
            ("C", "I dessa delar har vi inga synpunkter på tillsynen.")]
    items = _items(rows)
    got = suggest(items, [])
    verdicts = {got[("A", 0)].theme, got[("B", 1)].theme, got[("C", 2)].theme}
    assert verdicts == {"Övergripande inställning"} and got[("A", 0)].verdict
    assert got[("A", 3)].theme == got[("D", 4)].theme != "Övergripande inställning"
    # "förslaget om avgifter" is one matter, not the whole proposal.
    assert not got[("C", 5)] or got[("C", 5)].theme != "Övergripande inställning"
    named = suggest(items, [Theme("övergripande inställning"), Theme("avgifter i hemtjänsten")])
    assert named[("B", 1)].theme == "övergripande inställning"
    assert named[("A", 3)].theme == "avgifter i hemtjänsten"
    # Nothing but the theme's words would never put a topic synpunkt there.
    assert all(s is None or s.theme != "övergripande inställning" or s.verdict for s in named.values())


def test_is_overall_verdict_needs_the_whole_as_object():
    from remisstui.domain.themes import is_overall_verdict

    assert is_overall_verdict("Forum och Famna tillstyrker utredningen, men varnar för kostnaderna.")
    assert is_overall_verdict("Vi är positiva till mycket och välkomnar särskilt jämställdheten.")
    assert is_overall_verdict("Saco uppfattar att utredningen på ett gediget sätt genomfört sitt uppdrag.")
    assert not is_overall_verdict("IFAU tillstyrker förslaget om att ett krav på uppföljning införs.")
    assert not is_overall_verdict("Vi instämmer i utredningens bedömning att äldreomsorgen ska ingå.")
    assert not is_overall_verdict("Länsstyrelsen ser liksom utredningen en nytta i att arbeta förebyggande.")
    assert not is_overall_verdict("Vi tillstyrker samtliga förslag som rör barns rättigheter.")


def test_stance_reads_verbs_with_their_negations_never_a_noun():
    from remisstui.domain.themes import stance

    assert stance("I dessa delar har vi inga synpunkter.") == 0
    assert stance("Stora delar av förslaget gäller tillsynen.") == 0
    assert stance("Vi delar utredningens bedömning.") == 1
    assert stance("FSS delar inte utredningens bedömning om LSS.") == -1
    assert stance("Nämnden kan inte tillstyrka förslaget.") == -1
    assert stance("Förbundet ställer sig bakom förslaget.") == 1
    assert stance("Nämnden ställer krav på uppföljning.") == 0
    assert stance("Vi ser med oro på att stödet minskar.") == -1
    assert stance("Regionen avstyrker förslaget.") == -1
