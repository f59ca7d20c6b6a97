"""Read models: what a company's pipeline, its trials and the service status look like."""
