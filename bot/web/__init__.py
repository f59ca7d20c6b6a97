"""The service's HTTP endpoint: the wire format (pure) and the bounded server."""
