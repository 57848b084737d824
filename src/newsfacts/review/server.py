"""The review's web app: Starlette on uvicorn, bound to 127.0.0.1 only.

Every request needs the session's random token (in the page's address, then in a header);
the Host header must be this machine's, so a web page elsewhere cannot reach the app through
a rebound name. The page loads nothing from elsewhere (a strict Content-Security-Policy) and
shows every text as text, never as markup."""
from __future__ import annotations

import hmac
import json
import secrets
import socket
import threading
import webbrowser
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import NewsfactsError
from . import Review, dumps
from .document import ReviewError

MAX_BODY = 1_000_000
HOST = "127.0.0.1"


def _page(token: str, nonce: str) -> str:
    html = resources.files("newsfacts.review").joinpath("page.html").read_text(encoding="utf-8")
    return html.replace("__NONCE__", nonce).replace("__TOKEN__", dumps(token))


def make_app(review: Review, token: str | None = None, port: int | None = None) -> Starlette:
    """The app for one article; `port` (when known) pins the Host header it answers."""
    token = token or secrets.token_urlsafe(24)
    lock = threading.Lock()  # one change at a time; the build has its own lock too

    def allowed_host(request: Request) -> bool:
        host = request.headers.get("host", "")
        name, sep, p = host.rpartition(":")
        if not sep:
            name, p = host, ""
        return name in (HOST, "localhost") and (port is None or p == str(port))

    def authorised(request: Request, given: str | None) -> bool:
        return allowed_host(request) and given is not None and hmac.compare_digest(given.encode(), token.encode())

    def refused() -> JSONResponse:
        return JSONResponse({"error": "this review session needs its token: open the address `newsfacts review` printed"},
                            status_code=403)

    def headers(nonce: str | None = None) -> dict[str, str]:
        csp = ("default-src 'none'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'" + (f"; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'" if nonce else ""))
        return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                "Cache-Control": "no-store"}

    async def page(request: Request) -> Response:
        if not authorised(request, request.query_params.get("token")):
            return refused()
        nonce = secrets.token_urlsafe(16)
        return HTMLResponse(_page(token, nonce), headers=headers(nonce))

    async def body(request: Request) -> Any:
        raw = await request.body()
        if len(raw) > MAX_BODY:
            raise ReviewError(f"the request is {len(raw)} bytes; at most {MAX_BODY}", 413)
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ReviewError("the request is not JSON; send {\"version\": ..., \"ops\": [...]}") from None
        if not isinstance(data, dict):
            raise ReviewError("the request must be a JSON object")
        return data

    def api(fn):
        async def handler(request: Request) -> Response:
            if not authorised(request, request.headers.get("x-review-token")):
                return refused()
            try:
                data = await body(request) if request.method == "POST" else {}
                with lock:
                    try:
                        result = fn(data)
                    except NewsfactsError as exc:  # a checkout file the build's readers refuse (a FIFO schema, a bad code list)
                        raise ReviewError(f"{str(exc).strip()}; fix it, then reload the page", 409) from None
                return JSONResponse(result, headers=headers())
            except ReviewError as exc:
                extra: dict[str, Any] = {}
                if exc.status == 409:  # the page shows what is on disk now
                    try:
                        extra["state"] = review.state(error=str(exc))
                    except (ReviewError, NewsfactsError):
                        pass
                return JSONResponse({"error": str(exc), **extra}, status_code=exc.status, headers=headers())
        return handler

    routes = [
        Route("/", page),
        Route("/api/state", api(lambda d: review.state())),
        Route("/api/codes", api(lambda d: review.codes())),
        Route("/api/apply", api(lambda d: review.apply(d.get("version"), d.get("ops"))), methods=["POST"]),
        Route("/api/build", api(lambda d: review.build()), methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.token = token
    return app


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server(review: Review, port: int = 0, token: str | None = None):
    """A uvicorn server for the review (not started) and its address."""
    import uvicorn

    port = port or free_port()
    app = make_app(review, token, port)
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", access_log=False, lifespan="off")
    return uvicorn.Server(config), f"http://{HOST}:{port}/?token={app.state.token}"


def run(review: Review, port: int, open_browser: bool, echo) -> None:
    srv, url = server(review, port)
    echo(f"reviewing {review.article_id}: {url}")
    echo("only this machine can reach it; press Ctrl+C to stop (every change is saved as you make it)")
    if open_browser:
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    srv.run()
