"""A name or title inserted into a sentence where markup cannot go (the browser's
``<title>``, an attribute, a ``<select>``'s option), isolated as ``<bdi>`` isolates it
in a page: between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so
that an Arabic title in an English sentence, or a Latin one in an Arabic sentence,
takes its own direction and leaves its neighbours in place. Browsers and screen
readers do not show or read the two characters."""

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolated(text):
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}" if text else text
