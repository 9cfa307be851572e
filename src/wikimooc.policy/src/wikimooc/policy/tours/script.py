"""The on-wiki JavaScript of a tour draft, written with GuidedTour's TourBuilder API:

    ( function ( gt ) {
        var tour = new gt.TourBuilder( { name: 'firstedit' } );
        tour.firstStep( { name: 'edit', title: ..., description: ..., ... } )
            .next( 'save' );
        tour.step( { name: 'save', ... } )
            .back( 'edit' );
    }( mw.guidedTour ) );

Titles and texts are HTML-escaped (GuidedTour shows them as HTML) and written as
JSON strings, so whatever a teacher types stays text on the wiki.
"""

from html import escape
from wikimooc.policy import _
from zope.i18n import translate

import json


def js_string(text):
    # JSON allows U+2028 and U+2029 in strings; older JavaScript parsers do not.
    encoded = json.dumps(text, ensure_ascii=False)
    return encoded.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def step_buttons(step, course_url, language):
    buttons = []
    for action in step.buttons or ():
        if action == "course":
            label = translate(_("Back to the course"), target_language=language)
            buttons.append(
                f"{{ name: {js_string(label)}, action: 'externalLink',"
                f" url: {js_string(course_url)} }}"
            )
        else:
            buttons.append(f"{{ action: {js_string(action)} }}")
    return buttons


def step_options(step, course_url, language):
    options = [
        f"name: {js_string(step.step_name)}",
        f"title: {js_string(escape(step.title))}",
        f"description: {js_string(escape(step.description or ''))}",
    ]
    if step.attach_to:
        options.append(f"attachTo: {js_string(step.attach_to)}")
        options.append(f"position: {js_string(step.position or 'bottom')}")
    else:
        options.append("overlay: true")
    if buttons := step_buttons(step, course_url, language):
        options.append("buttons: [ " + ", ".join(buttons) + " ]")
    return ",\n\t\t".join(options)


def tour_script(draft, steps, course_url, language):
    """The tour's page text; ``steps`` in order, ``course_url`` for "Back to the
    course" buttons, ``language`` that of the button labels."""
    lines = [
        "/*",
        # A title holding "*/" would end the comment.
        f" * Guided tour {draft.tour_name}: {draft.title.replace('*/', '* /')}",
        f" * Written on WikiMOOC, {draft.absolute_url()}",
        " */",
        "( function ( gt ) {",
        f"\tvar tour = new gt.TourBuilder( {{ name: {js_string(draft.tour_name)} }} );",
    ]
    for index, step in enumerate(steps):
        opener = "tour.firstStep" if index == 0 else "tour.step"
        lines.append("")
        lines.append(f"\t{opener}( {{\n\t\t{step_options(step, course_url, language)}\n\t}} )")
        if index > 0:
            lines.append(f"\t\t.back( {js_string(steps[index - 1].step_name)} )")
        if index < len(steps) - 1:
            lines.append(f"\t\t.next( {js_string(steps[index + 1].step_name)} )")
        lines[-1] += ";"
    lines.append("}( mw.guidedTour ) );")
    return "\n".join(lines) + "\n"
