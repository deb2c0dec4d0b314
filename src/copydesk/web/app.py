"""The copydesk web app: stories, story pages, articles, uploads; every page has a JSON twin.

The app calls only ``copydesk.api`` for data and ``copydesk.report`` for drawing.
``URL.json`` returns the data behind ``URL``; errors share one JSON shape
{"error": {"code", "message", "status"}} and HTML pages render a friendly error page.
``copydesk.web.security`` guards every request; uploads go to disk through
``copydesk.web.uploads`` and are ingested by ``copydesk.web.jobs``.
"""

from __future__ import annotations

import re
import shutil
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, AsyncIterator, Callable, Mapping

import jinja2
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from copydesk import api
from copydesk.errors import Code, CopydeskError
from copydesk.report.highlight import anchor_id
from copydesk.report.html import context as report_context
from copydesk.report.html import environment
from copydesk.report.brief import sides
from copydesk.report.deps import sample_groups
from copydesk.report.matrix import build_matrix
from copydesk.report.spans import sentence_span
from copydesk.settings import Settings
from copydesk.web import uploads
from copydesk.web.jobs import Jobs
from copydesk.web.security import CSRF_FIELD, CSRF_HEADER, CsrfTokens, Guard, error_body, link_target

STATUS = {"E105": 413, "E603": 404, "E604": 404, "E606": 409, "E701": 404, "E704": 404, "E702": 400, "E706": 403,
          "E901": 400, "E902": 400}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SWAGGER_ASSETS = "/assets/swagger"

# Query parameters, bounded so that no value reaches the store it cannot take.
Q = Annotated[str | None, Query(max_length=500, description="words in the title or text")]
Source = Annotated[str | None, Query(max_length=300)]
Day = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=500)]
#: Claims one story page shows (its JSON twin too); the others are pages away.
STORY_PAGE_CLAIMS = 50
#: Mentions a claim carries on a story page (a claim a thousand outlets state has a thousand).
STORY_PAGE_MENTIONS = 24
#: Articles a story page names in its header (all are in the matrix's groups and the JSON).
STORY_PAGE_ARTICLES = 40
ClaimLimit = Annotated[int, Query(ge=1, le=500, description="claims per page")]
ClaimId = Annotated[str | None, Query(max_length=200, description="open the page holding this claim")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files", CSRF_FIELD],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                   CSRF_FIELD: {"type": "string", "description": f"from /upload.json (or the {CSRF_HEADER} header)"}}}}}}}


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _article_href(article: str, start: int) -> str:
    return f"/articles/{article}#{anchor_id(article, start)}"


def create_app(db: str | None = None, settings: Any = None) -> FastAPI:
    """The FastAPI app over ``db`` (default: the settings' database)."""
    if db is None and settings is not None:
        db = settings.db
    limits = settings or Settings.load()
    jobs = Jobs()
    csrf = CsrfTokens()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()

    app = FastAPI(title="copydesk", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="What many articles about one event actually establish. "
                              "Every HTML page has a JSON twin at the same URL + '.json'.")
    app.add_middleware(Guard, hosts=(limits.host,))
    app.mount(SWAGGER_ASSETS, StaticFiles(directory=str(resources.files("fastapi_offline") / "static")),
              name="swagger-assets")
    env = environment(jinja2.PackageLoader("copydesk.web", "templates"))
    env.filters["http_link"] = link_target
    app.state.jobs = jobs
    app.state.db = db

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("sources", {})
        html = env.get_template(name).render(request=request, path=request.url.path, csrf_token=csrf.token,
                                             csp_nonce=request.state.csp_nonce, **ctx)
        return HTMLResponse(html, status_code=status)

    def fail(request: Request, code: str, message: str, status: int) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(code, message, status), status_code=status)
        return page(request, "error.html", status=status, code=code, message=message, status_code=status)

    @app.exception_handler(CopydeskError)
    async def _copydesk_error(request: Request, exc: CopydeskError) -> Response:
        return fail(request, exc.code.name, exc.message, STATUS.get(exc.code.name, 500 if exc.code.name[1] in "56" else 400))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "E701" if exc.status_code == 404 else "E702"
        msg = Code.E701.format(detail=request.url.path) if exc.status_code == 404 else Code.E702.format(detail=exc.detail)
        return fail(request, code, msg, exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        detail = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in exc.errors())
        return fail(request, "E702", Code.E702.format(detail=detail), 400)

    def _check_dates(**dates: str | None) -> None:
        for name, v in dates.items():
            if v and not _DATE.match(v):
                raise CopydeskError(Code.E702, detail=f"{name}={v!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")

    # --- stories ------------------------------------------------------------------------

    def stories_data(q: str | None, source: str | None, since: str | None, until: str | None,
                     limit: int, offset: int) -> dict[str, Any]:
        _check_dates(since=since, until=until)
        rows = api.list_stories(db=db, q=q or None, source=source or None, since=since or None,
                                until=until or None, limit=limit, offset=offset)
        return {"stories": rows, "filters": {"q": q, "source": source, "since": since, "until": until},
                "limit": limit, "offset": offset, "sources": api.sources(db=db)}

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse("/stories", status_code=307)

    @app.get("/stories.json", summary="Stories (JSON)")
    def stories_json(q: Q = None, source: Source = None, since: Day = None, until: Day = None,
                     limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return stories_data(q, source, since, until, limit, offset)

    @app.get("/stories", response_class=HTMLResponse, summary="Stories")
    def stories_page(request: Request, q: Q = None, source: Source = None, since: Day = None, until: Day = None,
                     limit: Limit = 50, offset: Offset = 0) -> Response:
        data = stories_data(q, source, since, until, limit, offset)
        return page(request, "stories.html", **data, all_sources=data["sources"])

    def story_page_data(story_id: str, offset: int, limit: int, claim: str | None) -> dict[str, Any]:
        """One page of a story's report: ``limit`` claims from ``offset`` (or from the page holding
        ``claim``); the whole report is computed once per membership and cached by the API."""
        if claim:
            whole = api.story_report(story_id, db=db)
            ids = [c["id"] for st in whole["stories"] for c in st["claims"]]
            if claim in ids:
                offset = ids.index(claim) // limit * limit
        doc = api.story_report(story_id, db=db, offset=offset, limit=limit)
        arts = {a["id"]: a for a in doc["articles"]}
        # the matrix of this page's claims, so each claim on the page has its row (and its anchor)
        stories = [{**st, "matrix": build_matrix(st, arts, max_rows=limit),
                    "claims": [_few_mentions(c, STORY_PAGE_MENTIONS) for c in st["claims"]],
                    "quotes": [_few_variants(q, STORY_PAGE_MENTIONS) for q in st.get("quotes", ())]}
                   for st in doc["stories"]]
        return {**doc, "stories": stories}

    @app.get("/stories/{story_id}.json", summary="One page of a story's report (JSON, copydesk.report/1)")
    def story_json(story_id: str, offset: Offset = 0, limit: ClaimLimit = STORY_PAGE_CLAIMS,
                   claim: ClaimId = None) -> dict[str, Any]:
        return _cited_articles_only(story_page_data(story_id, offset, limit, claim))

    @app.get("/stories/{story_id}.html", response_class=HTMLResponse, summary="One story as a standalone HTML report")
    def story_report_html(story_id: str) -> HTMLResponse:
        # A download: opened from disk it runs its own script, served here the policy blocks it.
        return HTMLResponse(api.render(api.story_report(story_id, db=db), "html"),
                            headers={"content-disposition": f'attachment; filename="story-{_file_id(story_id)}.html"'})

    @app.get("/stories/{story_id}.md", summary="One story as Markdown")
    def story_report_md(story_id: str) -> Response:
        return Response(api.render(api.story_report(story_id, db=db), "md"), media_type="text/markdown; charset=utf-8")

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="One story, a page of its claims at a time")
    def story_page(request: Request, story_id: str, offset: Offset = 0, limit: ClaimLimit = STORY_PAGE_CLAIMS,
                   claim: ClaimId = None) -> Response:
        doc = story_page_data(story_id, offset, limit, claim)
        story = next(s for s in doc["stories"] if s["id"] == story_id) if doc["stories"] else None
        if story is None:
            raise CopydeskError(Code.E604, detail=story_id)
        ctx = report_context(doc, _article_href)
        return page(request, "story.html", story=story, max_listed=STORY_PAGE_ARTICLES, **ctx)

    # --- articles -----------------------------------------------------------------------

    def articles_data(q: str | None, source: str | None, since: str | None, until: str | None,
                      limit: int, offset: int) -> dict[str, Any]:
        _check_dates(since=since, until=until)
        rows = api.list_articles(db=db, q=q or None, source=source or None, since=since or None,
                                 until=until or None, limit=limit, offset=offset)
        return {"articles": rows, "filters": {"q": q, "source": source, "since": since, "until": until},
                "limit": limit, "offset": offset, "sources": api.sources(db=db)}

    @app.get("/articles.json", summary="Articles (JSON)")
    def articles_json(q: Q = None, source: Source = None, since: Day = None, until: Day = None,
                      limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        return articles_data(q, source, since, until, limit, offset)

    @app.get("/articles", response_class=HTMLResponse, summary="Articles")
    def articles_page(request: Request, q: Q = None, source: Source = None, since: Day = None, until: Day = None,
                      limit: Limit = 50, offset: Offset = 0) -> Response:
        data = articles_data(q, source, since, until, limit, offset)
        return page(request, "articles.html", **data, all_sources=data["sources"])

    @app.get("/articles/{article_id}.json", summary="One article with its mentions and claims (JSON)")
    def article_json(article_id: str) -> dict[str, Any]:
        return api.article_view(article_id, db=db)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="One article")
    def article_page(request: Request, article_id: str) -> Response:
        view = api.article_view(article_id, db=db)
        return page(request, "article.html", **article_context(view))

    # --- ingest -------------------------------------------------------------------------

    @app.get("/upload", response_class=HTMLResponse, summary="Upload form")
    def upload_page(request: Request) -> Response:
        return page(request, "upload.html")

    @app.get("/upload.json", summary="What the upload endpoint accepts (JSON)")
    def upload_json() -> dict[str, Any]:
        return {"endpoint": "/ingest", "method": "POST", "field": "files", CSRF_FIELD: csrf.token,
                "max_bytes": limits.max_upload_bytes,
                "formats": ["txt (+ NAME.json sidecar)", "jsonl", "html", "rss", "atom", "warc"]}

    def _check_token(request: Request, fields: Mapping[str, str]) -> None:
        if not csrf.valid(fields.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)):
            raise CopydeskError(Code.E706, detail=f"the form's {CSRF_FIELD} is missing or stale: reload the upload page")

    def _run_ingest(paths: list[str], progress: Callable[[str, int, int], None]) -> dict[str, Any]:
        s = api.ingest(paths, db=db, settings=settings, progress=progress)
        # the stories these articles joined are analysed now, in this background job, once
        api.warm_story_reports(list(s.new_ids), db=db, settings=settings, progress=progress)
        return {"ingested": s.ingested, "duplicates": s.duplicates, "rejected": s.rejected,
                "rejections": [r.to_dict() if hasattr(r, "to_dict") else dict(r) for r in s.rejections],
                "article_ids": list(s.article_ids), "new_ids": list(s.new_ids)}

    async def _ingest_upload(request: Request) -> Any:
        upload = await uploads.receive(request, limits.max_upload_bytes, lambda f: _check_token(request, f))
        try:
            job = jobs.start(upload.folder, upload.names, _run_ingest)
        except BaseException:
            shutil.rmtree(upload.folder, ignore_errors=True)
            raise
        await jobs.wait(job, 2.0)
        return job

    @app.post("/ingest.json", summary="Ingest uploaded files (JSON); answers 202 with a job to poll",
              openapi_extra=_UPLOAD_BODY)
    async def ingest_json(request: Request) -> JSONResponse:
        job = await _ingest_upload(request)
        return JSONResponse(job.to_dict(), status_code=200 if job.state in ("done", "failed") else 202,
                            headers={"Location": f"/jobs/{job.id}.json"})

    @app.post("/ingest", summary="Ingest uploaded files, then show the summary", openapi_extra=_UPLOAD_BODY)
    async def ingest_form(request: Request) -> RedirectResponse:
        job = await _ingest_upload(request)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def job_data(job_id: str) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise CopydeskError(Code.E704, detail=job_id)
        return job.to_dict()

    @app.get("/jobs/{job_id}.json", summary="An ingest job's progress and summary (JSON)")
    def job_json(job_id: str) -> dict[str, Any]:
        return job_data(job_id)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, summary="An ingest job's progress and summary")
    def job_page(request: Request, job_id: str) -> Response:
        return page(request, "job.html", job=job_data(job_id))

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        ui = get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="copydesk API",
                                 swagger_js_url=f"{SWAGGER_ASSETS}/swagger-ui-bundle.js",
                                 swagger_css_url=f"{SWAGGER_ASSETS}/swagger-ui.css",
                                 swagger_favicon_url=f"{SWAGGER_ASSETS}/favicon.png",
                                 swagger_ui_parameters={"validatorUrl": None})
        html = bytes(ui.body).decode().replace("<script>", f'<script nonce="{request.state.csp_nonce}">')
        return HTMLResponse(html)

    return app


def _few_mentions(claim: Mapping[str, Any], cap: int) -> Mapping[str, Any]:
    """``claim`` with at most ``cap`` of its mentions, every side of it keeping some in turn, its
    differences renumbered to them; ``mentions_total`` says how many it has."""
    ms = claim["mentions"]
    if len(ms) <= cap:
        return claim
    keep = sorted(i for side in sample_groups(sides(claim), cap) for i in side)
    new = {old: k for k, old in enumerate(keep)}
    diffs = [{**d, "mentions": [new[i] for i in d["mentions"]]} for d in claim["differences"]
             if all(i in new for i in d["mentions"])]
    return {**claim, "mentions": [ms[i] for i in keep], "differences": diffs, "mentions_total": len(ms)}


def _few_variants(quote: Mapping[str, Any], cap: int) -> Mapping[str, Any]:
    """``quote`` with its first ``cap`` other wordings (and their mentions); ``variants_total`` counts them."""
    if len(quote["variants"]) <= cap:
        return quote
    return {**quote, "variants": quote["variants"][:cap], "mentions": quote["mentions"][:cap + 1],
            "variants_total": quote.get("variants_total", len(quote["variants"]))}  # the report may cap them too


def _cited_articles_only(doc: dict[str, Any]) -> dict[str, Any]:
    """A story page's report with only the articles its page cites (claims, quotes, timeline,
    brief), its dependence edges touch and its matrix shows; ``page.articles`` counts them all."""
    keep: set[str] = set()
    for st in doc["stories"]:
        for c in st["claims"]:
            keep.update(m["article"] for m in c["mentions"])
        for part in ("quotes", "timeline"):
            for item in st.get(part, ()):
                keep.update(m["article"] for m in item.get("mentions", ()))
        for b in st.get("brief", ()):
            keep.update(c["article"] for c in b.get("citations", ()))
        for d in st.get("dependencies", ()):
            keep.update(d["articles"])
        keep.update(col["article"] for col in st.get("matrix", {}).get("columns", ()))
        if "page" in st:
            st["page"] = {**st["page"], "articles": len(doc["articles"])}
    return {**doc, "articles": [a for a in doc["articles"] if a["id"] in keep]}


def _file_id(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", value)[:80]


def _claim_href(c: Mapping[str, Any]) -> str:
    """The story page holding claim ``c``, at its row."""
    return f"/stories/{c['story']}?claim={c['id']}#claim-{c['id']}"


def article_context(view: Mapping[str, Any]) -> dict[str, Any]:
    """Template variables of the article page: highlighted text linking mentions to their claims."""
    art = view["article"]
    text = art["text"]
    links: dict[tuple[int, int], str] = {}
    for c in view.get("claims", ()):
        if "start" in c and "end" in c:
            links.setdefault((c["start"], c["end"]), _claim_href(c))
    mentions = [{"kind": m["kind"], "start": m["start"], "end": m["end"], "title": mention_title(m)}
                for m in view.get("mentions", ())]
    spans = [(c["start"], c["end"], _claim_href(c)) for c in view.get("claims", ())
             if "start" in c and "end" in c]
    for m in mentions:  # a mention inside a claim's span links to that claim
        href = next((h for s, e, h in spans if s <= m["start"] and m["end"] <= e), None)
        if href:
            links.setdefault((m["start"], m["end"]), href)
    cited = {sentence_span(text, c["start"], c["end"])[0] for c in view.get("claims", ()) if "start" in c}
    claim_marks = [{"kind": "claim", "start": c["start"], "end": c["end"]} for c in view.get("claims", ())
                   if "start" in c and not any(m["start"] == c["start"] and m["end"] == c["end"] for m in mentions)]
    return {"view": view, "article": art, "mentions": mentions + claim_marks, "links": links, "cited": cited,
            "cite_start": lambda c: sentence_span(text, c["start"], c["end"])[0]}


def mention_title(m: Mapping[str, Any]) -> str:
    """A hover label for a mention: its kind and normalized value."""
    v = m.get("value") or {}
    if m["kind"] == "time" and v.get("timex"):
        return f"time: {v['timex']}"
    if m["kind"] == "quantity" and isinstance(v, Mapping):
        amount = v.get("amount") if v.get("amount") is not None else f"{v.get('low')}–{v.get('high')}"
        return " ".join(str(x) for x in ("quantity:", v.get("qualifier") or "", amount, v.get("unit") or "",
                                         m.get("counted") or "") if x != "").replace("  ", " ")
    if m["kind"] == "quote":
        return f"quote: {m.get('speaker') or 'unattributed'}"
    if m["kind"] == "entity":
        return f"entity: {m.get('type', '')} {m.get('canonical', '')}".strip()
    return str(m["kind"])
