"""Who must act: the addressee of a directive (us, china, both, self or other).

A directive match (an entry of ``analysis/lexicons/directives.csv``) names its
*kind* in the CSV's ``condition`` column, and the kind says where the party who
must act is written:

* ``deontic`` (*must, should, need to, has to, ought to*): the subject, on the
  left, in the modal's clause (after the last comma or reporting word such as
  *said*, *that*, *stressed*): *Wang Yi said the U.S. side should ...*;
* ``request`` (*ask, urge, call on, press, request, encourage, tell, expect,
  demand that*): the object, on the right, followed by *to* (*urged Beijing to
  ...*) or after *that* (*asked that the PRC do more*); in the passive (*the U.S.
  side is urged to ...*) the subject;
* ``hope`` (*hope (that) X will/can ...*): X, on the right;
* ``for_to`` (*it is necessary / important / imperative for X to*, *incumbent on
  X to*): X, on the right;
* ``responsibility`` (*X has / bears a (special) responsibility to*): the
  subject of *has* / *bears*.

The parties are found with :mod:`analysis.measure.parties` (the names in
``analysis/lexicons/addressees.csv``: *the U.S. side, Washington, the PRC, the
two sides, all parties, we, his counterpart* ...). Then:

* two parties joined by *and* or a comma are one subject: the United States and
  China -> ``both``; any other subject with *two*, *both* or *neither* ->
  ``both``; a third party with one of the two sides -> that side (*urged Russia
  and China to ...* -> china): one addressee per directive;
* a possessive names the one who must act (*Beijing's pressure on Taiwan must
  stop* -> china);
* the speaker's side (``side``, from attribution) turns their own country into
  ``self``: *China must ...* is ``self`` from a Chinese speaker and ``china``
  from an American one; ``counterpart`` entries (*his counterpart*, *you*) become
  the other side. Without a known side (``us``/``china``) a country stays
  itself and a counterpart is ``other``;
* pronouns: *we / I / us* -> self; *he / she / they / them* -> other; *it*,
  *this*, *there* name no party;
* a subject that names no party (*choices need to be made*, *it must be pointed
  out*, *the meeting should help*) or a deliberative question (*whether X
  should*) is **not a directive**: :func:`directive_addressee` returns None;
* a request inside another party's act is not a second directive (*urged the PRC
  to press the DPRK to ...*, *should encourage tourists to ...*): None;
* a request's object that is not a listed party but a capitalised name is the
  ``counterpart`` (in a bilateral readout the one asked is the other side:
  *urged Wang to ...*); a common noun (*encouraging allies to*, *the press
  podium to*) names no one: None. A verb after *the* / *a* is a noun (*the
  press*): None.

>>> from analysis.text.tokens import token_spans
>>> text = "Wang Yi said the U.S. side should stop."
>>> toks = token_spans(text)
>>> directive_addressee("deontic", toks, 6, 6, text, side="china")
'us'
>>> directive_addressee("deontic", toks, 6, 6, text, side="us")
'self'
"""
from __future__ import annotations

from pathlib import Path

from analysis.measure.parties import Parties, clause_start
from analysis.text.tokens import token_spans

ADDRESSEES = ("us", "china", "both", "self", "other")
SIDES = ("us", "china")
#: words after which the clause of a modal begins (reporting verbs, complementisers, subordinators)
CUT_WORDS = frozenset({
    "that", "which", "who", "whom", "said", "says", "say", "stressed", "stresses", "noted", "notes", "warned",
    "warns", "underscored", "underscores", "emphasized", "emphasised", "emphasizes", "reiterated", "added",
    "stated", "told", "tells", "believes", "believe", "believed", "think", "thinks", "thought", "agreed",
    "agree", "insisted", "insists", "affirmed", "argued", "maintained", "when", "while", "because", "since",
    "although", "though", "unless", "where", "so", "but"})
#: a question, not an obligation (whether the US should, how the two sides should)
_DELIBERATIVE = frozenset({"whether", "if", "why", "how"})
SKIP_ADVERBS = frozenset({"also", "really", "still", "now", "just", "all", "both", "therefore", "then", "simply",
                          "truly", "only", "certainly", "likewise", "too", "each", "first", "not", "never", "once",
                          "again", "jointly", "together", "indeed", "thus", "hence", "further", "equally", "in",
                          "turn", "particular", "always"})
_PRONOUNS = {"we": "self", "i": "self", "us~": "self", "me": "self", "ourselves": "self", "we'll": "self",
             "we'd": "self", "we've": "self", "we're": "self", "i'll": "self", "i'd": "self", "i've": "self",
             "he": "other", "she": "other", "they": "other", "him": "other", "her": "other", "them": "other",
             "you": "counterpart"}
#: pronouns that name no party: the obligation is impersonal (it must be pointed out, there must be)
_IMPERSONAL = frozenset({"it", "this", "that", "these", "those", "there", "one", "what"})
#: a request verb after one of these is part of another act (should encourage, urged X to press Y)
_MODALS = frozenset({"must", "should", "can", "could", "will", "would", "may", "might", "shall", "to"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_THAT = "that"
#: a subject with one of these words and no listed party binds both sides (the two defense ministries)
_GROUP_WORDS = frozenset({"two", "both", "neither"})
#: marks the possessive subject of a passive modal for :func:`resolve`
OWN_PASSIVE = "passive:"
#: how far after a request's object its "to" may come (a few adverbs: urged the PRC once again to)
TO_REACH = 3
#: how many words a named object of a request may have before its "to" (urged Director Wang Yi to)
OBJECT_REACH = 6


def resolve(raw: list[str], side: str | None) -> str | None:
    """One addressee from the raw addressees of a subject and the speaker's side.

    A possessive subject of a passive (``OWN_PASSIVE`` + party: *the U.S. side's sanctions must be
    lifted*) names the one who must act unless it is the speaker's own side (*China's interests must
    be respected*, said by China, asks someone unnamed to respect them): then None.

    >>> resolve(["us", "china"], None), resolve(["china"], "china"), resolve(["counterpart"], "us")
    ('both', 'self', 'china')
    >>> resolve(["self", "china"], "us"), resolve(["counterpart"], None), resolve(["other", "us"], "china")
    ('both', 'other', 'us')
    >>> resolve([OWN_PASSIVE + "us"], "china"), resolve([OWN_PASSIVE + "china"], "china")
    ('us', None)
    """
    side = side if side in SIDES else None
    if raw[0].startswith(OWN_PASSIVE):
        who = resolve([raw[0][len(OWN_PASSIVE):]], side)
        return None if who == "self" else who
    opposite = {"us": "china", "china": "us"}.get(side or "", "")
    out = []
    for a in raw:
        if a == "counterpart":
            a = opposite or "other"
        elif a == side:
            a = "self"
        out.append(a)
    named = set(out)
    if "both" in named or {"us", "china"} <= named or ("self" in named and opposite in named):
        return "both"
    return next((a for a in out if a != "other"), out[0])  # Russia and China -> china: the bilateral party


def _group_or_none(keys, a: int, b: int) -> list[str] | None:
    """``["both"]`` when tokens ``[a, b)`` have *two*, *both* or *neither* (the two militaries), else None."""
    return ["both"] if any(k in _GROUP_WORDS for k in keys[a:b]) else None


def _region_start(ctx: Parties, k: int) -> int:
    """First token of the subject region of the word at ``k``: its clause, after the last cut word."""
    start = clause_start(ctx.text, ctx.tokens, k)
    for m in range(k - 1, start - 1, -1):
        if ctx.keys[m] in CUT_WORDS:
            return m + 1
    return start


def _earlier_subject(ctx: Parties, start: int) -> list[str] | None:
    """For a modal whose clause has no subject (*The U.S. side, he said, should*): a party that opens
    one of the three clauses before it."""
    for _ in range(3):
        if start == 0:
            return None
        start = _region_start(ctx, start - 1)
        found = ctx.party(start)
        if found is not None:
            return [p.addressee for p in ctx.group_from(found)]
    return None


def subject_before(ctx: Parties, k: int) -> list[str] | None:
    """The raw addressees of the subject of the word at token ``k`` (a modal, *is*, *has*), or None."""
    keys = ctx.keys
    start = _region_start(ctx, k)
    if any(keys[m] in _DELIBERATIVE for m in range(start, k)):
        return None
    e = k - 1
    while e >= start and (keys[e] in SKIP_ADVERBS or (keys[e].endswith("ly") and len(keys[e]) > 4)):
        e -= 1
    if e < start:
        return _earlier_subject(ctx, start)
    if keys[e] in _IMPERSONAL:
        return None
    if keys[e] in _PRONOUNS and not ctx.poss[e]:
        return [_PRONOUNS[keys[e]]]
    found = ctx.find(start, e + 1)
    if found and found[-1].end == e + 1 and not found[-1].possessive:
        return [p.addressee for p in ctx.group_before(found, len(found) - 1)]
    if found and found[0].start <= start + 1:
        if found[0].possessive and _passive_after(ctx, k):
            return [OWN_PASSIVE + found[0].addressee]  # see resolve
        return [p.addressee for p in ctx.group_from(found[0])]
    return _group_or_none(keys, start, e + 1)


def _passive_after(ctx: Parties, k: int) -> bool:
    """Whether the modal at ``k`` is followed by *be* (*must be respected*, *needs to be handled*)."""
    rest = [w for w in ctx.keys[k + 1:k + 4] if w not in SKIP_ADVERBS and w != "to"]
    return bool(rest) and rest[0] == "be"


def _to_follows(ctx: Parties, q: int, reach: int) -> bool:
    """Whether *to* comes at token ``q`` or after at most ``reach`` adverbs."""
    for m in range(q, min(len(ctx.keys), q + reach + 1)):
        if ctx.keys[m] == "to":
            return True
        if ctx.keys[m] not in SKIP_ADVERBS and not ctx.keys[m].endswith("ly"):
            return False
    return False


def object_after(ctx: Parties, p: int, need_to: bool = True) -> list[str] | None:
    """The raw addressees of a request's object starting at token ``p`` (*the PRC to ...*,
    *that the U.S. stop ...*), or None when there is none. The object is a listed party, a pronoun,
    or a capitalised name followed by *to* (*urged Wang to ...*: the counterpart); a common noun
    (*encouraging allies to*, *the press podium to*) names no one the readouts compare."""
    keys, n = ctx.keys, len(ctx.keys)
    if p < n and keys[p] == _THAT:
        p, need_to = p + 1, False
    if p >= n or keys[p] in _IMPERSONAL:
        return None
    found = ctx.party(p)
    if found is not None:
        group = ctx.group_from(found)
        end, reach = group[-1].end, (OBJECT_REACH if group[-1].possessive else TO_REACH)
        if need_to and not _to_follows(ctx, end, reach) and not any(
                keys[m] == "to" for m in range(end, min(n, end + reach + 1))):
            return None
        return [g.addressee for g in group]
    if keys[p] in _PRONOUNS:
        return [_PRONOUNS[keys[p]]] if not need_to or _to_follows(ctx, p + 1, TO_REACH) else None
    if not need_to:
        return None
    gap_end = min(n, p + OBJECT_REACH + 1)
    to = next((m for m in range(p + 1, gap_end) if keys[m] == "to"), None)
    if to is None or clause_start(ctx.text, ctx.tokens, to) > p:
        return None
    if any(k in _GROUP_WORDS for k in keys[p:to]):
        return ["both"]
    name = all(t[3][:1].isupper() for t in ctx.tokens[p:to])  # Secretary Blinken, Director Wang Yi
    return ["counterpart"] if name else None


def _skip_back(ctx: Parties, i: int) -> int:
    """The index of the word before ``i`` that is not an adverb (-1 when none)."""
    b = i - 1
    while b >= 0 and (ctx.keys[b] in SKIP_ADVERBS or (ctx.keys[b].endswith("ly") and len(ctx.keys[b]) > 4)):
        b -= 1
    return b


#: request verbs whose wanted act may follow in a that-clause (asked that the PRC do more)
_THAT_VERBS = ("ask", "request", "demand", "urg", "insist")
#: words before a request verb that make it a noun (the press, a request)
_NOUN_BEFORE = frozenset({"the", "a", "an", "this", "that", "its", "their", "our", "his", "her"})


def _request(ctx: Parties, i: int, j: int) -> list[str] | None:
    """Request verbs: the object (active) or the subject (passive); None when relayed or without one."""
    verb = next((k for k in ctx.keys[i:j + 1] if k not in ("we", "i")), ctx.keys[i])
    b = _skip_back(ctx, i)
    if i > 0 and ctx.keys[i - 1] in _NOUN_BEFORE:
        return None  # a noun: the press, a request
    if b >= 0 and ctx.keys[b] in _MODALS:
        return None  # inside another act: should encourage tourists to ..., urged X to press Y to ...
    if b >= 0 and ctx.keys[b] in _BE:
        if verb.startswith("expect") or not _to_follows(ctx, j + 1, TO_REACH):
            return None  # "is expected to" predicts
        return subject_before(ctx, b)
    that_ok = verb.startswith(_THAT_VERBS)
    if ctx.keys[j] == _THAT:
        return object_after(ctx, j + 1, need_to=False)
    if j + 1 < len(ctx.keys) and ctx.keys[j + 1] == _THAT and not that_ok:
        return None
    return object_after(ctx, j + 1)


_HOPE_MODALS = frozenset({"will", "would", "can", "could", "shall", "may"})


def _hope(ctx: Parties, i: int, j: int) -> list[str] | None:
    """*hope (that) X will / can ...*: X, when it is a party."""
    keys, q = ctx.keys, j + 1
    if q < len(keys) and keys[q] == _THAT:
        q += 1
    if q >= len(keys):
        return None
    found = ctx.party(q)
    if found is not None:
        group = ctx.group_from(found)
        raw, end = [g.addressee for g in group], group[-1].end
    elif keys[q] in _PRONOUNS:
        raw, end = [_PRONOUNS[keys[q]]], q + 1
    else:
        return None
    while end < len(keys) and keys[end] in SKIP_ADVERBS:
        end += 1
    return raw if end < len(keys) and keys[end] in _HOPE_MODALS else None


def _for_to(ctx: Parties, i: int, j: int) -> list[str] | None:
    """*it is necessary / important ... for X to*: X; None unless an impersonal *it* comes just before."""
    it = next((m for m in range(i - 1, max(-1, i - 6), -1) if ctx.keys[m] == "it"), None)
    if it is None or not (ctx.poss[it] or any(ctx.keys[m] in _BE or ctx.keys[m] == "remains" for m in range(it, i))):
        return None  # "it takes time for trust to be built" names no one who must act
    return object_after(ctx, j + 1, need_to=ctx.keys[j] != _THAT)


_HAVE = frozenset({"have", "has", "had", "bear", "bears", "bore", "shoulder", "shoulders", "carry", "carries"})
_RESPONSIBILITY_WORDS = frozenset({"a", "an", "the", "special", "particular", "shared", "common", "great",
                                   "greater", "major", "unique", "important", "historic", "international",
                                   "global", "primary", "moral", "joint"})


def _responsibility(ctx: Parties, i: int, j: int) -> list[str] | None:
    """*X has / bears a (special) responsibility to*: the subject of *has*."""
    b = i - 1
    while b >= 0 and ctx.keys[b] in _RESPONSIBILITY_WORDS:
        b -= 1
    if b < 0 or ctx.keys[b] not in _HAVE:
        return None
    return subject_before(ctx, b)


_KINDS = {"deontic": lambda ctx, i, j: subject_before(ctx, i), "request": _request, "hope": _hope,
          "for_to": _for_to, "responsibility": _responsibility}
#: the kinds a directives.csv entry may name in its condition column
KINDS = tuple(_KINDS)


def directive_addressee(kind: str, tokens, i: int, j: int, text: str, side: str | None = None,
                        path: str | Path | None = None) -> str | None:
    """The addressee of the directive whose words are tokens ``i..j`` of ``text`` (``tokens`` from
    :func:`analysis.text.tokens.token_spans`), or None when it is not a directive (no party, a
    question, a relayed request). ``kind`` as in the module docstring (an unknown or empty kind is
    read as ``request``); ``side`` the speaker's side.

    >>> from analysis.text.tokens import token_spans
    >>> text = "The two sides need to talk, and it must be said that they did."
    >>> toks = token_spans(text)
    >>> directive_addressee("deontic", toks, 3, 4, text), directive_addressee("deontic", toks, 8, 8, text)
    ('both', None)
    """
    return addressee_in(Parties.of(text, tokens, path), kind, i, j, side)


def addressee_in(ctx: Parties, kind: str, i: int, j: int, side: str | None = None) -> str | None:
    """:func:`directive_addressee` on a sentence's :class:`~analysis.measure.parties.Parties` (made once
    for all the directives of a sentence)."""
    raw = _KINDS.get(kind, _request)(ctx, i, j)
    return None if raw is None else resolve(raw, side)


def addressee_of(kind: str, text: str, start: int, n_tokens: int, side: str | None = None,
                 tokens=None) -> str | None:
    """:func:`directive_addressee` for a match at character ``start`` with ``n_tokens`` words.

    >>> addressee_of("request", "China urges the United States to stop.", 6, 1, side="china")
    'us'
    """
    from bisect import bisect_left

    tokens = token_spans(text) if tokens is None else tokens
    i = bisect_left([t[0] for t in tokens], start)
    return directive_addressee(kind, tokens, i, i + n_tokens - 1, text, side)
