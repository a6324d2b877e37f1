"""Forms of the events pages, one module per part. They shape input for the services, which check and save."""
