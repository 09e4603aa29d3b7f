"""Property-based fuzzing of the JSON API from its own OpenAPI document (schemathesis):
no server errors, and every response matches the schema it documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")
pytest.importorskip("fastapi")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from web_store import build_web_store  # noqa: E402

from marsad.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("fuzz") / "web.db"
    build_web_store(path)
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(path))


def test_api_has_no_server_errors(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            response = case.call()
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query}: {response.text[:300]}"
            )
            case.validate_response(response, checks=[response_schema_conformance])

        check()
