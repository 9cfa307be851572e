from wikimooc.policy.usernames import InvalidUsername
from wikimooc.policy.usernames import normalise_username
from wikimooc.policy.usernames import normalise_usernames
from wikimooc.policy.usernames import split_pasted_names
from zope.i18n import translate

import pytest


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Jean Dupont", "Jean Dupont"),
        ("jean dupont", "Jean dupont"),
        ("jean_dupont", "Jean dupont"),
        ("  Jean Dupont \t", "Jean Dupont"),
        ("Jean   Dupont", "Jean Dupont"),
        ("Jean_ _Dupont", "Jean Dupont"),
        ("__jean__dupont__", "Jean dupont"),
        ("éloïse", "Éloïse"),
        ("élOÏSE", "ÉlOÏSE"),
        ("ñandú", "Ñandú"),
        ("jEAN", "JEAN"),
        ("User:Alice", "Alice"),
        ("user:alice", "Alice"),
        ("USER:alice", "Alice"),
        ("User: Alice", "Alice"),
        ("User_:_Alice", "Alice"),
        ("Utilisateur:éloïse", "Éloïse"),
        ("utilisatrice:Éloïse", "Éloïse"),
        ("Benutzer:Jürgen", "Jürgen"),
        ("Benutzerin:jutta", "Jutta"),
        ("Usuario:josé", "José"),
        ("usuaria:María", "María"),
        ("Gebruiker:jan_de_vries", "Jan de vries"),
        ("Userbox", "Userbox"),
        ("Benutzerin", "Benutzerin"),
        ("Alice!", "Alice!"),
        ("O'Brien", "O'Brien"),
        ("Jean-Pierre (WMFr)", "Jean-Pierre (WMFr)"),
        ("1.2.3", "1.2.3"),
        ("Bot 192.168.0.1", "Bot 192.168.0.1"),
        ("語言", "語言"),
    ],
)
def test_valid_names_are_canonicalised(raw, expected):
    assert normalise_username(raw) == expected


@pytest.mark.parametrize(
    "raw, reason",
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("___", "is empty"),
        ("User:", "is empty"),
        ("Utilisateur: _ ", "is empty"),
        ("Alice#1", "forbidden character: #"),
        ("<Alice>", "forbidden character: <"),
        ("Alice>", "forbidden character: >"),
        ("[[Alice]]", "forbidden character: ["),
        ("Alice]", "forbidden character: ]"),
        ("Alice|Bob", "forbidden character: |"),
        ("{{Alice}}", "forbidden character: {"),
        ("Alice}", "forbidden character: }"),
        ("alice@example.org", "forbidden character: @"),
        ("Alice=Bob", "forbidden character: ="),
        ("Alice/sandbox", "forbidden character: /"),
        ("Talk:Alice", "forbidden character: :"),
        ("Users:Alice", "forbidden character: :"),
        ("User:User:Alice", "forbidden character: :"),
        ("Alice\tBob", "control character"),
        ("Alice\x00", "control character"),
        ("Alice\x7fBob", "control character"),
        ("192.168.0.1", "is an IP address, not an account"),
        ("User:10.0.0.1", "is an IP address, not an account"),
        ("300.300.300.300", "is an IP address, not an account"),
        ("1.2.3.xxx", "is an IP address, not an account"),
        ("2001:db8::1", "is an IP address, not an account"),
        ("::1", "is an IP address, not an account"),
        ("fe80::1", "is an IP address, not an account"),
    ],
)
def test_invalid_names_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(InvalidUsername) as caught:
        normalise_username(raw)
    assert reason in translate(caught.value.reason)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "raw, valid",
    [
        ("a" * 255, True),
        ("a" * 256, False),
        ("é" * 127 + "a", True),  # 2-byte characters: 254 + 1 bytes
        ("é" * 128, False),
        ("語" * 85, True),  # 3-byte characters: 255 bytes
        ("語" * 85 + "a", False),
        ("User:" + "a" * 255, True),  # the prefix does not count
        ("  " + "a" * 255 + "  ", True),
    ],
)
def test_length_is_limited_to_255_utf8_bytes(raw, valid):
    if valid:
        assert len(normalise_username(raw).encode("utf-8")) <= 255
    else:
        with pytest.raises(InvalidUsername) as caught:
            normalise_username(raw)
        assert translate(caught.value.reason) == "is longer than 255 bytes"


def test_batch_keeps_input_order_and_reports_each_name():
    given = ["jean_dupont", "Alice#1", "User:éloïse", "192.168.0.1", "jean dupont"]
    results = normalise_usernames(given)
    assert [(r.given, r.name, r.reason and translate(r.reason)) for r in results] == [
        ("jean_dupont", "Jean dupont", None),
        ("Alice#1", None, "contains a forbidden character: #"),
        ("User:éloïse", "Éloïse", None),
        ("192.168.0.1", None, "is an IP address, not an account"),
        ("jean dupont", "Jean dupont", None),
    ]


def test_batch_accepts_any_iterable():
    assert normalise_usernames(iter([])) == []
    assert [r.name for r in normalise_usernames(n for n in ("a", "b"))] == ["A", "B"]


def test_results_are_frozen():
    result = normalise_usernames(["Alice"])[0]
    with pytest.raises(AttributeError):
        result.name = "Bob"


@pytest.mark.parametrize(
    "text, names",
    [
        ("", []),
        ("Alice", ["Alice"]),
        ("Jean Dupont\nÉloïse Martin", ["Jean Dupont", "Éloïse Martin"]),
        ("Alice\r\nBob\r\n", ["Alice", "Bob"]),
        ("Alice, Bob;Carol", ["Alice", "Bob", "Carol"]),
        ("Alice,,;\n\n  ,Bob", ["Alice", "Bob"]),
        ("  Jean Dupont  ;  ", ["Jean Dupont"]),
        ("User:Alice\nUtilisateur:Bob", ["User:Alice", "Utilisateur:Bob"]),
    ],
)
def test_split_pasted_names(text, names):
    assert split_pasted_names(text) == names
