"""The registry feeds the pipeline memory: a matched trial's otherNames become its drug's aliases.

Brand and code names ("Keytruda", "MK-3475" for pembrolizumab) then resolve to the same drug when
a later filing uses them. Aliases are stored the way bot.storage.drug_memory keeps them (name keys
in `DrugRow.aliases`, display spellings in `DrugRow.names`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.domain.drugs import name_key
from bot.storage.models import DrugRow
from watchers import Intervention, Study

MAX_ALIASES = 8  # Pembrolizumab lists 23 otherNames, biosimilars included: the first few suffice


def learn_aliases(
    engine: Engine, drug_id: int | None, found: Study | None, names: Sequence[str]
) -> None:
    """The matched intervention's otherNames become the drug's aliases (brand and code names).

    A name another drug of the company already answers to is left out, so two drugs never merge.
    """
    item = (
        next((i for i in found.interventions if names_drug_item(i, names)), None) if found else None
    )
    if drug_id is None or item is None or not item.other_names:
        return
    with Session(engine) as session:
        drug = session.get(DrugRow, drug_id)
        if drug is None:
            return
        others = session.exec(
            select(DrugRow).where(DrugRow.cik == drug.cik, DrugRow.id != drug_id)
        ).all()
        taken = {k for d in others for k in d.aliases.strip(",").split(",") if k}
        known = [k for k in drug.aliases.strip(",").split(",") if k]
        spellings = [n for n in drug.names.split("|") if n]
        for name in item.other_names[:MAX_ALIASES]:
            key = name_key(name)
            if len(key) >= 4 and key not in taken and key not in known:
                known.append(key)
                spellings.append(name)
        drug.aliases = "," + ",".join(known) + ","
        drug.names = "|".join(spellings)
        session.add(drug)
        session.commit()


def names_drug_item(item: Intervention, names: Sequence[str]) -> bool:
    """True when this intervention is the drug: its name or an otherName is one of `names`."""
    keys = {name_key(n) for n in names} - {""}
    return any(name_key(n) in keys for n in (item.name, *item.other_names))
