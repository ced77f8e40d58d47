"""Staff questions: parser (text -> query), engine (query -> SQL aggregates), answers and the annual report."""
