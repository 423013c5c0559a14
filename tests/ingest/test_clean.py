"""Noise classes and datelines (sitrep.ingest.clean): tables of (text, expected), including
texts that must be left alone."""

from __future__ import annotations

import pytest

from sitrep.ingest.clean import (
    classify_line,
    classify_paragraph,
    ends_sentence,
    is_article_end,
    is_caps_heading,
    is_closing_note,
    is_inside_label,
    is_signature,
    is_start_label,
    looks_like_heading,
    parse_dateline,
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Tag - Air defense", "tag"),
        ("Tags: Baltics, NATO", "tag"),
        ("First published on ExampleToons.com, May 2, 2025 | By Jane Roe", "credit"),
        ("Smith First published in The Harbour Review, March 3, 2025 | By Ana Ruiz", "credit"),
        ("> The army needs more instructors, the minister said.", "pull_quote"),
        ("Maria Lind contributed reporting from Riga.", "byline"),
        ("Ana Ruiz and Tom Becker contributed reporting from Madrid. Lea", "byline"),
        ("Credit: Jane Roe/ExampleToons", "credit"),
        ("© 2025 Riverside Ledger", "credit"),
        ("Keywords: NATO, Baltics", "tag"),
        ("TAGS: NATO, BALTICS", "tag"),
        ("Originally published in the Riverside Ledger, May 3, 2025", "credit"),
        ("Reprinted with permission of the Harbour Review.", "credit"),
        ("Posted in Baltics, Air defense", "tag"),
        ("Filed under NATO", "tag"),
        ("#NATO #Baltics", "tag"),
        ("Courtesy of the Harbour Review", "credit"),
        ("Distributed by Riverside Ledger | May 3, 2025", "credit"),
        ("Advertisement", "furniture"),
        ("Story continues below advertisement", "furniture"),
        ("Share this article", "furniture"),
        ("4 min read", "furniture"),
        ("READ MORE: Poland orders more drones", "furniture"),
        ("Sign up for our daily defense newsletter", "furniture"),
        ("Home / World / Europe", "tag"),
        ("Home > Defence > Navy", "tag"),
        ("News › Courts", "tag"),
        ("World » Europe » Baltics", "tag"),
        ("World / Europe / Elections 2025", "tag"),
        ("NEWS | COURTS", "tag"),
        ("ELECTIONS 2025 | Analysis", "tag"),
        ("Most read", "furniture"),
        ("Related stories:", "furniture"),
        ("You may also like", "furniture"),
        ("TRENDING NOW", "furniture"),
        ("", "blank"),
        # Body text that mentions the same words must stay body.
        ("The tag on the crate said it came from the port of Gdansk.", None),
        ("Officials said the first published estimate was too low.", None),
        ("She said many people contributed to the effort over the years.", None),
        ("Brussels > Washington, the slogan read.", None),
        ("Copyright law in 2016 was debated at length.", None),
        ("First published in The Atlantic in 2015, the essay argued that the", None),
        ("Reprinted with permission from the ministry, the letter says that", None),
        ("Posted in Kabul, the officer said he had served two tours before", None),
        ("Provided by the Pentagon, the figures show a sharp rise in", None),
        ("#1 on the list of the navy's needs is a new tanker.", None),
        ("More than 40 drones were shot down, the ministry said, and", None),
        ("Read more about the plan in the ministry's annual report.", None),
        ("Advertisements for the new rifle ran in three papers.", None),
        # A newsletter's own section heading has a full stop; a teaser says more.
        ("TOP STORIES.", None),
        ("Latest figures show the navy short of 2,000 sailors.", None),
        ("Related reporting by Ana Ruiz and Tom Becker appeared in May.", None),
        # Slashes and bars in prose or credits are no breadcrumb trail.
        ("Ruth Okafor / Harbor Gazette", None),
        ("He said the 3 / 4 majority was needed, and the vote / count was close.", None),
        ("Home is where the navy is / the admiral said", None),
        ("Trump / Clinton, the ballot read.", None),
        ("The readiness rate was 60 | 70 | 80 percent over three years.", None),
    ],
)
def test_classify_line(line: str, kind: str | None) -> None:
    assert classify_line(line) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Lea Brandt and Tom Becker contributed reporting from Oslo. Ana Ruiz contributed "
            "reporting from Madrid.",
            "byline",
        ),
        # A "By" line under a headline.
        ("By Jana Kral", "byline"),
        ("BY JANA KRAL AND OLE VIK", "byline"),
        ("By Jana Kral, Ole Vik and Mia Berg", "byline"),
        ("By Jana Kral, Harbour Desk", "byline"),
        ("By Jana Kral | March 3, 2025", "byline"),
        # Prose or a Title Case headline that opens with "By" is no byline.
        ("By Friday, Defense Minister Ole Vik had signed the order.", None),
        ("By Monday the fleet was back in port.", None),
        ("By The Numbers", None),
        ("By Land And Sea", None),
        ("A test vessel is pictured in the harbor of Den Helder.", "caption"),
        ("President Alar Karis speaks in Tallinn on Friday. (AP Photo/Jane Roe)", "caption"),
        ("MILITARIES PREPARE FOR WINTER", "section_header"),
        ("‘NOT THIS TIME’", "section_header"),
        ("WHAT COMES NEXT?", "section_header"),
        # Labels with a full stop are part of a body ("ABSTRACT.", "FULL TEXT.").
        ("ABSTRACT.", None),
        ("NATO", None),
        ("The minister said the soldiers gathered their equipment and left.", None),
        # Prose that mentions a photo or a pose is no caption: it reports, with a clause.
        ("Ms. Vale said that the crew had refused to pose with the visiting ministers.", None),
        ("Speakers include two admirals, who have until now been rarely seen in public.", None),
        ("Members of the crew pose with the new frigate at the shipyard in Gdansk.", "caption"),
        # A caption names who is shown in a few words; a long run before the pose is prose.
        (
            "The defense minister of Estonia mocked a doctored photo of the navy chief and his "
            "deputy posing with a pop singer.",
            None,
        ),
        ("Is there enough money for the program?", None),
    ],
)
def test_classify_paragraph(text: str, kind: str | None) -> None:
    assert classify_paragraph(text) == kind


@pytest.mark.parametrize(
    ("text", "place", "agency", "rest"),
    [
        ("BERLIN — The Commission's plan", "BERLIN", None, "The Commission's plan"),
        ("WASHINGTON (AP) — Officials said", "WASHINGTON", "AP", "Officials said"),
        ("STATE COLLEGE, Pa. - Researchers will", "STATE COLLEGE, Pa.", None, "Researchers will"),
        ("Washington (AFP) – The Pentagon is", "Washington", "AFP", "The Pentagon is"),
        ("NEW YORK — “We are ready,” she said.", "NEW YORK", None, "“We are ready,” she said."),
        ("RENO, Nev. (AP) — A candidate says", "RENO, Nev.", "AP", "A candidate says"),
        ("OSLO, Nov. 19 (UPI) — Norway said", "OSLO", "UPI", "Norway said"),
        ("Kyiv, Aug 27 (Reuters) - A drone hit", "Kyiv", "Reuters", "A drone hit"),
        # A wire story that kept only its date.
        ("Aug 27 (Reuters) - Officials said", "", "Reuters", "Officials said"),
    ],
)
def test_parse_dateline(text: str, place: str, agency: str | None, rest: str) -> None:
    found = parse_dateline(text)
    assert found is not None
    assert (found.place, found.agency, text[found.end :]) == (place, agency, rest)


@pytest.mark.parametrize(
    "text",
    [
        "NATO — the alliance — has grown.",
        "The EU — and its members — agreed.",
        "Berlin — a city of contrasts — hosted the talks.",
        "U.S. President Donald Trump said on Monday",
        "CONGRESS HAS INVESTIGATED HIM — For years, the doctor was questioned.",
        "MILITARIES PREPARE FOR WINTER",
        # A newsletter's run-in item heading: dash glued to the words, a quoted headline after.
        "NOW OPEN—“Harbour museum adds a drone gallery,” by a staff writer: The museum",
        "",
    ],
)
def test_parse_dateline_rejects(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Navy Trials Uncrewed Boats In The North Sea", True),
        ("Bolstering the supply of artillery shells", True),
        ("Is the technology ready?", True),
        ("PREVENTING A WIDER WAR", True),
        ("The ministry said it would buy more shells.", False),
        ("he added that the talks would continue", False),
        ("", False),
    ],
)
def test_looks_like_heading(text: str, expected: bool) -> None:
    assert looks_like_heading(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Follow Jane Roe on Twitter @janeroe.", True),
        # Sign-offs set in Title Case or capitals close articles just the same.
        ("Follow Jane Roe On Twitter @janeroe.", True),
        ("EMAIL: desk@example.org.", True),
        ("(Reporting by Tomas Vidal; Editing by Ruth Green.)", True),
        ("Contributing: Ana Ruiz and Tom Becker.", True),
        ("Lea Brandt reported from Vilnius.", True),
        ("Correction: May 2, 2025, Friday.", True),
        ("The minister will follow the talks on Twitter, she said.", False),
        ("Officials reported from the scene that two drones were shot down.", False),
        # An op-ed's author tagline closes it.
        ("Mara Lindqvist is a senior fellow at the Baltic Security Institute in Tallinn.", True),
        ("Col. Jon Ekberg, a former artillery officer, was director of the staff college.", True),
        ("Pia Sand, a retired diplomat, is Senior Fellow at the Harbour Forum.", True),
        ("Tom Vale edits the weekly Defense Digest for the Northfield Courier.", True),
        ("Rep. Ana Holm, D-Minn., chairs the House armed services panel.", True),
        ("Mara Lindqvist is the new defense minister.", False),
        ("Lindqvist is a Tallinn-based correspondent for the Baltic Courier.", True),
        ("Lindqvist is a reporter at heart, her aides say.", False),
        ("Lindqvist is a senator for Estonia's coast.", False),
        ("Ana Ruiz is a staff reporter for the Northfield Courier.", True),
        ("Tom Becker is a photographer based in Riga.", True),
        ("Ana Holm, a retired admiral, is a member of the Courier's Board of Contributors.", True),
        ("Tom Becker is a columnist.", True),
        ("Ana Ruiz contributed.", True),
        ("Ana Ruiz contributed to this report.", True),
        ("The talks -- the first in years -- went well.", False),
        # Book excerpts close with their rights line; video pieces point back at the player.
        ("Copyright © 2025 by Ana Ruiz. Reprinted courtesy of Harbour Books.", True),
        ("Watch the ministry's video above.", True),
        ("Watch the full briefing here.", True),
        ("Watch the drills here and on the navy's channel, officials said.", False),
        ("Read the rest of the story at the Harbour Review.", True),
        ("View full results: example.org/vote.", True),
        ("Read the ministry's statement in full, she said.", False),
        ("See the photos from the parade below:", False),
        # Calls to the reader, production credits and "more to come" close an article too.
        ("Read it all here.", True),
        ("Click here for the full list of bases.", True),
        ("Share your view in the comments below.", True),
        ("Podcast produced by Lena Ortmann.", True),
        ("More details to follow.", True),
        ("More updates awaited.", True),
        ("Follow @harbourdesk.", True),
        # A sign-off may describe the author at length, or close a tagline with a handle.
        (
            "Follow Harbour Courier defense reporter and Baltic Institute fellow Lena Ortmann"
            " on Twitter at @lenaortmann.",
            True,
        ),
        ("Follow Tom B. Vale on X at @tomvale.", True),
        (
            "Follow the money, the senator said on Monday, after a week of attacks on Twitter.",
            False,
        ),
        ("Tom Vale is a historian at Riga University. He tweets @tomvale.", True),
        ("Tom Vale is Senior Editor-at-Large at the Harbour Courier.", True),
        ("Ana Ruiz is editor-in-chief of the Northfield Courier.", True),
        ("Follow @harbourdesk or #harbourwatch.", True),
        ("Translated from the Polish by Ana Ruiz.", True),
        ("Story by Tom Becker Video produced by Lena Ortmann.", True),
        ("Story by story, the archive grew.", False),
        ("The Harbour Courier has supplemented this Reuters article with more quotes.", True),
        ("The navy has updated its fleet plan with two more frigates.", False),
        # Event notes end on where to find more.
        ("Ana Holm sings at Harbour Hall through Aug. 12. For more information, head here.", True),
        ("For more details, visit the navy's website.", True),
        ("For more information on the drills, see the ministry's site.", True),
        ("For more information to reach soldiers, the army will go to radio.", False),
        ("On Twitter follow Ana Ruiz https://example.org/anaruiz.", True),
        ("More troops will follow in the spring.", False),
        # Newsletter sign-up prompts close an article.
        ("Want more from Ana? Sign up for her newsletter, Harbour Notes.", True),
        ("Sign up for our morning briefing newsletter.", True),
        ("Enter your email address:", True),
        ("Sign up for the reserve, the army urged young men.", False),
        ("Share prices rose below expectations.", False),
        ("Tom Vale was in Riga on Monday, where he met soldiers and talked about drones.", False),
        # A tagline's role describes its subject: not a role across a comma, a sentence or a
        # quotation, nor a title before a name.
        ("Mr. Vale is so careless, the vice president said, that he lost the codes.", False),
        ("Ms. Holm is unhappy. ''I want Tom Vale as president of the club.''", False),
        ("Tom Vale is at odds with President Ana Ruiz on the frigate order.", False),
        ("Ana Holm is a professor at Riga University, and a columnist.", True),
        ("Tom Vale is a former U.S. Army officer and a fellow at the Harbour Institute.", True),
    ],
)
def test_is_article_end(text: str, expected: bool) -> None:
    assert is_article_end(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This story was updated to add the minister's comments.", True),
        ("(Reporting by Tomas Vidal; Editing by Ruth Green.)", True),
        # An author's tagline closes op-eds, but a lede can read the same way.
        ("Mara Lindqvist is a senior fellow at the Baltic Security Institute in Tallinn.", False),
        ("Ana Holm is pushing fellow senators to reject the arms deal.", False),
    ],
)
def test_is_closing_note_leaves_out_author_taglines(text: str, expected: bool) -> None:
    assert is_closing_note(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Whitfield.", True),
        ("Mary J. Ortiz.", True),
        ("Springfield, Ill.", True),
        ("Fort Worth, TX", True),
        # Headlines and body sentences are not signatures.
        ("Navy Orders Frigates", False),
        ("Kiel Shipyard Wins Frigate Order From Navy.", False),
        ("Another first.", False),
        ("IN BRIEF.", False),
        ("The minister, Dana Whitfield, said no.", False),
    ],
)
def test_is_signature(text: str, expected: bool) -> None:
    assert is_signature(text) is expected


def test_export_labels() -> None:
    assert is_start_label("ABSTRACT.")
    assert is_start_label("LETTERS.")  # a newspaper's letters page
    assert is_start_label("Letters to the Editor")
    assert is_start_label("IN BRIEF.")
    assert is_start_label("TOP STORIES.")
    assert is_inside_label("FULL TEXT.")
    assert not is_start_label("The abstract was long.")
    assert not is_inside_label("FULL TEXT OF THE SPEECH")


def test_ends_sentence_and_caps_heading() -> None:
    assert ends_sentence("He said so.”")
    assert ends_sentence("Is it ready?")
    assert not ends_sentence("the talks would continue")
    assert not ends_sentence("Chile orders two frigates;")
    assert ends_sentence("Officials called it a “red line”")
    # A comma inside the closing quote hands over to an attribution: the sentence goes on.
    assert not ends_sentence("“We will build them quickly,”")
    assert is_caps_heading("THE WILLING")
    assert not is_caps_heading("The Willing")


@pytest.mark.parametrize(
    "lede",
    [
        "Ana Holm is pushing fellow senators to reject the arms deal with the shipyard's director.",
        "Tom Vale was elected chair of the defense committee on Tuesday.",
        "Mara Lindqvist was quietly named director of the naval staff college.",
        "Pia Sand, who is accused of leaking plans, was taken into custody by the police director.",
    ],
)
def test_a_lede_with_a_progressive_or_passive_verb_is_no_author_tagline(lede: str) -> None:
    # An author's tagline says what the author *is* ("is a senior fellow at"); a lede says
    # what someone is doing or what was done to them, and may name a role further on.
    assert not is_article_end(lede)
