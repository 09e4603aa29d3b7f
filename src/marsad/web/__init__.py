"""The analyst's desk: web pages and a JSON API over a Marsad store (``create_app``)."""
