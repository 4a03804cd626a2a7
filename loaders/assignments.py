"""Find the units an item assigns, with their roles and where they were printed.

One grammar, driven by data/roles.yaml, reads every assignment text: a bracket
`（牵头单位：A；责任单位：B）`, `（A、B牵头，C配合，D分工负责）`, a labelled line
`牵头单位:A;责任单位:B`, a table cell. The text is cut into clauses at `，；。` outside
brackets and each clause is classified: a label and its list, a list ending in a role
verb, a printed rule, a clause that names no unit (scope, deadline, score), or a bare
list that takes the role of the label before it or of the verb after it.

The finders run in the order of FINDERS; a new way of printing assignments is one more
finder (and its tests).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from loaders import brackets
from loaders.passage import Passage
from loaders.units import ORGAN_END, core_name, split_units
from loaders.vocabulary import Roles, roles

CLAUSE_SEPS = "，,；;。\n"
SENTENCE_END = "。！？!?；;\n"
# Words that show a phrase in running prose is an action, not a unit's name.
PROSE_VERBISH = re.compile(
    r"鼓励|支持|推动|引导|组织(?!部)|加快|推进|探索|发挥|依托|建立|要|应|将|把|的|积极|切实|"
    r"进一步|全面|统筹|企业牵头|可|由于|通过"
)
# Words inside a piece that make it a sentence rather than a name: `院校内由X负责`.
NOT_A_NAME = re.compile(r"(?<!自)(?<!^)由|要|(?<!反)应(?!急)|须|将|把|如|以外")
# A lone bracketed name counts as a unit list only when it says whose it is: (市水利局)
OWN_JURISDICTION = re.compile(r"^(?:市|省|区|县|各|国家)")
MAX_NAME = 30


@dataclass
class UnitList:
    """A printed list of units with one role."""

    role: str  # "lead", "unit" or "implied"
    content: str
    start: int  # document offset of content[0]
    end: int  # document offset after the whole list (label and brackets included)
    list_start: int  # document offset where the printed list begins
    sentence: str


@dataclass
class Findings:
    """What an item's text assigns."""

    lists: list[UnitList] = field(default_factory=list)
    standing: list[UnitList] = field(default_factory=list)  # rules for the items after it
    explicit_lead: bool = False  # a 牵头 was printed (overrides the first-listed rule)
    spans: list[tuple[int, int]] = field(default_factory=list)  # passage spans read


@dataclass
class _Clause:
    start: int
    end: int
    text: str


def find_assignments(passage: Passage) -> Findings:
    """Every assignment printed in the item, by the finders in order."""
    found = Findings()
    for finder in FINDERS:
        finder(passage, found)
    return found


def bracketed(passage: Passage, found: Findings) -> None:
    """`（…）` groups whose clauses assign units."""
    text = passage.text
    for a, b in passage.groups:
        at_end = _ends_paragraph(text, b + 1)
        sentence = _sentence(text, a, b)
        read_assignment(passage, a + 1, b, sentence, found, b + 1, bare_ok=at_end)


def labelled(passage: Passage, found: Findings) -> None:
    """A label outside brackets at the start of a line or sentence, up to the line's end."""
    text = passage.text
    if not any(mark in text for mark in "：:】]"):
        return
    groups = passage.groups
    r = roles()
    pos = 0
    while (m := r.label.search(text, pos)) is not None:
        pos = m.end()
        if brackets.inside(groups, m.start()) or not _starts_sentence(text, m.start()):
            continue
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        sentence = text[m.start():line_end]
        read_assignment(passage, m.start(), line_end, sentence, found, line_end, bare_ok=False)
        pos = line_end


def prose(passage: Passage, found: Findings) -> None:
    """`…，由X牵头，Y配合。` closing a paragraph, when nothing else assigns the item."""
    if found.lists:
        return
    text = passage.text
    for a, b in brackets.split_top(text, SENTENCE_END):
        if not _ends_paragraph(text, b + 1):
            continue
        clauses = _trailing_role_clauses(text, a, b)
        roles_seen = [role for role, _ in clauses]
        if "lead" in roles_seen and "unit" in roles_seen[roles_seen.index("lead"):]:
            sentence = text[a:b + 1].strip()
            for role, clause in clauses:
                record(passage, found, role, clause, sentence, b + 1)
            found.explicit_lead = True
            found.spans.append((clauses[0][1].start, b))


FINDERS: tuple[Callable[[Passage, Findings], None], ...] = (bracketed, labelled, prose)


def read_assignment(passage: Passage, a: int, b: int, sentence: str, found: Findings,
                    end: int, bare_ok: bool) -> bool:
    """Read text[a:b] as an assignment; record what it assigns; False if it assigns nothing.

    `bare_ok`: a list with no label or verb counts as units (an unlabelled list closing
    its paragraph: `（市工信局、市发改委）`).
    """
    before = len(found.lists)
    body_end = _cut_standing(passage, a, b, sentence, found)
    reader = _ClauseReader(passage, found, sentence, end)
    for clause in _clauses(passage.text, a, body_end):
        reader.read(clause)
    assigned = reader.finish(bare_ok)
    if assigned or len(found.lists) > before:
        found.spans.append((a, b))
    return assigned


@dataclass
class _ClauseReader:
    """The clauses of one assignment text, in order: a label's role carries over to the bare
    lists after it, a verb's role reaches back to the bare lists before it."""

    passage: Passage
    found: Findings
    sentence: str
    end: int
    current: str | None = None  # the role of the last label, until a verb or another label
    pending: list[_Clause] = field(default_factory=list)  # bare lists waiting for a verb
    assigned: bool = False

    def read(self, clause: _Clause) -> None:
        r = roles()
        if r.first_listed.search(clause.text):  # applied document-wide by parse
            self.assigned = True
        elif label := r.label.match(clause.text):
            self._label(r.label_role(label.group("name")), clause, label.end())
        elif r.not_unit.match(clause.text):
            return
        elif verb := _verb_clause(clause):
            self._verb(*verb)
        elif self.current in ("lead", "unit"):
            self._emit(self.current, clause)
        elif self.current is None:
            self.pending.append(clause)

    def finish(self, bare_ok: bool) -> bool:
        """Bare lists nothing claimed: units when the text assigned something else, or when
        an unlabelled list of organs closes its paragraph."""
        pending = self.pending
        if pending and all(_organ_list(p.text) for p in pending) and (
                self.assigned or (bare_ok and _own_jurisdiction(pending))):
            for p in pending:
                self._emit("unit", p)
            self.assigned = True
        return self.assigned

    def _label(self, role: str, clause: _Clause, skip: int) -> None:
        self.current, self.assigned = role, True
        rest = _Clause(clause.start + skip, clause.end, clause.text[skip:])
        if role in ("lead", "unit") and rest.text.strip():
            verb = _verb_clause(rest)  # `责任单位：A、B等负责`
            self._emit(role, verb[1] if verb else rest)

    def _verb(self, role: str, names: _Clause) -> None:
        for p in self.pending:
            self._emit(role, p)
        self.pending, self.assigned, self.current = [], True, None
        if names.text:
            self._emit(role, names)

    def _emit(self, role: str, clause: _Clause) -> None:
        record(self.passage, self.found, role, clause, self.sentence, self.end)


def record(passage: Passage, found: Findings, role: str, clause: _Clause, sentence: str,
           end: int) -> None:
    """One printed list with its role, its span in the document and its sentence."""
    content = clause.text
    stripped = content.strip(" \u3000\t")
    if not stripped:
        return
    lead_ws = len(content) - len(content.lstrip(" \u3000\t"))
    start = clause.start + lead_ws
    if role == "lead":
        found.explicit_lead = True
    found.lists.append(UnitList(
        role, stripped, passage.doc(start), passage.doc_end(end), passage.doc(start), sentence))


def _clauses(text: str, a: int, b: int) -> list[_Clause]:
    """Clauses of text[a:b], cut at `，；。` outside brackets, again before a label printed
    with only a space before it (`牵头单位：A 责任单位：B`), and after a role verb that only
    a 、 separates from the next list (`A牵头、B配合`)."""
    r = roles()
    out = []
    for ca, cb in brackets.split_top(text, CLAUSE_SEPS, a, b):
        cuts = [m.start() for m in r.label.finditer(text, ca, cb) if m.start() > ca
                and (text[m.start() - 1] in " \u3000\t" or text[m.start()] in "【[")]
        cuts += [m.end() + 1 for m in r.verb_then_list.finditer(text, ca, cb)]
        cuts.sort()
        for sa, sb in zip([ca, *cuts], [*cuts, cb], strict=True):
            piece = text[sa:sb].rstrip("、")
            lead = len(piece) - len(piece.lstrip(" \u3000\t"))
            stripped = piece.strip(" \u3000\t")
            if stripped:
                out.append(_Clause(sa + lead, sa + lead + len(stripped), stripped))
    return out


def _verb_clause(clause: _Clause) -> tuple[str, _Clause] | None:
    """(role, the names before the verb) when the clause ends in a role verb."""
    r = roles()
    m = r.verb_end.match(clause.text)
    if not m:
        return None
    names = _without_heads(r, m.group("names"))
    offset = len(m.group("names")) - len(names)
    names = r.with_others.sub(lambda w: " " * len(w.group()), names).rstrip()
    names = names.replace("会同", "、 ")
    if names and not _name_list(names):
        return None
    role = r.verb_roles[m.group("verb")]
    return role, _Clause(clause.start + offset, clause.start + offset + len(names), names)


def _without_heads(r: Roles, names: str) -> str:
    m = r.head.match(names)
    return names[m.end():] if m and len(names) > m.end() + 1 else names


def _name_list(names: str) -> bool:
    """Every piece is short enough to be a name and none reads as a sentence."""
    units = [u.text for u in split_units(names).units]
    return bool(units) and all(
        len(u) <= MAX_NAME and "。" not in u and not NOT_A_NAME.search(u) for u in units)


def _organ_list(names: str) -> bool:
    units = [u.text for u in split_units(names).units]
    return bool(units) and all(
        len(u) >= 3 and len(u) <= MAX_NAME and ORGAN_END.search(core_name(u)) for u in units)


def _own_jurisdiction(clauses: list[_Clause]) -> bool:
    """A lone name needs a place or 各 to count as a list: `(市水利局)`, not `(中心)`."""
    units = [u.text for c in clauses for u in split_units(c.text).units]
    return len(units) > 1 or bool(units and OWN_JURISDICTION.match(units[0]))


def _cut_standing(passage: Passage, a: int, b: int, sentence: str, found: Findings) -> int:
    """Record `以下均需X负责，不再列出` in text[a:b]; return where the rest of it ends."""
    text = passage.text
    cut = b
    for m in roles().standing.finditer(text, a, b):
        found.standing.append(UnitList(
            "implied", m.group("units"), passage.doc(m.start("units")), passage.doc_end(m.end()),
            passage.doc(m.start()), _sentence(text, m.start(), m.end() - 1)))
        cut = min(cut, m.start())
    return cut


def _trailing_role_clauses(text: str, a: int, b: int) -> list[tuple[str, _Clause]]:
    """The clauses at the end of a sentence that are all `units + role verb`."""
    clauses = _clauses(text, a, b)
    out: list[tuple[str, _Clause]] = []
    for clause in reversed(clauses):
        verb = _verb_clause(clause)
        if verb is None or not verb[1].text or not _prose_names(verb[1].text):
            break
        out.append(verb)
    return list(reversed(out))


def _prose_names(names: str) -> bool:
    units = [u.text for u in split_units(names).units]
    return bool(units) and all(
        len(u) <= 20 and ORGAN_END.search(core_name(u)) and not PROSE_VERBISH.search(u)
        for u in units)


def _ends_paragraph(text: str, pos: int) -> bool:
    """Only closing punctuation stands between pos and the end of its line."""
    line_end = text.find("\n", pos)
    rest = text[pos: len(text) if line_end < 0 else line_end]
    return rest.strip(" \u3000。.；;，,") == ""


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \u3000\t")
    return not before or before[-1] in "\n。；;）)"


def _sentence(text: str, a: int, b: int) -> str:
    """The sentence around text[a:b+1]: from the previous sentence end to b."""
    begin = max(text.rfind(ch, 0, a) for ch in "。！？!?\n") + 1
    return text[begin: b + 1].strip()
