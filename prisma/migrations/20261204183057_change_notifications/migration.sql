-- Announce changes to accounts and to gradable content on the channel
-- "drillbook_changes", so that every app instance can drop what it cached
-- (lib/cache/change-feed.ts). A notification is sent when its transaction
-- commits, and identical payloads within one transaction are sent once.

-- "user:<id>" when an account's row changes or goes: its role, name,
-- email or session revocation time may be cached by any instance.
CREATE FUNCTION "drillbook_notify_user_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('drillbook_changes', 'user:*');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('drillbook_changes', 'user:' || OLD."id");
  ELSE
    PERFORM pg_notify('drillbook_changes', 'user:' || NEW."id");
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "User_notify_change"
AFTER UPDATE OR DELETE ON "User"
FOR EACH ROW EXECUTE FUNCTION "drillbook_notify_user_change"();

CREATE TRIGGER "User_notify_truncate"
AFTER TRUNCATE ON "User"
FOR EACH STATEMENT EXECUTE FUNCTION "drillbook_notify_user_change"();

-- "content" once per statement that changes what grading reads: drills,
-- questions, rubrics and their criteria. These change only when content
-- is authored or imported, so every cached question is dropped at once.
CREATE FUNCTION "drillbook_notify_content_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('drillbook_changes', 'content');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Drill_notify_change"
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Drill"
FOR EACH STATEMENT EXECUTE FUNCTION "drillbook_notify_content_change"();

CREATE TRIGGER "Question_notify_change"
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Question"
FOR EACH STATEMENT EXECUTE FUNCTION "drillbook_notify_content_change"();

CREATE TRIGGER "Rubric_notify_change"
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Rubric"
FOR EACH STATEMENT EXECUTE FUNCTION "drillbook_notify_content_change"();

CREATE TRIGGER "RubricCriterion_notify_change"
AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RubricCriterion"
FOR EACH STATEMENT EXECUTE FUNCTION "drillbook_notify_content_change"();
