"""Skill demand: how many postings ask for each skill, required or preferred, overall or by role,
month or place, counted from the Parquet rows ``jobmatch batch`` writes.

A posting counts once per skill it asks for; a skill named only in boilerplate (About us,
Benefits) is not asked for. Rows with an error are left out. Needs pyarrow and pandas
(``pip install "jobmatch[dask]"``); a chart needs matplotlib.

>>> rows = skill_demand("skills.parquet", by="role", top=10)  # doctest: +SKIP
>>> rows[0]
{'group': 'Data Scientist', 'group_postings': 412, 'skill': 'python', 'name': 'Python', 'postings': 371, ...}
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import JobmatchError, SourceError

__all__ = ["BY", "demand_chart", "skill_demand"]

#: What postings can be grouped by, and the label of a posting that does not say.
BY = {"role": "(no role)", "month": "(no date)", "location": "(no place)"}


def _read(source: str | os.PathLike[str], by: str | None) -> Any:
    try:
        import pyarrow.compute as pc
        import pyarrow.dataset as ds
    except ImportError:
        raise JobmatchError('jobmatch demand needs pyarrow and pandas: pip install "jobmatch[dask]"') from None
    path = Path(source)
    if not path.exists():
        raise SourceError(f"{source}: no such file or folder")
    column = {"role": "role", "month": "date_posted", "location": "locations", None: None}[by]
    try:
        dataset = ds.dataset(str(path), format="parquet")
        names = set(dataset.schema.names)
        wanted = ["skills", "error", *([column] if column else [])]
        if missing := [name for name in wanted if name not in names]:
            raise SourceError(f"{source}: no column {missing[0]!r}; expected the output of jobmatch batch")
        return dataset.to_table(columns=wanted, filter=pc.field("error").is_null())
    except SourceError:
        raise
    except Exception as err:  # not Parquet, damaged, unreadable
        raise SourceError(f"{source}: cannot read as Parquet ({str(err)[:200]})") from None


def _groups(table: Any, by: str | None) -> list[str]:
    if by is None:
        return [""] * table.num_rows
    fallback = BY[by]
    if by == "month":
        return [d[:7] if d else fallback for d in table["date_posted"].to_pylist()]
    column = "role" if by == "role" else "locations"
    return [values[0] if values else fallback for values in table[column].to_pylist()]


def skill_demand(source: str | os.PathLike[str], *, by: str | None = None, top: int = 30) -> list[dict[str, Any]]:
    """The ``top`` skills asked for, per group when ``by`` is "role", "month" or "location".

    Each row: ``group`` and ``group_postings`` (when grouped), ``skill`` (id), ``name``,
    ``postings`` asking for it, ``share`` of the group's postings, and how many of them
    ``required`` it, ``preferred`` it or left it ``unstated``. Months come in order, other groups
    largest first; skills most asked for first.
    """
    if by is not None and by not in BY:
        raise JobmatchError(f"cannot group by {by!r} (expected one of {', '.join(BY)})")
    import pandas as pd
    import pyarrow.compute as pc

    table = _read(source, by)
    groups = pd.Series(_groups(table, by), dtype=object)
    sizes = groups.value_counts()
    skills = table["skills"]
    flat = pc.list_flatten(skills)
    asked = pd.DataFrame(
        {
            "group": groups.to_numpy()[pc.list_parent_indices(skills).to_numpy()] if len(flat) else [],
            "skill": pc.struct_field(flat, "id").to_numpy(zero_copy_only=False),
            "name": pc.struct_field(flat, "name").to_numpy(zero_copy_only=False),
            "required": pd.array(pc.struct_field(flat, "required").to_pylist(), dtype="boolean"),
            "boilerplate": pc.struct_field(flat, "boilerplate").to_numpy(zero_copy_only=False),
        }
    )
    asked = asked[~asked["boilerplate"].astype(bool)]
    counted = (
        asked.assign(
            is_required=asked["required"].eq(True).fillna(False).astype(int),
            is_preferred=asked["required"].eq(False).fillna(False).astype(int),
        )
        .groupby(["group", "skill"], sort=False)
        .agg(
            name=("name", "first"),
            postings=("skill", "size"),
            required=("is_required", "sum"),
            preferred=("is_preferred", "sum"),
        )
        .reset_index()
    )
    rows: list[dict[str, Any]] = []
    # months in order, with the undated last; roles and places largest first
    if by == "month":
        order = sorted(sizes.items(), key=lambda item: (item[0] == BY["month"], item[0]))
    else:
        order = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    for group, size in order:
        mine = counted[counted["group"] == group].sort_values(["postings", "skill"], ascending=[False, True]).head(top)
        for item in mine.itertuples(index=False):
            row: dict[str, Any] = {"group": group, "group_postings": int(size)} if by else {}
            postings, required, preferred = int(item.postings), int(item.required), int(item.preferred)
            row.update(
                skill=item.skill,
                name=item.name,
                postings=postings,
                share=round(postings / int(size), 4),
                required=required,
                preferred=preferred,
                unstated=postings - required - preferred,
            )
            rows.append(row)
    return rows


def demand_chart(rows: list[dict[str, Any]], path: str | os.PathLike[str], *, title: str = "Skill demand") -> None:
    """A PNG of ``rows`` (from ``skill_demand``): a bar a skill, required / preferred / unstated;
    one panel a group, the four largest groups when grouped."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise JobmatchError("a chart needs matplotlib: pip install matplotlib") from None
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get("group", ""), []).append(row)
    shown = list(groups.items())[:4]
    if not shown:
        raise JobmatchError("no skills to chart: no posting without an error asks for any")
    height = max(len(items) for _, items in shown)
    columns = 1 if len(shown) == 1 else 2
    lines = (len(shown) + columns - 1) // columns
    figure, axes = plt.subplots(
        lines, columns, figsize=(7 * columns, 0.28 * height * lines + 1.5), squeeze=False, layout="constrained"
    )
    for axis in axes.flat[len(shown) :]:
        axis.set_visible(False)
    for axis, (group, items) in zip(axes.flat, shown, strict=False):
        names = [item["name"] for item in items][::-1]
        left = [0] * len(items)
        for key, colour in (("required", "#1f4e79"), ("preferred", "#6fa8dc"), ("unstated", "#c9c9c9")):
            values = [item[key] for item in items][::-1]
            axis.barh(names, values, left=left, color=colour, label=key)
            left = [a + b for a, b in zip(left, values, strict=True)]
        if group:
            axis.set_title(f"{group} ({items[0]['group_postings']:,} postings)", fontsize=10)
        axis.set_xlabel("postings asking for it")
        axis.tick_params(axis="y", labelsize=8)
    axes.flat[0].legend(loc="lower right", fontsize=8)
    figure.suptitle(title)
    figure.savefig(path, dpi=110)
    plt.close(figure)
