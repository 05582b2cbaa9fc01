"""Project commands (COMMANDS_MODULE): they override Scrapy's built-ins of the same name."""
