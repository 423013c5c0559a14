"""The public models mirror the extract contract field for field, so they cannot drift apart."""

from __future__ import annotations

import dataclasses

import pytest

from sitrep.api.models import RECORD_MODELS, record_out
from sitrep.records import RECORD_TYPES


@pytest.mark.parametrize("name", sorted(RECORD_TYPES))
def test_model_fields_match_the_contract(name: str) -> None:
    contract = {f.name for f in dataclasses.fields(RECORD_TYPES[name])} | {"type"}
    assert set(RECORD_MODELS[name].model_fields) == contract


def test_records_serialize_to_the_contract_dict(seed: list[tuple[object, list[object]]]) -> None:
    for _, records in seed:
        for record in records:
            dumped = record_out(record).model_dump(mode="json")
            expected = record.to_dict()  # type: ignore[attr-defined]
            assert dumped == {
                k: list(v) if isinstance(v, tuple) else v for k, v in expected.items()
            }
