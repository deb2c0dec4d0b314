"""The web app: FastAPI pages with JSON twins over copydesk.api (see copydesk.web.app.create_app)."""
