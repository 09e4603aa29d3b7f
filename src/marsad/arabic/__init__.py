"""Arabic language knowledge, in one place: normalization, tokens and clitics, sentences,
numbers, months and calendars. Everything else imports from here."""
