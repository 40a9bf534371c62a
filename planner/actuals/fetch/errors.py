"""Why a fetch stopped, as a code; ``fetch.words`` turns it into a sentence."""

from __future__ import annotations

CODES = (
    "unauthorised",  # HTTP 401: a wrong, revoked or non-admin key
    "forbidden",  # HTTP 403: the key may not read usage and costs
    "rate_limited",  # HTTP 429 on every attempt
    "server_error",  # HTTP 5xx on every attempt
    "timeout",  # no answer in time on every attempt
    "connection",  # the server cannot be reached
    "rejected",  # any other refusal (HTTP 4xx, a redirect)
    "bad_response",  # not a JSON page of the expected shape
    "too_many_pages",
    "insecure_url",  # a key is only sent over https, or plain http to this computer
    "bad_url",
    "bad_period",  # --until before --since, or a start in the future
)


class FetchError(Exception):
    """A fetch that could not finish; the ledger is unchanged.

    ``detail`` never holds the key: it is redacted where it is made.
    """

    def __init__(
        self,
        code: str,
        provider: str,
        url: str = "",
        *,
        status: int | None = None,
        attempts: int = 1,
        detail: str = "",
    ) -> None:
        super().__init__(f"{provider} {url}: {code}" + (f" ({detail})" if detail else ""))
        self.code = code
        self.provider = provider
        self.url = url
        self.status = status
        self.attempts = attempts
        self.detail = detail
