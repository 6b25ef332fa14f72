"""The API's routers, one module per bounded context, and what they share."""
