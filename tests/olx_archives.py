"""Open edX archives built here from the OLX reference (docs.openedx.org, "OLX
course structure"): ``course.xml`` points at ``course/<run>.xml``, which holds the
chapters; components are inline or in files of their own; ``static/``,
``policies/<run>/`` and ``about/`` as Studio exports them, all under one top folder
``course/``. No binary fixtures: each test builds the archive it reads."""

import io
import json
import tarfile


def tar_gz(files, top="course"):
    """A .tar.gz of {path: text or bytes} under the folder ``top``."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo(f"{top}/{path}" if top else path)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


SRT_EN = "1\n00:00:00,000 --> 00:00:02,500\nWelcome to Wikipedia.\n"
SRT_FR = "1\n00:00:00,000 --> 00:00:02,500\nBienvenue sur Wikipédia.\n"

PROBLEM_SINGLE = """<problem display_name="Pillars" weight="2" max_attempts="3">
<multiplechoiceresponse>
  <label>Which is a pillar of Wikipedia?</label>
  <choicegroup type="MultipleChoice">
    <choice correct="false">Original research
      <choicehint>No: no original research.</choicehint>
    </choice>
    <choice correct="true">Neutral point of view
      <choicehint>Yes, the second pillar.</choicehint>
    </choice>
  </choicegroup>
</multiplechoiceresponse>
<solution><div class="detailed-solution">
<p>Five pillars: see <img src="/static/pillars.png"/>.</p>
</div></solution>
<demandhint><hint>Think of neutrality.</hint><hint>NPOV.</hint></demandhint>
</problem>"""

PROBLEM_CHECKBOX = """<problem display_name="Licences">
<choiceresponse partial_credit="EDC">
  <label>Which licences allow reuse?</label>
  <checkboxgroup>
    <choice correct="true">CC BY-SA
      <choicehint selected="true">Right.</choicehint>
      <choicehint selected="false">It does.</choicehint>
    </choice>
    <choice correct="true">CC0
    </choice>
    <choice correct="false">All rights reserved
    </choice>
  </checkboxgroup>
</choiceresponse>
</problem>"""

PROBLEM_OPTION = """<problem display_name="Namespace">
<optionresponse>
  <label>User pages are in namespace</label>
  <optioninput>
    <option correct="False">0<optionhint>That is articles.</optionhint></option>
    <option correct="True">2</option>
  </optioninput>
</optionresponse>
</problem>"""

PROBLEM_NUMBER = """<problem display_name="Year">
<numericalresponse answer="2001">
  <label>When was Wikipedia founded?</label>
  <responseparam type="tolerance" default="1"/>
  <formulaequationinput/>
</numericalresponse>
</problem>"""

PROBLEM_TEXT = """<problem display_name="Founder">
<stringresponse answer="Jimmy Wales" type="ci">
  <label>Who founded Wikipedia with Larry Sanger?</label>
  <additional_answer answer="Jimbo"/>
  <textline size="20"/>
</stringresponse>
</problem>"""

PROBLEM_REGEXP = """<problem display_name="Pillars word">
<stringresponse answer="[Pp]illars?" type="regexp cs">
  <label>The five …</label>
  <textline/>
</stringresponse>
</problem>"""

PROBLEM_SCRIPT = """<problem display_name="Code">
<script type="loncapa/python">def check(expect, ans): return True</script>
<customresponse cfn="check"><textline/></customresponse>
</problem>"""

ASSESSMENT = """<openassessment url_name="essay" display_name="Write a stub"
    submission_start="2027-01-01T00:00:00Z">
<title>Write a stub</title>
<prompts><prompt><description>Write a stub about your town.</description></prompt></prompts>
<rubric>
  <criterion feedback="optional">
    <name>sources</name><label>Sources</label><prompt>Does it cite sources?</prompt>
    <option points="0"><name>none</name><label>None</label>
      <explanation>No source.</explanation></option>
    <option points="2"><name>good</name><label>Reliable sources</label>
      <explanation>Yes.</explanation></option>
  </criterion>
  <criterion>
    <name>tone</name><label>Neutral tone</label><prompt>Is it neutral?</prompt>
    <option points="0"><name>no</name><label>No</label></option>
    <option points="1"><name>yes</name><label>Yes</label></option>
  </criterion>
</rubric>
<assessments>
  <assessment name="peer-assessment" must_grade="4" must_be_graded_by="2"/>
  <assessment name="self-assessment"/>
</assessments>
</openassessment>"""


def full_course():
    """A course with every mapping the import reads."""
    return {
        "course.xml": '<course url_name="2027" org="WikiFr" course="WM01"/>',
        "course/2027.xml": (
            '<course display_name="Wikimooc" language="fr" course_image="cover.png">'
            '<chapter url_name="ch1"/>'
            '<chapter display_name="Inline chapter" start="2027-04-05T00:00:00Z">'
            '<sequential display_name="Inline seq">'
            '<vertical display_name="Only unit"><html display_name="Note">'
            '<p>Inline <b>text</b> and <a href="/asset-v1:WikiFr+WM01+2027'
            '+type@asset+block@docs_guide.pdf">guide</a>.</p>'
            '</html><lti_consumer url_name="tool" display_name="Tool"/></vertical>'
            '</sequential></chapter>'
            '<wiki slug="WikiFr.WM01.2027"/></course>'
        ),
        "chapter/ch1.xml": '<chapter display_name="Discover"><sequential url_name="s1"/></chapter>',
        "sequential/s1.xml": (
            '<sequential display_name="The pillars" graded="true" format="Homework">'
            '<vertical url_name="v1"/><vertical url_name="v2"/></sequential>'
        ),
        "vertical/v1.xml": (
            '<vertical display_name="Read"><html url_name="intro"/>'
            '<video url_name="welcome"/><problem url_name="p1"/><problem url_name="p2"/>'
            '</vertical>'
        ),
        "vertical/v2.xml": (
            '<vertical display_name="Practise"><problem url_name="p3"/>'
            '<problem url_name="p4"/><problem url_name="p5"/><problem url_name="p6"/>'
            '<problem url_name="p7"/><openassessment url_name="essay"/>'
            '<library_content url_name="lib" display_name="Library"/></vertical>'
        ),
        "html/intro.xml": '<html filename="intro" display_name="Intro"/>',
        "html/intro.html": (
            '<p>See <img src="/static/pillars.png" alt="pillars"/> and'
            ' <a href="/static/missing.pdf">this</a>.</p><script>alert(1)</script>'
        ),
        "video/welcome.xml": (
            '<video display_name="Welcome" youtube="1.00:dQw4w9WgXcQ"'
            ' youtube_id_1_0="dQw4w9WgXcQ"'
            ' html5_sources=\'["https://example.org/welcome.mp4"]\'>'
            '<source src="https://example.org/welcome.mp4"/>'
            '<transcript language="en" src="welcome-en.srt"/>'
            '<transcript language="fr" src="welcome-fr.srt"/></video>'
        ),
        "problem/p1.xml": PROBLEM_SINGLE,
        "problem/p2.xml": PROBLEM_CHECKBOX,
        "problem/p3.xml": PROBLEM_OPTION,
        "problem/p4.xml": PROBLEM_NUMBER,
        "problem/p5.xml": PROBLEM_TEXT,
        "problem/p6.xml": PROBLEM_REGEXP,
        "problem/p7.xml": PROBLEM_SCRIPT,
        "openassessment/essay.xml": ASSESSMENT,
        "static/pillars.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
        "static/cover.png": b"\x89PNG\r\n\x1a\n" + b"\1" * 64,
        "static/docs/guide.pdf": b"%PDF-1.4\n%%EOF\n",
        "static/welcome-en.srt": SRT_EN,
        "static/welcome-fr.srt": SRT_FR,
        "about/overview.html": "<section><h2>About</h2><p>Learn to edit.</p></section>",
        "about/short_description.html": "Learn to edit   Wikipedia.",
        "policies/2027/grading_policy.json": json.dumps({
            "GRADER": [
                {"type": "Homework", "min_count": 1, "drop_count": 0, "weight": 0.6},
                {"type": "Peer Assessment", "min_count": 1, "drop_count": 0,
                 "weight": 0.4},
            ],
            "GRADE_CUTOFFS": {"Pass": 0.6},
        }),
        "policies/2027/policy.json": json.dumps({
            "course/2027": {"start": "2027-03-01T00:00:00Z", "end": "2027-04-30T00:00:00Z"},
            "chapter/ch1": {"start": "2027-03-08T00:00:00Z"},
            "sequential/s1": {"due": "2027-03-20T23:59:00Z", "graded": True},
        }),
    }
