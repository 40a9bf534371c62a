"""Column maps for the gateways and observability tools an SME may already run."""

from __future__ import annotations

from typing import Any

from planner.actuals.formats.columns import ColumnMap, column_map

_FEATURE_TAG = {"path": "request_tags", "tag": "feature"}
_ATTR = "attributes."

PRESET_DATA: dict[str, dict[str, Any]] = {
    "litellm-spendlogs": {
        "columns": {
            "timestamp": "startTime",
            "provider": "custom_llm_provider",
            "model": "model",
            "input_tokens": "prompt_tokens",
            "output_tokens": "completion_tokens",
            "cached_input_tokens": "metadata.usage_object.prompt_tokens_details.cached_tokens",
            "cache_write_tokens": "metadata.usage_object.cache_creation_input_tokens",
            "project": "team_id",
            "feature": [_FEATURE_TAG, {"path": "metadata.tags", "tag": "feature"}],
            "user": ["user", "end_user"],
            "api_key": ["metadata.user_api_key_alias", "api_key"],
            "request_id": "request_id",
            "cost": "spend",
        },
        "constants": {"currency": "USD"},
    },
    "langfuse-observations": {
        "columns": {
            "timestamp": ["start_time", "startTime"],
            "model": ["provided_model_name", "model"],
            # Langfuse's "input" is the uncached part; the cache counts are added back.
            "input_tokens": [
                "usage_details.input",
                "usage_details.input_cache_read",
                "usage_details.input_cache_creation",
            ],
            "output_tokens": ["usage_details.output", "usage.output"],
            "cached_input_tokens": "usage_details.input_cache_read",
            "cache_write_tokens": "usage_details.input_cache_creation",
            "project": "project_id",
            "feature": [{"path": "tags", "tag": "feature"}, "trace_name"],
            "user": "user_id",
            "request_id": "id",
            "cost": ["total_cost", "totalCost"],
        },
        "constants": {"currency": "USD"},
        "only": {"type": "GENERATION"},
    },
    "helicone-csv": {
        "columns": {
            "timestamp": "request_created_at",
            "model": "model",
            "input_tokens": "prompt_tokens",
            "output_tokens": "completion_tokens",
            "feature": {"path": "request_properties", "tag": "feature"},
            "project": {"path": "request_properties", "tag": "project"},
            "user": "request_user_id",
            "request_id": "response_id",
            "cost": "cost",
        },
        "constants": {"currency": "USD"},
    },
    "otel-genai": {
        "columns": {
            "timestamp": "startTimeUnixNano",
            "provider": [_ATTR + "gen_ai.provider.name", _ATTR + "gen_ai.system"],
            "model": [_ATTR + "gen_ai.response.model", _ATTR + "gen_ai.request.model"],
            "input_tokens": _ATTR + "gen_ai.usage.input_tokens",
            "output_tokens": _ATTR + "gen_ai.usage.output_tokens",
            "cached_input_tokens": _ATTR + "gen_ai.usage.cache_read.input_tokens",
            "cache_write_tokens": _ATTR + "gen_ai.usage.cache_creation.input_tokens",
            "project": _ATTR + "service.name",
            "feature": {"path": _ATTR + "app.feature"},
            "request_id": ["spanId", "span_id"],
            "cost": _ATTR + "gen_ai.usage.cost",
        },
        "constants": {"currency": "USD"},
    },
    "bedrock-invocation-log": {
        "columns": {
            "timestamp": "timestamp",
            "model": "modelId",
            "input_tokens": "input.inputTokenCount",
            "output_tokens": "output.outputTokenCount",
            "project": "accountId",
            "feature": "requestMetadata.feature",
            "user": "identity.arn",
            "request_id": "requestId",
        },
        "constants": {"provider": "aws"},
    },
}

PRESETS: dict[str, ColumnMap] = {name: column_map(data, name) for name, data in PRESET_DATA.items()}
