"""The city's standing member list (table ``members``, migration m009): the units it expects a workbook
from every year, kept across years; the city adds and removes them, and each 汇总 adds the units it
newly sums (storage/reports.py ``set_aggregate_members``). The city's board (storage/board.py) reads it."""

from __future__ import annotations

from collections.abc import Iterable

from forms.errors import UserError
from forms.hygiene import UNIT_MAX, clean_limited, echo
from storage.connection import Database, now


def members(db: Database, city: str) -> list[str]:
    """The city's members in the order they joined the list."""
    with db.read():
        found = db.conn.execute("select unit from members where city=? order by rowid", [city]).fetchall()
    return [unit for (unit,) in found]


def cities(db: Database) -> list[str]:
    """Every city that has a member list, in the order they got one."""
    with db.read():
        found = db.conn.execute("select city from members group by city order by min(rowid)").fetchall()
    return [city for (city,) in found]


def seed(db: Database, city: str, units: Iterable[str]) -> None:
    """Put ``units`` on the list (those already there stay where they are). Call under a write."""
    stamp = now()
    db.conn.executemany(
        "insert or ignore into members (city, unit, added_at) values (?, ?, ?)",
        [(city, unit, stamp) for unit in units if unit != city],
    )


def unit_name(db: Database, city: str, typed: str) -> str:
    """The unit a clerk typed, by the import's rules (importers/units.py): cleaned of what no file may
    hold, at most ``UNIT_MAX`` characters; a name lacking only a prefix that exactly one unit of the
    file has (``雨湖区应急管理局`` for ``湘潭市雨湖区应急管理局``) is that unit."""
    unit = clean_limited(typed, "单位名称", UNIT_MAX)
    if not unit:
        raise UserError("请填写单位名称")
    with db.read():
        known = {u for (u,) in db.conn.execute("select distinct unit from reports").fetchall()}
    known |= set(members(db, city))
    fuller = [u for u in known if u.endswith(unit) and u != unit]
    if unit not in known and len(fuller) == 1:
        unit = fuller[0]
    if unit == city.strip():
        raise UserError(f"“{echo(unit)}”是汇总单位本身，不能是它的成员")
    return unit


def add(db: Database, city: str, typed: str) -> str:
    """Add a member; returns its name as kept. A unit already on the list is refused, naming it."""
    city = clean_limited(city, "汇总单位", UNIT_MAX)  # as the 汇总 names it: " 湘潭市…" is no second list
    if not city:
        raise UserError("请填写汇总单位")
    unit = unit_name(db, city, typed)
    if unit in members(db, city):
        raise UserError(f"“{echo(unit)}”已在{city}的成员名单中")
    with db.write():
        seed(db, city, [unit])
    return unit


def remove(db: Database, city: str, typed: str) -> str:
    """Take a member off the list (its reports stay in the file); returns the name removed."""
    city, unit = clean_limited(city, "汇总单位", UNIT_MAX), clean_limited(typed, "单位名称", UNIT_MAX)
    listed = members(db, city)
    if unit not in listed:
        fuller = [u for u in listed if u.endswith(unit)] if unit else []
        if len(fuller) != 1:
            raise UserError(f"“{echo(unit)}”不在{city}的成员名单中（名单：{'、'.join(listed) or '无'}）")
        unit = fuller[0]
    with db.write():
        db.conn.execute("delete from members where city=? and unit=?", [city, unit])
    return unit
