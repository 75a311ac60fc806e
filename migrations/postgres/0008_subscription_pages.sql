-- Which status pages a channel hears about (issue 11): JSON array of page ids, NULL = every page.
ALTER TABLE subscriptions ADD COLUMN pages TEXT;
