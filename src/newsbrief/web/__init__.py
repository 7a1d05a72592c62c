"""The newsbrief web app: server-rendered pages and a JSON API over the store."""

from newsbrief.web.app import create_app

__all__ = ["create_app"]
