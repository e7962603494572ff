"""Each edit of a report text as a pure function: the text before → a ``TextChange``.

The input is checked here (lengths, levels, known attachments), so storage writes what it is
given and the page only reads widgets. The outline's entries are the sections by key, and
``LEAD`` (导语, before 一、) and ``CLOSING`` (结束语, after the last section).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from forms.errors import UserError
from forms.hygiene import BODY_MAX, LINE_MAX, UNIT_MAX, clean_limited
from forms.numbering import NUMBERINGS
from forms.outline import LEVELS, NUMBER_STYLES, Heading
from forms.report import ReportText, Section
from forms.text_changes import Contact, ContactChange, TextChange

LEAD = "__lead"
CLOSING = "__closing"
LEVEL_RANGE = "标题级别只能是 1–4 级"


def entry_name(text: ReportText, key: str) -> str:
    """An outline entry as the clerk sees it in a line of its own words: 导语, 结束语, 二、存在问题 (a
    heading printed with a closing 。 named without it: `…相结合情况：回车或双击转到该处`)."""
    if key == LEAD:
        return "导语"
    if key == CLOSING:
        return "结束语"
    i = _index(text, key)
    return text.numbers()[i] + text.sections[i].heading.rstrip("。")


def _index(text: ReportText, key: str) -> int:
    for i, section in enumerate(text.sections):
        if section.key == key:
            return i
    raise UserError("这一节已不在报告中")


def _with_section(text: ReportText, key: str, **fields: object) -> ReportText:
    sections = list(text.sections)
    i = _index(text, key)
    sections[i] = replace(sections[i], **fields)  # type: ignore[arg-type]
    return replace(text, sections=tuple(sections))


def _level(level: int) -> int:
    if level not in LEVELS:
        raise UserError(LEVEL_RANGE)
    return level


# --- the title block and the attachments ------------------------------------------------------


def set_title(text: ReportText, title: str) -> TextChange:
    # A clerk-placed line break (Enter in the title field, or Word's soft break) is kept.
    title = clean_limited(title, "标题", LINE_MAX, multiline=True)
    return TextChange(text, replace(text, title=title), "修改标题")


def set_signer(text: ReportText, signer: str) -> TextChange:
    return TextChange(text, replace(text, signer=clean_limited(signer, "署名", LINE_MAX)), "修改署名单位")


def set_sign_date(text: ReportText, day: date | None) -> TextChange:
    return TextChange(text, replace(text, sign_date=day), "修改成文日期")


def set_unit_line(text: ReportText, line: str) -> TextChange:
    line = clean_limited(line, "标题上方的单位", LINE_MAX)
    return TextChange(text, replace(text, unit_line=line), "修改标题上方单位")


def set_attachments(text: ReportText, chosen: Sequence[str], order: Sequence[str]) -> TextChange:
    """``order``: the template's form keys; the attachments are always printed in that order."""
    unknown = set(chosen) - set(order)
    if unknown:
        raise UserError(f"未知附件：{', '.join(sorted(unknown))}")
    kept = tuple(k for k in order if k in chosen)
    return TextChange(text, replace(text, attachments=kept), "修改随文附件")


def set_numbering(text: ReportText, numbering: str) -> TextChange:
    if numbering not in NUMBERINGS:
        raise UserError(f"未知的附件编号方式：{numbering}")
    return TextChange(text, replace(text, attachment_numbering=numbering), "修改附件编号")


def set_attachment_note(text: ReportText, on: bool) -> TextChange:
    return TextChange(text, replace(text, attachment_note=on), "印附件说明" if on else "不印附件说明")


def set_levels(text: ReportText, styles: Sequence[str], run_in: frozenset[int] | set[int]) -> TextChange:
    """Each level's number style and which levels run into their text."""
    if len(styles) != len(LEVELS) or not set(styles) <= set(NUMBER_STYLES):
        raise UserError(f"标题编号样式只能是 {' '.join(NUMBER_STYLES)}，每级一种")
    if not set(run_in) <= set(LEVELS):
        raise UserError(LEVEL_RANGE)
    after = replace(text, styles=tuple(styles), run_in=frozenset(run_in))
    return TextChange(text, after, "修改标题编号")


# --- one entry of the outline -----------------------------------------------------------------


def set_body(text: ReportText, key: str, body: str) -> TextChange:
    """The paragraphs of a section, of the 导语 or of the 结束语 (one autosave: one step)."""
    body = clean_limited(body, {LEAD: "导语", CLOSING: "结束语"}.get(key, "正文"), BODY_MAX, multiline=True)
    if key == LEAD:
        after = replace(text, lead=body)
    elif key == CLOSING:
        after = replace(text, closing=body)
    else:
        after = _with_section(text, key, body=body)
    label = entry_name(text, key) if key in (LEAD, CLOSING) else f"小节正文 {entry_name(text, key)}"
    return TextChange(text, after, label, key)


def apply_fix(
    text: ReportText, key: str, span: tuple[int, int], fix: str, what: str = "改为链接的表格数据", part: str = "body"
) -> TextChange:
    """An audit finding's fix (the linked figure, a 校对 correction) in place of the characters it
    names: in the text of section ``key`` (the 导语 or 结束语 too), or in its heading (``part``
    heading), or in the title, the unit line or the 署名 (``part``, ``key`` ""); ``what`` names the
    step (undo's tooltip)."""
    old = _piece(text, key, part)
    change = _set_piece(text, key, part, old[: span[0]] + fix + old[span[1] :])
    if part in _LINES:
        return replace(change, label=f"{what} {change.label}")
    return replace(change, label=f"{what} {entry_name(text, key)}")


Fix = tuple[str, str, tuple[int, int], str]  # key, part, span, fix: apply_fix's arguments


def apply_fixes(text: ReportText, fixes: Sequence[Fix], what: str) -> tuple[TextChange, int]:
    """Several fixes as one step (the 审核 panel's 全部改正), and how many were put in place. Each piece
    is mended from its end, so that the spans before a fix stay where they were; a span overlapping
    one already mended is left (the next audit finds it again if it is still a slip)."""
    mends: dict[tuple[str, str], list[tuple[tuple[int, int], str]]] = {}
    for key, part, span, fix in fixes:
        mends.setdefault((key, part), []).append((span, fix))
    after, done = text, 0
    for (key, part), spans in mends.items():
        piece = _piece(after, key, part)
        mended, left_of = piece, len(piece)
        for (start, end), fix in sorted(spans, reverse=True):
            if end > left_of or start > end:
                continue
            mended, left_of, done = mended[:start] + fix + mended[end:], start, done + 1
        after = _set_piece(after, key, part, mended).after
    return TextChange(text, after, f"{what} {done} 处"), done


def _piece(text: ReportText, key: str, part: str) -> str:
    """What apply_fix's ``key`` and ``part`` name, as stored."""
    if part == "heading":
        return text.sections[_index(text, key)].heading
    if part in _LINES:
        return getattr(text, part)
    body = {LEAD: text.lead, CLOSING: text.closing}.get(key)
    return text.sections[_index(text, key)].body if body is None else body


def _set_piece(text: ReportText, key: str, part: str, value: str) -> TextChange:
    if part == "heading":
        return set_heading(text, key, value)
    if part in _LINES:
        return _LINES[part](text, value)
    return set_body(text, key, value)


def set_heading(text: ReportText, key: str, heading: str) -> TextChange:
    after = _with_section(text, key, heading=clean_limited(heading, "标题", LINE_MAX))
    return TextChange(text, after, f"修改小标题 {entry_name(text, key)}", key)


def set_heading_options(text: ReportText, key: str, numbered: bool, run_in: bool | None) -> TextChange:
    """``run_in`` None: as the heading's level does."""
    after = _with_section(text, key, numbered=numbered, run_in=run_in)
    return TextChange(text, after, f"修改标题设置 {entry_name(text, key)}", key)


def shift_level(text: ReportText, key: str, delta: int) -> TextChange:
    """升级 (−1) or 降级 (+1), kept within levels 1–4."""
    section = text.sections[_index(text, key)]
    level = min(max(LEVELS), max(min(LEVELS), section.level + delta))
    verb = "升级" if delta < 0 else "降级"
    return TextChange(text, _with_section(text, key, level=level), f"{verb} {entry_name(text, key)}", key)


def add_section(text: ReportText, current: str | None, heading: str) -> TextChange:
    """A sibling of the current heading after its last sub-heading; after 导语: first; after
    结束语 or nothing chosen: a first-level heading at the end."""
    heading = clean_limited(heading, "标题", LINE_MAX)
    sections = list(text.sections)
    keys = [s.key for s in sections]
    if current in keys:
        i = keys.index(current)
        level = sections[i].level
        position = i + 1
        while position < len(sections) and sections[position].level > level:
            position += 1
    else:
        level = 1
        position = 0 if current == LEAD else len(sections)
    numbers = [int(k[1:]) for k in keys if k[1:].isdigit()]
    key = f"s{max(numbers, default=0) + 1}"  # never a removed one's: undo may bring that back
    sections.insert(position, Section(key, _level(level), heading, ""))
    return TextChange(text, replace(text, sections=tuple(sections)), f"添加小节“{heading}”", key)


def remove_section(text: ReportText, key: str) -> TextChange:
    """Undoable, so asked about no more: the step keeps the section with its body."""
    label = f"删除小节“{entry_name(text, key)}”"
    after = replace(text, sections=tuple(s for s in text.sections if s.key != key))
    return TextChange(text, after, label, key)


def move_section(text: ReportText, key: str, delta: int) -> TextChange:
    sections = list(text.sections)
    i = _index(text, key)
    j = max(0, min(len(sections) - 1, i + delta))
    sections.insert(j, sections.pop(i))
    verb = "上移" if delta < 0 else "下移"
    return TextChange(text, replace(text, sections=tuple(sections)), f"{verb} {entry_name(text, key)}", key)


def set_outline(text: ReportText, lead: str, entries: Sequence[Heading], closing: str) -> TextChange:
    """A pasted report's 导语, headings with their text and 结束语 in place of the current ones; the
    sections are keyed s1, s2 … in order."""
    sections = tuple(
        Section(
            f"s{i + 1}",
            _level(entry.level),
            clean_limited(entry.heading, "标题", LINE_MAX),
            clean_limited(entry.body, "正文", BODY_MAX, multiline=True),
            numbered=entry.numbered,
            run_in=entry.run_in,
        )
        for i, entry in enumerate(entries)
    )
    lead = clean_limited(lead, "导语", BODY_MAX, multiline=True)
    closing = clean_limited(closing, "结束语", BODY_MAX, multiline=True)
    return TextChange(text, replace(text, lead=lead, sections=sections, closing=closing), "粘贴整篇报告")


# --- the contact line -------------------------------------------------------------------------

_CONTACT_NAMES = {"filler": "填报单位", "person": "联系人", "phone": "联系方式"}


def edit_contact(before: Contact, filler: str, person: str, phone: str) -> ContactChange:
    after = Contact(
        clean_limited(filler, "填报单位", UNIT_MAX),
        clean_limited(person, "联系人", LINE_MAX),
        clean_limited(phone, "联系方式", LINE_MAX),
    )
    changed = [name for field, name in _CONTACT_NAMES.items() if getattr(before, field) != getattr(after, field)]
    return ContactChange(before, after, f"修改{'、'.join(changed) or '联系人'}")


def contact_unchanged(saved: Contact, filler: str, person: str, phone: str) -> bool:
    """The boxes say what is saved (spaces around aside): nothing to save."""
    return (filler.strip(), person.strip(), phone.strip()) == (saved.filler, saved.person, saved.phone)


def followed_box(typed: str, before: str, after: str) -> str:
    """What a contact box shows when the file's line changed elsewhere: the new value, unless the
    clerk has typed something not saved yet (that stays)."""
    return after if typed.strip() == before else typed


def unsaved_contact_text(filler: str, person: str, phone: str) -> str:
    """The contact line as copied out when it cannot be saved (closing, leaving)."""
    return f"填报单位：{filler}  联系人：{person}  联系方式：{phone}"


# The report's own lines an audit fix may mend (``apply_fix``), by their attribute on ``ReportText``.
_LINES = {"title": set_title, "unit_line": set_unit_line, "signer": set_signer}
